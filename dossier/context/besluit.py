"""Context of a besluit: the gunningsbeslissing and/or toelatingsbesluit sent to one provider."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ..spec import Dossier
from ..spec.model import Besluit, Uitkomst
from ..spec.types import InkoopvormSoort, Uitkomstsoort
from . import nl, termijnen
from .common import Document, Md, adresregels, bron, contactgegevens, dossier_facts


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


def standstill_einde(besluit: Besluit, dagen: int, termijnenwet: bool = True) -> date:
    """The last day of the standstill period: `dagen` calendar days after the day of dispatch; with
    `termijnenwet`, moved to the next day that is no Saturday, Sunday or holiday (Algemene termijnenwet)."""
    einde = besluit.verzonden + timedelta(days=dagen)
    return termijnen.eerstvolgende_werkdag(einde) if termijnenwet else einde


def context(d: Dossier, besluit: Besluit) -> dict[str, Any]:
    """The decision for one provider, every outcome with its grounds."""
    aanbieder = d.aanbieders[besluit.aanbieder]
    uitkomsten = [_uitkomst(d, besluit, u) for u in besluit.uitkomsten]
    tender = any(u["aanbesteden"] for u in uitkomsten)
    admission = any(not u["aanbesteden"] for u in uitkomsten)
    soort = ("Gunningsbeslissing en toelatingsbesluit" if tender and admission
             else "Gunningsbeslissing" if tender else "Toelatingsbesluit")
    dagen = besluit.standstill_dagen or d.besluiten.standstill_dagen
    standstill = _standstill(d, besluit, dagen) if tender else None
    return {
        **dossier_facts(d, soort),
        "soort": soort,
        "aanhef": besluit.aanhef or aanhef(aanbieder.contactpersoon),
        "aanbieder": {"naam": aanbieder.naam, "adres": adresregels(aanbieder.adres), "kvk": aanbieder.kvk,
                      "contactpersoon": aanbieder.contactpersoon, "email": aanbieder.email},
        "kenmerk": besluit.kenmerk,
        "verzonden": nl.datum(besluit.verzonden),
        "inleiding": _inleiding(d, tender, admission),
        "uitkomsten": uitkomsten,
        "aanbesteden": tender,
        "standstill": standstill,
        "vervolg": _vervolg(d, besluit, standstill),
        "rechtsmiddelen": Md(d.besluiten.rechtsmiddelen) if d.besluiten.rechtsmiddelen else None,
        "contact": contactgegevens(d),
        "ondertekening": [{"functie": o.functie, "naam": o.naam} for o in d.besluiten.ondertekening],
        "opdrachtgever_voluit": d.spec.opdrachtgever.omschrijving or d.spec.opdrachtgever.naam,
    }


def _inleiding(d: Dossier, tender: bool, admission: bool) -> str:
    """What the provider did: an inschrijving in a tender, an aanvraag tot toelating in an admission."""
    wie = d.spec.opdrachtgever.omschrijving or d.spec.opdrachtgever.naam
    if tender and admission:
        gedaan, over = ("zich ingeschreven en een aanvraag tot toelating gedaan",
                        "uw inschrijving en uw aanvraag tot toelating")
    elif tender:
        gedaan, over = "zich ingeschreven", "uw inschrijving"
    else:
        gedaan, over = "een aanvraag tot toelating gedaan", "uw aanvraag tot toelating"
    return (f"U heeft {gedaan} voor {d.spec.titel} van {wie}. Met deze brief maken wij ons besluit over "
            f"{over} bekend. Per deelsegment leest u de uitkomst en de motivering.")


def _standstill(d: Dossier, besluit: Besluit, dagen: int) -> dict[str, str]:
    """The standstill period; when its last day moved, the day it would have been and why it moved."""
    kalender = besluit.verzonden + timedelta(days=dagen)
    einde = standstill_einde(besluit, dagen, d.besluiten.termijnenwet)
    if einde != kalender:
        toelichting = (f"De {dagen}e dag na verzending, {nl.datum(kalender)}, is een "
                       f"{_wat(kalender)}; volgens de Algemene termijnenwet loopt de termijn daarom door tot en "
                       f"met de eerstvolgende werkdag.")
    elif termijnen.reden(einde):
        toelichting = (f"Die dag is een {_wat(einde)}; de termijn loopt in dit besluit toch tot en met die "
                       f"dag, omdat de Algemene termijnenwet hier niet wordt toegepast.")
    else:
        toelichting = ""
    return {"dagen": str(dagen), "einde": nl.datum(einde), "toelichting": toelichting}


def _wat(day: Any) -> str:
    """'zondag', 'zaterdag' or 'feestdag (<name of the holiday>)', e.g. 'feestdag (Hemelvaartsdag)'."""
    reden = termijnen.reden(day)
    return reden if reden in ("zaterdag", "zondag") else f"feestdag ({reden})"


def _vervolg(d: Dossier, besluit: Besluit, standstill: dict[str, str] | None) -> list[dict[str, Any]]:
    """What happens next and what the provider can do, one block per kind of outcome in this decision:
    gunning won, gunning lost, toelating granted, toelating refused."""
    rechtbank = d.besluiten.rechtbank or ""
    by_kind: dict[Uitkomstsoort, list[str]] = {}
    for u in besluit.uitkomsten:
        by_kind.setdefault(u.uitkomst, []).append(d.deelsegment(u.deelsegment)[1].naam)
    blocks: list[dict[str, Any]] = []
    einde = standstill["einde"] if standstill else ""
    if Uitkomstsoort.GEGUND in by_kind:
        blocks.append({"titel": f"Gegund: {nl.opsomming(by_kind[Uitkomstsoort.GEGUND])}", "alineas": [
            f"Wij sluiten de overeenkomst voor {nl.opsomming(by_kind[Uitkomstsoort.GEGUND])} met u niet vóór "
            f"het einde van de opschortende termijn op {einde}.",
            f"Iedere inschrijver die het niet eens is met deze gunningsbeslissing, kan tot en met {einde} een "
            f"kort geding aanhangig maken bij de voorzieningenrechter van de {rechtbank}. Gebeurt dat en horen "
            f"wij dat binnen die termijn, dan sluiten wij de overeenkomst niet voordat de voorzieningenrechter "
            f"uitspraak heeft gedaan.",
        ], "meldpunt": False})
    if Uitkomstsoort.NIET_GEGUND in by_kind:
        blocks.append({"titel": f"Niet gegund: {nl.opsomming(by_kind[Uitkomstsoort.NIET_GEGUND])}", "alineas": [
            f"Bent u het niet eens met de beslissing om {nl.opsomming(by_kind[Uitkomstsoort.NIET_GEGUND])} niet "
            f"aan u te gunnen, dan kunt u tot en met {einde} een kort geding aanhangig maken bij de "
            f"voorzieningenrechter van de {rechtbank}.",
            "Deze termijn is een vervaltermijn: na afloop ervan kunt u niet meer tegen deze gunningsbeslissing "
            "opkomen.",
            "Wij sluiten de overeenkomst niet voordat de opschortende termijn is verstreken. Maakt u binnen die "
            "termijn een kort geding aanhangig en laat u ons dat binnen dezelfde termijn weten, dan sluiten wij "
            "de overeenkomst niet voordat de voorzieningenrechter uitspraak heeft gedaan.",
        ], "meldpunt": False})
    if Uitkomstsoort.TOEGELATEN in by_kind:
        namen = nl.opsomming(by_kind[Uitkomstsoort.TOEGELATEN])
        blocks.append({"titel": f"Toegelaten: {namen}", "alineas": [
            f"Uw aanvraag tot toelating voor {namen} voldoet aan alle eisen waaraan wij haar hebben getoetst. "
            f"U bent toegelaten.",
            f"Een geschil over deze toelating kunt u voorleggen aan de civiele rechter: de {rechtbank}.",
        ], "tekst": Md(d.besluiten.na_toelating or ""), "meldpunt": False})
    if Uitkomstsoort.AFGEWEZEN in by_kind:
        namen = nl.opsomming(by_kind[Uitkomstsoort.AFGEWEZEN])
        opnieuw = ("U kunt opnieuw een aanvraag tot toelating doen wanneer de toelating weer opengaat; hierboven "
                   "staat per deelsegment wanneer dat is." if not d.spec.doorlopende_inschrijving else
                   "U kunt tijdens de looptijd van het contract op ieder moment opnieuw een aanvraag tot "
                   "toelating doen.")
        redenen = []
        for u in besluit.uitkomsten:
            if u.uitkomst is Uitkomstsoort.AFGEWEZEN:
                seg, ds = d.deelsegment(u.deelsegment)
                redenen.append(f"Uw aanvraag tot toelating voor {ds.naam} is afgewezen, omdat zij niet voldoet aan "
                               f"{nl.opsomming(u.niet_voldaan)} (Bestek {d.segmenten[seg].naam}, hoofdstuk "
                               f"{d.spec.kit}). {_overige(d, seg, u)}")
        blocks.append({"titel": f"Afgewezen: {namen}", "alineas": [
            *redenen,
            opnieuw,
            "De toelating is een privaatrechtelijke procedure: tegen de afwijzing staat geen bezwaar of beroep "
            "open op grond van de Algemene wet bestuursrecht.",
            f"Bent u het niet eens met de afwijzing, dan kunt u een klacht indienen bij het meldpunt hieronder. "
            f"U kunt het geschil ook voorleggen aan de civiele rechter: de {rechtbank}, in spoedeisende gevallen "
            f"in kort geding bij de voorzieningenrechter.",
        ], "meldpunt": True})
    meldpunt = d.besluiten.klachtenmeldpunt
    for block in blocks:
        block.setdefault("tekst", None)
        if block.pop("meldpunt") and meldpunt:
            block["meldpunt"] = {"naam": meldpunt.naam, "email": meldpunt.email, "telefoon": meldpunt.telefoon or ""}
        else:
            block["meldpunt"] = None
    return blocks


def aanhef(contactpersoon: str) -> str:
    """'de heer B. Jansen' → 'Geachte heer Jansen,'; 'mevrouw A. de Vries' → 'Geachte mevrouw De Vries,';
    'de heer en mevrouw Jansen' → 'Geachte heer en mevrouw Jansen,'."""
    rest = contactpersoon.strip()
    titles: list[str] = []
    while True:
        lower = rest.lower()
        for prefix, title in (("de heer ", "heer"), ("heer ", "heer"), ("mevrouw ", "mevrouw"), ("en ", "en"),
                              ("& ", "en")):
            if lower.startswith(prefix):
                titles.append(title)
                rest = rest[len(prefix):].lstrip()
                break
        else:
            break
    if not titles or titles[-1] == "en" or not rest:
        return f"Geachte {contactpersoon.strip()},"
    words = rest.split()
    while len(words) > 1 and (words[0].endswith(".") or words[0].lower() in ("en", "&")):
        words.pop(0)  # initials ('A.', 'P.A.') and the 'en' between two people's initials
    surname = " ".join(words)
    return f"Geachte {' '.join(titles)} {surname[0].upper()}{surname[1:]},"


def _uitkomst(d: Dossier, besluit: Besluit, u: Uitkomst) -> dict[str, Any]:
    seg, ds = d.deelsegment(u.deelsegment)
    segment = d.segmenten[seg]
    row: dict[str, Any] = {
        "segment": segment.naam,
        "deelsegment": ds.naam,
        "kop": ds.naam if ds.naam == segment.naam else f"{ds.naam} ({segment.naam})",
        "uitkomst": u.uitkomst.label,
        "positief": u.uitkomst.value in ("toegelaten", "gegund"),
        "aanbesteden": u.uitkomst.is_aanbesteden,
        "gronden": Md(u.gronden) if u.gronden else None,
        "getoetst": [{"id": e.id, "titel": e.titel} for e in d.kit_eisen(seg)],
        "niet_voldaan": [{"id": e.id, "titel": e.titel, "tekst": Md(e.tekst), "bron": bron(d, "kit.yaml", e, e.id),
                          "plaats": f"Bestek {segment.naam}, hoofdstuk {d.spec.kit}, eis {e.id}"}
                         for e in (d.kit_eis(i) for i in u.niet_voldaan)],
        "overige": _overige(d, seg, u) if u.uitkomst is Uitkomstsoort.AFGEWEZEN else "",
        "bron": bron(d, "besluiten.yaml", u, f"{besluit.aanbieder}/{u.deelsegment}"),
        "heropening": Md(ds.inkoopvorm.heropening) if ds.inkoopvorm.heropening else None,
        "scores": [],
        "vergelijking": None,
        "kenmerken": None,
        "kenmerken_kop": "",
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
        # art. 2.130 Aw: the characteristics and relative advantages of the chosen tender; where every
        # tender above the threshold wins, nothing was preferred to anything, so there are none to name
        row["kenmerken_kop"] = ("Kenmerken en relatieve voordelen van de winnende inschrijving"
                                if ds.inkoopvorm.wordt is InkoopvormSoort.AANBESTEDEN_BEPERKT
                                else "Kenmerken van de gegunde inschrijvingen")
    return row


def _overige(d: Dossier, seg: str, u: Uitkomst) -> str:
    """Whether a rejected application met the other requirements it was tested against."""
    overige = [e.id for e in d.kit_eisen(seg) if e.id not in u.niet_voldaan]
    if not overige:
        return "Er zijn geen andere eisen getoetst."
    return f"Aan de overige eisen ({nl.opsomming(overige)}) voldoet uw aanvraag wel."


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
