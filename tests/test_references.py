"""Figure references: scoping, other files, located errors."""

from __future__ import annotations

import pytest

from conftest import minimal_project
from raportti.problems import DataError
from raportti.project.loading import load_project


def write(root, name, text):
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_block_scope_file_scope_and_other_files(tmp_path):
    root = minimal_project(tmp_path / "p", "figures:\n  baseline: {users: 19916}\n")
    write(root, "2019/partners.yaml", "figures:\n  count: {total: 104, parts: {municipalities: 29, other: 75}}\n")
    write(root, "2019/activities.yaml", """\
figures:
  hours: 260
sections:
  - title: Osa
    figures:
      meetings: 52
    text: "{meetings} kertaa, yli {hours} tuntia, {partners.count} kumppania ({partners.count.municipalities} kuntaa), {project.baseline.users:grouped} käyttäjää, {{kirjaimellinen}}"
    sections:
      - title: Alaosa
        text: "Ylempi: {meetings}"
""")
    data = load_project(root)
    block = data.years[2019].files["activities"].sections[0]
    assert block.text == "52 kertaa, yli 260 tuntia, 104 kumppania (29 kuntaa), 19\u00a0916 käyttäjää, {kirjaimellinen}"
    assert block.sections[0].text == "Ylempi: 52"


def test_other_year_reference(tmp_path):
    root = minimal_project(tmp_path / "p")
    write(root, "2018/partners.yaml", "figures:\n  count: 96\n")
    write(root, "2019/partners.yaml", "figures:\n  count: 104\ntext: 'Kasvua {2018.partners.count} → {count}'\n")
    assert load_project(root).years[2019].files["partners"].text == "Kasvua 96 → 104"


def test_unknown_reference_is_located_with_suggestion(tmp_path):
    root = minimal_project(tmp_path / "p")
    write(root, "2019/activities.yaml", """\
sections:
  - title: Osa
    figures:
      team_meetings: 76
    text: |
      Ensimmäinen rivi.
      Kokoontunut {team_meeting} kertaa.
""")
    with pytest.raises(DataError) as caught:
        load_project(root)
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (7, 19)
    assert "Did you mean 'team_meetings'?" in problem.message
    assert problem.path == "sections[0].text"


def test_record_needs_a_part(tmp_path):
    root = minimal_project(tmp_path / "p")
    write(root, "2019/partners.yaml", "figures:\n  m: {meetings: 96, participations: 238}\ntext: 'Tavattu {m}'\n")
    with pytest.raises(DataError) as caught:
        load_project(root)
    assert "several values" in caught.value.problems[0].message
    assert "{m.meetings}" in caught.value.problems[0].message


def test_reference_errors_are_reported_with_other_files_errors(tmp_path):
    """All problems of a run at once: a schema error elsewhere does not hide a bad reference."""
    root = minimal_project(tmp_path / "p")
    write(root, "2019/year.yaml", "figures_untill: 2019-08-31\n")
    write(root, "2019/plans.yaml", "figures:\n  months: 9\ntext: 'Avustus {month} kuukaudelle.'\n")
    with pytest.raises(DataError) as caught:
        load_project(root)
    messages = [(p.location(root), p.message) for p in caught.value.problems]
    assert any(where == "2019/year.yaml:1:1" and "figures_untill" in m for where, m in messages)
    assert any(where == "2019/plans.yaml:3:16" and "Did you mean 'months'?" in m for where, m in messages)


def test_reference_into_a_broken_file_is_not_a_second_error(tmp_path):
    root = minimal_project(tmp_path / "p")
    write(root, "2019/partners.yaml", "figures:\n  count: kolme\n")
    write(root, "2019/plans.yaml", "text: 'Kumppaneita {partners.count}.'\n")
    with pytest.raises(DataError) as caught:
        load_project(root)
    assert [p.location(root) for p in caught.value.problems] == ["2019/partners.yaml:2:10"]


def test_other_year_figure_inside_a_block_without_its_id(tmp_path):
    """The form docs/data-format.md shows: {2018.activities.team_meetings} for a figure
    that lives in a block of 2018's activities.yaml."""
    root = minimal_project(tmp_path / "p")
    write(root, "2018/activities.yaml", """\
sections:
  - id: hallinnointi
    title: Hallinnointi
    figures:
      team_meetings: 76
""")
    write(root, "2019/activities.yaml", """\
sections:
  - id: hallinnointi
    figures:
      team_meetings: 63
    text: "{team_meetings} kertaa (vuonna 2018 {2018.activities.team_meetings}, \
{2018.activities.hallinnointi.team_meetings})"
""")
    text = load_project(root).years[2019].files["activities"].sections[0].text
    assert text == "63 kertaa (vuonna 2018 76, 76)"


def test_a_name_in_two_blocks_needs_the_block_id(tmp_path):
    root = minimal_project(tmp_path / "p")
    write(root, "2019/activities.yaml", """\
sections:
  - id: a
    figures: {meetings: 1}
  - id: b
    figures: {meetings: 2}
    text: "{activities.meetings}"
""")
    with pytest.raises(DataError) as caught:
        load_project(root)
    [problem] = caught.value.problems
    assert "activities.meetings" in problem.message
    assert "activities.a.meetings" in problem.message or "activities.b.meetings" in problem.message
