#!/usr/bin/env python3
"""Benchmark ``raportti preview``: from saving a file to the new page being served.

    pip install '.[bench,test]'     # pandoc from pypandoc-binary; Playwright for the browser row
    python bench/preview.py [--repeat N]

For each example, a copy of it is previewed (``raportti preview COPY --no-browser``) and a
figure in one of its YAML files is changed and saved, N times. Measured per save:

- served: from the write until the page with the new value has been fetched, by a client
  that listens to the preview's event stream as the page does;
- browser: from the write until Chromium (driven by Playwright, where installed) shows
  the new version of the page;

against, run alternately with the saves, a cold ``raportti build`` of the same example
(md + docx, as a coordinator runs it today) and pandoc converting the built Markdown to
standalone HTML. The target: a save is served in under a tenth of a cold build's time.
Results go to bench/preview-results.md.
"""

from __future__ import annotations

import argparse
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from preview_helpers import RunningPreview  # noqa: E402
from run import median, pandoc_path, raportti, run_once  # noqa: E402

# example → (the file saved, the figure's text there with {} for its value)
EDITS = {
    "pohjois-pohjanmaa": ("2019/activities.yaml", "team_meetings: {{value: {},"),
    "varsinais-suomi": ("2020/activities.yaml", "ngo_meetings: {{value: {},"),
}
TARGET = 0.1


