"""Write the house-style .docx templates in this folder (run: python templates/make_templates.py).

The committed .docx files are what writers edit in Word or LibreOffice; this script is how the
first versions were made, and shows which styles and tags each template uses. Jinja tags are
docxtpl's: {{ value }}, {{p markdown }} (a whole paragraph becomes Markdown), {%p if %} / {%p for %}
around paragraphs, {%tr for %} around table rows.
"""

from __future__ import annotations

import io
import sys
from datetime import datetime, timezone
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from dossier.render.docx import reproducible_zip  # noqa: E402

TEMPLATE_DATE = datetime(2024, 1, 1, tzinfo=timezone.utc)
FONT = "Liberation Sans"
NAVY = RGBColor(0x1F, 0x4E, 0x79)
HEADER_FILL = "D9E2F3"
GREY = RGBColor(0x76, 0x76, 0x76)


class Template:
    """A house-style document under construction."""

    def __init__(self) -> None:
        self.doc = Document()
        self._house_style()

    # --- styles --------------------------------------------------------------------------------
    def _house_style(self) -> None:
        doc = self.doc
        section = doc.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
        section.header_distance = section.footer_distance = Cm(1.2)
        styles = doc.styles.element
        rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _set_fonts(rpr_default)
        lang = rpr_default.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr_default.append(lang)
        for attr in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attr), "nl-NL")
        for style in doc.styles:
            rpr = style.element.find(qn("w:rPr"))
            if rpr is not None:
                _set_fonts(rpr)
        normal = doc.styles["Normal"]
        normal.font.size = Pt(10.5)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.15
        for level, size in ((1, 16), (2, 13), (3, 11.5), (4, 10.5)):
            st = doc.styles[f"Heading {level}"]
            st.font.size = Pt(size)
            st.font.bold = True
            st.font.italic = False
            st.font.color.rgb = NAVY
            st.paragraph_format.space_before = Pt(14 if level == 1 else 10)
            st.paragraph_format.space_after = Pt(4)
            st.paragraph_format.keep_with_next = True
        title = doc.styles["Title"]
        title.font.size = Pt(26)
        title.font.color.rgb = NAVY
        _remove_border(title)
        doc.styles["Subtitle"].font.color.rgb = NAVY
        doc.styles["Subtitle"].font.size = Pt(15)
        doc.styles["Subtitle"].font.italic = False
        for name in ("Header", "Footer"):
            doc.styles[name].font.size = Pt(8.5)
            doc.styles[name].font.color.rgb = RGBColor(0x44, 0x44, 0x44)
        for name in ("List Bullet", "List Bullet 2", "List Bullet 3", "List Number", "List Number 2",
                     "List Number 3"):
            doc.styles[name].paragraph_format.space_after = Pt(2)
        if "Hyperlink" not in [s.name for s in doc.styles]:
            link = doc.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
            link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
            link.font.underline = True
        small = doc.styles.add_style("Kleine tekst", WD_STYLE_TYPE.PARAGRAPH)
        small.base_style = doc.styles["Normal"]
        small.font.size = Pt(8.5)
        small.paragraph_format.space_after = Pt(0)
        # Review builds only: an item's id and spec line, small and grey (contrast 4.5:1 on white).
        bron = doc.styles.add_style("Bron", WD_STYLE_TYPE.PARAGRAPH)
        bron.base_style = doc.styles["Normal"]
        bron.font.size = Pt(7.5)
        bron.font.color.rgb = GREY
        bron.paragraph_format.space_before = Pt(0)
        bron.paragraph_format.space_after = Pt(2)
        _fix_numbering(doc)

    # --- content helpers -----------------------------------------------------------------------
    def p(self, text: str = "", style: str | None = None, *, bold: bool = False):  # type: ignore[no-untyped-def]
        para = self.doc.add_paragraph(style=style)
        if text:
            para.add_run(text).bold = bold or None
        return para

    def h(self, text: str, level: int = 1):  # type: ignore[no-untyped-def]
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
        self.tag("{%p for " + loop + " %}")
        self.p("{{ " + item + " }}", style)
        self.tag("{%p endfor %}")

    def table(self, headers: list[str], cells: list[str], loop: str | None, *, widths: list[float] | None = None,
              cell_md: set[int] = frozenset(), bron: dict[int, str] | None = None) -> None:  # type: ignore[assignment]
        """A table with a repeated, marked header row and one templated row per item of `loop`."""
        # header row, then either one fixed row or the loop's start row, templated row and end row
        table = self.doc.add_table(rows=(1 + (3 if loop else 1)), cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        header = table.rows[0]
        _mark_header(header)
        for cell, text in zip(header.cells, headers):
            cell.paragraphs[0].add_run(text).bold = True
            _shade(cell, HEADER_FILL)
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
        if widths:
            _widths(table, widths)
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)

    def kv_table(self, rows: list[tuple[str, str]]) -> None:
        """A two-column table of labels and values, no header row (a title page block)."""
        table = self.doc.add_table(rows=len(rows), cols=2)
        table.style = self.doc.styles["Table Grid"]
        for row, (label, value) in zip(table.rows, rows):
            row.cells[0].paragraphs[0].add_run(label).bold = True
            _shade(row.cells[0], HEADER_FILL)
            row.cells[1].paragraphs[0].add_run(value)
        _widths(table, [4.5, 11.5])
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
        _field(para, 'TOC \\o "1-3" \\h \\z \\u', "De inhoudsopgave wordt bijgewerkt bij het maken van de PDF "
               "(in Word: rechtsklik → Veld bijwerken).")

    def running_header(self, left: str) -> None:
        """Header: document name and a CONCEPT mark for drafts; footer: version and page X of Y."""
        section = self.doc.sections[0]
        hp = section.header.paragraphs[0]
        hp.add_run(left)
        mark = hp.add_run("{% if concept %}   CONCEPT{% endif %}")
        mark.bold = True
        mark.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
        fp = section.footer.paragraphs[0]
        fp.add_run("{{ opdrachtgever }} · versie {{ versie }} ({{ status }}) · {{ datum }} · pagina ")
        _field(fp, "PAGE", "1")
        fp.add_run(" van ")
        _field(fp, "NUMPAGES", "1")

    def save(self, name: str) -> None:
        self.doc.core_properties.title = ""
        self.doc.core_properties.author = ""
        self.doc.core_properties.language = "nl-NL"
        self.doc.core_properties.created = self.doc.core_properties.modified = TEMPLATE_DATE
        buffer = io.BytesIO()
        self.doc.save(buffer)
        # the same script gives the same bytes, so regenerating does not make every document look changed
        (HERE / "standaard" / name).write_bytes(reproducible_zip(buffer.getvalue()))
        print(f"templates/standaard/{name}")


