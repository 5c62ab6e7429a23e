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


def test_example_specs_pass_their_json_schema(tmp_path: Path) -> None:
    """What the editor checks (VS Code via the schema line) agrees with what validation accepts: the
    example dossiers and a new one from `dossier init` pass the schemas their first line names."""
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

    assert run_cli("init", "nieuw", cwd=tmp_path, timeout=120).returncode == 0
    for spec in (TWENTE, REPO / "specs" / "zhz-2022", tmp_path / "specs" / "nieuw"):
        files = sorted(spec.rglob("*.yaml"))
        assert len(files) >= 8, spec
        for path in files:
            first = path.read_text(encoding="utf-8").splitlines()[0]
            schema = json.loads((path.parent / first.split("=", 1)[1]).read_text())
            data = plain(load_yaml(path))
            errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
            assert not errors, f"{path}: {errors[:3]}"


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


_ENGLISH = {"the", "and", "which", "with", "for", "when", "must", "should", "this", "that", "from",
            "are", "or", "to", "an", "be", "not", "if", "each", "where", "its", "their"}


def _schemas() -> dict[str, dict]:  # type: ignore[type-arg]
    return {p.name: json.loads(p.read_text()) for p in sorted((REPO / "schemas").glob("*.schema.json"))}


def test_every_schema_property_has_a_dutch_title_and_description() -> None:
    """What an editor shows on hover and in completion: a readable Dutch title ('Looptijd (maanden)', not
    pydantic's 'Looptijd Maanden') and a Dutch description, for every property of every file; the
    objects and code lists say in Dutch what they are (no common English word outside quotes)."""
    import re

    problems = []
    for name, schema in _schemas().items():
        objects = [("", schema), *schema.get("$defs", {}).items()]
        for def_name, obj in objects:
            if def_name and not obj.get("description"):
                problems.append(f"{name} {def_name}: no description")
            for prop, sub in obj.get("properties", {}).items():
                where = f"{name} {def_name or '(top)'}.{prop}"
                title, description = sub.get("title", ""), sub.get("description", "")
                if not title and "$ref" in sub:  # pydantic leaves out a title equal to the referenced one
                    title = schema["$defs"][sub["$ref"].rsplit("/", 1)[1]].get("title", "")
                if not title or title == prop:
                    problems.append(f"{where}: no title")
                elif "_" in prop and title == prop.replace("_", " ").title():
                    problems.append(f"{where}: title '{title}' is the field name title-cased")
                if len(description.split()) < 2:
                    problems.append(f"{where}: no description")
        for def_name, obj in objects:
            texts = [obj.get("description", "")] + [p.get("description", "") + " " + p.get("title", "")
                                                   for p in obj.get("properties", {}).values()]
            for text in texts:
                words = re.findall(r"\w+", re.sub(r"'[^']*'|`[^`]*`", "", text).lower())
                english = set(words) & _ENGLISH
                if english:
                    problems.append(f"{name} {def_name or '(top)'}: English words {sorted(english)} in '{text}'")
    assert not problems, "\n".join(problems)


def test_amounts_in_the_schema_are_refused_as_validate_refuses_them() -> None:
    """An editor checks a `bedrag` with the schema: text like '€ 186,50' is refused there, as `dossier
    validate` refuses it, and what validate reads as an amount the schema accepts."""
    import jsonschema
    from pydantic import TypeAdapter, ValidationError

    from dossier.spec.types import Bedrag

    tarief = _schemas()["segment.schema.json"]["$defs"]["Tarief"]["properties"]["bedrag"]
    bid = _schemas()["besluiten.schema.json"]["$defs"]["Uitkomst"]["properties"]["inschrijfprijs"]
    validate = TypeAdapter(Bedrag).validate_python
    for schema in (tarief, bid):
        checker = jsonschema.Draft202012Validator(schema)
        for wrong in ["€ 186,50", "186,5O", "186,50", "1.234,56", "186.505", "-5", "EUR 186.50", "186.50 euro",
                      "", "abc", -1, 1e11]:
            assert not checker.is_valid(wrong), wrong
            try:
                validate(wrong)
            except ValidationError:
                pass
            else:
                raise AssertionError(f"validate accepts {wrong!r}, the schema refuses it")
        for right in ["186.50", "186.5", "186", "0.99", "1234567890.12", 186.5, 186, 0]:
            assert checker.is_valid(right), right
            validate(right)


def test_every_rule_is_stated_in_dutch_in_the_reference() -> None:
    """docs/spec-format.md lists the rules of `dossier validate` in Dutch; a new or changed rule (its English
    summary in rules.py) needs its Dutch text in reference.RULES_NL, or the reference would show English."""
    from dossier.spec import rules
    from dossier.spec.reference import RULES_NL, rule_digest

    for rule in rules.RULES:
        assert rule.__name__ in RULES_NL, f"rule {rule.__name__}: add its Dutch text to reference.RULES_NL"
        assert RULES_NL[rule.__name__][1] == rule_digest(rule), (
            f"rule {rule.__name__} changed: bring its Dutch text in reference.RULES_NL up to date and set the digest "
            f"to {rule_digest(rule)}")
    assert set(RULES_NL) == {rule.__name__ for rule in rules.RULES}, "reference.RULES_NL names a rule that is gone"
