"""Context of the samenvatting: the cross-segment summary of the dossier (as seed 003 does it)."""

from __future__ import annotations

from typing import Any

from ..spec import Dossier
from ..spec.types import InkoopvormSoort
from . import nl
from .common import Document, Md, contract, deelname_tekst, dossier_facts, planning, secties


def keys(d: Dossier) -> list[str]:
    """One summary of the whole dossier."""
    return ["dossier"]


def document(d: Dossier, key: str) -> Document:
    title = "Integrale bestuurlijke samenvatting"
    return Document(
        kind="samenvatting",
        key="dossier",
        title=title,
        subject=f"{d.spec.titel}: samenvatting van de inkoopstrategieën",
        context=context(d, title),
    )


def context(d: Dossier, title: str) -> dict[str, Any]:
    """Seed 003's chapters: the segments, each steering instrument (inkoop- en contractvorm, bekostiging,
    leveranciersmanagement, toegang) with its reasons and conditions, participation, risks and planning."""
    sturing = d.spec.sturingsinstrumenten
    rows_segment = []
    rows_deelname = []
    for key in d.spec.segmenten:
        segment = d.segmenten[key]
        rows_segment.append({"segment": segment.naam,
                             "deelsegmenten": [ds.naam for ds in segment.deelsegmenten]})
        for ds in segment.deelsegmenten:
            summary, exceptions = deelname_tekst(d, ds)
            rows_deelname.append({"segment": segment.naam, "deelsegment": ds.naam, "deelnemers": summary,
                                  "uitzonderingen": exceptions})
    return {
        **dossier_facts(d, title),
        "leidende_principes": list(d.spec.leidende_principes),
        "strategische_doelen": list(d.spec.strategische_doelen),
        "secties": secties(d.spec.secties),
        "slotsecties": [*secties(d.spec.slotsecties), *_beleid(d)],
        "segmenten": rows_segment,
        "inkoop": {
            "toelichting": _md(sturing.inkoopvorm),
            "vormen": _inkoopvormen(d),
            "heropening": _heropening(d),
            "aanbesteding": _aanbesteding(d),
        },
        "bekostiging": _bekostiging(d, sturing.bekostiging),
        "leveranciersmanagement": {
            "toelichting": _md(sturing.leveranciersmanagement),
            "segmenten": [{"segment": d.segmenten[k].naam,
                           "rapportage": d.segmenten[k].leveranciersmanagement.rapportage.label,
                           "indicatoren": nl.opsomming(kpi.naam for kpi in d.segmenten[k].leveranciersmanagement.kpis)
                           or "—"}
                          for k in d.spec.segmenten],
        },
        "toegang": {
            "toelichting": _md(sturing.toegang),
            "segmenten": [{"segment": d.segmenten[k].naam, "tekst": Md(d.segmenten[k].toegang)}
                          for k in d.spec.segmenten],
        },
        "deelname": rows_deelname,
        "planning": planning(d),
        "contract": contract(d),
        "kit_inleiding": Md(d.kit.inleiding),
        "risicos": [{"titel": r.titel, "omschrijving": Md(r.omschrijving)} for r in d.spec.risicos]
        + [{"titel": f"{r.titel} (segment {d.segmenten[k].naam})", "omschrijving": Md(r.omschrijving)}
           for k in d.spec.segmenten for r in d.segmenten[k].risicos],
    }


def _beleid(d: Dossier) -> list[dict[str, Any]]:
    """The policy text of each segment (research, open items), which the bestek does not hold."""
    return [{"titel": f"{d.segmenten[k].naam}: {s.titel}", "tekst": Md(s.tekst)}
            for k in d.spec.segmenten for s in d.segmenten[k].beleid]


def _md(text: str | None) -> Md | None:
    return Md(text) if text else None


def _inkoopvormen(d: Dossier) -> list[dict[str, Any]]:
    """Was, wordt and the reasons, one row for the deelsegmenten of a segment that share them
    ('Begeleiding en Behandeling')."""
    rows: list[dict[str, Any]] = []
    for key in d.spec.segmenten:
        segment = d.segmenten[key]
        groups: list[tuple[tuple[Any, ...], list[str]]] = []
        for ds in segment.deelsegmenten:
            v = ds.inkoopvorm
            same = (v.was, v.wordt, tuple(v.redenen))
            if groups and groups[-1][0] == same:
                groups[-1][1].append(ds.naam)
            else:
                groups.append((same, [ds.naam]))
        for (was, wordt, redenen), namen in groups:
            whole = len(namen) == len(segment.deelsegmenten)
            rows.append({"segment": segment.naam,
                         "deelsegment": "alle deelsegmenten" if whole and len(namen) > 1 else nl.opsomming(namen),
                         "was": was.label, "wordt": wordt.label, "redenen": list(redenen)})
    return rows


def _heropening(d: Dossier) -> list[dict[str, Any]]:
    """When admission opens again, once for every group of deelsegmenten with the same conditions."""
    groups: dict[str, list[str]] = {}
    for _key, ds in d.deelsegmenten():
        if ds.inkoopvorm.wordt is InkoopvormSoort.TOELATINGSPROCEDURE and ds.inkoopvorm.heropening:
            groups.setdefault(ds.inkoopvorm.heropening, []).append(ds.naam)
    return [{"deelsegmenten": nl.opsomming(namen), "tekst": Md(tekst)} for tekst, namen in groups.items()]


def _aanbesteding(d: Dossier) -> list[dict[str, Any]]:
    """Per tendered deelsegment: how many providers win at most."""
    rows = []
    for key, ds in d.deelsegmenten():
        v = ds.inkoopvorm
        if v.wordt.is_aanbesteden:
            aantal = (f"ten hoogste {nl.aantal(v.max_aanbieders, 'aanbieder', 'aanbieders')}"
                      if v.max_aanbieders else "niet beperkt")
            rows.append({"segment": d.segmenten[key].naam, "deelsegment": ds.naam, "wordt": v.wordt.label,
                         "aantal": aantal})
    return rows


def _bekostiging(d: Dossier, toelichting: str | None) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    voorwaarden: list[dict[str, Any]] = []
    for key, ds in d.deelsegmenten():
        segment = d.segmenten[key].naam
        for naam, b in d.bekostigingen(ds):
            rows.append({"segment": segment, "onderdeel": naam, "was": b.was.label if b.was else "—",
                         "wordt": b.vorm.label,
                         "uitvoeringsvariant": nl.opsomming(v.label for v in b.uitvoeringsvariant)})
            if b.was is not None and b.was is not b.vorm:
                changed.append({"onderdeel": naam, "was": b.was.label, "wordt": b.vorm.label,
                                "reden": b.reden or "—"})
            regels = [Md(v) for v in b.voorwaarden]
            if b.bezettingsregel:
                regels.append(Md(b.bezettingsregel.gevolg))
            if regels:
                same = next((v for v in voorwaarden if v["regels"] == regels), None)
                if same:
                    same["namen"].append(naam)
                else:
                    voorwaarden.append({"namen": [naam], "regels": regels})
    return {"toelichting": _md(toelichting), "rijen": rows, "wijzigingen": changed,
            "voorwaarden": [{"onderdeel": nl.opsomming(v["namen"]), "regels": v["regels"]} for v in voorwaarden]}
