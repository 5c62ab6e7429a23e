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
    return t
