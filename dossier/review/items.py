"""The dossier as a reviewer reads it: a tree of labelled items whose values look as in the documents.

A diff compares these trees, not YAML text, so moving a line, rewriting an alias or reformatting
a file is no change, and a tariff reads `€ 186,50 per etmaal`, not `186.5`. Every item has a key
that is stable between versions (its id in the spec where it has one) and knows where it is written
(file and YAML path), so a change can name the line to look at.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from decimal import Decimal
from typing import Any

from ..context import nl
from ..context.common import adresregels
from ..spec.markdown import markdown_plain
from ..spec import Dossier
from ..spec.model import (
    Bekostiging,
    Contactpersoon,
    Deelname,
    Deelsegment,
    Klachtenmeldpunt,
    Procedurevoorwaarden,
    NotaFile,
    Ondertekenaar,
    Risico,
    Sectie,
    Segmentsectie,
    Tarief,
    Verbijzondering,
)
from ..spec.types import Eenheid, Labeled
from ..spec.yamlfile import Path_

NOTA_FILE = "nota-van-inlichtingen.yaml"


@dataclass(frozen=True)
class Value:
    """A value as a document shows it; `unit` is kept apart so `€ 180,00 → € 186,50 per etmaal` can
    name the unit once."""

    text: str
    unit: str = ""

    def __str__(self) -> str:
        return f"{self.text} {self.unit}" if self.unit and self.text else self.text


@dataclass
class Item:
    """Something a reviewer can point at: a requirement, a tariff, a municipality's participation."""

    key: str
    label: str
    file: str
    path: Path_
    fields: dict[str, Value] = field(default_factory=dict)
    children: list[Item] = field(default_factory=list)


def fmt(value: Any) -> Value:
    """Format a spec value the way the documents do (dates, amounts, code-list labels, yes/no)."""
    if value is None:
        return Value("")
    if isinstance(value, bool):
        return Value("ja" if value else "nee")
    if isinstance(value, Labeled):
        return Value(value.label)
    if isinstance(value, date):
        return Value(nl.datum(value))
    if isinstance(value, Decimal):
        return Value(nl.getal(value))
    if isinstance(value, (list, tuple)):
        return Value("; ".join(str(fmt(v)) for v in value))
    return Value(str(value))


@lru_cache(maxsize=4096)
def plain(markdown: str) -> str:
    """Markdown as the reader sees it: the visible text, without markup (both versions share most)."""
    return markdown_plain(markdown)


def md(value: str | None) -> Value:
    return Value(plain(value) if value else "")


def _fields(**values: Value | Any) -> dict[str, Value]:
    """Field labels are written with '_' for spaces (Python names); values formatted unless given."""
    return {k.replace("_", " "): v if isinstance(v, Value) else fmt(v) for k, v in values.items()}


def _keyed(items: Iterable[Item]) -> list[Item]:
    """Make sibling keys unique (two phases with one name stay two items)."""
    out: list[Item] = []
    seen: dict[str, int] = {}
    for item in items:
        n = seen.get(item.key, 0)
        seen[item.key] = n + 1
        if n:
            item.key = f"{item.key}#{n + 1}"
        out.append(item)
    return out


def dossier_items(d: Dossier) -> list[Item]:
    """The whole dossier as top-level groups, in the order a reader meets them."""
    groups = [_dossier(d), _planning(d), _procedure(d), _overeenkomst(d), _gemeenten(d), _kit(d), _begrippen(d)]
    groups += [_segment(d, key) for key in d.spec.segmenten]
    groups += [_aanbieders(d), _besluiten(d), _brieven(d)]
    if d.nota is not None:
        groups.append(_nota(d.nota))
    return groups


# --- dossier.yaml ---------------------------------------------------------------------------------

