"""The build engine with a real LibreOffice: PDF/A, bundles, reproducible and incremental builds."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from conftest import TWENTE, edit_spec, needs_soffice, pdf_text, run_cli, tree_hashes

pytestmark = needs_soffice


def pdftext(path: Path) -> str:
    """The PDF's text with whitespace collapsed (table cells wrap words onto new lines)."""
    return " ".join(pdf_text(path).split())


@pytest.fixture(scope="module")
def twente_build(example_builds: Path, example_build_stdout: str) -> tuple[Path, str]:
    """The example dossier built from scratch (once for the session, conftest.example_builds) and the
    summary line that build printed for it."""
    line = next(line for line in example_build_stdout.splitlines() if line.startswith(f"{TWENTE}:"))
    return example_builds / "twente-2025", line


def test_summary_line_and_outputs(twente_build) -> None:  # type: ignore[no-untyped-def]
    out, summary = twente_build
    assert re.search(r"\d+ documenten: \d+ gebouwd, 0 ongewijzigd, 0 fouten in [\d,]+ s", summary)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["format"] == 1
    kinds = [o["kind"] for o in manifest["outputs"]]
    assert kinds.count("bestek") == 5 and kinds.count("raadsbrief") == 14 and kinds.count("bundel") == 6 + 14  # per segment, and per council
    for item in manifest["outputs"]:
        for rel, sha in item["files"].items():
            assert hashlib.sha256((out / rel).read_bytes()).hexdigest() == sha


def test_every_pdf_is_tagged_pdfa_with_fonts_and_language(twente_build) -> None:  # type: ignore[no-untyped-def]
    out, _ = twente_build
    pdfs = sorted(out.rglob("*.pdf"))
    assert len(pdfs) >= 20
    for path in pdfs:
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Tagged:\s+yes", info, re.M), path
        assert re.search(r"^Title:\s+\S", info, re.M), path
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        rows = fonts.splitlines()[2:]
        assert rows and all(" yes " in row.split("  ", 1)[1] or row.split()[-5] == "yes" for row in rows), path
        assert all(row.split()[-5] == "yes" for row in rows), fonts
        assert subprocess.run(["qpdf", "--check", str(path)], capture_output=True).returncode == 0, path
        with pikepdf.open(path) as pdf:
            assert str(pdf.Root.Lang) == "nl-NL", path
            meta = pdf.open_metadata()
            assert meta.get("pdfaid:part") == "2", path
            assert bool(pdf.Root.MarkInfo.Marked), path


def test_pdf_text_and_table_of_contents(twente_build) -> None:  # type: ignore[no-untyped-def]
    out, _ = twente_build
    ambulant = pdftext(out / "bestek" / "ambulant.pdf")
    assert "Ernstige Dyslexie" in ambulant and "Toelatingsprocedure met voorwaarden" in ambulant
    assert "Right-click" not in ambulant and "wordt bijgewerkt" not in ambulant
    assert re.search(r"Bekostiging\.{5,} ?\d+", ambulant)  # a filled table of contents
    almelo = pdftext(out / "raadsbrief" / "almelo.pdf")
    assert "niet regionaal ingekocht" in almelo and "Bladnummer" in almelo


def test_bundles_keep_structure_and_have_bookmarks(twente_build) -> None:  # type: ignore[no-untyped-def]
    out, _ = twente_build
    with pikepdf.open(out / "bundels" / "raad.pdf") as pdf:
        titles = [item.title for item in pdf.open_outline().root]
        assert len(titles) == 15  # samenvatting + 14 raadsbrieven
        assert titles[0] == "Integrale bestuurlijke samenvatting"
        assert "/StructTreeRoot" in pdf.Root and "/PageLabels" in pdf.Root
    text = pdftext(out / "bundels" / "segment-wonen.pdf")
    assert "Bestek Wonen" in text and "Integrale bestuurlijke samenvatting" in text


