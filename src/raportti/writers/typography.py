"""Where a line may not break in a printed report, said with no-break spaces.

A reader should not meet "27 / 48", "23,13 / %" or a line that starts with a suspended
hyphen ("Kylätuvat yhdessä / -hanke"). Only the no-break space (U+00A0) is used:
it reads as a space everywhere (copied text, search, the acceptance measure), where a
zero-width joiner or a non-breaking hyphen would change the text itself. So a line may
still break after a word-initial hyphen ("ja -" / "suunnitelmissa") in a program whose
line breaking predates Unicode 15.1 (LibreOffice 7 with ICU 72 does).

The writers (DOCX, HTML) apply it to the Markdown they are given; the Markdown file keeps
the text as it was written.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
# A number grouped by plain spaces ("189 900"): one number, one line.
_GROUPED = re.compile(r"(?<![\d,.])\d{1,3}(?: \d{3})+(?![\d])")
# A number and its unit ("161 kpl", "23,13 %", "92 000 €", "4,4 /5").
_UNIT = re.compile(r"(?<=\d) (?=(?:%|‰|€|kpl|krt|htv|hlö|hlöä|euroa|km|min|h)(?![\w])|/\d)")
# A suspended hyphen or dash starting a word ("Kylätuvat yhdessä -hanke", "Muutos Nyt –FB-sivu").
_SUSPENDED = re.compile(r"(?<=[\w)\"”.]) (?=[-–][^\W\d_])")


def tie(text: str) -> str:
    """The text with no-break spaces where a line must not break (see the module)."""
    if " " not in text:
        return text
    text = _GROUPED.sub(lambda m: m.group(0).replace(" ", NBSP), text)
    text = _UNIT.sub(NBSP, text)
    return _SUSPENDED.sub(NBSP, text)