def _widths(table, widths: list[float]) -> None:  # type: ignore[no-untyped-def]
    """Column widths in cm, in the grid (LibreOffice reads it) and in every cell (Word reads those)."""
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(width * 567)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)


def _set_fonts(rpr) -> None:  # type: ignore[no-untyped-def]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _remove_border(style) -> None:  # type: ignore[no-untyped-def]
    ppr = style.element.find(qn("w:pPr"))
    if ppr is not None:
        for el in ppr.findall(qn("w:pBdr")):
            ppr.remove(el)


def _fix_numbering(doc) -> None:  # type: ignore[no-untyped-def]
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
                _set_fonts(rpr)


def _mark_header(row) -> None:  # type: ignore[no-untyped-def]
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)
    cant = OxmlElement("w:cantSplit")
    trpr.append(cant)


def _shade(cell, fill: str) -> None:  # type: ignore[no-untyped-def]
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _field(paragraph, instruction: str, placeholder: str) -> None:  # type: ignore[no-untyped-def]
    def run_with(child):  # type: ignore[no-untyped-def]
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


def title_page(t: Template, subtitle: str) -> None:
    t.p("{{ dossier }}", "Title")
    t.p(subtitle, "Subtitle")
    t.p("")
    t.kv_table([("Regio", "{{ regio }}"), ("Opdrachtgever", "{{ opdrachtgever }}"),
                ("Versie", "{{ versie }}"), ("Status", "{{ status }}"), ("Datum", "{{ datum }}")])


def planning_tables(t: Template, heading: str, level: int) -> None:
    """The phases with their periods and, when there are any, the milestones with their dates."""
    t.p(heading, f"Heading {level}")
    t.table(["Periode", "Fase"], ["{{ f.periode }}", "{{ f.naam }}"], "f in planning.fasen", widths=[5.5, 10.5])
    t.tag("{%p if planning.mijlpalen %}")
    t.table(["Mijlpaal", "Datum"], ["{{ m.soort }}", "{{ m.datum }}"], "m in planning.mijlpalen",
            widths=[8.0, 8.0])
    t.tag("{%p endif %}")


