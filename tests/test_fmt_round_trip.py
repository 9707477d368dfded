"""``raportti fmt`` over unusual but valid files: data and every comment survive.

The fixtures in tests/fixtures/fmt are written by hand to hold what coordinators'
files hold: comments everywhere (above '---', after '...', after a block scalar's
indicator, between list items, after values), Finnish letters and emoji, a line of
7,000 characters, anchors and aliases, every kind of block scalar, document markers,
keys out of order and four-space indentation. The comments each file must keep are
listed here by hand, not found by the code under test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from conftest import minimal_project
from raportti.cli.app import main
from raportti.project.layout import format_text, model_for

FIXTURES = Path(__file__).parent / "fixtures" / "fmt"

COMMENTS = {
    "activities.yaml": [
        "# Alkukommentti ennen kaikkea 🎉", "# toinen rivi", "# dokumentin alku", "# ennen intro-avainta",
        "# lohkon otsikon kommentti", "# lista alkaa", "# ennen ensimmäistä kohtaa", "# tunniste",
        "# rivin loppu", "# viimeisen avaimen jälkeen", "# kommentti lohkon jälkeen", "# loppukommentti",
        "# dokumentin lopun jälkeen",
    ],
    "plans.yaml": [
        "# Suunnitelmat 2020 – ääkköset ja emoji 😀", "# outron kommentti", "# kommentti ennen kohtaa",
        "# luvut ensin, vaikka kuuluvat loppuun", "# kuukaudet", "# kysely", "# ennen otsikkoa", "# otsikko",
        "# sisäkommentti", "# ala", "# loppu", "# lopun jälkeen",
    ],
}
# Text that looks like a comment but is data: it must stay exactly where it is.
NOT_COMMENTS = {
    "activities.yaml": ["# tämä on tekstiä, ei kommentti", '"Hankkeen hallinnointi # ei kommentti"',
                        '"Sisäiset # palaverit"', "'yksinkertaiset ''lainausmerkit'' # ja risuaita'"],
    "plans.yaml": ['"Loppu # ei kommentti"', "# tekstin risuaita"],
}


def safe(text: str):
    return YAML(typ="safe").load(text)


@pytest.mark.parametrize("name", sorted(COMMENTS))
def test_data_and_every_comment_survive(name):
    original = (FIXTURES / name).read_text(encoding="utf-8")
    formatted = format_text(original, model_for(Path("2019") / name))
    assert safe(formatted) == safe(original)
    for comment in COMMENTS[name] + NOT_COMMENTS[name]:
        assert formatted.count(comment) == original.count(comment) == 1, comment
    assert formatted.startswith(original.split("\n---")[0] + "\n---"), "the head above '---' is kept"
    assert formatted.endswith("...\n" + original.split("\n...\n")[1]), "the tail after '...' is kept"
    assert max(len(line) for line in formatted.splitlines()) == max(len(line) for line in original.splitlines())
    assert format_text(formatted, model_for(Path("2019") / name)) == formatted, "a second run changes nothing"


def test_keys_out_of_order_are_ordered_with_their_comments():
    formatted = format_text((FIXTURES / "plans.yaml").read_text(encoding="utf-8"), model_for(Path("2019/plans.yaml")))
    keys = [line.split(":")[0] for line in formatted.splitlines() if line[:1].isalpha()]
    assert keys == ["intro", "sections", "outro"]
    first = formatted.index("  - id: jatko")
    assert first < formatted.index("title: &t Jatkosuunnitelma") < formatted.index("text: |-") < formatted.index("figures:")
    # A comment goes with its key.
    assert "months: 9" in formatted.split("# kuukaudet")[0].splitlines()[-1]


def test_fmt_writes_them_and_the_project_builds_the_same(tmp_path):
    root = minimal_project(tmp_path / "p", "default_report: valikysely-2019\n")
    (root / "2019").mkdir()
    for name in COMMENTS:
        shutil.copy(FIXTURES / name, root / "2019" / name)
    runner = CliRunner()
    before = runner.invoke(main, ["build", str(root), "-f", "md", "-o", str(tmp_path / "before")])
    assert before.exit_code == 0, before.output
    result = runner.invoke(main, ["fmt", str(root)])
    assert result.exit_code == 0, result.output
    assert "Formatted" in result.output
    after = runner.invoke(main, ["build", str(root), "-f", "md", "-o", str(tmp_path / "after")])
    assert after.exit_code == 0, after.output
    assert (tmp_path / "after" / "valikysely-2019.md").read_bytes() == \
        (tmp_path / "before" / "valikysely-2019.md").read_bytes()
    assert not [p for p in (root / "2019").iterdir() if p.name.startswith(".")], "no temporary file left"


# -- what fmt cannot keep: the file is left as it is, with the reason ---------------------


def _project_with(tmp_path, name, text):
    root = minimal_project(tmp_path / "p")
    (root / "2019").mkdir()
    (root / "2019" / name).write_text(text, encoding="utf-8")
    return root


def test_a_comment_inside_a_flow_mapping_over_two_lines_leaves_the_file_untouched(tmp_path):
    text = ("sections:\n  - title: Hallinnointi\n    figures:\n      team_meetings: {value: 63,   # kommentti\n"
            "        label: \"Tiimin kokoontumiset\"}\n")
    root = _project_with(tmp_path, "activities.yaml", text)
    result = CliRunner().invoke(main, ["fmt", str(root)])
    assert result.exit_code == 1
    assert (root / "2019" / "activities.yaml").read_text(encoding="utf-8") == text
    assert ("2019/activities.yaml:4:1: error: The comment '# kommentti' on line 4 is inside a {…} or […] "
            "written over several lines") in result.output
    assert "move the comment onto a line of its own" in result.output
    assert "bug in raportti" not in result.output
    check = CliRunner().invoke(main, ["fmt", "--check", str(root)])
    assert check.exit_code == 1 and "kommentti" in check.output


def test_a_comment_before_the_document_start_is_kept(tmp_path):
    text = "# ennen alkua\n---\ntext:    Suunnitelma.\n"
    root = _project_with(tmp_path, "plans.yaml", text)
    result = CliRunner().invoke(main, ["fmt", str(root)])
    assert result.exit_code == 0, result.output
    assert (root / "2019" / "plans.yaml").read_text(encoding="utf-8") == "# ennen alkua\n---\ntext: Suunnitelma.\n"


def test_nan_is_not_mistaken_for_changed_data():
    text = "figures:\n  n:   .nan\n"
    assert format_text(text, model_for(Path("2019/plans.yaml"))) == "figures:\n  n: .nan\n"