def test_two_builds_are_byte_identical(twente_build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out, _ = twente_build
    result = run_cli("build", str(TWENTE), "--out", str(tmp_path), "--quiet")
    assert result.returncode == 0, result.stderr
    assert tree_hashes(out, hidden=False) == tree_hashes(tmp_path / "twente-2025", hidden=False)


def test_incremental_rebuild_says_why(minimaal: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_cli("build", str(minimaal), "--out", str(out), "--quiet")
    assert first.returncode == 0, first.stderr
    assert "8 documenten: 8 gebouwd, 0 ongewijzigd, 0 fouten" in first.stdout

    again = run_cli("build", str(minimaal), "--out", str(out), "--quiet")
    assert "8 documenten: 0 gebouwd, 8 ongewijzigd, 0 fouten" in again.stdout

    segment = minimaal / "segmenten" / "ambulant.yaml"
    edit_spec(segment, "bedrag: 1234.5", "bedrag: 1250.75")
    changed = run_cli("build", str(minimaal), "--out", str(out))  # not a terminal: a line per document
    assert "bouw bestek/ambulant: segmenten/ambulant.yaml gewijzigd" in changed.stdout
    assert "8 documenten: 1 gebouwd, 7 ongewijzigd, 0 fouten" in changed.stdout
    assert "bundel bundel/segment-ambulant" in changed.stdout
    assert "bundel/raad" not in changed.stdout  # the tariff is not in the council documents
    assert "€ 1.250,75" in pdftext(out / "minimaal" / "bestek" / "ambulant.pdf")

    gemeenten = minimaal / "gemeenten.yaml"
    edit_spec(gemeenten, 'telefoon: "14 0546"', 'telefoon: "14 0547"')
    letter = run_cli("build", str(minimaal), "--out", str(out))
    assert "bouw raadsbrief/almelo: gemeenten.yaml gewijzigd" in letter.stdout
    assert "1 gebouwd, 7 ongewijzigd" in letter.stdout

    edit_spec(gemeenten, 'telefoon: "14 0547"', 'telefoon: "14 0548"')
    quiet = run_cli("build", str(minimaal), "--out", str(out), "--quiet")  # --quiet: less, never more
    assert quiet.stdout.splitlines() == [f"{minimaal}: " + quiet.stdout.split(": ", 1)[1].strip()]
    assert "1 gebouwd, 7 ongewijzigd" in quiet.stdout and "bouw " not in quiet.stdout + quiet.stderr


def test_removed_source_removes_output_and_bad_manifest_rebuilds(minimaal: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("build", str(minimaal), "--out", str(out), "--format", "docx").returncode == 0
    besluiten = minimaal / "besluiten.yaml"
    text = besluiten.read_text()
    besluiten.write_text(text[: text.index("  - aanbieder: de-horst")] + text[text.index("  - aanbieder: lettersprong"):])
    result = run_cli("build", str(minimaal), "--out", str(out), "--format", "docx")
    assert "verwijderd besluit/de-horst: de bron bestaat niet meer" in result.stdout
    assert not (out / "minimaal" / "besluit" / "de-horst.docx").exists()

    (out / "minimaal" / "manifest.json").write_text("{niet: json")
    result = run_cli("build", str(minimaal), "--out", str(out), "--format", "docx")
    assert "volledige build: manifest is onleesbaar" in result.stdout
    assert "7 documenten: 7 gebouwd" in result.stdout


def test_only_builds_the_named_document(minimaal: Path, tmp_path: Path) -> None:
    tmp_path = tmp_path / "uit"
    result = run_cli("build", str(minimaal), "--out", str(tmp_path), "--format", "docx", "--only", "raadsbrief/hengelo")
    assert result.returncode == 0
    assert sorted(p.name for p in (tmp_path / "minimaal").rglob("*.docx")) == ["hengelo.docx"]
    bad = run_cli("build", str(minimaal), "--out", str(tmp_path), "--only", "raadsbrief/utrecht")
    assert bad.returncode == 1 and "kies uit almelo, hengelo" in bad.stderr


def test_output_inside_the_spec_folder_is_refused(minimaal: Path) -> None:
    result = run_cli("build", str(minimaal), "--out", str(minimaal.parent), "--format", "docx")
    assert result.returncode == 2
    assert "de uitvoermap ligt in de dossiermap" in result.stderr
