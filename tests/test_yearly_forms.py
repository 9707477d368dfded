"""The forms NGOs write today (toimintakertomus, tuloksellisuusraportti) and the data
they need: figure bases, indicators, target-group reach, grants, cooperation per partner."""

from __future__ import annotations

import shutil

import docx
import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, PP, VS
from raportti.cli.app import main

KE = EXAMPLES / "keksitty-esimerkki"
FORMS = ("toimintakertomus", "tuloksellisuusraportti")
NO_DATA = "Ei tietoa tästä kohdasta."


def build(root, form, out):
    result = CliRunner().invoke(main, ["build", str(root), "--report", form, "-o", str(out)])
    assert result.exit_code == 0, result.output
    # A yearly report's file carries its year: 2019 for Pohjois-Pohjanmaa, 2020 for
    # Varsinais-Suomi, 2025 for the invented example.
    year = {PP.name: 2019, VS.name: 2020, KE.name: 2025}[root.name]
    assert f"Report year {year}:" in result.output
    return docx.Document(str(out / f"{form}-{year}.docx"))


def headings(document, level):
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def answer_after(document, heading):
    """The body paragraphs between a question heading and the next heading."""
    out, inside = [], False
    for p in document.paragraphs:
        if p.style.name.startswith("Heading"):
            if inside and p.style.name in ("Heading 1", "Heading 2"):
                break
            # A chapter whose only question has its words shows them once, as the chapter.
            inside = inside or p.text.lower() == heading.lower()
        elif inside:
            out.append(p.text)
    return out


def table_with(document, first_header):
    for table in document.tables:
        if table.rows[0].cells[0].text == first_header:
            return [[c.text for c in row.cells] for row in table.rows]
    raise AssertionError(f"no table starting with {first_header!r}")


def test_reports_lists_both():
    output = CliRunner().invoke(main, ["reports"]).output
    assert "toimintakertomus:" in output and "tuloksellisuusraportti:" in output


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("root", [PP, VS, KE], ids=["pp", "vs", "ke"])
def test_every_example_builds_every_new_form(root, form, tmp_path):
    document = build(root, form, tmp_path)
    assert document.paragraphs[0].style.name == "Title"
    if form == "toimintakertomus":
        assert headings(document, 1) == [
            "HANKE JA SEN TARKOITUS", "TAVOITTEET", "TOIMINTA", "SEURANTA JA ARVIOINTI",
            "TULOKSET JA VAIKUTUKSET", "TALOUS"]
    else:
        assert headings(document, 1) == [
            "PERUSTIEDOT", "KOHDERYHMÄ JA SEN TAVOITTAMINEN", "TOIMINNAN MÄÄRÄ",
            "TAVOITTEET JA TULOKSET", "SEURANTATIETO", "NÄKÖKULMAT TULOKSIIN",
            "YHTEISTYÖKUMPPANIT", "TULOKSET SUHTEESSA AVUSTUKSEEN"]


def test_sources_without_post_2021_data_say_so(tmp_path):
    document = build(VS, "tuloksellisuusraportti", tmp_path)
    # The final report of 2020 states no grant per year, no indicators and no reach.
    for question in ("Avustus raportointivuonna", "Tavoitteiden mittarit: tavoite ja toteuma",
                     "Tulokset suhteessa avustukseen"):
        assert answer_after(document, question) == [NO_DATA], question


def test_toimintakertomus_of_the_invented_example(tmp_path):
    document = build(KE, "toimintakertomus", tmp_path)
    # reports: project_name; no line break before the suspended hyphen
    assert document.paragraphs[1].text == "Kylätuvat yhdessä\u00a0-hanke, vuosi 2025"
    goals = answer_after(document, "Päätavoitteet ja osatavoitteet")
    assert "Päätavoite 1. Yksin asuvien ikääntyneiden yksinäisyys vähenee" in goals
    assert any("Kylätupa kokoontuu viikoittain kummassakin kunnassa" in t for t in goals)
    changes = " ".join(answer_after(document, "Vuoden aikana pois jääneet ja tarkentuneet tavoitteet"))
    assert "Tarkentui: Vapaaehtoiset tekevät kotikäyntejä" in changes
    assert "→ Vapaaehtoiset saattavat tuvalle" in changes
    assert "Kolmas kylätupa Pikkukylään. Syy: kylällä ei löytynyt esteetöntä tilaa" in changes
    assert headings(document, 3)[:4] == ["Hallinto", "Kylätuvat", "Alueellinen ja kunnallinen työ", "Viestintä"]
    rows = table_with(document, "Mittari")
    assert rows[0] == ["Mittari", "Lähtötaso", "Tavoite", "Toteuma"]
    assert ["Kylätupien kokoontumiskerrat (kertaa)", "0 (2023)", "80", "84"] in rows