def _dossier(d: Dossier) -> Item:
    s = d.spec
    o = s.opdrachtgever
    c = s.contract
    return Item("dossier", "Dossier", "dossier.yaml", (), _fields(
        titel=s.titel, regio=s.regio, opdrachtgever=o.naam, opdrachtgever_voluit=o.omschrijving,
        mandaat=md(o.mandaat), contactpersoon=_contact(o.contactpersoon), communicatiekanaal=o.kanaal,
        verlenging_besluit=md(c.verlenging_besluit),
        adres_opdrachtgever=", ".join(adresregels(o.adres)) if o.adres else None,
        **{"e-mail opdrachtgever": o.email}, telefoon_opdrachtgever=o.telefoon,
        versie=s.versie, status=s.status, datum=s.datum, naam_kwaliteitsinstrument=s.kit,
        segmenten=[d.segmenten[k].naam for k in s.segmenten],
        ingangsdatum_contract=c.ingangsdatum, looptijd_contract=nl.looptijd(c.looptijd_maanden),
        verlenging=c.verlenging, doorlopende_inschrijving=s.doorlopende_inschrijving,
        leidende_principes=s.leidende_principes, strategische_doelen=s.strategische_doelen,
        huisstijl=s.huisstijl or "standaard",
        toelichting_inkoopvorm=md(s.sturingsinstrumenten.inkoopvorm),
        toelichting_bekostiging=md(s.sturingsinstrumenten.bekostiging),
        toelichting_leveranciersmanagement=md(s.sturingsinstrumenten.leveranciersmanagement),
        toelichting_toegang=md(s.sturingsinstrumenten.toegang),
    ), _keyed([*_secties(s.secties, "dossier.yaml", ("secties",)),
               *_secties(s.slotsecties, "dossier.yaml", ("slotsecties",)),
               *_risicos(s.risicos, "dossier.yaml", ("risicos",))]))


def _planning(d: Dossier) -> Item:
    p = d.spec.planning
    fasen = [Item(f"fase:{f.naam}", f"Fase {f.naam}", "dossier.yaml", ("planning", "fasen", i),
                  _fields(periode=nl.periode(f.van, f.tot), omschrijving=md(f.omschrijving)))
             for i, f in enumerate(p.fasen)]
    mijlpalen = [Item(f"mijlpaal:{m.soort.value}", f"Mijlpaal {m.soort.label}", "dossier.yaml",
                      ("planning", "mijlpalen", i), _fields(datum=m.datum, tijd=f"{m.tijd} uur" if m.tijd else None,
                                                            omschrijving=m.omschrijving, fase=m.fase))
                 for i, m in enumerate(p.mijlpalen)]
    return Item("planning", "Planning", "dossier.yaml", ("planning",), {}, _keyed([*fasen, *mijlpalen]))


def _contact(c: Contactpersoon | None) -> str | None:
    if c is None:
        return None
    return ", ".join(x for x in (c.naam, c.functie, c.email, c.telefoon) if x)


def _procedure(d: Dossier) -> Item:
    p = d.spec.procedure
    if p is None:
        return Item("procedure", "Procedure", "dossier.yaml", ("procedure",))
    children = []
    for name, v in (("aanbesteding", p.aanbesteding), ("toelating", p.toelating)):
        if v is not None:
            children.append(_voorwaarden(name, v))
    children += [Item(f"bijlage:{b.id}", f"Bijlage {b.titel}", "dossier.yaml", ("procedure", "bijlagen", i),
                      _fields(titel=b.titel, omschrijving=b.omschrijving)) for i, b in enumerate(p.bijlagen)]
    return Item("procedure", "Procedure", "dossier.yaml", ("procedure",), _fields(
        publicatie=p.publicatie, percelen_combineren=p.percelen_combineren,
        gestanddoeningstermijn=_dagen(p.gestanddoeningstermijn_dagen), vragen=md(p.vragen),
        inschrijven=md(p.inschrijven), na_gunning=md(p.na_gunning),
        voorbehouden=Value("; ".join(str(md(v)) for v in p.voorbehouden))), children)


