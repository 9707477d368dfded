"""The command line. This module owns printing and exit codes.

Exit codes: 0 success (warnings allowed), 1 the data or a template has errors (or
warnings under --strict), 2 the command was used wrongly. Heavy modules are imported
inside the commands, so ``raportti --help`` costs no more than click itself.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from raportti import __version__

if TYPE_CHECKING:
    from pathlib import Path


class _path:  # noqa: N801 - used like a type by click.Path
    """Makes a pathlib.Path, importing pathlib only when a command runs: ``--help``
    should cost no more than click itself."""

    def __new__(cls, value):  # type: ignore[misc]
        from pathlib import Path

        return Path(value)


class _ProjectPath(click.Path):
    """A project path; an empty one ("") is wrong use, for every command alike."""

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if isinstance(value, str) and not value.strip():
            self.fail("the path is empty: name the project folder, or '.' for this folder.", param, ctx)
        return super().convert(value, param, ctx)


PROJECT = _ProjectPath(exists=False, file_okay=True, dir_okay=True, path_type=_path)


class _Group(click.Group):
    """Shows an unexpected failure as one plain sentence instead of a traceback, and
    lists the commands in the order a new user meets them, each with its whole first
    sentence."""

    ORDER = ("init", "reports", "validate", "build", "preview", "new-year", "diff", "fmt", "import")

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = super().list_commands(ctx)
        rank = {name: i for i, name in enumerate(self.ORDER)}
        return sorted(names, key=lambda name: (rank.get(name, len(rank)), name))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=200)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        import os

        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except OSError as exc:  # the file system refused a path the user gave: not a bug
            if os.environ.get("RAPORTTI_DEBUG"):
                raise
            click.echo(click.style("Error: ", fg="red", bold=True) + _os_error_message(exc), err=True)
            sys.exit(2)
        except BrokenPipeError:  # 'raportti reports NAME | head': the reader has gone
            sys.exit(0)
        except Exception as exc:  # the last resort: never a traceback for a user
            if os.environ.get("RAPORTTI_DEBUG"):
                raise
            click.echo(
                click.style("Internal error: ", fg="red", bold=True)
                + f"{type(exc).__name__}: {exc}. This is a bug in raportti; please report it "
                "with the input that caused it (RAPORTTI_DEBUG=1 shows the details).",
                err=True,
            )
            sys.exit(1)


def _os_error_message(exc: OSError) -> str:
    import errno

    reason = {
        errno.ENOTDIR: "a file is in the way where a folder should be",
        errno.EISDIR: "a folder is in the way where a file should be",
        errno.EACCES: "you have no permission for it", errno.EPERM: "you have no permission for it",
        errno.ENOSPC: "the disk is full", errno.EROFS: "the disk is read-only",
        errno.ENOENT: "it does not exist", errno.ELOOP: "a link in it leads back to itself",
        errno.EEXIST: "it already exists",
    }.get(exc.errno or 0, (exc.strerror or str(exc)).lower())
    where = f" '{exc.filename}'" if exc.filename else ""
    return f"Cannot use{where}: {reason}."


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="raportti")
def main() -> None:
    """Turn a project's reporting data (YAML in git) into STEA report documents.

    A project is a folder: project.yaml (the project's facts) and a folder per report
    year (e.g. 2026/) with goals.yaml, activities.yaml, partners.yaml, results.yaml,
    monitoring.yaml, plans.yaml and year.yaml. Texts are Markdown; numbers a reader
    checks are figures, named in the text as {name}.

    \b
    From an empty folder to a report:
      raportti init my-project            every file, with Finnish comments on what goes where
      raportti reports toimintakertomus   which file and key each question of a form reads
      raportti validate my-project        what is unfinished or wrong, as file:line:column
      raportti build my-project           the report as Markdown and Word into my-project/build/

    Each command explains itself: raportti init --help. The Finnish user guide
    (käyttöopas) is docs/opas/ in raportti's repository; the data format is
    docs/data-format.md.
    """
    import gc

    # Reading a project allocates many small objects and makes few reference cycles:
    # with the default threshold the collector ran thousands of times for nothing,
    # about 8 % of a build.
    gc.set_threshold(100_000, 50, 100)


# -- printing ---------------------------------------------------------------------------


def _echo_problem(problem, fmt: str = "text", strict: bool = False, language: str | None = None) -> None:
    from raportti.i18n import catalogue as translations

    language = language or translations.language_from_environment()
    severity = "error" if problem.is_error or strict else "warning"
    text = translations.message(problem, language)
    where = problem.location(_path('.'))
    if fmt == "github":
        params = []
        if problem.file is not None:
            params.append(f"file={_relative(problem.file)}")
        if problem.line:
            params.append(f"line={problem.line}")
        if problem.column:
            params.append(f"col={problem.column}")
        title = f"raportti {problem.code}"
        params.append(f"title={title}")
        message = (f"{problem.path}: " if problem.path else "") + text
        click.echo(f"::{severity} {','.join(params)}::{_github_escape(message)}")
        return
    prefix = f"{where}: " if where else ""
    path = f"{problem.path}: " if problem.path else ""
    label = click.style(f"{translations.severity(severity, language)}:",
                        fg="red" if severity == "error" else "yellow", bold=True)
    click.echo(f"{prefix}{label} {path}{text}", err=True)
    if problem.source_line is not None and problem.source_line.strip():
        shown, caret_at = _excerpt(problem.source_line.rstrip().expandtabs(),
                                   len(problem.source_line[: (problem.column or 1) - 1].expandtabs()))
        click.echo(f"    {shown}", err=True)
        if problem.column:
            click.echo("    " + " " * caret_at + "^", err=True)


def _excerpt(line: str, column: int, width: int = 100) -> tuple[str, int]:
    """A long source line cut to about ``width`` characters around ``column`` (0-based),
    with '…' where it was cut; the line and the caret's new column."""
    if len(line) <= width:
        return line, column
    start = max(0, min(column - width // 3, len(line) - width))
    end = start + width
    shown = line[start:end]
    if start > 0:
        shown = "…" + shown[1:]
    if end < len(line):
        shown = shown[:-1] + "…"
    return shown, column - start


def _relative(path: Path) -> str:
    from raportti.problems import shown_path

    return str(shown_path(path, _path(".")))


def _github_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _problem_json(problem, strict: bool, language: str = "en") -> dict:
    from raportti.i18n import catalogue as translations

    return {
        "file": _relative(problem.file) if problem.file else None,
        "line": problem.line,
        "column": problem.column,
        "path": problem.path,
        "severity": "error" if problem.is_error or strict else problem.severity,
        "code": problem.code,
        "message": translations.message(problem, language),
    }


def _fail(exc: Exception) -> None:
    """Show a user-facing failure and exit 1 (2 for a wrong use of the command)."""
    from raportti.problems import DataError, UsageError

    if isinstance(exc, DataError):
        for problem in exc.problems:
            _echo_problem(problem)
        errors = sum(1 for p in exc.problems if p.is_error)
        from raportti.i18n.catalogue import count, language_from_environment

        stopped = (f"Pysäytetty: {count(errors, 'virhe')}. Mitään ei kirjoitettu." if language_from_environment() == "fi"
                   else f"Stopped: {errors} error(s). Nothing was written.")
        click.echo(click.style(stopped, fg="red"), err=True)
    else:
        click.echo(click.style("Error: ", fg="red", bold=True) + str(exc), err=True)
    sys.exit(2 if isinstance(exc, UsageError) else 1)


def _require_folders(paths) -> None:
    """A project folder that is not there is a wrong use of the command (exit 2)."""
    for path in paths:
        if not path.exists():
            raise click.UsageError(f"The project folder '{path}' does not exist.")


# -- commands ---------------------------------------------------------------------------


@main.command()
@click.argument("project", type=PROJECT, default=".")
@click.option("-r", "--report", metavar="NAME",
              help="Report structure to build (a folder under templates/). "
                   "Default: default_report in project.yaml.")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=_path),
              help="Folder for the documents. Default: build/ inside the project.")
@click.option("-f", "--format", "formats", type=click.Choice(["md", "docx", "html", "pdf"]), multiple=True,
              help="Which documents to write (repeatable). Default: md and docx. html is one "
                   "self-contained page with a copy button per answer (see 'raportti preview'). "
                   "pdf is made from the DOCX by LibreOffice, which must be installed.")
@click.option("--reference-doc", type=click.Path(exists=True, dir_okay=False, path_type=_path),
              help="A .docx whose styles and page setup the DOCX uses (e.g. your organisation's).")
def build(project: Path, report: str | None, out_dir: Path | None, formats: tuple[str, ...],
          reference_doc: Path | None) -> None:
    """Build a report of PROJECT as Markdown and DOCX (and HTML on request).

    PROJECT is the project folder (default: the current folder). The data is
    validated first: on any error nothing is written and the errors are listed as
    validate lists them; warnings (unfinished texts, empty figures) are shown and the
    documents are written. A question without data says "Ei tietoa tästä
    kohdasta." and is counted at the end. 'raportti reports' lists the report
    structures.

    \b
      raportti build my-project
      raportti build my-project --report tuloksellisuusraportti -o ~/Raportit
    """
    from raportti.build import FORMATS, build as run_build
    from raportti.problems import DataError, UserError
    from raportti.writers.output import check_folder

    _require_folders([project])

    try:
        if out_dir is not None:  # before the work, not after it
            check_folder(out_dir)
        result = run_build(project, report=report, out_dir=out_dir, formats=formats or FORMATS,
                           reference_doc=reference_doc)
    except (DataError, UserError) as exc:
        _fail(exc)
        return
    for warning in result.warnings:
        _echo_problem(warning)
    for note in result.notes:
        click.echo(note, err=True)
    for path in result.outputs:
        click.echo(f"Wrote {_relative(path)}")
    if result.year is not None:
        click.echo(f"Report year: {result.year}.")
    empty = result.report.empty_questions
    total = sum(1 for _ in result.report.form.questions())
    if empty:
        click.echo(f"{len(empty)} of {total} questions had no data; the report says "
                   f"\"{result.report.form.no_data}\" for:")
        for question in empty:
            click.echo(f"  {_question_name(question)}")
    else:
        click.echo(f"All {total} questions answered.")
    if result.warnings:
        click.echo(f"{len(result.warnings)} warning(s) above; the documents were written.", err=True)


def _question_name(question) -> str:
    """A question as a coordinator finds it in the form: its number and its first words
    (a bare "2." or an id says nothing), without the guidance in parentheses."""
    words = question.text.split("(")[0].split()
    text = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
    return f"{question.number}. {text}" if question.number is not None else text


def _interactive() -> bool:
    """Whether to ask for what is missing: only when a person is at the terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()


@main.command()
@click.argument("folder", type=click.Path(path_type=_path))
@click.option("--name", help="The project's name as reports write it.")
@click.option("--organisation", help="The organisation that runs the project (hallinnoiva järjestö).")
@click.option("--year", type=click.IntRange(1900, 2200),
              help="The first report year: its folder is made. Default: the report's year, else this year.")
@click.option("--report", metavar="NAME",
              help="The report structure to prepare for (see 'raportti reports'); it becomes "
                   "default_report and the files' comments name its questions.")
@click.option("--lang", type=click.Choice(["en", "fi"]), default=None,
              help="Language of the questions and the closing advice (fi: suomeksi). Default: "
                   "from RAPORTTI_LANG or the locale, as for validate.")
def init(folder: Path, name: str | None, organisation: str | None, year: int | None,
         report: str | None, lang: str | None) -> None:
    """Start a new project in FOLDER: project.yaml and a first year folder.

    Every file is written with Finnish comments that say what each part is for and
    which question of the report it answers, a 'Tähän tulee …' placeholder in each
    text and empty figures. It validates and builds at once (validate lists what is
    still to fill in). Asks for what is missing when run in a terminal; otherwise
    uses placeholders. Never overwrites a file.

    \b
      raportti init my-project
      raportti init my-project --name "Järjestöt yhdessä" --organisation "Esimerkki ry" --year 2026
    """
    from raportti.report.forms import available_forms, find_form, load_form
    from raportti.years.newproject import (PLACEHOLDER_NAME, PLACEHOLDER_ORGANISATION, default_report,
                                     start_project, this_year)
    from raportti.problems import DataError, UserError

    from raportti.i18n import catalogue as translations

    fi = (lang or translations.language_from_environment()) == "fi"
    ask = _interactive()
    names = available_forms(folder if folder.is_dir() else None)
    if report is None:
        report = default_report(names)
        if ask and names:
            report = click.prompt(("Raporttipohja" if fi else "Report structure") + " (" + ", ".join(names) + ")",
                                  type=click.Choice(names), default=report, show_choices=False)
    if report is None:
        _fail(UserError("No report structure is installed; reinstall raportti."))
        return
    try:
        form = load_form(find_form(report, folder if folder.is_dir() else None))
    except (DataError, UserError) as exc:
        _fail(exc)
        return
    if name is None:
        name = (click.prompt("Hankkeen nimi" if fi else "Project name", default=PLACEHOLDER_NAME)
                if ask else PLACEHOLDER_NAME)
    if organisation is None:
        organisation = (click.prompt("Hallinnoiva järjestö" if fi else "Organisation (hallinnoiva järjestö)",
                                     default=PLACEHOLDER_ORGANISATION) if ask else PLACEHOLDER_ORGANISATION)
    if year is None:
        year = form.year or this_year()
        if ask:
            year = click.prompt("Ensimmäinen raporttivuosi" if fi else "First report year",
                                type=click.IntRange(1900, 2200), default=year)
    try:
        made = start_project(folder, name=name, organisation=organisation, year=year, report=form.name)
    except (DataError, UserError) as exc:
        _fail(exc)
        return
    for path in made.written:
        if ".raportti" not in path.parts:
            click.echo(f"Wrote {_relative(path)}")
    click.echo(f"Wrote the editor schemas into {_relative(folder / '.raportti' / 'schemas')}"
               + (f" ({len(made.kept)} already there, kept)" if made.kept else "") + ".")
    from raportti.years.newproject import year_choosable

    if form.year is not None and form.year != year and not year_choosable():
        click.echo(f"Note: {form.name} reports on the year {form.year}; with a first year {year} its "
                   f"questions about {form.year} stay empty. 'raportti reports' lists the others.")
    if fi:
        click.echo(f"\nSeuraavaksi: kirjoita omat tekstisi 'Tähän tulee …' -tekstien tilalle ja aja\n"
                   f"  raportti validate {folder}      # mitä vielä puuttuu tai on pielessä\n"
                   f"  raportti build {folder}         # {made.report} Markdown- ja Word-muodossa kansioon "
                   f"{_relative(folder / 'build')}\n"
                   f"Tiedostojen kommentit kertovat, mihin kysymykseen kukin kohta vastaa; "
                   f"'raportti reports {made.report}' näyttää saman kysymys kysymykseltä.")
    else:
        click.echo(f"\nNext: fill in the texts marked 'Tähän tulee …', then\n"
                   f"  raportti validate {folder}      # what is still missing or wrong\n"
                   f"  raportti build {folder}         # {made.report} as Markdown and Word into "
                   f"{_relative(folder / 'build')}\n"
                   f"The files' comments say which question each part answers; "
                   f"'raportti reports {made.report}' shows the same question by question.")


@main.command()
@click.argument("project", type=PROJECT, default=".")
@click.option("-r", "--report", metavar="NAME",
              help="Report structure to show. Default: default_report in project.yaml.")
@click.option("-p", "--port", type=click.IntRange(1, 65535), default=None,
              help="Port on 127.0.0.1 to serve on. Default: 8765, or a free one if that is taken.")
@click.option("--no-browser", is_flag=True, help="Do not open a browser; just print the address.")
def preview(project: Path, report: str | None, port: int | None, no_browser: bool) -> None:
    """Show a report of PROJECT in the browser, updated on every save.

    The page shows each question with its answer as STEA's online form asks them, the
    answer's length, and a button that copies it as plain text for the form. Problems
    in the data are listed at the top. It is served on this machine only (127.0.0.1).
    Stop with Ctrl-C.
    """
    from raportti.problems import UserError

    _require_folders([project])
    from raportti.preview.loop import run as run_preview

    try:
        run_preview(project, report=report, port=port, open_browser=not no_browser, say=click.echo)
    except UserError as exc:
        _fail(exc)


@main.command()
@click.argument("projects", type=PROJECT, nargs=-1)
@click.option("-r", "--report", metavar="NAME",
              help="Also check the rules of this report structure; a broken rule is an error. "
                   "Without it, the project's default_report is checked as 'build' checks it "
                   "(only an answer too long for the form is an error; other rules warn).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1 on any warning).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="Output: readable text, JSON, or GitHub Actions annotations.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes to use: one project each when there are many; for one large "
                   "project (over 0.5 MB of YAML), a second process for its checks. "
                   "Default: one per CPU core; 1 keeps everything in one process.")
@click.option("--lang", type=click.Choice(["en", "fi"]), default=None,
              help="Language of the messages (fi: suomeksi). Default: fi when RAPORTTI_LANG or "
                   "the locale (LANG) says Finnish, else en.")
def validate(projects: tuple[Path, ...], report: str | None, strict: bool, fmt: str, jobs: int | None,
             lang: str | None) -> None:
    """Check the data of one or more PROJECTS and list every problem.

    A PROJECT is a folder with project.yaml; a folder without one is searched for
    projects below it (default: the current folder). Each problem is shown as
    file:line:column: field: message, with the offending line. An error (a misspelt
    key, text where a number belongs, a figure nobody defined, broken YAML) stops
    'raportti build'; a warning (an unfinished text, an empty figure, a total that
    is not the sum of its parts) does not. Exit code 0 when valid (warnings
    allowed), 1 when not.
    """
    from raportti.i18n import catalogue as translations
    from raportti.checks.running import check_projects
    from raportti.project.loading import find_projects
    from raportti.problems import UserError

    lang = lang or translations.language_from_environment()
    _require_folders(projects)
    projects = tuple(p for given in (projects or (_path("."),)) for p in find_projects(given))
    try:
        all_problems = check_projects(list(projects), report=report, jobs=jobs)
    except UserError as exc:
        _fail(exc)
        return
    failing = [p for p in all_problems if p.is_error or strict]
    if fmt == "json":
        import json

        click.echo(json.dumps({
            "valid": not failing,
            "errors": sum(1 for p in all_problems if p.is_error or strict),
            "warnings": 0 if strict else sum(1 for p in all_problems if not p.is_error),
            "problems": [_problem_json(p, strict, lang) for p in all_problems],
        }, ensure_ascii=False, indent=2))
    else:
        for problem in all_problems:
            _echo_problem(problem, fmt, strict, lang)
        errors = sum(1 for p in all_problems if p.is_error)
        warnings = len(all_problems) - errors
        names = ", ".join(str(p) for p in projects)
        line = translations.summary(names, errors, warnings, bool(failing), lang)
        if failing:
            click.echo(click.style(line, fg="red"), err=True)
        else:
            click.echo(line)
    sys.exit(1 if failing else 0)


@main.command("reports")
@click.argument("name", required=False)
@click.option("-p", "--project", type=PROJECT, default=None,
              help="Also list the project's own report structures (its templates/ folder).")
@click.option("--lang", type=click.Choice(["en", "fi"]), default=None,
              help="Language of the explanations (fi: suomeksi). Default: from RAPORTTI_LANG "
                   "or the locale, as for validate.")
def list_reports(name: str | None, project: Path | None, lang: str | None) -> None:
    """List the report structures, or show which data each question of one reads.

    Without NAME: every report structure that can be built (built-in, and the
    project's own with --project). With NAME (e.g. loppuraportti): each question of
    that form with the files and keys its answer is made from, read from the form's
    templates, so you know where to write what.

    \b
      raportti reports
      raportti reports loppuraportti
      raportti reports loppuraportti --project my-project
    """
    from raportti.report.forms import available_forms, find_form, load_form
    from raportti.problems import DataError, UserError

    from raportti.i18n import catalogue as translations

    fi = (lang or translations.language_from_environment()) == "fi"
    if name is not None and project is None and (_path(name) / "project.yaml").is_file():
        name, project = None, _path(name)  # 'raportti reports PROJECT', as before
    try:
        if name is None:
            for form_name in available_forms(project):
                form = load_form(find_form(form_name, project))
                click.echo(f"{form_name}: {form.title}")
            click.echo("'raportti reports NIMI' näyttää, mistä tiedoista kunkin kysymyksen vastaus tehdään."
                       if fi else "'raportti reports NAME' shows which data each question of NAME reads.")
            return
        folder = find_form(name, project)
        form = load_form(folder)
    except (DataError, UserError) as exc:
        _fail(exc)
        return
    from raportti.report.datamap import question_data, question_name

    language = "fi" if fi else "en"
    subtitle, questions = question_data(form, folder)
    click.echo(f"{form.name}: {form.title}")
    if form.year is not None:
        click.echo(f"Raporttivuosi {form.year}: vuosikansiot lasketaan siitä." if fi
                   else f"Report year {form.year}: year folders are counted from it.")
    elif fi:
        click.echo("Raporttivuosi: uusin vuosikansio, tai project.yaml:ssa asetettu vuosi "
                   f"(reports: {{{form.name}: {{year: …}}}}).")
    else:
        click.echo("Report year: the latest year folder, or the year set in project.yaml "
                   f"(reports: {{{form.name}: {{year: …}}}}).")
    for reading in subtitle:
        click.echo(f"{'Alaotsikko lukee' if fi else 'The subtitle reads'} "
                   f"{reading.where(form.year, language)}: {reading.shown_keys()}")
    section = None
    for item in questions:
        if item.section != section:
            section = item.section
            click.echo(f"\n{section}")
        if item.question.text.strip() or item.question.number is not None:
            title = question_name(item)
            click.echo(f"  {title[:95].rstrip() + '…' if len(title) > 96 else title}")
        if not item.readings:
            click.echo("      (ei lue tietoja)" if fi else "      (reads no data)")
        for reading in item.readings:
            click.echo(f"      {reading.where(form.year, language)}: {reading.shown_keys()}")


# -- year over year ---------------------------------------------------------------------


@main.command("diff")
@click.argument("project", type=PROJECT)
@click.argument("years", type=int, nargs=-1, required=True)
@click.option("--since", "revision", metavar="REV",
              help="Compare YEAR with the same year at a git revision (a commit, branch or tag), "
                   "e.g. the version that was submitted.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output: readable text, or JSON.")
@click.option("--all", "everything", is_flag=True, help="Also list the figures that did not change.")
def diff(project, years: tuple[int, ...], revision: str | None, fmt: str, everything: bool) -> None:
    """Show what changed between two report years.

    Compares two YEARS of PROJECT (e.g. 2024 2025): a summary line, then what changed:
    goals added, reworded (with the stated reason) or dropped; figures as 'label: old →
    new (±n; ±%)' in Finnish number style (--all: also those that did not change);
    figures that appear or disappear; named partners; changed texts as a word diff. With
    --since REV, give one YEAR: it is compared with the same year's data at that git
    revision (a commit, branch or tag).

    \b
      raportti diff my-project 2024 2025
      raportti diff my-project 2025 --since HEAD~1
    """
    import tempfile
    from pathlib import Path

    from raportti.years import diff as diffing
    from raportti.problems import DataError, UserError

    _require_folders([project])
    if revision is not None and len(years) != 1:
        raise click.UsageError("With --since REV give one YEAR: it is compared with itself at REV.")
    if revision is None and len(years) != 2:
        raise click.UsageError("Give two YEARS to compare (e.g. 2024 2025), or one YEAR with --since REV.")
    try:
        new_data = diffing.load(project)
        if revision is None:
            old_year, new_year = years
            diffing.require_year(new_data, old_year)
            diffing.require_year(new_data, new_year)
            result = diffing.compare(diffing.Side(new_data, old_year), diffing.Side(new_data, new_year))
        else:
            (year,) = years
            diffing.require_year(new_data, year)
            with tempfile.TemporaryDirectory(prefix="raportti-since-") as tmp:
                old_data = diffing.load_at_revision(project, revision, Path(tmp))
                diffing.require_year(old_data, year, f" at revision '{revision}'", shown=project)
                result = diffing.compare(
                    diffing.Side(old_data, year, revision),
                    diffing.Side(new_data, year, working_tree=True,
                                 uncommitted=diffing.has_uncommitted_changes(project)))
    except (DataError, UserError) as exc:
        _fail(exc)
        return
    name = str(project)
    if fmt == "json":
        import json

        click.echo(json.dumps(diffing.render_json(result, name), ensure_ascii=False, indent=2))
    else:
        click.echo(diffing.render_text(result, name, everything=everything), nl=False)


@main.command("new-year")
@click.argument("project", type=PROJECT)
@click.argument("year", type=int)
@click.option("--from", "from_year", type=int, metavar="YEAR",
              help="The year to start from. Default: the latest year folder before YEAR.")
def new_year(project, year: int, from_year: int | None) -> None:
    """Start a new report year from the latest one.

    Writes PROJECT/YEAR/: goals carry forward in their latest wording, named partners
    stay, blocks keep their ids and titles; texts and figures are left empty with
    '# Täydennä: …' comments saying what to fill in. The new folder validates (with a
    warning for each empty figure). An existing year folder is never overwritten.
    """
    from raportti.checks.running import check_project
    from raportti.years.newyear import start_year
    from raportti.problems import DataError, UserError

    _require_folders([project])

    try:
        made = start_year(project, year, from_year)
    except (DataError, UserError) as exc:
        _fail(exc)
        return
    for path in made.files.values():
        click.echo(f"Wrote {_relative(path)}")
    sources = ", ".join(f"{kind} of {source}" for kind, source in made.sources.items())
    click.echo(f"Started {year} from {made.from_year} ({sources}): "
               f"{made.empty_texts} text(s) and {made.empty_figures} figure(s) to fill in.")
    folder = made.folder.resolve()
    problems = [p for p in check_project(project)
                if p.file is not None and folder in (p.file.resolve(), *p.file.resolve().parents)]
    errors = [p for p in problems if p.is_error]
    for problem in errors:
        _echo_problem(problem)
    if errors:
        click.echo(click.style(f"The new folder has {len(errors)} error(s); this is a bug in raportti, "
                               "please report it.", fg="red"), err=True)
        sys.exit(1)
    click.echo(f"The new folder validates with {len(problems)} warning(s) for what is still empty; "
               f"'raportti validate {project}' lists them.")


@main.command("fmt")
@click.argument("paths", type=PROJECT, nargs=-1)
@click.option("--check", is_flag=True,
              help="Change nothing: list the files that would change and exit 1 if there are any (for CI).")
def fmt_command(paths: tuple, check: bool) -> None:
    """Tidy the YAML files' layout (key order, indentation), keeping comments.

    PATHS are project folders (every project below a folder), year folders or single
    files; default '.'. Keys follow the schema's order, indentation is 2 (lists: '- '
    indented by 2), long lines are never wrapped; comments, block scalars, flow
    mappings and quotes stay as written. A second run changes nothing.
    """
    from pathlib import Path

    from raportti.project.layout import format_paths

    result = format_paths(list(paths) or [Path(".")], write=not check)
    for problem in result.problems:
        _echo_problem(problem)
    for path in result.changed:
        click.echo(f"Would reformat {_relative(path)}" if check else f"Formatted {_relative(path)}")
    total = len(result.changed) + len(result.unchanged)
    if check:
        if result.changed:
            click.echo(f"{len(result.changed)} of {total} file(s) would change. Run 'raportti fmt' to "
                       "format them.", err=True)
        elif total or not result.problems:
            click.echo(f"All {total} file(s) are formatted.")
    elif total or not result.problems:
        click.echo(f"{len(result.changed)} file(s) formatted, {len(result.unchanged)} already formatted.")
    sys.exit(1 if result.problems or (check and result.changed) else 0)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def textconv(file: str) -> None:
    """Print a DOCX file's text, for 'git diff'.

    One paragraph of FILE a line: headings start with '#', list items with '- ' or
    '1. ', a table row shows its cells separated by ' | '. In a repository,
    '.gitattributes' with '*.docx diff=raportti' and 'git config
    diff.raportti.years.textconv "raportti textconv"' make git diff show the changes in
    committed reports.
    """
    from pathlib import Path

    from raportti.problems import UserError
    from raportti.years.textconv import docx_text

    try:
        click.echo(docx_text(Path(file)), nl=False)
    except UserError as exc:
        _fail(exc)


@main.command("import")
@click.argument("document", type=click.Path(exists=True, dir_okay=False, path_type=_path))
@click.option("-r", "--report", required=True, metavar="NAME",
              help="The form the document answers (a folder under templates/), e.g. loppuraportti.")
@click.option("-o", "--output", "out", type=click.Path(path_type=_path), metavar="PROJECT",
              help="The project folder to write. Default: a folder named after the document. "
                   "An existing project gets the report's years added.")
@click.option("--year", type=int, metavar="YYYY", help="The report's year. Default: the form's year.")
@click.option("--name", metavar="TEXT", help="The project's name, when the document does not say it.")
@click.option("--force", is_flag=True, help="Replace files that already exist.")
def import_command(document, report: str, out, year: int | None, name: str | None, force: bool) -> None:
    """Turn a finished report (DOCX, Markdown or text) into draft project data.

    Finds the form's sections and questions in DOCUMENT by their texts and puts each
    answer where the form's templates read it: numbers become named figures, goals
    and the results under them are recognised. Places worth a human look carry a
    '# Tarkista: …' comment; text that found no place is kept in
    tuonti-jaljelle-jaanyt-YEAR.md. Nothing is overwritten without --force.
    """
    from raportti.importing import import_report
    from raportti.problems import DataError, UserError

    target = out if out is not None else document.with_suffix("")
    if target.resolve() == document.resolve():
        target = document.parent / (document.stem + "-hanke")
    try:
        summary = import_report(document, report, target, year=year, force=force, name=name)
    except (DataError, UserError) as exc:
        _fail(exc)
        return
    for path in summary.written:
        click.echo(f"Wrote {_relative(path)}")
    click.echo(f"Found {len(summary.found)} of the form's parts ({summary.questions - len(summary.missing)} "
               f"of {summary.questions} questions); placed {summary.placed} of {summary.answers} answer(s) in the "
               f"project's data; made {summary.figures} figure(s), {summary.goals} goal(s) "
               f"and {summary.results} result(s).")
    if summary.generated:
        click.echo(f"{summary.generated} answer(s) the report makes itself from other data (tables, lists); "
                   "what it would not write the same is in the leftovers file.")
    if summary.missing:
        click.echo("Not found in the document: " + "; ".join(summary.missing))
    if summary.leftovers:
        click.echo(f"{summary.leftovers} piece(s) of text had no place; they are in "
                   f"{_relative(summary.leftovers_file)}.")
    if summary.checks:
        click.echo(f"{len(summary.checks)} place(s) to check (marked '# Tarkista' in the files):")
        for line in summary.checks:
            click.echo(f"  {line}")
    for problem in summary.warnings:
        _echo_problem(problem)
    first = f"move what you need from {_relative(summary.leftovers_file)}, then " if summary.leftovers else ""
    click.echo(f"The project validates with {len(summary.warnings)} warning(s). "
               f"Next: {first}raportti build {_relative(target)} --report {summary.form}")


def run() -> None:
    """The console script: ``main``, then an exit that skips the interpreter's teardown.

    Freeing every object of a loaded project one by one at exit took longer than
    writing its documents (80 ms of a large build); the operating system frees the
    process's memory at once. Documents are already written and closed by then, and
    buffered output is flushed here.
    """
    import os

    try:
        main()
        code = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:  # sys.exit("message") prints the message, as Python would
            print(exc.code, file=sys.stderr)
            code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (raportti ... | head): nothing to flush to
            pass
    os._exit(code)
