"""Writing an imported draft: YAML files formatted as ``raportti fmt`` would, a leftovers file.

Everything is first written into a staging copy of the project and validated there; only
then are the new files moved into place, so a failed import leaves nothing behind. A file
that exists is never replaced unless asked (--force); importing into an existing project
adds the report's years and leaves project.yaml and the other years alone.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

from ruamel.yaml import YAML

from raportti.project.layout import WIDTH, format_text
from raportti.importing.placing import CHECK, Draft
from raportti.schema.models import FILE_KINDS, Project
from raportti.i18n.messages import _, ngettext
from raportti.source.scratch import scratch
from raportti.problems import UserError

LEFTOVERS = "tuonti-jaljelle-jaanyt"
_ORDER = ["year", "goals", "activities", "partners", "results", "monitoring", "plans"]


def leftovers_name(year: int) -> str:
    return f"{LEFTOVERS}-{year}.md"


def _order_keys(node, annotation) -> None:
    """Keys in the model's field order before dumping, so fmt's layout needs no moving."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from raportti.schema.errors import annotation_step, model_class

    if isinstance(node, CommentedMap):
        cls = model_class(annotation, dict(node))
        if cls is not None:
            order = list(cls.model_fields)
            wanted = sorted(node, key=lambda k: order.index(k) if k in order else len(order))
            if wanted != list(node):
                for key in wanted:
                    node[key] = node.pop(key)
        for key, value in node.items():
            _order_keys(value, annotation_step(annotation, key, value if isinstance(value, dict) else {}))
    elif isinstance(node, CommentedSeq):
        for item in node:
            _order_keys(item, annotation_step(annotation, 0, {}))


def render_file(content, model, header: str) -> str:
    _order_keys(content, model)
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = WIDTH
    yaml.allow_unicode = True
    content.yaml_set_start_comment(header)
    out = io.StringIO()
    yaml.dump(content, out)
    # The keys are in the model's order already (_order_keys), so fmt's round trip is all
    # that is left of its layout; the tests check the files against `raportti fmt --check`.
    return format_text(out.getvalue(), None)


def planned_files(draft: Draft, source: Path, out: Path) -> dict[Path, str]:
    """Each file the import writes (relative to ``out``) and its text."""
    files: dict[Path, str] = {}
    header = (f"Tuotu tiedostosta {source.name} (raportti import). Kohdat, joissa lukee '{CHECK}', "
              "kannattaa katsoa ennen raportin tekemistä.")
    if not (out / "project.yaml").is_file():
        files[Path("project.yaml")] = render_file(draft.project, Project, header)
    else:
        kept = {k: v for k, v in draft.project.items()
                if k not in ("schema_version", "name", "default_report") and
                not (k == "organisation" and v == "Täydennä järjestön nimi")}
        if kept:
            lines = "\n".join(f"- {k}: {v}" for k, v in kept.items())
            draft.leftovers.insert(0, ("project.yaml (ei muutettu, koska hanke oli jo olemassa)",
                                       "Nämä perustiedot löytyivät asiakirjasta; lisää ne project.yamliin "
                                       "tarvittaessa:\n\n" + lines))
    for year in sorted(draft.years):
        for kind in _ORDER:
            content = draft.years[year].get(kind)
            if content:
                files[Path(str(year)) / f"{kind}.yaml"] = render_file(content, FILE_KINDS[kind], header)
    files[Path(leftovers_name(draft.form_year))] = _leftovers_text(draft, source)
    files.update(draft.extra_files)
    return files


def _leftovers_text(draft: Draft, source: Path) -> str:
    lines = [f"# Tuonnista jäljelle jäänyt teksti ({source.name})", "",
             "Tämän tekstin `raportti import` löysi asiakirjasta, mutta ei osannut sijoittaa sitä "
             "hankkeen tietoihin. Siirrä tarvittavat kohdat oikeisiin tiedostoihin ja poista tämä tiedosto.", ""]
    if not draft.leftovers:
        lines.append("Kaikki teksti löysi paikkansa.")
    for where, markdown in draft.leftovers:
        lines += [f"## {where}", "", markdown.rstrip(), ""]
    return "\n".join(lines).rstrip() + "\n"


