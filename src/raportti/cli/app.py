"""The command group: its registry of commands, the last-resort error handling and the
console script.

Exit codes: 0 success (warnings allowed), 1 the data or a template has errors (or
warnings under --strict), 2 the command was used wrongly. Heavy modules are imported
inside the commands, so ``raportti --help`` costs no more than click itself.
"""

from __future__ import annotations

import sys

import click

from raportti import __version__
from raportti.cli.options import given_language, lang_option, speak
from raportti.i18n.messages import _

# The commands, in the order a new user meets them (``raportti --help`` lists them so):
# name → "module:function" under raportti.cli. A command's module is imported only when
# the command runs or help lists it; adding a command is one module and one line here.
COMMANDS = {
    "init": "init:init",
    "reports": "reports:list_reports",
    "validate": "validate:validate",
    "build": "build:build",
    "preview": "preview:preview",
    "new-year": "newyear:new_year",
    "diff": "diff:diff",
    "fmt": "fmt:fmt_command",
    "import": "importing:import_command",
    "schema": "schema:schema",
    "textconv": "textconv:textconv",
}


class _Group(click.Group):
    """The commands of :data:`COMMANDS`, listed in that order each with its whole first
    sentence; an unexpected failure shown as one plain sentence instead of a traceback."""

    def main(self, args=None, *rest, **kwargs):  # type: ignore[override]
        """Chooses the language before click reads the command line, so that help and
        click's complaints are in it too (the command chooses again once it knows its
        project)."""
        from raportti.cli.clicktext import speak_click

        argv = list(sys.argv[1:] if args is None else args)
        speak_click()
        speak(given_language(argv), *[word for word in argv if not word.startswith("-")], ".")
        translate_help(self)
        return super().main(argv, *rest, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        from importlib import import_module

        module, function = COMMANDS[name].split(":")
        return translate_help(getattr(import_module(f"raportti.cli.{module}"), function))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=200)))
        if rows:
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        import os

        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:  # 'raportti reports NAME | head': the reader has gone (before OSError: it is one)
            sys.exit(0)
        except OSError as exc:  # the file system refused a path the user gave: not a bug
            if os.environ.get("RAPORTTI_DEBUG"):
                raise
            click.echo(click.style(_("Error: "), fg="red", bold=True) + _os_error_message(exc), err=True)
            sys.exit(2)
        except Exception as exc:  # the last resort: never a traceback for a user
            if os.environ.get("RAPORTTI_DEBUG"):
                raise
            click.echo(
                click.style(_("Internal error: "), fg="red", bold=True)
                + _("{kind}: {error}. This is a bug in raportti; please report it with the input that "
                    "caused it (RAPORTTI_DEBUG=1 shows the details).").format(kind=type(exc).__name__, error=exc),
                err=True,
            )
            sys.exit(1)


def _os_error_message(exc: OSError) -> str:
    import errno

    reason = {
        errno.ENOTDIR: _("a file is in the way where a folder should be"),
        errno.EISDIR: _("a folder is in the way where a file should be"),
        errno.EACCES: _("you have no permission for it"), errno.EPERM: _("you have no permission for it"),
        errno.ENOSPC: _("the disk is full"), errno.EROFS: _("the disk is read-only"),
        errno.ENOENT: _("it does not exist"), errno.ELOOP: _("a link in it leads back to itself"),
        errno.EEXIST: _("it already exists"),
    }.get(exc.errno or 0, (exc.strerror or str(exc)).lower())
    if exc.filename:
        return _("Cannot use '{path}': {reason}.").format(path=exc.filename, reason=reason)
    return _("Cannot use it: {reason}.").format(reason=reason)


def translate_help(command):
    """Put a command's and its options' help in the language in use; returns the command.
    The English texts are the catalogue's keys (scripts/messages.py collects them from
    these same objects)."""
    import inspect

    from raportti.i18n import messages

    command.options_metavar = messages._("[OPTIONS]")
    if isinstance(command, click.Group):
        command.subcommand_metavar = messages._("COMMAND [ARGS]...")
    if getattr(command, "_help_option", None) is not None:
        command._help_option = None  # click 8.2 keeps its --help option, worded once: made anew
    for thing in (command, *command.params):
        for name in ("help", "short_help"):
            original = thing.__dict__.setdefault(f"_raportti_{name}", getattr(thing, name, None))
            if original:
                setattr(thing, name, messages._(inspect.cleandoc(original)))
    return command


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="raportti")
@lang_option
def main(lang: str | None) -> None:
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
    ('käyttöopas') is docs/opas/ in raportti's repository; the data format is
    docs/data-format.md.
    """
    import gc

    # Reading a project allocates many small objects and makes few reference cycles:
    # with the default threshold the collector ran thousands of times for nothing,
    # about 8 % of a build.
    gc.set_threshold(100_000, 50, 100)


def _stop_cleanly_on_signals() -> None:
    """A terminate or hang-up signal (kill, a closed terminal) ends raportti as Ctrl-C
    does: through its cleanup, so it leaves no temporary file or LibreOffice behind. Only
    a kill that cannot be caught (kill -9) skips it; the next run cleans up after that."""
    import signal

    def stop(signum, frame):  # noqa: ARG001 - the signature signal handlers have
        signal.signal(signum, signal.SIG_DFL)  # a second signal ends it at once
        raise SystemExit(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            try:
                signal.signal(getattr(signal, name), stop)
            except (ValueError, OSError):  # not the main thread, or not allowed here
                pass


def run() -> None:
    """The console script: ``main``, then an exit that skips the interpreter's teardown.

    Freeing every object of a loaded project one by one at exit took longer than
    writing its documents (80 ms of a large build); the operating system frees the
    process's memory at once. Documents are already written and closed by then, and
    buffered output is flushed here.
    """
    import os

    _stop_cleanly_on_signals()
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
