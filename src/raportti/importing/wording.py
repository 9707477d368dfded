"""How alike two Finnish headings are, word by word, as a person reads them.

Organisations word a form's headings their own way: inflected ("Työntekijöiltä" for
"Työntekijöiden"), compounded ("Päätavoitteet" for "Tavoitteet", "Kumppaneiden" for
"Yhteistyökumppanien"), hyphen-shortened ("Seuranta- ja arviointi"), numbered and with the
year in them. Each word is cut to its stem with the Snowball Finnish stemmer; two stems are
the same word when equal, nearly the same when one is the other with a few letters more
(the stemmer leaves "työntekij" and "työntekijö"), and part of a compound when one ends or
starts with the other. Words that say little ("vuoden", "kerätty", "palaute") weigh less.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Words that say nothing about which part of the form a heading is.
_STOP = {"ja", "sekä", "tai", "sen", "sekä", "eli", "the", "of", "vuonna", "vuodelle", "vuodelta", "vuoden",
         "vuosi", "vuosina", "aikana", "osalta", "mitä", "miten", "kuinka", "me", "meidän", "oma", "omat",
         "toimintavuonna", "kaudella", "eri", "niiden", "heidän", "sen", "siitä", "niistä", "joka", "jotka"}
#: Words that say what kind of text follows, not about what: they count a third.
_WEAK = {"palaute", "palautetta", "palautteet", "tieto", "tiedot", "tietoa", "kerätty", "kerätyt", "saatu",
         "saadut", "arvio", "arviot", "arviointi", "arvioinnit", "kokemukset", "näkemykset", "yhteenveto",
         "katsaus", "kuvaus", "saavutetut", "toteutuneet", "toteutuminen", "keskeiset", "hanke", "hankkeen", "hankkeesta",
         "hankkeessa", "hankkeemme"}
WEAK_WEIGHT = 0.3


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("finnish")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[tuple[str, float], ...]:
    """The heading's content words as (stem, weight): numbering, years and stop words out.

    "Seuranta- ja arviointi" reads as "seuranta ja arviointi": the hyphen that shortens a
    compound's shared part leaves the first word whole.
    """
    text = _fold(text)
    text = re.sub(r"^\s*(?:[-*•]\s*)?(?:\d{1,2}(?:\.\d{1,2})*\s*[.)]?\s+)", "", text)
    tokens = re.findall(r"[^\W\d_]+", text.replace("-", " "))
    out = []
    for token in tokens:
        if token in _STOP or len(token) < 2:
            continue
        weight = WEAK_WEIGHT if token in _WEAK else 1.0
        out.append((_stemmer().stemWord(token), weight))
    return tuple(out)


def word_likeness(a: str, b: str) -> float:
    """1 for the same stem, less for a longer form or a compound's part, 0 for other words."""
    if a == b:
        return 1.0
    short, long = sorted((a, b), key=len)
    if len(short) < 3:
        return 0.0
    common = 0
    for x, y in zip(short, long):
        if x != y:
            break
        common += 1
    if common >= max(4, len(short) - 1) and len(long) - common <= 3:
        return 0.9  # työntekij ~ työntekijö, tulos ~ tuloks, kump ~ kumppan: the stemmer's leftovers
    if len(short) >= 4 and long.endswith(short):
        return 0.75  # päätavoit ~ tavoit, yhteistyökumppan ~ kumppan
    if len(short) >= 5 and long.startswith(short):
        return 0.6  # arviointitieto ~ arvioint
    return 0.0


def likeness(heading: str, wording: str) -> float:
    """How well ``wording`` (a form's heading or question) names ``heading`` (a document's), 0–1.

    Both ways: how much of the heading the wording explains, and how much of the wording the
    heading says; the heading's side counts more, since a short heading ("Talous") that the
    form's longer wording contains is a good match.
    """
    a, b = words(heading), words(wording)
    if not a or not b:
        return 0.0

    def covered(xs, ys) -> float:
        total = sum(w for _, w in xs)
        got = sum(w * max(word_likeness(x, y) for y, _ in ys) for x, w in xs)
        return got / total if total else 0.0

    return 0.6 * covered(a, b) + 0.4 * covered(b, a)
