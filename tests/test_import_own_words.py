"""raportti import of reports written under the organisation's own headings.

The corpus (tests/fixtures/corpus/*.docx, made once by make_docx.py: three by python-docx,
three by LibreOffice) is six annual reports of invented associations, headed their own
way: numbered ("2. Hankkeen tavoitteet"), inflected ("Tavoitteista", "Seurannasta ja
arvioinnista"), reworded ("Mitä teimme", "Osallistujien palaute"), merged ("HANKE JA
TAVOITTEET"), with a level left out, their own activity areas, a Talous chapter, tables,
response rates and scale means in the text.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import FIXTURES, PP
from fidelity import measure, read_text
from raportti.build import build
from raportti.checks.running import check_project
from raportti.importing import import_report
from raportti.importing.matching import normalise
from raportti.importing.wording import likeness
from raportti.problems import UserError

CORPUS = sorted((FIXTURES / "corpus").glob("*.docx"))
FORM = "toimintakertomus"


def replaced_headings(leftovers: str) -> list[str]:
    """The document's headings (and title lines) the report writes in the form's words instead:
    the leftovers file lists each with the part of the form it became."""
    part = leftovers.split("## Asiakirjan otsikot", 1)
    if len(part) == 1:
        return []
    return [m.group(1) for m in re.finditer(r"^- (.+?) → ", part[1].split("\n## ", 1)[0], re.M)]


def without(text: str, lines: list[str]) -> str:
    drop = {normalise(line) for line in lines}
    return "\n".join(line for line in text.splitlines() if normalise(line) not in drop)


def words(text: str) -> Counter:
    return Counter(w.casefold() for w in re.findall(r"[^\W\d_]+", text))


def data_text(project: Path) -> str:
    """Every string and number in the project's YAML files, as text."""
    out: list[str] = []

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif value is not None:
            out.append(str(value))

    for path in project.rglob("*.yaml"):
        if "build" not in path.relative_to(project).parts and "templates" not in path.relative_to(project).parts:
            walk(YAML(typ="safe").load(path))
    return "\n".join(out)


def built_markdown(project: Path) -> str:
    """The toimintakertomus built into the project's build/: its file carries the year
    it is about (toimintakertomus-2023.md), the one report there."""
    (path,) = (project / "build").glob(f"{FORM}-*.md")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = {}
    for source in CORPUS:
        project = tmp_path_factory.mktemp(source.stem) / "hanke"
        summary = import_report(source, FORM, project)
        build(project, report=FORM, out_dir=project / "build", formats=("md",))
        out[source.stem] = (source, project, summary)
    return out


def _by_libreoffice(path: Path) -> bool:
    import zipfile

    with zipfile.ZipFile(path) as package:
        return "docProps/app.xml" in package.namelist() and \
            "LibreOffice" in package.read("docProps/app.xml").decode("utf-8")


def test_the_corpus_is_six_reports_from_both_writers():
    made_by = Counter(_by_libreoffice(p) for p in CORPUS)
    assert made_by[True] >= 3 and made_by[False] >= 3


@pytest.mark.parametrize("name", [p.stem for p in CORPUS])
def test_a_report_under_its_own_headings_imports_and_builds_back(corpus, name):
    source, project, summary = corpus[name]
    assert [p for p in check_project(project) if p.is_error] == []
    built = built_markdown(project)
    leftovers = summary.leftovers_file.read_text(encoding="utf-8")
    replaced = replaced_headings(leftovers)
    # The headings the form's own words replace are few and short; everything else is built back.
    assert len(replaced) <= 16 and all(len(line) <= 60 for line in replaced), replaced
    result = measure(without(read_text(source), replaced), built)
    assert result.recall >= 0.95, result.missing
    # A planned / reached table moves to the results, where the report shows the reach table.
    assert result.order >= 0.75
    assert measure(read_text(source), built + "\n" + leftovers).recall >= 0.97


