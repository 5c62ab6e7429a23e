"""A letter's first page and its signature, laid out as the house style's `Letterhead` says.

Both layouts give the following pages 'Bladnummer N' and the letter's reference in the header
(seed 002); they differ in where the sender, the address and the reference row go.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .document import EXAMPLE_MARK, Template, field, rgb, set_widths, watermark


@dataclass(frozen=True)
class Sender:
    """Who a letter is from, as template text: word mark, address block beside the window, footer."""

    word_mark: tuple[str, ...]
    """Lines of the name at the top; a line starting with '{{r' or '{%p' is written as is."""
    block: tuple[str, ...]
    footer: tuple[str, ...]
    footer_note: str = ""
    return_address: str = ""
    """One small line above the address in the window, for the post."""


def headers(t: Template, label: str, value: str) -> None:
    """A letter's first page carries only the CONCEPT watermark and the VOORBEELD mark; the next pages
    'Bladnummer N' and the letter's reference (seed 002)."""
    section = t.doc.sections[0]
    section.different_first_page_header_footer = True
    hp = section.header.paragraphs[0]
    hp.add_run("Bladnummer ").bold = True
    field(hp, "PAGE", "2")
    hp.add_run(f"    {label} ").bold = True
    hp.add_run(value)
    watermark(hp, "CONCEPT", "concept", t.style, 1)
    hp.add_run(EXAMPLE_MARK).bold = True
    first = section.first_page_header.paragraphs[0]
    watermark(first, "CONCEPT", "concept", t.style, 2)
    first.add_run(EXAMPLE_MARK).bold = True
    letter_heading_sizes(t)


def letter_heading_sizes(t: Template) -> None:
    """A letter's headings start at Heading 1 (an accessible outline starts at level 1) but look one
    level smaller than a report's: a letter has no chapters."""
    sizes = t.style.heading_sizes
    for level in (1, 2, 3):
        st = t.doc.styles[f"Heading {level}"]
        st.font.size = Pt(sizes[min(level, len(sizes) - 1)])
        st.paragraph_format.space_before = Pt(10)


def footer_date(t: Template, date: str) -> None:
    """The letter's own date at the foot of its following pages (the first shows it in the reference row)."""
    para = t.doc.sections[0].footer.paragraphs[0]
    size = para.runs[0].font.size if para.runs else None
    run = para.add_run(f"  ·  Brief van {date}" if para.text else f"Brief van {date}")
    run.font.size = size


# --- layout "window" ---------------------------------------------------------------------------

