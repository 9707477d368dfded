"""raportti import: finished reports back into project data that builds the same document."""

from __future__ import annotations

import shutil
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from conftest import FIXTURES, PP, VS, minimal_project
from fidelity import measure, read_text
from raportti.build import build
from raportti.checks.running import check_project
from raportti.cli.app import main
from raportti.importing import import_report
from raportti.importing.numbers import Figures, figurise
from raportti.problems import UserError

SEEDS = {
    "valikysely-2019": (FIXTURES / "seed-000-valikysely-2019.txt", PP, 2019),
    "loppuraportti": (FIXTURES / "seed-001-loppuraportti.txt", VS, 2020),
}
_SKIP_KEYS = {"decimals", "min", "exclusive", "label", "note", "unit"}


def figure_values(root: Path, up_to: int) -> Counter:
    """Every number kept under a `figures:` key of a project's files up to a year."""
    yaml = YAML(typ="safe")
    found: Counter = Counter()

    def numbers(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key not in _SKIP_KEYS:
                    numbers(item)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            found[float(value)] += 1

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                numbers(item) if key == "figures" else walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in root.rglob("*.yaml"):
        relative = path.relative_to(root).parts
        if "build" in relative or (relative[0].isdigit() and int(relative[0]) > up_to):
            continue
        walk(yaml.load(path))
    return found


def share_of_hand_made_figures(imported: Path, example: Path, year: int) -> float:
    wanted = figure_values(example, year)
    got = figure_values(imported, year)
    return sum((wanted & got).values()) / sum(wanted.values())


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """Each seed (text, LibreOffice DOCX, pandoc DOCX) imported and built once."""
    out = {}
    for form, (seed, _, _) in SEEDS.items():
        for kind, source in [("txt", seed), ("libreoffice", seed.with_suffix(".libreoffice.docx")),
                             ("pandoc", seed.with_suffix(".pandoc.docx"))]:
            project = tmp_path_factory.mktemp(f"{form}-{kind}") / "hanke"
            summary = import_report(source, form, project)
            build(project, report=form, out_dir=project / "build", formats=("md",))
            out[form, kind] = (project, summary)
    return out


@pytest.mark.parametrize("kind", ["txt", "libreoffice", "pandoc"])
@pytest.mark.parametrize("form", list(SEEDS))
def test_imported_seed_builds_back_to_its_source(imported, form, kind):
    project, summary = imported[form, kind]
    seed, example, year = SEEDS[form]
    assert summary.missing == []
    assert [p for p in check_project(project) if p.is_error] == []
    result = measure(seed.read_text(encoding="utf-8"), (project / "build" / f"{form}.md").read_text(encoding="utf-8"))
    assert result.recall >= 0.95, result.missing[:10]
    assert result.figures >= 0.95
    # At least half of the numbers the hand-made example keeps as figures are figures here too.
    assert share_of_hand_made_figures(project, example, year) >= 0.5


@pytest.mark.parametrize("form", list(SEEDS))
def test_no_text_of_the_source_is_lost(imported, form):
    """What the built report does not show is in the leftovers file."""
    project, summary = imported[form, "txt"]
    built = (project / "build" / f"{form}.md").read_text(encoding="utf-8")
    leftovers = summary.leftovers_file.read_text(encoding="utf-8")
    assert summary.leftovers_file.name == f"tuonti-jaljelle-jaanyt-{summary.year}.md"
    assert measure(SEEDS[form][0].read_text(encoding="utf-8"), built + "\n" + leftovers).recall >= 0.999


@pytest.mark.parametrize("form", list(SEEDS))
def test_imported_files_are_formatted_as_fmt_would(imported, form):
    from raportti.project.layout import format_paths

    project, _ = imported[form, "pandoc"]
    result = format_paths([project], write=False)
    assert result.changed == [] and result.problems == []


def test_goals_and_results_are_linked(imported):
    project, summary = imported["valikysely-2019", "txt"]
    yaml = YAML(typ="safe")
    goals_2018 = yaml.load(project / "2018" / "goals.yaml")["goals"]
    assert [g["id"] for g in goals_2018] == [f"t{i}" for i in range(1, 11)]
    goals_2019 = yaml.load(project / "2019" / "goals.yaml")
    first = goals_2019["goals"][0]
    assert first["text"].startswith("Järjestöystävällinen kunta ja maakunta tunnistaa")
    # The sub-goal repeats an earlier goal: it keeps that goal's id.
    assert first["subgoals"][0]["id"] == "t1"
    assert first["subgoals"][0]["changes"][0]["label"] == "Muutos sote-uudistuksen kaatumisen jälkeen"
    dropped = [c for g in goals_2019["goals"] for s in g.get("subgoals", []) for c in s.get("changes", [])
               if c.get("dropped")]
    assert dropped and dropped[0]["reason"] == "maakuntaa ei tule"
    results_2018 = yaml.load(project / "2018" / "results.yaml")["results"]
    linked = Counter(tuple(r["goals"]) for r in results_2018)
    assert linked[("t1",)] >= 3 and linked[()] >= 3
    assert {r.get("scope") for r in results_2018} >= {"region", "municipalities"}
    assert summary.goals >= 20 and summary.results >= 50


def test_numbers_become_named_figures_and_read_the_same():
    figures = Figures()
    text = figurise("Projektiryhmä on kokoontunut 20 kertaa vuonna 2017. Tapahtumiin osallistui yht. 1172 "
                    "henkilöä, joista viranhaltijoita oli 386 ja luottamushenkilöitä 41. Vastasi 7/24 ja "
                    "arvio ka 3,3 /4. Käyttäjiä 32 380. JärjestöSotehanke 113:n kokous 15.3.2018 {x}.",
                    figures)
    assert "vuonna 2017" in text and "JärjestöSotehanke 113:n" in text and "15.3.2018" in text
    assert "{{x}}" in text
    assert figures.values["kokoontunut_kertaa"] == 20
    total = figures.values["osallistui_henkiloa"]
    assert total == {"total": 1172, "parts": {"viranhaltijoita": 386, "luottamushenkiloita": 41}}
    assert "{osallistui_henkiloa.viranhaltijoita}" in text
    assert {"responded": 7, "asked": 24} in figures.values.values()
    assert {"mean": 3.3, "scale": 4} in figures.values.values()
    assert 32380 in figures.values.values() and ":grouped}" in text


def test_wrong_form_says_so_early_and_writes_nothing(tmp_path):
    target = tmp_path / "hanke"
    with pytest.raises(UserError) as caught:
        import_report(SEEDS["loppuraportti"][0], "valikysely-2019", target)
    message = str(caught.value)
    assert "found 2 of its 17 questions" in message and "--report loppuraportti" in message
    assert not target.exists()


def _broken_inputs(tmp_path: Path) -> dict[str, Path]:
    made = {}
    (tmp_path / "empty.docx").write_bytes(b"")
    made["empty"] = tmp_path / "empty.docx"
    (tmp_path / "text.docx").write_text("Tämä ei ole Word-tiedosto.\n", encoding="utf-8")
    made["not a docx"] = tmp_path / "text.docx"
    (tmp_path / "secret.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    made["encrypted"] = tmp_path / "secret.docx"
    whole = (FIXTURES / "seed-000-valikysely-2019.libreoffice.docx").read_bytes()
    (tmp_path / "cut.docx").write_bytes(whole[: len(whole) // 2])
    made["corrupt"] = tmp_path / "cut.docx"
    with zipfile.ZipFile(tmp_path / "other.docx", "w") as z:
        z.writestr("hello.txt", "not a document")
    made["zip without a document"] = tmp_path / "other.docx"
    with open(tmp_path / "huge.txt", "wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: no real disk used
    made["huge"] = tmp_path / "huge.txt"
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    made["unsupported"] = tmp_path / "report.pdf"
    (tmp_path / "blank.txt").write_text("\n \n\n", encoding="utf-8")
    made["only blank lines"] = tmp_path / "blank.txt"
    return made


def test_bad_input_is_a_clear_error_and_writes_nothing(tmp_path):
    runner = CliRunner()
    for what, path in _broken_inputs(tmp_path).items():
        target = tmp_path / f"out-{path.stem}"
        result = runner.invoke(main, ["import", str(path), "--report", "valikysely-2019", "-o", str(target)])
        assert result.exit_code == 1, (what, result.output)
        assert "Traceback" not in result.output and str(path) in result.output, (what, result.output)
        assert not target.exists(), what


def test_existing_files_are_kept_unless_forced_and_a_project_gets_a_year_added(tmp_path):
    seed = SEEDS["valikysely-2019"][0]
    project = minimal_project(tmp_path / "hanke")
    (project / "2016").mkdir()
    (project / "2016" / "plans.yaml").write_text("intro: Suunnitelmat vuodelle 2017.\n", encoding="utf-8")
    kept = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    summary = import_report(seed, "valikysely-2019", project)
    # project.yaml and the other year stay as they were; the report's years are added.
    assert all(p.read_bytes() == content for p, content in kept.items())
    assert (project / "2019" / "monitoring.yaml").is_file() and (project / "2018" / "goals.yaml").is_file()
    assert "ei muutettu" in summary.leftovers_file.read_text(encoding="utf-8")
    assert [p for p in check_project(project) if p.is_error] == []
    written = {p: p.read_bytes() for p in summary.written}
    (project / "2019" / "plans.yaml").write_text("intro: Oma muokkaus.\n", encoding="utf-8")
    with pytest.raises(UserError, match="already exist"):
        import_report(seed, "valikysely-2019", project)
    assert (project / "2019" / "plans.yaml").read_text(encoding="utf-8") == "intro: Oma muokkaus.\n"
    again = import_report(seed, "valikysely-2019", project, force=True)
    assert {p: p.read_bytes() for p in again.written} == written


def test_cli_import_prints_a_summary(tmp_path):
    target = tmp_path / "hanke"
    result = CliRunner().invoke(main, ["import", str(SEEDS["loppuraportti"][0]), "-r", "loppuraportti",
                                       "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "12 of 12 questions" in result.output and " figures" in result.output
    assert "raportti build" in result.output
    assert (target / "project.yaml").is_file()


def test_level_goals_by_period_and_their_results(imported):
    """loppuraportti: "MAAKUNTATASO: …" main goals, sub-goals per period, results under them."""
    project, _ = imported["loppuraportti", "txt"]
    yaml = YAML(typ="safe")
    sets = {year: yaml.load(project / str(year) / "goals.yaml")["goals"] for year in (2017, 2019, 2020)}
    assert [g["heading"] for g in sets[2017]] == ["MAAKUNTATASO", "PERUSKUNTATASO", "JÄRJESTÖTASO", "YKSILÖTASO"]
    assert all([g["id"] for g in goals] == [g["id"] for g in sets[2017]] for goals in sets.values())
    assert sets[2017][0]["period_label"] == "Alatavoitteet 2017- alkuvuosi 2019"
    # JÄRJESTÖTASO is worded "2017-2019: …, 2020: …": reworded in the 2020 set.
    assert sets[2019][2]["text"].startswith("Varsinais-Suomen sosiaali- ja terveysalan")
    assert sets[2020][2]["text"].startswith("Sote-järjestöjen yhteinen osaava")
    results = yaml.load(project / "2020" / "results.yaml")
    linked = [r["goals"] for r in results["results"] if not r.get("perspective")]
    assert linked == [[g["id"]] for g in sets[2020]]
    headings = next(b for b in results["sections"] if b["id"] == "tulosten-tavoiteotsikot")
    assert headings["sections"][1]["title"] == "Kansalaisjärjestötoiminnan turvatummat toimintaedellytykset kuntatasolla:"


def test_docx_paragraphs_keep_headings_emphasis_lists_and_tables(tmp_path):
    import docx

    from raportti.importing.reading import read_document

    document = docx.Document()
    document.add_heading("TAUSTATIEDOT", level=1)
    paragraph = document.add_paragraph("Hanke on ")
    paragraph.add_run("tärkeä").bold = True
    paragraph.add_run(" ja ")
    paragraph.add_run("hyvä").italic = True
    document.add_paragraph("ensimmäinen kohta", style="List Bullet")
    document.add_paragraph("toinen kohta", style="List Bullet")
    document.add_paragraph("numeroitu kohta", style="List Number")
    table = document.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "Vuosi", (0, 1): "Tapahtumia", (1, 0): "2024", (1, 1): "72"}.items():
        table.cell(r, c).text = text
    path = tmp_path / "raportti.docx"
    document.save(str(path))
    paragraphs = read_document(path)
    assert [(p.kind, p.markdown) for p in paragraphs] == [
        ("heading", "TAUSTATIEDOT"),
        ("p", "Hanke on **tärkeä** ja *hyvä*"),
        ("item", "- ensimmäinen kohta"),
        ("item", "- toinen kohta"),
        ("item", "1. numeroitu kohta"),
        ("table", "| Vuosi | Tapahtumia |\n|---|---|\n| 2024 | 72 |"),
    ]


def test_markdown_source_imports_like_text(tmp_path):
    seed, _, _ = SEEDS["loppuraportti"]
    source = tmp_path / "loppuraportti.md"
    shutil.copy(seed, source)
    project = tmp_path / "hanke"
    summary = import_report(source, "loppuraportti", project)
    assert summary.missing == [] and summary.goals >= 12
    build(project, report="loppuraportti", out_dir=project / "build", formats=("md",))
    built = (project / "build" / "loppuraportti.md").read_text(encoding="utf-8")
    assert measure(seed.read_text(encoding="utf-8"), built).recall >= 0.95


def test_docx_content_controls_text_boxes_and_footnotes_are_read(tmp_path):
    """Text inside a content control or a text box is read; a footnote goes to the leftovers."""
    whole = FIXTURES / "seed-000-valikysely-2019.libreoffice.docx"
    path = tmp_path / "lomake.docx"
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                # Wrap the answer to question 1 in a content control, as Word forms do.
                answer = "POHJOIS-POHJANMAAN SOSIAALITURVAYHDISTYS RY"
                start = text.rfind("<w:p ", 0, text.index(answer))
                start = start if start >= 0 else text.rfind("<w:p>", 0, text.index(answer))
                end = text.index("</w:p>", text.index(answer)) + len("</w:p>")
                text = text[:start] + "<w:sdt><w:sdtContent>" + text[start:end] + "</w:sdtContent></w:sdt>" + text[end:]
                data = text.encode("utf-8")
            target.writestr(item, data)
        target.writestr("word/footnotes.xml",
                        f'<w:footnotes xmlns:w="{w}"><w:footnote w:id="1"><w:p><w:r><w:t>Luvut 31.8. asti.'
                        '</w:t></w:r></w:p></w:footnote></w:footnotes>')
    project = tmp_path / "hanke"
    summary = import_report(path, "valikysely-2019", project)
    assert YAML(typ="safe").load(project / "project.yaml")["organisation"] == "POHJOIS-POHJANMAAN SOSIAALITURVAYHDISTYS RY"
    assert "Luvut 31.8. asti." in summary.leftovers_file.read_text(encoding="utf-8")


# -- our own documents back: example → DOCX → import → build gives the same report ------------------

KK = PP.parent / "keksitty-esimerkki"
OWN = [(PP, "valikysely-2019"), (VS, "loppuraportti"), (PP, "toimintakertomus")]


@pytest.fixture(scope="module")
def own_round_trips(tmp_path_factory):
    """Each example built as DOCX by raportti itself, imported back and built again."""
    out = {}
    for example, form in OWN:
        root = tmp_path_factory.mktemp(f"own-{example.name}-{form}")
        first = build(example, report=form, out_dir=root / "first", formats=("md", "docx"))
        summary = import_report(first.outputs[1], form, root / "hanke")
        again = build(root / "hanke", report=form, out_dir=root / "again", formats=("md",))
        out[example.name, form] = (root, summary, first.outputs[0], again.outputs[0])
    return out


@pytest.mark.parametrize("example,form", [(e.name, f) for e, f in OWN])
def test_our_own_docx_imports_back_to_the_same_report(own_round_trips, example, form):
    root, summary, first_md, again_md = own_round_trips[example, form]
    # The same year's report, built from the imported data, has the same name.
    assert first_md.name == again_md.name
    first = first_md.read_text(encoding="utf-8")
    again = again_md.read_text(encoding="utf-8")
    result = measure(first, again)
    assert summary.missing == []
    assert result.recall >= 0.97 and result.order >= 0.98 and result.figures >= 0.98, result.missing[:10]


def test_guidance_below_a_question_heading_still_finds_the_question(own_round_trips):
    """Our DOCX puts "(Henkilötyövuosi tarkoittaa …)" in its own paragraph under the question."""
    root, *_ = own_round_trips["pohjois-pohjanmaa", "valikysely-2019"]
    staff = YAML(typ="safe").load(root / "hanke" / "project.yaml")["staff"][0]
    assert (staff["employees"], staff["separate_employees"], staff["person_years"]) == (3, 3, 3)
    assert "Montako" not in staff["notes"] and staff["notes"].startswith("Hankkeessa työskentelee")
    again = (root / "again" / "valikysely-2019.md").read_text(encoding="utf-8")
    # Goal 4's heading (with its "(Tavoitetta edistetään …)" guidance) heads its own results again.
    goal4 = again.index("#### 4. Sote-palvelujen")
    assert again.index("Kolmessa kunnassa on lisätty maksuttomien tilojen") < goal4 < again.index("#### 5. Järjestöjen")


def test_the_title_page_gives_organisation_period_date_and_year(own_round_trips):
    root, summary, *_ = own_round_trips["pohjois-pohjanmaa", "valikysely-2019"]
    project = YAML(typ="safe").load(root / "hanke" / "project.yaml")
    assert project["name"] == "Pohjois-Pohjanmaan järjestö rakenne"
    assert project["organisation"] == "POHJOIS-POHJANMAAN SOSIAALITURVAYHDISTYS RY"
    assert str(project["period"]["start"]) == "2017-01-01" and str(project["period"]["end"]) == "2020-09-30"
    assert str(project["reports"]["valikysely-2019"]["date"]) == "2019-09-30"
    assert "Järjestö" not in summary.leftovers_file.read_text(encoding="utf-8")


def test_the_year_is_read_from_the_subtitle():
    from raportti.report.forms import find_form, load_form
    from raportti.importing.front import read_front
    from raportti.importing.reading import Paragraph

    form = load_form(find_form("toimintakertomus", None))
    front = read_front(form, [Paragraph("Toimintakertomus", kind="heading"),
                              Paragraph("Kylätuvat yhdessä -hanke, vuosi 2025", kind="heading"),
                              Paragraph("| Järjestö | Esimerkkilän Kyläyhdistys ry |\n|---|---|\n"
                                        "| Ajanjakso | 2024–2026 |", kind="table"),
                              Paragraph("Hanke on toiminut kaksi vuotta.")])
    assert (front.name, front.year, front.organisation, front.period) == \
        ("Kylätuvat yhdessä -hanke", 2025, "Esimerkkilän Kyläyhdistys ry", (2024, 2026))
    assert [p.markdown for p in front.rest] == ["Hanke on toiminut kaksi vuotta."]  # a sentence, not a fact


def test_an_import_that_places_nothing_says_so_and_writes_nothing(tmp_path, own_round_trips):
    """A form without import rules: the answers are found, none has a place; no success is claimed."""
    root, *_ = own_round_trips["pohjois-pohjanmaa", "valikysely-2019"]
    project = minimal_project(tmp_path / "hanke")
    form = project / "templates" / "ilman-saantoja"
    shutil.copytree(Path(__file__).resolve().parents[1] / "templates" / "valikysely-2019", form)
    text = (form / "form.yaml").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.strip().startswith("import:"))
    (form / "form.yaml").write_text(text.replace("name: valikysely-2019", "name: ilman-saantoja") + "\n",
                                    encoding="utf-8")
    before = sorted(p for p in project.rglob("*") if p.is_file())
    result = CliRunner().invoke(main, ["import", str(root / "first" / "valikysely-2019.docx"),
                                       "-r", "ilman-saantoja", "-o", str(project)])
    assert result.exit_code == 1, result.output
    assert "Nothing was written" in result.output and "no 'import:' rules" in result.output
    assert "validates" not in result.output and "Traceback" not in result.output
    assert sorted(p for p in project.rglob("*") if p.is_file()) == before


def _own_docx(tmp_path: Path, example: Path, form: str) -> Path:
    return build(example, report=form, out_dir=tmp_path / "first", formats=("md", "docx")).outputs[1]


def test_toimintakertomus_goals_with_lettered_sub_goals_and_a_refined_goal(tmp_path):
    source = _own_docx(tmp_path, KK, "toimintakertomus")
    summary = import_report(source, "toimintakertomus", tmp_path / "hanke")
    assert summary.year == 2025 and summary.missing == [] and summary.placed >= 8
    yaml = YAML(typ="safe")
    project = yaml.load(tmp_path / "hanke" / "project.yaml")
    assert project["organisation"] == "Esimerkkilän Kyläyhdistys ry"
    assert project["reports"]["toimintakertomus"]["year"] == 2025
    goals = yaml.load(tmp_path / "hanke" / "2025" / "goals.yaml")
    assert goals["period"] == "2024–2026"
    assert [g["text"] for g in goals["goals"]] == ["Yksin asuvien ikääntyneiden yksinäisyys vähenee",
                                                  "Kyläläiset pitävät tupia itse hankkeen jälkeen"]
    subs = goals["goals"][0]["subgoals"]
    assert [s["text"][:20] for s in subs] == ["Kylätupa kokoontuu v", "Vapaaehtoiset tekevä", "Vapaaehtoiset saatta"]
    assert subs[1]["changes"][0]["replaced_by"] == subs[2]["id"]
    monitoring = yaml.load(tmp_path / "hanke" / "2025" / "monitoring.yaml")
    assert monitoring["groups"]["volunteers"]["text"].startswith("Tupaohjaajat vastasivat")
    # "- Rahoittaja: …" lines of the basic facts go to project.yaml (rule `fields`).
    assert project["funder"] == "Sosiaali- ja terveysjärjestöjen avustuskeskus STEA"
    assert project["locations"] == ["Esimerkkilä", "Mallila"]
    # A footnote stays with the paragraph that refers to it, its label not taken for a figure.
    blocks = yaml.load(tmp_path / "hanke" / "2025" / "activities.yaml")["sections"]
    tuvat = next(b for b in blocks if b["title"] == "Kylätuvat")["text"]
    assert tuvat.endswith(".[^1]\n\n[^1]: Käyntikerrat on arvioitu tupaohjaajien kuukausittaisista ilmoituksista.\n")
    results = yaml.load(tmp_path / "hanke" / "2025" / "results.yaml")["results"]
    assert any(r["goals"] == [] and r["text"].startswith("Tuvat ovat tulleet") for r in results)
    # The target / actual tables under the goals' results are read back into indicators.
    first = goals["goals"][0]["indicators"]
    assert first[1]["name"] == "Kylätupien kokoontumiskerrat" and first[1]["unit"] == "kertaa"
    assert first[1]["baseline"] == {"value": 0, "year": 2023}
    assert first[1]["years"] == [{"year": 2025, "target": 80, "actual": 84}]
    assert first[0]["years"][0]["note"] == "Kysely 41 osallistujalle, 29 vastasi."
    build(tmp_path / "hanke", report="toimintakertomus", out_dir=tmp_path / "again", formats=("md",))
    result = measure((tmp_path / "first" / "toimintakertomus-2025.md").read_text(encoding="utf-8"),
                     (tmp_path / "again" / "toimintakertomus-2025.md").read_text(encoding="utf-8"))
    assert result.recall >= 0.9 and result.order >= 0.98


def test_tuloksellisuusraportti_imports_without_year_and_finds_the_organisation(tmp_path):
    """The QA case: the year and the organisation come from the title page, answers are placed."""
    source = _own_docx(tmp_path, KK, "tuloksellisuusraportti")
    target = tmp_path / "imp-k"
    result = CliRunner().invoke(main, ["import", str(source), "-r", "tuloksellisuusraportti", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "placed 0 " not in result.output and "järjestön nimeä ei löytynyt" not in result.output
    # What the report makes from data it cannot read back: where to enter it, in the summary.
    assert "kirjaa kumppanit partners.yaml-tiedoston kohtaan named" in result.output
    assert "Next: move what you need from" in result.output
    yaml = YAML(typ="safe")
    project = yaml.load(target / "project.yaml")
    assert project["organisation"] == "Esimerkkilän Kyläyhdistys ry"
    assert project["reports"]["tuloksellisuusraportti"]["year"] == 2025
    assert str(project["period"]["end"]) == "2026-12-31"
    monitoring = yaml.load(target / "2025" / "monitoring.yaml")
    assert set(monitoring["groups"]) == {"employees", "volunteers", "target_group", "partners"}
    partners = yaml.load(target / "2025" / "partners.yaml")
    assert partners["target_group"].startswith("Yksin asuvat yli 70-vuotiaat")
    # The reach table read back into rows (rule `as: rows` with `columns`), the note under it too.
    assert partners["reach"][1] == {"group": "Omaishoitajat", "planned": 10, "reached": 7, "basis": "collected",
                                    "note": "Uusi kohderyhmä kesken vuoden."}
    # The activity figures table into labelled figures with their bases.
    figures = yaml.load(target / "2025" / "activities.yaml")["figures"]
    assert {"value": 1240, "label": "Käyntikerrat", "basis": "estimate"} in figures.values()
    assert len(figures) == 5
    results = yaml.load(target / "2025" / "results.yaml")["results"]
    goals = yaml.load(target / "2025" / "goals.yaml")["goals"]
    # No goals chapter: the indicator tables' headings become the goals, the tables their indicators.
    assert [g["text"] for g in goals] == ["Yksin asuvien ikääntyneiden yksinäisyys vähenee",
                                         "Kyläläiset pitävät tupia itse hankkeen jälkeen"]
    assert goals[1]["indicators"][0]["basis"] == "collected"
    assert goals[1]["indicators"][0]["years"][0]["note"] == "Yksi koulutus siirtyi tammikuulle 2026."
    assert any(r["goals"] == [goals[0]["id"]] for r in results)
