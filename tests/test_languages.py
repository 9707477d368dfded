"""Every command speaks the chosen language, on the examples and on broken copies of them.

Each command is run as a coordinator runs it (init, validate, build, preview's first
page, reports, diff, new-year, fmt, import, textconv, and click's own complaints), once
with ``--lang fi`` and once with ``--lang en``. What they print must hold no English
sentence under ``fi`` and no Finnish message text under ``en``.

What a command shows from the data is the coordinator's own text, not a message: every
text of the examples' YAML, of the forms and of the seed documents is taken out before
looking, and so are quoted values ('…', "…"), figure references, paths, options, YAML
keys and the source lines validate shows under a problem.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from conftest import EXAMPLES, FIXTURES, ROOT
from preview_helpers import RunningPreview
from raportti.cli.app import COMMANDS, main
from test_broken_inputs import CASES, make_project

KEKSITTY = EXAMPLES / "keksitty-esimerkki"
SEED = FIXTURES / "seed-001-loppuraportti.txt"

# Words that mark a sentence as English or Finnish. A message in the other language is a
# sentence: it has at least one of them outside quotes, paths and the data's own texts.
ENGLISH = {"the", "is", "are", "was", "were", "and", "or", "not", "with", "of", "to", "in", "for", "from",
           "this", "that", "these", "has", "have", "it", "its", "be", "an", "no", "than", "by", "at",
           "there", "which", "where", "what", "when", "error", "errors", "warning", "warnings", "wrote",
           "found", "expected", "missing", "unknown", "invalid", "valid", "please", "cannot", "does",
           "did", "would", "should", "must", "file", "folder", "question", "questions", "write", "nothing"}
FINNISH = {"ja", "tai", "ei", "ole", "että", "kun", "jos", "tämä", "tässä", "siinä", "mutta",
           "virhe", "virhettä", "varoitus", "varoitusta", "kirjoitettu", "kunnossa", "tiedosto", "tiedostoa",
           "kansio", "kansiota", "luku", "lukua", "vuosi", "vuoden", "kysymys", "kysymykseen", "vain",
           "pitää", "kirjoita", "lisää", "poista", "tarkista", "tähän", "kuuluu", "mitään"}

_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`|“[^”\n]*”|«[^»\n]*»")
_QUOTED_LINES = re.compile(r"\"[^\"]{0,200}\"")  # a double-quoted text that a help text wraps
_BRACED = re.compile(r"\{[^{}\n]*\}|\[[^\[\]\n]*\]")
_PATHISH = re.compile(r"\S*[/\\]\S*|\S+\.(?:yaml|yml|md|docx|txt|html|pdf|json)\b|--?[a-z][\w-]*|\b\w+(?:\.\w+)+"
                      r"|\b[a-z_]+_[a-z_]+\b|\bhttps?://\S+")
_PROBLEM_LINE = re.compile(r":\s(error|warning|virhe|varoitus):\s")


def _texts(value, out: set) -> None:
    if isinstance(value, str):
        for line in value.splitlines():
            if len(line.strip()) >= 4:
                out.add(line.strip())
    elif isinstance(value, dict):
        for key, item in value.items():
            _texts(key, out)
            _texts(item, out)
    elif isinstance(value, list):
        for item in value:
            _texts(item, out)


def _data_texts() -> list[str]:
    """Every sentence a coordinator or a form wrote: shown by the commands, never a message."""
    found: set = set()
    yaml = YAML(typ="safe")
    for path in [*EXAMPLES.rglob("*.yaml"), *(ROOT / "templates").rglob("*.yaml")]:
        try:
            _texts(yaml.load(path.read_text(encoding="utf-8")), found)
        except Exception:  # noqa: BLE001 - a broken fixture is no data to strip
            pass
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if len(line.strip()) >= 4:
            found.add(line.strip())
    sentences = {part.strip() for text in found for part in re.split(r"(?<=[.!?:;])\s+", text)}
    return sorted((s for s in sentences if len(s) >= 4), key=len, reverse=True)


def _pattern(sentence: str) -> tuple[str, re.Pattern]:
    """A sentence as the commands may show it: figures written out, footnote marks gone;
    with its longest fixed piece, to look for before the pattern."""
    sentence = re.sub(r"\[\^\w+\]", "", sentence)
    parts = re.split(r"\{[^{}]*\}", sentence)
    return max(parts, key=len), re.compile(r"[^\n]*?".join(re.escape(part) for part in parts))


DATA = [(piece, pattern) for piece, pattern in map(_pattern, _data_texts()) if len(piece) >= 4]


def _messages_only(output: str) -> list[str]:
    """The output's lines as messages: without the YAML source lines shown under a problem
    (and their caret), the data's texts, quotes, references and paths."""
    lines = output.splitlines()
    kept = []
    skip = 0
    for line in lines:
        if skip and (line.startswith("    ") or not line.strip()):
            skip -= 1
            continue
        skip = 2 if _PROBLEM_LINE.search(line) else 0
        kept.append(line)
    out = []
    for line in kept:
        text = line
        for piece, data in DATA:
            if piece in text:
                text = data.sub(" ", text)
        text = _QUOTED.sub(" ", text)
        text = _BRACED.sub(" ", text)
        text = _PATHISH.sub(" ", text)
        out.append(text)
    return out


