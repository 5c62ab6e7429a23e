#!/usr/bin/env bash
# Set up this project on a fresh Debian machine and run one of its jobs.
#   bash scripts/dev.sh build   → install what is missing, build specs/ into output/
#   bash scripts/dev.sh test    → install what is missing, run the test suite
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v soffice >/dev/null || need_apt+=(libreoffice-writer-nogui)
/usr/bin/python3 -c 'import uno' 2>/dev/null || need_apt+=(python3-uno)
fc-list 2>/dev/null | grep -q LiberationSans || need_apt+=(fonts-liberation)
command -v pdfinfo >/dev/null || need_apt+=(poppler-utils)
command -v qpdf >/dev/null || need_apt+=(qpdf)
# the tests open the CSV export in LibreOffice Calc, as a spreadsheet user would
if [ "${1:-build}" = test ] && ! ls /usr/lib/libreoffice/program/libsclo.so >/dev/null 2>&1; then
  need_apt+=(libreoffice-calc-nogui)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installeren: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -c constraints.txt -e '.[test]'

case "${1:-build}" in
  build) shift || true; .venv/bin/dossier validate "$@" && .venv/bin/dossier build --quiet "$@" ;;
  test)  shift || true; .venv/bin/python -m pytest "$@" ;;
  *) echo "gebruik: bash scripts/dev.sh build|test" >&2; exit 2 ;;
esac