def deelname_exceptions(t: Template) -> None:
    """Each municipality that does not or only partly take part, with its explanation."""
    t.tag("{%p for r in deelname %}")
    t.tag("{%p for u in r.uitzonderingen %}")
    t.p("{{ r.deelsegment }}: {{ u.gemeente }} {{ u.deelname }}", "Heading 3")
    t.md("u.toelichting")
    t.tag("{%p endfor %}")
    t.tag("{%p endfor %}")


def risks(t: Template, *, measures: bool) -> None:
    t.tag("{%p if risicos %}")
    t.h("Risico’s", 1)
    t.tag("{%p for r in risicos %}")
    t.p("{{ r.titel }}", "Heading 3")
    t.md("r.omschrijving")
    if measures:
        t.tag("{%p if r.beheersmaatregel %}")
        t.p("Beheersmaatregel:", bold=True)
        t.md("r.beheersmaatregel")
        t.tag("{%p endif %}")
    t.tag("{%p endfor %}")
    t.tag("{%p endif %}")


def letter_headers(section, label: str, value: str) -> None:  # type: ignore[no-untyped-def]
    """A letter's first page carries only the CONCEPT mark; the next pages 'Bladnummer N' and the
    letter's reference (seed 002)."""
    section.different_first_page_header_footer = True
    hp = section.header.paragraphs[0]
    hp.add_run("Bladnummer ").bold = True
    _field(hp, "PAGE", "2")
    hp.add_run(f"    {label} ").bold = True
    hp.add_run(value)
    hp.add_run("{% if concept %}   CONCEPT{% endif %}").bold = True
    section.first_page_header.paragraphs[0].add_run("{% if concept %}CONCEPT{% endif %}").bold = True


def letter_body(t: Template) -> None:
    """Salutation and the letter's own sections."""
    t.p("{{ brief.aanhef }}")
    t.tag("{%p for s in brief.secties %}")
    t.p("{{ s.titel }}", "Heading 2")
    t.md("s.tekst")
    t.tag("{%p endfor %}")


def letter_attachments(t: Template) -> None:
    t.tag("{%p if brief.bijlagen %}")
    t.p("Bijlagen:", bold=True)
    t.bullets("b in brief.bijlagen", "b", "List Number")
    t.tag("{%p endif %}")


