"""The bestek of one segment as a tender document (aanbestedingsleidraad), in the thirteen parts a bidder
expects: diensten, procedure, tijdschema, vragen, inschrijven, uitsluiting, geschiktheid, gunning, besluit,
programma van eisen, overeenkomst, rechtsbescherming, bijlagen."""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..document import Template
from ..style import HouseStyle
from ..parts import SAMPLE_MARK, sample_mark, sentence_end, title_page


def _kit_eis(t: Template, loop: str, style: str) -> None:
    t.tag(f"{{%p for e in {loop} %}}")
    t.p("{{ e.nr }} {{ e.id }} {{ e.titel }}", style)
    t.bron("e.bron")
    t.p("Soort eis: {{ e.soort }}{% if e.alle_aanbieders %}; geldt voor alle aanbieders{% endif %}.", "Kleine tekst")
    t.md("e.tekst")
    t.p("Bewijs dat de aanbieder aanlevert:", bold=True)
    t.bullets("x in e.bewijs", "x")
    t.tag("{%p endfor %}")


def _rows_whole(t: Template) -> None:
    """Keep each row of every table on one page: a criterion with its weight and sub-criteria, or a piece of
    evidence with who gives it and when, is read as one (no row of the bestek is longer than a page)."""
    for table in t.doc.tables:
        for row in table.rows[1:]:
            trpr: Any = row._tr.get_or_add_trPr()
            if trpr.find(qn("w:cantSplit")) is None:
                trpr.append(OxmlElement("w:cantSplit"))


def _secties(t: Template, part: str) -> None:
    """The segment's own sections whose `bestekdeel` is this part, as numbered paragraphs of its chapter; a text
    marked `!voorbeeld` in the spec carries the mark for legal review, as an article of the overeenkomst does."""
    t.tag(f"{{%p for s in secties.{part} %}}")
    t.p("{{ s.nr }} {{ s.titel }}", "Heading 2")
    sample_mark(t, "s.voorbeeld")
    t.md("s.tekst")
    t.tag("{%p endfor %}")


