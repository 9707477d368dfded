"""click's own sentences (usage, "Show this message and exit.", wrong options) in the
language in use.

click says them through gettext (``from gettext import gettext as _`` in each of its
modules), which picks a catalogue by the locale alone. raportti chooses its language
itself (``--lang``, RAPORTTI_LANG, project.yaml, the locale), so :func:`speak_click` points
click's modules at raportti's catalogues. The sentences a coordinator can meet are listed
here, as click writes them, so that scripts/messages.py puts them in the catalogues; one
that a later click words differently stays in English, nothing breaks.
"""

from __future__ import annotations

from raportti.i18n.messages import N_, Nn_, _, ngettext

CLICK_MESSAGES = (
    N_("Usage:"), N_("Options"), N_("Show this message and exit."), N_("Show the version and exit."),
    N_("Error: {message}"), N_("Try '{command} {option}' for help."), N_("Aborted!"), N_("Missing command."),
    N_("Missing argument"), N_("Missing option"), N_("Missing parameter"), N_("Missing parameter: {param_name}"),
    N_("Missing {param_type}"), N_("Invalid value for {param_hint}: {message}"), N_("Invalid value: {message}"),
    N_("No such option {name!r}."), N_("No such command {name!r}."),
    Nn_("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    Nn_("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    Nn_("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    N_("{value!r} is not a valid {number_type}."), N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("{name} {filename!r} does not exist."), N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is a file."), N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."), N_("file"), N_("directory"), N_("path"),
    Nn_("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    N_("Option {name!r} does not take a value."), N_("Error: invalid input"), N_("Choose from:\n\t{choices}"),
    N_("default: {default}"), N_("Positional arguments"), N_("%(prog)s, version %(version)s"),
    N_("[OPTIONS]"), N_("COMMAND [ARGS]..."),  # the usage line (set by raportti.cli.app.translate_help)
)


def speak_click() -> None:
    """Make click's modules look their sentences up in raportti's catalogues."""
    import importlib

    for name in ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils"):
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # a click without that module: its words stay as they are
            continue
        if getattr(module, "_", None) is not None:
            module._ = _  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is not None:
            module.ngettext = ngettext  # type: ignore[attr-defined]
