"""Context of a besluit: the gunningsbeslissing and/or toelatingsbesluit sent to one provider."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from ..spec import Dossier
from ..spec.model import Besluit, Uitkomst
from . import nl
from .common import Document, Md, adresregels, bron, dossier_facts


def keys(d: Dossier) -> list[str]:
    """One decision per provider that has one in besluiten.yaml."""
    return [b.aanbieder for b in d.besluiten.besluiten]


def document(d: Dossier, key: str) -> Document:
    besluit = next(b for b in d.besluiten.besluiten if b.aanbieder == key)
    ctx = context(d, besluit)
    return Document(
        kind="besluit",
        key=key,
        title=f"{ctx['soort']} {d.aanbieders[key].naam}",
        subject=f"{d.spec.titel}: {ctx['soort'].lower()} {besluit.kenmerk}",
        context=ctx,
    )


def standstill_einde(besluit: Besluit, dagen: int) -> Any:
    """The last day of the standstill period: `dagen` calendar days after the day of dispatch."""
    return besluit.verzonden + timedelta(days=dagen)


def context(d: Dossier, besluit: Besluit) -> dict[str, Any]:
    """The decision for one provider, every outcome with its grounds."""
    aanbieder = d.aanbieders[besluit.aanbieder]
    uitkomsten = [_uitkomst(d, besluit, u) for u in besluit.uitkomsten]
    tender = any(u["aanbesteden"] for u in uitkomsten)
    admission = any(not u["aanbesteden"] for u in uitkomsten)
    soort = ("Gunningsbeslissing en toelatingsbesluit" if tender and admission
             else "Gunningsbeslissing" if tender else "Toelatingsbesluit")
    dagen = besluit.standstill_dagen or d.besluiten.standstill_dagen
    return {
        **dossier_facts(d, soort),
        "soort": soort,
        "aanhef": aanhef(aanbieder.contactpersoon),
        "aanbieder": {"naam": aanbieder.naam, "adres": adresregels(aanbieder.adres), "kvk": aanbieder.kvk,
                      "contactpersoon": aanbieder.contactpersoon, "email": aanbieder.email},
        "kenmerk": besluit.kenmerk,
        "verzonden": nl.datum(besluit.verzonden),
        "uitkomsten": uitkomsten,
        "aanbesteden": tender,
        "standstill": {"dagen": str(dagen), "einde": nl.datum(standstill_einde(besluit, dagen))} if tender else None,
        "rechtsmiddelen": Md(d.besluiten.rechtsmiddelen),
        "ondertekening": [{"functie": o.functie, "naam": o.naam} for o in d.besluiten.ondertekening],
        "opdrachtgever_voluit": d.spec.opdrachtgever.omschrijving or d.spec.opdrachtgever.naam,
    }


def aanhef(contactpersoon: str) -> str:
    """'de heer B. Jansen' → 'Geachte heer Jansen,'; 'mevrouw A. de Vries' → 'Geachte mevrouw De Vries,'."""
    for prefix, title in (("de heer ", "heer"), ("mevrouw ", "mevrouw")):
        if contactpersoon.lower().startswith(prefix):
            rest = contactpersoon[len(prefix):].split()
            surname = " ".join(w for w in rest if not w.endswith(".")) or contactpersoon[len(prefix):]
            return f"Geachte {title} {surname[0].upper()}{surname[1:]},"
    return f"Geachte {contactpersoon},"


def _uitkomst(d: Dossier, besluit: Besluit, u: Uitkomst) -> dict[str, Any]:
    seg, ds = d.deelsegment(u.deelsegment)
    segment = d.segmenten[seg]
    row: dict[str, Any] = {
        "segment": segment.naam,
        "deelsegment": ds.naam,
        "uitkomst": u.uitkomst.label,
        "positief": u.uitkomst.value in ("toegelaten", "gegund"),
        "aanbesteden": u.uitkomst.is_aanbesteden,
        "gronden": Md(u.gronden) if u.gronden else None,
        "getoetst": [{"id": e.id, "titel": e.titel} for e in d.kit_eisen(seg)],
        "niet_voldaan": [{"id": e.id, "titel": e.titel, "tekst": Md(e.tekst), "bron": bron(d, "kit.yaml", e, e.id)}
                         for e in (d.kit_eis(i) for i in u.niet_voldaan)],
        "bron": bron(d, "besluiten.yaml", u, f"{besluit.aanbieder}/{u.deelsegment}"),
        "heropening": Md(ds.inkoopvorm.heropening) if ds.inkoopvorm.heropening else None,
        "scores": [],
        "vergelijking": None,
        "kenmerken": None,
    }
    if u.uitkomst.is_aanbesteden:
        gunning = next(g for g in d.besluiten.gunningen if g.deelsegment == ds.id)
        rival = None if besluit.aanbieder in gunning.winnaars else _lowest_winner(d, ds.id, gunning.winnaars)
        rival_scores = rival[1].scores if rival else {}
        row["scores"] = [{
            "criterium": c.naam,
            "weging": str(c.weging),
            "eigen": nl.getal(u.scores[c.id]),
            "winnaar": nl.getal(rival_scores[c.id]) if rival else "",
        } for c in ds.inkoopvorm.gunningscriteria]
        row["totaal"] = nl.getal(sum(u.scores.values(), Decimal(0)))
        row["totaal_winnaar"] = nl.getal(sum(rival_scores.values(), Decimal(0))) if rival else ""
        row["vergelijking"] = d.aanbieders[rival[0]].naam if rival else None
        row["winnaars"] = nl.opsomming(d.aanbieders[w].naam for w in gunning.winnaars)
        row["kenmerken"] = Md(gunning.kenmerken)
    return row


def _lowest_winner(d: Dossier, ident: str, winnaars: list[str]) -> tuple[str, Uitkomst] | None:
    """The winning bid a losing bidder is compared with: the lowest-ranked winner."""
    bids = []
    for besluit in d.besluiten.besluiten:
        if besluit.aanbieder in winnaars:
            for u in besluit.uitkomsten:
                if u.deelsegment == ident:
                    bids.append((sum(u.scores.values(), Decimal(0)), besluit.aanbieder, u))
    if not bids:
        return None
    _, key, uitkomst = min(bids, key=lambda b: (b[0], b[1]))
    return key, uitkomst
