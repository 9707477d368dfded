"""Turning the numbers of an answer into named figures the text refers to.

A number a reader would table or compare becomes a figure named after the word next to it
("13 eri seminaariin" → ``seminaariin: 13``, "kokoontunut 12 kertaa" →
``kokoontunut_kertaa: 12``), and the text says ``{seminaariin}`` in its place, so the built
report reads exactly as before. "yhteensä 1172 henkilöä, joista … 386, … 41" becomes a total
with its parts. Years, dates, ranges, ordinals, list numbers, numbers in names and addresses
stay text: the patterns below are listed first so that they are skipped whole.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

_WORD = r"[A-Za-zÅÄÖåäöÉéÜü][\wÅÄÖåäö-]*"

_SKIP = (
    r"(?P<skip>"
    r"[”“\"][^”“\"\n]{1,300}[”\"]"                  # a quotation: the speaker's words stay as said
    r"|\d{1,2}\.\s?[-–]\s?\d{1,2}\.\d{1,2}\.(?:\d{2,4})?"  # date ranges 12.–14.6.2023
    r"|\d{1,3}\s?v\.?(?=[\s,.;:)]|$)"               # ages: 16 v
    r"|<[^>\n]*>"                                   # <https://…>
    r"|\]\([^)\n]*\)"                              # a link's address
    r"|(?:https?://|www\.)\S+"                     # bare addresses
    r"|\S+@\S+"                                    # e-mail
    r"|\d{1,2}\.\d{1,2}\.(?:\d{2,4})?"             # dates 15.3.2024, 31.8.
    r"|\d{1,2}/(?:19|20)\d{2}"                     # 3/2024
    r"|\d+(?:[.,]\d+)?\s?[-–]\s?\d+(?:[.,]\d+)?"   # ranges 2024-2025, 2,05- 2,5
    r"|\d+(?:\.\d+)+"                              # 2.0, 1.2.3
    r"|\d+[-–]?[A-Za-zÅÄÖåäö]\w*"                  # 113-hanke, 2x, 18v
    r"|(?<=[A-Za-zÅÄÖåäö-])\d+"                    # H1, COVID-19
    r"|(?<!\()\d{1,2}\)"                             # 1) as an enumeration, not (30)
    r"|^\s*\d{1,2}\.(?=\s)"                         # a list's number
    r"|\d+\.(?=\s+[a-zåäö])"                        # ordinals: 15. päivä
    r"|0\d+"                                       # 040 …: numbers with a leading zero
    r"|\d{7,}"                                     # phone numbers, codes
    r")"
)
#: "12 nuorta 17:stä": a part of a whole, read as responses out of those asked.
_OF = r"(?P<of>(?P<ofnum>\d{1,4})\s(?P<ofword>[a-zåäö]{3,30})\s(?P<ofden>\d{1,4}):(?:stä|sta|ltä|lta)\b)"
#: "4,3 (asteikko 1–5)", "4,3 asteikolla 1–5": a mean with its scale.
_MEANSCALE = (r"(?P<ms>(?P<msmean>\d,\d{1,2})(?:\s\(asteikko\s|\sasteikolla\s)(?P<msmin>\d{1,2})\s?[-–]\s?"
              r"(?P<msmax>\d{1,2})(?![\d,]))")
_SCORE = r"(?P<score>(?P<mean>\d+,\d+)(?P<sp>\s?)/(?P<scale>\d{1,2})(?![\d,]))"
_RATIO = r"(?P<ratio>(?P<num>\d{1,4})/(?P<den>\d{1,4})(?![\d,/]))"
_GROUPED = r"(?P<grouped>\d{1,3}(?:[ \u00a0]\d{3})+(?![\d,]))"
_DECIMAL = r"(?P<decimal>\d+,\d+)"
_INTEGER = r"(?P<integer>\d+)"
# "^" before a number: a footnote's label ("1 240.[^1]"), not a figure.
PATTERN = re.compile(rf"(?<![\w.,/]){_SKIP}|(?<![\w.,/^])(?:{_MEANSCALE}|{_OF}|{_SCORE}|{_RATIO}|{_GROUPED}|{_DECIMAL}|"
                     rf"{_INTEGER})")

#: Words next to a number that say what is counted only together with the word before.
_UNITS = {"kertaa": "kertaa", "kerran": "kertaa", "kpl": "kpl", "kappaletta": "kpl", "%": "prosenttia",
          "prosenttia": "prosenttia", "henkilöä": "henkiloa", "tuntia": "tuntia", "euroa": "euroa",
          "€": "euroa", "päivää": "paivaa", "vuotta": "vuotta"}
#: Words that say nothing about what is counted.
_FILLER = {"eri", "noin", "yli", "alle", "jo", "ja", "sekä", "on", "oli", "olivat", "ovat", "yht", "yhteensä",
           "n", "vain", "lähes", "peräti", "kaikkiaan", "kaiken", "mm", "esim", "vähintään", "enintään", "asti",
           "ka", "keskiarvo", "joista", "jossa", "joissa", "joka", "the", "eli", "kuin", "myös", "sitten",
           "osalta", "se", "ne", "niistä", "näistä", "tähän", "mennessä", "saatiin", "saanut", "oli", "että",
           "vuonna", "vuoden", "vuodessa", "aikana", "ollut", "olleet", "muun", "muuta", "muita", "muiden",
           "omalla", "enää", "vielä", "jälkeen", "lisäksi", "kanssa", "eli", "mukaan", "yhteensä", "kaikki",
           "kaikkiaan", "heistä", "joista", "joissa", "jotka", "uutta", "uusia", "eri", "tai"}
_TOTAL_WORDS = ("yhteensä", "yht.", "kaikkiaan", "kaiken kaikkiaan")
_YEAR = range(1950, 2036)


@dataclass
class Figures:
    """The figures made from one container's texts (a block, a group, a result, a file)."""

    values: dict[str, Any] = field(default_factory=dict)

    def name(self, base: str) -> str:
        base = base or "luku"
        name, n = base, 2
        while name in self.values:
            name, n = f"{base}_{n}", n + 1
        return name


