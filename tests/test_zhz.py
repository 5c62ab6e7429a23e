"""The second example dossier, Zuid-Holland Zuid: one letter to all colleges (seed 004), no raadsbrief."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, docx_text, run_cli

ZHZ = REPO / "specs" / "zhz-2022"


@pytest.fixture(scope="module")
def zhz_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("zhz")
    result = run_cli("build", str(ZHZ), "--out", str(out), "--format", "docx", "--quiet", timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 fouten" in result.stdout
    return out / "zhz-2022"


def test_validates() -> None:
    result = run_cli("validate", str(ZHZ), timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("geldig")


def test_collegebrief_reads_like_seed_004(zhz_out: Path) -> None:
    letters = sorted((zhz_out / "collegebrief").glob("*.docx"))
    assert [p.name for p in letters] == ["vastgesteld-inkoopkader.docx"]
    text = docx_text(letters[0])
    for expected in (
        "Aan de colleges van burgemeester en wethouders",
        "van de 10 gemeenten in Zuid-Holland Zuid",
        "UIT/2004501",
        "17 december 2020",
        "Vastgesteld inkoopkader jeugdhulp 2022 e.v.",
        "Serviceorganisatie Jeugd ZHZ",
        "Geachte leden van het college,",
        "Kern van de zaak",
        "Toelichting kern van de zaak",
        "Lokaal waar het kan, regionaal waar nodig",
        "Vervolg",
        "Met vriendelijke groet,",
        "Het dagelijks bestuur van de Dienst Gezondheid & Jeugd.",
        "C. Vermeer",
        "H. van der Linden",
    ):
        assert expected in text, expected
    assert "Geachte leden van de raad" not in text


def test_no_raadsbrief(zhz_out: Path) -> None:
    assert not (zhz_out / "raadsbrief").exists()
    assert not list(zhz_out.rglob("*raadsbrief*"))