def make_bestek() -> None:
    t = Template()
    t.running_header("{{ dossier }} · {{ titel }}")
    title_page(t, "{{ titel }}")
    t.toc()
    t.page_break()

    t.h("Inleiding", 1)
    t.p("Dit bestek beschrijft de inkoop van het segment {{ segment.naam }} binnen {{ dossier }}. "
        "Opdrachtgever is {{ opdrachtgever }}.")
    t.tag("{%p for s in segment.secties %}")
    t.p("{{ s.titel }}", "Heading 2")
    t.md("s.tekst")
    t.tag("{%p endfor %}")

    t.tag("{%p if begrippen %}")
    t.h("Begrippen", 1)
    t.p("In dit bestek hebben de volgende begrippen deze betekenis.")
    t.table(["Begrip", "Betekenis"], ["{{ b.term }}", "b.definitie"], "b in begrippen", widths=[4.5, 11.5],
            cell_md={1}, bron={0: "b.bron"})
    t.tag("{%p endif %}")

    t.h("Reikwijdte", 1)
    t.h("Het segment {{ segment.naam }}", 2)
    t.md("segment.definitie")
    t.tag("{%p if segment.tactische_doelen %}")
    t.h("Tactische doelen", 2)
    t.bullets("doel in segment.tactische_doelen", "doel")
    t.tag("{%p endif %}")
    t.h("Deelsegmenten", 2)
    t.tag("{%p for ds in deelsegmenten %}")
    t.p("{{ ds.naam }}", "Heading 3")
    t.bron("ds.bron")
    t.md("ds.definitie")
    t.tag("{%p if ds.verbijzonderingen %}")
    t.p("Verbijzonderingen van {{ ds.naam }}:", bold=True)
    t.tag("{%p for v in ds.verbijzonderingen %}")
    t.p("{{ v.naam }}", "Heading 4")
    t.bron("v.bron")
    t.md("v.definitie")
    t.tag("{%p endfor %}")
    t.tag("{%p endif %}")
    t.tag("{%p endfor %}")

    t.h("Procedure", 1)
    t.h("Inkoopvorm", 2)
    t.table(["Deelsegment", "Was", "Wordt", "Reden"],
            ["{{ r.deelsegment }}", "{{ r.was }}", "{{ r.wordt }}", "{%p for x in r.redenen %} {{ x }}"],
            "r in inkoopvormen", widths=[3.8, 2.6, 3.6, 6.0])
    t.tag("{%p if not doorlopende_inschrijving %}")
    t.p("Er is geen doorlopende inschrijving: na de sluiting van de inschrijving kunnen aanbieders zich "
        "alleen inschrijven als de toelating opnieuw wordt opengesteld, zoals hieronder per deelsegment "
        "beschreven.")
    t.tag("{%p endif %}")
    t.tag("{%p for r in toelating %}")
    t.p("Heropening van de toelating: {{ r.deelsegment }}", "Heading 3")
    t.md("r.heropening")
    t.tag("{%p endfor %}")
    t.tag("{%p for r in aanbesteding %}")
    t.p("Gunningscriteria: {{ r.deelsegment }}", "Heading 3")
    t.tag("{%p if r.max_aanbieders %}")
    t.p("Er wordt gegund aan ten hoogste {{ r.max_aanbieders }} aanbieders.")
    t.tag("{%p endif %}")
    t.table(["Criterium", "Weging (punten)"], ["{{ c.naam }}", "{{ c.weging }}"], "c in r.criteria",
            widths=[11.0, 5.0])
    t.tag("{%p endfor %}")
    planning_tables(t, "Planning", 2)

    t.h("Contract", 1)
    t.kv_table([("Ingangsdatum", "{{ contract.ingangsdatum }}"), ("Looptijd", "{{ contract.looptijd }}"),
                ("Einddatum", "{{ contract.einddatum }}")])
    t.tag("{%p if contract.verlenging %}")
    t.p("Verlenging: {{ contract.verlenging }}.")
    t.tag("{%p endif %}")

    t.h("Bekostiging", 1)
    t.table(["Onderdeel", "Was", "Wordt", "Uitvoeringsvariant"],
            ["{{ b.onderdeel }}", "{{ b.was }}", "{{ b.vorm }}", "{{ b.uitvoeringsvariant }}"],
            "b in bekostiging", widths=[4.5, 3.5, 4.5, 3.5])
    t.tag("{%p if tarieven %}")
    t.h("Tarieven", 2)
    t.table(["Onderdeel", "Omschrijving", "Tarief", "Eenheid", "Vanaf"],
            ["{{ r.onderdeel }}", "{{ r.omschrijving }}", "{{ r.bedrag }}", "{{ r.eenheid }}", "{{ r.ingangsdatum }}"],
            "r in tarieven", widths=[3.3, 4.7, 2.8, 2.4, 2.8], bron={1: "r.bron"})
    t.tag("{%p endif %}")
    t.tag("{%p if voorwaarden %}")
    t.h("Voorwaarden", 2)
    t.tag("{%p for v in voorwaarden %}")
    t.p("{{ v.onderdeel }}", "Heading 3")
    t.tag("{%p for item in v.regels %}")
    t.md("item")
    t.tag("{%p endfor %}")
    t.tag("{%p endfor %}")
    t.tag("{%p endif %}")

    t.h("{{ kit }}", 1)
    t.md("kit_inleiding")
    t.tag("{%p for e in kit_eisen %}")
    t.p("{{ e.id }} {{ e.titel }}", "Heading 3")
    t.bron("e.bron")
    t.p("Soort eis: {{ e.soort }}{% if e.alle_aanbieders %}; geldt voor alle aanbieders{% endif %}.", "Kleine tekst")
    t.md("e.tekst")
    t.p("Bewijs dat de aanbieder aanlevert:", bold=True)
    t.bullets("x in e.bewijs", "x")
    t.tag("{%p endfor %}")

    t.h("Deelnemende gemeenten", 1)
    t.table(["Deelsegment", "Deelnemende gemeenten"], ["{{ r.deelsegment }}", "{{ r.deelnemers }}"],
            "r in deelname", widths=[6.0, 10.0])
    deelname_exceptions(t)

    t.h("Leveranciersmanagement", 1)
    t.md("leveranciersmanagement.toelichting")
    t.p("Aanbieders rapporteren {{ leveranciersmanagement.rapportage }}.")
    t.tag("{%p if leveranciersmanagement.kpis %}")
    t.table(["Indicator", "Omschrijving", "Frequentie"], ["{{ k.naam }}", "{{ k.omschrijving }}", "{{ k.frequentie }}"],
            "k in leveranciersmanagement.kpis", widths=[4.0, 9.0, 3.0])
    t.tag("{%p endif %}")

    t.h("Toegang", 1)
    t.md("toegang")

    risks(t, measures=True)
    t.save("bestek.docx")


