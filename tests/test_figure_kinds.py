"""Figures by kind: counts and amounts add up, shares and means never; a table shows
each value with its unit; validate flags shares over 100 % and parts larger than their
whole; a table's numbers are grouped one way."""

from __future__ import annotations

import shutil

from click.testing import CliRunner
from pydantic import TypeAdapter

from conftest import VS, minimal_project
from raportti.cli.app import main
from raportti.report.numberstyle import even_numbers
from raportti.schema.models.figures import Figures, format_cell, numeric_value, part, shown_total

NBSP = "\u00a0"


def figures(data: dict) -> dict:
    return TypeAdapter(Figures).validate_python(data)


def test_shares_and_means_have_no_total_counts_do():
    f = figures({
        "shares": {"parts": {"a": {"value": 23.13}, "b": {"value": 53.13}, "c": 55.63}, "unit": "%",
                   "overlapping": True},
        "events": {"parts": {"a": 42, "b": {"value": 21}}},
        "scores": {"parts": {"a": {"mean": 3.2, "scale": 5}, "b": {"mean": 4.1, "scale": 5}}},
        "feedback": {"parts": {"a": {"responses": 17, "score": {"mean": 3.28, "scale": 5}},
                               "b": {"responses": 44, "score": {"mean": 3.72, "scale": 5}}}},
    })
    assert shown_total(f["shares"]) is None and numeric_value(f["shares"]) is None
    assert part(f["shares"], "total") is None
    assert numeric_value(f["events"]) == 63
    assert shown_total(f["scores"]) is None
    total = part(f["feedback"], "total")
    assert part(total, "responses") == 61 and part(total, "score") is None


def test_a_cell_carries_its_unit_unless_its_label_names_it():
    f = figures({"share": {"value": 100, "unit": "%"}, "score": {"mean": 3.6, "scale": 4},
                 "money": {"value": 92000, "unit": "€"}, "count": 1240})
    assert format_cell(f["share"], "Suosittelisi muille") == f"100{NBSP}%"
    assert format_cell(f["share"], "Suosittelisi muille (%)") == "100"
    assert format_cell(f["score"], "Tavoite selkeä") == "3,6/4"
    assert format_cell(f["score"], "Tavoite selkeä (keskiarvo, 1–4)") == "3,6"
    assert format_cell(f["money"], "Avustus") == f"92{NBSP}000{NBSP}€"
    assert format_cell(f["count"], "Käyntikerrat") == "1240"


def _validate(root) -> str:
    return CliRunner().invoke(main, ["validate", str(root)]).output


def test_validate_flags_shares_over_100_and_parts_over_their_whole(tmp_path):
    root = minimal_project(tmp_path / "p", "period: {start: 2024, end: 2025}\n")
    (root / "2024").mkdir()
    (root / "2024" / "activities.yaml").write_text(
        "figures:\n"
        "  recommend: {value: 120, unit: \"%\", label: \"Suosittelisi\"}\n"
        "  goal_shares:\n    label: \"Kohdentuminen (%)\"\n    unit: \"%\"\n"
        "    parts:\n      a: {value: 60, label: \"A\"}\n      b: {value: 70, label: \"B\"}\n"
        "  participants:\n    label: \"Osallistujat\"\n    total: 50\n"
        "    parts:\n      a: {value: 60, label: \"A\"}\n      b: {value: 3, label: \"B\"}\n",
        encoding="utf-8")
    output = _validate(root)
    assert "figures.recommend: A share of 120 % is more than 100 %." in output
    assert "figures.goal_shares: The parts are shares of one whole but add up to 130 %" in output
    assert "figures.participants.parts.a: The part 60 is larger than its whole 50." in output
    # Saying that the parts overlap answers the sum, not a single share over 100 %.
    path = root / "2024" / "activities.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('    unit: "%"\n', '    unit: "%"\n    overlapping: true\n'),
                    encoding="utf-8")
    assert "goal_shares: The parts are shares" not in _validate(root)


def test_the_varsinais_suomi_goal_shares_say_they_overlap_and_are_not_summed(tmp_path):
    root = tmp_path / "vs"
    shutil.copytree(VS, root, ignore=shutil.ignore_patterns("build"))
    assert "shares of one whole" not in _validate(root)
    result = CliRunner().invoke(main, ["build", str(root), "-r", "tuloksellisuusraportti", "-f", "md", "-o",
                                       str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "tuloksellisuusraportti-2020.md").read_text(encoding="utf-8")
    assert "131,89" not in text and "| 161 |" in text   # events 161 is a stated count; 161 % is gone
    assert "Toiminnan järjestäjä (%) | 161" not in text
    assert "| Toiminnan kohdentuminen tavoitteisiin (%): Valtakunnallinen vaikuttaminen | 23,13 |" in text
    assert "100,0" not in text


def test_a_tables_numbers_are_grouped_one_way():
    table = ("| Yhteydenpito | 2017 | 2018 |\n|---|---:|---:|\n"
             f"| Verkostosähköpostit | 1990 | 23{NBSP}310 |\n| Puhelut | 260 | 4210 |\n")
    assert even_numbers(table).splitlines()[2:] == [
        f"| Verkostosähköpostit | 1{NBSP}990 | 23{NBSP}310 |", f"| Puhelut | 260 | 4{NBSP}210 |"]
    small = f"| Katselut | Määrä |\n|---|---:|\n| Nettisivu | 1357 |\n| Uutiset | 1{NBSP}518 |\n"
    # No five-digit figure in the table: four digits are written whole.
    assert even_numbers(small).splitlines()[2:] == ["| Nettisivu | 1357 |", "| Uutiset | 1518 |"]
    # The row labels and the text around are left as they are.
    assert even_numbers("Vuonna 2019 oli 39175 viestiä.\n") == "Vuonna 2019 oli 39175 viestiä.\n"
    labelled = "| a | b |\n|---|---:|\n| Kokous 4/2019 ja 12345 | 12345 |\n"
    assert even_numbers(labelled).splitlines()[2] == f"| Kokous 4/2019 ja 12345 | 12{NBSP}345 |"