def test_every_result_is_under_its_own_goal(tmp_path):
    """A goal's result and its figures are under that goal; a result given from the target
    group's perspective (56 %, a sample) is in that perspective's answer, never in a table
    under "Kaikkia tavoitteita koskevat tulokset"."""
    out = tmp_path / "o"
    result = CliRunner().invoke(main, ["build", str(KE), "-r", "tuloksellisuusraportti", "-f", "md", "-o", str(out)])
    assert result.exit_code == 0, result.output
    markdown = (out / "tuloksellisuusraportti-2025.md").read_text(encoding="utf-8")
    answer = markdown.split("### Saavutettiinko tavoitellut tulokset", 1)[1].split("\n## ", 1)[0]
    goal, common = answer.split("#### Kaikkia tavoitteita koskevat tulokset", 1)
    assert "| Saatetut osallistujat | 14 | kerätty |" in goal
    assert "| Luku |" not in common and "Yksinäisyys vähentynyt" not in answer
    view = markdown.split("### Osallistujien ja kohderyhmän näkökulma", 1)[1].split("\n### ", 1)[0]
    assert "| Yksinäisyys vähentynyt, % vastanneista | 56 | otos |" in view


def test_tuloksellisuusraportti_of_the_invented_example(tmp_path):
    document = build(KE, "tuloksellisuusraportti", tmp_path)
    reach = table_with(document, "Kohderyhmä")
    assert reach[0] == ["Kohderyhmä", "Suunniteltu", "Tavoitettu", "Peruste"]
    assert ["Omaishoitajat", "10", "7", "kerätty"] in reach
    amounts = table_with(document, "Toiminta")
    # its own basis; four digits stay whole in a table without larger numbers
    assert ["Käyntikerrat", "1240", "arvio"] in amounts
    assert ["Kylätupien kokoontumiskerrat", "84", "kerätty"] in amounts  # the file's
    indicators = table_with(document, "Mittari")
    assert indicators[0][-1] == "Peruste"
    assert ["Osallistujat, jotka kokevat itsensä yksinäiseksi harvemmin kuin ennen (% vastanneista)",
            "–", "50", "56", "otos"] in indicators
    partners = " ".join(answer_after(document, "Tulosten kannalta merkittävät yhteistyökumppanit ja yhteistyön muoto"))
    assert "Mallilan seurakunta (seurakunta): Tuvat kokoontuivat seurakuntatalossa" in partners
    assert "kirjasto" not in partners  # named, but no cooperation that mattered for the results
    grant = " ".join(answer_after(document, "Tulokset suhteessa avustukseen"))
    # No line break inside a number or before its unit.
    assert "92\u00a0000\u00a0€" in grant and "113 henkilöä" in grant and "814\u00a0€" in grant
    assert "Mittareista 2/3 saavutti" in grant


def _copy(root, tmp_path):
    target = tmp_path / root.name
    shutil.copytree(root, target, ignore=shutil.ignore_patterns("build"))
    return target


def validate(root, *args):
    return CliRunner().invoke(main, ["validate", str(root), *args])


def test_invented_example_meets_the_forms_rules():
    result = validate(KE, "--strict", "--report", "tuloksellisuusraportti")
    assert result.exit_code == 0, result.output


def test_rules_find_links_personal_data_and_missing_bases(tmp_path):
    root = _copy(KE, tmp_path)
    path = root / "2025" / "partners.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("Yksin asuvat yli 70-vuotiaat Esimerkkilässä ja Mallilassa. Vuonna",
                        "Lisää https://example.org ja puh. 040 123 4567. Vuonna")
    text = text.replace("\nbasis: collected\n", "\n")
    path.write_text(text, encoding="utf-8")
    result = validate(root, "--report", "tuloksellisuusraportti")
    assert result.exit_code == 1
    # Pointed at where the coordinator wrote them, not at the form.
    assert "2025/partners.yaml:4:9: error: question kohderyhma: The answer to question kohderyhma " \
           "contains a link ('https://example.org'); the form does not allow links." in result.output
    assert "A phone number ('040 123 4567')" in result.output
    assert "2025/partners.yaml:7:5: warning: reach[0]: The report 'tuloksellisuusraportti' needs to say " \
           "what the reach of 'Yksin asuvat yli 70-vuotiaat' rests on" in result.output
    # Without --report, the default report's rules are checked as build checks them:
    # the same problems, as warnings, and the data is valid.
    plain = validate(root)
    assert plain.exit_code == 0, plain.output
    assert "2025/partners.yaml:4:9: warning: question kohderyhma: The answer to question kohderyhma " \
           "contains a link" in plain.output
    assert "needs to say" in plain.output