def make_samenvatting() -> None:
    t = Template()
    t.running_header("{{ dossier }} · {{ titel }}")
    title_page(t, "{{ titel }}")
    t.toc()
    t.page_break()
    t.tag("{%p for s in secties %}")
    t.p("{{ s.titel }}", "Heading 1")
    t.md("s.tekst")
    t.tag("{%p endfor %}")
    t.tag("{%p if leidende_principes %}")
    t.h("Leidende principes", 1)
    t.bullets("x in leidende_principes", "x", "List Number")
    t.tag("{%p endif %}")
    t.tag("{%p if strategische_doelen %}")
    t.h("Strategische doelen", 1)
    t.bullets("x in strategische_doelen", "x", "List Number")
    t.tag("{%p endif %}")
    t.h("Segmenten en deelsegmenten", 1)
    t.table(["Segment", "Deelsegmenten"], ["{{ s.segment }}", "{%p for x in s.deelsegmenten %} {{ x }}"],
            "s in segmenten", widths=[5.0, 11.0])
    t.h("Inkoopvorm", 1)
    t.table(["Segment", "Deelsegment", "Was", "Wordt", "Reden"],
            ["{{ r.segment }}", "{{ r.deelsegment }}", "{{ r.was }}", "{{ r.wordt }}", "{%p for x in r.redenen %} {{ x }}"],
            "r in inkoopvormen", widths=[2.6, 3.2, 2.4, 3.2, 4.6])
    t.h("Bekostiging", 1)
    t.table(["Segment", "Onderdeel", "Was", "Wordt", "Uitvoeringsvariant"],
            ["{{ r.segment }}", "{{ r.onderdeel }}", "{{ r.was }}", "{{ r.wordt }}", "{{ r.uitvoeringsvariant }}"],
            "r in bekostiging", widths=[2.6, 3.8, 3.0, 3.6, 3.0])
    t.h("Deelnemende gemeenten", 1)
    t.table(["Segment", "Deelsegment", "Deelnemende gemeenten"],
            ["{{ r.segment }}", "{{ r.deelsegment }}", "{{ r.deelnemers }}"], "r in deelname", widths=[3.0, 5.0, 8.0])
    deelname_exceptions(t)
    t.h("Kwaliteit en integriteit", 1)
    t.md("kit_inleiding")
    risks(t, measures=False)
    planning_tables(t, "Planning", 1)
    t.p("Het contract gaat in op {{ contract.ingangsdatum }} en heeft een looptijd van {{ contract.looptijd }}.")
    t.save("samenvatting.docx")


def _letter_footer(t: Template, first_footer) -> None:  # type: ignore[no-untyped-def]
    para = first_footer.paragraphs[0]
    para.add_run("Vermeld altijd het zaaknummer als u contact opneemt met de gemeente.").bold = True
    line = first_footer.add_paragraph()
    line.add_run("Bezoekadres ").bold = True
    line.add_run("{{ gemeente.bezoekadres[0] }}, {{ gemeente.bezoekadres[1] }}   ")
    line.add_run("E-mailadres ").bold = True
    line.add_run("{{ gemeente.email }}   ")
    line.add_run("Telefoonnummer ").bold = True
    line.add_run("{{ gemeente.telefoon }}")


def _signature(t: Template, left: tuple[str, str], right: tuple[str, str]) -> None:
    table = t.doc.add_table(rows=3, cols=2)
    for col, (functie, naam) in enumerate((left, right)):
        table.rows[0].cells[col].paragraphs[0].add_run(functie)
        table.rows[1].cells[col].paragraphs[0].add_run("")
        table.rows[2].cells[col].paragraphs[0].add_run(naam)
    t.p("")


