"""Each YAML mistake a coordinator makes, blamed on its cause: the line to fix (where an
unclosed quote or bracket opens, the under-indented line itself), not where the parser
happened to stop. Each case: the file, the line and column the problem names, and what
the message says."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from raportti.cli.app import main
from raportti.i18n.messages import use
from raportti.source.reader import read_source

CASES = {
    # An unclosed quote on line 3 swallows text up to the next quote, on line 6.
    "quote": ('''\
sections:
  - id: a
    title: "Hankkeen hallinnointi
    text: Jotain tekstiä.
  - id: b
    title: "Toinen"
    text: Lisää.
''', (3, 12), ['the quote " opened here is not closed on this line', "it stopped at line 6"]),
    # ... or to the end of the file.
    "quote-to-the-end": ('''\
sections:
  - id: a
    text: 'Tekstiä, jonka lainausmerkki jää auki.
    figures:
      meetings: 5
  - id: b
    text: Lisää tekstiä.
''', (3, 11), ["the quote ' opened here is not closed on this line"]),
    "bracket": ('''\
locations: [Oulu, Ylivieska
name: Testi
organisation: Järjestö ry
''', (1, 12), ["the '[' opened here is never closed with ']'", "YAML stopped at line 2"]),
    "brace": ('''\
sections:
  - id: a
    figures:
      visits: {value: 5, label: "Käynnit"
      meetings: 6
''', (4, 15), ["the '{' opened here is never closed with '}'"]),
    "tab": ('''\
sections:
  - id: a
\ttitle: Hallinnointi
''', (3, 1), ["a tab character where YAML needs spaces"]),
    "list-item": ('''\
sections:
  - id: a
    title: Yksi
 - id: b
   title: Kaksi
''', (4, 2), ["a list item ('- ') where a key of a mapping (key: value) was expected"]),
    "key": ('''\
groups:
  employees:
    text: Kysely työntekijöille.
   use: Tulokset käytiin läpi.
  volunteers:
    text: Kysely vapaaehtoisille.
''', (4, 4), ["this line is indented differently from the keys of the mapping it belongs to"]),
    "key-in-a-list-item": ('''\
sections:
  - id: a
    title: Yksi
   text: Teksti.
  - id: b
''', (4, 4), ["this line is not lined up with the list it is in"]),
    "text-block": ('''\
sections:
  - id: a
    text: |
      Ensimmäinen rivi.
     Toinen rivi vähemmän sisennettynä.
    figures:
      meetings: 3
''', (5, 6), ["this line is indented less than the text block ('|' on line 3) it continues"]),
    "colon-in-text": ('''\
sections:
  - id: a
    title: Tavoite: kaikki mukaan
    text: Teksti.
''', (3, 19), ["the text after 'title:' contains ': '", 'title: "…"']),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_yaml_mistake_is_blamed_on_its_cause(tmp_path, name):
    text, (line, column), said = CASES[name]
    path = tmp_path / "activities.yaml"
    path.write_text(text, encoding="utf-8")
    source, problems = read_source(path)
    assert source is None and len(problems) == 1
    problem = problems[0]
    assert (problem.line, problem.column) == (line, column), problem.message
    assert problem.source_line == text.split("\n")[line - 1]
    for words in said:
        assert words in problem.message
    # Said in Finnish too, at the same place.
    use("fi")
    try:
        source, problems = read_source(path)
    finally:
        use("en")
    assert (problems[0].line, problems[0].column) == (line, column)
    assert problems[0].message.startswith("Tiedosto ei ole kelvollista YAMLia: ")
    assert said[0] not in problems[0].message  # said in Finnish, not English


def test_validate_shows_the_line_where_the_quote_opens(tmp_path):
    root = tmp_path / "p"
    (root / "2025").mkdir(parents=True)
    (root / "project.yaml").write_text("schema_version: 1\nname: Testi\norganisation: Järjestö ry\n",
                                       encoding="utf-8")
    (root / "2025" / "activities.yaml").write_text(CASES["quote"][0], encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(root)], env={"RAPORTTI_LANG": "fi"})
    assert result.exit_code == 1
    assert "2025/activities.yaml:3:12: virhe: Tiedosto ei ole kelvollista YAMLia: tällä rivillä avattua " \
           "lainausmerkkiä \" ei suljeta" in result.output
    assert '    title: "Hankkeen hallinnointi\n' in result.output
