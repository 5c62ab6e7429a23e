"""Issue 12, items 6 to 9: the samenvatting holds seed 003's chapters with their reasons and outcomes, the
Nota van Inlichtingen cites document and paragraph and states each change, the wording reads as one
document, and the example dossier makes legal sense. Read from the generated PDFs and DOCX files."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from conftest import REPO, TWENTE, needs_soffice, run_cli
from conftest import pdf_text as reading_text

ZHZ = REPO / "specs" / "zhz-2022"


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    return re.sub(r"[ \t]+", " ", text)


def flat(text: str) -> str:
    """The words in reading order, line breaks as spaces (a phrase may wrap)."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def twente(example_builds: Path) -> Path:
    """The example dossier as built once for the session (the samenvatting, the nota and the bestekken are
    read)."""
    return example_builds / "twente-2025"


# --- 6. the samenvatting -------------------------------------------------------------------------------

@needs_soffice
def test_samenvatting_has_seed_003_chapters_on_the_four_instruments(twente: Path) -> None:
    d = docx.Document(str(twente / "samenvatting" / "dossier.docx"))
    chapters = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    for title in ("Inkoop- en contractvorm", "Bekostiging", "Leveranciersmanagement", "Toegang"):
        assert title in chapters
    # seed order: the four instruments, then participation and risks, then inkoop-effecten and vervolg
    assert chapters.index("Toegang") < chapters.index("Deelnemende gemeenten") < chapters.index("Vervolg")
    text = flat(pdf_text(twente / "samenvatting" / "dossier.pdf"))
    # §5: the aspects weighed, and what a toelatingsprocedure met voorwaarden is
    for phrase in ("Geen doorlopende inschrijving.", "Zorgdragen voor een dekkend jeugdhulplandschap.",
                   "Een beheersbaar en overzichtelijk jeugdhulplandschap.", "Toelatingsprocedure met voorwaarden.",
                   "Wanneer de toelating weer opengaat", "Aanbesteden: aantal aanbieders", "ten hoogste 3"):
        assert phrase in text, phrase
    # deelsegmenten with the same form and reasons share one row
    assert "Ambulant Begeleiding en Open house" in text
    # §6: reasons and conditions of the funding
    assert "Afwijking van het Strategisch inkoopdocument." in text
    assert "Waar de bekostiging verandert" in text and "Zekerheid van" in text
    assert "Voorwaarden bij de bekostiging" in text
    assert "Crisisverblijf" in text and "12 crisisplekken" in text
    # §7 and §8
    assert "Zakelijk partnerschap." in text and "Datagedreven werken." in text
    assert "Doorlooptijd tot start van de hulp" in text  # indicators per segment
    assert "sterke lokale teams" in text
    assert "machtiging gesloten jeugdhulp" in text  # access per segment, from the segment files


@needs_soffice
def test_samenvatting_vervolg_states_outcomes(twente: Path) -> None:
    text = pdf_text(twente / "samenvatting" / "dossier.pdf")
    vervolg = flat(text[text.index("\nVervolg\n"):])
    assert "uitgewerkt:" not in vervolg
    assert "Tariefdifferentiatie: niet ingevoerd" in vervolg
    assert "Forensische zorg: nog niet besloten" in vervolg
    assert "(eis KIT-K-06)" in vervolg


# --- 7. the Nota van Inlichtingen --------------------------------------------------------------------

@needs_soffice
def test_nota_cites_document_and_paragraph(twente: Path) -> None:
    text = pdf_text(twente / "nota" / "nota-van-inlichtingen.pdf")
    assert "Betreft: Alle bestekken, § 6.1, KIT-I-01 Bibob-toets" in text
    assert "Betreft: Bestek Ambulant, § 10.5.1, Tarieven, Begeleiding individueel" in text
    assert "Betreft: Bestek Ambulant, § 2.5, Deelnemende gemeenten" in text
    assert "Betreft: Bestek Ambulant, § 8.4, Gunning bij aanbesteden" in text  # a section in the part it names
    assert "Betreft: Alle bestekken, § 3.1, Planning" in text
    assert "begeleiding-individueel" not in text and "Vraag 3:" not in text
    # the paragraph the nota names is the one the bestek prints
    bestek = docx.Document(str(twente / "bestek" / "ambulant.docx"))
    headings = [p.text for p in bestek.paragraphs if p.style.name.startswith("Heading")]
    assert "6.1 KIT-I-01 Bibob-toets" in headings
    assert "10.5.1 Tarieven" in headings and "3.1 Planning" in headings and "2.5 Deelnemende gemeenten" in headings
    assert "8.4 Gunning bij aanbesteden" in headings


@needs_soffice
def test_nota_answer_that_changes_the_documents_gives_the_change(twente: Path) -> None:
    text = flat(pdf_text(twente / "nota" / "nota-van-inlichtingen.pdf"))
    assert text.count("Dit antwoord wijzigt de aanbestedingsstukken.") == 2
    assert text.count("Wijziging:") == 2
    assert "gewijzigd van 15 april 2024 in 22 april 2024" in text
    assert "geïndexeerd met het percentage van de OVA-index" in text
    # the standard paragraph once
    assert text.count("maakt deel uit van de aanbestedingsstukken") == 1