def figurise(text: str, figures: Figures) -> str:
    """``text`` with its numbers as ``{name}`` references, each name added to ``figures``.

    Literal braces of the source are doubled first, so they stay text.
    """
    text = text.replace("{", "{{").replace("}", "}}")
    out = []
    lines = text.split("\n")
    counting = False  # inside a table "Toiminta | Määrä": its rows are labelled figures
    for n, line in enumerate(lines):
        if re.match(r"^\s*\|", line):
            if n + 1 < len(lines) and re.match(r"^\s*\|[\s:|-]+\|\s*$", lines[n + 1]) and \
                    not (n and re.match(r"^\s*\|", lines[n - 1])):
                counting = _counts_header(line)
            out.append(_table_row_figures(line, figures) if counting else line)
            continue
        counting = False
        out.append(_figurise_line(line, figures))
    return "\n".join(out)


#: A table whose second column is one of these counts what its first column names.
_COUNT_HEADERS = {"määrä", "lukumäärä", "luku", "kpl", "yhteensä", "toteutunut", "toteuma"}


def _counts_header(line: str) -> bool:
    cells = [c.strip().strip("*").casefold() for c in line.strip().strip("|").split("|")]
    return len(cells) == 2 and cells[1] in _COUNT_HEADERS


def _table_row_figures(line: str, figures: "Figures") -> str:
    """"| Kotikäynnit | 120 |" → "| Kotikäynnit | {kotikaynnit} |" with a labelled figure."""
    cells = line.strip().strip("|").split("|")
    if len(cells) != 2 or not re.fullmatch(r"\s*\d{1,3}(?:[ \u00a0]?\d{3})*\s*", cells[1]) or \
            re.fullmatch(r"[\s:-]+", cells[0]):
        return line
    label = cells[0].strip()
    value = int(re.sub(r"\D", "", cells[1]))
    name = figures.name(_ident(label))
    figures.values[name] = {"value": value, "label": label}
    return f"| {cells[0].strip()} | {{{name}}} |"


