"""A template under construction: a python-docx document in a house style, with helpers that write
docxtpl tags. Jinja tags are docxtpl's: {{ value }}, {{p markdown }} (a whole paragraph becomes
Markdown), {{r rich }} (styled text), {%p if %} / {%p for %} around paragraphs, {%tr for %} around
table rows."""

from __future__ import annotations

import io
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from dossier.render.docx import reproducible_zip
from dossier.render.markdown import new_list

from .style import HouseStyle

TEMPLATE_DATE = datetime(2024, 1, 1, tzinfo=timezone.utc)
TABLE_TEXT = "Tabeltekst"
"""The paragraph style of every table cell: Normal, hyphenated (the renderer's Markdown tables use it too)."""
EXAMPLE_MARK = "{% if voorbeeld %}   VOORBEELD{% endif %}"
"""In every page header of a document that shows an example value (`!voorbeeld` in the spec)."""


def rgb(hex_rgb: str) -> RGBColor:
    return RGBColor.from_string(hex_rgb)


class Template:
    """A house-style document under construction."""

    def __init__(self, style: HouseStyle, *, hyphenate: bool = True) -> None:
        self.style = style
        self.hyphenate = hyphenate
        """Whether the document turns hyphenation on (for its table cells). LibreOffice converts a document
        with hyphenation on about three times slower (measured: 13 award letters 6.1 s against 1.9 s), so
        the letters, whose tables have wide columns and short words, leave it off; the bestek, the
        samenvatting and the overeenkomst, with narrow columns of long words, turn it on."""
        self.doc = Document()
        self._house_style()

    # --- styles --------------------------------------------------------------------------------
    def _house_style(self) -> None:
        doc, style = self.doc, self.style
        accent = rgb(style.colours.accent)
        section = doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin, section.right_margin = Cm(style.margins.left), Cm(style.margins.right)
        section.top_margin, section.bottom_margin = Cm(style.margins.top), Cm(style.margins.bottom)
        section.header_distance, section.footer_distance = Cm(style.margins.header), Cm(style.margins.footer)
        styles = doc.styles.element
        rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        set_fonts(rpr_default, style.font)
        lang = rpr_default.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr_default.append(lang)
        for attr in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attr), "nl-NL")
        for st in doc.styles:
            rpr = st.element.find(qn("w:rPr"))
            if rpr is not None:
                set_fonts(rpr, style.font)
        normal = doc.styles["Normal"]
        normal.font.size = Pt(style.body_size)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.15
        for level, size in enumerate(style.heading_sizes, start=1):
            st = doc.styles[f"Heading {level}"]
            st.font.size = Pt(size)
            st.font.bold = True
            st.font.italic = False
            st.font.color.rgb = accent
            st.paragraph_format.space_before = Pt(14 if level == 1 else 10)
            st.paragraph_format.space_after = Pt(4)
            st.paragraph_format.keep_with_next = True
        title = doc.styles["Title"]
        title.font.size = Pt(style.title_size)
        title.font.color.rgb = accent
        _remove_border(title)
        doc.styles["Subtitle"].font.color.rgb = accent
        doc.styles["Subtitle"].font.size = Pt(style.subtitle_size)
        doc.styles["Subtitle"].font.italic = False
        for name in ("Header", "Footer"):
            doc.styles[name].font.size = Pt(8.5)
            doc.styles[name].font.color.rgb = rgb(style.colours.header_footer)
        for name in ("List Bullet", "List Bullet 2", "List Bullet 3", "List Number", "List Number 2",
                     "List Number 3"):
            doc.styles[name].paragraph_format.space_after = Pt(2)
        if "Hyperlink" not in [s.name for s in doc.styles]:
            link = doc.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
            link.font.color.rgb = rgb(style.colours.link)
            link.font.underline = True
        small = doc.styles.add_style("Kleine tekst", WD_STYLE_TYPE.PARAGRAPH)
        small.base_style = doc.styles["Normal"]
        small.font.size = Pt(8.5)
        small.paragraph_format.space_after = Pt(0)
        # Review builds only: an item's id and spec line, small and grey (contrast 4.5:1 on white).
        bron = doc.styles.add_style("Bron", WD_STYLE_TYPE.PARAGRAPH)
        bron.base_style = doc.styles["Normal"]
        bron.font.size = Pt(7.5)
        bron.font.color.rgb = rgb(style.colours.muted)
        bron.paragraph_format.space_before = Pt(0)
        bron.paragraph_format.space_after = Pt(2)
        # Hyphenation (Dutch, hyphen-nl in LibreOffice): table cells only. A narrow column breaks a long
        # word ('inspanningsgericht', a header) at a syllable with a hyphen instead of mid-word without one;
        # running text stays ragged-right and unhyphenated, as in a letter. Every style inherits Normal's
        # 'no hyphenation'; 'Tabeltekst', the style of every table cell, turns it on.
        _hyphenate(normal.element, False)
        cell = doc.styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
        cell.base_style = normal
        _hyphenate(cell.element, True)
        if self.hyphenate:
            _auto_hyphenation(doc.settings.element)
        # The entries of the table of contents (filled in from the PDF's outline after conversion).
        for level in range(1, 4):
            toc = doc.styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
            toc.base_style = normal
            toc.paragraph_format.left_indent = Mm(5 * (level - 1))
            toc.paragraph_format.space_after = Pt(2)
            toc.element.set(qn("w:styleId"), f"TOC{level}")  # Word's own built-in style, not a custom one
            toc.element.attrib.pop(qn("w:customStyle"), None)
        _fix_numbering(doc, style.font)

    # --- content helpers -----------------------------------------------------------------------
    def p(self, text: str = "", style: str | None = None, *, bold: bool = False) -> Any:
        para = self.doc.add_paragraph(style=style)
        if text:
            para.add_run(text).bold = bold or None
        return para

    def h(self, text: str, level: int = 1) -> Any:
        return self.doc.add_heading(text, level)

    def tag(self, text: str) -> None:
        """A paragraph that holds only a docxtpl block tag ({%p ... %})."""
        self.doc.add_paragraph(text)

    def md(self, expr: str) -> None:
        """A paragraph replaced by rendered Markdown."""
        self.doc.add_paragraph("{{p " + expr + " }}")

    def bron(self, expr: str) -> None:
        """The source line of an item (`KIT-K-04 · kit.yaml:150`), only in a review build."""
        self.tag("{%p if " + expr + " %}")
        self.p("{{ " + expr + " }}", "Bron")
        self.tag("{%p endif %}")

    def bullets(self, loop: str, item: str, style: str = "List Bullet") -> None:
        """One list paragraph per item; a numbered list is a list of its own (it starts at 1, also when
        Markdown lists or other numbered lists precede it)."""
        self.tag("{%p for " + loop + " %}")
        para = self.p("{{ " + item + " }}", style)
        if style.startswith("List Number"):
            self._own_list(para, style)
        self.tag("{%p endfor %}")

    def _own_list(self, para: Any, style: str) -> None:
        num_pr = self.doc.styles[style].element.pPr.numPr
        numbering = self.doc.part.numbering_part.element
        abstract_id = numbering.num_having_numId(num_pr.numId.val).abstractNumId.val
        ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        para_num = para._p.get_or_add_pPr().get_or_add_numPr()
        para_num.get_or_add_ilvl().val = ilvl
        para_num.get_or_add_numId().val = new_list(numbering, abstract_id, ilvl)

    def table(self, headers: list[str], cells: list[str], loop: str | None, *, widths: list[float] | None = None,
              cell_md: frozenset[int] | set[int] = frozenset(), bron: dict[int, str] | None = None,
              amounts: frozenset[int] | set[int] = frozenset(), plain: frozenset[int] | set[int] = frozenset()) -> None:
        """A table with a repeated, marked header row and one templated row per item of `loop`. Columns
        in `amounts` hold amounts: right-aligned, header too, so the decimal commas line up (every amount
        has two decimals); give them room for the widest amount, which never breaks (its spaces are
        no-break spaces). Cells hyphenate (style Tabeltekst), except the body cells of `amounts` and of
        `plain`, the columns of dates and periods: 'decem-ber' would split a date."""
        # header row, then either one fixed row or the loop's start row, templated row and end row
        table = self.doc.add_table(rows=(1 + (3 if loop else 1)), cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        header = table.rows[0]
        _mark_header(header)
        for cell, text in zip(header.cells, headers):
            cell.paragraphs[0].add_run(text).bold = True
            shade(cell, self.style.colours.header_fill)
        if loop:
            start, body, end = table.rows[1], table.rows[2], table.rows[3]
            start.cells[0].paragraphs[0].add_run("{%tr for " + loop + " %}")
            end.cells[0].paragraphs[0].add_run("{%tr endfor %}")
        else:
            body = table.rows[1]
        for i, (cell, text) in enumerate(zip(body.cells, cells)):
            if i in cell_md:
                cell.paragraphs[0].add_run("{{p " + text + " }}")
            elif text.startswith("{%p for"):
                # a list inside a cell: one paragraph per item
                loop_expr, item = text[len("{%p for "):].split(" %}", 1)
                cell.paragraphs[0].add_run("{%p for " + loop_expr + " %}")
                cell.add_paragraph(item.strip())
                cell.add_paragraph("{%p endfor %}")
            else:
                cell.paragraphs[0].add_run(text)
            if bron and i in bron:
                cell.add_paragraph("{%p if " + bron[i] + " %}")
                cell.add_paragraph("{{ " + bron[i] + " }}", "Bron")
                cell.add_paragraph("{%p endif %}")
        for row in table.rows:
            for i, cell in enumerate(row.cells):
                for para in cell.paragraphs:
                    if para.style.name == "Normal" and (row._tr is header._tr or i not in amounts | plain):
                        para.style = TABLE_TEXT
        for row in (header, body):
            for i in amounts:
                for para in row.cells[i].paragraphs:
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if widths:
            set_widths(table, widths)
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)

    def kv_table(self, rows: list[tuple[str, str]]) -> None:
        """A two-column table of labels and values, no header row (a title page block)."""
        table = self.doc.add_table(rows=len(rows), cols=2)
        table.style = self.doc.styles["Table Grid"]
        for row, (label, value) in zip(table.rows, rows):
            row.cells[0].paragraphs[0].add_run(label).bold = True
            shade(row.cells[0], self.style.colours.header_fill)
            row.cells[1].paragraphs[0].add_run(value)
            for cell in row.cells:
                cell.paragraphs[0].style = TABLE_TEXT
        set_widths(table, [4.5, 11.5])
        self.doc.add_paragraph()

    def page_break(self) -> None:
        """Start the next content on a new page (a paragraph with 'page break before': LibreOffice
        renders a paragraph holding only a break after a table of contents as an extra empty page)."""
        para = self.doc.add_paragraph()
        para.paragraph_format.page_break_before = True
        para.paragraph_format.space_after = Pt(0)

    def toc(self) -> None:
        self.p("Inhoudsopgave", "TOC Heading")
        para = self.doc.add_paragraph()
        field(para, 'TOC \\o "1-3" \\h \\z \\u', "De inhoudsopgave wordt bijgewerkt bij het maken van de PDF "
              "(in Word: rechtsklik → Veld bijwerken).")

    def running_header(self, left: str, date: str = "{{ datum }}", *, examples: bool = True) -> None:
        """Header: document name, a diagonal CONCEPT watermark for drafts and (with `examples`) a VOORBEELD mark when
        the document shows an example value; footer: version, `date` (the dossier's date; a letter's own
        date for a letter) and page X of Y."""
        section = self.doc.sections[0]
        hp = section.header.paragraphs[0]
        hp.add_run(left)
        watermark(hp, "CONCEPT", "concept", self.style)
        if examples:
            mark = hp.add_run(EXAMPLE_MARK)
            mark.bold = True
            mark.font.color.rgb = rgb(self.style.colours.concept)
        fp = section.footer.paragraphs[0]
        fp.add_run(f"{{{{ opdrachtgever }}}} · versie {{{{ versie }}}} ({{{{ status }}}}) · {date} · pagina ")
        field(fp, "PAGE", "1")
        fp.add_run(" van ")
        field(fp, "NUMPAGES", "1")

    def to_bytes(self) -> bytes:
        """The template as a .docx file; the same builder and style give the same bytes."""
        self.doc.core_properties.title = ""
        self.doc.core_properties.author = ""
        self.doc.core_properties.language = "nl-NL"
        self.doc.core_properties.created = self.doc.core_properties.modified = TEMPLATE_DATE
        self.doc.core_properties.comments = ""
        _drop_leftovers(self.doc)
        _drop_unused_table_styles(self.doc)
        buffer = io.BytesIO()
        self.doc.save(buffer)
        # fixed dates and entry order, so regenerating does not make every document look changed
        return reproducible_zip(buffer.getvalue())