@pytest.mark.parametrize("name", [p.stem for p in CORPUS])
def test_no_word_of_the_document_is_lost(corpus, name):
    """Every word of the source is in the data or the leftovers (the form's title the report writes)."""
    source, project, summary = corpus[name]
    # The form's own words are the report's (a heading worded as the form, a table's header the
    # report writes itself); "Päätavoite:" and "Alatavoite:" become the goals' structure.
    templates = Path(__file__).resolve().parents[1] / "templates"
    form = "\n".join(p.read_text(encoding="utf-8") for p in [*(templates / FORM).iterdir(),
                                                              templates / "_common" / "macros.md.j2"])
    kept = words(data_text(project) + "\n" + summary.leftovers_file.read_text(encoding="utf-8") + "\n" + form)
    structure = Counter({"päätavoite": 9, "alatavoite": 9, "alatavoitteet": 9})
    lost = words(read_text(source)) - kept - structure
    assert not lost, lost


def test_headings_found_by_alike_words_aliases_and_order(corpus):
    _, project, summary = corpus["kohtaamo-2023"]
    kartta = YAML(typ="safe").load(summary.map_file)
    assert kartta["4.1 Työntekijöiltä kerätty tieto"] == "seuranta-tyontekijat"  # inflected
    assert kartta["4.2 Vapaaehtoisilta saatu palaute"] == "seuranta-vapaaehtoiset"
    assert kartta["4.3 Nuorten palaute"] == "seuranta-kohderyhma"  # by its place between its siblings
    assert kartta["Talous"] in ("TALOUS", "talous")
    yaml = YAML(typ="safe")
    monitoring = yaml.load(project / "2023" / "monitoring.yaml")["groups"]
    assert monitoring["target_group"]["text"].startswith("Kyselyyn vastasi")
    # The chapter's opening words before its first sub-heading go with the first part.
    assert monitoring["employees"]["text"].startswith("Keräsimme palautetta")
    # The activity areas are blocks of their own; the title paragraph is the organisation.
    blocks = yaml.load(project / "2023" / "activities.yaml")["sections"]
    assert [b["title"] for b in blocks] == ["3.1 Avoimet illat", "3.2 Retket ja leirit", "3.3 Nuorten raati"]
    assert yaml.load(project / "project.yaml")["organisation"] == "Nuorten Kohtaamo ry"
    assert yaml.load(project / "2023" / "year.yaml")["finances"].startswith("Hankkeen avustus vuonna 2023")
    # The weak match is listed for a person to check.
    assert any("4.3 Nuorten palaute" in line for line in summary.weak)
    # Next year's report leaves "4.2" out: the numbering says "4.3" is still the target group's.
    _, _, next_year = corpus["kohtaamo-2024"]
    assert YAML(typ="safe").load(next_year.map_file)["4.3 Nuorten palaute"] == "seuranta-kohderyhma"


def test_the_issue_s_own_headings_are_found(corpus):
    """The headings of the report in the issue: every one had found 0 of 11 questions."""
    _, _, summary = corpus["kylatuvat-2023"]
    kartta = YAML(typ="safe").load(summary.map_file)
    assert kartta["Toiminnan tarkoitus"] == "tarkoitus"
    assert kartta["Tavoitteet vuodelle 2023"] in ("TAVOITTEET", "tavoitteet")
    assert kartta["Mitä teimme"] == "TOIMINTA"
    assert kartta["Osallistujien palaute"] == "seuranta-kohderyhma"
    assert kartta["Yhteistyökumppanit"] == "seuranta-kumppanit"
    assert kartta["Tulokset"] in ("TULOKSET JA VAIKUTUKSET", "tulokset-tavoitteittain")


