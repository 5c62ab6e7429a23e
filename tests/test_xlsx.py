"""`dossier export xlsx` and `dossier import xlsx`: the committee's workbook out and back, as a user
edits it (openpyxl standing in for Excel), checked with `dossier diff` and by the bytes of the YAML."""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import TWENTE, run_cli, tree_hashes


@pytest.fixture
def twente(tmp_path: Path) -> Path:
    target = tmp_path / "nieuw" / "twente-2025"
    shutil.copytree(TWENTE, target)
    return target


def export(spec: Path, tmp_path: Path) -> Path:
    out = tmp_path / "besluiten.xlsx"
    result = run_cli("export", "xlsx", str(spec), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def find(wb: Any, aanbieder: str, deelsegment: str, header: str) -> tuple[Any, int, int]:
    """(sheet, row, column) of a cell, found by the row's keys and the column's header."""
    for ws in wb.worksheets[1:]:
        headers = [c.value for c in ws[1]]
        for r in range(2, ws.max_row + 1):
            if ws.cell(row=r, column=1).value == aanbieder and ws.cell(row=r, column=2).value == deelsegment:
                column = next(i + 1 for i, h in enumerate(headers) if h == header or (h or "").endswith(f"({header})"))
                return ws, r, column
    raise AssertionError(f"{aanbieder}/{deelsegment} staat niet in het werkboek")


def edit(book: Path, changes: list[tuple[str, str, str, Any]]) -> list[str]:
    """Change cells as a committee member would; returns where they are (sheet!A1)."""
    wb = openpyxl.load_workbook(book)
    where = []
    for aanbieder, deelsegment, header, value in changes:
        ws, r, c = find(wb, aanbieder, deelsegment, header)
        ws.cell(row=r, column=c).value = value
        where.append(f"{ws.title}!{ws.cell(row=r, column=c).coordinate}")
    wb.save(book)
    return where


def test_export_is_made_for_dutch_excel(tmp_path: Path) -> None:
    book = export(TWENTE, tmp_path)
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["Toelichting", "Ambulant", "Advies en expertise", "Crisishulp", "Wonen", "Verblijf"]
    ws, r, c = find(wb, "jeugdzorg-de-horst", "advies-en-expertise", "deskundigheid")
    assert ws.freeze_panes == "C2"
    assert ws.cell(row=r, column=c).value == 30 and ws.protection.sheet
    kvk = ws.cell(row=r, column=4)
    assert kvk.value == "71846203" and kvk.number_format == "@"
    assert ws.cell(row=r, column=c).protection.locked is False and ws.cell(row=r, column=1).protection.locked
    rules = {(dv.type, dv.formula1, dv.formula2) for dv in ws.data_validations.dataValidation}
    assert ("list", '"gegund,niet-gegund"', None) in rules
    assert ("decimal", "0", "40") in rules  # deskundigheid weighs 40 points
    total = [cell.value for cell in ws[r] if isinstance(cell.value, str) and cell.value.startswith("=SUM(")]
    assert total


def test_two_scores_and_an_outcome_come_back_as_exactly_three_changes(twente: Path, tmp_path: Path) -> None:
    old = tmp_path / "oud" / "twente-2025"
    shutil.copytree(twente, old)
    book = export(twente, tmp_path)
    edit(book, [("jeugdzorg-de-horst", "advies-en-expertise", "deskundigheid", 33),
                ("dinkeldal-jeugdhulp", "crisisinterventie", "kwaliteit", 22.5),
                ("opgroeipunt-regge", "woongroepen", "Uitkomst", "toegelaten")])
    before = (twente / "besluiten.yaml").read_text(encoding="utf-8")
    result = run_cli("import", "xlsx", str(book), str(twente))
    assert result.returncode == 0, result.stderr
    assert "3 wijzigingen" in result.stdout
    after = (twente / "besluiten.yaml").read_text(encoding="utf-8")
    changed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:2] in ("- ", "+ ")]
    assert changed == ["-           deskundigheid: 30", "+           deskundigheid: 33",
                       "-           kwaliteit: 21", "+           kwaliteit: 22.5",
                       "-         uitkomst: afgewezen", "+         uitkomst: toegelaten"], changed
    assert (twente / "aanbieders.yaml").read_bytes() == (old / "aanbieders.yaml").read_bytes()
    diff = run_cli("diff", str(old), str(twente), "--format", "json")
    assert diff.returncode == 1, diff.stderr
    report = json.loads(diff.stdout)
    changes = {c["id"]: [(f["veld"], f["was"], f["wordt"]) for f in c["velden"]] for c in report["wijzigingen"]}
    assert len(changes) == 3, changes
    assert changes["besluiten/besluit:opgroeipunt-regge/uitkomst:woongroepen"] == [
        ("uitkomst", "afgewezen", "toegelaten")]
    [(veld, was, wordt)] = changes["besluiten/besluit:jeugdzorg-de-horst/uitkomst:advies-en-expertise"]
    assert veld == "scores" and "expertteam: 30;" in was and "expertteam: 33;" in wordt
    [(veld, was, wordt)] = changes["besluiten/besluit:dinkeldal-jeugdhulp/uitkomst:crisisinterventie"]
    assert veld == "scores" and "crisisinterventie: 21;" in was and "crisisinterventie: 22,5;" in wordt