def window_first_page(t: Template, sender: Sender, address: list[str], reference: list[tuple[str, str]],
                      columns: int) -> None:
    """Word mark above, address in the envelope window with the return address, sender block beside
    it, then the reference row: small labels above their values, `columns` to a row."""
    style = t.style
    head, window = style.letterhead, style.letterhead.window
    top_mm = style.margins.top * 10
    if window.top_mm <= top_mm:
        raise ValueError(f"{style.name}: the window ({window.top_mm} mm) must lie below the top margin ({top_mm} mm)")
    if abs(window.left_mm - style.margins.left * 10) > 0.01:
        raise ValueError(f"{style.name}: the window's left edge is the left margin ({style.margins.left * 10} mm)")
    text_width = 21.0 - style.margins.left - style.margins.right
    gap = 1.5
    widths = [window.width_mm / 10, gap, text_width - window.width_mm / 10 - gap]
    table = t.doc.add_table(rows=2, cols=3)
    _plain(table)
    table.rows[0].height, table.rows[0].height_rule = Mm(window.top_mm - top_mm), WD_ROW_HEIGHT_RULE.EXACTLY
    table.rows[1].height, table.rows[1].height_rule = Mm(window.height_mm), WD_ROW_HEIGHT_RULE.EXACTLY
    mark = table.rows[0].cells[0 if head.logo == "left" else 2]
    for i, line in enumerate(sender.word_mark):
        para = mark.paragraphs[0] if i == 0 else mark.add_paragraph()
        para.paragraph_format.space_after = Pt(0)
        if line.startswith(("{{r", "{%p")):
            para.add_run(line)
            continue
        run = para.add_run(line)
        run.bold = i == 0
        run.font.size = Pt(15 if i == 0 else 9)
        run.font.color.rgb = rgb(style.colours.accent)
    cell = table.rows[1].cells[0]
    first = cell.paragraphs[0]
    if sender.return_address:
        run = first.add_run(sender.return_address)
        run.font.size = Pt(7)
        run.font.color.rgb = rgb(style.colours.muted)
        first.paragraph_format.space_after = Pt(4)
        first = cell.add_paragraph()
    for i, line in enumerate(address):
        para = first if i == 0 else cell.add_paragraph()
        para.add_run(line)
        para.paragraph_format.space_after = Pt(0)
    block = table.rows[1].cells[2]
    for i, line in enumerate(sender.block):
        para = block.paragraphs[0] if i == 0 else block.add_paragraph()
        run = para.add_run(line)
        run.font.size = Pt(8)
        run.bold = i == 0 or None
        if i == 0:
            run.font.color.rgb = rgb(style.colours.accent)
        para.paragraph_format.space_after = Pt(0)
    set_widths(table, widths)
    t.p("")

    ref = t.doc.add_table(rows=2 * -(-len(reference) // columns), cols=columns)
    _plain(ref)
    for i, (label, value) in enumerate(reference):
        row, col = (i // columns) * 2, i % columns
        label_para = ref.rows[row].cells[col].paragraphs[0]
        run = label_para.add_run(label)
        run.font.size = Pt(7.5)
        run.font.color.rgb = rgb(style.colours.muted)
        label_para.paragraph_format.space_after = Pt(0)
        value_para = ref.rows[row + 1].cells[col].paragraphs[0]
        value_para.add_run(value)
        value_para.paragraph_format.space_after = Pt(6)
    for cell in ref.rows[0].cells:
        _border(cell.paragraphs[0], "top", style.colours.accent, size=8, space=4)
    set_widths(ref, [text_width / columns] * columns)
    t.p("")

    footer = t.doc.sections[0].first_page_footer
    para = footer.paragraphs[0]
    if sender.footer_note:
        para.add_run(sender.footer_note).bold = True
        para = footer.add_paragraph()
    _border(para, "top", style.colours.accent, size=8, space=4)
    for i, item in enumerate(sender.footer):
        if i:
            para.add_run("  ·  ").font.color.rgb = rgb(style.colours.accent)
        para.add_run(item)


SIGNING_ROOM_PT = 36.0


def signatures_side_by_side(t: Template, loop: str, functie: str, naam: str) -> None:
    """One column per signer (a docxtpl column loop): function, room to sign, name (seed 004)."""
    table = t.doc.add_table(rows=1, cols=3)
    _plain(table)
    first, body, last = table.rows[0].cells
    first.paragraphs[0].add_run("{%tc for " + loop + " %}")
    last.paragraphs[0].add_run("{%tc endfor %}")
    body.paragraphs[0].add_run(functie)
    name = body.add_paragraph(naam)
    # a letter signed by hand needs the room even where the house style sets none (1,25 cm)
    name.paragraph_format.space_before = Pt(t.style.signature.gap_pt or SIGNING_ROOM_PT)
    text_width = 21.0 - t.style.margins.left - t.style.margins.right
    set_widths(table, [text_width / 3] * 3)  # docxtpl spreads the width over the columns it makes
    t.p("")


def signature_pair(t: Template, left: tuple[str, str], right: tuple[str, str]) -> None:
    """Two signatures side by side: function, room to sign, name."""
    table = t.doc.add_table(rows=3, cols=2)
    for col, (functie, naam) in enumerate((left, right)):
        table.rows[0].cells[col].paragraphs[0].add_run(functie)
        table.rows[1].cells[col].paragraphs[0].add_run("")
        table.rows[2].cells[col].paragraphs[0].add_run(naam)
    if t.style.signature.gap_pt:
        table.rows[1].height = Pt(t.style.signature.gap_pt)
        table.rows[1].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    t.p("")


def _plain(table: Any) -> None:
    """A layout table: no borders, no cell padding at the sides, fixed column widths."""
    table.autofit = False  # a fixed layout
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), "0")
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription",
                                           "w:tblPrChange")


def _border(para: Any, side: str, colour: str, *, size: int, space: int) -> None:
    """A line on one side of a paragraph (size in eighths of a point, space in points)."""
    ppr = para._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.insert_element_before(borders, *_AFTER_PBDR)
    el = OxmlElement(f"w:{side}")  # top, left, bottom, right: the schema's order, and ours
    el.set(qn("w:val"), "single")
    el.set(qn("w:sz"), str(size))
    el.set(qn("w:space"), str(space))
    el.set(qn("w:color"), colour)
    borders.append(el)


_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
               "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
               "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
               "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
               "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
