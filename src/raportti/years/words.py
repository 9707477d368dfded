"""What ``raportti diff`` says, in the reader's language.

Every sentence the diff prints goes through :class:`Words`, whose ``gettext`` and
``ngettext`` have the shape of Python's :mod:`gettext` translations, so the messages can
move into the project's catalogues (.po files) without touching the code that uses them.
English is the message id; :data:`FINNISH` holds the Finnish until then.
"""

from __future__ import annotations

import os
from typing import Optional

LANGUAGES = ("en", "fi")


class Words:
    """``gettext``/``ngettext`` for one language; English when a message has no entry."""

    def __init__(self, language: str = "en"):
        self.language = language if language in LANGUAGES else "en"
        self._table = FINNISH if self.language == "fi" else {}

    def gettext(self, message: str) -> str:
        found = self._table.get(message)
        return found if isinstance(found, str) else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        found = self._table.get(singular)
        if isinstance(found, tuple):
            return found[0] if n == 1 else found[1]
        return singular if n == 1 else plural

    def __call__(self, message: str, **values) -> str:
        return self.gettext(message).format(**values) if values else self.gettext(message)

    def n(self, singular: str, plural: str, n: int, **values) -> str:
        return self.ngettext(singular, plural, n).format(n=n, **values)


def choose_language(option: Optional[str], project_language: Optional[str] = None,
                    environ: Optional[dict] = None) -> str:
    """``--lang``, then ``RAPORTTI_LANG``, then the project's ``language:``, then the locale."""
    environ = os.environ if environ is None else environ
    for chosen in (option, environ.get("RAPORTTI_LANG", "").lower(), project_language):
        if chosen in LANGUAGES:
            return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return "fi" if value.lower().startswith("fi") else "en"
    return "en"