class EventListener:
    """Reads the preview's event stream in a thread; notes when each version arrives."""

    def __init__(self, url: str) -> None:
        self.arrived: dict[int, float] = {}
        self._changed = threading.Condition()
        self._stream = urllib.request.urlopen(url + "events", timeout=60)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        event = None
        try:
            for raw in self._stream:
                line = raw.decode("utf-8").rstrip("\n")
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: ") and event == "version":
                    with self._changed:
                        self.arrived[int(line[6:])] = time.perf_counter()
                        self._changed.notify_all()
        except OSError:
            pass

    def wait_beyond(self, version: int, timeout: float = 30) -> int:
        with self._changed:
            self._changed.wait_for(lambda: any(v > version for v in self.arrived), timeout)
            newer = [v for v in self.arrived if v > version]
            if not newer:
                raise SystemExit("no update event from the preview")
            return max(newer)

    def close(self) -> None:
        self._stream.close()


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def edit_values(example: Path, file: str, pattern: str) -> tuple[Path, str, tuple]:
    target = example / file
    text = target.read_text(encoding="utf-8")
    regex = re.escape(pattern).replace(r"\{\}", r"(\d+)").replace(r"\{\{", "{").replace(r"\}\}", "}")
    value = int(re.search(regex, text).group(1))
    return target, regex, (value, value + 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium row")
    args = parser.parse_args()
    pandoc = pandoc_path()
    browser = None if args.no_browser else start_browser()

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (file, pattern) in EDITS.items():
            copy = Path(tmp) / name
            shutil.copytree(ROOT / "examples" / name, copy, ignore=shutil.ignore_patterns("build"))
            out = Path(tmp) / f"{name}-out"
            run_once(raportti("build", str(copy), "-o", str(out), "-f", "md"))
            built_md = next(out.glob("*.md"))
            target, regex, values = edit_values(copy, file, pattern)
            preview = RunningPreview(copy)
            listener = EventListener(preview.url)
            page = open_page(browser, preview.url) if browser else None
            served, shown, cold, peer, server_ms = [], [], [], [], []
            try:
                version = listener.wait_beyond(0)
                for i in range(args.repeat + 1):  # the first round warms up
                    cold_sample = run_once(raportti("build", str(copy), "-o", str(out)))
                    peer_sample = run_once([pandoc, str(built_md), "-s", "-o", str(out / "pandoc.html")]) if pandoc else None
                    value = values[(i + 1) % 2]
                    text = target.read_text(encoding="utf-8")
                    new_text = re.sub(regex, lambda m: m.group(0).replace(m.group(1), str(value)), text, count=1)
                    lines_before = len(preview.lines)
                    start = time.perf_counter()
                    target.write_text(new_text, encoding="utf-8")
                    version = listener.wait_beyond(version)
                    html = fetch(preview.url)
                    done = time.perf_counter()
                    if f'data-version="{version}"' not in html:
                        raise SystemExit("the fetched page is not the new version")
                    if page is not None:
                        page.wait_for_function(f"document.documentElement.dataset.version >= '{version}'"
                                               f" && document.documentElement.dataset.version.length >= {len(str(version))}")
                        seen = time.perf_counter()
                    if i == 0:
                        continue
                    served.append(done - start)
                    if page is not None:
                        shown.append(seen - start)
                    cold.append(cold_sample.seconds)
                    if peer_sample:
                        peer.append(peer_sample.seconds)
                    preview.wait_for_output(r"page updated in \d+ ms", timeout=10)
                    found = re.findall(r"page updated in (\d+) ms", "".join(preview.lines[lines_before:]))
                    if found:
                        server_ms.append(int(found[-1]) / 1000)
            finally:
                listener.close()
                if page is not None:
                    page.context.close()
                preview.close()
            rows.append((name, statistics.median(served), statistics.median(shown) if shown else None,
                         statistics.median(server_ms) if server_ms else None,
                         statistics.median(cold), statistics.median(peer) if peer else None))
    if browser:
        browser.close()
        browser_owner.stop()

    lines = report(rows, args.repeat, pandoc is not None, browser is not None)
    print("\n".join(lines))
    (ROOT / "bench" / "preview-results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


browser_owner = None


def start_browser():
    global browser_owner
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if chromium is None:
        return None
    browser_owner = sync_playwright().start()
    return browser_owner.chromium.launch(executable_path=chromium, args=[
        "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"])


def open_page(browser, url: str):
    page = browser.new_context().new_page()
    page.goto(url)
    page.wait_for_selector("article.kysymys")
    return page


def report(rows, repeat: int, pandoc: bool, browser: bool) -> list[str]:
    lines = [
        "# Preview benchmark",
        "",
        f"`python bench/preview.py --repeat {repeat}`; medians of {repeat} saves, each after a cold "
        "build and a pandoc run (alternating, so machine noise hits all alike).",
        "",
        f"Last run: {time.strftime('%Y-%m-%d')}, {platform.machine()}, {_cores()} cores, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}.",
        "",
        "```",
        f"{'example':<20} {'save→served':>12} {'save→shown':>11} {'rebuild':>8} {'cold build':>11} "
        f"{'pandoc md→html':>15} {'served/cold':>12}",
    ]
    targets = []
    for name, served, shown, rebuild, cold, peer in rows:
        lines.append(
            f"{name:<20} {served * 1000:>9.0f} ms {_ms(shown):>11} {_ms(rebuild):>8} {cold * 1000:>8.0f} ms "
            f"{_ms(peer):>15} {served / cold:>12.3f}")
        targets.append((name, served / cold))
    lines += ["", f"{'target':<40} {'measured':>9} {'limit':>7}"]
    for name, ratio in targets:
        met = "met" if ratio < TARGET else "NOT MET"
        lines.append(f"{'save served / cold build, ' + name:<40} {ratio:>9.3f} {'< ' + str(TARGET):>7}  {met}")
    lines += ["```", "",
              "- save→served: from writing the YAML file until a client that listens to the page's "
              "event stream has fetched the new page (what the page itself does).",
              "- save→shown: the same until Chromium shows the new version (Playwright, system Chromium)"
              + ("" if browser else "; not measured in this run") + ".",
              "- rebuild: the preview's own time for the rebuild, as it prints it.",
              "- cold build: `raportti build EXAMPLE` (md + docx) in a fresh process.",
              "- pandoc md→html: pandoc converting the built Markdown to standalone HTML"
              + ("" if pandoc else " (pandoc not found: pip install '.[bench]')") + "."]
    return lines


def _ms(value) -> str:
    return f"{value * 1000:.0f} ms" if value is not None else "–"


def _cores() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main())
