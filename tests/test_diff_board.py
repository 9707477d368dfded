"""``raportti diff`` as the board reads it: the project's words, never its keys.

Every pair of consecutive years of every example, and a project whose results were
inserted, removed, reworded and reordered: the output names things by their labels and
titles, shows texts as sentences with their figures written out, pairs results by what
they say (never by position), and lists each change once.
"""

from __future__ import annotations

import io
import re
import shutil
import textwrap

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from conftest import EXAMPLES
from raportti.cli.app import main
from raportti.project.loading import read_project
from raportti.schema.models.figures import Breakdown, Record

KE = EXAMPLES / "keksitty-esimerkki"


def run(*args) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def write(path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def year_pairs():
    for example in sorted(p for p in EXAMPLES.iterdir() if (p / "project.yaml").exists()):
        years = sorted(int(p.name) for p in example.iterdir() if p.name.isdigit())
        for old, new in zip(years, years[1:]):
            yield pytest.param(example, old, new, id=f"{example.name}-{old}-{new}")


def keys_of(root) -> set[str]:
    """Every YAML key and id of a project that is not also a word of its own texts:
    figure names, parts, block and goal ids, and the models' field names."""
    data = read_project(root)
    keys: set[str] = set()
    words: set[str] = set()

    def walk(node):
        if isinstance(node, (Breakdown, Record)):
            names = node.parts if isinstance(node, Breakdown) else node.items
            keys.update(names)
            for sub in names.values():
                walk(sub)
            return
        if isinstance(node, BaseModel):
            keys.update(n for n in type(node).model_fields if "_" in n or n in ("figures", "sections", "named"))
            for name in type(node).model_fields:
                value = getattr(node, name)
                if name == "id" and isinstance(value, str):
                    keys.add(value)
                elif name == "figures" and isinstance(value, dict):
                    keys.update(value)
                    for sub in value.values():
                        walk(sub)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, str):  # (the names in its {references} are keys, not words)
            words.update(w.lower() for w in re.findall(r"[\w-]+", re.sub(r"\{[^{}]*\}", " ", node)))

    walk(data.project)
    for year in data.years.values():
        for model in year.files.values():
            walk(model)
    return {k for k in keys if k.lower() not in words and len(k) > 2}


def words_of(output: str) -> set[str]:
    # URLs name files and anchors, not the data
    return set(re.findall(r"[\w-]+", re.sub(r"<?https?://\S+", "", output)))


@pytest.mark.parametrize("example, old, new", list(year_pairs()))
@pytest.mark.parametrize("fmt", ["text", "md"])
def test_every_example_year_reads_without_keys_placeholders_or_markup(example, old, new, fmt):
    out = run("diff", example, old, new, "--lang", "fi", "--format", fmt, *(["--all"] if fmt == "text" else []))
    body = out.split("\n", 1)[1]  # the first line names the folder
    leaked = keys_of(example) & words_of(body)
    assert not leaked, f"keys in the output: {sorted(leaked)}"
    assert not re.search(r"\{[\w.:]+\}", body), re.search(r".*\{[\w.:]+\}.*", body).group(0)
    assert "[-" not in body and "{+" not in body and "+}" not in body
    assert not re.search(r"#\d+ ›", body)  # no result named by its position
    # each change once: no figure line or text passage twice
    lines = [line.strip() for line in body.splitlines() if " → " in line or line.strip().startswith(("Ennen:", "Nyt:",
                                                                                                     "- *Ennen"))]
    assert len(lines) == len(set(lines)), [line for line in lines if lines.count(line) > 1][:3]


# -- results inserted, removed, reworded and reordered --------------------------------------