# A tuple is a message with a plural: (singular, plural).
FINNISH: dict[str, object] = {
    # the summary
    "No changes.": "Ei muutoksia.",
    "No changes ({n} figures, the goals and the texts are the same).":
        "Ei muutoksia ({n} lukua, tavoitteet ja tekstit ovat ennallaan).",
    "{n} figure changed": ("{n} luku muuttui", "{n} lukua muuttui"),
    "{n} new figure": ("{n} uusi luku", "{n} uutta lukua"),
    "{n} figure left out": ("{n} luku jäi pois", "{n} lukua jäi pois"),
    "{n} new goal": ("{n} uusi tavoite", "{n} uutta tavoitetta"),
    "{n} goal reworded or moved": ("{n} tavoite muotoiltiin uudelleen tai siirtyi",
                                   "{n} tavoitetta muotoiltiin uudelleen tai siirtyi"),
    "{n} goal dropped": ("{n} tavoite poistui", "{n} tavoitetta poistui"),
    "{n} new result": ("{n} uusi tulos", "{n} uutta tulosta"),
    "{n} result left out": ("{n} tulos jäi pois", "{n} tulosta jäi pois"),
    "{n} new partner": ("{n} uusi kumppani", "{n} uutta kumppania"),
    "{n} partner left out": ("{n} kumppani jäi pois", "{n} kumppania jäi pois"),
    "{n} new section": ("{n} uusi osio", "{n} uutta osiota"),
    "{n} section left out": ("{n} osio jäi pois", "{n} osiota jäi pois"),
    "{n} new target group": ("{n} uusi kohderyhmä", "{n} uutta kohderyhmää"),
    "{n} target group left out": ("{n} kohderyhmä jäi pois", "{n} kohderyhmää jäi pois"),
    "{n} new item": ("{n} uusi kohta", "{n} uutta kohtaa"),
    "{n} item left out": ("{n} kohta jäi pois", "{n} kohtaa jäi pois"),
    "{n} text changed": ("{n} teksti muuttui", "{n} tekstiä muuttui"),
    # the sides
    "{year} at {revision}": "{year} versiossa {revision}",
    "{year} now": "{year} nyt",
    "{year} now (with uncommitted changes)": "{year} nyt (mukana tallentamattomat muutokset)",
    # topics, in the order a board reads them
    "Goals and indicators": "Tavoitteet ja mittarit",
    "Activities": "Toiminta",
    "Target groups and partners": "Kohderyhmät ja kumppanit",
    "Results": "Tulokset",
    "Monitoring and evaluation": "Seuranta ja arviointi",
    "Plans": "Suunnitelmat",
    "The year": "Vuosi",
    "The project": "Hanke",
    # goals
    "Goals: {old} follows the goals of {old_set}, {new} those of {new_set}.":
        "Tavoitteet: {old} noudattaa vuoden {old_set} tavoitteita, {new} vuoden {new_set}.",
    "none": "ei tavoitteita",
    "No change: both years follow the same goals.": "Ei muutoksia: molemmat vuodet noudattavat samoja tavoitteita.",
    "No change to the goals.": "Tavoitteet eivät muuttuneet.",
    "New goals": "Uudet tavoitteet",
    "Reworded or moved goals": "Uudelleen muotoillut tai siirtyneet tavoitteet",
    "Dropped goals": "Poistuneet tavoitteet",
    "under “{parent}”": "tavoitteen ”{parent}” alatavoitteena",
    "now a sub-goal of “{parent}”, was a main goal": "nyt tavoitteen ”{parent}” alatavoite, oli päätavoite",
    "moved from under “{old}” to under “{new}”": "siirtyi tavoitteen ”{old}” alta tavoitteen ”{new}” alle",
    "now a main goal, was under “{old}”": "nyt päätavoite, oli tavoitteen ”{old}” alla",
    "reason: {reason}": "syy: {reason}",
    "no reason given": "syytä ei kerrottu",
    "dropped during the year": "jäi pois kesken vuoden",
    "Change": "Muutos",
    "In the goals of {year}": "Vuoden {year} tavoitteissa",
    "Before": "Ennen",
    "Now": "Nyt",
    "Removed": "Poistettiin",
    "Added": "Lisättiin",
    "and": "ja",
    # figures
    "Figures": "Luvut",
    "Changed ({n}):": "Muuttuneet ({n}):",
    "In both years ({n}, {changed} changed):": "Molempina vuosina ({n}, joista {changed} muuttui):",
    "Only in {side} ({n}):": "Vain {side} ({n}):",
    "(empty)": "(tyhjä)",
    "total": "yhteensä",
    "responses": "vastauksia",
    "mean": "keskiarvo",
    "target": "tavoite",
    "actual": "toteuma",
    "Figure": "Luku",
    "Change ": "Muutos",
    "new": "uusi",
    "left out": "jäi pois",
    # texts
    "Texts ({n} changed; --all shows how)": "Tekstit ({n} muuttui; --all näyttää miten)",
    "Texts ({n} changed)": "Tekstit ({n} muuttui)",
    "Texts": "Tekstit",
    "{where}: added": "{where}: lisättiin",
    "{where}: left out": "{where}: jäi pois",
    "{where}: rewritten": "{where}: kirjoitettiin uudelleen",
    "{where}: {n} sentence changed": ("{where}: {n} virke muuttui", "{where}: {n} virkettä muuttui"),
    "New": "Uudet",
    "Left out": "Jäivät pois",
    "Changed": "Muuttuneet",
    "New in {year}": "Uutta vuonna {year}",
    "Not reported in {year}": "Ei enää vuonna {year}",
    "Changed texts": "Muuttuneet tekstit",
    "result": "tulos",
    "result for “{goal}”": "tulos tavoitteelle ”{goal}”",
    "result for all goals": "tulos kaikille tavoitteille",
    "the employees' view": "työntekijöiden näkemys",
    "the volunteers' view": "vapaaehtoisten näkemys",
    "the target group's view": "kohderyhmän näkemys",
    "the partners' view": "yhteistyökumppaneiden näkemys",
    "{n} new text": ("{n} uusi teksti", "{n} uutta tekstiä"),
    "{n} text left out": ("{n} teksti jäi pois", "{n} tekstiä jäi pois"),
    # the board's document
    "{project}: what changed from {old} to {new}": "{project}: mitä muuttui vuodesta {old} vuoteen {new}",
    "{project}: what changed in {year} since {revision}": "{project}: mitä vuoden {year} tiedoissa muuttui versiosta {revision}",
    "In short": "Lyhyesti",
    "Nothing else changed.": "Muuta ei muuttunut.",
    "Figures that did not change are left out ({n}).": "Luvut, jotka eivät muuttuneet, on jätetty pois ({n}).",
    "Named partners": "Nimetyt kumppanit",
    "New partners: {names}.": "Uudet kumppanit: {names}.",
    "No longer named: {names}.": "Ei enää mainittu: {names}.",
    "Made with raportti diff from the project's data.": "Koottu hankkeen tiedoista komennolla raportti diff.",
}
