"""The concept-overeenkomst of one segment: parties, then numbered articles, then signatures. An article whose
wording is example text carries a visible mark for legal review."""

from __future__ import annotations

from ..document import Template
from ..style import HouseStyle
from ..parts import SAMPLE_MARK, sample_mark, title_page


def build(style: HouseStyle) -> Template:
    t = Template(style)
    t.running_header("{{ dossier }} · {{ titel }}")
    title_page(t, "{{ titel }}")
    t.p("Concept van de {{ overeenkomst_soort }}. Dit concept hoort bij het bestek van hetzelfde segment. Een artikel met de "
        f"aantekening '{SAMPLE_MARK}' komt niet uit een vastgestelde tekst en moet "
        "juridisch worden getoetst voordat het wordt gebruikt.", bold=True)
    t.page_break()
    t.h("Partijen", 1)
    t.p("1. {{ partijen.opdrachtgever }}, namens de gemeenten {{ partijen.gemeenten }}"
        "{% if partijen.adres %} ({{ partijen.adres }}){% endif %}, hierna: de opdrachtgever; en")
    t.p("2. [naam van de aanbieder], gevestigd te [plaats], ingeschreven in het Handelsregister onder nummer "
        "[KvK-nummer], hierna: de aanbieder.")
    t.tag("{%p for a in artikelen %}")
    t.p("Artikel {{ a.nr }} {{ a.titel }}", "Heading 1")
    sample_mark(t, "a.voorbeeld")
    t.md("a.tekst")
    t.tag("{%p endfor %}")
    t.h("Ondertekening", 1)
    t.p("Aldus overeengekomen en in tweevoud ondertekend.")
    t.p("Namens de opdrachtgever:", bold=True)
    t.tag("{%p for o in ondertekening %}")
    t.p("{{ o.functie }}, {{ o.naam }}")
    t.tag("{%p endfor %}")
    t.p("Datum: ____________________    Handtekening: ____________________")
    t.p("Namens de aanbieder:", bold=True)
    t.p("[naam en functie]")
    t.p("Datum: ____________________    Handtekening: ____________________")
    return t