def _compare_generated(draft: Draft, stage: Path, form: str) -> None:
    """Keep of the parts the report makes itself only what the built report does not show."""
    from raportti.build import build
    from raportti.importing.matching import normalise
    from raportti.problems import DataError

    try:
        result = build(stage, report=form, out_dir=stage / ".import-build", formats=("md",),
                       year=draft.form_year if (stage / str(draft.form_year)).is_dir() else None)
        built = normalise(result.outputs[0].read_text(encoding="utf-8"))
    except (DataError, UserError, OSError):
        built = ""
    for where, paragraphs in draft.generated:
        missing = [p for p in paragraphs if normalise(p.plain) and f" {normalise(p.plain)} " not in f" {built} "]
        note = draft.generated_notes.get(where)
        why = "raportti kokoaa tämän kohdan itse muista tiedoista, mutta tätä se ei kirjoita samoin"
        draft.leave(where, missing, f"{why}; {note}" if note else why)
        if missing and note:
            draft.checks.append(f"{leftovers_name(draft.form_year)}: {where}: {note}")


def _copy_project(root: Path, stage: Path) -> None:
    """What validation reads of an existing project: project.yaml, year folders, own forms."""
    from raportti.project.loading import YEAR_FOLDER

    for path in root.iterdir():
        if path.is_file() and path.name in ("project.yaml", "project.yml"):
            shutil.copy2(path, stage / path.name)
        elif path.is_dir() and (YEAR_FOLDER.match(path.name) or path.name == "templates"):
            shutil.copytree(path, stage / path.name)


def _moved(problem, stage: Path, out: Path):
    """A problem found in the staging copy, pointing at the file's final place."""
    from dataclasses import replace

    if problem.file is None:
        return problem
    try:
        return replace(problem, file=out / Path(problem.file).relative_to(stage))
    except ValueError:
        return problem


def write_project(draft: Draft, source: Path, out: Path, force: bool, summary) -> None:
    from raportti.checks.running import check_project

    files = planned_files(draft, source, out)
    existing = [path for path in files if (out / path).exists()]
    if existing and not force:
        shown = ", ".join(str(out / p) for p in existing[:6]) + (" …" if len(existing) > 6 else "")
        raise UserError(_("Nothing was written: these files already exist: {shown}. Import into a new folder (-o), or add --force to replace them.").format(shown=shown))
    if out.exists() and not out.is_dir():
        raise UserError(_("{out} is a file, not a folder; choose another place with -o.").format(out=out))
    out.parent.mkdir(parents=True, exist_ok=True)
    with scratch(out.parent) as tmp:
        stage = tmp / "project"
        stage.mkdir()
        if out.is_dir():
            _copy_project(out, stage)
        for path, text in files.items():
            (stage / path).parent.mkdir(parents=True, exist_ok=True)
            (stage / path).write_text(text, encoding="utf-8")
        problems = check_project(stage, background=False)
        errors = [p for p in problems if p.is_error]
        if errors:
            first = errors[0]
            raise UserError(ngettext(
                "Nothing was written: the imported data does not validate ({n} error: {path}: {message}). This "
                "is a bug in raportti import; please report it with the document.",
                "Nothing was written: the imported data does not validate ({n} errors; first: {path}: {message}). "
                "This is a bug in raportti import; please report it with the document.", len(errors)).format(
                    n=len(errors), path=first.path, message=first.message))
        summary.warnings = [_moved(p, stage, out) for p in problems if not p.is_error]
        if draft.generated:
            _compare_generated(draft, stage, summary.form)
            (stage / leftovers_name(draft.form_year)).write_text(_leftovers_text(draft, source), encoding="utf-8")
            summary.leftovers = len(draft.leftovers)
        out.mkdir(parents=True, exist_ok=True)
        for path in files:
            target = out / path
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(stage / path, target)
            summary.written.append(target)
    summary.leftovers_file = out / leftovers_name(draft.form_year)


def write_leftovers_only(draft: Draft, source: Path, out: Path, force: bool, name: str | None) -> Path:
    """Only the leftovers file (a document in which no part of the form was found)."""
    target = out / (name or f"{LEFTOVERS}.md")
    if target.exists() and not force:
        raise UserError(_("Nothing was written: {file} already exists. Import into a new folder (-o), "
                          "or add --force to replace it.").format(file=target))
    if out.exists() and not out.is_dir():
        raise UserError(_("{path} is a file, not a folder; choose another place with -o.").format(path=out))
    out.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.write_text(_leftovers_text(draft, source), encoding="utf-8")
    os.replace(partial, target)
    return target