def _voorwaarden(name: str, v: Procedurevoorwaarden) -> Item:
    path: Path_ = ("procedure", name)
    u = v.uitsluiting
    b = v.beoordeling
    beoordeling = _fields(
        schaal=[f"{x.score}: {x.betekenis}" for x in b.schaal], methode=md(b.methode), prijsformule=b.prijsformule,
        gelijke_score=md(b.gelijke_score)) if b else {}
    return Item(f"voorwaarden:{name}", f"Voorwaarden {name}", "dossier.yaml", path, _fields(
        verklaring=u.verklaring, uitsluitingsgronden=md(u.toelichting),
        bewijs=[f"{x.wat} ({x.van_wie}, {x.wanneer})" for x in u.bewijs],
        geschiktheidseisen=Value("; ".join(str(md(e)) for e in v.geschiktheidseisen)), **beoordeling))


def _overeenkomst(d: Dossier) -> Item:
    o = d.spec.overeenkomst
    if o is None:
        return Item("overeenkomst", "Overeenkomst", "dossier.yaml", ("overeenkomst",))
    return Item("overeenkomst", "Overeenkomst", "dossier.yaml", ("overeenkomst",), _fields(
        voorwerp=md(o.voorwerp), indexatie=md(o.indexatie), wijziging=md(o.wijziging), beeindiging=md(o.beeindiging),
        boetes=md(o.boetes), geschillen=md(o.geschillen), inkoopvoorwaarden=o.voorwaarden))


def _secties(secties: Sequence[Sectie], file: str, path: Path_, kind: str = "Hoofdstuk") -> list[Item]:
    def fields(s: Sectie) -> dict[str, Value]:
        if isinstance(s, Segmentsectie):
            return _fields(tekst=md(s.tekst), bestekdeel=s.bestekdeel.label)
        return _fields(tekst=md(s.tekst))

    return [Item(f"sectie:{s.titel}", f"{kind} {s.titel}", file, (*path, i), fields(s)) for i, s in enumerate(secties)]


def _risicos(risicos: list[Risico], file: str, path: Path_) -> list[Item]:
    return [Item(f"risico:{r.id}", f"Risico {r.titel}", file, (*path, i),
                 _fields(titel=r.titel, omschrijving=md(r.omschrijving), beheersmaatregel=md(r.beheersmaatregel)))
            for i, r in enumerate(risicos)]


# --- gemeenten, kit, begrippen, aanbieders ----------------------------------------------------

def _gemeenten(d: Dossier) -> Item:
    file = "gemeenten.yaml"
    children = []
    for key, g in d.gemeenten.items():
        path = ("gemeenten", key)
        children.append(Item(f"gemeente:{key}", f"Gemeente {g.naam}", file, path, _fields(
            naam=g.naam, postadres=", ".join(adresregels(g.postadres)),
            bezoekadres=", ".join(adresregels(g.bezoekadres)), telefoon=g.telefoon, **{"e-mail": g.email},
            burgemeester=g.burgemeester, secretaris=g.secretaris, zaaknummer=g.zaaknummer, uw_kenmerk=g.kenmerk,
            logo=g.huisstijl.logo if g.huisstijl else None, huiskleur=g.huisstijl.kleur if g.huisstijl else None,
        ), _secties(g.lokale_paragrafen, file, (*path, "lokale_paragrafen"), "Lokale paragraaf")))
    return Item("gemeenten", "Gemeenten", file, ("gemeenten",), {}, children)


def _kit(d: Dossier) -> Item:
    eisen = [Item(f"kit:{e.id}", f"{e.id} {e.titel}", "kit.yaml", ("eisen", i), _fields(
        soort=e.soort, titel=e.titel, tekst=md(e.tekst), bewijs=e.bewijs,
        geldt_voor_alle_aanbieders=e.alle_aanbieders)) for i, e in enumerate(d.kit.eisen)]
    return Item("kit", "Kwaliteit en integriteit", "kit.yaml", (), _fields(inleiding=md(d.kit.inleiding)), eisen)


