"""Problems said in Finnish: a catalogue keyed by a problem's code, filled from its args.

Being replaced by the gettext catalogues of raportti.i18n.messages: a problem whose
message is made with ``_()`` is already in the language in use.
"""

from __future__ import annotations

import datetime
from typing import Any, Callable, Optional

from raportti.i18n.messages import _, current, ngettext, pgettext
from raportti.problems import Problem

def message(problem: Problem) -> str:
    """The problem's message in the language in use; English when there is no translation."""
    if current() != "fi" or not problem.args:
        return problem.message
    make = FINNISH.get(problem.code)
    if make is None:
        return problem.message
    try:
        text = make(problem.args)
    except (KeyError, TypeError, ValueError):  # values of an older shape: English is safe
        return problem.message
    return text if text else problem.message


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


# -- pieces --------------------------------------------------------------------------


def _mean(match: Optional[str]) -> str:
    return f" Tarkoititko '{match}'?" if match else ""


def _value(value: Any) -> str:
    """A value in plain Finnish words."""
    if value is None:
        return "ei mitään (tyhjä arvo)"
    if isinstance(value, bool):
        return f"totuusarvo '{str(value).lower()}'"
    if isinstance(value, (int, float)):
        return f"luku {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return f"teksti '{shown.replace(chr(10), ' ')}'"
    if isinstance(value, datetime.date):
        return f"päivämäärä {value.isoformat()}"
    if isinstance(value, list):
        return "luettelo"
    if isinstance(value, dict):
        return "kokoelma (avain: arvo -rivejä)"
    return "arvo"


EXPECTED = {
    "int_type": "kokonaisluku", "int_from_float": "kokonaisluku", "int_parsing": "kokonaisluku",
    "float_type": "luku", "float_parsing": "luku", "string_type": "teksti",
    "bool_type": "true tai false", "list_type": "luettelo ('- ' alkavia rivejä)",
    "dict_type": "kokoelma (avain: arvo -rivejä)", "model_type": "kokoelma (avain: arvo -rivejä)",
    "model_attributes_type": "kokoelma (avain: arvo -rivejä)", "date_type": "päivämäärä",
    "date_parsing": "päivämäärä", "date_from_datetime_parsing": "päivämäärä",
    "union_tag_invalid": "luku (figure)", "none_required": "ei mitään",
}


def _wrong_type(args: dict) -> str:
    wanted = list(dict.fromkeys(EXPECTED[k] for k in args["kinds"]))
    said = ", ".join(wanted[:-1]) + " tai " + wanted[-1] if len(wanted) > 1 else wanted[0]
    text = f"Tähän kuuluu {said}, mutta tässä on {_value(args['value'])}."
    kinds, value = set(args["kinds"]), args["value"]
    if {"int_type", "float_type"} & kinds and isinstance(value, str) and value.strip().replace(",", "").replace(".", "").isdigit():
        text += " Kirjoita luku ilman lainausmerkkejä ja desimaalipisteellä (3.5), ei pilkulla."
    if {"date_type", "date_parsing", "date_from_datetime_parsing"} & kinds and isinstance(value, str):
        text += " Kirjoita päivämäärä muodossa 2025-08-31, ilman lainausmerkkejä."
    return text


