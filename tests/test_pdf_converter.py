"""Real conversions through LibreOffice (no mocks): PDF/A, tags, reproducibility, errors."""

from __future__ import annotations

import hashlib
import os
import signal
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from conftest import pdf_text
from dossier.pdf import (
    INSTALL_HINT,
    Converter,
    ConverterUnavailable,
    find_soffice,
    find_uno_python,
    normalize_pdf,
)

pytestmark = pytest.mark.skipif(
    find_soffice() is None
    or find_uno_python() is None
    or not all(shutil.which(t) for t in ("pdfinfo", "pdftotext", "qpdf")),
    reason="LibreOffice, python3-uno of poppler-utils/qpdf ontbreekt",
)

TEXT = "Inkoop jeugdhulp Twente"


def make_docx(path: Path, title: str = "Bestek jeugdhulp", lang: str = "nl-NL") -> Path:
    doc = Document()
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
    # The PDF /Lang comes from the document default language in styles.xml.
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang_el = rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = OxmlElement("w:lang")
        rpr.append(lang_el)
    lang_el.set(qn("w:val"), lang)
    doc.core_properties.title = title
    doc.add_heading("Inleiding", level=1)
    doc.add_paragraph(f"{TEXT}: perceel specialistische jeugdhulp.")
    doc.add_heading("Opdracht", level=1)
    for i in range(5):
        doc.add_paragraph(f"Alinea {i}. " + "De gemeente koopt zorg in. " * 10)
    doc.save(path)
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def converter():
    with Converter(jobs=2, timeout=60) as conv:
        yield conv


@pytest.fixture(scope="module")
def converted(converter, tmp_path_factory):
    """Two documents, the first converted twice (so on both workers in parallel)."""
    tmp = tmp_path_factory.mktemp("pdf")
    a = make_docx(tmp / "a.docx", title="Bestek jeugdhulp")
    b = make_docx(tmp / "b.docx", title="Raadsbrief")
    pairs = [(a, tmp / "a1.pdf"), (a, tmp / "a2.pdf"), (b, tmp / "b.pdf")]
    errors = converter.convert(pairs)
    assert errors == {}
    return tmp


def test_output_is_tagged_pdfa_2b(converted):
    pdf = converted / "a1.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    info = run("pdfinfo", str(pdf))
    assert info.returncode == 0
    assert "Tagged:          yes" in info.stdout
    assert "Title:           Bestek jeugdhulp" in info.stdout
    with pikepdf.open(pdf) as doc:
        meta = doc.open_metadata()
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "A"  # tagged: PDF/A-2a, and PDF/UA-1 (issue 13)
        assert meta["pdfuaid:part"] == "1"
        assert meta["xmp:CreateDate"] == "2000-01-01T00:00:00Z"
        assert str(doc.Root.Lang) == "nl-NL"
        assert doc.Root.MarkInfo.Marked
        assert "/StructTreeRoot" in doc.Root
        assert "/OutputIntents" in doc.Root
        assert doc.Root.ViewerPreferences.DisplayDocTitle
        assert "/DocChecksum" not in doc.trailer and "/DocChecksum" not in doc.docinfo
        assert str(doc.docinfo.CreationDate) == "D:20000101000000Z"


def test_qpdf_check_and_text(converted):
    for name in ("a1.pdf", "b.pdf"):
        assert run("qpdf", "--check", str(converted / name)).returncode == 0
        text = pdf_text(converted / name)
        assert TEXT in text
        assert "Opdracht" in text


def test_fonts_embedded(converted):
    fonts = run("pdffonts", str(converted / "a1.pdf")).stdout.splitlines()[2:]
    assert fonts
    assert all(line.split()[-5] == "yes" for line in fonts)  # "emb" column


def test_reproducible_bytes(converter, converted):
    # Same DOCX, two workers (different profiles), in parallel: identical bytes.
    assert sha256(converted / "a1.pdf") == sha256(converted / "a2.pdf")
    # And again in a later call on the warm workers.
    again = converted / "a3.pdf"
    assert converter.convert([(converted / "a.docx", again)]) == {}
    assert sha256(again) == sha256(converted / "a1.pdf")
    assert sha256(converted / "b.pdf") != sha256(converted / "a1.pdf")


def test_garbage_docx_reports_error_and_others_convert(converter, tmp_path):
    bad = tmp_path / "kapot.docx"
    bad.write_bytes(os.urandom(4096))
    good = make_docx(tmp_path / "goed.docx")
    seen = []
    errors = converter.convert(
        [(bad, tmp_path / "kapot.pdf"), (good, tmp_path / "goed.pdf"),
         (tmp_path / "bestaat-niet.docx", tmp_path / "niets.pdf")],
        on_done=lambda src, dst, err: seen.append((src.name, err is None)),
    )
    assert set(errors) == {tmp_path / "kapot.pdf", tmp_path / "niets.pdf"}
    assert "kapot.docx" in errors[tmp_path / "kapot.pdf"]
    assert not (tmp_path / "kapot.pdf").exists()
    assert (tmp_path / "goed.pdf").read_bytes().startswith(b"%PDF")
    assert sorted(seen) == [("bestaat-niet.docx", False), ("goed.docx", True), ("kapot.docx", False)]
    assert not list(tmp_path.glob(".~lock.*"))


