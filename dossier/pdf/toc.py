"""The table of contents in the DOCX, filled from the PDF: Word opens it with real entries and page
numbers instead of placeholder text and a question to update the fields.

LibreOffice fills the TOC when it makes the PDF (the worker updates every index); the PDF's outline then
holds each heading (level, text) with its page. This module writes those entries as the TOC field's
result in the DOCX, in Word's own TOC styles with a dotted tab to the page number, and takes away the
field's 'dirty' mark. The field itself stays, so Word can update it after an edit."""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from pathlib import Path

import pikepdf
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT = "word/document.xml"
LEVELS = 3
"""The TOC fields of the templates take heading levels 1–3 (`TOC \\o "1-3"`)."""


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@lru_cache(maxsize=64)
def has_toc(template: Path) -> bool:
    """Whether documents made with `template` have a TOC field (most letters do not: nothing to do)."""
    try:
        with zipfile.ZipFile(template) as z:
            return b"TOC \\o" in z.read(DOCUMENT)
    except (OSError, KeyError, zipfile.BadZipFile):
        return False


def fill_docx_toc(docx: Path, pdf: Path) -> bool:
    """Fill the TOC of `docx` from the outline of `pdf`, its conversion; False when it could not (the
    placeholder then stays, and Word offers to update the field as before)."""
    try:
        data = fill_toc(docx.read_bytes(), outline_entries(pdf))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError, pikepdf.PdfError):
        return False
    if data is None:
        return False
    docx.write_bytes(data)
    return True


def outline_entries(pdf: Path) -> list[tuple[int, str, int]]:
    """(level, heading text, page number) for every bookmark of the PDF down to `LEVELS`, in order."""
    entries: list[tuple[int, str, int]] = []
    with pikepdf.open(pdf) as doc:
        pages: dict[tuple[int, int], int] = {page.obj.objgen: number for number, page in enumerate(doc.pages, 1)}

        def walk(items: list[pikepdf.OutlineItem], level: int) -> None:
            for item in items:
                target = item.destination
                page = None
                if isinstance(target, pikepdf.Array) and len(target):
                    page = pages.get(target[0].objgen)
                if page is not None and level <= LEVELS:
                    entries.append((level, str(item.title), page))
                walk(item.children, level + 1)

        with doc.open_outline() as outline:
            walk(outline.root, 1)
    return entries


def fill_toc(docx: bytes, entries: list[tuple[int, str, int]]) -> bytes | None:
    """`docx` with its TOC field showing `entries`; None when it has no TOC field or there are none."""
    if not entries:
        return None
    with zipfile.ZipFile(io.BytesIO(docx)) as src:
        root = etree.fromstring(src.read(DOCUMENT))
        begin_run = _toc_begin(root)
        if begin_run is None:
            return None
        _write_entries(root, begin_run, entries)
        xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                dst.writestr(info, xml if info.filename == DOCUMENT else src.read(info.filename))
    return out.getvalue()


def _toc_begin(root: etree._Element) -> etree._Element | None:
    """The run with the `begin` fldChar of the (first) TOC field."""
    for instr in root.iter(_w("instrText")):
        if (instr.text or "").strip().startswith("TOC "):
            run = instr.getparent()
            para = run.getparent() if run is not None else None
            if run is None or para is None:
                return None
            runs = list(para.iterchildren(_w("r")))
            for candidate in reversed(runs[:runs.index(run)]):
                char = candidate.find(_w("fldChar"))
                if char is not None and char.get(_w("fldCharType")) == "begin":
                    return candidate
    return None


def _write_entries(root: etree._Element, begin_run: etree._Element, entries: list[tuple[int, str, int]]) -> None:
    """Replace the field's result (the runs after `separate` up to `end`, in one paragraph) with one
    paragraph per entry; the field's begin stays in the first, its end goes to the last."""
    para = begin_run.getparent()
    assert para is not None
    begin_run.find(_w("fldChar")).attrib.pop(_w("dirty"), None)  # type: ignore[union-attr]
    runs = list(para.iterchildren(_w("r")))
    kinds = [(r.find(_w("fldChar")).get(_w("fldCharType")) if r.find(_w("fldChar")) is not None else None)  # type: ignore[union-attr]
             for r in runs]
    if "separate" not in kinds or "end" not in kinds:
        return
    separate, end = kinds.index("separate"), kinds.index("end")
    end_run = runs[end]
    for run in runs[separate + 1:end + 1]:
        para.remove(run)
    width = _text_width(root)
    paragraphs = [para] + [etree.Element(_w("p")) for _ in entries[1:]]
    for target, (level, text, page) in zip(paragraphs, entries):
        _style(target, level, width)
        _run(target, text)
        target.append(_tab_run())
        _run(target, str(page))
    paragraphs[-1].append(end_run)
    anchor = para
    for extra in paragraphs[1:]:
        anchor.addnext(extra)
        anchor = extra


def _style(para: etree._Element, level: int, width: int) -> None:
    ppr = para.find(_w("pPr"))
    if ppr is None:
        ppr = etree.Element(_w("pPr"))
        para.insert(0, ppr)
    for old in ppr.findall(_w("pStyle")) + ppr.findall(_w("tabs")):
        ppr.remove(old)
    style = etree.Element(_w("pStyle"))
    style.set(_w("val"), f"TOC{level}")
    ppr.insert(0, style)
    tabs = etree.SubElement(etree.Element(_w("tabs")), _w("tab"))
    tabs.set(_w("val"), "right")
    tabs.set(_w("leader"), "dot")
    tabs.set(_w("pos"), str(width))
    ppr.insert(1, tabs.getparent())  # type: ignore[arg-type]


def _run(para: etree._Element, text: str) -> None:
    run = etree.SubElement(para, _w("r"))
    t = etree.SubElement(run, _w("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _tab_run() -> etree._Element:
    run = etree.Element(_w("r"))
    etree.SubElement(run, _w("tab"))
    return run


def _text_width(root: etree._Element) -> int:
    """The width between the margins of the (last) section, in twentieths of a point."""
    size = root.find(f".//{_w('sectPr')}/{_w('pgSz')}")
    margins = root.find(f".//{_w('sectPr')}/{_w('pgMar')}")
    try:
        return int(size.get(_w("w"))) - int(margins.get(_w("left"))) - int(margins.get(_w("right")))  # type: ignore[union-attr, arg-type]
    except (AttributeError, TypeError, ValueError):
        return 9072  # A4 with 25 mm margins