def make_raadsbrief() -> None:
    t = Template()
    section = t.doc.sections[0]
    letter_headers(section, "Zaaknummer", "{{ gemeente.zaaknummer }}")
    _letter_footer(t, section.first_page_footer)
    section.footer.paragraphs[0].add_run("Vermeld altijd het zaaknummer als u contact opneemt met de gemeente.")

    t.tag("{%p if gemeente_logo %}")
    t.p("{{ gemeente_logo }}")
    t.tag("{%p endif %}")
    head = t.p("")
    head.add_run("{{r briefhoofd }}")
    t.p("")
    t.p("Gemeenteraad van {{ gemeente.naam }}", "No Spacing")
    t.tag("{%p for regel in gemeente.postadres %}")
    t.p("{{ regel }}", "No Spacing")
    t.tag("{%p endfor %}")
    t.p("")
    table = t.doc.add_table(rows=2, cols=4)
    for cell, label in zip(table.rows[0].cells, ["Onderwerp", "Zaaknummer", "Uw kenmerk", "Datum"]):
        cell.paragraphs[0].add_run(label).bold = True
    for cell, value in zip(table.rows[1].cells, ["{{ brief.onderwerp }}", "{{ gemeente.zaaknummer }}",
                                                 "{{ gemeente.kenmerk }}", "{{ brief.datum }}"]):
        cell.paragraphs[0].add_run(value)
    _widths(table, [7.0, 3.0, 3.0, 3.0])
    t.p("")
    letter_body(t)
    t.p("Deelname van {{ gemeente.naam }}", "Heading 2")
    t.p("{{ deelname.intro }}")
    t.tag("{%p for u in deelname.uitzonderingen %}")
    t.p("{{ u.zin }}", "List Bullet")
    t.tag("{%p if u.toelichting %}")
    t.md("u.toelichting")
    t.tag("{%p endif %}")
    t.tag("{%p endfor %}")
    t.tag("{%p for s in lokale_paragrafen %}")
    t.p("{{ s.titel }}", "Heading 2")
    t.md("s.tekst")
    t.tag("{%p endfor %}")
    planning_tables(t, "Planning", 2)
    t.p("{{ brief.slot }}")
    t.p("")
    t.p("Burgemeester en wethouders van {{ gemeente.naam }},")
    _signature(t, ("de secretaris,", "{{ gemeente.secretaris }}"), ("de burgemeester,", "{{ gemeente.burgemeester }}"))
    letter_attachments(t)
    t.save("raadsbrief.docx")