def test_indicator_warnings(tmp_path):
    root = _copy(KE, tmp_path)
    path = root / "2024" / "goals.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("{year: 2024, target: 60, actual: 52}", "{year: 2024, actual: 52}")
    text = text.replace("{year: 2025, target: 12, actual: 11, basis: collected,", "{year: 2025, target: 12, basis: collected,")
    path.write_text(text, encoding="utf-8")
    output = validate(root).output
    assert "2024/goals.yaml:25:17: warning: goals[0].subgoals[0].indicators[0].years[0]: Indicator " \
           "'tupakerrat' has an actual for 2024 but no target" in output
    assert "Indicator 'koulutetut' has a target for 2025 but no actual, and the year is over" in output


def test_a_target_for_a_year_not_over_is_not_warned_about(tmp_path):
    from raportti.checks.followup import check_followup
    from raportti.project.loading import load_project

    root = _copy(KE, tmp_path)
    path = root / "2024" / "goals.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "{year: 2025, target: 80, actual: 84}", "{year: 2025, target: 80, actual: 84}\n              - {year: 2026, target: 90}"),
        encoding="utf-8")
    import datetime

    data = load_project(root)
    during = [p.message for p in check_followup(data, today=datetime.date(2026, 6, 1))]
    after = [p.message for p in check_followup(data, today=datetime.date(2027, 1, 2))]
    assert not any("2026" in m for m in during)
    assert any("target for 2026 but no actual" in m for m in after)


def test_replaced_by_must_name_a_goal(tmp_path):
    root = _copy(KE, tmp_path)
    path = root / "2024" / "goals.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("replaced_by: saattajat", "replaced_by: saattaja"),
                    encoding="utf-8")
    result = validate(root)
    assert result.exit_code == 1
    assert "No goal with id 'saattaja' to replace 'kotikaynnit'. Did you mean 'saattajat'?" in result.output


def test_a_change_is_one_thing(tmp_path):
    root = _copy(KE, tmp_path)
    path = root / "2024" / "goals.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "- replaced_by: saattajat", "- replaced_by: saattajat\n            dropped: true"), encoding="utf-8")
    result = validate(root)
    assert result.exit_code == 1
    assert "not several: this one has dropped, replaced_by" in result.output


def test_diff_compares_indicators_reach_and_grant():
    output = CliRunner().invoke(main, ["diff", str(KE), "2024", "2025", "--lang", "fi"]).output
    assert "Kylätupien kokoontumiskerrat › toteuma: 52 → 84 (+32; +61,5 %)" in output
    assert "Yksin asuvat yli 70-vuotiaat › tavoitettu: 48 → 91" in output
    assert "Avustus › määrä (€): 85 000 → 92 000" in output


def test_a_project_adapts_a_form_to_this_years_wording(tmp_path):
    from raportti.report.forms import builtin_templates

    root = _copy(KE, tmp_path)
    own = root / "templates" / "tuloksellisuusraportti"
    shutil.copytree(builtin_templates() / "tuloksellisuusraportti", own)
    form = own / "form.yaml"
    form.write_text(form.read_text(encoding="utf-8").replace(
        'text: "Tulokset suhteessa avustukseen"', 'text: "Tulokset suhteessa myönnettyyn avustukseen"'),
        encoding="utf-8")
    document = build(root, "tuloksellisuusraportti", tmp_path / "out")
    assert "Tulokset suhteessa myönnettyyn avustukseen" in headings(document, 2)
    assert "92\u00a0000\u00a0€" in " ".join(answer_after(document, "Tulokset suhteessa myönnettyyn avustukseen"))


