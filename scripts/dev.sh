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
# Dutch hyphenation patterns: LibreOffice hyphenates table cells and headings with them (nl-NL)
[ -f /usr/share/hyphen/hyph_nl_NL.dic ] || need_apt+=(hyphen-nl)
command -v pdfinfo >/dev/null || need_apt+=(poppler-utils)
command -v qpdf >/dev/null || need_apt+=(qpdf)
# the tests open the CSV export in LibreOffice Calc, as a spreadsheet user would
if [ "${1:-build}" = test ] && ! ls /usr/lib/libreoffice/program/libsclo.so >/dev/null 2>&1; then
  need_apt+=(libreoffice-calc-nogui)
fi
# the site tests run the site in a real browser: Debian's chromium, driven through its chromedriver
if [ "${1:-build}" = test ] && ! { command -v chromium && command -v chromedriver; } >/dev/null 2>&1; then
  need_apt+=(chromium chromium-driver)
fi
# the accessibility tests run veraPDF (scripts/verapdf), which needs a Java runtime and compiler
if [ "${1:-build}" = test ] && ! { command -v java && command -v javac; } >/dev/null 2>&1; then
  need_apt+=(default-jdk-headless)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installeren: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# veraPDF (the accessibility tests' validator) sets itself up on first use, about a minute of downloads and
# a compile: do that beside the Python install below instead of inside the test run;
# and so does the Open XML validator (scripts/ooxml-validator, from npm)
setups=()
if [ "${1:-build}" = test ]; then
  bash scripts/verapdf/verapdf ua1 >/tmp/dossier-verapdf-setup.log 2>&1 &
  setups+=($!)
  if command -v npm >/dev/null; then
    bash scripts/ooxml-validator/ooxml-validator >/tmp/dossier-ooxml-setup.log 2>&1 &
    setups+=($!)
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -c constraints.txt -e '.[test]'
# a failed set-up is not fatal here: the tests' own fixture tries again and reports why
for pid in ${setups[@]+"${setups[@]}"}; do
  wait "$pid" || echo "een validator instellen mislukt, zie /tmp/dossier-*-setup.log" >&2
done

# floors: the lowest versions pyproject.toml allows, each '>=' pinned, in a venv of their own: first the
# dependencies alone, with which the example dossier is built, checked and exported; then with the test
# extra's floors too, for the tests of what the oldest pydantic and pikepdf touch most (the exact Dutch
# messages of the spec corpus, the bundles). A floor that does not work fails here, not at a user's.
floors() {
  local work venv
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  venv="$work/venv"
  "$PY" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip >/dev/null
  pins() {  # the floors of [project] dependencies and of the extras named, the highest per package
    "$venv/bin/python" - "$@" <<'PYTHON'
import re, sys, tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
floors = {}
for requirement in project["dependencies"] + [r for extra in sys.argv[1:] for r in project["optional-dependencies"][extra]]:
    floor = re.match(r"^([A-Za-z0-9._-]+)\s*(?:\[[^]]*\])?\s*[^;]*?>=\s*([0-9][^,;\s]*)", requirement)
    if floor is None:
        raise SystemExit(f"no floor (>=) in {requirement!r}: every dependency declares its minimum")
    name, version = floor[1].lower(), floor[2]
    key = lambda v: tuple(int(p) for p in re.findall(r"\d+", v))
    if name not in floors or key(version) > key(floors[name]):
        floors[name] = version
print("\n".join(f"{name}=={version}" for name, version in floors.items()))
PYTHON
  }
  pins > "$work/floors.txt"
  echo "ondergrenzen uit pyproject.toml: $(tr '\n' ' ' < "$work/floors.txt")"
  "$venv/bin/python" -m pip install -q -c "$work/floors.txt" .
  "$venv/bin/dossier" validate specs/twente-2025
  "$venv/bin/dossier" build specs/twente-2025 --out "$work/output" --quiet
  "$venv/bin/dossier" check specs/twente-2025
  "$venv/bin/dossier" export csv specs/twente-2025 --out "$work/besluiten.csv"
  "$venv/bin/dossier" export ocds specs/twente-2025 --out "$work/besluiten.json" --ocid-prefix ocds-a1b2c3
  cp -r specs/twente-2025 "$work/twente-2025"
  "$venv/bin/dossier" export xlsx "$work/twente-2025" --out "$work/besluiten.xlsx"
  "$venv/bin/dossier" import xlsx "$work/besluiten.xlsx" "$work/twente-2025"
  cmp specs/twente-2025/besluiten.yaml "$work/twente-2025/besluiten.yaml"
  test -s "$work/output/twente-2025/bundels/raad.pdf"
  pins test > "$work/floors-test.txt"
  echo "met de tests: $(tr '\n' ' ' < "$work/floors-test.txt")"
  "$venv/bin/python" -m pip install -q -c "$work/floors-test.txt" '.[test]'
  # markdown before 3.11.1 parses 150 levels of '*' less deep: that case validates and builds there
  # (checked by hand), where the corpus expects it refused
  "$venv/bin/python" -m pytest -q -p no:cacheprovider tests/test_spec_cases.py tests/test_bundle.py tests/test_xlsx.py \
    -k 'not markdown-emphasis-too-deep'
}

case "${1:-build}" in
  build)  # options (--jobs 1, --only bestek) go to build; validate gets only the dossier folders
    shift || true
    folders=()
    for arg in "$@"; do [ -f "$arg/dossier.yaml" ] && folders+=("$arg"); done
    .venv/bin/dossier validate ${folders[@]+"${folders[@]}"} && .venv/bin/dossier build --quiet "$@" ;;
  # the tests on every core, a test file to one worker (its module fixtures are built once)
  test)   shift || true; .venv/bin/python -m pytest -n auto --dist loadfile "$@" ;;
  floors) floors ;;
  *) echo "gebruik: bash scripts/dev.sh build|test|floors" >&2; exit 2 ;;
esac