def _figurise_line(line: str, figures: Figures) -> str:
    if re.match(r"^\s*\|", line):  # table rows: the numbers are the table's own
        return line
    pieces: list[str] = []
    last = 0
    total: dict | None = None  # the breakdown being filled in this sentence
    for m in PATTERN.finditer(line):
        kind = m.lastgroup if m.group("skip") is None else "skip"
        if kind == "skip":
            continue
        if m.group("ms") or m.group("of"):
            made = _whole_or_scale(line, m, figures)
            if made is not None:
                pieces.append(line[last:m.start()])
                pieces.append(made)
                last = m.end()
            continue
        if m.group("score"):
            kind = "score"
        elif m.group("ratio"):
            kind = "ratio"
        elif m.group("grouped"):
            kind = "grouped"
        elif m.group("decimal"):
            kind = "decimal"
        else:
            kind = "integer"
        before, after = line[:m.start()], line[m.end():]
        if total is not None and re.search(r"[.!?]\s+[A-ZÅÄÖ0-9]", line[total["end"]:m.start()]):
            total = None  # a new sentence ends the breakdown
        if _is_name_number(before, after, m.group(0)):
            continue
        value, fmt = _value(kind, m)
        if value is None:
            continue
        base, unit = _label(before, after)
        reference = None
        if total is not None and kind in ("integer", "decimal") and not isinstance(value, dict):
            part = _unique(total["parts"], base)
            total["parts"][part] = value
            reference = f"{total['name']}.{part}"
        elif kind in ("integer", "grouped") and re.search(r"(?:yhteensä|yht\.|kaikkiaan)\s*$", before, re.I) \
                and re.match(r"\s*[^.!?]*?,?\s+joista\b", after):
            name = figures.name(base)
            total = {"name": name, "parts": {}, "end": m.end()}
            figures.values[name] = {"total": value, "parts": total["parts"]}
            reference = name
        else:
            name = figures.name(base)
            percent = kind in ("integer", "decimal") and not isinstance(value, dict) and \
                re.match(r"\s?%", after) is not None
            figures.values[name] = {"value": value, "unit": "%"} if percent else value
            reference = name
        pieces.append(line[last:m.start()])
        pieces.append("{" + reference + (f":{fmt}" if fmt else "") + "}")
        last = m.end()
    pieces.append(line[last:])
    # A total whose parts never came stays a plain number.
    for name, value in list(figures.values.items()):
        if isinstance(value, dict) and "parts" in value and not value["parts"]:
            figures.values[name] = value["total"]
    return "".join(pieces)


def _whole_or_scale(line: str, m: re.Match, figures: "Figures") -> str | None:
    """"12 nuorta 17:stä" as {responded, asked} and "4,3 (asteikko 1–5)" as {mean, scale}: the
    text keeps its words, each number a part of the one figure. None when the numbers do not fit."""
    if m.group("of"):
        part, whole = int(m.group("ofnum")), int(m.group("ofden"))
        if not 0 < part <= whole:
            return None
        name = figures.name(counted(m.group("ofword")))
        figures.values[name] = {"responded": part, "asked": whole}
        return (f"{{{name}.responded}}" + line[m.end("ofnum"):m.start("ofden")] + f"{{{name}.asked}}" +
                line[m.end("ofden"):m.end()])
    mean, low, high = m.group("msmean"), int(m.group("msmin")), int(m.group("msmax"))
    value = float(mean.replace(",", "."))
    if mean.endswith("0") or not low <= value <= high:
        return None  # "4,0" would read "4": keep the number as written
    before = [w for w in reversed(re.findall(_WORD, line[max(0, m.start() - 60):m.start()]))
              if w.casefold() not in _FILLER and w.casefold() not in ("oli", "on", "sai", "saivat")]
    name = figures.name("keskiarvo" if re.search(r"keskiarvo", line[max(0, m.start() - 40):m.start()], re.I)
                        else _ident(before[0]) if before else "keskiarvo")
    figures.values[name] = {"mean": value, "scale": high, **({"min": low} if low != 1 else {})}
    return (f"{{{name}.mean}}" + line[m.end("msmean"):m.start("msmin")] + f"{{{name}.min}}" +
            line[m.end("msmin"):m.start("msmax")] + f"{{{name}.scale}}" + line[m.end("msmax"):m.end()])


