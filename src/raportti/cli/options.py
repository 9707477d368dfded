"""Arguments and options shared by the commands."""

from __future__ import annotations

import click


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
            self.fail("the path is empty: name the project folder, or '.' for this folder.", param, ctx)
        return super().convert(value, param, ctx)


PROJECT = _ProjectPath(exists=False, file_okay=True, dir_okay=True, path_type=path_type)
