#!/usr/bin/env python3
"""Charts and survey exports, as ratios in one run.

    python bench/charts.py [--repeat N] [--responses 5000]

- a build of the invented example's toimintakertomus (md + docx, 8 charts) against the
  same form with its chart macros taken out (a project copy of the form);
- a build without charts (pohjois-pohjanmaa) against the same build at the commit before
  charts came (a git worktree), and against the import floor as bench/run.py measures it:
  charts must not slow down a report that has none;
- validating a project whose figures are computed from a 5,000-response export (CSV and
  XLSX) against the same project with the figures typed in.

Results are written to bench/charts-results.md.
"""

from __future__ import annotations

import argparse
import platform
import random
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from run import IMPORT_FLOOR, PYTHON, ROOT, compare, median, raportti  # noqa: E402

KE = ROOT / "examples" / "keksitty-esimerkki"
PP = ROOT / "examples" / "pohjois-pohjanmaa"


def without_charts(target: Path) -> Path:
    """The invented example with a toimintakertomus of its own that has no chart."""
    shutil.copytree(KE, target)
    form = target / "templates" / "toimintakertomus"
    shutil.copytree(ROOT / "templates" / "toimintakertomus", form)
    for path in form.iterdir():
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\{\{ c\.[^}]*\}\}", "", text)
        text = re.sub(r"\{% import .charts\.md\.j2. as c %\}", "", text)
        path.write_text(text, encoding="utf-8")
    return target


