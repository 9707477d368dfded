#!/usr/bin/env bash
# Build every example × form as DOCX and PDF (the PDF through LibreOffice, as
# `raportti build --format pdf` makes it) and turn each PDF into PNG pages with pdftoppm,
# so a person can look at what a reader gets, page by page. Ends with a table of each
# build's pages, tables and figures (scripts/measure_pages.py), to compare before/after.
#
#   scripts/pages.sh [OUT]        (default OUT: build/pages; DPI=60 by default)
#
# Needs raportti on PATH (pip install -e .), soffice (LibreOffice) and pdftoppm (poppler).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$here/build/pages}"
dpi="${DPI:-60}"
for tool in raportti soffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "pages.sh: '$tool' is not installed." >&2; exit 1; }
done
mkdir -p "$out"
forms="$(raportti reports | grep -E "^[a-z0-9-]+:" | cut -d: -f1)"
for example in "$here"/examples/*/; do
  name="$(basename "$example")"
  for form in $forms; do
    stem="$name--$form"
    if ! raportti build "$example" --report "$form" -f docx -f pdf -o "$out/tmp" >/dev/null 2>"$out/$stem.log"; then
      echo "$stem: not built (see $out/$stem.log)"
      continue
    fi
    # A yearly form's files carry the year (toimintakertomus-2025.docx): one report a run.
    mv "$out"/tmp/"$form"*.docx "$out/$stem.docx"
    mv "$out"/tmp/"$form"*.pdf "$out/$stem.pdf"
    rm -f "$out/$stem"-*.png "$out/$stem.log"
    pdftoppm -r "$dpi" -png "$out/$stem.pdf" "$out/$stem"
    echo "$stem: $(ls "$out/$stem"-*.png | wc -l) pages → $out/$stem-*.png"
  done
done
rm -rf "$out/tmp"
python3 "$here/scripts/measure_pages.py" "$out" | tee "$out/measure.md"
