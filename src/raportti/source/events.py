"""Plain data straight from the YAML parser's events: the fast path of reading a file.

ruamel.yaml's safe loader builds each value through its generic constructor machinery
(nodes, tags, resolvers, recursion guards); on our files that costs three times the
parsing itself. Project data is plain (mappings, lists, text, numbers, booleans, dates),
so it is built here directly from the C parser's event stream, with YAML 1.2's rules for
untagged scalars exactly as ruamel.yaml applies them.

Anything out of the ordinary (tags, anchors and aliases, merge keys, a %YAML directive,
several documents, unhashable keys) raises :class:`Unusual`, and the caller reads the
file with ruamel.yaml's own safe loader instead: the fast path never has to copy the
rare cases, and it cannot disagree with the loader on them. A test compares the two
on every example file.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from _ruamel_yaml import CParser
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.events import (
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

YAML_12 = VersionedResolver(version=(1, 2)).versioned_resolver
_PREFIX = "tag:yaml.org,2002:"


class Unusual(Exception):
    """The file uses a YAML feature the fast path leaves to ruamel.yaml."""


def _int(value: str) -> int:
    # ruamel.yaml's construct_yaml_int, YAML 1.2 branch.
    value = value.replace("_", "")
    sign = -1 if value[0] == "-" else 1
    if value[0] in "+-":
        value = value[1:]
    if value.startswith("0b"):
        return sign * int(value[2:], 2)
    if value.startswith("0x"):
        return sign * int(value[2:], 16)
    if value.startswith("0o"):
        return sign * int(value[2:], 8)
    return sign * int(value)


def _float(value: str) -> float:
    # ruamel.yaml's construct_yaml_float, YAML 1.2 branch.
    value = value.replace("_", "").lower()
    sign = -1 if value[0] == "-" else 1
    if value[0] in "+-":
        value = value[1:]
    if value == ".inf":
        return sign * float("inf")
    if value == ".nan":
        return float("nan")
    return sign * float(value)


def _bool(value: str) -> bool:
    return value.lower() == "true"


def _null(value: str) -> None:
    return None


# Dates are few: they are built by the caller's constructor from a node, so that their
# rules and errors are exactly the full loader's.
_TIMESTAMP = object()
_SCALARS: dict[str, Callable[[str], Any]] = {
    _PREFIX + "int": _int,
    _PREFIX + "float": _float,
    _PREFIX + "bool": _bool,
    _PREFIX + "null": _null,
}
# First character → [(constructor, pattern)] in ruamel.yaml's order; a tag the fast
# path does not build (merge keys, '=') is None and sends the file to the slow path.
_RESOLVERS: dict[str, list[tuple[Any, Any]]] = {
    # ruamel.yaml compiles its patterns lazily behind a proxy object; a plain compiled
    # pattern matches without the proxy's per-call attribute lookups.
    first: [(_TIMESTAMP if str(tag) == _PREFIX + "timestamp" else _SCALARS.get(str(tag)),
             re.compile(regexp.pattern, regexp.flags))
            for tag, regexp in rules]
    for first, rules in YAML_12.items()
}


def load(text: str, timestamp: Callable[[ScalarNode], Any]) -> Any:
    """The data of a one-document YAML text, or :class:`Unusual`.

    ``timestamp`` builds a date or time from its node (the full loader's constructor).
    """
    parser = CParser(text)
    try:
        next_event = parser.get_event
        next_event()  # stream start
        event = next_event()
        if type(event) is StreamEndEvent:
            return None
        if event.version is not None or event.tags:
            raise Unusual
        data = _value(next_event(), next_event, timestamp)
        next_event()  # document end
        if type(next_event()) is not StreamEndEvent:
            raise Unusual
        return data
    finally:
        parser.dispose()


def _value(event: Any, next_event: Callable[[], Any], timestamp: Callable[[ScalarNode], Any]) -> Any:
    kind = type(event)
    # ``ctag`` is the stored tag; ``tag`` is a property that formats it on every read.
    if event.anchor is not None or event.ctag is not None:
        raise Unusual
    if kind is ScalarEvent:
        value = event.value
        if not event.implicit[0]:  # quoted: always text
            return value
        for build, regexp in _RESOLVERS.get(value[:1], ()):
            if regexp.match(value):
                if build is None:
                    raise Unusual
                if build is _TIMESTAMP:
                    return timestamp(ScalarNode(_PREFIX + "timestamp", value, start_mark=event.start_mark,
                                                end_mark=event.end_mark))
                return build(value)
        return value
    if kind is MappingStartEvent:
        mapping: dict[Any, Any] = {}
        while True:
            key_event = next_event()
            if type(key_event) is MappingEndEvent:
                return mapping
            key = _value(key_event, next_event, timestamp)
            if type(key) in (dict, list):
                raise Unusual
            if key in mapping:
                raise DuplicateKeyError(
                    "while constructing a mapping", event.start_mark,
                    f'found duplicate key "{key}"', key_event.start_mark)
            mapping[key] = _value(next_event(), next_event, timestamp)
    if kind is SequenceStartEvent:
        sequence: list[Any] = []
        while True:
            item = next_event()
            if type(item) is SequenceEndEvent:
                return sequence
            sequence.append(_value(item, next_event, timestamp))
    raise Unusual  # an alias
