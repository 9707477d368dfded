"""Monitoring figures computed from survey exports kept in a year folder (XLSX and CSV)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES
from raportti.cli.app import main
from raportti.project.loading import load_project
from raportti.schema.models.figures import Breakdown, Quantity, Ratio, Score
from raportti.source.exports import parse_csv, read_export
from raportti.years.textconv import docx_text

KE = EXAMPLES / "keksitty-esimerkki"
XLSX = KE / "2025" / "osallistujakysely-2025.xlsx"
CSV = KE / "2025" / "tupaohjaajakysely-2025.csv"
YEARLY = ("toimintakertomus", "tuloksellisuusraportti")


@pytest.fixture
def ke(tmp_path) -> Path:
    target = tmp_path / "keksitty-esimerkki"
    shutil.copytree(KE, target, ignore=shutil.ignore_patterns("build"))
    return target


def groups(root: Path):
    return load_project(root).years[2025].files["monitoring"].groups


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


# -- reading -----------------------------------------------------------------------------


def test_the_microsoft_forms_workbook_reads_with_its_own_first_columns():
    export, problems = read_export(XLSX)
    assert problems == []
    assert export.headings[:5] == ["Tunnus", "Aloitusaika", "Valmistumisaika", "Sähköposti", "Nimi"]
    assert len(export.rows) == 29 and export.row_numbers[0] == 2
    assert export.rows[0][3].endswith("@esimerkki.invalid")
    assert export.rows[0][7] == "Kahvittelu ja jutustelu;"  # Forms joins choices as "A;B;"


def _variants(text: str) -> dict[str, bytes]:
    """The same export as the tools and Excel save it."""
    comma = "\r\n".join(",".join(f'"{c}"' if ("," in c or not c) and c else c for c in line.split(";"))
                        for line in text.replace("\r\n", "\n").split("\n"))
    tab = text.replace(";", "\t")
    return {
        "utf-8 with BOM, semicolons": ("\ufeff" + text).encode("utf-8"),
        "utf-8, semicolons, LF": text.replace("\r\n", "\n").encode("utf-8"),
        "windows-1252, semicolons": text.encode("cp1252"),
        "utf-16, tabs": tab.encode("utf-16"),
        "utf-8, commas, quoted decimal commas": comma.encode("utf-8"),
    }


def test_each_encoding_and_separator_reads_the_same(ke):
    text = CSV.read_bytes().decode("utf-8-sig")
    expected = parse_csv(CSV.read_bytes())
    assert expected[0][1][5].startswith("Kuinka hyvin sait tukea") and len(expected[1]) == 13
    assert expected[1][0][1][6] == "4,5"  # a decimal comma, as written
    figures = {}
    for name, raw in _variants(text).items():
        assert parse_csv(raw) == expected, name
        (ke / "2025" / CSV.name).write_bytes(raw)
        volunteers = groups(ke).volunteers.figures
        figures[name] = (volunteers["survey"], volunteers["support"], volunteers["plans"])
    first = next(iter(figures.values()))
    assert all(f == first for f in figures.values())


def test_a_decimal_comma_is_a_number(ke):
    monitoring = ke / "2025" / "monitoring.yaml"
    monitoring.write_text(monitoring.read_text(encoding="utf-8").replace(
        "  target_group:\n",
        "      hours: {survey: tupaohjaajat, compute: mean, question: Kuinka monta tuntia, scale: 40, min: 0}\n"
        "  target_group:\n", 1), encoding="utf-8")
    hours = groups(ke).volunteers.figures["hours"]
    # 4,5 6 3 8 2,5 5 4 6,5 3 4 10 2 5 → 63.5 / 13
    assert hours.mean == 4.9 and hours.responses == 13


# -- computing ---------------------------------------------------------------------------


def test_the_examples_figures_come_from_its_exports():
    g = groups(KE)
    volunteers, target = g.volunteers.figures, g.target_group.figures
    assert volunteers["survey"] == Ratio(responded=13, asked=15, label="Tupaohjaajien kysely", basis="collected")
    # support answers 5 5 4 5 4 4 5 3 5 4 5 4 5 = 58 / 13 = 4.46
    assert isinstance(volunteers["support"], Score) and volunteers["support"].mean == 4.5
    assert volunteers["support"].responses == 13 and volunteers["support"].scale == 5
    assert volunteers["continuing"].value == 69  # 9 of 13 "Kyllä"
    plans = volunteers["plans"]
    assert isinstance(plans, Breakdown) and plans.total == 13
    assert [(p.label, p.value) for p in plans.parts.values()] == [("Kyllä", 9), ("En vielä tiedä", 3), ("En", 1)]
    assert target["survey"].responded == 29 and target["survey"].asked == 41
    assert target["survey"].basis == "sample"  # the survey says so
    # 14 × 5, 13 × 4, 2 × 3 = 128 / 29 = 4.41
    assert target["satisfaction"].mean == 4.4
    # agreeing 12 + 9 of 26 who did not answer "En osaa sanoa"
    assert isinstance(target["contacts"], Quantity) and target["contacts"].value == 81
    assert target["contacts"].computed.n == 26
    answers = target["satisfaction_answers"]
    assert [p.value for p in answers.parts.values()] == [0, 0, 2, 13, 14]
    activities = target["activities"]
    assert activities.total == 29 and sum(p.value for p in activities.parts.values()) > 29


def test_one_more_response_changes_the_built_report(ke, tmp_path):
    before = tmp_path / "before"
    assert run("build", ke, "--report", "toimintakertomus", "-o", before, "-f", "md").exit_code == 0
    csv = ke / "2025" / CSV.name
    raw = csv.read_bytes()
    csv.write_bytes(raw + "9013;1.12.2025 10:00;Keksitty Myöhäinen;myohainen@esimerkki.invalid;;1;2;Kyllä;\r\n"
                    .encode("utf-8"))
    after = tmp_path / "after"
    assert run("build", ke, "--report", "toimintakertomus", "-o", after, "-f", "md").exit_code == 0
    old = (before / "toimintakertomus-2025.md").read_text(encoding="utf-8")
    new = (after / "toimintakertomus-2025.md").read_text(encoding="utf-8")
    assert "(13/15 vastasi)" in old and "keskimäärin 4,5/5" in old
    assert "(14/15 vastasi)" in new and "keskimäärin 4,2/5" in new  # 59 / 14


PERSONAL_COLUMNS = ("Sähköposti", "Nimi", "Mitä muuta haluat", "Sähköpostiosoite", "Puhelinnumero",
                    "Mitä toivot ensi vuoden")


def personal_values() -> set[str]:
    values = set()
    for path in (XLSX, CSV):
        export, _ = read_export(path)
        for i, heading in enumerate(export.headings):
            if heading.startswith(PERSONAL_COLUMNS):
                values |= {str(c) for c in export.column(i) if c}
    return values


def test_no_name_address_or_free_text_answer_reaches_any_output(ke, tmp_path):
    secrets = personal_values()
    assert len(secrets) > 50 and any("@" in s for s in secrets) and any("keksitty" in s for s in secrets)
    outputs = []
    for form in YEARLY:
        out = tmp_path / form
        result = run("build", ke, "--report", form, "-o", out, "-f", "md", "-f", "docx", "-f", "html")
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
        for path in out.rglob("*"):
            if path.suffix == ".docx":
                outputs.append(docx_text(path))
                import zipfile
                with zipfile.ZipFile(path) as z:
                    outputs += [z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml")]
            elif path.suffix in (".md", ".html", ".svg"):
                outputs.append(path.read_text(encoding="utf-8"))
    outputs.append(run("validate", ke).output)
    outputs.append(run("diff", ke, "2024", "2025", "--all").output)
    from raportti.preview.session import Session

    outputs.append(Session(ke, report="tuloksellisuusraportti").rebuild())
    everything = "\n".join(outputs)
    import html

    everything += html.unescape(everything)
    leaked = sorted(s for s in secrets if s in everything)
    assert leaked == []


# -- errors -------------------------------------------------------------------------------


def _edit(root: Path, old: str, new: str, name: str = "monitoring.yaml") -> None:
    path = root / "2025" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_renamed_column_is_a_located_error_naming_the_file(ke, tmp_path):
    csv = ke / "2025" / CSV.name
    csv.write_bytes(csv.read_bytes().replace("Kuinka hyvin sait tukea".encode(), "Miten hyvin sait tukea".encode()))
    out = tmp_path / "out"
    result = run("build", ke, "--report", "toimintakertomus", "-o", out)
    assert result.exit_code == 1 and not out.exists()
    assert "Traceback" not in result.output
    line = next(line for line in result.output.splitlines() if "starts with" in line)
    assert line.startswith(f"{ke}/2025/monitoring.yaml:")
    assert "2025/tupaohjaajakysely-2025.csv" in line
    assert '"Kuinka hyvin sait tukea hankkeen työntekijöiltä"' in line  # the text sought
    assert '"Miten hyvin sait tukea hankkeen työntekijöiltä? (1 = huonosti, 5 = erittäin hyvin)"' in line  # nearest
    assert "no value yet" not in result.output  # the figure's own error says it all
    fi = run("validate", ke, "--lang", "fi").output
    assert "ei ole saraketta, jonka otsikko alkaa" in fi and "Lähimmät otsikot" in fi


def test_a_missing_export_an_empty_one_and_an_answer_off_the_scale(ke):
    _edit(ke, "file: osallistujakysely-2025.xlsx", "file: osallistujat-2025.xlsx")
    csv = ke / "2025" / CSV.name
    lines = csv.read_bytes().split(b"\r\n")
    lines[3] = lines[3].replace(b";4;", b";7;", 1)  # support 4 → 7 on row 4, a scale of 1–5
    csv.write_bytes(b"\r\n".join(lines))
    result = run("validate", ke)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "monitoring.yaml:8:11: error: surveys.osallistujat.file: The survey export " \
           "'2025/osallistujat-2025.xlsx' does not exist. Did you mean 'osallistujakysely-2025.xlsx'?" in result.output
    assert "Answers outside the scale 1–5 in '2025/tupaohjaajakysely-2025.csv', column \"Kuinka hyvin" in result.output
    assert "row 4 (7)" in result.output
    fi = run("validate", ke, "--lang", "fi").output
    assert "Kyselyn vientitiedostoa '2025/osallistujat-2025.xlsx' ei ole." in fi
    assert "Asteikon 1–5 ulkopuolisia vastauksia" in fi

    csv.write_bytes(lines[0] + b"\r\n")
    result = run("validate", ke)
    assert "'2025/tupaohjaajakysely-2025.csv' has no responses" in result.output


def test_an_answer_that_might_be_personal_is_not_quoted(ke):
    csv = ke / "2025" / CSV.name
    lines = csv.read_bytes().split(b"\r\n")
    lines[2] = lines[2].replace(b";5;", b";soita 040 123 4567;", 1)
    csv.write_bytes(b"\r\n".join(lines))
    result = run("validate", ke)
    assert "row 3 (answer not shown)" in result.output and "040 123" not in result.output


def test_an_export_committed_without_saying_so_is_warned_about(ke):
    text = (ke / "2025" / "monitoring.yaml").read_text(encoding="utf-8").replace("    public: true\n", "")
    (ke / "2025" / "monitoring.yaml").write_text(text, encoding="utf-8")
    (ke / ".git").mkdir()
    result = run("validate", ke)
    assert result.output.count("holds respondents' personal data") == 2
    (ke / ".gitignore").write_text("build/\n*.xlsx\n", encoding="utf-8")
    result = run("validate", ke)
    assert result.output.count("holds respondents' personal data") == 1 and ".csv" in result.output
    (ke / "2025" / ".gitignore").write_text("tupaohjaaja*\n", encoding="utf-8")
    assert "personal data" not in run("validate", ke).output


def test_diff_compares_computed_figures_like_typed_ones(ke):
    (ke / "2024" / "monitoring.yaml").write_text(
        "groups:\n  volunteers:\n    figures:\n"
        "      survey: {responded: 10, asked: 14, label: Tupaohjaajien kysely}\n"
        "      support: {mean: 4.1, scale: 5, label: Tuki työntekijöiltä}\n", encoding="utf-8")
    result = run("diff", ke, "2024", "2025")
    assert result.exit_code == 0, result.output
    assert "10/14 (71,4 %) → 13/15 (86,7 %)" in result.output
    assert "4,1/5 → 4,5/5" in result.output


def test_the_preview_names_the_export_and_column_a_figure_is_computed_from():
    import html

    from raportti.preview.session import Session

    page = html.unescape(Session(KE, report="tuloksellisuusraportti").rebuild())
    assert ('2025/monitoring.yaml:' in page and
            'groups.volunteers.figures.support · laskettu: 2025/tupaohjaajakysely-2025.csv, sarake '
            '"Kuinka hyvin sait tukea hankkeen työntekijöiltä? (1 = huonosti, 5 = erittäin hyvin)" (n = 13)' in page)
    assert "kerätty, n = 13" in page


def test_a_damaged_workbook_is_a_plain_error(ke):
    xlsx = ke / "2025" / XLSX.name
    raw = xlsx.read_bytes()
    import io
    import zipfile

    damaged = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(damaged, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, data[: len(data) // 2] if name.endswith("sheet1.xml") else data)
    xlsx.write_bytes(damaged.getvalue())
    result = run("validate", ke)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "The survey export 'osallistujakysely-2025.xlsx' is damaged" in result.output
    xlsx.write_bytes(raw[: len(raw) // 3])
    result = run("validate", ke, "--lang", "fi")
    assert result.exit_code == 1 and "osallistujakysely-2025.xlsx" in result.output and "ei ole Excel-työkirja" in result.output
