#!/usr/bin/env bash
# Build every example × form as DOCX, convert each to PDF with LibreOffice and to PNG
# pages with pdftoppm, so a person can look at what a reader gets, page by page.
#
#   scripts/pages.sh [OUT]        (default OUT: build/pages)
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
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
for example in "$here"/examples/*/; do
  name="$(basename "$example")"
  for form in valikysely-2019 loppuraportti; do
    stem="$name--$form"
    raportti build "$example" --report "$form" --format docx -o "$out/docx" >/dev/null
    cp "$out/docx/$form.docx" "$out/$stem.docx"
    soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$out/$stem.docx" >/dev/null 2>&1
    rm -f "$out/$stem"-*.png
    pdftoppm -r "$dpi" -png "$out/$stem.pdf" "$out/$stem"
    pages="$(ls "$out/$stem"-*.png | wc -l)"
    echo "$stem: $pages pages → $out/$stem-*.png"
  done
done
rm -rf "$out/docx"