def test_nota_mistyped_tariff_or_deelsegment_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "twente-2025"
    shutil.copytree(TWENTE, folder)
    nota = folder / "nota-van-inlichtingen.yaml"
    text = nota.read_text(encoding="utf-8")
    nota.write_text(text.replace("betreft: begeleiding-individueel", "betreft: begeleiding-individeel"),
                    encoding="utf-8")
    result = run_cli("validate", str(folder))
    assert result.returncode == 1
    assert ("vragen[2].betreft: 'begeleiding-individeel' is geen id van een deelsegment, verbijzondering of "
            "tarief in segmenten/; bedoelde u 'begeleiding-individueel'?") in result.stderr
    # a readable place, written out, is not an id and stays as written
    nota.write_text(text.replace("betreft: begeleiding-individueel", "betreft: Bijlage 3, tarievenblad"),
                    encoding="utf-8")
    assert run_cli("validate", str(folder)).returncode == 0


# --- 8. wording ----------------------------------------------------------------------------------------

@needs_soffice
def test_bestek_wording(twente: Path, example_builds: Path) -> None:
    crisis = pdf_text(twente / "bestek" / "crisishulp.pdf")
    assert "Er wordt gegund aan ten hoogste 1 aanbieder." in flat(crisis)
    assert "1 aanbieders" not in crisis
    for name in ("ambulant", "advies-en-expertise", "crisishulp", "wonen", "verblijf"):
        text = pdf_text(twente / "bestek" / f"{name}.pdf")
        # 'pleegzorgaanbieder' is its own term, also where a table cell hyphenates it ('pleeg-|zorgaanbieder')
        assert not re.search(r"\b(zorg|jeugdhulp)aanbieder", reading_text(twente / "bestek" / f"{name}.pdf")), name
        assert "veertien" not in text, name
    zhz = pdf_text(next((example_builds / "zhz-2022" / "bestek").glob("*.pdf")))
    assert "2022 e.v. Opdrachtgever is" in flat(zhz)
    assert "e.v.." not in zhz


def test_collegebrief_signatures_side_by_side_with_room_in_every_style(tmp_path: Path) -> None:
    spec = tmp_path / "zhz-2022"
    shutil.copytree(ZHZ, spec)
    for style in ("zhz", "standaard"):
        yaml = (spec / "dossier.yaml").read_text(encoding="utf-8")
        (spec / "dossier.yaml").write_text(re.sub(r"(?m)^huisstijl: .*$", f"huisstijl: {style}", yaml),
                                           encoding="utf-8")
        out = tmp_path / f"uit-{style}"
        result = run_cli("build", str(spec), "--out", str(out), "--only", "collegebrief", "--format", "docx",
                         "--quiet")
        assert result.returncode == 0, result.stderr
        d = docx.Document(str(next((out / "zhz-2022" / "collegebrief").glob("*.docx"))))
        rows = [row for t in d.tables for row in t.rows
                if any("De secretaris" in c.text for c in row.cells) and any("De voorzitter" in c.text
                                                                             for c in row.cells)]
        assert rows, style  # one row: the signers side by side
        names = [p for c in rows[0].cells for p in c.paragraphs if p.text in ("C. Vermeer", "H. van der Linden")]
        assert len(names) == 2
        assert all(p.paragraph_format.space_before is not None and p.paragraph_format.space_before >= Pt(36)
                   for p in names), style


# --- 9. the example's legal sense ----------------------------------------------------------------------

@needs_soffice
def test_example_states_its_terms_and_closed_reopening(twente: Path) -> None:
    crisis = flat(pdf_text(twente / "bestek" / "crisishulp.pdf"))
    assert "afgesproken termijn" not in crisis
    assert "binnen 60 minuten" in crisis and "binnen 4 uur" in crisis
    assert "12 crisisplekken" in crisis
    for name in ("ambulant", "wonen", "verblijf"):
        d = docx.Document(str(twente / "bestek" / f"{name}.docx"))
        reopening, inside = [], False
        for p in d.paragraphs:
            if p.style.name.startswith("Heading"):
                inside = "Heropening van de toelating" in p.text
            elif inside:
                reopening.append(p.text)
        text = " ".join(reopening)
        assert text and "bijvoorbeeld" not in text, name
        assert "in een of meer van deze drie gevallen, en in geen ander geval" in text, name
    besluiten = (TWENTE / "besluiten.yaml").read_text(encoding="utf-8")
    unlimited = besluiten[besluiten.index("- deelsegment: ernstige-dyslexie"):besluiten.index(
        "- deelsegment: advies-en-expertise")]
    assert "elatie" not in unlimited  # no relative advantages where every bid above the threshold wins