def foreign_lines(output: str, language: str) -> list[str]:
    """The lines of ``output`` that hold a message in the other language."""
    other = ENGLISH if language == "fi" else FINNISH
    output = _QUOTED_LINES.sub(lambda m: '""' + "\n" * m.group(0).count("\n"), output)
    bad = []
    for original, text in zip(output.splitlines(), _messages_only(output)):
        words = {w for w in re.findall(r"[A-Za-zÅÄÖåäö]{2,}", text) if not w.isupper()}  # not FOLDER
        if {w.lower() for w in words} & other or (language == "en" and any(re.search(r"[äöÄÖ]", w) for w in words)):
            bad.append(original)
    return bad


def test_the_detector_tells_the_languages_apart():
    assert foreign_lines("Wrote build/x.md", "fi") == ["Wrote build/x.md"]
    assert foreign_lines("Kirjoitettu build/x.md", "fi") == []
    assert foreign_lines("Kirjoitettu build/x.md", "en") == ["Kirjoitettu build/x.md"]
    assert foreign_lines("p.yaml:1:1: virhe: Tuntematon kenttä 'the value'.\n    the: value\n    ^", "fi") == []
    assert foreign_lines("p.yaml:1:1: error: Unknown field 'tähän'.\n    tähän: on\n    ^", "en") == []


# -- the projects ---------------------------------------------------------------------------


def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(KEKSITTY, target, ignore=shutil.ignore_patterns("build"))
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _broken(tmp_path: Path) -> Path:
    """Errors a coordinator makes: a Finnish date, 'noin 50', a tab, a misspelt key and figure."""
    root = _copy(tmp_path, "rikki")
    _replace(root / "project.yaml", "period: {start: 2024-01-01,", 'period: {start: "1.1.2024",')
    _replace(root / "project.yaml", "schema_version: 1\n", "schema_version: 1\norganization: x\n")
    _replace(root / "2025" / "activities.yaml", "meetings: {value: 84,", "meetings: {value: noin 50,")
    _replace(root / "2025" / "activities.yaml", "councils: {value: 2, label: Vanhusneuvostojen kokoukset}",
             "councils: noin 2")
    _replace(root / "2025" / "activities.yaml", "{meetings}", "{meetingz}")
    with open(root / "2025" / "monitoring.yaml", "a", encoding="utf-8") as file:
        file.write("figures:\n\tjutut: 3\n")
    return root


def _warned(tmp_path: Path) -> Path:
    """Warnings only: an unfinished text, a total that is not the sum of its parts."""
    root = _copy(tmp_path, "kesken")
    _replace(root / "2025" / "activities.yaml", "{meetings}", "{meetings} LUONNOS")
    (root / "2025" / "plans.yaml").write_text(
        "figures:\n  p:\n    total: 68\n    parts: {a: {value: 27, label: A}, b: {value: 30, label: B}, "
        "c: {value: 12, label: C}}\ntext: 'TODO'\n", encoding="utf-8")
    return root


def _run(*args) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    return result.output