@pytest.mark.parametrize("name,project_name,organisation", [
    ("kylatuvat-2023", "Kylätuvat yhdessä -hanke", "Esimerkkilän Kyläyhdistys ry"),
    ("perhekahvila-2023", "Perhekahvila Pilke", "Pohjois-Karjalan Perheet ry"),
    ("muistikahvila-2023", "Muistikahvila Kaiku", "Muistiyhdistys Satakunta ry"),
])
def test_the_title_lines_give_the_project_s_name_organisation_and_year(corpus, name, project_name, organisation):
    _, project, summary = corpus[name]
    settings = YAML(typ="safe").load(project / "project.yaml")
    assert (settings["name"], settings["organisation"], summary.year) == (project_name, organisation, 2023)


def test_finnish_inflection_and_compounds():
    assert likeness("Työntekijöiltä", "Työntekijöiden arviointi") >= 0.75
    assert likeness("Seuranta- ja arviointi", "SEURANTA JA ARVIOINTI") >= 0.95
    assert likeness("Seurannasta ja arvioinnista", "SEURANTA JA ARVIOINTI") >= 0.9
    assert likeness("Kumppaneiden arvio", "Yhteistyökumppanien arviointi") >= 0.7
    assert likeness("Tavoitteet vuodelle 2023", "TAVOITTEET") == 1.0
    assert likeness("Talous", "Vapaaehtoisten arviointi") == 0.0


def test_the_map_is_written_read_back_and_wins(tmp_path):
    source = FIXTURES / "corpus" / "kylatuvat-2023.docx"
    project = tmp_path / "hanke"
    first = import_report(source, FORM, project)
    kartta = first.map_file.read_text(encoding="utf-8")
    assert '"Osallistujien palaute": "seuranta-kohderyhma"' in kartta
    # The user says the feedback is the volunteers' and the partners' chapter no part of the form.
    kartta = kartta.replace('"Osallistujien palaute": "seuranta-kohderyhma"',
                            '"Osallistujien palaute": "Vapaaehtoisten arviointi"')
    kartta = re.sub(r'"Yhteistyökumppanit": "seuranta-kumppanit".*', '"Yhteistyökumppanit": ~', kartta)
    first.map_file.write_text(kartta, encoding="utf-8")
    again = import_report(source, FORM, project, map_file=first.map_file, force=True)
    groups = YAML(typ="safe").load(project / "2023" / "monitoring.yaml")["groups"]
    assert groups["volunteers"]["text"].startswith("Syksyllä kävijöille tehtiin kysely")
    assert "partners" not in groups
    assert "Yhteistyökumppanit" in again.own_chapters
    assert "Kotihoito ohjasi tuvalle" in again.leftovers_file.read_text(encoding="utf-8")
    assert YAML(typ="safe").load(again.map_file)["Osallistujien palaute"] == "seuranta-vapaaehtoiset"


def test_a_wrong_part_in_the_map_is_a_clear_error(tmp_path):
    source = FIXTURES / "corpus" / "kylatuvat-2023.docx"
    kartta = tmp_path / "kartta.yaml"
    kartta.write_text('"Mitä teimme": toimintaa\n', encoding="utf-8")
    with pytest.raises(UserError, match="no part 'toimintaa'.*Did you mean 'toiminta'"):
        import_report(source, FORM, tmp_path / "hanke", map_file=kartta)


def test_a_weak_match_refused_at_the_terminal_goes_to_the_leftovers(tmp_path):
    source = FIXTURES / "corpus" / "perhekahvila-2023.docx"
    asked = []

    def ask(weak):
        asked.extend(weak)
        return [False] * len(weak)

    summary = import_report(source, FORM, tmp_path / "hanke", ask=ask)
    assert [heading for heading, _, _ in asked] == ["Vanhemmat"]
    assert "Vanhemmat" in summary.own_chapters
    assert "Vanhempien kyselyyn vastasi 86 vanhempaa" in summary.leftovers_file.read_text(encoding="utf-8")


