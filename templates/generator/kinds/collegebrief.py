"""One letter to the colleges of all municipalities at once (seed 004)."""

from __future__ import annotations

from docx.shared import Pt

from ..document import Template
from ..letterhead import Sender, footer_date, headers, signatures_side_by_side, window_first_page
from ..parts import letter_attachments, letter_body
from ..style import HouseStyle

REFERENCE = [("Uw kenmerk", ""), ("Ons kenmerk", "{{ brief.ons_kenmerk }}"), ("Datum", "{{ brief.datum }}"),
             ("Onderwerp", "{{ brief.onderwerp }}"), ("Bijlage(n)", "{{ aantal_bijlagen }}"),
             ("Behandeld door", "{{ brief.behandeld_door }}")]


def build(style: HouseStyle) -> Template:
    t = Template(style, hyphenate=False)
    headers(t, "Ons kenmerk", "{{ brief.ons_kenmerk }}")
    if style.letterhead.layout == "window":
        head = style.letterhead
        sender = Sender(word_mark=head.word_mark or ("{{ opdrachtgever }}",), block=head.sender or ("{{ opdrachtgever }}",),
                        footer=(*head.footer, "{{ contact.kort }}"),
                        return_address=head.return_address)
        address = ["{%p for regel in geadresseerde %}", "{{ regel }}", "{%p endfor %}"]
        window_first_page(t, sender, address, REFERENCE, columns=3)
    else:
        _flow(t)
    footer_date(t, "{{ brief.datum }}")
    letter_body(t)
    t.p("{{ brief.slot }}")
    t.p("{{ afzender }}")
    t.p("")
    # side by side in every house style, with room to sign between function and name
    signatures_side_by_side(t, "o in ondertekening", "{{ o.functie }}", "{{ o.naam }}")
    letter_attachments(t)
    return t


def _flow(t: Template) -> None:
    """The sender's name as a subtitle, the address, a table of the letter's references."""
    t.doc.sections[0].first_page_footer.paragraphs[0].add_run(
        "{{ opdrachtgever }}{% if contact.regel %} · {{ contact.regel }}{% endif %}")
    head = t.p("{{ opdrachtgever }}", "Subtitle")
    head.paragraph_format.space_after = Pt(18)
    t.tag("{%p for regel in geadresseerde %}")
    t.p("{{ regel }}", "No Spacing")
    t.tag("{%p endfor %}")
    t.p("")
    table = t.doc.add_table(rows=4, cols=3)
    for i, (label, value) in enumerate(REFERENCE):
        cell = table.rows[(i // 3) * 2].cells[i % 3]
        cell.paragraphs[0].add_run(label).bold = True
        table.rows[(i // 3) * 2 + 1].cells[i % 3].paragraphs[0].add_run(value)
    t.p("")