def test_normalize_pdf_custom_date_and_title(converted, tmp_path):
    pdf = tmp_path / "n.pdf"
    shutil.copy(converted / "b.pdf", pdf)
    normalize_pdf(pdf, title="Besluit", date="2024-05-06T07:08:09Z")
    with pikepdf.open(pdf) as doc:
        meta = doc.open_metadata()
        for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
            assert meta[key] == "2024-05-06T07:08:09Z"
        assert meta["dc:title"] == "Besluit"
        assert str(doc.docinfo.Title) == "Besluit"
        assert str(doc.docinfo.ModDate) == "D:20240506070809Z"
        assert meta["pdfaid:part"] == "2"
        icc = doc.Root.OutputIntents[0].DestOutputProfile.read_bytes()
        assert icc[24:36] == bytes.fromhex("07e8 0005 0006 0007 0008 0009")
    assert run("qpdf", "--check", str(pdf)).returncode == 0


def test_normalize_pdf_adds_missing_lang_only(converted, tmp_path):
    pdf = tmp_path / "lang.pdf"
    with pikepdf.open(converted / "b.pdf") as doc:
        del doc.Root.Lang
        doc.save(pdf)
    normalize_pdf(pdf, lang="nl-NL")
    with pikepdf.open(pdf) as doc:
        assert str(doc.Root.Lang) == "nl-NL"
        doc.Root.Lang = pikepdf.String("en-GB")
        doc.save(tmp_path / "en.pdf")
    normalize_pdf(tmp_path / "en.pdf", lang="nl-NL")
    with pikepdf.open(tmp_path / "en.pdf") as doc:
        assert str(doc.Root.Lang) == "en-GB"


def test_unavailable_message(monkeypatch):
    monkeypatch.setenv("DOSSIER_SOFFICE", "/bestaat/niet/soffice")
    with pytest.raises(ConverterUnavailable) as info:
        Converter(jobs=1)
    assert INSTALL_HINT in str(info.value)
    assert "apt-get install libreoffice-writer-nogui python3-uno" in str(info.value)


def test_recovers_when_soffice_dies(converter, tmp_path):
    src = make_docx(tmp_path / "c.docx")
    assert converter.convert([(src, tmp_path / "c0.pdf")]) == {}
    for worker in converter._workers:
        if worker is not None:
            os.killpg(worker.soffice_pid, signal.SIGKILL)
    errors = converter.convert([(src, tmp_path / "c1.pdf"), (src, tmp_path / "c2.pdf")])
    assert errors == {}
    assert sha256(tmp_path / "c1.pdf") == sha256(tmp_path / "c2.pdf") == sha256(tmp_path / "c0.pdf")


def test_timeout_is_retried_once_then_reported(converter, tmp_path, monkeypatch):
    from dossier.pdf import converter as module

    src = make_docx(tmp_path / "t.docx")
    saved = converter.timeout
    # far too short for any conversion: no base time, and none for the length of the document either (a
    # warm LibreOffice converts this short document within the 20 s per MB its few kB would get)
    monkeypatch.setattr(module, "SECONDS_PER_MB", 0.0)
    converter.timeout = 0.001
    try:
        errors = converter.convert([(src, tmp_path / "t.pdf")])
    finally:
        converter.timeout = saved
    assert "2 pogingen" in errors[tmp_path / "t.pdf"]
    assert not (tmp_path / "t.pdf").exists()
    # The pool is usable again afterwards.
    assert converter.convert([(src, tmp_path / "t2.pdf")]) == {}


def test_the_conversion_timeout_grows_with_the_document(converter, tmp_path):
    """A long document gets more time than the base timeout, in proportion to its content (issue 10 item 7);
    a short one about the base."""
    from dossier.pdf.converter import SECONDS_PER_MB

    small = make_docx(tmp_path / "kort.docx")
    large = tmp_path / "lang.docx"
    doc = Document()
    for n in range(20000):
        doc.add_paragraph(f"Alinea {n}: de aanbieder levert jeugdhulp volgens het bestek, met verslag per kwartaal.")
    doc.save(large)
    base = converter.timeout
    assert base <= converter.timeout_for(small) < base + SECONDS_PER_MB * 0.2
    assert converter.timeout_for(large) > base + SECONDS_PER_MB * 2  # a body of more than 2 MB
    assert converter.timeout_for(tmp_path / "bestaat-niet.docx") == base