def make_collegebrief() -> None:
    t = Template()
    section = t.doc.sections[0]
    letter_headers(section, "Ons kenmerk", "{{ brief.ons_kenmerk }}")
    section.first_page_footer.paragraphs[0].add_run("{{ opdrachtgever }}")
    head = t.p("{{ opdrachtgever }}", "Subtitle")
    head.paragraph_format.space_after = Pt(18)
    t.tag("{%p for regel in geadresseerde %}")
    t.p("{{ regel }}", "No Spacing")
    t.tag("{%p endfor %}")
    t.p("")
    table = t.doc.add_table(rows=4, cols=3)
    cells = [("Uw kenmerk", ""), ("Ons kenmerk", "{{ brief.ons_kenmerk }}"), ("Datum", "{{ brief.datum }}"),
             ("Onderwerp", "{{ brief.onderwerp }}"), ("Bijlage(n)", "{{ aantal_bijlagen }}"),
             ("Behandeld door", "{{ brief.behandeld_door }}")]
    for i, (label, value) in enumerate(cells):
        cell = table.rows[(i // 3) * 2].cells[i % 3]
        cell.paragraphs[0].add_run(label).bold = True
        table.rows[(i // 3) * 2 + 1].cells[i % 3].paragraphs[0].add_run(value)
    t.p("")
    letter_body(t)
    t.p("{{ brief.slot }}")
    t.p("{{ afzender }}")
    t.p("")
    t.tag("{%p for o in ondertekening %}")
    t.p("{{ o.functie }}", "No Spacing")
    t.p("{{ o.naam }}")
    t.tag("{%p endfor %}")
    letter_attachments(t)
    t.save("collegebrief.docx")


def make_besluit() -> None:
    t = Template()
    t.running_header("{{ opdrachtgever }} · {{ soort }} · kenmerk {{ kenmerk }}")
    t.p("{{ opdrachtgever }}", "Subtitle")
    t.p("")
    t.p("{{ aanbieder.naam }}", "No Spacing")
    t.p("t.a.v. {{ aanbieder.contactpersoon }}", "No Spacing")
    t.tag("{%p for regel in aanbieder.adres %}")
    t.p("{{ regel }}", "No Spacing")
    t.tag("{%p endfor %}")
    t.p("")
    t.kv_table([("Kenmerk", "{{ kenmerk }}"), ("Datum van verzending", "{{ verzonden }}"),
                ("KvK-nummer aanbieder", "{{ aanbieder.kvk }}"), ("Betreft", "{{ dossier }}")])
    t.p("{{ soort }}", "Title")
    t.p("{{ aanhef }}")
    t.p("U heeft zich ingeschreven voor {{ dossier }} van {{ opdrachtgever_voluit }}. Met deze brief maken wij "
        "ons besluit over uw inschrijving bekend. Per deelsegment leest u de uitkomst en de motivering.")
    t.h("Uitkomst per deelsegment", 1)
    t.table(["Segment", "Deelsegment", "Uitkomst"], ["{{ u.segment }}", "{{ u.deelsegment }}", "{{ u.uitkomst }}"],
            "u in uitkomsten", widths=[4.5, 7.0, 4.5])
    t.tag("{%p for u in uitkomsten %}")
    t.p("{{ u.deelsegment }} ({{ u.segment }}): {{ u.uitkomst }}", "Heading 2")
    t.bron("u.bron")
    t.tag("{%p if not u.aanbesteden %}")
    t.p("Uw inschrijving is getoetst aan de volgende eisen ({{ kit }}):")
    t.bullets("e in u.getoetst", "e.id ~ ' ' ~ e.titel")
    t.tag("{%p endif %}")
    t.tag("{%p if u.niet_voldaan %}")
    t.p("Uw inschrijving voldoet niet aan:", bold=True)
    t.tag("{%p for e in u.niet_voldaan %}")
    t.p("{{ e.id }} {{ e.titel }}", "Heading 3")
    t.bron("e.bron")
    t.md("e.tekst")
    t.tag("{%p endfor %}")
    t.tag("{%p endif %}")
    t.tag("{%p if u.gronden %}")
    t.p("Motivering", "Heading 3")
    t.md("u.gronden")
    t.tag("{%p endif %}")
    t.tag("{%p if u.aanbesteden %}")
    t.p("Beoordeling", "Heading 3")
    t.tag("{%p if u.vergelijking %}")
    t.p("Hieronder staan uw scores per gunningscriterium naast die van de inschrijving van "
        "{{ u.vergelijking }}, de laagst gerangschikte winnende inschrijving.")
    t.table(["Criterium", "Weging", "Uw score", "Score winnende inschrijving"],
            ["{{ s.criterium }}", "{{ s.weging }}", "{{ s.eigen }}", "{{ s.winnaar }}"], "s in u.scores",
            widths=[7.0, 2.5, 2.5, 4.0])
    t.p("Totaal: uw inschrijving {{ u.totaal }} punten; de winnende inschrijving {{ u.totaal_winnaar }} punten.")
    t.tag("{%p else %}")
    t.table(["Criterium", "Weging", "Uw score"], ["{{ s.criterium }}", "{{ s.weging }}", "{{ s.eigen }}"],
            "s in u.scores", widths=[9.0, 3.5, 3.5])
    t.p("Totaal: {{ u.totaal }} punten.")
    t.tag("{%p endif %}")
    t.p("Gegund aan: {{ u.winnaars }}{% if not u.winnaars.endswith('.') %}.{% endif %}")
    t.p("Kenmerken en relatieve voordelen van de winnende inschrijving", "Heading 3")
    t.md("u.kenmerken")
    t.tag("{%p endif %}")
    t.tag("{%p if u.heropening and not u.positief %}")
    t.p("Wanneer de toelating weer opengaat", "Heading 3")
    t.md("u.heropening")
    t.tag("{%p endif %}")
    t.tag("{%p endfor %}")
    t.tag("{%p if standstill %}")
    t.h("Opschortende termijn", 1)
    t.p("De opschortende termijn bedraagt {{ standstill.dagen }} kalenderdagen na de dag van verzending van "
        "deze beslissing en eindigt op {{ standstill.einde }}. Binnen deze termijn sluiten wij geen "
        "overeenkomst voor de genoemde deelsegmenten.")
    t.tag("{%p endif %}")
    t.h("Bezwaar en rechtsmiddelen", 1)
    t.md("rechtsmiddelen")
    t.p("Met vriendelijke groet,")
    t.p("")
    t.tag("{%p for o in ondertekening %}")
    t.p("{{ o.naam }}", "No Spacing")
    t.p("{{ o.functie }}")
    t.tag("{%p endfor %}")
    t.save("besluit.docx")


def make_nota() -> None:
    t = Template()
    t.running_header("{{ dossier }} · {{ titel }}")
    t.p("{{ dossier }}", "Title")
    t.p("{{ titel }}", "Subtitle")
    t.p("")
    t.kv_table([("Regio", "{{ regio }}"), ("Opdrachtgever", "{{ opdrachtgever }}"),
                ("Datum van de nota", "{{ nota.datum }}"), ("Versie van de stukken", "{{ versie }} ({{ status }})")])
    t.tag("{%p if nota.inleiding %}")
    t.md("nota.inleiding")
    t.tag("{%p endif %}")
    t.p("Deze nota gaat tegelijk naar alle deelnemers aan de procedure en maakt deel uit van de "
        "aanbestedingsstukken. De antwoorden verduidelijken de stukken; waar een antwoord de stukken wijzigt, "
        "staat dat bij het antwoord.")
    t.tag("{%p if vergelijking %}")
    t.p("De wijzigingen zijn bepaald ten opzichte van {{ vergelijking }}.")
    t.tag("{%p endif %}")
    t.h("Vragen en antwoorden", 1)
    t.tag("{%p for v in vragen %}")
    t.p("Vraag {{ v.nummer }}{% if v.betreft %}: {{ v.betreft }}{% endif %}", "Heading 2")
    t.p("Vraag", bold=True)
    t.md("v.vraag")
    t.p("Antwoord", bold=True)
    t.md("v.antwoord")
    t.tag("{%p if v.wijzigt %}")
    t.p("Dit antwoord wijzigt de aanbestedingsstukken{% if v.wijzigingen %}:{% else %}.{% endif %}", bold=True)
    t.tag("{%p if v.wijzigingen %}")
    t.table(["Onderdeel", "Wijziging"], ["{{ c.onderwerp }}", "{{ c.tekst }}"], "c in v.wijzigingen",
            widths=[6.5, 9.5])
    t.tag("{%p endif %}")
    t.tag("{%p endif %}")
    t.tag("{%p endfor %}")
    t.tag("{%p if wijzigingen %}")
    t.h("Overzicht van de wijzigingen", 1)
    t.p("Alle wijzigingen in de aanbestedingsstukken ten opzichte van {{ vergelijking }}, per onderdeel.")
    t.table(["Onderdeel", "Wijziging", "Bron"], ["{{ c.onderwerp }}", "{{ c.tekst }}", "{{ c.bron }}"],
            "c in wijzigingen", widths=[5.5, 7.5, 3.0])
    t.tag("{%p endif %}")
    t.save("nota.docx")


def make_wijzigingsoverzicht() -> None:
    t = Template()
    t.running_header("{{ dossier }} · {{ titel }}")
    t.p("{{ dossier }}", "Title")
    t.p("{{ titel }}", "Subtitle")
    t.p("")
    t.kv_table([("Vorige versie", "{{ oud.label }}: versie {{ oud.versie }}, {{ oud.datum }}"),
                ("Nieuwe versie", "{{ nieuw.label }}: versie {{ nieuw.versie }}, {{ nieuw.datum }}"),
                ("Samenvatting", "{{ samenvatting }}")])
    t.p("Per onderdeel staan de oude en de nieuwe waarde naast elkaar, zoals ze in de documenten staan; "
        "verwijderde woorden zijn doorgehaald, toegevoegde onderstreept. De bron is het bestand en de regel "
        "in de specificatie.", "Kleine tekst")
    t.tag("{%p for g in groepen %}")
    t.p("{{ g.naam }}", "Heading 1")
    t.tag("{%p for c in g.wijzigingen %}")
    t.p("{{ c.onderwerp }}", "Heading 3")
    t.p("{{ c.soort }} · bron {{ c.bron }} · documenten: {{ c.documenten }}", "Kleine tekst")
    t.table(["Veld", "Was", "Wordt"], ["{{ f.veld }}", "{{r f.was }}", "{{r f.wordt }}"], "f in c.velden",
            widths=[3.4, 6.3, 6.3])
    t.tag("{%p endfor %}")
    t.tag("{%p endfor %}")
    t.tag("{%p if documenten %}")
    t.h("Gewijzigde documenten", 1)
    t.table(["Document", "Titel", "Wijziging"],
            ["{{ d.ident }}", "{{ d.titel }}", "{{ d.soort }}{% if d.wijzigingen %}; {{ d.wijzigingen }}{% endif %}"],
            "d in documenten", widths=[4.0, 5.0, 7.0])
    t.tag("{%p endif %}")
    t.save("wijzigingsoverzicht.docx")


MAKERS = {"bestek": make_bestek, "samenvatting": make_samenvatting, "raadsbrief": make_raadsbrief,
          "collegebrief": make_collegebrief, "besluit": make_besluit, "nota": make_nota,
          "wijzigingsoverzicht": make_wijzigingsoverzicht}

if __name__ == "__main__":
    for name in sys.argv[1:] or MAKERS:
        MAKERS[name]()