def test_new_year_carries_indicators_reach_and_bases(tmp_path):
    from ruamel.yaml import YAML

    root = _copy(KE, tmp_path)
    result = CliRunner().invoke(main, ["new-year", str(root), "2026"])
    assert result.exit_code == 0, result.output
    yaml = YAML(typ="safe")
    goals = yaml.load((root / "2026" / "goals.yaml").read_text(encoding="utf-8"))
    sub_ids = [g["id"] for g in goals["goals"][0]["subgoals"]]
    assert sub_ids == ["tuvat", "saattajat"]  # 'kotikaynnit' was replaced by 'saattajat'
    indicator = goals["goals"][0]["subgoals"][0]["indicators"][0]
    assert indicator["baseline"] == {"value": 0, "year": 2023} and indicator["basis"] == "collected"
    assert indicator["years"][-2:] == [{"year": 2025, "target": 80, "actual": 84}, {"year": 2026}]
    partners = yaml.load((root / "2026" / "partners.yaml").read_text(encoding="utf-8"))
    assert partners["reach"][1] == {"group": "Omaishoitajat", "planned": None, "reached": None}
    assert partners["basis"] == "collected"
    activities = yaml.load((root / "2026" / "activities.yaml").read_text(encoding="utf-8"))
    assert activities["basis"] == "collected"
    assert validate(root).exit_code == 0
    assert CliRunner().invoke(main, ["fmt", "--check", str(root)]).exit_code == 0


def test_reports_name_tells_where_the_new_data_is_read():
    output = CliRunner().invoke(main, ["reports", "tuloksellisuusraportti"]).output
    assert "project.yaml: grants (amount, kind, note)" in output
    assert "partners.yaml of the report year: reach (group, unit, planned, reached, basis, note), basis" in output
    assert "goals.indicators" in output


def test_persons_reached_adds_only_rows_counted_in_people(tmp_path):
    # A reach row of events is not people: adding it would state a false cost per person.
    root = _copy(KE, tmp_path)
    partners = root / "2025/partners.yaml"
    text = partners.read_text(encoding="utf-8")
    partners.write_text(text.replace(
        '  - {group: "Vapaaehtoiset", planned: 14, reached: 15}',
        '  - {group: "Vapaaehtoiset", planned: 14, reached: 15}\n'
        '  - {group: "Avoimet tapahtumat", planned: 20, reached: 18, unit: tapahtumaa}'), encoding="utf-8")
    grant = " ".join(answer_after(build(root, "tuloksellisuusraportti", tmp_path / "out"),
                                  "Tulokset suhteessa avustukseen"))
    assert "113 henkilöä" in grant and "131" not in grant


def test_toimintakertomus_shows_the_sub_blocks_of_results(tmp_path):
    document = build(VS, "toimintakertomus", tmp_path)
    text = "\n".join(p.text for p in document.paragraphs)
    # a sub-block of results.yaml's "Hankkeessa kehitetyt toimintamallit"
    assert "Maakunnallinen järjestöystävällisen kunnan toimintamallin luominen ja kuvaaminen" in text


def test_a_deliberate_answer_prints_as_written(tmp_path):
    """An answer the data has nothing for ("no changes this year", "shown elsewhere") is
    stated in year.yaml and printed as written, not shown as missing data."""
    root = _copy(KE, tmp_path)
    finances, changes = "Talous ja rahoitus", "Vuoden aikana pois jääneet ja tarkentuneet tavoitteet"
    before = CliRunner().invoke(main, ["build", str(root), "-r", "toimintakertomus", "-o", str(tmp_path / "a")])
    assert before.exit_code == 0, before.output
    assert "questions had no data" in before.output and f"  {finances}\n" in before.output
    (root / "2025" / "year.yaml").write_text(
        "answers:\n  talous: Hankkeen talous esitetään yhdistyksen tilinpäätöksessä.\n"
        "  muutokset: Tätä ei näytetä, koska kohdassa on tietoja.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(root), "-r", "toimintakertomus", "-o", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    assert f"  {finances}\n" not in result.output
    document = docx.Document(str(tmp_path / "b" / "toimintakertomus-2025.docx"))
    assert answer_after(document, finances) == ["Hankkeen talous esitetään yhdistyksen tilinpäätöksessä."]
    assert "Tätä ei näytetä" not in " ".join(answer_after(document, changes))


def test_a_misspelt_answer_id_is_warned_about(tmp_path):
    root = _copy(KE, tmp_path)
    (root / "2025" / "year.yaml").write_text("answers:\n  talus: Ei erillistä taloutta.\n", encoding="utf-8")
    result = validate(root)
    assert result.exit_code == 0
    assert "2025/year.yaml:2:3: warning: answers.talus: No report structure has a question 'talus'" in result.output
    assert "Did you mean 'talous'?" in result.output