def _begrippen(d: Dossier) -> Item:
    items = [Item(f"begrip:{b.id}", f"Begrip {b.term}", "begrippen.yaml", ("begrippen", i),
                  _fields(term=b.term, definitie=md(b.definitie), synoniemen=b.synoniemen))
             for i, b in enumerate(d.begrippen.begrippen)]
    return Item("begrippen", "Begrippen", "begrippen.yaml", ("begrippen",), {}, items)


def _aanbieders(d: Dossier) -> Item:
    items = [Item(f"aanbieder:{key}", f"Aanbieder {a.naam}", "aanbieders.yaml", ("aanbieders", key),
                  _fields(naam=a.naam, adres=", ".join(adresregels(a.adres)), contactpersoon=a.contactpersoon,
                          **{"KvK-nummer": a.kvk, "e-mail": a.email}))
             for key, a in d.aanbieders.items()]
    return Item("aanbieders", "Aanbieders", "aanbieders.yaml", ("aanbieders",), {}, items)


# --- segmenten ----------------------------------------------------------------------------------

def _segment(d: Dossier, key: str) -> Item:
    s = d.segmenten[key]
    file = d.segment_file(key)
    lm = s.leveranciersmanagement
    beheer = Item("leveranciersmanagement", "Leveranciersmanagement", file, ("leveranciersmanagement",),
                  _fields(toelichting=md(lm.toelichting), rapportage=lm.rapportage),
                  [Item(f"kpi:{k.id}", f"Prestatie-indicator {k.naam}", file,
                        ("leveranciersmanagement", "kpis", i),
                        _fields(naam=k.naam, omschrijving=k.omschrijving, frequentie=k.frequentie))
                   for i, k in enumerate(lm.kpis)])
    children = [*_secties(s.secties, file, ("secties",)),
                *_secties(s.beleid, file, ("beleid",), "Beleid"),
                *([_segment_deelname(d, s.deelname, file)] if s.deelname is not None else []),
                *(_deelsegment(d, file, i, ds) for i, ds in enumerate(s.deelsegmenten)),
                beheer, *_risicos(s.risicos, file, ("risicos",))]
    return Item(f"segment:{key}", f"Segment {s.naam}", file, (), _fields(
        naam=s.naam, definitie=md(s.definitie), tactische_doelen=s.tactische_doelen, **{"KIT-eisen": s.kit},
        toegang=md(s.toegang)), _keyed(children))


def _segment_deelname(d: Dossier, deelname: Deelname, file: str) -> Item:
    """The segment-wide participation as written (each deelsegment without its own shows it too)."""
    chosen = deelname.gemeenten
    rows = [Item(f"uitzondering:{u.gemeente}", f"Uitzondering {u.gemeente}", file, ("deelname", "uitzonderingen", j),
                 _fields(deelname=u.deelname, toelichting=md(u.toelichting)))
            for j, u in enumerate(deelname.uitzonderingen)]
    return Item("segment-deelname", "Deelname aan het segment", file, ("deelname",),
                _fields(gemeenten="alle" if chosen is None else chosen), rows)


def _deelsegment(d: Dossier, file: str, i: int, ds: Deelsegment) -> Item:
    path: Path_ = ("deelsegmenten", i)
    vorm = ds.inkoopvorm
    children = [Item(f"criterium:{c.id}", f"Gunningscriterium {c.naam}", file,
                     (*path, "inkoopvorm", "gunningscriteria", j),
                     _fields(naam=c.naam, weging=f"{c.weging} punten", inleveren=md(c.inleveren),
                             prijscriterium=c.prijs,
                             subcriteria=[f"{x.naam} ({x.weging} punten; id {x.id})" for x in c.subcriteria]))
                for j, c in enumerate(vorm.gunningscriteria)]
    children += _bekostiging(ds.bekostiging, file, (*path, "bekostiging"))
    for j, v in enumerate(ds.verbijzonderingen):
        children.append(_verbijzondering(v, file, (*path, "verbijzonderingen", j)))
    children += _deelname(d, ds, file, (*path, "deelname"))
    return Item(f"deelsegment:{ds.id}", f"Deelsegment {ds.naam}", file, path, _fields(
        naam=ds.naam, definitie=md(ds.definitie), inkoopvorm_was=vorm.was, inkoopvorm=vorm.wordt,
        procedure=vorm.procedure, redenen_inkoopvorm=vorm.redenen, heropening=md(vorm.heropening),
        maximaal_aantal_aanbieders=vorm.max_aanbieders, raming=nl.bedrag(ds.raming) if ds.raming is not None else None,
        **{"KIT-eisen": ds.kit}, programma_van_eisen=Value("; ".join(str(md(e)) for e in ds.eisen))), children)