@pytest.fixture
def reordered(tmp_path):
    root = tmp_path / "p"
    write(root / "project.yaml", """
        schema_version: 1
        name: Testihanke
        organisation: Testi ry
        """)
    write(root / "2024" / "goals.yaml", """
        goals:
          - id: tuvat
            text: Tuvat kokoontuvat viikoittain
          - id: apu
            text: Vapaaehtoiset auttavat
        """)
    write(root / "2024" / "results.yaml", """
        results:
          - goals: [tuvat]
            text: Tuvat kokoontuivat {meetings} kertaa koko vuoden ajan.
            figures:
              meetings: {value: 40, label: Tupakerrat}
          - goals: [apu]
            perspective: volunteers
            text: Vapaaehtoiset kokivat auttamisen mielekkääksi ja jatkavat toimintaa.
          - goals: [apu]
            text: Kotikäyntejä tehtiin {visits} kertaa.
            figures:
              visits: {value: 12, label: Kotikäynnit}
        """)
    write(root / "2025" / "results.yaml", """
        results:
          - goals: [apu]
            text: Saattajat veivät tuvalle {escorted} osallistujaa, jotka eivät olisi muuten päässeet.
            figures:
              escorted: {value: 9, label: Saatetut}
          - goals: [apu]
            perspective: volunteers
            text: Vapaaehtoiset kokivat auttamisen mielekkääksi ja jatkavat toimintaa ensi vuonna.
          - goals: [tuvat]
            text: Tuvat kokoontuivat {meetings} kertaa koko vuoden ajan.
            figures:
              meetings: {value: 48, label: Tupakerrat}
        """)
    return root


def test_results_are_paired_by_what_they_say_not_their_place(reordered):
    out = run("diff", reordered, 2024, 2025, "--lang", "fi", "--all")
    assert out.splitlines()[1] == ("1 luku muuttui, 1 uusi tulos, 1 tulos jäi pois ja 1 teksti muuttui.")
    # the moved result keeps its figure: 40 → 48, not compared with the inserted one's 9
    assert "    Tupakerrat: 40 → 48 (+8; +20 %)\n" in out
    assert " → 9" not in out and "9 → " not in out
    assert ("  Uutta vuonna 2025 (1):\n"
            "    + Tulos tavoitteelle ”Vapaaehtoiset auttavat”: Saattajat veivät tuvalle 9 osallistujaa, "
            "jotka eivät olisi muuten päässeet.\n") in out
    assert ("  Ei enää vuonna 2025 (1):\n"
            "    - Tulos tavoitteelle ”Vapaaehtoiset auttavat”: Kotikäyntejä tehtiin 12 kertaa.\n") in out
    # the reworded result: its sentence before and after, once
    assert ("    Tulos tavoitteelle ”Vapaaehtoiset auttavat” (vapaaehtoisten näkemys): 1 virke muuttui\n"
            "      Ennen: Vapaaehtoiset kokivat auttamisen mielekkääksi ja jatkavat toimintaa.\n"
            "      Nyt: Vapaaehtoiset kokivat auttamisen mielekkääksi ja jatkavat toimintaa ensi vuonna.\n") in out
    assert out.count("Vapaaehtoiset kokivat") == 2
    # the unchanged result (only its figure changed) is no text change
    assert "Tuvat kokoontuivat" not in out


def test_a_year_made_by_new_year_shows_no_changes_of_its_own(tmp_path):
    """Goals carried forward, the period and dropped plans left behind: that is what
    ``new-year`` does, not what the coordinator changed."""
    project = tmp_path / "k"
    shutil.copytree(KE, project)
    write(project / "2025" / "goals.yaml", (KE / "2024" / "goals.yaml").read_text(encoding="utf-8"))
    assert CliRunner().invoke(main, ["new-year", str(project), "2026"]).exit_code == 0
    out = run("diff", project, 2025, 2026, "--lang", "fi")
    assert "avoitte" not in out.split("\n", 2)[1]  # no goal in the summary
    for goal_change in ("Uudet tavoitteet", "Uudelleen muotoillut", "Poistuneet tavoitteet"):
        assert goal_change not in out
    assert "Kausi" not in out and "2024–2026" not in out  # the period new-year leaves out
    assert "suunnitelm" not in out.lower() and "verkkosivusto" not in out  # dropped plans
    # the goal that was refined into another is not reported as dropped
    assert "kotikäyntejä" not in out.lower()


