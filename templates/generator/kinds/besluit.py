"""The award or admission decision to one provider."""

from __future__ import annotations

from ..document import Template
from ..style import HouseStyle


def build(style: HouseStyle) -> Template:
    t = Template(style)
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
    return t