def test_import_after_export_changes_no_byte(twente: Path, tmp_path: Path) -> None:
    book = export(twente, tmp_path)
    before = tree_hashes(twente)
    result = run_cli("import", "xlsx", str(book), str(twente))
    assert result.returncode == 0, result.stderr
    assert "geen wijzigingen" in result.stdout
    assert tree_hashes(twente) == before


def test_a_provider_name_goes_into_aanbieders_yaml_with_its_comments_and_mark(twente: Path, tmp_path: Path) -> None:
    book = export(twente, tmp_path)
    edit(book, [("jeugdzorg-de-horst", "begeleiding", "Naam aanbieder", "Jeugdzorg De Horst")])
    before = (twente / "aanbieders.yaml").read_text(encoding="utf-8")
    result = run_cli("import", "xlsx", str(book), str(twente))
    assert result.returncode == 0, result.stderr
    after = (twente / "aanbieders.yaml").read_text(encoding="utf-8")
    assert after == before.replace("naam: Jeugdzorg De Horst B.V.", "naam: Jeugdzorg De Horst", 1)
    assert "aanbieders: !voorbeeld" in after and after.startswith("# yaml-language-server")


def _at(where: str) -> str:
    """`Wonen!H3` as the message names it."""
    sheet, cell = where.split("!")
    column = cell.rstrip("0123456789")
    return f"besluiten.xlsx, blad '{sheet}', rij {cell[len(column):]}, kolom {column}"


def test_an_invalid_cell_is_reported_at_sheet_row_and_column_and_nothing_is_written(
        twente: Path, tmp_path: Path) -> None:
    book = export(twente, tmp_path)
    where = edit(book, [("opgroeipunt-regge", "woongroepen", "Uitkomst", "gewonnen"),
                        ("jeugdzorg-de-horst", "advies-en-expertise", "aanpak", "veel"),
                        ("jeugdzorg-de-horst", "advies-en-expertise", "samenwerking", 20)])
    before = tree_hashes(twente)
    result = run_cli("import", "xlsx", str(book), str(twente))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert f"{_at(where[0])}: Uitkomst: 'gewonnen' is geen geldige waarde. Kies uit: toegelaten, afgewezen, " \
        "gegund, niet-gegund" in lines, lines
    assert any(line.startswith(f"{_at(where[1])}: ") and "Aanpak" in line for line in lines), lines
    assert lines[-2:] == ["2 fouten in het werkboek.", "Er is niets geschreven."]
    assert tree_hashes(twente) == before


def test_a_score_above_the_weight_is_refused_by_the_same_rule_as_in_yaml(twente: Path, tmp_path: Path) -> None:
    book = export(twente, tmp_path)
    where = edit(book, [("jeugdzorg-de-horst", "advies-en-expertise", "deskundigheid", 99)])
    before = tree_hashes(twente)
    result = run_cli("import", "xlsx", str(book), str(twente))
    assert result.returncode == 1
    line = result.stderr.splitlines()[0]
    assert line.startswith(f"{_at(where[0])}: Deskundigheid"), line
    assert "99" in line and "40" in line
    assert tree_hashes(twente) == before


@pytest.mark.skipif("inschrijfprijs" not in __import__("dossier.spec.model", fromlist=["x"]).Uitkomst.model_fields,
                    reason="het specificatiemodel heeft (nog) geen inschrijfprijzen")
def test_bid_prices_are_euro_numbers_and_come_back(twente: Path, tmp_path: Path) -> None:
    from dossier.export.xlsx import BID, EURO

    book = export(twente, tmp_path)
    wb = openpyxl.load_workbook(book)
    found = None
    for ws in wb.worksheets[1:]:
        headers = [c.value for c in ws[1]]
        if BID not in headers:
            continue
        column = headers.index(BID) + 1
        for r in range(2, ws.max_row + 1):
            if not ws.cell(row=r, column=column).protection.locked:  # a tendered deelsegment
                found = (ws, r, column)
                break
        if found:
            break
    assert found, "geen inschrijfprijs in het werkboek"
    ws, r, column = found
    assert ws.cell(row=r, column=column).number_format == EURO
    ws.cell(row=r, column=column).value = 123456.78
    wb.save(book)
    result = run_cli("import", "xlsx", str(book), str(twente))
    assert result.returncode == 0, result.stderr
    assert "inschrijfprijs: 123456.78" in (twente / "besluiten.yaml").read_text(encoding="utf-8")
