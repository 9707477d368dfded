#!/usr/bin/env python3
"""Benchmark raportti against its floors and a peer, in one run.

    pip install '.[bench]'          # pandoc comes from pypandoc-binary
    python bench/run.py [--repeat N]

Every comparison runs its commands alternately, N times each, in fresh processes, and
reports the median wall time and peak memory (max RSS) of each, and their ratios. The
last results are written to bench/README.md with a description of the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
PYTHON = sys.executable
IMPORT_FLOOR = "import click, pydantic, ruamel.yaml, jinja2, docx, markdown_it"
OWN_IMPORTS = "import raportti.cli, raportti.build, raportti.checks"


@dataclass
class Sample:
    seconds: float
    max_rss_mb: float


def run_once(command: list[str]) -> Sample:
    """Run a command; its own wall time and peak memory (not its siblings')."""
    # stderr goes to a file, not a pipe: a command that warns a lot would fill the
    # pipe and wait forever for a reader that is itself waiting for it to end.
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(f"Command failed: {' '.join(command)}\n{errors.read().decode(errors='replace')}")
    # ru_maxrss is in kilobytes on Linux.
    return Sample(seconds=elapsed, max_rss_mb=usage.ru_maxrss / 1024)


def compare(commands: dict[str, list[str]], repeat: int) -> dict[str, list[Sample]]:
    """Run the commands alternately so that machine noise hits all of them alike."""
    samples: dict[str, list[Sample]] = {name: [] for name in commands}
    for name, command in commands.items():  # warm-up: file caches, .pyc files
        run_once(command)
    for _ in range(repeat):
        for name, command in commands.items():
            samples[name].append(run_once(command))
    return samples


def median(samples: list[Sample]) -> Sample:
    return Sample(statistics.median(s.seconds for s in samples), statistics.median(s.max_rss_mb for s in samples))


def pandoc_path() -> str | None:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return None


def raportti(*args: str) -> list[str]:
    """The command as a user runs it: the installed console script."""
    script = Path(PYTHON).parent / "raportti"
    return [str(script), *args] if script.exists() else [PYTHON, "-m", "raportti", *args]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7, help="repetitions of each command (default 7)")
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite bench/README.md")
    parser.add_argument("--megabytes", type=float, default=3.0, help="size of the large project (default 3)")
    args = parser.parse_args()

    out = Path(tempfile.mkdtemp(prefix="raportti-bench-"))
    example = ROOT / "examples" / "pohjois-pohjanmaa"
    subprocess.run(raportti("build", str(example), "-o", str(out)), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    built_md = out / "valikysely-2019.md"

    rows: list[tuple[str, str, Sample, Sample]] = []

    # The targets: (what, measured, limit, True if the measure must stay at or
    # below the limit).
    targets: list[tuple[str, float, float, bool]] = []

    def record(title: str, ours: str, peer: str, samples: dict[str, list[Sample]]) -> tuple[Sample, Sample]:
        row = (title, f"{ours} / {peer}", median(samples[ours]), median(samples[peer]))
        rows.append(row)
        return row[2], row[3]

    def ratio(pair: tuple[Sample, Sample]) -> float:
        return pair[0].seconds / pair[1].seconds

    pandoc = pandoc_path()
    examples = {name: ROOT / "examples" / name for name in ("pohjois-pohjanmaa", "varsinais-suomi")}

    # --help costs what click costs: the floor of any click CLI.
    samples = compare({"raportti --help": raportti("--help"),
                       "import click": [PYTHON, "-c", "import click"]}, args.repeat)
    pair = record("raportti --help vs python -c 'import click'", "raportti --help", "import click", samples)
    targets.append(("--help time / import click", ratio(pair), 1.3, True))

    # Validate and build each example against importing the six packages it uses; and,
    # to show where a build's time goes, importing raportti's own modules (which builds
    # its Pydantic models) with no data read at all.
    for name, folder in examples.items():
        samples = compare({
            "validate": raportti("validate", str(folder)),
            "build": raportti("build", str(folder), "-o", str(out / name)),
            "import floor": [PYTHON, "-c", IMPORT_FLOOR],
            "import raportti": [PYTHON, "-c", OWN_IMPORTS],
        }, args.repeat)
        record(f"validate {name} vs import floor", "validate", "import floor", samples)
        pair = record(f"build {name} (md + docx) vs import floor", "build", "import floor", samples)
        if name == "pohjois-pohjanmaa":
            targets.append((f"build {name} time / import floor", ratio(pair), 1.25, True))
        record("  (only importing raportti's modules vs import floor)", "import raportti", "import floor", samples)
    if pandoc:
        samples = compare({
            "build": raportti("build", str(example), "-o", str(out / "b")),
            "pandoc": [pandoc, str(built_md), "-o", str(out / "pandoc.docx")],
        }, args.repeat)
        record("build pohjois-pohjanmaa vs pandoc (its md -> docx)", "build", "pandoc", samples)

    # A large project: its whole build against pandoc converting its Markdown alone.
    from generate import make_large, make_tree, yaml_size

    large = make_large(out / "large", args.megabytes)
    megabytes = yaml_size(large) / 1e6
    subprocess.run(raportti("build", str(large), "-o", str(out / "large-build")), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    large_md = out / "large-build" / "valikysely-2019.md"
    large_commands = {
        "build large": raportti("build", str(large), "-o", str(out / "large-build")),
        "validate large": raportti("validate", str(large)),
    }
    if pandoc:
        large_commands["pandoc large"] = [pandoc, str(large_md), "-o", str(out / "large-pandoc.docx")]
    samples = compare(large_commands, max(3, args.repeat // 2))
    if pandoc:
        pair = record(f"build large ({megabytes:.1f} MB YAML) vs pandoc md -> docx", "build large",
                      "pandoc large", samples)
        targets.append(("build large time / pandoc", ratio(pair), 1.0, True))
        targets.append(("build large peak memory / pandoc", pair[0].max_rss_mb / pair[1].max_rss_mb, 0.5, True))
    validate_large = median(samples["validate large"])
    throughput = megabytes / validate_large.seconds

    # Many projects in one command: linear in their number, and faster on two cores.
    tree20 = make_tree(out / "tree20", 20)
    tree200 = make_tree(out / "tree200", 200)
    samples = compare({
        "200 projects": raportti("validate", str(tree200)),
        "20 projects": raportti("validate", str(tree20)),
    }, 3)
    pair = record("validate 200 projects vs 20", "200 projects", "20 projects", samples)
    targets.append(("validate 200 projects time / 20 projects", ratio(pair), 10.5, True))
    samples = compare({
        "1 core": raportti("validate", "--jobs", "1", str(tree200)),
        "all cores": raportti("validate", str(tree200)),
    }, 3)
    pair = record(f"validate 200 projects: one core vs all {os.cpu_count()}", "1 core", "all cores", samples)
    targets.append((f"validate 200 projects: one core / all {os.cpu_count()}", ratio(pair), 1.6, False))

    lines = [f"{'comparison':58} {'ours s':>8} {'peer s':>8} {'ratio':>6} {'ours MB':>8} {'peer MB':>8}"]
    for title, _, ours, peer in rows:
        lines.append(
            f"{title:58} {ours.seconds:8.3f} {peer.seconds:8.3f} {ours.seconds / peer.seconds:6.2f} "
            f"{ours.max_rss_mb:8.1f} {peer.max_rss_mb:8.1f}"
        )
    if not pandoc:
        lines.append("(pandoc not found: pip install '.[bench]' to compare with it)")
    lines.append(f"validate reads {throughput:.2f} MB of YAML per second "
                 f"({megabytes:.2f} MB in {validate_large.seconds:.2f} s)")
    targets.append(("validate MB of YAML per second", throughput, 3.0, False))
    lines.append("")
    lines.append(f"{'target':58} {'measured':>8} {'limit':>8}")
    for what, value, limit, at_most in targets:
        met = value <= limit if at_most else value >= limit
        lines.append(f"{what:58} {value:8.2f} {('<= ' if at_most else '>= ') + str(limit):>8}  "
                     f"{'met' if met else 'NOT MET'}")
    report = "\n".join(lines)
    print(report)

    if not args.no_readme:
        machine = (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
                   f"{platform.system()} {platform.release()}")
        (ROOT / "bench" / "README.md").write_text(
            "# Benchmarks\n\n"
            "Run `python bench/run.py` (after `pip install '.[bench]'`). Each command runs in a fresh "
            f"process, alternating, {args.repeat} times after a warm-up; the table shows medians "
            "of wall time and peak memory (max RSS).\n\n"
            f"Last run: {time.strftime('%Y-%m-%d')}, {machine}.\n\n```\n{report}\n```\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