def build(style: HouseStyle) -> Template:
    t = Template(style)
    t.running_header("{{ dossier }} · {{ titel }}")
    title_page(t, "{{ titel }}")
    t.toc()
    t.page_break()

    # 1. Aanbestedende diensten
    t.h("{{ nr.diensten }} Aanbestedende diensten", 1)
    t.p(f"Dit bestek beschrijft de inkoop van het segment {{{{ segment.naam }}}} binnen {sentence_end('dossier')} "
        f"Opdrachtgever is {sentence_end('opdrachtgever')} Een aanbieder kan op dit bestek, met de bijlagen en de "
        "Nota van Inlichtingen, inschrijven of toelating aanvragen. "
        f"Een alinea met de aantekening '{SAMPLE_MARK}' is een vaste tekst die niet uit een vastgestelde "
        "bron komt en die juridisch moet worden getoetst voordat het bestek wordt gepubliceerd.")
    t.h("{{ nr.gemeenten }} Gemeenten en opdrachtgever", 2)
    t.p("Aanbestedende diensten zijn de {{ diensten.aantal }} gemeenten {{ diensten.gemeenten }}. "
        "{{ diensten.opdrachtgever }} koopt namens hen in.")
    t.tag("{%p if diensten.mandaat %}")
    t.md("diensten.mandaat")
    t.tag("{%p endif %}")
    t.h("{{ nr.contact }} Contact en communicatie", 2)
    t.tag("{%p if diensten.contact %}")
    t.p("Contactpersoon voor deze procedure: {{ diensten.contact }}.")
    t.tag("{%p endif %}")
    t.tag("{%p if diensten.kanaal %}")
    sample_mark(t)
    t.p("Alle communicatie over de procedure, ook vragen en inschrijvingen, verloopt via {{ diensten.kanaal }}. "
        "Contact met andere medewerkers van de gemeenten of de opdrachtgever over deze procedure is niet "
        "toegestaan.")
    t.tag("{%p endif %}")
    t.tag("{%p if diensten.adres %}")
    t.p("{{ diensten.opdrachtgever }}: {{ diensten.adres }}.")
    t.tag("{%p endif %}")
    t.tag("{%p if achtergrond %}")
    t.h("{{ nr.achtergrond }} Achtergrond", 2)
    t.tag("{%p for s in achtergrond %}")
    t.p("{{ s.nr }} {{ s.titel }}", "Heading 3")
    t.md("s.tekst")
    t.tag("{%p endfor %}")
    t.tag("{%p endif %}")
    t.tag("{%p if begrippen %}")
    t.h("{{ nr.begrippen }} Begrippen", 2)
    t.p("In dit bestek hebben de volgende begrippen deze betekenis.")
    t.table(["Begrip", "Betekenis"], ["{{ b.term }}", "b.definitie"], "b in begrippen", widths=[4.5, 11.5],
            cell_md={1}, bron={0: "b.bron"})
    t.tag("{%p endif %}")
    _secties(t, "diensten")

    # 2. Procedure en rechtsgrond
    t.h("{{ nr.procedure }} Procedure en rechtsgrond", 1)
    t.h("{{ nr.rechtsgrond }} Rechtsgrond", 2)
    t.tag("{%p for x in rechtsgrond %}")
    sample_mark(t)
    t.p("{{ x }}")
    t.tag("{%p endfor %}")
    t.h("{{ nr.percelen }} Percelen", 2)
    t.table(["Perceel", "Procedure", "Raming (looptijd, excl. btw)"],
            ["{{ r.naam }}", "{{ r.procedure }}", "{{ r.raming }}"], "r in percelen", widths=[5.0, 7.0, 4.0], amounts={2})
    t.tag("{%p if percelen_combineren %}")
    t.p("{{ percelen_combineren }}")
    t.tag("{%p endif %}")
    t.tag("{%p if publicatie %}")
    t.p("Publicatie: {{ publicatie }}.")
    t.tag("{%p endif %}")
    t.h("{{ nr.inkoopvorm }} Inkoopvorm", 2)
    # why each form was chosen is policy: the samenvatting gives the reasons, a section of the segment may
    # (bestekdeel: procedure)
    t.table(["Deelsegment", "Inkoopvorm", "Vorige inkoop"],
            ["{{ r.deelsegment }}", "{{ r.wordt }}", "{{ r.was }}"],
            "r in inkoopvormen", widths=[6.0, 6.0, 4.0])
    t.p("{{ inschrijving }}")
    t.tag("{%p for r in toelating %}")
    t.p("{{ r.nr }} Heropening van de toelating: {{ r.deelsegment }}", "Heading 3")
    t.md("r.heropening")
    t.tag("{%p endfor %}")
    t.tag("{%p for r in aanbesteding %}")
    t.p("{{ r.nr }} Aanbesteding: {{ r.deelsegment }}", "Heading 3")
    t.p("{% if r.max_aanbieders %}Er wordt gegund aan ten hoogste {{ r.max_aanbieders }}.{% else %}Het aantal "
        "aanbieders aan wie wordt gegund is niet beperkt.{% endif %} De gunningscriteria staan in "
        "hoofdstuk {{ nr.gunning }}.")
    t.tag("{%p endfor %}")
    _secties(t, "procedure")
    t.h("{{ nr.deelname }} Deelnemende gemeenten", 2)
    t.table(["Deelsegment", "Deelnemende gemeenten"], ["{{ r.naam }}", "{{ r.deelnemers }}"],
            "r in percelen", widths=[6.0, 10.0])
    t.tag("{%p for r in deelname %}")
    t.tag("{%p for u in r.uitzonderingen %}")
    t.p("{{ u.nr }} {{ r.deelsegment }}: {{ u.gemeente }} {{ u.deelname }}", "Heading 3")
    t.md("u.toelichting")
    t.tag("{%p endfor %}")
    t.tag("{%p endfor %}")

    # 3. Tijdschema
    t.h("{{ nr.tijdschema }} Tijdschema", 1)
    t.h("{{ nr.planning }} Planning", 2)
    sample_mark(t)
    t.p("De procedure verloopt volgens dit tijdschema. Een uiterste termijn met een tijd sluit op die tijd; wat "
        "later binnenkomt, wordt niet in behandeling genomen.")
    t.table(["Stap", "Datum en tijd", "Toelichting"], ["{{ m.soort }}", "{{ m.datum }}", "{{ m.omschrijving }}"],
            "m in planning.mijlpalen", widths=[4.2, 4.8, 7.0], plain={1})
    t.tag("{%p if gestanddoening %}")
    t.p("{{ gestanddoening }}")
    t.tag("{%p endif %}")
    t.h("{{ nr.fasen }} Fasen", 2)
    t.p("De fasen van de inkoop als geheel, voor alle segmenten samen:")
    t.table(["Periode", "Fase"], ["{{ f.periode }}", "{{ f.naam }}"], "f in planning.fasen", widths=[5.5, 10.5], plain={0})
    _secties(t, "tijdschema")

    # 4. Vragen
    t.h("{{ nr.vragen }} Vragen en Nota van Inlichtingen", 1)
    t.tag("{%p if vragen %}")
    t.md("vragen")
    t.tag("{%p else %}")
    sample_mark(t)
    t.p("De Nota van Inlichtingen maakt deel uit van de aanbestedingsstukken en gaat voor dit bestek.")
    t.tag("{%p endif %}")
    _secties(t, "vragen")

    # 5. Inschrijven
    t.h("{{ nr.inschrijven }} Inschrijven", 1)
    t.tag("{%p if inschrijven %}")
    t.md("inschrijven")
    t.tag("{%p endif %}")
    t.tag("{%p if bijlagen %}")
    t.p("U gebruikt de formulieren in de bijlagen (hoofdstuk {{ nr.bijlagen }}).")
    t.tag("{%p endif %}")
    _secties(t, "inschrijven")

    # 6. Uitsluitingsgronden
    t.h("{{ nr.uitsluiting }} Uitsluitingsgronden", 1)
    t.md("kit_inleiding")
    t.p("Dit hoofdstuk noemt de uitsluitingsgronden en de eisen van het {{ kit }} over integriteit; de eisen over "
        "geschiktheid staan in hoofdstuk {{ nr.geschiktheid }}, die over kwaliteit in hoofdstuk {{ nr.programma }}.")
    _kit_eis(t, "kit_integriteit", "Heading 2")
    t.tag("{%p for r in uitsluiting %}")
    t.p("{{ r.nr }} {{ r.procedure }}: {{ r.verklaring }}", "Heading 2")
    t.p("U verklaart met {{ r.met }} dat er geen uitsluitingsgronden op u van toepassing zijn.")
    t.tag("{%p if r.toelichting %}")
    t.md("r.toelichting")
    t.tag("{%p endif %}")
    t.table(["Bewijsstuk", "Van wie", "Wanneer"], ["{{ b.wat }}", "{{ b.van_wie }}", "{{ b.wanneer }}"],
            "b in r.bewijs", widths=[7.0, 4.5, 4.5])
    t.tag("{%p endfor %}")
    _secties(t, "uitsluiting")

    # 7. Geschiktheidseisen
    t.h("{{ nr.geschiktheid }} Geschiktheidseisen", 1)
    t.p("Geschiktheidseisen gaan over de aanbieder: zijn ervaring, organisatie en middelen. Zij staan los van de "
        "eisen aan de jeugdhulp zelf (het programma van eisen, hoofdstuk {{ nr.programma }}).")
    _kit_eis(t, "kit_geschiktheid", "Heading 2")
    t.tag("{%p for r in geschiktheid %}")
    t.p("{{ r.nr }} {{ r.procedure }}", "Heading 2")
    t.tag("{%p for x in r.eisen %}")
    t.md("x")
    t.tag("{%p endfor %}")
    t.tag("{%p endfor %}")
    _secties(t, "geschiktheid")

    # 8. Gunningscriteria en beoordeling
    t.h("{{ nr.gunning }} Gunningscriteria en beoordeling", 1)
    t.tag("{%p if not aanbesteding %}")
    t.p("In dit segment wordt niet aanbesteed: er zijn geen gunningscriteria.")
    t.tag("{%p endif %}")
    t.tag("{%p for r in aanbesteding %}")
    t.p("{{ r.criteria_nr }} Gunningscriteria: {{ r.deelsegment }}", "Heading 2")
    t.table(["Criterium", "Weging (punten)", "Subcriteria", "In te dienen"],
            ["{{ c.naam }}", "{{ c.weging }}", "{{ c.subcriteria }}", "c.inleveren"], "c in r.criteria",
            widths=[4.5, 2.2, 4.3, 5.0], cell_md={3})
    t.p("Samen {{ r.totaal }} punten.")
    t.tag("{%p endfor %}")
    t.tag("{%p if beoordeling %}")
    t.h("{{ nr.beoordeling }} Beoordeling", 2)
    t.p("Beoordelingsschaal:", bold=True)
    t.table(["Score", "Betekenis"], ["{{ x.score }}", "{{ x.betekenis }}"], "x in beoordeling.schaal",
            widths=[2.5, 13.5])
    t.p("Beoordelingsmethode:", bold=True)
    t.md("beoordeling.methode")
    t.p("{{ beoordeling.prijsformule }}")
    t.tag("{%p if beoordeling.gelijke_score %}")
    t.p("Bij een gelijke score:", bold=True)
    t.md("beoordeling.gelijke_score")
    t.tag("{%p endif %}")
    t.tag("{%p endif %}")
    _secties(t, "gunning")
    t.tag("{%p if toelating %}")
    t.h("{{ nr.toetsing }} Toetsing van aanvragen tot toelating", 2)
    sample_mark(t)
    t.p("Een aanvraag tot toelating wordt getoetst aan de uitsluitingsgronden, de geschiktheidseisen en het "
        "programma van eisen in dit bestek. Elke aanvrager die aan alle eisen voldoet, wordt toegelaten; er is "
        "geen rangorde en geen maximum aantal aanbieders.")
    t.tag("{%p endif %}")

    # 9. Besluit
    t.h("{{ nr.besluit }} {{ besluit.titel }}", 1)
    sample_mark(t)
    t.p("{{ besluit.standstill }}")
    t.tag("{%p if besluit.na_gunning %}")
    t.md("besluit.na_gunning")
    t.tag("{%p endif %}")
    t.tag("{%p if besluit.voorbehouden %}")
    t.h("{{ nr.voorbehouden }} Voorbehouden", 2)
    t.md("besluit.voorbehouden")
    t.tag("{%p endif %}")
    _secties(t, "besluit")

    # 10. Programma van eisen
    t.h("{{ nr.programma }} Programma van eisen", 1)
    t.h("{{ nr.kwaliteit }} Kwaliteitseisen", 2)
    t.p("Deze eisen van het {{ kit }} gelden voor elke aanbieder in dit segment{% if kit_deelsegment %}, behalve "
        "waar hieronder staat dat een eis alleen in één deelsegment geldt{% endif %}.")
    t.tag("{%p for r in kit_deelsegment %}")
    t.p("Alleen in {{ r.deelsegment }}: {{ r.eisen }}.")
    t.tag("{%p endfor %}")
    _kit_eis(t, "kit_kwaliteit", "Heading 3")
    t.h("{{ nr.segment }} Het segment {{ segment.naam }}", 2)
    t.md("segment.definitie")
    t.tag("{%p if segment.tactische_doelen %}")
    t.h("{{ nr.tactische_doelen }} Tactische doelen", 2)
    t.bullets("doel in segment.tactische_doelen", "doel")
    t.tag("{%p endif %}")
    _secties(t, "programma")
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
    t.tag("{%p if ds.eisen %}")
    t.p("Eisen aan de jeugdhulp in {{ ds.naam }}:", bold=True)
    t.md("ds.eisen")
    t.tag("{%p endif %}")
    t.tag("{%p if ds.kit %}")
    t.p("Alleen in {{ ds.naam }} geldt ook: {{ ds.kit }}.")
    t.tag("{%p endif %}")
    t.tag("{%p endfor %}")
    t.h("{{ nr.bekostiging }} Bekostiging", 2)
    t.table(["Onderdeel", "Was", "Wordt", "Uitvoerings\u00advariant"],
            ["{{ b.onderdeel }}", "{{ b.was }}", "{{ b.vorm }}", "{{ b.uitvoeringsvariant }}"],
            "b in bekostiging", widths=[4.5, 3.5, 4.5, 3.5])
    t.tag("{%p if tarieven %}")
    t.p("{{ nr.tarieven }} Tarieven", "Heading 3")
    t.table(["Onderdeel", "Omschrijving", "Tarief", "Eenheid", "Vanaf"],
            ["{{ r.onderdeel }}", "{{ r.omschrijving }}", "{{ r.bedrag }}", "{{ r.eenheid }}", "{{ r.ingangsdatum }}"],
            "r in tarieven", widths=[3.2, 4.1, 3.4, 2.5, 2.8], bron={1: "r.bron"}, amounts={2},
            plain={4})
    t.tag("{%p endif %}")
    t.tag("{%p if voorwaarden %}")
    t.p("{{ nr.voorwaarden }} Voorwaarden", "Heading 3")
    t.tag("{%p for v in voorwaarden %}")
    t.p("{{ v.onderdeel }}", "Heading 4")
    t.tag("{%p for item in v.regels %}")
    t.md("item")
    t.tag("{%p endfor %}")
    t.tag("{%p endfor %}")
    t.tag("{%p endif %}")
    t.h("{{ nr.leveranciersmanagement }} Leveranciersmanagement", 2)
    t.md("leveranciersmanagement.toelichting")
    t.p("Aanbieders rapporteren {{ leveranciersmanagement.rapportage }}.")
    t.tag("{%p if leveranciersmanagement.kpis %}")
    t.table(["Indicator", "Omschrijving", "Frequentie"], ["{{ k.naam }}", "{{ k.omschrijving }}", "{{ k.frequentie }}"],
            "k in leveranciersmanagement.kpis", widths=[4.0, 9.0, 3.0])
    t.tag("{%p endif %}")
    t.h("{{ nr.toegang }} Toegang", 2)
    t.md("toegang")

    # 11. Concept-overeenkomst
    t.h("{{ nr.overeenkomst }} Concept-overeenkomst", 1)
    t.tag("{%p if overeenkomst.titel %}")
    sample_mark(t)
    t.p("De opdrachtgever sluit namens de gemeenten {{ overeenkomst.soorten }}. Het model staat in de "
        "{{ overeenkomst.titel }}, die bij dit bestek hoort; wie inschrijft of toelating aanvraagt, aanvaardt "
        "de inhoud ervan.")
    t.tag("{%p endif %}")
    t.kv_table([("Ingangsdatum", "{{ contract.ingangsdatum }}"), ("Looptijd", "{{ contract.looptijd }}"),
                ("Einddatum", "{{ contract.einddatum }}")])
    t.tag("{%p if contract.verlenging %}")
    t.p("Verlenging: {{ contract.verlenging }}.")
    t.tag("{%p endif %}")
    t.tag("{%p if overeenkomst.verlenging_besluit %}")
    t.md("overeenkomst.verlenging_besluit")
    t.tag("{%p endif %}")
    t.tag("{%p if overeenkomst.indexatie %}")
    t.p("Indexatie:", bold=True)
    t.md("overeenkomst.indexatie")
    t.tag("{%p endif %}")
    t.tag("{%p if overeenkomst.voorwaarden %}")
    t.p("Op de overeenkomst zijn de {{ overeenkomst.voorwaarden }} van toepassing.")
    t.tag("{%p endif %}")
    _secties(t, "overeenkomst")

    # 12. Klachten en rechtsbescherming
    t.h("{{ nr.rechtsbescherming }} Klachten en rechtsbescherming", 1)
    t.tag("{%p if rechtsbescherming.meldpunt %}")
    sample_mark(t)
    t.p("Een klacht over de procedure dient u in bij het {{ rechtsbescherming.meldpunt }}, zo vroeg mogelijk en in "
        "elk geval vóór de sluiting van de inschrijving als de klacht over de stukken gaat.")
    t.tag("{%p endif %}")
    t.tag("{%p if rechtsbescherming.rechtbank %}")
    sample_mark(t)
    t.p("Geschillen over deze procedure worden uitsluitend voorgelegd aan de {{ rechtsbescherming.rechtbank }}.")
    t.tag("{%p if rechtsbescherming.gunning %}")
    t.p("Wie het niet eens is met een gunningsbeslissing, kan binnen de opschortende termijn van "
        "{{ rechtsbescherming.termijn }} na verzending ervan een kort geding aanhangig maken bij de "
        "voorzieningenrechter van de {{ rechtsbescherming.rechtbank }}. Die termijn is een vervaltermijn: na "
        "afloop ervan kan niet meer tegen de gunningsbeslissing worden opgekomen.")
    t.tag("{%p endif %}")
    t.tag("{%p if rechtsbescherming.toelating %}")
    t.p("Een besluit over toelating is privaatrechtelijk: daartegen staat geen bezwaar of beroep open op grond van "
        "de Algemene wet bestuursrecht. Wie het niet eens is met een afwijzing, kan{% if rechtsbescherming.meldpunt %} een "
        "klacht indienen bij het meldpunt en{% endif %} het geschil voorleggen aan de civiele rechter: de {{ rechtsbescherming.rechtbank }}, in "
        "spoedeisende gevallen in kort geding bij de voorzieningenrechter.")
    t.tag("{%p endif %}")
    t.tag("{%p endif %}")
    _secties(t, "rechtsbescherming")

    # 13. Bijlagen
    t.h("{{ nr.bijlagen }} Bijlagen", 1)
    t.tag("{%p if bijlagen %}")
    t.table(["Bijlage", "Titel", "Omschrijving"], ["{{ b.nr }}", "{{ b.titel }}", "{{ b.omschrijving }}"],
            "b in bijlagen", widths=[2.0, 6.5, 7.5])
    t.tag("{%p else %}")
    t.p("Dit bestek heeft geen bijlagen.")
    t.tag("{%p endif %}")
    _secties(t, "bijlagen")
    _rows_whole(t)
    return t
