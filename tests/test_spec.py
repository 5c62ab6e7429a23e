"""The spec format: the example dossier loads with everything seed 003 lists; schemas and the
reference are generated from the models and committed up to date."""

from __future__ import annotations

import json
from pathlib import Path

import dossier
from conftest import REPO, TWENTE, load_yaml, run_cli
from dossier.spec.types import Deelnamesoort, InkoopvormSoort


def test_example_dossier_is_valid() -> None:
    result = run_cli("validate", str(TWENTE))
    assert result.returncode == 0, result.stderr
    assert "geldig" in result.stdout


def test_example_dossier_has_what_seed_003_lists() -> None:
    d = dossier.load(TWENTE)
    assert [d.segmenten[k].naam for k in d.spec.segmenten] == [
        "Ambulant", "Advies en expertise", "Crisishulp", "Wonen", "Verblijf"]
    names = {ds.naam for _, ds in d.deelsegmenten()}
    for expected in ["Begeleiding", "Behandeling", "Ernstige Dyslexie",
                     "Medicatiecontrole exclusief medische comorbiditeit", "Coördinatie en Triage",
                     "Crisisinterventie", "Pleegzorg", "Gezinshuis", "Woongroepen", "Behandelgroep",
                     "JeugdZorgPlus (JZ+)", "Deeltijdverblijf/logeren"]:
        assert expected in names, expected
    verbijzonderingen = {v.naam for _, ds in d.deelsegmenten() for v in ds.verbijzonderingen}
    assert {"Coördinatie spoedhulp", "Bereikbaarheid JGGZ", "Crisispleegzorg"} <= verbijzonderingen
    assert [g.naam for g in d.gemeenten.values()] == [
        "Almelo", "Borne", "Dinkelland", "Enschede", "Haaksbergen", "Hellendoorn", "Hengelo",
        "Hof van Twente", "Losser", "Oldenzaal", "Rijssen-Holten", "Tubbergen", "Twenterand", "Wierden"]
    _, begeleiding = d.deelsegment(next(ds.id for _, ds in d.deelsegmenten() if ds.naam == "Begeleiding"))
    exceptions = {p.key: p.deelname for p in d.deelnemers(begeleiding) if p.deelname}
    assert exceptions == {"almelo": Deelnamesoort.NIET, "hengelo": Deelnamesoort.BEPERKT}
    assert begeleiding.inkoopvorm.wordt is InkoopvormSoort.TOELATINGSPROCEDURE
    assert d.gemeenten["almelo"].burgemeester == "M.M. van 't Veld"
    assert any(e.alle_aanbieders and "Bibob" in e.titel for e in d.kit.eisen)


def test_json_output_for_ci() -> None:
    result = run_cli("validate", str(TWENTE), "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout)[0]["valid"] is True


def test_schemas_and_reference_are_up_to_date(tmp_path: Path) -> None:
    result = run_cli("schema", "--out", str(tmp_path / "schemas"), "--docs", str(tmp_path / "spec-format.md"))
    assert result.returncode == 0, result.stderr
    for path in sorted((tmp_path / "schemas").iterdir()):
        assert path.read_text() == (REPO / "schemas" / path.name).read_text(), f"{path.name}: draai 'dossier schema'"
    assert (tmp_path / "spec-format.md").read_text() == (REPO / "docs" / "spec-format.md").read_text()


def test_example_specs_point_editors_to_the_schema() -> None:
    for path in TWENTE.rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.exists(), f"{path}: {target}"


def test_example_specs_pass_their_json_schema() -> None:
    """What the editor checks (VS Code via the schema line) agrees with what validation accepts."""
    import datetime

    import jsonschema

    def plain(value):  # type: ignore[no-untyped-def]
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    for spec in (TWENTE, REPO / "specs" / "zhz-2022"):
        for path in sorted(spec.rglob("*.yaml")):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            schema = json.loads((path.parent / first.split("=", 1)[1]).read_text())
            data = plain(load_yaml(path))
            errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
            assert not errors, f"{path.relative_to(REPO)}: {errors[:3]}"


def test_pdf_dates_before_year_1000_have_four_digits(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A PDF date is D:YYYYMMDD…: the year 999 is written 0999 (strftime's %Y wrote '999')."""
    import pikepdf

    from dossier.pdf.normalize import normalize_pdf

    path = tmp_path / "a.pdf"
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.save(path)
    normalize_pdf(path, date="0999-03-04T05:06:07Z")
    with pikepdf.open(path) as done:
        assert str(done.docinfo["/CreationDate"]) == "D:09990304050607Z"
        with done.open_metadata() as meta:
            assert meta["xmp:CreateDate"] == "0999-03-04T05:06:07Z"
