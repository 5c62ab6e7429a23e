"""The Nota van Inlichtingen: questions and answers, with what each answer changes."""

from __future__ import annotations

from ..document import Template
from ..style import HouseStyle


def build(style: HouseStyle) -> Template:
    t = Template(style, hyphenate=False)
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
        "aanbestedingsstukken. De antwoorden verduidelijken de stukken; waar een antwoord afwijkt van de "
        "stukken, gaat het antwoord voor. Een antwoord dat de stukken wijzigt, zegt dat en noemt de wijziging. "
        "Bij elke vraag staat waar in de stukken zij over gaat: het bestek en de paragraaf.")
    t.tag("{%p if vergelijking %}")
    t.p("De wijzigingen zijn bepaald ten opzichte van {{ vergelijking }}.")
    t.tag("{%p endif %}")
    t.h("Vragen en antwoorden", 1)
    t.tag("{%p for v in vragen %}")
    t.p("Vraag {{ v.nummer }}", "Heading 2")
    t.tag("{%p if v.betreft %}")
    t.p("Betreft: {{ v.betreft }}", "Kleine tekst")
    t.tag("{%p endif %}")
    t.p("Vraag", bold=True)
    t.md("v.vraag")
    t.p("Antwoord", bold=True)
    t.md("v.antwoord")
    t.tag("{%p if v.wijzigt %}")
    t.p("Dit antwoord wijzigt de aanbestedingsstukken.", bold=True)
    t.tag("{%p if v.wijziging %}")
    t.p("Wijziging:", bold=True)
    t.md("v.wijziging")
    t.tag("{%p endif %}")
    t.tag("{%p if v.wijzigingen %}")
    t.p("Gewijzigde onderdelen ten opzichte van {{ vergelijking }}:")
    t.tag("{%p endif %}")
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
    return t
