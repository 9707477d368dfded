"""Texts YAML cut short at `` #``: the rest of the line was read as a comment.

In an unquoted (plain) value, `` #`` starts a comment, so
``text: Vapaaehtoiset ohjaavat #vertaisryhmiä`` is read as "Vapaaehtoiset ohjaavat".
The parsed data cannot show what was dropped; the parser's events can: a plain text
value followed on its line by `` #`` and a letter (a hashtag, not a ``# comment``)
is reported. Only files with such a mark anywhere are parsed again, so a large
project's validate does not slow down.
"""

from __future__ import annotations

import re

from raportti.i18n.messages import _
from raportti.problems import Problem

# `` #`` right before a letter: "#tärkeä", not "# Täydennä: …" or "#1".
HASH_WORD = re.compile(r"[ \t]#[^\W\d_]")
AFTER_VALUE = re.compile(r"[ \t]+(#[^\W\d_].*)")
NOT_TEXT = re.compile(r"[-+.\d]|(?:true|false|null|~)$", re.IGNORECASE)


def cut_texts(source) -> list[Problem]:
    """Warnings for plain values of ``source`` (a SourceFile) whose line goes on as a
    comment that looks like text."""
    if not HASH_WORD.search(source.text):
        return []
    from _ruamel_yaml import CParser
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import ScalarEvent, StreamEndEvent

    lines = source.text.splitlines()
    problems = []
    parser = CParser(source.text)
    try:
        while True:
            event = parser.get_event()
            if type(event) is StreamEndEvent:
                break
            if type(event) is not ScalarEvent or event.style or not event.implicit[0]:
                continue
            value = event.value
            if not value or NOT_TEXT.match(value):
                continue
            end = event.end_mark
            line = lines[end.line] if end.line < len(lines) else ""
            found = AFTER_VALUE.match(line, end.column)
            if found is None:
                continue
            column = found.start(1) + 1
            comment = found.group(1).rstrip()
            shown = value if len(value) <= 40 else value[:39] + "…"
            problems.append(Problem(
                _('The text \'{shown}\' goes on with \'{comment}\', which YAML read as a comment and left '
                  'out of the data: in a text without quotes, \' #\' starts a comment. Put the whole text '
                  'in quotes to keep it: "{value} {comment}"').format(shown=shown, comment=comment, value=value),
                file=source.path, line=end.line + 1, column=column, severity="warning",
                code="text-cut-by-comment", source_line=line,
                args={"text": shown, "comment": comment, "whole": f"{value} {comment}"}))
    except YAMLError:  # the file read cleanly before; nothing to add if it does not now
        return problems
    finally:
        parser.dispose()
    return problems
