"""Context of the bestek: the tender specification of one segment."""

from __future__ import annotations

import re
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
    return ctx


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
        "max_aanbieders": vorm.max_aanbieders or "",
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