#: Partitive singular endings after a number → the plural a name reads better in ("nuorta" → "nuoria").
_PLURAL = [(r"ista$", "isia"), (r"jää$", "jöitä"), (r"öä$", "öitä"), (r"oa$", "oita"), (r"([lr])taa$", r"\1toja"),
           (r"([^aeiouyäö])aa$", r"\1ia"), (r"([^aeiouyäö])ta$", r"\1ia"), (r"([^aeiouyäö])tä$", r"\1iä")]


def counted(word: str) -> str:
    """A figure's name from the noun a number counts, in the plural ("12 tapaamista" → tapaamisia)."""
    lowered = word.casefold()
    for ending, plural in _PLURAL:
        if re.search(ending, lowered):
            return _ident(re.sub(ending, plural, lowered))
    return _ident(lowered)


def _verb_like(word: str) -> bool:
    """A finite verb next to a number ("kertyi 412", "järjestettiin 96 kertaa") names nothing."""
    return re.search(r"(?:ttiin|tiin|ivat|ivät|tui|tyi|yi|ui|oi|si|li|vi|ai)$", word.casefold()) is not None


def _value(kind: str, m: re.Match) -> tuple[Any, str | None]:
    if kind == "score":
        mean = m.group("mean")
        if mean.endswith("0"):
            return None, None
        value = {"mean": float(mean.replace(",", ".")), "scale": int(m.group("scale"))}
        if value["mean"] > value["scale"]:
            return None, None
        return value, ("spaced" if m.group("sp") else None)
    if kind == "ratio":
        num, den = int(m.group("num")), int(m.group("den"))
        if num > den or den in _YEAR or num == 0:
            return None, None
        return {"responded": num, "asked": den}, None
    if kind == "grouped":
        return int(re.sub(r"\D", "", m.group("grouped"))), "grouped"
    if kind == "decimal":
        raw = m.group("decimal")
        whole, decimals = raw.split(",")
        value = float(raw.replace(",", "."))
        if decimals.endswith("0") and len(decimals) > 1:
            return {"value": value, "decimals": len(decimals)}, None
        return value, None
    raw = m.group("integer")
    number = int(raw)
    if len(raw) == 4 and number in _YEAR:
        return None, None  # a year
    # A report groups five digits and more (12 786); the source wrote these together.
    return number, ("plain" if len(raw) >= 5 else None)


def _is_name_number(before: str, after: str, number: str) -> bool:
    """A number inside a name ("JärjestöSotehanke 113"), a heading's or a list's number."""
    previous = re.search(rf"({_WORD})\s+$", before)
    if previous and previous.group(1)[0].isupper():
        sentence_start = re.search(r"(?:^|[.!?:]\s+|^\s*[-*]\s+)\S+\s+$", before)
        if not sentence_start:
            return True
    if re.match(r"^:(?:[nt]|ssa|ssä|sta|stä|lla|llä|lta|ltä|ksi|een|ään|aan|iin|ään)?\b", after) and \
            previous and previous.group(1)[0].isupper() and not before.strip().endswith((".", ":")):
        return True
    return False


