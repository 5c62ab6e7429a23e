"""`dossier diff --redline`: changed documents as Word tracked changes, checked by accepting and
rejecting every change the way Word does (rewriting the XML) and comparing with the real renderings."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import dossier
from conftest import ROOTS, needs_soffice, pdf_text, run_cli

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARTS = re.compile(r"word/(document|header\d*|footer\d*)\.xml")


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# --- accept or reject every tracked change, as Word does ------------------------------------------

def resolve(root: etree._Element, *, accept: bool) -> etree._Element:
    """Accept (or reject) every tracked change: drop deleted (inserted) content, rows and paragraph
    marks; keep the rest as plain content. A removed paragraph mark joins the paragraph to the next."""
    drop, keep = ("del", "ins") if accept else ("ins", "del")
    for tr in list(root.iter(w("tr"))):
        trpr = tr.find(w("trPr"))
        if trpr is not None and trpr.find(w(drop)) is not None:
            tr.getparent().remove(tr)
        elif trpr is not None:
            for mark in trpr.findall(w(keep)):
                trpr.remove(mark)
    for el in list(root.iter(w(drop))):
        if el.getparent() is not None and el.getparent().tag not in (w("rPr"), w("trPr")):
            el.getparent().remove(el)
    for el in list(root.iter(w(keep))):
        parent = el.getparent()
        if parent.tag in (w("rPr"), w("trPr")):
            continue
        at = parent.index(el)
        for child in list(el):
            parent.insert(at, child)
            at += 1
        parent.remove(el)
    if accept:
        for change in list(root.iter(w("pPrChange"))):
            change.getparent().remove(change)
    else:
        for el in root.iter(w("delText"), w("delInstrText")):
            el.tag = w("t") if el.tag == w("delText") else w("instrText")
        for change in list(root.iter(w("pPrChange"))):
            ppr = change.getparent()
            for child in list(ppr):
                if child.tag not in (w("rPr"), w("sectPr")):
                    ppr.remove(child)
            for child in reversed(list(change.find(w("pPr")))):
                ppr.insert(0, child)
    for p in list(root.iter(w("p"))):
        rpr = p.find(f"{w('pPr')}/{w('rPr')}")
        if rpr is None or rpr.find(w(drop)) is None:
            continue
        content = [c for c in p if c.tag != w("pPr")]
        nxt = p.getnext()
        if content and nxt is not None and nxt.tag == w("p"):
            at = 1 if nxt.find(w("pPr")) is not None else 0
            for child in content:
                nxt.insert(at, child)
                at += 1
            p.getparent().remove(p)
        elif not content and not (p.getparent().tag == w("tc") and len(p.getparent().findall(w("p"))) == 1):
            p.getparent().remove(p)
    for rpr in root.iter(w("rPr")):
        for mark in rpr.findall(w(keep)):
            rpr.remove(mark)
    return root


def paragraphs(root: etree._Element) -> list[str]:
    """Every paragraph's text in order (tables cell by cell)."""
    return ["".join(el.text or "" if el.tag in (w("t"), w("delText")) else "\t"
                    for el in p.iter(w("t"), w("delText"), w("tab"))) for p in root.iter(w("p"))]


def parts(data: bytes) -> dict[str, etree._Element]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return {n: etree.fromstring(z.read(n)) for n in z.namelist() if PARTS.fullmatch(n)}


def text_after(data: bytes, *, accept: bool) -> dict[str, list[str]]:
    return {n: paragraphs(resolve(root, accept=accept)) for n, root in parts(data).items()}


def text_of(data: bytes) -> dict[str, list[str]]:
    return {n: paragraphs(root) for n, root in parts(data).items()}


# --- two versions of the minimal dossier ---------------------------------------------------------