def survey_project(target: Path, responses: int, computed: bool) -> Path:
    """A project whose 2025 monitoring figures come from a large export (or are typed)."""
    import make_survey_exports as exports

    shutil.copytree(KE, target)
    year = target / "2025"
    if not computed:
        (year / "osallistujakysely-2025.xlsx").unlink()
        (year / "tupaohjaajakysely-2025.csv").unlink()
        text = (year / "monitoring.yaml").read_text(encoding="utf-8")
        text = text[text.index("groups:"):]
        typed = {"survey": "{responded: 13, asked: 15}", "support": "{mean: 4.5, scale: 5}",
                 "continuing": "69", "plans": "{total: 13, parts: {kyllä: 9, en_vielä: 3, en: 1}}",
                 "satisfaction": "{mean: 4.4, scale: 5}", "contacts": "81",
                 "satisfaction_answers": "{total: 29, parts: {a: 0, b: 0, c: 2, d: 13, e: 14}}",
                 "activities": "{total: 29, parts: {a: 23, b: 9, c: 7, d: 6, e: 5}}"}
        lines, skipping = [], False
        for line in text.splitlines():
            match = re.match(r"^      (\w+):(.*)$", line)
            if match and match.group(1) in typed:
                lines.append(f"      {match.group(1)}: {typed[match.group(1)]}")
                skipping = True
                continue
            if skipping and line.startswith("        "):
                continue
            skipping = False
            lines.append(line)
        (year / "monitoring.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return target
    rng = random.Random(5)
    rows = exports.participants()
    many = [list(rng.choice(rows)) for _ in range(responses)]
    for i, row in enumerate(many):
        row[0] = i + 1
    exports.xlsx_bytes(exports.PARTICIPANT_HEADINGS, many, year / "osallistujakysely-2025.xlsx")
    volunteers = exports.volunteers()
    volunteers = [list(rng.choice(volunteers)) for _ in range(responses)]
    (year / "tupaohjaajakysely-2025.csv").write_bytes(
        ("\ufeff" + exports.csv_text(exports.VOLUNTEER_HEADINGS, volunteers)).encode("utf-8"))
    text = (year / "monitoring.yaml").read_text(encoding="utf-8")
    (year / "monitoring.yaml").write_text(re.sub(r"invited: \d+", f"invited: {responses * 2}", text),
                                          encoding="utf-8")
    return target


def revision_before_charts(into: Path) -> tuple[Path, str] | None:
    """A checkout of the commit before charts came (the parent of the one adding them)."""
    import subprocess

    found = subprocess.run(["git", "log", "--diff-filter=A", "--format=%H", "-1", "--",
                            "src/raportti/report/charts.py"], cwd=ROOT, capture_output=True, text=True)
    if found.returncode != 0 or not found.stdout.strip():
        return None
    commit = found.stdout.strip() + "^"
    made = subprocess.run(["git", "worktree", "add", "--detach", str(into), commit], cwd=ROOT,
                          capture_output=True, text=True)
    if made.returncode != 0:
        return None
    short = subprocess.run(["git", "rev-parse", "--short", commit], cwd=ROOT, capture_output=True, text=True)
    return into, short.stdout.strip()


def from_source(src: Path, *args: str) -> list[str]:
    """raportti run from a source tree (this one, or an older checkout), alike for both."""
    code = (f"import sys, runpy; sys.path.insert(0, {str(src)!r}); sys.argv = ['raportti', *{list(args)!r}]; "
            "runpy.run_module('raportti', run_name='__main__')")
    return [PYTHON, "-c", code]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--responses", type=int, default=5000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="raportti-charts-"))
    plain = without_charts(work / "ilman-kuvioita")
    big = survey_project(work / "kysely-laskettu", args.responses, computed=True)
    typed = survey_project(work / "kysely-kirjoitettu", args.responses, computed=False)
    rows = []

    def row(title: str, ours: list[str], peer: list[str]) -> float:
        samples = compare({"ours": ours, "peer": peer}, args.repeat)
        a, b = median(samples["ours"]), median(samples["peer"])
        rows.append(f"{title:<62} {a.seconds:7.3f} {b.seconds:8.3f} {a.seconds / b.seconds:6.2f} "
                    f"{a.max_rss_mb:8.1f} {b.max_rss_mb:8.1f}")
        print(rows[-1], flush=True)
        return a.seconds / b.seconds

    out = work / "out"
    row("build toimintakertomus with its 7 charts vs without charts",
        raportti("build", str(KE), "--report", "toimintakertomus", "-o", str(out / "a")),
        raportti("build", str(plain), "--report", "toimintakertomus", "-o", str(out / "b")))
    before = revision_before_charts(work / "before")
    if before is not None:
        row(f"build pohjois-pohjanmaa (no charts): now vs before charts ({before[1]})",
            from_source(ROOT / "src", "build", str(PP), "-o", str(out / "c1")),
            from_source(before[0] / "src", "build", str(PP), "-o", str(out / "c2")))
    row("build pohjois-pohjanmaa (no charts) vs import floor",
        raportti("build", str(PP), "-o", str(out / "c")), [PYTHON, "-c", IMPORT_FLOOR])
    row(f"validate, {args.responses} responses in XLSX + CSV vs typed figures",
        raportti("validate", str(big)), raportti("validate", str(typed)))
    row(f"build toimintakertomus, {args.responses} responses vs typed figures",
        raportti("build", str(big), "--report", "toimintakertomus", "-o", str(out / "d")),
        raportti("build", str(typed), "--report", "toimintakertomus", "-o", str(out / "e")))
    header = f"{'comparison':<62} {'ours s':>7} {'peer s':>8} {'ratio':>6} {'ours MB':>8} {'peer MB':>8}"
    machine = f"{platform.machine()}, Python {platform.python_version()}, {platform.system()} {platform.release()}"
    text = ("# Charts and survey exports: bench/charts.py\n\n"
            f"Medians of {args.repeat} alternating runs in fresh processes; {machine}.\n\n"
            "```\n" + header + "\n" + "\n".join(rows) + "\n```\n\n"
            "The build without charts is compared with the import floor as in bench/README.md "
            "(1.76 there before charts existed). Pillow is imported only when a DOCX has a chart.\n")
    (ROOT / "bench" / "charts-results.md").write_text(text, encoding="utf-8")
    if before is not None:
        import subprocess

        subprocess.run(["git", "worktree", "remove", "--force", str(before[0])], cwd=ROOT, capture_output=True)
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
