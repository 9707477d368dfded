"""A text cut short at ' #': YAML reads the rest of the line as a comment, validate says so."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from conftest import EXAMPLES
from raportti.cli.app import main

KE = EXAMPLES / "keksitty-esimerkki"
LINE = "    text: Kylätupa kokoontui viikoittain kummassakin kunnassa; tavoitteeseen päästiin.\n"


def project(tmp_path, new_line):
    root = tmp_path / "ke"
    shutil.copytree(KE, root)
    path = root / "2025" / "results.yaml"
    text = path.read_text(encoding="utf-8")
    assert LINE in text
    path.write_text(text.replace(LINE, new_line), encoding="utf-8")
    return root


def test_a_hashtag_in_a_plain_text_is_reported_where_it_is(tmp_path):
    root = project(tmp_path, "    text: Vapaaehtoiset ohjaavat #vertaisryhmiä itsenäisesti #tärkeä\n")
    result = CliRunner().invoke(main, ["validate", str(root)])
    assert result.exit_code == 0, result.output
    assert ("ke/2025/results.yaml:5:34: warning: The text 'Vapaaehtoiset ohjaavat' goes on with "
            "'#vertaisryhmiä itsenäisesti #tärkeä', which YAML read as a comment and left out of the data"
            ) in result.output
    assert "Put the whole text in quotes to keep it: \"Vapaaehtoiset ohjaavat #vertaisryhmiä itsenäisesti " \
           "#tärkeä\"" in result.output
    built = CliRunner().invoke(main, ["build", str(root), "-o", str(tmp_path / "out")])
    assert "which YAML read as a comment" in built.output


def test_quoted_texts_and_real_comments_are_not_reported(tmp_path):
    for line in ('    text: "Vapaaehtoiset ohjaavat #vertaisryhmiä"\n',
                 "    text: Vapaaehtoiset ohjaavat # Täydennä: mitä muuta?\n",
                 "    text: |\n      Vapaaehtoiset ohjaavat #vertaisryhmiä\n"):
        root = project(tmp_path / str(len(line)), line)
        result = CliRunner().invoke(main, ["validate", str(root)])
        assert result.exit_code == 0, result.output
        assert "read as a comment" not in result.output, line


def test_in_finnish(tmp_path):
    root = project(tmp_path, "    text: Vapaaehtoiset ohjaavat #vertaisryhmiä\n")
    result = CliRunner().invoke(main, ["validate", str(root)], env={"RAPORTTI_LANG": "fi"})
    assert "Teksti 'Vapaaehtoiset ohjaavat' jatkuu '#vertaisryhmiä', jonka YAML luki kommentiksi" in result.output
