"""Markdown from a spec as real Word structure (paragraphs, lists, tables, links) in a docxtpl template.

Python-Markdown parses; its final ElementTree is walked directly (never serialized to HTML), and
everything is written into the template's own document part, so the template's styles, numbering
and relationships are the ones used. Raw HTML and entities are not interpreted: they stay text.
"""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from typing import Any, cast

import docxtpl
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.document import CT_Document
from docx.oxml.ns import nsdecls, qn
from docx.shared import RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from ..i18n import _
from ..spec.markdown import BLOCK_TAGS, TABLE_CELL_TAGS, parse
from .template_cache import once_per_template

__all__ = ["MissingStyleError", "markdown_subdoc", "new_list", "sort_run_properties"]

# ECMA-376 CT_RPr: the order in which run properties must appear (docxtpl's RichText writes colour and size
# before bold, which Word repairs and validators reject).
_RPR_ORDER = {qn(f"w:{name}"): i for i, name in enumerate(
    "ins del moveFrom moveTo rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
    "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs "
    "em lang eastAsianLayout specVanish oMath rPrChange".split())}


def sort_run_properties(element: Any) -> None:
    """Put the children of every w:rPr below `element` in schema order (a stable sort: unknown last)."""
    for rpr in element.iter(qn("w:rPr")):
        children = list(rpr)
        ordered = sorted(children, key=lambda child: _RPR_ORDER.get(child.tag, len(_RPR_ORDER)))
        if ordered != children:
            for child in ordered:
                rpr.append(child)


def new_list(numbering: Any, abstract_id: int, ilvl: int = 0, start: int = 1) -> int:
    """A list of its own: a copy of abstract numbering `abstract_id` under a new id with a new `w:num`
    on it, level `ilvl` starting at `start`. Returns the new numId.

    A `w:num` with a `startOverride` on a shared abstract numbering restarts in Word, but LibreOffice
    counts on per abstract numbering: the third list of a document would go on from the second. A list
    with an abstract numbering of its own starts at 1 in both (and keeps `start` where Markdown says
    `3.`). `numbering` is the `w:numbering` element of the document's numbering part."""
    abstracts = numbering.findall(qn("w:abstractNum"))
    source = next(a for a in abstracts if a.get(qn("w:abstractNumId")) == str(abstract_id))
    new_id = max(int(a.get(qn("w:abstractNumId"))) for a in abstracts) + 1
    abstract = copy.deepcopy(source)
    abstract.set(qn("w:abstractNumId"), str(new_id))
    nsid = abstract.find(qn("w:nsid"))
    if nsid is not None:  # Word joins lists that share an nsid: one of its own, the same every run
        nsid.set(qn("w:val"), f"{0x1D0C0000 + new_id:08X}")
    for link in abstract.findall(qn("w:numStyleLink")) + abstract.findall(qn("w:styleLink")):
        abstract.remove(link)
    if start != 1:
        for lvl in abstract.findall(qn("w:lvl")):
            first = lvl.find(qn("w:start"))
            if lvl.get(qn("w:ilvl")) == str(ilvl) and first is not None:
                first.set(qn("w:val"), str(start))
    abstracts[-1].addnext(abstract)
    num = numbering.add_num(new_id)
    num.add_lvlOverride(ilvl=ilvl).add_startOverride(start)
    return int(num.numId)


# Link targets a reader may follow; anything else (javascript:, data:, file:, relative) stays text.
_SAFE_LINK_RE = re.compile(r"(?:https?|mailto):", re.IGNORECASE)

_ALIGNMENTS = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
_TEXT_ALIGN_RE = re.compile(r"text-align:\s*(left|center|right)")
_LINK_FALLBACK_COLOR = RGBColor(0x05, 0x63, 0xC1)


class MissingStyleError(ValueError):
    """The template lacks a style that the markdown needs."""

    def __init__(self, style: str, needed_for: str) -> None:
        self.style = style
        self.needed_for = needed_for
        super().__init__(_("the template has no paragraph style {style} (needed for {needed_for})").format(
            style=repr(style), needed_for=needed_for))


def markdown_subdoc(
    tpl: docxtpl.DocxTemplate,
    text: str,
    *,
    heading_level: int = 3,
    body_style: str = "Normal",
) -> docxtpl.Subdoc:
    """Return a subdocument of `tpl` holding `text` as Word paragraphs, for `{{p var }}` in the template."""
    if not 1 <= heading_level <= 9:
        raise ValueError(f"heading_level must be 1..9, not {heading_level}")
    subdoc = _blank_subdoc(tpl)
    _WordWriter(tpl, subdoc, body_style=body_style, heading_level=heading_level).write(parse(text))
    return subdoc


