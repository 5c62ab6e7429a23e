"""The bestek of one segment: scope, procedure, contract, bekostiging, KIT, participation."""

from __future__ import annotations

from ..document import Template
from ..style import HouseStyle
from ..parts import deelname_exceptions, planning_tables, risks, sentence_end, title_page


def build(style: HouseStyle) -> Template:
    t = Template(style)
    t.running_header("{{ dossier }} · {{ titel }}")
    title_page(t, "{{ titel }}")
    t.toc()
    t.page_break()

    t.h("{{ nr.inleiding }} Inleiding", 1)
    t.p(f"Dit bestek beschrijft de inkoop van het segment {{{{ segment.naam }}}} binnen {sentence_end('dossier')} "
        f"Opdrachtgever is {sentence_end('opdrachtgever')}")
    t.tag("{%p for s in segment.secties %}")
    t.p("{{ s.nr }} {{ s.titel }}", "Heading 2")
    t.md("s.tekst")
    t.tag("{%p endfor %}")

    t.tag("{%p if begrippen %}")
    t.h("{{ nr.begrippen }} Begrippen", 1)
    t.p("In dit bestek hebben de volgende begrippen deze betekenis.")
    t.table(["Begrip", "Betekenis"], ["{{ b.term }}", "b.definitie"], "b in begrippen", widths=[4.5, 11.5],
            cell_md={1}, bron={0: "b.bron"})
    t.tag("{%p endif %}")

    t.h("{{ nr.reikwijdte }} Reikwijdte", 1)
    t.h("{{ nr.segment }} Het segment {{ segment.naam }}", 2)
    t.md("segment.definitie")
    t.tag("{%p if segment.tactische_doelen %}")
    t.h("{{ nr.tactische_doelen }} Tactische doelen", 2)
    t.bullets("doel in segment.tactische_doelen", "doel")
    t.tag("{%p endif %}")
    t.h("{{ nr.deelsegmenten }} Deelsegmenten", 2)
    t.tag("{%p for ds in deelsegmenten %}")
    t.p("{{ ds.nr }} {{ ds.naam }}", "Heading 3")
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

    t.h("{{ nr.procedure }} Procedure", 1)
    t.h("{{ nr.inkoopvorm }} Inkoopvorm", 2)
    t.table(["Deelsegment", "Was", "Wordt", "Reden"],
            ["{{ r.deelsegment }}", "{{ r.was }}", "{{ r.wordt }}", "{%p for x in r.redenen %} {{ x }}"],
            "r in inkoopvormen", widths=[3.8, 2.6, 3.6, 6.0])
    t.tag("{%p if not doorlopende_inschrijving %}")
    t.p("Er is geen doorlopende inschrijving: na de sluiting van de inschrijving kunnen aanbieders zich "
        "alleen inschrijven als de toelating opnieuw wordt opengesteld, zoals hieronder per deelsegment "
        "beschreven.")
    t.tag("{%p endif %}")
    t.tag("{%p for r in toelating %}")
    t.p("{{ r.nr }} Heropening van de toelating: {{ r.deelsegment }}", "Heading 3")
    t.md("r.heropening")
    t.tag("{%p endfor %}")
    t.tag("{%p for r in aanbesteding %}")
    t.p("{{ r.nr }} Gunningscriteria: {{ r.deelsegment }}", "Heading 3")
    t.tag("{%p if r.max_aanbieders %}")
    t.p("Er wordt gegund aan ten hoogste {{ r.max_aanbieders }}.")
    t.tag("{%p endif %}")
    t.table(["Criterium", "Weging (punten)"], ["{{ c.naam }}", "{{ c.weging }}"], "c in r.criteria",
            widths=[11.0, 5.0])
    t.tag("{%p endfor %}")
    planning_tables(t, "{{ nr.planning }} Planning", 2)

    t.h("{{ nr.contract }} Contract", 1)
    t.kv_table([("Ingangsdatum", "{{ contract.ingangsdatum }}"), ("Looptijd", "{{ contract.looptijd }}"),
                ("Einddatum", "{{ contract.einddatum }}")])
    t.tag("{%p if contract.verlenging %}")
    t.p(f"Verlenging: {sentence_end('contract.verlenging')}")
    t.tag("{%p endif %}")

    t.h("{{ nr.bekostiging }} Bekostiging", 1)
    t.table(["Onderdeel", "Was", "Wordt", "Uitvoerings\u00advariant"],
            ["{{ b.onderdeel }}", "{{ b.was }}", "{{ b.vorm }}", "{{ b.uitvoeringsvariant }}"],
            "b in bekostiging", widths=[4.5, 3.5, 4.5, 3.5])
    t.tag("{%p if tarieven %}")
    t.h("{{ nr.tarieven }} Tarieven", 2)
    t.table(["Onderdeel", "Omschrijving", "Tarief", "Eenheid", "Vanaf"],
            ["{{ r.onderdeel }}", "{{ r.omschrijving }}", "{{ r.bedrag }}", "{{ r.eenheid }}", "{{ r.ingangsdatum }}"],
            "r in tarieven", widths=[3.2, 4.1, 3.4, 2.5, 2.8], bron={1: "r.bron"}, amounts={2})
    t.tag("{%p endif %}")
    t.tag("{%p if voorwaarden %}")
    t.h("{{ nr.voorwaarden }} Voorwaarden", 2)
    t.tag("{%p for v in voorwaarden %}")
    t.p("{{ v.nr }} {{ v.onderdeel }}", "Heading 3")
    t.tag("{%p for item in v.regels %}")
    t.md("item")
    t.tag("{%p endfor %}")
    t.tag("{%p endfor %}")
    t.tag("{%p endif %}")

    t.h("{{ nr.kit }} {{ kit }}", 1)
    t.md("kit_inleiding")
    t.tag("{%p for e in kit_eisen %}")
    t.p("{{ e.nr }} {{ e.id }} {{ e.titel }}", "Heading 2")
    t.bron("e.bron")
    t.p("Soort eis: {{ e.soort }}{% if e.alle_aanbieders %}; geldt voor alle aanbieders{% endif %}.", "Kleine tekst")
    t.md("e.tekst")
    t.p("Bewijs dat de aanbieder aanlevert:", bold=True)
    t.bullets("x in e.bewijs", "x")
    t.tag("{%p endfor %}")

    t.h("{{ nr.deelname }} Deelnemende gemeenten", 1)
    t.table(["Deelsegment", "Deelnemende gemeenten"], ["{{ r.deelsegment }}", "{{ r.deelnemers }}"],
            "r in deelname", widths=[6.0, 10.0])
    deelname_exceptions(t, numbered=True)

    t.h("{{ nr.leveranciersmanagement }} Leveranciersmanagement", 1)
    t.md("leveranciersmanagement.toelichting")
    t.p("Aanbieders rapporteren {{ leveranciersmanagement.rapportage }}.")
    t.tag("{%p if leveranciersmanagement.kpis %}")
    t.table(["Indicator", "Omschrijving", "Frequentie"], ["{{ k.naam }}", "{{ k.omschrijving }}", "{{ k.frequentie }}"],
            "k in leveranciersmanagement.kpis", widths=[4.0, 9.0, 3.0])
    t.tag("{%p endif %}")

    t.h("{{ nr.toegang }} Toegang", 1)
    t.md("toegang")

    risks(t, measures=True, numbered=True)
    return t