def _verbijzondering(v: Verbijzondering, file: str, path: Path_) -> Item:
    children = _bekostiging(v.bekostiging, file, (*path, "bekostiging")) if v.bekostiging else []
    return Item(f"verbijzondering:{v.id}", f"Verbijzondering {v.naam}", file, path,
                _fields(naam=v.naam, definitie=md(v.definitie)), children)


def _bekostiging(b: Bekostiging, file: str, path: Path_) -> list[Item]:
    regel = b.bezettingsregel
    item = Item("bekostiging", "Bekostiging", file, path, _fields(
        bekostiging_was=b.was, bekostiging=b.vorm, uitvoeringsvariant=nl.opsomming(v.label for v in b.uitvoeringsvariant),
        reden=b.reden, voorwaarden=Value("; ".join(str(md(v)) for v in b.voorwaarden)),
        bezettingsregel=f"onder {nl.procent(regel.drempel_procent)}: {regel.gevolg}" if regel else None))
    return [item, *(_tarief(t, file, (*path, "tarieven", j)) for j, t in enumerate(b.tarieven))]


def tarief_value(t: Tarief) -> Value:
    """`€ 186,50 per etmaal`, as in the tariff table of the bestek."""
    return Value(nl.bedrag(t.bedrag), "" if t.eenheid is Eenheid.EURO else t.eenheid.label)


def _tarief(t: Tarief, file: str, path: Path_) -> Item:
    return Item(f"tarief:{t.id}", f"Tarief {t.omschrijving}", file, path,
                _fields(omschrijving=t.omschrijving, tarief=tarief_value(t), ingangsdatum=t.ingangsdatum,
                        per_aanbieder=[f"{k}: {nl.bedrag(v)}" for k, v in t.per_aanbieder.items()]))


def _deelname(d: Dossier, ds: Deelsegment, file: str, path: Path_) -> list[Item]:
    """Participation per municipality as the documents state it, whether it comes from the list of
    participants or from an exception."""
    exceptions = {u.gemeente: j for j, u in enumerate(ds.deelname.uitzonderingen)}
    items = []
    for p in d.deelnemers(ds):
        where: Path_ = (*path, "uitzonderingen", exceptions[p.key]) if p.key in exceptions else path
        items.append(Item(f"deelname:{p.key}", f"Deelname {p.gemeente.naam}", file, where, _fields(
            deelname=p.deelname.label if p.deelname else "neemt volledig deel", toelichting=md(p.toelichting))))
    return items


# --- besluiten, brieven --------------------------------------------------------------------------

def _ondertekening(people: list[Ondertekenaar]) -> list[str]:
    return [f"{o.functie} {o.naam}" for o in people]