# -- the board's document -------------------------------------------------------------------


def test_the_board_document_is_an_account_of_the_year():
    md = run("diff", KE, 2024, 2025, "--lang", "fi", "--format", "md")
    lines = md.splitlines()
    assert lines[0] == "# Kylätuvat yhdessä: mitä muuttui vuodesta 2024 vuoteen 2025"
    assert lines[2] == ("**Lyhyesti:** 14 lukua muuttui, 25 uutta lukua, 7 uutta tulosta, 3 uutta kumppania, "
                        "1 uusi kohderyhmä, 3 uutta osiota, 3 tekstiä muuttui ja 8 uutta tekstiä.")
    headings = [line for line in lines if line.startswith("## ")]
    assert headings == ["## Tavoitteet ja mittarit", "## Toiminta", "## Kohderyhmät ja kumppanit", "## Tulokset",
                        "## Seuranta ja arviointi", "## Hanke"]
    nb = "\u00a0"  # the change column keeps each change on one line
    assert f"| Kylätupien kokoontumiskerrat › toteuma | 52 | 84 | +32;{nb}+61,5{nb}% |" in lines
    # every number in the data, the staff too, without a list kept by hand
    assert f"| Henkilöstö › henkilötyövuodet | 1,5 | 1,8 | +0,3;{nb}+20{nb}% |" in lines
    assert f"| Avustus › määrä (€) | 85 000 | 92 000 | +7{nb}000;{nb}+8,2{nb}% |" in lines
    assert ("- *Ennen:* Kylätupa aloitti Esimerkkilässä helmikuussa ja Mallilassa huhtikuussa. "
            "Tuvat kokoontuivat 52 kertaa.") in lines
    assert "- **Omaishoitajat**: Uusi kohderyhmä kesken vuoden. (suunniteltu 10, tavoitettu 7)" in lines
    assert ("- **Tulos tavoitteelle ”Yksin asuvien ikääntyneiden yksinäisyys vähenee” (kohderyhmän näkemys)**: "
            "Osallistujista 56 % kertoi olevansa yksinäinen harvemmin kuin ennen tupaa.") in lines


def test_the_board_document_in_word(tmp_path):
    import docx

    target = tmp_path / "muutokset.docx"
    out = run("diff", KE, 2024, 2025, "--lang", "fi", "--format", "docx", "-o", target)
    assert str(target) in out
    document = docx.Document(io.BytesIO(target.read_bytes()))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Tulokset" in headings and "Hanke" in headings
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert ["Henkilöstö › henkilötyövuodet", "1,5", "1,8", "+0,3;\u00a0+20\u00a0%"] in cells


def test_in_english_the_document_speaks_english():
    out = run("diff", KE, 2024, 2025, "--lang", "en", "--format", "md")
    assert out.splitlines()[0] == "# Kylätuvat yhdessä: what changed from 2024 to 2025"
    for finnish in ("Lyhyesti", "lukua", "Uutta vuonna", "Ennen", "Toiminta\n", "Tulokset\n"):
        assert finnish not in out
    assert "## Results" in out and "**In short:** 14 figures changed" in out


def test_the_guide_shows_a_true_excerpt():
    """Every line of the excerpt in docs/opas/vuodenvaihde.md is in what the command prints."""
    guide = (EXAMPLES.parent / "docs" / "opas" / "vuodenvaihde.md").read_text(encoding="utf-8")
    excerpt = re.search(r"```markdown\n(.*?)```", guide, re.S).group(1)
    out = run("diff", KE, 2024, 2025, "--lang", "fi", "--format", "md").splitlines()
    missing = [line for line in excerpt.splitlines() if line and line not in out]
    assert not missing