def _outputs(tmp_path: Path, language: str) -> dict[str, str]:
    lang = ["--lang", language]
    broken, warned, example = _broken(tmp_path), _warned(tmp_path), _copy(tmp_path, "hanke")
    out = tmp_path / "out"
    said = {
        "init": _run("init", tmp_path / "uusi", *lang),
        "init again": _run("init", tmp_path / "uusi", *lang),
        "validate examples": _run("validate", *sorted(EXAMPLES.iterdir()), *lang),
        "validate broken": _run("validate", broken, *lang),
        "validate json": "\n".join(p["message"] for p in json.loads(
            _run("validate", broken, "--format", "json", *lang))["problems"]),
        "build": _run("build", example, "-o", out, *lang),
        "build broken": _run("build", broken, *lang),
        "build warned": _run("build", warned, "-o", tmp_path / "out2", *lang),
        "build no report": _run("build", example, "--report", "ei-ole", *lang),
        "reports": _run("reports", *lang),
        "reports one": _run("reports", "tuloksellisuusraportti", *lang),
        "reports loppuraportti": _run("reports", "loppuraportti", *lang),
        "diff": _run("diff", example, "2024", "2025", *lang),
        "diff md": _run("diff", example, "2024", "2025", "--format", "md", *lang),
        "diff wrong": _run("diff", example, "2024", *lang),
        "new-year": _run("new-year", example, "2026", *lang),
        "new-year again": _run("new-year", example, "2026", *lang),
        "fmt check": _run("fmt", "--check", warned, *lang),
        "fmt": _run("fmt", warned, *lang),
        "fmt broken": _run("fmt", broken, *lang),
        # the places to check are the '# Tarkista' comments written into the files: Finnish content
        "import": re.sub(r"(?m)^  \S+: .*$", "", _run("import", SEED, "-r", "loppuraportti", "-o",
                                                      tmp_path / "tuotu", *lang)),
        "textconv wrong": _run("textconv", SEED, *lang),
        "no folder": _run("build", tmp_path / "ei-ole", *lang),
        "no option": _run("build", example, "--formt", "md", *lang),
        **{f"{command} --help": _run(command, "--help", *lang) for command in COMMANDS},
        "group help": _run(*lang, "--help"),
    }
    for name, files, *_ in CASES:
        make_project(tmp_path / "cases" / name, files)
    said["broken inputs"] = _run("validate", tmp_path / "cases", "-j", "1", *lang)
    running = RunningPreview(broken, *lang)
    try:
        page = running.page()
        shown = re.findall(r'<span class="viesti">(.*?)</span>', page, re.S)
        assert shown, "the preview's first page lists the broken copy's problems"
        said["preview page"] = "\n".join(shown)
    finally:
        running.close()
    said["preview"] = running.output
    return said


@pytest.mark.parametrize("language", ["fi", "en"])
def test_every_command_speaks_the_chosen_language(tmp_path, language):
    said = _outputs(tmp_path, language)
    wrong = {name: lines for name, output in said.items() if (lines := foreign_lines(output, language))}
    assert wrong == {}


def test_the_advice_fits_the_field(tmp_path):
    """A date field gets date advice only; 'noin 50' in a number points to basis: estimate."""
    broken = _broken(tmp_path)
    finnish = _run("validate", broken, "--lang", "fi")
    period = next(line for line in finnish.splitlines() if "period.start" in line)
    assert "Kirjoita päivämäärä muodossa vuosi-kuukausi-päivä, ilman lainausmerkkejä: 2024-01-01." in period
    assert "luku" not in period.split("mutta", 1)[1] and "desimaali" not in period
    meetings = next(line for line in finnish.splitlines() if "meetings.value" in line)
    assert "Kirjoita pelkkä luku (50) ja kerro sen vieressä, että se on arvio: 'basis: estimate'." in meetings
    assert "päivämäärä" not in meetings
    councils = next(line for line in finnish.splitlines() if "figures.councils" in line)
    assert "{value: 2, basis: estimate}" in councils
    english = _run("validate", broken, "--lang", "en")
    assert "Write the date as year-month-day, without quotes: 2024-01-01." in english
    assert "Write the number alone (50) and say it is an estimate with 'basis: estimate' (arvio)" in english
    tab = next(line for line in finnish.splitlines() if "monitoring.yaml" in line)
    assert tab.count("Sisennä välilyönneillä") == 1  # one piece of advice, said once