def _besluiten(d: Dossier) -> Item:
    b = d.besluiten
    file = "besluiten.yaml"
    children = []
    for i, g in enumerate(b.gunningen):
        naam = _deelsegment_naam(d, g.deelsegment)
        children.append(Item(f"gunning:{g.deelsegment}", f"Gunning {naam}", file, ("gunningen", i), _fields(
            winnaars=nl.opsomming(_aanbieder_naam(d, w) for w in g.winnaars), kenmerken=md(g.kenmerken))))
    for i, besluit in enumerate(b.besluiten):
        path: Path_ = ("besluiten", i)
        uitkomsten = []
        for j, u in enumerate(besluit.uitkomsten):
            criteria = _criteria(d, u.deelsegment)
            scores = [f"{criteria.get(c, c)}: {nl.getal(s)}" for c, s in u.scores.items()]
            uitkomsten.append(Item(f"uitkomst:{u.deelsegment}", f"Uitkomst {_deelsegment_naam(d, u.deelsegment)}",
                                   file, (*path, "uitkomsten", j), _fields(
                                       uitkomst=u.uitkomst, gronden=md(u.gronden), niet_voldaan_aan=u.niet_voldaan,
                                       scores=scores, inschrijfprijs=nl.bedrag(u.inschrijfprijs)
                                       if u.inschrijfprijs is not None else None)))
        children.append(Item(f"besluit:{besluit.aanbieder}", f"Besluit {_aanbieder_naam(d, besluit.aanbieder)}",
                             file, path, _fields(kenmerk=besluit.kenmerk, verzonden=besluit.verzonden,
                                                 opschortende_termijn=_dagen(besluit.standstill_dagen),
                                                 aanhef=besluit.aanhef),
                             uitkomsten))
    return Item("besluiten", "Besluiten", file, (), _fields(
        opschortende_termijn=_dagen(b.standstill_dagen),
        algemene_termijnenwet="toegepast" if b.termijnenwet else "niet toegepast", rechtbank=b.rechtbank,
        klachtenmeldpunt=_meldpunt(b.klachtenmeldpunt), na_toelating=md(b.na_toelating),
        rechtsmiddelen=md(b.rechtsmiddelen),
        ondertekening=_ondertekening(b.ondertekening)), _keyed(children))


def _meldpunt(m: Klachtenmeldpunt | None) -> str | None:
    if m is None:
        return None
    return ", ".join(x for x in (m.naam, m.email, m.telefoon) if x)


def _dagen(n: int | None) -> str | None:
    return None if n is None else f"{n} kalenderdagen"


def _deelsegment_naam(d: Dossier, ident: str) -> str:
    try:
        return d.deelsegment(ident)[1].naam
    except KeyError:
        return ident


def _criteria(d: Dossier, ident: str) -> dict[str, str]:
    try:
        return {c.id: c.naam for c in d.deelsegment(ident)[1].inkoopvorm.gunningscriteria}
    except KeyError:
        return {}


def _aanbieder_naam(d: Dossier, key: str) -> str:
    a = d.aanbieders.get(key)
    return a.naam if a else key


def _brieven(d: Dossier) -> Item:
    file = "brieven.yaml"
    items = []
    for i, b in enumerate(d.brieven.brieven):
        path: Path_ = ("brieven", i)
        items.append(Item(f"brief:{b.id}", f"Brief {b.onderwerp}", file, path, _fields(
            soort=b.soort, onderwerp=b.onderwerp, datum=b.datum, aanhef=b.aanhef, slot=b.slot, bijlagen=b.bijlagen,
            ons_kenmerk=b.ons_kenmerk, behandeld_door=b.behandeld_door, afzender=b.afzender,
            ondertekening=_ondertekening(b.ondertekening)), _secties(b.secties, file, (*path, "secties"))))
    return Item("brieven", "Brieven", file, ("brieven",), {}, items)


def _nota(nota: NotaFile) -> Item:
    vragen = [Item(f"vraag:{v.nummer}", f"Vraag {v.nummer}", NOTA_FILE, ("vragen", i), _fields(
        vraag=md(v.vraag), antwoord=md(v.antwoord), betreft=v.betreft, wijzigt_de_documenten=v.wijzigt_documenten,
        wijziging=md(v.wijziging)))
        for i, v in enumerate(nota.vragen)]
    return Item("nota", "Nota van Inlichtingen", NOTA_FILE, (), _fields(
        titel=nota.titel, datum=nota.datum, inleiding=md(nota.inleiding)), vragen)
