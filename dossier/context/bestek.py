"""Context of the bestek: the tender specification of one segment."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..spec import Dossier
from ..spec.model import Bekostiging, Deelsegment, KitEis, Risico
from ..spec.types import InkoopvormSoort
from . import nl
from .common import Document, Md, bron, contract, deelname_tekst, dossier_facts, leaves, planning, secties


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
    """Everything the bestek template shows for segment `key`."""
    segment = d.segmenten[key]
    deelsegmenten = segment.deelsegmenten
    ctx: dict[str, Any] = {
        **dossier_facts(d, f"Bestek {segment.naam}"),
        "segment": {
            "naam": segment.naam,
            "definitie": Md(segment.definitie),
            "tactische_doelen": list(segment.tactische_doelen),
            "secties": secties(segment.secties),
        },
        "deelsegmenten": [_deelsegment(d, key, ds) for ds in deelsegmenten],
        "inkoopvormen": [_inkoopvorm_row(ds) for ds in deelsegmenten],
        "toelating": [_toelating(ds) for ds in deelsegmenten
                      if ds.inkoopvorm.wordt is InkoopvormSoort.TOELATINGSPROCEDURE],
        "aanbesteding": [_aanbesteding(ds) for ds in deelsegmenten if ds.inkoopvorm.wordt.is_aanbesteden],
        "doorlopende_inschrijving": d.spec.doorlopende_inschrijving,
        "planning": planning(d),
        "contract": contract(d),
        "bekostiging": [_bekostiging_row(naam, b) for ds in deelsegmenten for naam, b in d.bekostigingen(ds)],
        "tarieven": [_tarief(naam, t, bron(d, d.segment_file(key), t, t.id)) for ds in deelsegmenten
                     for naam, b in d.bekostigingen(ds) for t in b.tarieven],
        "voorwaarden": [_voorwaarden(naam, b) for ds in deelsegmenten for naam, b in d.bekostigingen(ds)
                        if b.voorwaarden or b.bezettingsregel],
        "kit_eisen": [_kit(e, bron(d, "kit.yaml", e, e.id)) for e in d.kit_eisen(key)],
        "kit_inleiding": Md(d.kit.inleiding),
        "deelname": [_deelname(d, ds) for ds in deelsegmenten],
        "leveranciersmanagement": {
            "toelichting": Md(segment.leveranciersmanagement.toelichting),
            "rapportage": segment.leveranciersmanagement.rapportage.label,
            "kpis": [{"naam": k.naam, "omschrijving": k.omschrijving, "frequentie": k.frequentie.label}
                     for k in segment.leveranciersmanagement.kpis],
        },
        "toegang": Md(segment.toegang),
        "risicos": [_risico(r) for r in [*segment.risicos, *d.spec.risicos]],
    }
    ctx["begrippen"] = _begrippen_used(d, ctx)
    ctx["nr"] = _number(ctx)
    return ctx


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
    nr: dict[str, str] = {"inleiding": n(1)}
    for s in ctx["segment"]["secties"]:
        s["nr"] = n(2)
    if ctx["begrippen"]:
        nr["begrippen"] = n(1)
    nr["reikwijdte"] = n(1)
    nr["segment"] = n(2)
    if ctx["segment"]["tactische_doelen"]:
        nr["tactische_doelen"] = n(2)
    nr["deelsegmenten"] = n(2)
    for ds in ctx["deelsegmenten"]:
        ds["nr"] = n(3)
    nr["procedure"] = n(1)
    nr["inkoopvorm"] = n(2)
    for r in [*ctx["toelating"], *ctx["aanbesteding"]]:
        r["nr"] = n(3)
    nr["planning"] = n(2)
    nr["contract"] = n(1)
    nr["bekostiging"] = n(1)
    if ctx["tarieven"]:
        nr["tarieven"] = n(2)
    if ctx["voorwaarden"]:
        nr["voorwaarden"] = n(2)
        for v in ctx["voorwaarden"]:
            v["nr"] = n(3)
    nr["kit"] = n(1)
    for e in ctx["kit_eisen"]:
        e["nr"] = n(2)
    nr["deelname"] = n(1)
    for r in ctx["deelname"]:
        for u in r["uitzonderingen"]:
            u["nr"] = n(2)
    nr["leveranciersmanagement"] = n(1)
    nr["toegang"] = n(1)
    if ctx["risicos"]:
        nr["risicos"] = n(1)
        for r in ctx["risicos"]:
            r["nr"] = n(2)
    return nr


_TITLES = {"inleiding": "Inleiding", "begrippen": "Begrippen", "reikwijdte": "Reikwijdte",
           "tactische_doelen": "Tactische doelen", "deelsegmenten": "Deelsegmenten", "procedure": "Procedure",
           "inkoopvorm": "Inkoopvorm", "planning": "Planning", "contract": "Contract", "bekostiging": "Bekostiging",
           "tarieven": "Tarieven", "voorwaarden": "Voorwaarden", "deelname": "Deelnemende gemeenten",
           "leveranciersmanagement": "Leveranciersmanagement", "toegang": "Toegang", "risicos": "Risico’s"}


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
    for s in ctx["segment"]["secties"]:
        out.setdefault(s["titel"].lower(), Plaats(naam, s["nr"], s["titel"]))
    for e in ctx["kit_eisen"]:
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
    }


def _inkoopvorm_row(ds: Deelsegment) -> dict[str, Any]:
    vorm = ds.inkoopvorm
    return {"deelsegment": ds.naam, "was": vorm.was.label, "wordt": vorm.wordt.label,
            "redenen": list(vorm.redenen)}


def _toelating(ds: Deelsegment) -> dict[str, Any]:
    return {"deelsegment": ds.naam, "heropening": Md(ds.inkoopvorm.heropening or "")}


def _aanbesteding(ds: Deelsegment) -> dict[str, Any]:
    vorm = ds.inkoopvorm
    return {
        "deelsegment": ds.naam,
        "max_aanbieders": nl.aantal(vorm.max_aanbieders, "aanbieder", "aanbieders") if vorm.max_aanbieders else "",
        "criteria": [{"naam": c.naam, "weging": str(c.weging)} for c in vorm.gunningscriteria],
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
    return {"onderdeel": naam, "omschrijving": t.omschrijving, "bedrag": nl.bedrag(t.bedrag),
            "eenheid": t.eenheid.label, "ingangsdatum": nl.datum(t.ingangsdatum), "bron": herkomst}


def _voorwaarden(naam: str, b: Bekostiging) -> dict[str, Any]:
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


def _risico(r: Risico) -> dict[str, Any]:
    return {"titel": r.titel, "omschrijving": Md(r.omschrijving),
            "beheersmaatregel": Md(r.beheersmaatregel) if r.beheersmaatregel else None}


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
