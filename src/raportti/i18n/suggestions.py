""""Did you mean …?": the option closest in spelling to what was written, as the end of a
message in the language in use (many problems end so: an unknown key, goal, figure …)."""

from __future__ import annotations

import difflib

from raportti.i18n.messages import _


def did_you_mean(word: str, options) -> str | None:
    """The option closest in spelling to ``word``, or None when none is close."""
    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return matches[0] if matches else None


def suggestion(word: str, options, *, shown: str = "'{}'", otherwise: str = "") -> str:
    """A sentence to append to a message: " Did you mean 'x'?" for the option closest to
    ``word`` (``shown`` formats it), else ``otherwise``."""
    match = did_you_mean(word, options)
    return _(" Did you mean {match}?").format(match=shown.format(match)) if match else otherwise
