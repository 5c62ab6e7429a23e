"""Context of the samenvatting: the cross-segment summary of the dossier (as seed 003 does it)."""

from __future__ import annotations

from typing import Any

from ..spec import Dossier
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
    """Tables over all segments: deelsegmenten, inkoopvorm, bekostiging, deelname; and planning."""
    rows_segment = []
    rows_inkoop = []
    rows_bekostiging = []
    rows_deelname = []
    for key in d.spec.segmenten:
        segment = d.segmenten[key]
        rows_segment.append({"segment": segment.naam,
                             "deelsegmenten": [ds.naam for ds in segment.deelsegmenten]})
        for ds in segment.deelsegmenten:
            rows_inkoop.append({"segment": segment.naam, "deelsegment": ds.naam,
                                "was": ds.inkoopvorm.was.label, "wordt": ds.inkoopvorm.wordt.label,
                                "redenen": list(ds.inkoopvorm.redenen)})
            for naam, b in d.bekostigingen(ds):
                rows_bekostiging.append({
                    "segment": segment.naam, "onderdeel": naam,
                    "was": b.was.label if b.was else "—", "wordt": b.vorm.label,
                    "uitvoeringsvariant": nl.opsomming(v.label for v in b.uitvoeringsvariant),
                })
            summary, exceptions = deelname_tekst(d, ds)
            rows_deelname.append({"segment": segment.naam, "deelsegment": ds.naam, "deelnemers": summary,
                                  "uitzonderingen": exceptions})
    return {
        **dossier_facts(d, title),
        "leidende_principes": list(d.spec.leidende_principes),
        "strategische_doelen": list(d.spec.strategische_doelen),
        "secties": secties(d.spec.secties),
        "segmenten": rows_segment,
        "inkoopvormen": rows_inkoop,
        "bekostiging": rows_bekostiging,
        "deelname": rows_deelname,
        "planning": planning(d),
        "contract": contract(d),
        "kit_inleiding": Md(d.kit.inleiding),
        "risicos": [{"titel": r.titel, "omschrijving": Md(r.omschrijving)} for r in d.spec.risicos],
    }