def test_a_document_that_matches_nothing_still_writes_the_leftovers(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Johdanto", level=1)
    document.add_paragraph("Kirjoitimme tämän muistion kevään kokousta varten.")
    document.add_heading("Kiitokset", level=1)
    document.add_paragraph("Kiitämme kaikkia mukana olleita.")
    source = tmp_path / "muistio.docx"
    document.save(str(source))
    project = tmp_path / "hanke"
    with pytest.raises(UserError, match="No part of the form 'toimintakertomus' was found") as caught:
        import_report(source, FORM, project)
    left = next(project.glob("tuonti-jaljelle-jaanyt*.md"))
    assert str(left) in str(caught.value)
    assert "Kiitämme kaikkia mukana olleita." in left.read_text(encoding="utf-8")
    assert not (project / "project.yaml").exists()


# -- the document's own outline as the project's own form ------------------------------------


@pytest.mark.parametrize("source", CORPUS, ids=[p.stem for p in CORPUS])
def test_new_form_from_the_document_s_outline_builds_the_same_document(tmp_path, source):
    project = tmp_path / "hanke"
    summary = import_report(source, None, project, new_form="oma-kertomus")
    form = YAML(typ="safe").load(project / "templates" / "oma-kertomus" / "form.yaml")
    assert summary.form == "oma-kertomus" and form["title"]
    assert [p for p in check_project(project) if p.is_error] == []
    made = build(project, report="oma-kertomus", out_dir=project / "build", formats=("md",))
    result = measure(read_text(source), made.outputs[0].read_text(encoding="utf-8"))
    assert result.recall >= 0.98 and result.order >= 0.98 and result.figures >= 0.98, result.missing


def test_new_form_keeps_the_headings_in_order_and_next_year_imports_into_it(tmp_path):
    corpus = FIXTURES / "corpus"
    project = tmp_path / "hanke"
    import_report(corpus / "kohtaamo-2023.docx", None, project, new_form="kohtaamo")
    form = YAML(typ="safe").load(project / "templates" / "kohtaamo" / "form.yaml")
    headings = [s["heading"] for s in form["sections"]]
    assert headings == ["1. Hankkeen tarkoitus", "2. Hankkeen tavoitteet", "3. Toiminta vuonna 2023",
                        "4. Seuranta- ja arviointi", "5. Tulokset", "6. Talous"]
    assert [q["text"] for q in form["sections"][2]["questions"]] == \
        ["", "3.1 Avoimet illat", "3.2 Retket ja leirit", "3.3 Nuorten raati"]
    assert form["subtitle"] == "Toimintakertomus {{ report.year }}"
    year = YAML(typ="safe").load(project / "2023" / "year.yaml")
    illat = next(b for b in year["sections"] if b["id"] == "avoimet-illat")
    assert "{" in illat["text"] and 96 in illat["figures"].values()
    # Next year's report, under (nearly) the same headings, into the same project and form.
    summary = import_report(corpus / "kohtaamo-2024.docx", "kohtaamo", project)
    assert summary.year == 2024 and summary.missing == ["4.2 Vapaaehtoisilta saatu palaute"] and not summary.own_chapters
    settings = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(settings.replace("year: 2023", "year: 2024"), encoding="utf-8")
    made = build(project, report="kohtaamo", out_dir=project / "build", formats=("md",))
    assert made.outputs[0].name == "kohtaamo-2024.md"  # beside 2023's, not over it
    built = made.outputs[0].read_text(encoding="utf-8")
    assert "Avoimia iltoja järjestettiin 118 kertaa" in built and "Toimintakertomus 2024" in built


# -- the examples' own reports with every heading worded otherwise ---------------------------

#: Each heading of the built report and how an organisation might word it instead.
RETITLED = {
    "toimintakertomus": {
        "HANKE JA SEN TARKOITUS": "1. Hankkeesta",
        "Hankkeen perustiedot": "1.1 Perustiedot",
        "Hankkeen tarkoitus": "1.2 Toiminnan tarkoitus",
        "TAVOITTEET": "2. Tavoitteemme",
        "Päätavoitteet ja osatavoitteet": "2.1 Hankkeen tavoitteet",
        "Vuoden aikana pois jääneet ja tarkentuneet tavoitteet": "2.2 Tavoitteiden muutokset",
        "TOIMINTA": "3. Mitä teimme",
        "Vuoden toiminta toiminta-alueittain": "3.1 Toiminta-alueet",
        "SEURANTA JA ARVIOINTI": "4. Seuranta- ja arviointi",
        "Työntekijöiden arviointi": "4.1 Työntekijöiltä kerätty tieto",
        "Vapaaehtoisten arviointi": "4.2 Vapaaehtoisilta saatu palaute",
        "Kohderyhmän arviointi": "4.3 Osallistujien palaute",
        "Yhteistyökumppanien arviointi": "4.4 Yhteistyökumppanit",
        "TULOKSET JA VAIKUTUKSET": "5. Mitä saimme aikaan",
        "Tulokset ja vaikutukset päätavoitteittain": "5.1 Tulokset tavoitteittain",
        "Kaikkia tavoitteita koskevat tulokset": "5.2 Kaikkien tavoitteiden tulokset",
        "TALOUS": "6. Talous",
        "Talous ja rahoitus": "6.1 Rahoitus",
    },
    "tuloksellisuusraportti": {
        "PERUSTIEDOT": "1. Perustiedot",
        "Järjestö": "1.1 Hakijajärjestö",
        "Avustuskohde": "1.2 Hanke",
        "Avustus raportointivuonna": "1.3 Vuoden avustus",
        "KOHDERYHMÄ JA SEN TAVOITTAMINEN": "2. Kohderyhmän tavoittaminen",
        "Tavoittiko toiminta sen kohderyhmän, jolle se oli tarkoitettu?": "2.1 Tavoitimmeko oikean kohderyhmän",
        "Tavoitettiinko kohderyhmää määrällisesti tavoitteen mukaisesti? (suunniteltu ja toteutunut)":
            "2.2 Tavoitetut määrät",
        "TOIMINNAN MÄÄRÄ": "3. Toiminnan määrä",
        "Toiminnan määrä ja mihin luvut perustuvat (kerätty tieto, otos vai arvio)":
            "3.1 Toiminnan määrät ja niiden perusteet",
        "TAVOITTEET JA TULOKSET": "4. Tavoitteet ja niiden toteutuminen",
        "Tavoitteiden mittarit: tavoite ja toteuma": "4.1 Mittarit",
        "Saavutettiinko tavoitellut tulokset, ja tukeeko toiminta niitä?": "4.2 Saavutetut tulokset",
        "SEURANTATIETO": "5. Seuranta",
        "Miten seurantatietoa kerättiin, ja osoittaako kerätty tieto tulokset?": "5.1 Seurantatiedon keruu",
        "NÄKÖKULMAT TULOKSIIN": "6. Eri näkökulmat",
        "Työntekijöiden näkökulma": "6.1 Työntekijät",
        "Vapaaehtoisten näkökulma": "6.2 Vapaaehtoiset",
        "Osallistujien ja kohderyhmän näkökulma": "6.3 Osallistujat",
        "Yhteistyökumppanien näkökulma": "6.4 Kumppanit",
        "YHTEISTYÖKUMPPANIT": "7. Yhteistyö",
        "Tulosten kannalta merkittävät yhteistyökumppanit ja yhteistyön muoto": "7.1 Tärkeimmät kumppanit",
        "TULOKSET SUHTEESSA AVUSTUKSEEN": "8. Tulokset ja avustus",
        "Tulokset suhteessa avustukseen": "8.1 Tulokset suhteessa avustukseen",
    },
}


def _retitled_docx(tmp_path: Path, example: Path, form: str) -> tuple[Path, Path]:
    import docx
    from docx.oxml.ns import qn

    made = build(example, report=form, out_dir=tmp_path / "first", formats=("md", "docx"))
    document = docx.Document(str(made.outputs[1]))
    renamed = 0
    for p in document.paragraphs:
        if p.style.name.startswith("Heading") and p.text.strip() in RETITLED[form]:
            new = RETITLED[form][p.text.strip()]
            for run in p.runs[1:]:
                run.text = ""
            p.runs[0].text = new
            renamed += 1
        elif p.style.name.lower().startswith("toc "):
            # The table of contents says what the headings say, as Word keeps it.
            for t in p._p.iter(qn("w:t")):
                if (t.text or "").strip() in RETITLED[form]:
                    t.text = RETITLED[form][t.text.strip()]
    assert renamed >= len(RETITLED[form]) - 2
    target = tmp_path / f"{form}-omin-otsikoin.docx"
    document.save(str(target))
    return target, made.outputs[0]


def test_the_example_s_toimintakertomus_with_every_heading_reworded_imports(tmp_path):
    source, _ = _retitled_docx(tmp_path, PP, "toimintakertomus")
    summary = import_report(source, "toimintakertomus", tmp_path / "hanke")
    assert summary.own_chapters == []
    again = build(tmp_path / "hanke", report="toimintakertomus", out_dir=tmp_path / "again", formats=("md",))
    built = again.outputs[0].read_text(encoding="utf-8")
    replaced = replaced_headings(summary.leftovers_file.read_text(encoding="utf-8"))
    kartta = {normalise(k): v for k, v in YAML(typ="safe").load(summary.map_file).items()}
    assert all(kartta.get(normalise(h)) for h in RETITLED["toimintakertomus"].values())
    result = measure(without(read_text(source), replaced), built)
    assert result.recall >= 0.95, result.missing[:10]


# -- figures a reader would recognise --------------------------------------------------------


def test_figures_are_named_by_the_noun_they_count_and_keep_their_kind():
    from raportti.importing.numbers import Figures, figurise

    figures = Figures()
    text = figurise("Avoimia iltoja järjestettiin 96 kertaa. Illoissa kävi yhteensä 214 eri nuorta. "
                    "Pidimme 12 tapaamista, joissa oli 3 avointa iltaa. Neuvontakontakteja kertyi 412. "
                    "Kyselyyn vastasi 12 vastaajaa 17:stä. Illat saivat arvosanan 4,3 (asteikko 1–5), ja "
                    "tyytyväisyyden keskiarvo oli 4,6 asteikolla 1–5. Vastaajista 82 % sai uusia kavereita.",
                    figures)
    values = figures.values
    assert values["iltoja"] == 96 and values["nuoria"] == 214 and values["tapaamisia"] == 12
    assert values["iltoja_2"] == 3  # the noun after its adjective, not "avointa"
    assert values["neuvontakontakteja"] == 412  # the noun, not the verb "kertyi"
    assert values["vastaajia"] == {"responded": 12, "asked": 17}
    assert "{vastaajia.responded} vastaajaa {vastaajia.asked}:stä" in text
    assert {"mean": 4.3, "scale": 5} in values.values() and values["keskiarvo"] == {"mean": 4.6, "scale": 5}
    assert "asteikolla {keskiarvo.min}–{keskiarvo.scale}" in text
    assert {"value": 82, "unit": "%"} in values.values()
    assert not any(re.search(r"kertyi|jarjestettiin", name) for name in values)


def test_numbers_in_quotations_ages_and_dates_stay_text():
    from raportti.importing.numbers import Figures, figurise

    figures = Figures()
    line = ("”Olin 16 v, kun tulin ensimmäisen kerran 3 kaverin kanssa”, kertoi kävijä. Leiri pidettiin "
            "12.–14.6.2023, ja mukana oli 14-vuotias isosisko ja 16 v poika.")
    assert figurise(line, figures) == line and figures.values == {}


def test_tables_become_reach_rows_and_labelled_figures(corpus):
    yaml = YAML(typ="safe")
    _, project, _ = corpus["kohtaamo-2023"]
    assert yaml.load(project / "2023" / "partners.yaml")["reach"][0] == \
        {"group": "Nuoret 13–17 v.", "planned": 180, "reached": 214}
    _, project, _ = corpus["kylatuvat-2023"]
    activities = yaml.load(project / "2023" / "activities.yaml")
    figures = {f["label"]: f["value"] for block in [activities, *activities.get("sections", [])]
               for f in (block.get("figures") or {}).values() if isinstance(f, dict) and "label" in f}
    assert figures == {"Tupakerrat": 84, "Kotikäynnit": 120, "Retket": 3}
    built = built_markdown(project)
    assert "| Kotikäynnit | 120 |" in built


def test_several_years_into_one_project_link_the_same_goals_for_diff(tmp_path):
    """2024 lists the goals in another order, rewords one and adds one: ids follow the wording."""
    from click.testing import CliRunner

    from raportti.cli.app import main

    corpus = FIXTURES / "corpus"
    project = tmp_path / "hanke"
    import_report(corpus / "kohtaamo-2023.docx", FORM, project)
    import_report(corpus / "kohtaamo-2024.docx", FORM, project)
    yaml = YAML(typ="safe")
    before = {g["text"]: g["id"] for g in yaml.load(project / "2023" / "goals.yaml")["goals"]}
    after = {g["text"]: g["id"] for g in yaml.load(project / "2024" / "goals.yaml")["goals"]}
    assert after["Vapaaehtoisten joukko vakiintuu ja sitoutuu toimintaan."] == \
        before["Vapaaehtoisten joukko vakiintuu ja sitoutuu toimintaan."] == "t3"
    assert after["Nuorten osallisuus oman alueen toiminnan suunnittelussa kasvaa selvästi."] == "t2"
    assert after["Toiminta juurtuu Kaukajärvelle."] not in before.values()
    result = CliRunner().invoke(main, ["diff", str(project), "2023", "2024"])
    assert result.exit_code == 0, result.output
    assert "1 new goal, 1 goal reworded or moved" in result.output
    assert "Now: Nuorten osallisuus oman alueen toiminnan suunnittelussa kasvaa selvästi." in result.output


@pytest.mark.parametrize("example", [PP, PP.parent / "keksitty-esimerkki"], ids=["pp", "kk"])
def test_the_example_s_tuloksellisuusraportti_with_every_heading_reworded_loses_nothing_more(tmp_path, example):
    """Every heading found, and the import loses no text that the import of the same document
    under the form's own headings keeps (that one reaches 0.83 / 0.73: the report makes some
    of its tables from data it cannot read back, see docs/importing.md); with the leftovers
    file, the whole document is there."""
    form = "tuloksellisuusraportti"
    source, first_md = _retitled_docx(tmp_path, example, form)
    first_docx = first_md.with_suffix(".docx")  # tuloksellisuusraportti-YEAR: the file carries its year
    summary = import_report(source, form, tmp_path / "hanke")
    assert summary.missing == [] and summary.own_chapters == []
    again = build(tmp_path / "hanke", report=form, out_dir=tmp_path / "again", formats=("md",)).outputs[0]
    import_report(first_docx, form, tmp_path / "exact")
    exact = build(tmp_path / "exact", report=form, out_dir=tmp_path / "exact-again", formats=("md",)).outputs[0]
    leftovers = summary.leftovers_file.read_text(encoding="utf-8")
    replaced = {normalise(line) for line in replaced_headings(leftovers)}
    retitled = measure(read_text(source), again.read_text(encoding="utf-8"))
    own = measure(read_text(first_docx), exact.read_text(encoding="utf-8"))
    # A heading lost once counts once, though the table of contents repeats its words.
    lost = sorted({unit for unit in retitled.missing if unit not in own.missing and normalise(unit) not in replaced})
    assert len(lost) <= 1, lost  # "7.1 Tärkeimmät kumppanit": a sub-heading of a part the report makes itself
    assert measure(read_text(source), again.read_text(encoding="utf-8") + "\n" + leftovers).recall >= 0.95
