"""Which data each question reads, as derived from the forms' templates."""

from __future__ import annotations

from click.testing import CliRunner

from raportti.cli.app import main
from raportti.report.datamap import question_data
from raportti.report.forms import find_form, load_form


def readings_of(form_name_or_folder, label):
    folder = find_form(str(form_name_or_folder))
    form = load_form(folder)
    _, questions = question_data(form, folder)
    for item in questions:
        if item.question.label == label:
            return {(r.where(form.year), ", ".join(r.keys)) for r in item.readings}
    raise AssertionError(f"no question {label}")


def test_valikysely_questions_and_their_data():
    assert readings_of("valikysely-2019", "3.") == {
        ("2019/monitoring.yaml", "groups.employees.text, groups.employees.sections, groups.employees.use")}
    assert readings_of("valikysely-2019", "9.") == {("2019/partners.yaml", "target_group")}
    assert readings_of("valikysely-2019", "7.") == {
        ("goals.yaml in force in 2018 (the latest one up to that year)", "goals.text")}
    assert readings_of("valikysely-2019", "10.") == {
        ("activities.yaml of every year before 2019", "intro, text, sections, outro")}
    assert readings_of("valikysely-2019", "14.") == {("2019/plans.yaml", "intro, text, sections, outro")}
    q8 = dict(readings_of("valikysely-2019", "8."))["2019/goals.yaml"]
    assert "intro" in q8 and "goals.changes" in q8 and "goals.subgoals.text" in q8


def test_loppuraportti_blocks_picked_by_id_and_perspectives():
    assert readings_of("loppuraportti", "opitut") == {
        ("results.yaml of every year up to 2020", "sections[id=opitut].text, sections[id=opitut].sections")}
    seen = dict(readings_of("loppuraportti", "tulokset-tyontekijat"))
    assert "results[perspective=employees].text" in seen["results.yaml of every year up to 2020"]
    assert readings_of("loppuraportti", "rahoittaja") == {("project.yaml", "funder, funding_note, programme")}


def test_the_map_follows_a_changed_form(tmp_path):
    form = tmp_path / "oma"
    form.mkdir()
    (form / "form.yaml").write_text(
        "name: oma\ntitle: Oma\nsections:\n  - heading: A\n    questions:\n"
        "      - number: 1\n        text: Kumppanit\n        template: q1.md.j2\n", encoding="utf-8")
    (form / "_apu.md.j2").write_text(
        "{% macro show(f) %}{{ f.text }}{% endmacro %}\n", encoding="utf-8")
    (form / "q1.md.j2").write_text(
        '{% import "_apu.md.j2" as apu %}{% set p = year(report.year - 1).partners %}'
        "{{ apu.show(p) }}", encoding="utf-8")
    assert readings_of(form, "1.") == {("partners.yaml of the year before the report year", "text")}
    (form / "q1.md.j2").write_text(
        "{% for y in years() if y <= report.year %}{{ year(y).monitoring.groups['volunteers'].use }}"
        "{% endfor %}", encoding="utf-8")
    assert readings_of(form, "1.") == {("monitoring.yaml of every year up to the report year",
                                        "groups.volunteers.use")}


def test_reports_command_prints_each_question_with_its_data():
    result = CliRunner().invoke(main, ["reports", "valikysely-2019"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = lines.index("  9. Miten hankkeen kohderyhmää on muokattu sote-uudistuksen kaatumisen jälkeen?")
    assert lines[at + 1].strip() == "2019/partners.yaml: target_group"
    assert "      2019/monitoring.yaml: groups.employees (text, sections, use)" in lines


def test_reports_without_a_name_lists_the_forms():
    result = CliRunner().invoke(main, ["reports"])
    assert result.exit_code == 0
    assert "valikysely-2019: STEA:n välikysely" in result.output


def test_reports_in_finnish():
    result = CliRunner().invoke(main, ["reports", "valikysely-2019", "--lang", "fi"])
    assert result.exit_code == 0, result.output
    assert "Raporttivuosi 2019: vuosikansiot lasketaan siitä." in result.output
    assert "      goals.yaml, voimassa vuonna 2018 (uusin siihen mennessä): goals.text" in result.output
    assert "      activities.yaml (jokainen vuosi ennen vuotta 2019): intro, text, sections, outro" \
        in result.output
    yearly = CliRunner().invoke(main, ["reports", "toimintakertomus", "--lang", "fi"])
    assert "goals.yaml, voimassa raporttivuonna (uusin siihen mennessä)" in yearly.output