def _blank_subdoc(tpl: docxtpl.DocxTemplate) -> docxtpl.Subdoc:
    """What `tpl.new_subdoc()` makes, without reading python-docx's default .docx for each one
    (that cost 10 ms per Markdown value, most of a bestek's render time)."""
    main = tpl.get_docx()
    element = cast(CT_Document, parse_xml(f"<w:document {nsdecls('w')}><w:body/></w:document>"))
    section = main.element.body.find(qn("w:sectPr"))
    if section is not None:  # python-docx sizes new tables from it; Subdoc drops it when inserted
        element.body.append(copy.deepcopy(section))
    subdoc = docxtpl.Subdoc.__new__(docxtpl.Subdoc)
    subdoc.tpl = tpl
    subdoc.docx = main
    subdoc.subdocx = DocxDocument(element, main.part)
    return subdoc


# --- writing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _ParaFormat:
    style: str
    numbering: tuple[int, int] | None = None  # (numId, ilvl)
    prefix: str = ""  # the item number as text, when the list style has no numbering


class _ParaFormats:
    """Formats of the successive paragraphs of one container: a list item's first differs."""

    def __init__(self, first: _ParaFormat, rest: _ParaFormat | None = None) -> None:
        self._first = first
        self._rest = rest or first
        self._used = False

    def next(self) -> _ParaFormat:
        fmt = self._rest if self._used else self._first
        self._used = True
        return fmt


@dataclass(frozen=True)
class _RunFormat:
    bold: bool = False
    italic: bool = False
    link: etree._Element | None = None  # the w:hyperlink that runs go into


_StyleTable = tuple[dict[str, WD_STYLE_TYPE], str | None, dict[str, str | None]]


def _style_table(tpl: docxtpl.DocxTemplate, docx: Any, styles: Any) -> _StyleTable:
    """The template's styles by name (type), the default paragraph style's id and the ids looked up so far.

    Rendering does not change a template's styles, so they are read once per version of the template
    file (and once per document for a template that is no file)."""
    cache: _StyleTable | None = getattr(docx, "_dossier_styles", None)
    if cache is None:
        def read() -> _StyleTable:
            default_par = styles.default(WD_STYLE_TYPE.PARAGRAPH)
            return ({style.name: style.type for style in styles},
                    default_par.style_id if default_par is not None else None, {})
        cache = docx._dossier_styles = once_per_template(tpl.template_file, "styles", read)
    return cache