_WATERMARK = """<w:r {ns}><w:rPr><w:noProof/></w:rPr><w:pict>
<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">
<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>
<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/>
<v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/>
<v:f eqn="sum @6 0 @5"/></v:formulas>
<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>
<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>
<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>
<v:shape id="PowerPlusWaterMarkObject{n}" o:spid="_x0000_s{spid}" type="#_x0000_t136" style="position:absolute;margin-left:0;margin-top:0;width:425pt;height:106pt;rotation:315;z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:page;mso-position-vertical:center;mso-position-vertical-relative:page" o:allowincell="f" alt="{alt}" fillcolor="#{colour}" stroked="f">
<v:fill opacity=".2"/><v:textpath style="font-family:&quot;{font}&quot;;font-size:1pt" string="{text}"/>
</v:shape></w:pict></w:r>"""


WATERMARK_ALT = "Watermerk: "
"""The text alternative of a watermark shape. LibreOffice tags a header's shape as a Figure; the PDF's
normalisation (dossier.pdf.normalize) turns a Figure with this alternative into an artifact."""


def watermark(paragraph: Any, text: str, condition: str, style: HouseStyle, n: int = 1) -> None:
    """A diagonal watermark (Word's, a VML text shape behind the page) in a header paragraph, shown when
    the Jinja `condition` holds: on every page that header is on, and in the PDF drawn in the header, so an
    artifact, not content a screen reader reads."""
    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"')
    paragraph.add_run("{%r if " + condition + " %}")
    paragraph._p.append(parse_xml(_WATERMARK.format(ns=ns, n=n, spid=2048 + n, colour=style.colours.concept,
                                                    font=style.font, text=text, alt=WATERMARK_ALT + text)))
    paragraph.add_run("{%r endif %}")