def _label(before: str, after: str) -> tuple[str, str | None]:
    """The figure's name: the word after the number, or the word before with a unit."""
    before = re.sub(r"\d+:[a-zåäö]+", " ", before)
    after = re.sub(r"\d*:[a-zåäö]+", " ", after)
    before = re.split(r"[.!?]\s+(?=[A-ZÅÄÖ0-9])", before)[-1]  # the words of this sentence name it
    last = re.search(rf"({_WORD})\s+(?:(?:yhteensä|noin|yli|alle|eri|vain|lähes)\s+)?$", before)
    if last and _verb_like(last.group(1)) and not re.match(r"\s*(?:kertaa|kerran)\b", after) and \
            not re.match(rf"\s*-?\s*[a-zåäö]", after):
        # "Neuvontakontakteja kertyi 412": the noun before the verb, not the verb.
        earlier = [w for w in reversed(re.findall(_WORD, before[-80:-len(last.group(0))] if len(before) > len(
            last.group(0)) else "")) if w.casefold() not in _FILLER and not _verb_like(w)]
        if earlier:
            return _ident(earlier[0]), None
    counted_after = re.match(r"\s*(?:(?:eri|uutta|uusia|noin)\s+)?(?P<a>[a-zåäö]{3,}(?:aa|ää|ta|tä|ia|iä|ja|jä))\b"
                             r"(?:\s+(?P<b>[a-zåäö]{3,}(?:aa|ää|ta|tä|ia|iä|ja|jä))\b)?", after)
    if counted_after and counted_after.group("a") not in _UNITS and counted_after.group("a") not in _FILLER \
            and not _verb_like(counted_after.group("a")):
        # "3 avointa iltaa": the noun after its adjective; "12 tapaamista": the noun itself.
        noun = counted_after.group("b") if counted_after.group("b") and \
            counted_after.group("b") not in _UNITS and not _verb_like(counted_after.group("b")) else counted_after.group("a")
        return counted(noun), None
    if re.search(r"\b(?:oli|on|olivat|ovat)\s+$", before):  # "viranhaltijoita oli 386"
        earlier = [w for w in reversed(re.findall(_WORD, before[-80:])) if w.casefold() not in _FILLER]
        if earlier:
            return _ident(earlier[0]), None  # 26:sta, 21:ssä: the case ending is not a word
    after_words = [w for w in re.findall(rf"{_WORD}|%|€", after[:80])]
    before_words = re.findall(_WORD, before[-80:])
    unit = None
    following = [w for w in after_words[:4]]
    while following and following[0].casefold() in _FILLER:
        following.pop(0)
    if following and following[0].casefold() in _UNITS:
        unit = _UNITS[following[0].casefold()]
        previous = [w for w in reversed(before_words) if w.casefold() not in _FILLER]
        if previous and _verb_like(previous[0]) and unit == "kertaa":
            # "Avoimia iltoja järjestettiin 96 kertaa": what was held, not the verb.
            nouns = [w for w in previous[1:6] if re.search(r"(?:ja|jä|ia|iä|ita|itä)$", w.casefold())]
            previous = nouns[:1] + [w for w in previous[1:] if not _verb_like(w)]
            if nouns:
                return _ident(nouns[0]), unit
        if previous:
            return _ident(f"{previous[0]}_{unit}"), unit
        following.pop(0)
        while following and following[0].casefold() in _FILLER:
            following.pop(0)
        return _ident(following[0] if following else unit), unit
    # "viranhaltijoita 386, luottamushenkilöitä 41 ja …": a number that ends a phrase is named
    # by the word before it.
    ends_phrase = re.match(r"\s*(?:[,.;:)!?]|(?:ja|sekä|tai)\b|$)", after)
    if following and not ends_phrase and re.match(r"\s*[-–(]?\s*[a-zåäö]", after):
        if re.match(rf"\s*(?:(?:eri|uutta|uusia|noin|yli)\s+)?{re.escape(following[0])}", after) and \
                not _verb_like(following[0]):
            return counted(following[0]), None  # "214 eri nuorta" → nuoria
        return _ident(following[0]), None
    previous = [w for w in reversed(before_words) if w.casefold() not in _FILLER]
    if previous:
        return _ident(previous[0]), None
    return _ident(following[0] if following else "luku"), None


def _ident(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.casefold())
    word = "".join(c for c in word if not unicodedata.combining(c))
    word = re.sub(r"[^a-z0-9]+", "_", word).strip("_")
    if not word or word[0].isdigit():
        word = "luku_" + word
    return word[:40].rstrip("_")


def _unique(parts: dict, base: str) -> str:
    name, n = base, 2
    while name in parts:
        name, n = f"{base}_{n}", n + 1
    return name


def count(values: dict) -> int:
    """How many numbers a figures mapping holds (a breakdown counts its total and parts)."""
    n = 0
    for value in values.values():
        if isinstance(value, dict):
            if "parts" in value:
                n += (1 if value.get("total") is not None else 0) + count(value["parts"])
            else:
                n += 1
        elif value is not None:
            n += 1
    return n