class _WordWriter:
    def __init__(
        self, tpl: docxtpl.DocxTemplate, subdoc: docxtpl.Subdoc, *, body_style: str, heading_level: int
    ) -> None:
        self._tpl_docx: Any = tpl.get_docx()
        self._doc: Any = subdoc
        self._part: Any = self._tpl_docx.part
        self._styles: Any = self._part.styles
        self._heading_level = heading_level
        cache = _style_table(tpl, self._tpl_docx, self._styles)
        self._style_types, self._default_par_style_id, self._style_ids = cache
        self._body = self._require(body_style, _("ordinary paragraphs"))
        self._quote = self._optional("Quote", WD_STYLE_TYPE.PARAGRAPH) or self._body
        self._table_style = self._optional("Table Grid", WD_STYLE_TYPE.TABLE)
        # a house style's cell style ('Tabeltekst' in the shipped templates: hyphenated, where the body is not)
        self._cell = self._optional("Tabeltekst", WD_STYLE_TYPE.PARAGRAPH) or self._body
        # LibreOffice 7.4 exports a Word hyperlink to PDF only when its runs name a character
        # style; without a Hyperlink style, name the default one and format directly.
        link_style = self._optional("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        self._link_formatted_directly = link_style is None
        if link_style:
            self._link_style_id: str | None = self._styles[link_style].style_id
        else:
            default_char = self._styles.default(WD_STYLE_TYPE.CHARACTER)
            self._link_style_id = default_char.style_id if default_char is not None else None

    def write(self, root: ET.Element) -> None:
        self._container(root, _ParaFormats(_ParaFormat(self._body)), depth=0)

    # styles

    def _optional(self, name: str, kind: WD_STYLE_TYPE) -> str | None:
        return name if self._style_types.get(name) == kind else None

    def _require(self, name: str, needed_for: str) -> str:
        if self._optional(name, WD_STYLE_TYPE.PARAGRAPH) is None:
            raise MissingStyleError(name, needed_for)
        return name

    def _set_style(self, par: Paragraph, name: str) -> None:
        # python-docx resolves a style name by scanning every style, per paragraph: resolve once.
        if name not in self._style_ids:
            style_id = self._styles[name].style_id
            self._style_ids[name] = None if style_id == self._default_par_style_id else style_id
        par._p.style = self._style_ids[name]

    def _deepest(self, base: str, depth: int) -> str | None:
        """The style for list nesting `depth`: "List Bullet", "List Bullet 2", …, capped at what exists."""
        for level in range(depth, 0, -1):
            name = base if level == 1 else f"{base} {level}"
            if self._optional(name, WD_STYLE_TYPE.PARAGRAPH):
                return name
        return None

    # blocks

    def _container(self, elem: ET.Element, formats: _ParaFormats, depth: int) -> None:
        """Emit the children of a block container; inline content between blocks becomes paragraphs."""
        pending: list[str | ET.Element] = []

        def flush() -> None:
            if any(isinstance(item, ET.Element) or item.strip() for item in pending):
                par = self._paragraph(formats.next())
                for item in pending:
                    if isinstance(item, str):
                        self._text(par, item, _RunFormat())
                    else:
                        self._inline(par, item, _RunFormat())
            pending.clear()

        if elem.text:
            pending.append(elem.text)
        for child in elem:
            if child.tag in BLOCK_TAGS:
                flush()
                self._block(child, formats, depth)
            else:
                pending.append(child)
            if child.tail:
                pending.append(child.tail)
        flush()

    def _block(self, elem: ET.Element, formats: _ParaFormats, depth: int) -> None:
        tag = elem.tag
        if tag == "p":
            self._inlines(self._paragraph(formats.next()), elem, _RunFormat())
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = min(self._heading_level + int(tag[1]) - 1, 9)
            style = self._require(f"Heading {level}", _("a heading {marks}").format(marks="#" * int(tag[1])))
            self._inlines(self._paragraph(_ParaFormat(style)), elem, _RunFormat())
        elif tag in ("ul", "ol"):
            self._list(elem, depth + 1)
        elif tag == "blockquote":
            self._container(elem, _ParaFormats(_ParaFormat(self._quote)), depth)
        elif tag == "pre":
            # A code block keeps its lines: python-docx writes each "\n" as a w:br.
            par = self._paragraph(formats.next())
            self._run(par, _RunFormat()).text = "".join(elem.itertext()).rstrip("\n")
        elif tag == "hr":
            self._horizontal_rule()
        elif tag == "table":
            self._table(elem)
        else:  # div, or a stray li
            self._container(elem, formats, depth)

    def _paragraph(self, fmt: _ParaFormat) -> Paragraph:
        par: Paragraph = self._doc.add_paragraph()
        self._set_style(par, fmt.style)
        if fmt.numbering is not None:
            num_id, ilvl = fmt.numbering
            num_pr = par._p.get_or_add_pPr().get_or_add_numPr()  # type: ignore[attr-defined]  # made by ZeroOrOne
            num_pr.get_or_add_ilvl().val = ilvl
            num_pr.get_or_add_numId().val = num_id
        if fmt.prefix:
            par.add_run(fmt.prefix)
        return par

    def _list(self, elem: ET.Element, depth: int) -> None:
        ordered = elem.tag == "ol"
        base = "List Number" if ordered else "List Bullet"
        style = self._deepest(base, depth)
        if style is None:
            raise MissingStyleError(base, _("a numbered list") if ordered else _("a bulleted list"))
        rest = _ParaFormat(self._deepest("List Continue", depth) or self._body)
        number = _start(elem) if ordered else 1
        numbering = self._restart_numbering(style, number) if ordered else None
        self._loose_text(elem.text, rest)
        for item in elem:
            if item.tag == "li":
                prefix = f"{number}. " if ordered and numbering is None else ""
                self._container(item, _ParaFormats(_ParaFormat(style, numbering, prefix), rest), depth)
                number += 1
            else:
                self._block(item, _ParaFormats(rest), depth)
            self._loose_text(item.tail, rest)

    def _loose_text(self, text: str | None, fmt: _ParaFormat) -> None:
        if text and text.strip():
            self._text(self._paragraph(fmt), text, _RunFormat())

    def _restart_numbering(self, style_name: str, start: int) -> tuple[int, int] | None:
        """A list of its own (see `new_list`) on the style's numbering, starting at `start`, so this list
        does not continue the previous one. None when the template gives the style no numbering."""
        num_pr = None
        style = self._styles[style_name]
        while style is not None and num_pr is None:
            ppr = style.element.pPr
            num_pr = ppr.numPr if ppr is not None else None
            style = style.base_style
        if num_pr is None or num_pr.numId is None or num_pr.numId.val == 0:
            return None
        ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        try:
            numbering = self._part.part_related_by(RT.NUMBERING).element
            abstract_id = numbering.num_having_numId(num_pr.numId.val).abstractNumId.val
        except KeyError:
            return None
        return new_list(numbering, abstract_id, ilvl, start), ilvl

    def _horizontal_rule(self) -> None:
        par = self._paragraph(_ParaFormat(self._body))
        border = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
            bottom.set(qn(key), value)
        border.append(bottom)
        par._p.get_or_add_pPr().append(border)  # type: ignore[arg-type]  # types-lxml: append() wants Self

    def _table(self, elem: ET.Element) -> None:
        rows: list[tuple[ET.Element, bool]] = []
        for section in elem:
            if section.tag == "tr":
                rows.append((section, False))
            for tr in section.iter("tr") if section.tag in ("thead", "tbody") else ():
                rows.append((tr, section.tag == "thead"))
        columns = max((len([c for c in tr if c.tag in TABLE_CELL_TAGS]) for tr, _ in rows), default=0)
        if not rows or columns == 0:
            return
        table: Table = self._doc.add_table(rows=len(rows), cols=columns)
        if self._table_style:
            table.style = self._table_style
        width = self._text_width()
        if width:
            # python-docx sizes a new table for its own default page, not the template's.
            for column in table.columns:
                column.width = width // columns
                for cell in column.cells:
                    cell.width = width // columns
        for row, (tr, header) in zip(table.rows, rows):
            if header:
                row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
            cells = [c for c in tr if c.tag in TABLE_CELL_TAGS]
            for cell, td in zip(row.cells, cells):
                par = cell.paragraphs[0]
                self._set_style(par, self._cell)
                align = _TEXT_ALIGN_RE.search(td.get("style", "")) or re.fullmatch(
                    "(left|center|right)", td.get("align", "")
                )
                if align:
                    par.alignment = _ALIGNMENTS[align.group(1)]
                self._inlines(par, td, _RunFormat(bold=td.tag == "th"))

    def _text_width(self) -> int | None:
        section = self._tpl_docx.sections[-1]
        if section.page_width is None or section.left_margin is None or section.right_margin is None:
            return None
        return int(section.page_width - section.left_margin - section.right_margin)

    # inlines

    def _inlines(self, par: Paragraph, elem: ET.Element, fmt: _RunFormat) -> None:
        """Emit the text and children of `elem` (not its tail) into `par`."""
        self._text(par, elem.text, fmt)
        for child in elem:
            self._inline(par, child, fmt)
            self._text(par, child.tail, fmt)

    def _inline(self, par: Paragraph, elem: ET.Element, fmt: _RunFormat) -> None:
        tag = elem.tag
        if tag == "strong":
            self._inlines(par, elem, replace(fmt, bold=True))
        elif tag == "em":
            self._inlines(par, elem, replace(fmt, italic=True))
        elif tag == "br":
            self._run(par, fmt).add_break()
        elif tag == "img":
            # Images are not fetched; the reader gets the alternative text.
            self._text(par, elem.get("alt", ""), fmt)
        elif tag == "a" and fmt.link is None and _SAFE_LINK_RE.match(elem.get("href", "")):
            self._inlines(par, elem, replace(fmt, link=self._hyperlink(par, elem)))
        else:  # code keeps the surrounding font; unsafe links and unknown tags keep their text
            self._inlines(par, elem, fmt)

    def _hyperlink(self, par: Paragraph, elem: ET.Element) -> etree._Element:
        r_id = self._part.relate_to(elem.get("href", ""), RT.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), r_id)
        link.set(qn("w:history"), "1")
        if elem.get("title"):
            link.set(qn("w:tooltip"), elem.get("title", ""))
        par._p.append(link)  # type: ignore[arg-type]  # types-lxml: append() wants Self
        return link

    def _text(self, par: Paragraph, text: str | None, fmt: _RunFormat) -> None:
        if text:
            # A newline inside a markdown paragraph is a soft break: a space, not a w:br.
            self._run(par, fmt).text = text.replace("\n", " ")

    def _run(self, par: Paragraph, fmt: _RunFormat) -> Run:
        run = par.add_run()
        if fmt.bold:
            run.bold = True
        if fmt.italic:
            run.italic = True
        if fmt.link is not None:
            fmt.link.append(run._r)
            if self._link_style_id:
                run._r.get_or_add_rPr().style = self._link_style_id
            if self._link_formatted_directly:
                run.font.color.rgb = _LINK_FALLBACK_COLOR
                run.font.underline = True
        return run


def _start(elem: ET.Element) -> int:
    try:
        return max(int(elem.get("start", "1")), 0)
    except ValueError:
        return 1