_APP_XML = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
<Application>dossier</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>\
<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>\
</Properties>"""
"""Extended properties without counts (Word computes them) and naming the program that made the file."""

_LEFTOVERS = ("http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
              "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
              "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml")


def _drop_leftovers(doc: Any) -> None:
    """Remove what python-docx's default template brings along: a stylesWithEffects.xml that contradicts
    styles.xml, a blank thumbnail, a bibliography customXml; and an app.xml claiming Word for Mac."""
    package = doc.part.package
    for owner in (package, doc.part):
        for rid, rel in list(owner.rels.items()):
            if rel.reltype in _LEFTOVERS:
                owner.rels.pop(rid)
    for rel in package.rels.values():
        if rel.reltype.endswith("/extended-properties"):
            rel.target_part._blob = _APP_XML


TABLE_STYLES_KEPT = {"TableNormal", "TableGrid"}
"""The table styles every template keeps: Word's default and the one Markdown tables use."""


def _drop_unused_table_styles(doc: Any) -> None:
    """Remove the hundred table styles of python-docx's default template that no table uses (317 of its
    358 kB of styles.xml): every document made from the template carries them, and LibreOffice and
    python-docx read them for every document. Word still offers its built-in table styles (the latent
    styles stay)."""
    used = set(TABLE_STYLES_KEPT)
    parts = [doc.part, *(rel.target_part for rel in doc.part.rels.values()
                         if rel.reltype.endswith(("/header", "/footer")))]
    for part in parts:
        used.update(el.get(qn("w:val")) for el in part.element.iter(qn("w:tblStyle")))
    styles = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    for style_id in list(used):  # and what they are based on
        while style_id in by_id and (based := by_id[style_id].find(qn("w:basedOn"))) is not None:
            style_id = based.get(qn("w:val"))
            used.add(style_id)
    for style_id, style in by_id.items():
        if style.get(qn("w:type")) == "table" and style_id not in used:
            styles.remove(style)