@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Old and new of the minimal dossier, both built (DOCX) the normal way, and the redlines."""
    base = tmp_path_factory.mktemp("redline")
    old = ROOTS / "minimaal"
    new = base / "nieuw" / "minimaal"
    shutil.copytree(old, new)
    seg = new / "segmenten" / "ambulant.yaml"
    text = seg.read_text(encoding="utf-8")
    # a changed cell (amount), an added row (tariff), a changed sentence, a changed exception
    text = text.replace(
        "        - {id: begeleiding-uur, omschrijving: Begeleiding individueel, bedrag: 1234.5, eenheid: uur, ingangsdatum: 2026-01-01}\n",
        "        - {id: begeleiding-uur, omschrijving: Begeleiding individueel, bedrag: 1250, eenheid: uur, ingangsdatum: 2026-01-01}\n"
        "        - {id: begeleiding-groep, omschrijving: Begeleiding in een groep, bedrag: 54.6, eenheid: dagdeel, ingangsdatum: 2026-01-01}\n")
    text = text.replace("Ondersteuning van de jeugdige en het gezin bij het dagelijks leven.",
                        "Ondersteuning van de jeugdige en het gezin bij wonen, school en het dagelijks leven.")
    text = text.replace("          deelname: niet\n", "          deelname: beperkt\n")
    # a removed row: the only gunningscriterium but one goes, its weight moves to the other
    text = text.replace("        - {id: kwaliteit, naam: Kwaliteit van de behandeling, weging: 60}\n"
                        "        - {id: samenwerking, naam: Samenwerking met het onderwijs, weging: 40}\n",
                        "        - {id: kwaliteit, naam: Kwaliteit van de behandeling, weging: 100}\n")
    seg.write_text(text, encoding="utf-8")
    besluiten = new / "besluiten.yaml"
    besluiten.write_text(re.sub(r",\s*samenwerking: \d+", "", besluiten.read_text(encoding="utf-8")),
                         encoding="utf-8")
    dossier.load(new)
    out = {"old": old, "new": new, "red": base / "redline"}
    for name in ("old", "new"):
        result = dossier.build(dossier.load(out[name]), base / "build" / name, formats=("docx",))
        assert not result.errors, result.errors
        out[f"{name}_docs"] = base / "build" / name
    result = run_cli("diff", str(old), str(new), "--redline", str(out["red"]))
    assert result.returncode == 1, result.stderr
    out["stdout"] = result.stdout  # type: ignore[assignment]
    return out


def test_besluiten_file_still_valid(versions) -> None:  # type: ignore[no-untyped-def]
    d = dossier.load(versions["new"])
    assert [c.id for c in d.deelsegment("dyslexie")[1].inkoopvorm.gunningscriteria] == ["kwaliteit"]


def test_only_changed_documents_are_written(versions) -> None:  # type: ignore[no-untyped-def]
    written = sorted(p.relative_to(versions["red"]).as_posix() for p in versions["red"].rglob("*.docx"))
    assert "bestek/ambulant.docx" in written
    assert "raadsbrief/almelo.docx" in written  # Almelo's exception changed
    assert "raadsbrief/hengelo.docx" not in written  # nothing Hengelo reads changed
    assert f"redline: {versions['red'] / 'bestek' / 'ambulant.docx'}" in versions["stdout"]
    for rel in written:  # every written one really differs from the old version
        old = (versions["old_docs"] / rel).read_bytes()
        new = (versions["new_docs"] / rel).read_bytes()
        assert text_of(old) != text_of(new), rel


def test_tracked_changes_are_word_markup_by_dossier_dated_as_the_new_version(versions) -> None:  # type: ignore[no-untyped-def]
    xml = zipfile.ZipFile(versions["red"] / "bestek" / "ambulant.docx").read("word/document.xml").decode()
    marks = re.findall(r'<w:(ins|del) w:id="(\d+)" w:author="([^"]*)" w:date="([^"]*)"', xml)
    assert {kind for kind, *_ in marks} == {"ins", "del"}
    assert {(author, date) for _, _, author, date in marks} == {("dossier", "2025-03-14T00:00:00Z")}
    ids = [int(i) for _, i, _, _ in marks]
    assert len(ids) == len(set(ids))
    assert "<w:delText" in xml


def _tables(data: bytes) -> list[etree._Element]:
    return list(parts(data)["word/document.xml"].iter(w("tbl")))


def _rows_with(data: bytes, text: str) -> list[etree._Element]:
    return [tr for tbl in _tables(data) for tr in tbl.findall(w("tr")) if text in "".join(tr.itertext())]


def test_tables_change_cell_by_cell_and_row_by_row(versions) -> None:  # type: ignore[no-untyped-def]
    red = (versions["red"] / "bestek" / "ambulant.docx").read_bytes()
    # the changed amount: that cell's text, in a row that is itself not tracked
    [row] = _rows_with(red, "Begeleiding individueel")
    assert row.find(f"{w('trPr')}/{w('ins')}") is None and row.find(f"{w('trPr')}/{w('del')}") is None
    cells = row.findall(w("tc"))
    amount = cells[2]
    assert "".join(t.text for t in amount.iter(w("delText"))) == "1.234,50"
    assert "".join(t.text for t in amount.iter(w("t"))) == "€\xa01.250,00"
    assert all(c.find(f".//{w('ins')}") is None for c in (cells[0], cells[1], cells[3], cells[4]))
    # the added tariff: an inserted row
    [added] = _rows_with(red, "Begeleiding in een groep")
    assert added.find(f"{w('trPr')}/{w('ins')}") is not None
    # the removed criterion: a deleted row, its text kept as deleted text
    [removed] = _rows_with(red, "Samenwerking met het onderwijs")
    assert removed.find(f"{w('trPr')}/{w('del')}") is not None
    assert removed.find(f".//{w('t')}") is None
    # the header rows of those tables are untouched: no table was replaced as a whole
    for tbl in _tables(red):
        header = tbl.find(w("tr"))
        assert header.find(f".//{w('ins')}") is None and header.find(f".//{w('del')}") is None


def test_paragraphs_change_word_by_word(versions) -> None:  # type: ignore[no-untyped-def]
    red = (versions["red"] / "bestek" / "ambulant.docx").read_bytes()
    body = parts(red)["word/document.xml"]
    [p] = [p for p in body.iter(w("p")) if "Ondersteuning van de jeugdige" in "".join(p.itertext())]
    inserted = "".join(t.text for ins in p.iter(w("ins")) for t in ins.iter(w("t")))
    assert inserted == "wonen, school en "
    assert p.find(f".//{w('del')}") is None


@pytest.mark.parametrize("rel", ["bestek/ambulant.docx", "raadsbrief/almelo.docx", "samenvatting/dossier.docx"])
def test_accept_all_gives_the_new_version_and_reject_all_the_old(versions, rel: str) -> None:  # type: ignore[no-untyped-def]
    red = (versions["red"] / rel).read_bytes()
    new = text_of((versions["new_docs"] / rel).read_bytes())
    old = text_of((versions["old_docs"] / rel).read_bytes())
    assert text_after(red, accept=True) == new
    assert text_after(red, accept=False) == old
    assert text_of(red) != new  # the redline itself shows both


def test_a_completely_different_document(tmp_path: Path) -> None:
    """Against the example dossier the minimal one differs almost everywhere: still exact."""
    from conftest import TWENTE
    from dossier.review.redline import redline

    a = tmp_path / "a"
    b = tmp_path / "b"
    dossier.build(dossier.load(ROOTS / "minimaal"), a, formats=("docx",), only=("bestek/ambulant",))
    dossier.build(dossier.load(TWENTE), b, formats=("docx",), only=("bestek/ambulant",))
    old, new = (a / "bestek/ambulant.docx").read_bytes(), (b / "bestek/ambulant.docx").read_bytes()
    red, count = redline(old, new, date="2025-01-01T00:00:00Z")
    assert count > 50
    assert text_after(red, accept=True) == text_of(new)
    assert text_after(red, accept=False) == text_of(old)


@needs_soffice
def test_redline_opens_in_libreoffice_with_the_changes_shown(versions, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from dossier.pdf import Converter

    src = versions["red"] / "bestek" / "ambulant.docx"
    pdf = tmp_path / "ambulant.pdf"
    with Converter(jobs=1) as conv:
        assert conv.convert([(src, pdf)]) == {}
    text = pdf_text(pdf)
    squashed = re.sub(r"\s+", "", text)  # table cells wrap
    # LibreOffice shows the tracked changes: the deleted amount right before the inserted one
    assert "€1.234,501.250,00" in squashed
    assert "Begeleidingineengroep" in squashed and "Samenwerkingmethetonderwijs" in squashed


def test_a_new_document_is_all_inserted(versions) -> None:  # type: ignore[no-untyped-def]
    from dossier.review.redline import redline

    new = (versions["new_docs"] / "bestek" / "ambulant.docx").read_bytes()
    red, count = redline(None, new, date="2025-03-14T00:00:00Z")
    assert count > 0
    assert text_after(red, accept=True) == text_of(new)
    assert not any(t.strip() for texts in text_after(red, accept=False).values() for t in texts)
