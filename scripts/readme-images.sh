#!/usr/bin/env bash
# The page images the README shows (docs/img/*.png), from a build of the example dossier:
#   bash scripts/readme-images.sh [OUTPUT]     OUTPUT: a build of specs/twente-2025 (default output/twente-2025)
# The first page of the Almelo raadsbrief, of the first award letter and of the samenvatting, and the page of
# the Crisishulp bestek that holds its tariff table (found by its heading).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-output/twente-2025}
page() {  # page PDF NUMBER NAME
  pdftoppm -png -r 60 -f "$2" -l "$2" -singlefile "$1" "docs/img/$3"
}
page "$out/raadsbrief/almelo.pdf" 1 raadsbrief
page "$(ls "$out"/besluit/*.pdf | head -1)" 1 besluit
page "$out/samenvatting/dossier.pdf" 1 samenvatting
# the tariff heading in the body (the table of contents lists it too, with dots and a page number)
tarieven=$(pdftotext -layout "$out/bestek/crisishulp.pdf" - \
  | awk '/\f/ {p++} /^[0-9.]+ Tarieven$/ && !found {print p + 1; found = 1}')
page "$out/bestek/crisishulp.pdf" "$tarieven" bestek-tarieven
ls -l docs/img
