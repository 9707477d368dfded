#!/usr/bin/env python3
"""Generate benchmark inputs of realistic shape from the Pohjois-Pohjanmaa example.

    python bench/generate.py large OUT [--megabytes 3]   # one project with many years
    python bench/generate.py tree OUT --projects 200      # many projects in one folder

A large project repeats the example's year folders (2017–2019 in turn) backwards in time
until the YAML reaches the requested size; the report year stays 2019, so the mid-term
survey renders all of them. ``--vary`` changes every figure a little so no two years are
alike (which also breaks most stated totals, so validate then has hundreds of warnings to
locate: a harder, less realistic case).
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "pohjois-pohjanmaa"
# A figure value at the end of a YAML line, or inside a flow mapping: "key: 123".
NUMBER = re.compile(r"(?<=: )(\d+)(?=[,}\s]|$)")


def vary_numbers(text: str, rng: random.Random) -> str:
    def change(match: re.Match) -> str:
        value = int(match.group(1))
        if value in (1, 2019) or 1900 < value < 2100:
            return match.group(1)  # schema versions, years, scale minimums stay
        return str(max(0, value + rng.randint(-value // 5 - 1, value // 5 + 1)))

    return "\n".join(
        line if line.lstrip().startswith(("text:", "#", "- ", "scale:", "min:", "year:"))
        else NUMBER.sub(change, line)
        for line in text.split("\n")
    )


def yaml_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.yaml"))


def make_large(out: Path, megabytes: float, seed: int = 1, vary: bool = False) -> Path:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(EXAMPLE, out, ignore=shutil.ignore_patterns("build"))
    sources = [EXAMPLE / str(y) for y in (2017, 2018, 2019)]
    year = 2016
    while yaml_size(out) < megabytes * 1_000_000:
        source = sources[year % 3]
        target = out / str(year)
        target.mkdir()
        for path in source.glob("*.yaml"):
            if path.name in ("goals.yaml", "year.yaml"):
                continue  # one goal set (2017's) stays in force; figures run to year's end
            text = path.read_text(encoding="utf-8")
            # References to another year's files point at the copy's own year.
            text = re.sub(r"\{(20\d\d)\.", "{", text)
            target.joinpath(path.name).write_text(vary_numbers(text, rng) if vary else text, encoding="utf-8")
        year -= 1
    project = out / "project.yaml"
    project.write_text(
        project.read_text(encoding="utf-8").replace("start: 2017-01-01", f"start: {year + 1}-01-01"),
        encoding="utf-8",
    )
    return out


def make_tree(out: Path, projects: int, seed: int = 1, vary: bool = False) -> Path:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for i in range(projects):
        target = out / f"hanke-{i:03d}"
        shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("build"))
        if vary:
            for path in target.rglob("*.yaml"):
                path.write_text(vary_numbers(path.read_text(encoding="utf-8"), rng), encoding="utf-8")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    large = sub.add_parser("large", help="one project with many years")
    large.add_argument("out", type=Path)
    large.add_argument("--megabytes", type=float, default=3.0)
    large.add_argument("--vary", action="store_true", help="vary every figure (breaks totals)")
    tree = sub.add_parser("tree", help="many projects in one folder")
    tree.add_argument("out", type=Path)
    tree.add_argument("--projects", type=int, default=20)
    tree.add_argument("--vary", action="store_true", help="vary every figure (breaks totals)")
    args = parser.parse_args()
    if args.what == "large":
        path = make_large(args.out, args.megabytes, vary=args.vary)
        print(f"{path}: {yaml_size(path) / 1e6:.2f} MB of YAML in {len(list(path.glob('[0-9]*')))} years")
    else:
        path = make_tree(args.out, args.projects, vary=args.vary)
        print(f"{path}: {args.projects} projects, {yaml_size(path) / 1e6:.2f} MB of YAML")
    return 0


if __name__ == "__main__":
    sys.exit(main())