YAML_CAUSES: dict[str, Callable[[dict], str]] = {
    "colon-in-text": lambda a: (
        f"kohdan '{a['key']}:' tekstissä on ': ', jonka YAML lukee uuden avaimen aluksi. Laita "
        f"teksti lainausmerkkeihin ({a['key']}: \"…\") tai kirjoita se riviä '{a['key']}: |' "
        "seuraaville riveille kaksi välilyöntiä syvemmälle."),
    "indented-too-far": lambda a: (
        "rivi on sisennetty syvemmälle kuin edellinen, joten YAML lukee sen edellisen arvon osaksi. "
        "Aloita rivi samasta sarakkeesta kuin avain, jonka rinnalle se kuuluu."),
    "not-lined-up": lambda a: (
        "rivi ei ole linjassa luettelon kanssa. Luettelon jokainen kohta alkaa '- ' samasta "
        "sarakkeesta, ja kohdan avaimet alkavat samasta sarakkeesta kuin '- ':n jälkeinen "
        "ensimmäinen avain. Tarkista välilyönnit tämän ja edellisen rivin alussa."),
    "list-in-mapping": lambda a: (
        "luettelon kohta ('- ') kohdassa, jossa pitäisi olla avain (avain: arvo). Luettelo ei voi "
        "jatkaa avain–arvo-kokoelmaa: joko rivi on sisennetty väärin tai yllä olevien rivien "
        "pitäisi myös olla luettelon kohtia. Tarkista välilyönnit tämän ja edellisen rivin alussa."),
    "indent-differs": lambda a: (
        "rivi on sisennetty eri tavalla kuin kokoelman muut avaimet. Saman kokoelman avaimet "
        "alkavat samasta sarakkeesta: tarkista välilyönnit tämän ja edellisen rivin alussa."),
    "cannot-place": lambda a: (
        "rivi, jota YAML ei osaa sijoittaa. Saman kokoelman avaimet alkavat samasta sarakkeesta, "
        "ja teksti, jossa on ': ' tai joka alkaa erikoismerkillä, tarvitsee lainausmerkit."),
    "tab": lambda a: "sarkainmerkki kohdassa, jossa YAML vaatii välilyöntejä.",
    "special-start": lambda a: (
        f"teksti ei voi alkaa merkillä '{a['char']}' ilman lainausmerkkejä. Laita koko teksti "
        "lainausmerkkeihin (\"…\") tai kirjoita se '|':n jälkeisille riveille."),
    "unclosed": lambda a: (
        "ylempänä avattua lainausmerkkiä tai sulkua ei suljeta. Sulje se (lainausmerkeissä oleva "
        "teksti päättyy samaan merkkiin) tai poista se."),
    "star": lambda a: (
        "teksti ei voi alkaa '*'-merkillä ilman lainausmerkkejä (YAML lukee sen viittaukseksi). "
        "Laita koko teksti lainausmerkkeihin (\"…\")."),
    "missing-colon": lambda a: (
        "rivi ilman ':' kohdassa, jossa odotettiin avainta (avain: arvo), tai lainausmerkeissä "
        "oleva teksti jatkuu lopettavan merkin jälkeen. Tarkista tämä ja edellinen rivi."),
}


def _yaml(args: dict) -> str:
    text = "Tiedosto ei ole kelvollista YAMLia: " + YAML_CAUSES[args["cause"]](args)
    if args.get("tabs"):
        text += " Sisennä välilyönneillä, ei sarkaimilla."
    return text


def _missing_file(a: dict) -> str:
    names = [f"{{{n}}}" for n in a["names"]]
    listed = ", ".join(names[:3]) + (f" ja {len(names) - 3} muuta" if len(names) > 3 else "")
    year, kind = a["year"], a["kind"]
    start = (f"{a['count']} viittausta" if a["count"] > 1 else "Viittaus") + f" tiedoston {kind}.yaml lukuihin ({listed})"
    if a["state"] == "no-folder":
        return f"{start}, mutta vuoden {year} kansiota ei ole. Tarkista viittausten vuosi tai lisää kansio {year}/."
    if a["state"] == "empty":
        return f"{start}, mutta {year}/{kind}.yaml on tyhjä. Kirjoita luvut sen kohtaan 'figures:'."
    return f"{start}, mutta tiedostoa {year}/{kind}.yaml ei ole. Luo se ja kirjoita luvut siihen, tai poista viittaukset."


