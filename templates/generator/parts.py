"""Pieces that several kinds share: the title page, the planning, participation exceptions, risks,
and the body of a letter."""

from __future__ import annotations

from .document import Template


def sentence_end(expr: str) -> str:
    """`expr` closing a sentence: one full stop, also when the value ends with one ('2022 e.v.')."""
    return "{{ " + expr + " }}{{ '' if " + expr + ".endswith('.') else '.' }}"


SAMPLE_MARK = "Voorbeeldtekst, ter juridische toetsing"
"""Above a paragraph or article whose legal wording no seed gives: a reader sees it is a sample for legal review."""


def sample_mark(t: Template, when: str | None = None) -> None:
    """The visible mark for legal review, as a small paragraph kept with the text it marks; `when` is a
    condition of the context (an article that is example text only when its spec field is `!voorbeeld`).
    The overeenkomst marks its articles with it and the bestek its fixed legal paragraphs: one mark, one way."""
    if when:
        t.tag(f"{{%p if {when} %}}")
    t.p(SAMPLE_MARK, "Kleine tekst").paragraph_format.keep_with_next = True
    if when:
        t.tag("{%p endif %}")


def title_page(t: Template, subtitle: str) -> None:
    t.p("{{ dossier }}", "Title")
    t.p(subtitle, "Subtitle")
    t.p("")
    t.kv_table([("Regio", "{{ regio }}"), ("Opdrachtgever", "{{ opdrachtgever }}"),
                ("Versie", "{{ versie }}"), ("Status", "{{ status }}"), ("Datum", "{{ datum }}")])


def planning_tables(t: Template, heading: str, level: int) -> None:
    """The phases with their periods and, when there are any, the milestones with their dates."""
    t.p(heading, f"Heading {level}")
    t.table(["Periode", "Fase"], ["{{ f.periode }}", "{{ f.naam }}"], "f in planning.fasen", widths=[5.5, 10.5],
            plain={0})
    t.tag("{%p if planning.mijlpalen %}")
    t.table(["Mijlpaal", "Datum"], ["{{ m.soort }}", "{{ m.datum }}"], "m in planning.mijlpalen",
            widths=[8.0, 8.0], plain={1})
    t.tag("{%p endif %}")


def deelname_exceptions(t: Template, *, numbered: bool = False) -> None:
    """Each municipality that does not or only partly take part, with its explanation (numbered: a
    paragraph of its own, '8.1')."""
    t.tag("{%p for r in deelname %}")
    t.tag("{%p for u in r.uitzonderingen %}")
    if numbered:
        t.p("{{ u.nr }} {{ r.deelsegment }}: {{ u.gemeente }} {{ u.deelname }}", "Heading 2")
    else:
        t.p("{{ r.deelsegment }}: {{ u.gemeente }} {{ u.deelname }}", "Heading 2")
    t.md("u.toelichting")
    t.tag("{%p endfor %}")
    t.tag("{%p endfor %}")


def risks(t: Template, *, measures: bool, numbered: bool = False) -> None:
    t.tag("{%p if risicos %}")
    if numbered:
        t.h("{{ nr.risicos }} Risico’s", 1)
    else:
        t.h("Risico’s", 1)
    t.tag("{%p for r in risicos %}")
    if numbered:
        t.p("{{ r.nr }} {{ r.titel }}", "Heading 2")
    else:
        t.p("{{ r.titel }}", "Heading 2")
    t.md("r.omschrijving")
    if measures:
        t.tag("{%p if r.beheersmaatregel %}")
        t.p("Beheersmaatregel:", bold=True)
        t.md("r.beheersmaatregel")
        t.tag("{%p endif %}")
    t.tag("{%p endfor %}")
    t.tag("{%p endif %}")


def letter_body(t: Template) -> None:
    """Salutation and the letter's own sections (the top level of the letter's headings: Heading 1,
    which a letter styles smaller, see letterhead.headers)."""
    t.p("{{ brief.aanhef }}")
    t.tag("{%p for s in brief.secties %}")
    t.p("{{ s.titel }}", "Heading 1")
    t.md("s.tekst")
    t.tag("{%p endfor %}")


def letter_attachments(t: Template) -> None:
    t.tag("{%p if brief.bijlagen %}")
    t.p("Bijlagen:", bold=True).paragraph_format.keep_with_next = True
    t.bullets("b in brief.bijlagen", "b", "List Number")
    t.tag("{%p endif %}")
