"""`dossier check` catches a misspelt variable in a template before it becomes a blank."""

from __future__ import annotations

import zipfile
from pathlib import Path

from conftest import ROOTS, own_house_style, run_cli


def _misspell(template: Path, old: str, new: str) -> None:
    data = {}
    with zipfile.ZipFile(template) as z:
        for name in z.namelist():
            data[name] = z.read(name)
    xml = data["word/document.xml"].decode()
    assert old in xml
    data["word/document.xml"] = xml.replace(old, new, 1).encode()
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in data.items():
            z.writestr(name, blob)


def test_check_passes_on_the_shipped_templates() -> None:
    result = run_cli("check", str(ROOTS / "minimaal"))
    assert result.returncode == 0, result.stderr
    assert "bestek.docx: in orde (1 document)" in result.stdout
    assert "collegebrief.docx: in orde (1 document)" in result.stdout


def test_check_fails_on_a_misspelt_nested_field(minimaal: Path) -> None:
    templates = own_house_style(minimaal)
    _misspell(templates / "bestek.docx", "{{ ds.naam }}", "{{ ds.nam }}")
    result = run_cli("check", str(minimaal))
    assert result.returncode == 1
    assert "bestek/ambulant: sjabloon bestek.docx: veld 'nam' bestaat niet" in result.stderr


def test_check_fails_on_a_misspelt_top_level_variable(minimaal: Path) -> None:
    templates = own_house_style(minimaal)
    _misspell(templates / "besluit.docx", "{{ kenmerk }}", "{{ kenmerkk }}")
    result = run_cli("check", str(minimaal))
    assert result.returncode == 1
    assert "besluit.docx: onbekende variabele(n) kenmerkk" in result.stderr