FINNISH: dict[str, Callable[[dict], str]] = {
    "yaml-syntax": _yaml,
    "empty-project": lambda a: (
        f"{a['file']} on tyhjä. Siinä pitää olla vähintään nämä rivit:\n      schema_version: 1\n"
        "      name: Hankkeen nimi\n      organisation: Järjestö ry\n"
        "    ('raportti init UUSI-KANSIO' kirjoittaa valmiin hankkeen, josta aloittaa.)"),
    "empty-file": lambda a: (
        "Tiedosto on tyhjä. Täydennä se, tai poista se, jos tälle vuodelle ei ole tämän tiedoston tietoja."),
    "duplicate-key": lambda a: (
        f"Avain '{a['key']}' on kahdesti" + (f" (kokoelma alkaa riviltä {a['first']})" if a.get("first") else "")
        + ": avain saa esiintyä kokoelmassa vain kerran, muuten jälkimmäinen arvo korvaisi edellisen."),
    "unknown-key": lambda a: (
        f"Tuntematon kenttä '{a['field']}'." + (_mean(a["match"]) if a.get("match") else (
            f" Tähän sallitut: {', '.join(a['allowed'])}." if a.get("allowed") else ""))),
    "missing-field": lambda a: f"Kenttä '{a['field']}' puuttuu: se on tässä pakollinen.",
    "wrong-type": _wrong_type,
    "bad-id": lambda a: (
        f"{_value(a['value']).capitalize()} ei kelpaa tunnisteeksi: käytä kirjaimia a–z ja å, ä, ö "
        "(pieniä tai isoja), numeroita, - ja _, ja aloita kirjaimella tai numerolla; ei välilyöntejä."),
    "unknown-figure": lambda a: (
        f"Tuntematon luku '{a['name']}' viittauksessa {{{a['name']}}}." + (
            _mean(a["match"]) if a.get("match")
            else " Määrittele se kohdassa 'figures:' tässä lohkossa, ympäröivässä lohkossa tai tiedostossa.")),
    "missing-file": _missing_file,
    "empty-figure": lambda a: (
        f"Luvulla '{a['name']}' ei ole vielä arvoa: tekstissä näkyy '[täydennä: {a['name']}]'."
        if a.get("in_text") else
        f"Luvulla '{a['name']}' ei ole vielä arvoa: täydennä se, tai poista se, jos se ei koske tätä vuotta."),
    "total-mismatch": lambda a: (
        f"Ilmoitettu yhteensä-luku {a['total']} ei ole osiensa summa: {a['parts']} = {a['sum']} "
        f"(ero {a['difference']})."),
    "unknown-goal": lambda a: f"Tavoitetta tunnisteella '{a['id']}' ei ole." + _mean(a.get("match")),
    "draft-marker": lambda a: f"Keskeneräisyyden merkki '{a['marker']}': teksti on kesken.",
    "year-outside-period": lambda a: (
        f"Vuoden {a['year']} kansio on hankekauden {a['start']}–{a['end']} ulkopuolella, joten kauden "
        "loppuraportti jättää sen tiedot pois. Jos hanke jatkui, muuta project.yaml:n 'period'; "
        "muuten siirrä tiedot kauden vuodelle."),
    "unread-folder": lambda a: (
        f"Kansiota '{a['name']}' ei lueta: vuoden kansion nimi on pelkkä vuosiluku. "
        f"Nimeä se '{a['year']}'."),
    "empty-year": lambda a: (
        f"Vuoden kansio '{a['year']}' on tyhjä: siinä ei ole vielä tiedostoja. " + (
            f"Raportti kertoo viimeisimmästä vuodesta, jolla on tietoja ({a['latest']}), ellei project.yaml "
            f"nimeä toista. Aloita vuosi {a['year']} poistamalla tyhjä kansio ja ajamalla: "
            f"raportti new-year {a['project']} {a['year']}" if a.get("latest") else
            "Vuoden tiedostot ovat goals.yaml, activities.yaml, partners.yaml, results.yaml, monitoring.yaml, "
            "plans.yaml ja year.yaml (docs/data-format.md); 'raportti init' kirjoittaa uuteen kansioon "
            "kommentoidut mallit, joista voi kopioida.")),
    "no-report-year": lambda a: (
        f"Raportoitavaa vuotta ei ole: hankkeella ei ole vielä vuoden kansiota. Tee kansio, jonka nimi on "
        f"vuosiluku, esim. {a['project']}/{a['year']}/, ja vie vuoden tiedot siihen. Vuoden tiedostot ovat "
        "goals.yaml, activities.yaml, partners.yaml, results.yaml, monitoring.yaml, plans.yaml ja year.yaml "
        "(docs/data-format.md); 'raportti init' kirjoittaa uuteen kansioon kommentoidut mallit, joista voi "
        "kopioida."),
    "report-year-without-data": lambda a: (
        f"Raportin '{a['form']}' vuodeksi on asetettu {a['year']}, mutta vuodelta {a['year']} ei ole tietoja: "
        f"hankkeella on tietoja vuosilta {a['years']}. Aseta tähän vuosi, jolta tiedot ovat."
        if a.get("set") else
        f"Lomake '{a['form']}' raportoi vuodesta {a['year']} (niin sen form.yaml sanoo), mutta hankkeella on "
        f"tietoja vain vuosilta {a['years']}, joten sen kysymyksiin ei löydy tietoja. Jos raportti koskee "
        f"vuotta {a['latest']}, aseta vuosi project.yaml:ssa:\n      reports:\n        {a['form']}:\n"
        f"          year: {a['latest']}"),
    "text-cut-by-comment": lambda a: (
        f"Teksti '{a['text']}' jatkuu '{a['comment']}', jonka YAML luki kommentiksi ja jätti pois tiedoista: "
        f"lainausmerkeittä kirjoitetussa tekstissä ' #' aloittaa kommentin. Kirjoita koko teksti "
        f"lainausmerkkeihin, niin se säilyy: \"{a['whole']}\""),
}