_AFTER_SUPPRESS_AUTO_HYPHENS = (
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_HYPHENATION_SETTINGS = (
    "w:autoHyphenation", "w:consecutiveHyphenLimit", "w:hyphenationZone", "w:doNotHyphenateCaps", "w:showEnvelope", "w:summaryLength",
    "w:clickAndTypeStyle", "w:defaultTableStyle", "w:evenAndOddHeaders", "w:bookFoldRevPrinting", "w:bookFoldPrinting",
    "w:bookFoldPrintingSheets", "w:drawingGridHorizontalSpacing", "w:drawingGridVerticalSpacing",
    "w:displayHorizontalDrawingGridEvery", "w:displayVerticalDrawingGridEvery", "w:doNotUseMarginsForDrawingGridOrigin",
    "w:drawingGridHorizontalOrigin", "w:drawingGridVerticalOrigin", "w:doNotShadeFormData", "w:noPunctuationKerning",
    "w:characterSpacingControl")


def _hyphenate(style: Any, on: bool) -> None:
    """Whether a paragraph style's words may be hyphenated (w:suppressAutoHyphens, in schema order)."""
    ppr = style.get_or_add_pPr()
    el = ppr.find(qn("w:suppressAutoHyphens"))
    if el is None:
        el = OxmlElement("w:suppressAutoHyphens")
        ppr.insert_element_before(el, *_AFTER_SUPPRESS_AUTO_HYPHENS)
    el.set(qn("w:val"), "0" if on else "1")


def _auto_hyphenation(settings: Any) -> None:
    """Turn on automatic hyphenation for the document (each style decides), at most two hyphenated lines in
    a row, no hyphens in words in capitals (abbreviations); the theme's language Dutch."""
    for tag, value in (("w:doNotHyphenateCaps", None), ("w:consecutiveHyphenLimit", "2"),
                       ("w:autoHyphenation", None)):
        el = OxmlElement(tag)
        if value is not None:
            el.set(qn("w:val"), value)
        settings.insert_element_before(el, *_HYPHENATION_SETTINGS[_HYPHENATION_SETTINGS.index(tag) + 1:])
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), "nl-NL")


