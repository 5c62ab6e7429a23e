"""The change overview of `dossier diff --docx/--pdf`."""

from __future__ import annotations

from ..document import Template
from ..style import HouseStyle


def build(style: HouseStyle) -> Template:
    t = Template(style, hyphenate=False)
    t.running_header("{{ dossier }} · {{ titel }}", examples=False)
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
    t.p("{{ c.onderwerp }}", "Heading 2")
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
    return t
