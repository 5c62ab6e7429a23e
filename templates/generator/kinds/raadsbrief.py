"""The letter to the council of one municipality (seeds 000 and 002), from its college."""

from __future__ import annotations

from docx.shared import Pt

from ..document import Template, set_widths
from ..letterhead import Sender, footer_date, headers, signature_pair, window_first_page
from ..parts import letter_attachments, letter_body, planning_tables
from ..style import HouseStyle

NOTE = "Vermeld altijd het zaaknummer als u contact opneemt met de gemeente."


def build(style: HouseStyle) -> Template:
    t = Template(style, hyphenate=False)
    headers(t, "Zaaknummer", "{{ gemeente.zaaknummer }}")
    if style.letterhead.layout == "window":
        _window(t)
    else:
        _flow(t)
    footer_date(t, "{{ brief.datum }}")
    letter_body(t)
    t.p("Deelname van {{ gemeente.naam }}", "Heading 1")
    t.p("{{ deelname.intro }}")
    t.tag("{%p for u in deelname.uitzonderingen %}")
    t.p("{{ u.zin }}", "List Bullet")
    t.tag("{%p if u.toelichting %}")
    t.md("u.toelichting")
    t.tag("{%p endif %}")
    t.tag("{%p endfor %}")
    t.tag("{%p for s in lokale_paragrafen %}")
    t.p("{{ s.titel }}", "Heading 1")
    t.md("s.tekst")
    t.tag("{%p endfor %}")
    planning_tables(t, "Planning", 1)
    t.p("{{ brief.slot }}")
    t.p("")
    t.p("Burgemeester en wethouders van {{ gemeente.naam }},")
    signature_pair(t, ("de secretaris,", "{{ gemeente.secretaris }}"),
                   ("de burgemeester,", "{{ gemeente.burgemeester }}"))
    letter_attachments(t)
    return t


def _flow(t: Template) -> None:
    """Logo or name in the municipality's colour, address and reference table one after the other;
    the contact data in the first page's footer."""
    section = t.doc.sections[0]
    first_footer = section.first_page_footer
    first_footer.paragraphs[0].add_run(NOTE).bold = True
    line = first_footer.add_paragraph()
    line.add_run("Bezoekadres ").bold = True
    line.add_run("{{ gemeente.bezoekadres[0] }}, {{ gemeente.bezoekadres[1] }}   ")
    line.add_run("E-mailadres ").bold = True
    line.add_run("{{ gemeente.email }}   ")
    line.add_run("Telefoonnummer ").bold = True
    line.add_run("{{ gemeente.telefoon }}")
    section.footer.paragraphs[0].add_run(NOTE)

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
    set_widths(table, [7.0, 3.0, 3.0, 3.0])
    t.p("")


def _window(t: Template) -> None:
    """The municipality's name (or logo) as word mark, the council's address in the window, the town
    hall's contact data beside it."""
    sender = Sender(
        word_mark=("{%p if gemeente_logo %}", "{{ gemeente_logo }}", "{%p endif %}", "{{r briefhoofd }}"),
        block=("Gemeente {{ gemeente.naam }}", "{{ gemeente.bezoekadres[0] }}", "{{ gemeente.bezoekadres[1] }}",
               "T {{ gemeente.telefoon }}", "{{ gemeente.email }}"),
        footer=("Bezoekadres {{ gemeente.bezoekadres[0] }}, {{ gemeente.bezoekadres[1] }}",
                "{{ gemeente.email }}", "{{ gemeente.telefoon }}"),
        footer_note=NOTE,
        return_address="Retouradres: {{ gemeente.postadres[0] }}, {{ gemeente.postadres[1] }}",
    )
    address = ["Gemeenteraad van {{ gemeente.naam }}", "{%p for regel in gemeente.postadres %}", "{{ regel }}",
               "{%p endfor %}"]
    reference = [("Onderwerp", "{{ brief.onderwerp }}"), ("Zaaknummer", "{{ gemeente.zaaknummer }}"),
                 ("Uw kenmerk", "{{ gemeente.kenmerk }}"), ("Datum", "{{ brief.datum }}")]
    window_first_page(t, sender, address, reference, columns=4)
    t.doc.sections[0].footer.paragraphs[0].add_run(NOTE).font.size = Pt(7.5)