def set_widths(table: Any, widths: list[float]) -> None:
    """Column widths in cm, in the grid (LibreOffice reads it) and in every cell (Word reads those)."""
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(width * 567)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)


def set_fonts(rpr: Any, font: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)


def _remove_border(style: Any) -> None:
    ppr = style.element.find(qn("w:pPr"))
    if ppr is not None:
        for el in ppr.findall(qn("w:pBdr")):
            ppr.remove(el)


def _fix_numbering(doc: Any, font: str) -> None:
    """Bullets in the house font (the default template uses Symbol, which is not installed)."""
    numbering = doc.part.numbering_part.element
    glyphs = ["•", "–", "◦"]
    for abstract in numbering.findall(qn("w:abstractNum")):
        for lvl in abstract.findall(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt"))
            rpr = lvl.find(qn("w:rPr"))
            if fmt is not None and fmt.get(qn("w:val")) == "bullet":
                ilvl = int(lvl.get(qn("w:ilvl")))
                lvl.find(qn("w:lvlText")).set(qn("w:val"), glyphs[ilvl % 3])
                if rpr is None:
                    rpr = OxmlElement("w:rPr")
                    lvl.append(rpr)
            if rpr is not None:
                set_fonts(rpr, font)


def _mark_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))  # on by its presence (w:val="true" is not in the schema's ST_OnOff)
    cant = OxmlElement("w:cantSplit")
    trpr.append(cant)


def shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def field(paragraph: Any, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES, TOC) with the text shown until it is updated."""
    def run_with(child: Any) -> Any:
        run = paragraph.add_run()
        run._r.append(child)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)
