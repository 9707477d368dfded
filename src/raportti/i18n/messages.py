"""Messages in the coordinator's language: gettext catalogues, one per language.

Every sentence raportti says is written in English in the code and looked up, when it
is made, in the catalogue of the language in use::

    from raportti.i18n.messages import _, ngettext

    _("Wrote {path}").format(path=shown)
    ngettext("{n} error", "{n} errors", n).format(n=n)
    pgettext("severity", "error")      # the same English word, translated apart

Only a plain string literal goes inside ``_()`` (never an f-string: the catalogue is
keyed by the text as written); values go in through ``.format``. The catalogues are
``locale/LANG/LC_MESSAGES/raportti.po`` beside this module, compiled to ``.mo`` by
``python scripts/messages.py`` (Babel), which also adds each new sentence of the code
to every catalogue. A language is available when its catalogue is there: adding
``locale/sv/`` makes ``--lang sv`` work with no change to the code.

The language is chosen once per command (:func:`choose`): ``--lang``, else
``RAPORTTI_LANG``, else the project's own ``language:`` in project.yaml, else the locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else English. Until a command chooses, the
library speaks English, so code and tests that call it directly get the same text
whatever the machine's locale.
"""

from __future__ import annotations

import gettext as _gettext
import os
import re
from typing import TYPE_CHECKING, Mapping, Optional

if TYPE_CHECKING:
    from pathlib import Path

DOMAIN = "raportti"
LOCALE_DIR = os.path.join(os.path.dirname(__file__), "locale")  # os.path: --help imports no pathlib
SOURCE_LANGUAGE = "en"  # the language the code's messages are written in

_language = SOURCE_LANGUAGE
_translations: dict[str, _gettext.NullTranslations] = {}


def available() -> tuple[str, ...]:
    """The languages raportti speaks: English, and each language with a compiled catalogue."""
    found = {SOURCE_LANGUAGE}
    try:
        for entry in os.scandir(LOCALE_DIR):
            if os.path.isfile(os.path.join(entry.path, "LC_MESSAGES", DOMAIN + ".mo")):
                found.add(entry.name)
    except OSError:  # no catalogues at all: English still works
        pass
    return tuple(sorted(found))


def use(language: str) -> None:
    """Speak ``language`` from now on in this process (an unknown one means English)."""
    global _language
    _language = language if language in available() else SOURCE_LANGUAGE


def current() -> str:
    """The language in use."""
    return _language


def _catalogue() -> _gettext.NullTranslations:
    found = _translations.get(_language)
    if found is None:
        found = _translations[_language] = _gettext.translation(
            DOMAIN, LOCALE_DIR, languages=[_language], fallback=True)
    return found


def _(message: str) -> str:
    """``message`` in the language in use."""
    return _catalogue().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted message that fits ``n`` (``{n}`` is for ``.format(n=n)``)."""
    return _catalogue().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` as meant in ``context``, for an English word that translates two ways."""
    return _catalogue().pgettext(context, message)


# -- choosing the language --------------------------------------------------------------

_LANGUAGE_LINE = re.compile(r"""^language:[ \t]*["']?([A-Za-z_-]+)["']?[ \t]*(?:#.*)?$""", re.M)


def project_language(place: Optional["Path | str"]) -> Optional[str]:
    """The ``language:`` that the project at or around ``place`` (its folder, a folder or
    file inside it) states in project.yaml. Read from the file's top-level line: the
    language is needed before the file itself is read, for the messages about it."""
    if place is None:
        return None
    folder = os.path.abspath(os.fspath(place))
    if not os.path.isdir(folder):
        folder = os.path.dirname(folder)
    for _level in range(4):  # the project, a year folder, a file's folder …
        path = os.path.join(folder, "project.yaml")
        if os.path.isfile(path):
            try:
                with open(path, encoding="utf-8", errors="replace") as file:
                    match = _LANGUAGE_LINE.search(file.read(200_000))
            except OSError:
                return None
            return match.group(1).lower() if match else None
        folder = os.path.dirname(folder)
    return None


def locale_language(environ: Mapping[str, str]) -> Optional[str]:
    """The language of the user's locale: the first of LC_ALL, LC_MESSAGES and LANG that is
    set decides, as for other programs (``fi_FI.UTF-8`` → ``fi``; ``C`` → none)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return re.split(r"[_.@]", value, maxsplit=1)[0].lower() or None
    return None


def choose(given: Optional[str] = None, project: Optional["Path | str"] = None,
           environ: Optional[Mapping[str, str]] = None) -> str:
    """The language to speak: ``given`` (``--lang``), else ``RAPORTTI_LANG``, else the
    project's ``language:``, else the locale's, else English; each only if available."""
    environ = os.environ if environ is None else environ
    have = available()
    for candidate in (given, environ.get("RAPORTTI_LANG"), project_language(project),
                      locale_language(environ)):
        if candidate and candidate.lower() in have:
            return candidate.lower()
    return SOURCE_LANGUAGE


def N_(message: str) -> str:
    """Marks ``message`` for the catalogues without translating it: for text translated
    later, where the language is known (``_()`` of the same text then finds it)."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - the gettext convention
    """Marks a counted message for the catalogues, as :func:`N_` does."""
    return singular, plural
