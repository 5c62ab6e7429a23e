"""Context of the bestek: the tender specification of one segment."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..spec import Dossier
from ..spec.model import Bekostiging, Deelsegment, KitEis, Procedurevoorwaarden
from ..spec.types import Bestekdeel, EisSoort, MijlpaalSoort, Proceduresoort, Verklaring
from . import nl
from .common import (Document, Md, bron, contactgegevens, contract, deelname_tekst, dossier_facts, leaves, planning,
                     secties)


def keys(d: Dossier) -> list[str]:
    """One bestek per segment."""
    return list(d.spec.segmenten)


def document(d: Dossier, key: str) -> Document:
    segment = d.segmenten[key]
    return Document(
        kind="bestek",
        key=key,
        title=f"Bestek {segment.naam}",
        subject=f"{d.spec.titel}: bestek segment {segment.naam}",
        context=context(d, key),
    )


def context(d: Dossier, key: str) -> dict[str, Any]:
    """Everything the bestek template shows for segment `key`, in the thirteen parts of a tender document
    (aanbestedingsleidraad): diensten, procedure, tijdschema, vragen, inschrijven, uitsluiting, geschiktheid,
    gunning, besluit, programma van eisen, overeenkomst, rechtsbescherming, bijlagen."""
    segment = d.segmenten[key]
    deelsegmenten = segment.deelsegmenten
    tendered = [ds for ds in deelsegmenten if ds.inkoopvorm.procedure is Proceduresoort.AANBESTEDING]
    admitted = [ds for ds in deelsegmenten if ds.inkoopvorm.procedure is Proceduresoort.TOELATING]
    p = d.spec.procedure
    kit = d.kit_eisen(key)
    ctx: dict[str, Any] = {
        **dossier_facts(d, f"Bestek {segment.naam}"),
        "diensten": _diensten(d, key),
        "achtergrond": secties(d.spec.secties),
        "segment": {
            "naam": segment.naam,
            "definitie": Md(segment.definitie),
            "tactische_doelen": list(segment.tactische_doelen),
        },
        "secties": {key: [{**row, "voorbeeld": d.is_example(s, "tekst")} for s in segment.secties
                          if s.bestekdeel is deel for row in secties([s])] for deel, key in DELEN.items()},
        "percelen": [_perceel(d, ds) for ds in deelsegmenten],
        "rechtsgrond": _rechtsgrond(bool(tendered), bool(admitted)),
        "percelen_combineren": _combineren(p.percelen_combineren if p else None, len(deelsegmenten)),
        "publicatie": p.publicatie if p else "",
        "deelsegmenten": [_deelsegment(d, key, ds) for ds in deelsegmenten],
        "inkoopvormen": [_inkoopvorm_row(ds) for ds in deelsegmenten],
        "toelating": _toelating(admitted),
        "aanbesteding": [_aanbesteding(ds) for ds in tendered],
        "planning": _planning(d, bool(tendered), bool(admitted)),
        "gestanddoening": _gestanddoening(p.gestanddoeningstermijn_dagen if p else None, bool(tendered), bool(admitted)),
        "vragen": Md(p.vragen) if p else None,
        "inschrijven": Md(p.inschrijven) if p else None,
        "uitsluiting": [_uitsluiting(naam, v) for naam, v in _voorwaarden(d, bool(tendered), bool(admitted))],
        "geschiktheid": [{"procedure": naam, "eisen": [Md(e) for e in v.geschiktheidseisen]}
                         for naam, v in _voorwaarden(d, bool(tendered), bool(admitted)) if v.geschiktheidseisen],
        "beoordeling": _beoordeling(d, tendered) if tendered else None,
        "besluit": _besluit(d, bool(tendered), bool(admitted)),
        "contract": contract(d),
        "bekostiging": [_bekostiging_row(naam, b) for ds in deelsegmenten for naam, b in d.bekostigingen(ds)],
        "tarieven": [_tarief(naam, t, bron(d, d.segment_file(key), t, t.id)) for ds in deelsegmenten
                     for naam, b in d.bekostigingen(ds) for t in b.tarieven],
        "voorwaarden": [_voorwaarden_row(naam, b) for ds in deelsegmenten for naam, b in d.bekostigingen(ds)
                        if b.voorwaarden or b.bezettingsregel],
        "kit_integriteit": [_kit(e, bron(d, "kit.yaml", e, e.id)) for e in kit if e.soort is EisSoort.INTEGRITEIT],
        "kit_geschiktheid": [_kit(e, bron(d, "kit.yaml", e, e.id)) for e in kit if e.soort is EisSoort.GESCHIKTHEID],
        "kit_kwaliteit": [_kit(e, bron(d, "kit.yaml", e, e.id)) for e in kit if e.soort is EisSoort.KWALITEIT],
        "kit_deelsegment": _kit_per_deelsegment(d, key),
        "kit_inleiding": Md(d.kit.inleiding),
        "deelname": [_deelname(d, ds) for ds in deelsegmenten],
        "leveranciersmanagement": {
            "toelichting": Md(segment.leveranciersmanagement.toelichting),
            "rapportage": segment.leveranciersmanagement.rapportage.label,
            "kpis": [{"naam": k.naam, "omschrijving": k.omschrijving, "frequentie": k.frequentie.label}
                     for k in segment.leveranciersmanagement.kpis],
        },
        "toegang": Md(segment.toegang),
        "overeenkomst": _overeenkomst(d, key, bool(tendered), bool(admitted)),
        "rechtsbescherming": _rechtsbescherming(d, bool(tendered), bool(admitted)),
        "bijlagen": [{"nr": str(i), "titel": b.titel, "omschrijving": b.omschrijving or ""}
                     for i, b in enumerate(p.bijlagen if p else [], start=1)],
    }
    begrippen = {b.id: b.term for b in d.begrippen.begrippen}
    for row in ctx["deelsegmenten"]:
        row["eisen"] = _lijst([with_terms(e, begrippen) for e in row["eisen"]])
    ctx["begrippen"] = _begrippen_used(d, ctx)
    ctx["nr"] = _number(ctx)
    # the admission paragraphs are numbered now, so the sentence on late entry can cite them
    ctx["inschrijving"] = _inschrijving(d.spec.doorlopende_inschrijving, bool(admitted),
                                        [r["nr"] for r in ctx["toelating"]], bool(tendered))
    return ctx


DELEN = {
    Bestekdeel.AANBESTEDENDE_DIENSTEN: "diensten", Bestekdeel.PROCEDURE: "procedure",
    Bestekdeel.TIJDSCHEMA: "tijdschema",
    Bestekdeel.VRAGEN: "vragen", Bestekdeel.INSCHRIJVEN: "inschrijven", Bestekdeel.UITSLUITINGSGRONDEN: "uitsluiting",
    Bestekdeel.GESCHIKTHEIDSEISEN: "geschiktheid", Bestekdeel.GUNNING: "gunning", Bestekdeel.BESLUIT: "besluit",
    Bestekdeel.PROGRAMMA_VAN_EISEN: "programma", Bestekdeel.OVEREENKOMST: "overeenkomst",
    Bestekdeel.RECHTSBESCHERMING: "rechtsbescherming", Bestekdeel.BIJLAGEN: "bijlagen",
}
"""Each part of the bestek (`bestekdeel` of a segment's section) by the key of its chapter number (`nr.gunning`)."""


def _lijst(items: list[str]) -> Md | None:
    """Requirements as one Markdown bullet list (None when there are none)."""
    if not items:
        return None
    return Md("\n".join("- " + x.strip().replace("\n", "\n  ") for x in items))


def with_terms(text: str, begrippen: dict[str, str]) -> str:
    """A requirement's text with each `[[id]]` written as the term it names."""
    return re.sub(r"\[\[([^\]]*)\]\]", lambda m: begrippen.get(m.group(1), m.group(1)), text)


def tijdstip(datum: date, tijd: str | None) -> str:
    """`15 april 2024, 12:00 uur`, or the date alone."""
    return f"{nl.datum(datum)}, {tijd} uur" if tijd else nl.datum(datum)


def _diensten(d: Dossier, key: str) -> dict[str, Any]:
    o = d.spec.opdrachtgever
    c = o.contactpersoon
    contact = None
    if c is not None:
        contact = ", ".join(x for x in (c.naam, c.functie, f"e-mail {c.email}" if c.email else None,
                                         f"telefoon {c.telefoon}" if c.telefoon else None) if x)
    namen = [g.naam for g in d.gemeenten.values()]
    return {
        "gemeenten": nl.opsomming(namen),
        "aantal": str(len(namen)),
        "opdrachtgever": o.naam,
        "mandaat": Md(o.mandaat) if o.mandaat else None,
        "contact": contact or "",
        "kanaal": o.kanaal or "",
        "adres": contactgegevens(d)["regel"],
    }


def _perceel(d: Dossier, ds: Deelsegment) -> dict[str, Any]:
    summary, _rows = deelname_tekst(d, ds)
    return {"naam": ds.naam, "procedure": ds.inkoopvorm.procedure.label,
            "raming": nl.bedrag(ds.raming) if ds.raming is not None else "niet geraamd",
            "deelnemers": summary}


def _rechtsgrond(tendered: bool, admitted: bool) -> list[str]:
    out = []
    if tendered:
        out.append("De aanbestede percelen zijn sociale en andere specifieke diensten. Zij worden aanbesteed "
                   "volgens het verlichte regime van artikel 2.38 en 2.39 van de Aanbestedingswet 2012, met de "
                   "drempelwaarde die op de dag van publicatie geldt. Alleen de regels van dat regime en de "
                   "voorwaarden in dit bestek zijn van toepassing.")
    if admitted:
        out.append("De percelen met een toelatingsprocedure zijn geen overheidsopdracht in de zin van de "
                   "Aanbestedingswet 2012: elke aanbieder die aan de vooraf bekendgemaakte voorwaarden voldoet, "
                   "wordt toegelaten, en er wordt niet geselecteerd of gegund (vergelijk ECLI:NL:RBNNE:2023:20). "
                   "De voorwaarden staan vooraf en voor iedereen gelijk in dit bestek; de beginselen van "
                   "gelijke behandeling en transparantie gelden.")
    return out


def _combineren(allowed: bool | None, n: int) -> str:
    if n == 1:
        return "Dit segment heeft één perceel."
    if allowed is None:
        return ""
    if allowed:
        return ("Elk deelsegment is een perceel. U mag op één, meer of alle percelen inschrijven; per perceel "
                "wordt afzonderlijk beoordeeld en besloten.")
    return "Elk deelsegment is een perceel. U mag op één perceel inschrijven."


def _inschrijving(doorlopend: bool, admitted: bool, heropening: list[str], tendered: bool) -> str:
    """What `doorlopende_inschrijving` means for this segment, for both values: it concerns the admitted
    percelen (their paragraphs on reopening are numbered `heropening`); a tendered perceel never reopens."""
    zinnen = []
    if admitted and doorlopend:
        zinnen.append("Er is doorlopende inschrijving: ook na de sluiting van de eerste inschrijving kan een "
                      "aanbieder gedurende de looptijd van de overeenkomst toelating aanvragen. Die aanvraag wordt "
                      "getoetst aan dezelfde voorwaarden als in de eerste ronde.")
    elif heropening:
        paragrafen = (f"paragraaf {heropening[0]}" if len(heropening) == 1
                      else f"de paragrafen {nl.opsomming(heropening)}")
        zinnen.append("Er is geen doorlopende inschrijving: na de sluiting van de inschrijving kan een aanbieder "
                      "geen toelating meer aanvragen, behalve als de toelating opnieuw wordt opengesteld zoals "
                      f"beschreven in {paragrafen}.")
    elif admitted:
        zinnen.append("Er is geen doorlopende inschrijving: na de sluiting van de inschrijving kan een aanbieder "
                      "geen toelating meer aanvragen.")
    if tendered:
        if admitted:  # the sentence above said what doorlopende inschrijving means here
            lead = "Een aanbesteed perceel"
        elif doorlopend:
            lead = "De doorlopende inschrijving van deze inkoop geldt alleen voor percelen met toelating: een " \
                   "aanbesteed perceel"
        else:
            lead = "Er is geen doorlopende inschrijving: een aanbesteed perceel"
        zinnen.append(lead + " gaat tijdens de looptijd niet opnieuw open; na de sluiting van de "
                      "inschrijving kan er niet meer worden ingeschreven.")
    return " ".join(zinnen)


def _gestanddoening(dagen: int | None, tendered: bool, admitted: bool) -> str:
    """The period a bid stays valid (gestanddoeningstermijn), a term of a tender: the bestek states it for the
    bids on tendered percelen, and a segment that only admits providers does not state it."""
    if dagen is None or not tendered:
        return ""
    wie = "Een inschrijving op een aanbesteed perceel" if admitted else "Een inschrijving"
    return (f"{wie} blijft {dagen} kalenderdagen na de sluiting van de inschrijving geldig "
            "(gestanddoeningstermijn).")


def _planning(d: Dossier, tendered: bool, admitted: bool) -> dict[str, Any]:
    """The phases and the timetable of this segment: an award step and the standstill after it only where
    a perceel is tendered (an admission has no standstill), an admission step only where one is admitted."""
    skip = set()
    if not tendered:
        skip |= {MijlpaalSoort.GUNNING, MijlpaalSoort.EINDE_OPSCHORTING}
    if not admitted:
        skip.add(MijlpaalSoort.TOELATING)
    base = planning(d)
    rows = [{"soort": m.soort.label, "datum": tijdstip(m.datum, m.tijd), "omschrijving": m.omschrijving or ""}
            for m in sorted(d.spec.planning.mijlpalen, key=lambda m: (m.datum, m.tijd or ""))
            if m.soort not in skip]
    return {"fasen": base["fasen"], "mijlpalen": rows}


def _voorwaarden(d: Dossier, tendered: bool, admitted: bool) -> list[tuple[str, Procedurevoorwaarden]]:
    p = d.spec.procedure
    if p is None:
        return []
    out = []
    if tendered and p.aanbesteding is not None:
        out.append(("Aanbestede percelen", p.aanbesteding))
    if admitted and p.toelating is not None:
        out.append(("Percelen met toelating", p.toelating))
    return out


def _uitsluiting(naam: str, v: Procedurevoorwaarden) -> dict[str, Any]:
    u = v.uitsluiting
    lidwoord = "het" if u.verklaring is Verklaring.UEA else "de"
    return {"procedure": naam, "verklaring": u.verklaring.label, "met": f"{lidwoord} {u.verklaring.label}",
            "toelichting": Md(u.toelichting) if u.toelichting else None,
            "bewijs": [{"wat": b.wat, "van_wie": b.van_wie, "wanneer": b.wanneer} for b in u.bewijs]}


def _beoordeling(d: Dossier, tendered: list[Deelsegment]) -> dict[str, Any] | None:
    p = d.spec.procedure
    b = p.aanbesteding.beoordeling if p and p.aanbesteding else None
    if b is None:
        return None
    return {"schaal": [{"score": str(x.score), "betekenis": x.betekenis} for x in b.schaal],
            "methode": Md(b.methode),
            # a tie decides something only where the number of providers is limited
            "gelijke_score": Md(b.gelijke_score) if any(ds.inkoopvorm.max_aanbieders for ds in tendered) else None,
            "prijsformule": (f"De punten op het prijscriterium worden zo berekend: {b.prijsformule.label}."
                             if b.prijsformule else "Prijs is geen gunningscriterium: de tarieven staan vast in dit "
                             "bestek.")}


def _besluit(d: Dossier, tendered: bool, admitted: bool) -> dict[str, Any]:
    p = d.spec.procedure
    dagen = d.besluiten.standstill_dagen
    zinnen = []
    if tendered:
        zinnen.append(f"Na verzending van het gunningsbesluit geldt een opschortende termijn (standstill) van {dagen} "
                      "kalenderdagen. Pas na afloop daarvan, en als binnen die termijn geen kort geding is aangespannen, "
                      "wordt definitief gegund.")
        if d.besluiten.termijnenwet:
            zinnen.append("Valt de laatste dag van die termijn op een zaterdag, zondag of algemeen erkende feestdag, "
                          "dan loopt de termijn door tot en met de eerstvolgende werkdag (Algemene termijnenwet).")
    if admitted:  # an admission has no standstill (domain.md): the letter says what was not met
        zinnen.append("Het besluit over toelating wordt aan elke aanvrager afzonderlijk verzonden. Een afwijzing "
                      "noemt de eisen waaraan de aanvraag niet voldoet en zegt wanneer opnieuw een aanvraag kan "
                      "worden gedaan.")
    return {"titel": _TITLES["besluit"] if tendered else "Besluit over toelating",
            "standstill": " ".join(zinnen), "na_gunning": Md(p.na_gunning) if p and p.na_gunning else None,
            "voorbehouden": _lijst(list(p.voorbehouden)) if p else None}


def overeenkomst_titel(d: Dossier, key: str) -> str:
    """'Concept-overeenkomst Ambulant': the title the bestek cites."""
    return f"Concept-overeenkomst {d.segmenten[key].naam}"


def overeenkomst_soorten(d: Dossier, key: str) -> list[str]:
    """'raamovereenkomst' for a tendered deelsegment, 'toelatingsovereenkomst' for an admitted one."""
    kinds = {ds.inkoopvorm.procedure is Proceduresoort.AANBESTEDING for ds in d.segmenten[key].deelsegmenten}
    return (["raamovereenkomst"] if True in kinds else []) + (["toelatingsovereenkomst"] if False in kinds else [])


def _overeenkomst(d: Dossier, key: str, tendered: bool, admitted: bool) -> dict[str, Any]:
    o = d.spec.overeenkomst
    c = d.spec.contract
    soorten = []
    if tendered:
        soorten.append("met elke aanbieder aan wie wordt gegund een raamovereenkomst")
    if admitted:
        soorten.append("met elke toegelaten aanbieder een toelatingsovereenkomst")
    return {"titel": overeenkomst_titel(d, key) if o else "", "soorten": " en ".join(soorten),
            "voorwaarden": o.voorwaarden if o and o.voorwaarden else "",
            "indexatie": Md(o.indexatie) if o else None,
            "verlenging_besluit": Md(c.verlenging_besluit) if c.verlenging_besluit else None}


def _rechtsbescherming(d: Dossier, tendered: bool, admitted: bool) -> dict[str, Any]:
    """Complaints desk, court and remedies per kind of decision, as the decision letters give them: against
    an award decision summary proceedings within the standstill, a forfeiture period; against a refused
    admission (private law, no Awb objection) the civil court, without such a period."""
    b = d.besluiten
    m = b.klachtenmeldpunt
    meldpunt = ""
    if m is not None:
        meldpunt = ", ".join(x for x in (m.naam, f"e-mail {m.email}", f"telefoon {m.telefoon}" if m.telefoon else None)
                             if x)
    return {"meldpunt": meldpunt, "rechtbank": b.rechtbank or "", "gunning": tendered, "toelating": admitted,
            "termijn": f"{b.standstill_dagen} kalenderdagen"}


def _kit_per_deelsegment(d: Dossier, key: str) -> list[dict[str, Any]]:
    rows = []
    for ds in d.segmenten[key].deelsegmenten:
        if ds.kit:
            eisen = [d.kit_eis(i) for i in ds.kit]
            rows.append({"deelsegment": ds.naam, "eisen": nl.opsomming(f"{e.id} {e.titel}" for e in eisen)})
    return rows


class _Counter:
    """Section numbers as a bidder cites them: '7', '7.3', '3.3.1'."""

    def __init__(self) -> None:
        self.levels: list[int] = []

    def __call__(self, level: int) -> str:
        self.levels = (self.levels + [0] * level)[:level]
        self.levels[-1] += 1
        return ".".join(map(str, self.levels))


def _number(ctx: dict[str, Any]) -> dict[str, str]:
    """Number every heading in the order the template shows them; items get their own `nr`, and the
    chapters and fixed paragraphs are returned by key (`nr.kit`, `nr.tarieven`).

    The bestek is cited by these numbers (the Nota van Inlichtingen: 'Bestek Ambulant, § 7.3'), so the
    numbers come from the context and the template prints them."""
    n = _Counter()
    nr: dict[str, str] = {"diensten": n(1), "gemeenten": n(2), "contact": n(2)}
    if ctx["achtergrond"]:
        nr["achtergrond"] = n(2)
        for s in ctx["achtergrond"]:
            s["nr"] = n(3)
    if ctx["begrippen"]:
        nr["begrippen"] = n(2)
    _sections(ctx, "diensten", n)
    nr["procedure"] = n(1)
    nr["rechtsgrond"] = n(2)
    nr["percelen"] = n(2)
    nr["inkoopvorm"] = n(2)
    for r in [*ctx["toelating"], *ctx["aanbesteding"]]:
        r["nr"] = n(3)
    _sections(ctx, "procedure", n)
    nr["deelname"] = n(2)
    for r in ctx["deelname"]:
        for u in r["uitzonderingen"]:
            u["nr"] = n(3)
    nr["tijdschema"] = n(1)
    nr["planning"] = n(2)
    nr["fasen"] = n(2)
    _sections(ctx, "tijdschema", n)
    nr["vragen"] = n(1)
    _sections(ctx, "vragen", n)
    nr["inschrijven"] = n(1)
    _sections(ctx, "inschrijven", n)
    nr["uitsluiting"] = n(1)
    nr["kit"] = nr["uitsluiting"]
    for e in ctx["kit_integriteit"]:
        e["nr"] = n(2)
    for r in ctx["uitsluiting"]:
        r["nr"] = n(2)
    _sections(ctx, "uitsluiting", n)
    nr["geschiktheid"] = n(1)
    for e in ctx["kit_geschiktheid"]:
        e["nr"] = n(2)
    for r in ctx["geschiktheid"]:
        r["nr"] = n(2)
    _sections(ctx, "geschiktheid", n)
    nr["gunning"] = n(1)
    for r in ctx["aanbesteding"]:
        r["criteria_nr"] = n(2)
    if ctx["beoordeling"]:
        nr["beoordeling"] = n(2)
    _sections(ctx, "gunning", n)
    if ctx["toelating"]:
        nr["toetsing"] = n(2)
    nr["besluit"] = n(1)
    if ctx["besluit"]["voorbehouden"]:
        nr["voorbehouden"] = n(2)
    _sections(ctx, "besluit", n)
    nr["programma"] = n(1)
    nr["kwaliteit"] = n(2)  # first, so that a KIT requirement has the same number in every bestek
    for e in ctx["kit_kwaliteit"]:
        e["nr"] = n(3)
    nr["segment"] = n(2)
    if ctx["segment"]["tactische_doelen"]:
        nr["tactische_doelen"] = n(2)
    _sections(ctx, "programma", n)
    nr["deelsegmenten"] = n(2)
    for ds in ctx["deelsegmenten"]:
        ds["nr"] = n(3)
    nr["bekostiging"] = n(2)
    if ctx["tarieven"]:
        nr["tarieven"] = n(3)
    if ctx["voorwaarden"]:
        nr["voorwaarden"] = n(3)
    nr["leveranciersmanagement"] = n(2)
    nr["toegang"] = n(2)
    nr["overeenkomst"] = n(1)
    _sections(ctx, "overeenkomst", n)
    nr["rechtsbescherming"] = n(1)
    _sections(ctx, "rechtsbescherming", n)
    nr["bijlagen"] = n(1)
    _sections(ctx, "bijlagen", n)
    return nr


def _sections(ctx: dict[str, Any], part: str, n: _Counter) -> None:
    """Number a segment's sections in `part` as paragraphs of that chapter, where the template shows them."""
    for s in ctx["secties"][part]:
        s["nr"] = n(2)


_TITLES = {"diensten": "Aanbestedende diensten", "gemeenten": "Gemeenten en opdrachtgever",
           "contact": "Contact en communicatie", "achtergrond": "Achtergrond", "begrippen": "Begrippen",
           "procedure": "Procedure en rechtsgrond", "rechtsgrond": "Rechtsgrond", "percelen": "Percelen",
           "inkoopvorm": "Inkoopvorm", "deelname": "Deelnemende gemeenten", "tijdschema": "Tijdschema",
           "planning": "Planning", "fasen": "Fasen", "vragen": "Vragen en Nota van Inlichtingen",
           "inschrijven": "Inschrijven", "uitsluiting": "Uitsluitingsgronden", "geschiktheid": "Geschiktheidseisen",
           "gunning": "Gunningscriteria en beoordeling", "beoordeling": "Beoordeling",
           "toetsing": "Toetsing van aanvragen tot toelating", "besluit": "Besluit en opschortende termijn",
           "voorbehouden": "Voorbehouden", "programma": "Programma van eisen", "tactische_doelen": "Tactische doelen",
           "deelsegmenten": "Deelsegmenten", "kwaliteit": "Kwaliteitseisen", "bekostiging": "Bekostiging",
           "tarieven": "Tarieven", "voorwaarden": "Voorwaarden", "leveranciersmanagement": "Leveranciersmanagement",
           "toegang": "Toegang", "overeenkomst": "Concept-overeenkomst", "rechtsbescherming": "Klachten en rechtsbescherming",
           "bijlagen": "Bijlagen"}


@dataclass(frozen=True)
class Plaats:
    """Where something stands in one bestek: the paragraph number and what a reader finds there."""

    segment: str
    nr: str
    titel: str


def plaatsen(d: Dossier, key: str) -> dict[str, Plaats]:
    """Everything a question can refer to in the bestek of segment `key`, by id (KIT-K-04, a deelsegment,
    verbijzondering or tariff id) or by paragraph title in lower case ('planning', 'tarieven')."""
    ctx = context(d, key)
    naam = ctx["segment"]["naam"]
    nr = ctx["nr"]
    out = {_TITLES[k].lower(): Plaats(naam, v, _TITLES[k]) for k, v in nr.items() if k in _TITLES}
    out[ctx["kit"].lower()] = Plaats(naam, nr["kit"], ctx["kit"])
    out[ctx["besluit"]["titel"].lower()] = Plaats(naam, nr["besluit"], ctx["besluit"]["titel"])
    for s in [*(s for part in ctx["secties"].values() for s in part), *ctx["achtergrond"]]:
        out.setdefault(s["titel"].lower(), Plaats(naam, s["nr"], s["titel"]))
    for e in [*ctx["kit_integriteit"], *ctx["kit_geschiktheid"], *ctx["kit_kwaliteit"]]:
        out[e["id"]] = Plaats(naam, e["nr"], f"{e['id']} {e['titel']}")
    for ds, row in zip(d.segmenten[key].deelsegmenten, ctx["deelsegmenten"], strict=True):
        out[ds.id] = Plaats(naam, row["nr"], ds.naam)
        for v in ds.verbijzonderingen:
            out[v.id] = Plaats(naam, row["nr"], f"{ds.naam}, {v.naam}")
        for _naam, b in d.bekostigingen(ds):
            for t in b.tarieven:
                out[t.id] = Plaats(naam, nr["tarieven"], f"Tarieven, {t.omschrijving}")
    return out


def _deelsegment(d: Dossier, key: str, ds: Deelsegment) -> dict[str, Any]:
    file = d.segment_file(key)
    return {
        "naam": ds.naam,
        "definitie": Md(ds.definitie),
        "bron": bron(d, file, ds, ds.id),
        "verbijzonderingen": [{"naam": v.naam, "definitie": Md(v.definitie), "bron": bron(d, file, v, v.id)}
                              for v in ds.verbijzonderingen],
        "eisen": list(ds.eisen),
        "kit": nl.opsomming(f"{i} {d.kit_eis(i).titel}" for i in ds.kit),
    }


def _inkoopvorm_row(ds: Deelsegment) -> dict[str, Any]:
    vorm = ds.inkoopvorm
    return {"deelsegment": ds.naam, "was": vorm.was.label, "wordt": vorm.wordt.label,
            "redenen": list(vorm.redenen)}


def _toelating(admitted: list[Deelsegment]) -> list[dict[str, Any]]:
    """When admission opens again, once per distinct text: deelsegmenten with the same rule share a paragraph."""
    groups: dict[str, list[str]] = {}
    for ds in admitted:
        if ds.inkoopvorm.heropening:
            groups.setdefault(ds.inkoopvorm.heropening, []).append(ds.naam)
    return [{"deelsegment": nl.opsomming(namen), "heropening": Md(tekst)} for tekst, namen in groups.items()]


def _aanbesteding(ds: Deelsegment) -> dict[str, Any]:
    vorm = ds.inkoopvorm
    return {
        "deelsegment": ds.naam,
        "max_aanbieders": nl.aantal(vorm.max_aanbieders, "aanbieder", "aanbieders") if vorm.max_aanbieders else "",
        "criteria": [{"naam": c.naam + (" (prijs)" if c.prijs else ""), "weging": str(c.weging),
                      "subcriteria": "; ".join(f"{x.naam} ({x.weging} punten)" for x in c.subcriteria) or "—",
                      "inleveren": Md(c.inleveren or "—")} for c in vorm.gunningscriteria],
        "totaal": str(sum(c.weging for c in vorm.gunningscriteria)),
    }


def _bekostiging_row(naam: str, b: Bekostiging) -> dict[str, Any]:
    return {
        "onderdeel": naam,
        "was": b.was.label if b.was else "—",
        "vorm": b.vorm.label,
        "uitvoeringsvariant": nl.opsomming(v.label for v in b.uitvoeringsvariant),
        "reden": b.reden or "",
    }


def _tarief(naam: str, t: Any, herkomst: str | None) -> dict[str, Any]:
    eenheid = t.eenheid.label + (" (totaal; het bedrag per aanbieder staat in de overeenkomst)"
                                 if t.per_aanbieder else "")
    return {"onderdeel": naam, "omschrijving": t.omschrijving, "bedrag": nl.bedrag(t.bedrag),
            "eenheid": eenheid, "ingangsdatum": nl.datum(t.ingangsdatum), "bron": herkomst}


def _voorwaarden_row(naam: str, b: Bekostiging) -> dict[str, Any]:
    items = [Md(v) for v in b.voorwaarden]
    if b.bezettingsregel:
        regel = b.bezettingsregel
        items.append(Md(f"Bij een bezettingsgraad onder {nl.procent(regel.drempel_procent)}: {regel.gevolg}"))
    return {"onderdeel": naam, "regels": items}


def _kit(e: KitEis, herkomst: str | None) -> dict[str, Any]:
    return {"id": e.id, "soort": e.soort.label, "titel": e.titel, "tekst": Md(e.tekst),
            "bewijs": list(e.bewijs), "alle_aanbieders": e.alle_aanbieders, "bron": herkomst}


def _deelname(d: Dossier, ds: Deelsegment) -> dict[str, Any]:
    summary, rows = deelname_tekst(d, ds)
    return {"deelsegment": ds.naam, "deelnemers": summary, "uitzonderingen": rows}


def _begrippen_used(d: Dossier, ctx: dict[str, Any]) -> list[dict[str, Any]]:
    """The glossary terms that occur in this document's text, alphabetically."""
    # a review mark ('bron') is not text of the document
    text = " ".join(v for v in leaves(ctx, frozenset({"bron"})) if isinstance(v, str)).lower()
    used = []
    for b in d.begrippen.begrippen:
        words = [b.term, *b.synoniemen]
        if any(re.search(rf"(?<!\w){re.escape(w.lower())}(?!\w)", text) for w in words):
            used.append({"term": b.term, "definitie": Md(b.definitie), "bron": bron(d, "begrippen.yaml", b, b.id)})
    return sorted(used, key=lambda b: b["term"].lower())
