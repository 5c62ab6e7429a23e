"""The summary of the whole dossier (seed 003)."""

from __future__ import annotations

from ..document import Template
from ..style import HouseStyle
from ..parts import deelname_exceptions, planning_tables, risks, title_page


def build(style: HouseStyle) -> Template:
    t = Template(style)
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
    t.bullets("x in leidende_principes", "x")
    t.tag("{%p endif %}")
    t.tag("{%p if strategische_doelen %}")
    t.h("Strategische doelen", 1)
    t.bullets("x in strategische_doelen", "x")
    t.tag("{%p endif %}")
    t.h("Segmenten en deelsegmenten", 1)
    t.table(["Segment", "Deelsegmenten"], ["{{ s.segment }}", "{%p for x in s.deelsegmenten %} {{ x }}"],
            "s in segmenten", widths=[5.0, 11.0])

    t.h("Inkoop- en contractvorm", 1)
    t.tag("{%p if inkoop.toelichting %}")
    t.md("inkoop.toelichting")
    t.tag("{%p endif %}")
    t.h("Inkoopvorm per deelsegment", 2)
    t.table(["Segment", "Deelsegment", "Was", "Wordt", "Reden"],
            ["{{ r.segment }}", "{{ r.deelsegment }}", "{{ r.was }}", "{{ r.wordt }}", "{%p for x in r.redenen %} {{ x }}"],
            "r in inkoop.vormen", widths=[2.9, 3.0, 2.6, 3.8, 3.7])
    t.tag("{%p if inkoop.heropening %}")
    t.h("Wanneer de toelating weer opengaat", 2)
    t.tag("{%p for r in inkoop.heropening %}")
    t.p("{{ r.deelsegmenten }}:", bold=True)
    t.md("r.tekst")
    t.tag("{%p endfor %}")
    t.tag("{%p endif %}")
    t.tag("{%p if inkoop.aanbesteding %}")
    t.h("Aanbesteden: aantal aanbieders", 2)
    t.table(["Segment", "Deelsegment", "Inkoopvorm", "Aantal aanbieders"],
            ["{{ r.segment }}", "{{ r.deelsegment }}", "{{ r.wordt }}", "{{ r.aantal }}"],
            "r in inkoop.aanbesteding", widths=[3.0, 5.0, 4.5, 3.5])
    t.tag("{%p endif %}")
    t.h("Kwaliteit en integriteit", 2)
    t.md("kit_inleiding")

    t.h("Bekostiging", 1)
    t.tag("{%p if bekostiging.toelichting %}")
    t.md("bekostiging.toelichting")
    t.tag("{%p endif %}")
    t.tag("{%p if bekostiging.wijzigingen %}")
    t.h("Waar de bekostiging verandert", 2)
    t.table(["Onderdeel", "Was", "Wordt", "Reden"],
            ["{{ r.onderdeel }}", "{{ r.was }}", "{{ r.wordt }}", "{{ r.reden }}"],
            "r in bekostiging.wijzigingen", widths=[4.0, 3.5, 4.5, 4.0])
    t.tag("{%p endif %}")
    t.h("Bekostiging en uitvoeringsvariant per onderdeel", 2)
    t.table(["Segment", "Onderdeel", "Was", "Wordt", "Uitvoerings\u00advariant"],
            ["{{ r.segment }}", "{{ r.onderdeel }}", "{{ r.was }}", "{{ r.wordt }}", "{{ r.uitvoeringsvariant }}"],
            "r in bekostiging.rijen", widths=[2.3, 3.4, 3.3, 3.3, 3.7])
    t.tag("{%p if bekostiging.voorwaarden %}")
    t.h("Voorwaarden bij de bekostiging", 2)
    t.tag("{%p for v in bekostiging.voorwaarden %}")
    t.p("{{ v.onderdeel }}", "Heading 3")
    t.tag("{%p for item in v.regels %}")
    t.md("item")
    t.tag("{%p endfor %}")
    t.tag("{%p endfor %}")
    t.tag("{%p endif %}")

    t.h("Leveranciersmanagement", 1)
    t.tag("{%p if leveranciersmanagement.toelichting %}")
    t.md("leveranciersmanagement.toelichting")
    t.tag("{%p endif %}")
    t.table(["Segment", "Rapportage", "Prestatie-indicatoren"],
            ["{{ r.segment }}", "{{ r.rapportage }}", "{{ r.indicatoren }}"],
            "r in leveranciersmanagement.segmenten", widths=[3.5, 3.0, 9.5])

    t.h("Toegang", 1)
    t.tag("{%p if toegang.toelichting %}")
    t.md("toegang.toelichting")
    t.tag("{%p endif %}")
    t.tag("{%p for r in toegang.segmenten %}")
    t.p("{{ r.segment }}", "Heading 2")
    t.md("r.tekst")
    t.tag("{%p endfor %}")

    t.h("Deelnemende gemeenten", 1)
    t.table(["Segment", "Deelsegment", "Deelnemende gemeenten"],
            ["{{ r.segment }}", "{{ r.deelsegment }}", "{{ r.deelnemers }}"], "r in deelname", widths=[3.0, 5.0, 8.0])
    deelname_exceptions(t)
    risks(t, measures=False)
    t.tag("{%p for s in slotsecties %}")
    t.p("{{ s.titel }}", "Heading 1")
    t.md("s.tekst")
    t.tag("{%p endfor %}")
    planning_tables(t, "Planning", 1)
    t.p("Het contract gaat in op {{ contract.ingangsdatum }} en heeft een looptijd van {{ contract.looptijd }}.")
    return t
