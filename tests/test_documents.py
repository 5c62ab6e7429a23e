"""The documents as a reader sees them: text, styles and properties of the real DOCX files."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest

import dossier
from conftest import ROOTS, TWENTE, docx_text, edit_spec, own_house_style


@pytest.fixture(scope="module")
def minimaal_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("min") / "minimaal"
    result = dossier.build(dossier.load(ROOTS / "minimaal"), out, formats=("docx",))
    assert not result.errors
    return out


@pytest.fixture(scope="module")
def twente_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("twente") / "twente-2025"
    result = dossier.build(dossier.load(TWENTE), out, formats=("docx",))
    assert not result.errors, result.errors
    return out


def test_every_document_opens_and_has_no_generated_looking_text(minimaal_docs: Path) -> None:
    files = sorted(minimaal_docs.rglob("*.docx"))
    assert len(files) == 8
    for path in files:
        text = docx_text(path)
        assert "None" not in text, path
        assert "{{" not in text and "{%" not in text, path
        assert "**" not in text, path
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), path
        # no 1234.5 style amounts (a paragraph number opening a heading, '3.3.1 Begeleiding', is no amount)
        # nor is a paragraph the text cites ('zoals beschreven in paragraaf 2.3.1.')
        amounts = re.sub(r"(?m)^\d+(\.\d+)+ ", "", text.replace("0.1", ""))
        amounts = re.sub(r"\b(?:paragraaf|de paragrafen) \d+(?:\.\d+)+(?:(?:, | en )\d+(?:\.\d+)+)*", "", amounts)
        assert not re.search(r"\d\.\d{1,2}\b(?! )", amounts), path


def test_amounts_dates_and_lists_are_dutch(minimaal_docs: Path) -> None:
    text = docx_text(minimaal_docs / "bestek" / "ambulant.docx")
    assert "€\xa01.234,50" in text
    assert "1 januari 2026" in text
    assert "april\xa02025 – juni\xa02025" in text  # a date in a range never wraps inside
    assert "Toelatingsprocedure met voorwaarden" in text


def test_bestek_uses_real_word_styles_and_marks_header_rows(minimaal_docs: Path) -> None:
    d = docx.Document(str(minimaal_docs / "bestek" / "ambulant.docx"))
    styles = {p.style.name for p in d.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet"} <= styles
    headers = [t for t in d.tables if t.rows[0]._tr.trPr is not None
               and t.rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None]
    assert len(headers) >= 4
    xml = zipfile.ZipFile(minimaal_docs / "bestek" / "ambulant.docx").read("word/document.xml").decode()
    assert 'TOC \\o "1-3"' in xml
    section = d.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7


def test_core_properties_and_concept_mark(minimaal_docs: Path) -> None:
    d = docx.Document(str(minimaal_docs / "bestek" / "ambulant.docx"))
    props = d.core_properties
    assert props.title == "Bestek Ambulant"
    assert props.author == "Serviceorganisatie Jeugd Proefregio"
    assert props.language == "nl-NL"
    header = d.sections[0].header._element.xml  # a diagonal watermark (issue 13), not header text
    assert 'string="CONCEPT"' in header and "rotation:315" in header
    styles = zipfile.ZipFile(minimaal_docs / "bestek" / "ambulant.docx").read("word/styles.xml").decode()
    assert 'w:lang w:val="nl-NL"' in styles


def test_begrippen_lists_only_terms_used(minimaal_docs: Path) -> None:
    text = docx_text(minimaal_docs / "bestek" / "ambulant.docx")
    assert "Een organisatie of zelfstandige die jeugdhulp levert." in text  # 'aanbieder' is used
    assert "Een vast bedrag voor een taak" not in text  # 'lumpsum' is not


def test_raadsbrief_has_its_own_municipality(minimaal_docs: Path) -> None:
    almelo = docx_text(minimaal_docs / "raadsbrief" / "almelo.docx")
    assert "Geachte leden van de raad," in almelo
    assert "Begeleiding (segment Ambulant) wordt voor Almelo niet regionaal ingekocht." in almelo
    assert "M.M. van 't Veld" in almelo and "J. Dijkstra" in almelo
    assert "Bladnummer" in almelo and "Zaaknummer 2025-0001" in almelo
    assert "Integrale bestuurlijke samenvatting" in almelo  # bijlage
    hengelo = docx_text(minimaal_docs / "raadsbrief" / "hengelo.docx")
    assert "niet regionaal ingekocht" not in hengelo
    assert "S.W.J.G. Schelberg" in hengelo and "M.M. van 't Veld" not in hengelo


def test_gunningsbeslissing_compares_with_winner_and_computes_standstill(minimaal_docs: Path) -> None:
    text = docx_text(minimaal_docs / "besluit" / "taalkracht.docx")
    assert "Gunningsbeslissing" in text
    assert "niet gegund" in text
    assert "Lettersprong Dyslexiezorg" in text
    assert "Kwaliteit van de behandeling" in text
    assert "uw inschrijving 65 punten; de winnende inschrijving 85 punten" in text
    # sent 12 June 2025 + 20 calendar days
    assert "eindigt op 2 juli 2025" in text
    assert "sterke samenwerking" in text  # kenmerken van de winnende inschrijving


def test_toelatingsbesluit_has_no_standstill(minimaal_docs: Path) -> None:
    text = docx_text(minimaal_docs / "besluit" / "de-horst.docx")
    assert "Toelatingsbesluit" in text and "toegelaten" in text
    assert "KIT-I-01 Bibob-toets" in text
    assert "Opschortende termijn" not in text and "kalenderdagen" not in text


def test_standstill_end_crosses_month_and_year() -> None:
    from datetime import date

    from dossier.context.besluit import standstill_einde
    from dossier.spec.model import Besluit

    b = Besluit(aanbieder="x", kenmerk="k", verzonden=date(2024, 12, 20),
                uitkomsten=[{"deelsegment": "d", "uitkomst": "gegund"}])
    assert standstill_einde(b, 20) == date(2025, 1, 9)
    b = Besluit(aanbieder="x", kenmerk="k", verzonden=date(2024, 9, 27),
                uitkomsten=[{"deelsegment": "d", "uitkomst": "gegund"}])
    assert standstill_einde(b, 20) == date(2024, 10, 17)


def test_hostile_text_appears_literally(minimaal: Path, tmp_path: Path) -> None:
    hostile = 'Zorg & Co <b>vet</b> "aanhalingstekens" {{ x }} {% if y %} ✓ €'  # emoji are refused: the PDF fonts cannot show them
    path = minimaal / "segmenten" / "ambulant.yaml"
    edit_spec(path, "naam: Begeleiding", f"naam: '{hostile}'")
    edit_spec(path, "toegang: De toegang loopt via het lokale team.", f"toegang: '{hostile}'")
    out = tmp_path / "out"
    result = dossier.build(dossier.load(minimaal), out, formats=("docx",), only=("bestek",))
    assert not result.errors
    body = docx_text(out / "bestek" / "ambulant.docx")
    assert body.count(hostile) >= 2


# --- the example dossier ------------------------------------------------------------------------

def test_twente_builds_every_document(twente_docs: Path) -> None:
    d = dossier.load(TWENTE)
    assert len(list((twente_docs / "bestek").glob("*.docx"))) == 5
    assert len(list((twente_docs / "samenvatting").glob("*.docx"))) == 1
    assert len(list((twente_docs / "raadsbrief").glob("*.docx"))) == 14
    assert len(list((twente_docs / "besluit").glob("*.docx"))) == len(d.besluiten.besluiten)
    for path in twente_docs.rglob("*.docx"):
        text = docx_text(path)
        assert "None" not in text and "{{" not in text and "**" not in text, path
        assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), path


def test_twente_content(twente_docs: Path) -> None:
    ambulant = docx_text(twente_docs / "bestek" / "ambulant.docx")
    assert "Ernstige Dyslexie" in ambulant
    assert "Toelatingsprocedure met voorwaarden" in ambulant
    assert "Bereikbaarheid JGGZ" in docx_text(twente_docs / "bestek" / "crisishulp.docx")
    almelo = docx_text(twente_docs / "raadsbrief" / "almelo.docx")
    assert "M.M. van 't Veld" in almelo
    assert "Begeleiding (segment Ambulant) wordt voor Almelo niet regionaal ingekocht." in almelo
    hengelo = docx_text(twente_docs / "raadsbrief" / "hengelo.docx")
    assert "Hengelo neemt beperkt deel aan Begeleiding" in hengelo
    samenvatting = docx_text(twente_docs / "samenvatting" / "dossier.docx")
    assert "13 gemeenten (Almelo niet, Hengelo beperkt)" in samenvatting


def _png(path: Path) -> None:
    """A small valid PNG (a blue square), written without an imaging library."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\x1f\x4e\x79" * 16 for _ in range(16))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _all_paragraphs(d: Any) -> list[Any]:
    """Body paragraphs and those in table cells (a letter's letterhead is in its first-page layout table)."""
    cells = [p for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return [*d.paragraphs, *cells]


def test_municipality_letterhead_with_logo_and_colour(minimaal: Path, tmp_path: Path) -> None:
    (minimaal / "huisstijl").mkdir()
    _png(minimaal / "huisstijl" / "almelo.png")
    gemeenten = minimaal / "gemeenten.yaml"
    edit_spec(gemeenten, '    zaaknummer: "2025-0001"\n',
              '    zaaknummer: "2025-0001"\n    huisstijl:\n      logo: huisstijl/almelo.png\n      kleur: "#8B0000"\n')
    out = tmp_path / "out"
    result = dossier.build(dossier.load(minimaal), out, formats=("docx",), only=("raadsbrief",))
    assert not result.errors, result.errors
    almelo = out / "raadsbrief" / "almelo.docx"
    with zipfile.ZipFile(almelo) as z:
        assert [n for n in z.namelist() if n.startswith("word/media/")]
        xml = z.read("word/document.xml").decode()
    assert 'descr="Logo gemeente Almelo"' in xml  # a text alternative for the image
    d = docx.Document(str(almelo))
    head = next(r for p in _all_paragraphs(d) for r in p.runs if r.text == "Gemeente Almelo")
    assert str(head.font.color.rgb) == "8B0000"
    hengelo = docx.Document(str(out / "raadsbrief" / "hengelo.docx"))  # the region's default letterhead
    head = next(r for p in _all_paragraphs(hengelo) for r in p.runs if r.text == "Gemeente Hengelo")
    assert str(head.font.color.rgb) == "1F4E79"
    with zipfile.ZipFile(out / "raadsbrief" / "hengelo.docx") as z:
        assert not [n for n in z.namelist() if n.startswith("word/media/")]


def test_a_template_edited_between_two_builds_in_one_process_rebuilds(tmp_path: Path, minimaal: Path) -> None:
    """`dossier watch` builds many times in one process: an edited template must not hide behind a cache."""
    templates = own_house_style(minimaal)
    model = dossier.load(minimaal)
    out = tmp_path / "out"
    assert len(dossier.build(model, out, formats=("docx",)).built) == 8
    template = templates / "besluit.docx"
    with zipfile.ZipFile(template) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    with zipfile.ZipFile(template, "w", zipfile.ZIP_STORED) as z:  # same content, other bytes
        for name, blob in parts.items():
            z.writestr(name, blob)
    lines: list[str] = []
    result = dossier.build(model, out, formats=("docx",), report=lines.append)
    assert sorted(result.built) == ["besluit/de-horst", "besluit/lettersprong", "besluit/taalkracht"]
    assert "bouw besluit/taalkracht: sjabloon besluit.docx gewijzigd" in lines


def test_wording_of_headings_and_exceptions(twente_docs: Path) -> None:
    """A deelsegment named like its segment is not repeated ('Advies en expertise (Advies en expertise)'), and a
    council letter with one exception says so in the singular, with a colon before it."""
    besluiten = "\n".join(docx_text(p) for p in sorted((twente_docs / "besluit").glob("*.docx")))
    assert "Advies en expertise (Advies en expertise)" not in besluiten
    assert re.search(r"^Advies en expertise: (gegund|niet gegund|toegelaten|afgewezen)$", besluiten, flags=re.M)
    letters = {p.stem: docx_text(p) for p in sorted((twente_docs / "raadsbrief").glob("*.docx"))}
    assert not any("uitzonderingen." in text for text in letters.values())
    singular = [k for k, text in letters.items() if "met de volgende uitzondering:" in text]
    plural = [k for k, text in letters.items() if "met de volgende uitzonderingen:" in text]
    assert singular or plural
    for key in singular:
        assert letters[key].count("niet regionaal ingekocht") + letters[key].count("neemt beperkt deel") == 1
