"""Arguments and options shared by the commands."""

from __future__ import annotations

import click

from raportti.i18n.messages import _, available


class path_type:  # noqa: N801 - used like a type by click.Path
    """Makes a pathlib.Path, importing pathlib only when a command runs: ``--help``
    should cost no more than click itself."""

    def __new__(cls, value):  # type: ignore[misc]
        from pathlib import Path

        return Path(value)


class _ProjectPath(click.Path):
    """A project path; an empty one ("") is wrong use, for every command alike."""

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if isinstance(value, str) and not value.strip():
            self.fail(_("the path is empty: name the project folder, or '.' for this folder."), param, ctx)
        return super().convert(value, param, ctx)


PROJECT = _ProjectPath(exists=False, file_okay=True, dir_okay=True, path_type=path_type)


# -- the language ------------------------------------------------------------------------


def lang_option(function):
    """``--lang``: every command has it; the choices are the catalogues there are."""
    return click.option(
        "--lang", type=click.Choice(available()), default=None,
        help="Language of the messages, e.g. fi (suomeksi) or en. Default: RAPORTTI_LANG, else the "
             "project's 'language:' in project.yaml, else the locale (LANG).")(function)


def given_language(argv: list[str]) -> str | None:
    """The value of ``--lang`` anywhere on a command line."""
    for i, word in enumerate(argv):
        if word == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
    return None


def speak(given: str | None, *places) -> None:
    """Speak the command's language from now on: ``given`` (``--lang``), else RAPORTTI_LANG,
    else the ``language:`` of the first of ``places`` that is (in) a project stating one,
    else the locale (raportti.i18n.messages.choose)."""
    import os

    from raportti.i18n.messages import choose, project_language, use

    project = next((place for place in places if place is not None and os.path.exists(place)
                    and project_language(place)), None)
    use(choose(given, project))


def year_option(function):
    """``--year``: the report year, for every command that makes or judges a report."""
    return click.option(
        "-y", "--year", type=click.IntRange(1900, 2200), metavar="YYYY", default=None,
        help="The report year. Default: project.yaml's reports: entry, else the form's own year, else "
             "the latest year with activity of its own (not a folder with only plans, nor one "
             "new-year started and nobody has filled in).")(function)
