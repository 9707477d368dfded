"""How a problem and validate's summary are worded: the label of each severity, the
last line of validate. A problem's message is made in the language in use when it is
found (raportti.i18n.messages), so it is shown as it is.
"""

from __future__ import annotations

from raportti.i18n.messages import _, ngettext, pgettext
from raportti.problems import Problem


def message(problem: Problem) -> str:
    """The problem's message, as shown."""
    return problem.message


def severity(word: str) -> str:
    """``error`` or ``warning`` as a problem's label."""
    return pgettext("severity", "error") if word == "error" else pgettext("severity", "warning")


def summary(names: str, errors: int, warnings: int, failing: bool) -> str:
    """The last line of ``validate``."""
    counted = {"errors": ngettext("{n} error", "{n} errors", errors).format(n=errors),
               "warnings": ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings)}
    if failing:
        return _("{names}: invalid ({errors}, {warnings}).").format(names=names, **counted)
    if warnings:
        return _("{names}: valid ({warnings}).").format(names=names, **counted)
    return _("{names}: valid.").format(names=names)
