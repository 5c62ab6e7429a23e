"""Rules across spec files: references exist, ids are unique, dates are in order, decisions fit.

Each rule is a function that yields Problems located in the file where the writer must act.
The list of rules is documented in docs/spec-format.md (generated from RULES' docstrings).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import Problem
from .dossier import Dossier
from .yamlfile import Path_, YamlFile
from .types import Briefsoort, InkoopvormSoort, MijlpaalSoort, Uitkomstsoort

Rule = Callable[[Dossier], Iterator[Problem]]


def _hint(word: str, options: list[str]) -> str:
    match = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"; bedoelde u '{match[0]}'?" if match else ""


def unique_ids(d: Dossier) -> Iterator[Problem]:
    """Ids are unique: deelsegmenten in the whole dossier, verbijzonderingen, tariffs and criteria
    within their deelsegment, KIT requirements, begrippen, risks, brieven."""
    seen: dict[str, str] = {}
    for seg in d.spec.segmenten:
        src = d.sources[d.segment_file(seg)]
        for i, ds in enumerate(d.segmenten[seg].deelsegmenten):
            if ds.id in seen:
                yield src.problem(("deelsegmenten", i, "id"),
                                  f"deelsegment-id '{ds.id}' komt al voor in {seen[ds.id]}; kies een andere id")
            seen.setdefault(ds.id, src.display)
            yield from _dupes(src, ("deelsegmenten", i, "verbijzonderingen"),
                              [v.id for v in ds.verbijzonderingen], "verbijzondering-id")
            yield from _dupes(src, ("deelsegmenten", i, "bekostiging", "tarieven"),
                              [t.id for t in ds.bekostiging.tarieven], "tarief-id")
        yield from _dupes(src, ("risicos",), [r.id for r in d.segmenten[seg].risicos], "risico-id")
    yield from _dupes(d.sources["kit.yaml"], ("eisen",), [e.id for e in d.kit.eisen], "KIT-id")
    yield from _dupes(d.sources["begrippen.yaml"], ("begrippen",), [b.id for b in d.begrippen.begrippen], "begrip-id")
    yield from _dupes(d.sources["dossier.yaml"], ("risicos",), [r.id for r in d.spec.risicos], "risico-id")
    yield from _dupes(d.sources["dossier.yaml"], ("segmenten",), list(d.spec.segmenten), "segment", None)
    yield from _dupes(d.sources["brieven.yaml"], ("brieven",), [b.id for b in d.brieven.brieven], "brief-id")


def _dupes(src: YamlFile, loc: Path_, ids: list[str], what: str, field: str | None = "id") -> Iterator[Problem]:
    counts = Counter(ids)
    for i, ident in enumerate(ids):
        if counts[ident] > 1 and ids.index(ident) != i:
            yield src.problem((*loc, i, field) if field else (*loc, i),
                              f"{what} '{ident}' komt twee keer voor; ids moeten uniek zijn")


def references(d: Dossier) -> Iterator[Problem]:
    """Every referenced municipality, KIT requirement and deelsegment exists."""
    gemeenten = list(d.gemeenten)
    kit_ids = [e.id for e in d.kit.eisen]
    for seg in d.spec.segmenten:
        src = d.sources[d.segment_file(seg)]
        for k, kit_id in enumerate(d.segmenten[seg].kit):
            if kit_id not in kit_ids:
                yield src.problem(("kit", k), f"KIT-eis '{kit_id}' bestaat niet in kit.yaml{_hint(kit_id, kit_ids)}")
        for i, ds in enumerate(d.segmenten[seg].deelsegmenten):
            loc = ("deelsegmenten", i, "deelname")
            for g, key in enumerate(ds.deelname.gemeenten or []):
                if key not in gemeenten:
                    yield src.problem((*loc, "gemeenten", g),
                                      f"gemeente '{key}' bestaat niet in gemeenten.yaml{_hint(key, gemeenten)}")
            named: set[str] = set()
            excused = {u.gemeente for u in ds.deelname.uitzonderingen}
            for key in gemeenten:
                if ds.deelname.gemeenten is not None and key not in ds.deelname.gemeenten and key not in excused:
                    yield src.problem((*loc, "gemeenten"), f"gemeente '{key}' doet niet mee maar heeft geen "
                                      "uitzondering met toelichting; voeg die toe onder 'uitzonderingen'")
            for u, uitz in enumerate(ds.deelname.uitzonderingen):
                if uitz.gemeente not in gemeenten:
                    yield src.problem((*loc, "uitzonderingen", u, "gemeente"),
                                      f"gemeente '{uitz.gemeente}' bestaat niet in gemeenten.yaml"
                                      f"{_hint(uitz.gemeente, gemeenten)}")
                if uitz.gemeente in named:
                    yield src.problem((*loc, "uitzonderingen", u, "gemeente"),
                                      f"gemeente '{uitz.gemeente}' heeft al een uitzondering in dit deelsegment")
                named.add(uitz.gemeente)


def segment_files(d: Dossier) -> Iterator[Problem]:
    """Every segment listed in dossier.yaml has its file, and every segment file is listed."""
    listed = set(d.spec.segmenten)
    for name in sorted(d.sources):
        if name.startswith("segmenten/") and Path(name).stem not in listed:
            src = d.sources[name]
            yield src.problem((), f"segment '{Path(name).stem}' staat niet in 'segmenten' van "
                              "dossier.yaml; voeg het daar toe of verwijder dit bestand")


def planning_order(d: Dossier) -> Iterator[Problem]:
    """Planning phases are in date order; milestones go publicatie → sluiting inschrijving →
    gunning → ingang contract; the ingang-contract milestone equals the contract start."""
    src = d.sources["dossier.yaml"]
    fasen = d.spec.planning.fasen
    for i in range(1, len(fasen)):
        if fasen[i].van < fasen[i - 1].van:
            yield src.problem(("planning", "fasen", i, "van"),
                              f"fase '{fasen[i].naam}' begint vóór de vorige fase '{fasen[i - 1].naam}'; "
                              "zet de fasen in volgorde van begindatum")
    order = [MijlpaalSoort.PUBLICATIE, MijlpaalSoort.SLUITING_INSCHRIJVING, MijlpaalSoort.GUNNING,
             MijlpaalSoort.INGANG_CONTRACT]
    dated = [(i, m) for i, m in enumerate(d.spec.planning.mijlpalen) if m.soort in order]
    for (_, a), (j, b) in ((x, y) for x in dated for y in dated):
        if order.index(a.soort) < order.index(b.soort) and b.datum < a.datum:
            yield src.problem(("planning", "mijlpalen", j, "datum"),
                              f"{b.soort.label.lower()} ({b.datum.isoformat()}) ligt vóór "
                              f"{a.soort.label.lower()} ({a.datum.isoformat()})")
    for i, m in enumerate(d.spec.planning.mijlpalen):
        if m.soort is MijlpaalSoort.INGANG_CONTRACT and m.datum != d.spec.contract.ingangsdatum:
            yield src.problem(("planning", "mijlpalen", i, "datum"),
                              f"ingang contract ({m.datum.isoformat()}) verschilt van contract.ingangsdatum "
                              f"({d.spec.contract.ingangsdatum.isoformat()})")


def decisions(d: Dossier) -> Iterator[Problem]:
    """Each decision names a known provider (once) and known deelsegmenten; the outcome fits the
    inkoopvorm (toegelaten/afgewezen for admission, gegund/niet gegund for a tender); a rejection
    names KIT requirements that apply in that segment; a tender outcome scores every criterion
    between 0 and its weight; each tendered deelsegment with outcomes has a gunning whose
    winners were awarded, within max_aanbieders, and no losing bid outscores a winner."""
    src = d.sources["besluiten.yaml"]
    aanbieders = list(d.aanbieders)
    ds_ids = [ds.id for _, ds in d.deelsegmenten()]
    seen: dict[str, int] = {}
    totals: dict[str, dict[str, float]] = {}
    outcome: dict[tuple[str, str], Uitkomstsoort] = {}
    for b, besluit in enumerate(d.besluiten.besluiten):
        loc = ("besluiten", b)
        if besluit.aanbieder not in aanbieders:
            yield src.problem((*loc, "aanbieder"), f"aanbieder '{besluit.aanbieder}' bestaat niet in "
                              f"aanbieders.yaml{_hint(besluit.aanbieder, aanbieders)}")
        if besluit.aanbieder in seen:
            yield src.problem((*loc, "aanbieder"), f"aanbieder '{besluit.aanbieder}' heeft al een besluit "
                              f"(besluiten[{seen[besluit.aanbieder]}]); zet alle deelsegmenten in één besluit")
        seen.setdefault(besluit.aanbieder, b)
        for u, uitkomst in enumerate(besluit.uitkomsten):
            uloc = (*loc, "uitkomsten", u)
            if uitkomst.deelsegment not in ds_ids:
                yield src.problem((*uloc, "deelsegment"), f"deelsegment '{uitkomst.deelsegment}' bestaat niet"
                                  f"{_hint(uitkomst.deelsegment, ds_ids)}")
                continue
            if (besluit.aanbieder, uitkomst.deelsegment) in outcome:
                yield src.problem((*uloc, "deelsegment"), f"deelsegment '{uitkomst.deelsegment}' staat twee "
                                  "keer in dit besluit")
            outcome[(besluit.aanbieder, uitkomst.deelsegment)] = uitkomst.uitkomst
            seg, ds = d.deelsegment(uitkomst.deelsegment)
            vorm = ds.inkoopvorm.wordt
            if vorm.is_aanbesteden != uitkomst.uitkomst.is_aanbesteden:
                allowed = "gegund of niet-gegund" if vorm.is_aanbesteden else "toegelaten of afgewezen"
                yield src.problem((*uloc, "uitkomst"), f"'{uitkomst.uitkomst.value}' past niet bij de "
                                  f"inkoopvorm '{vorm.label}' van {ds.naam}; kies {allowed}")
                continue
            applicable = [e.id for e in d.kit_eisen(seg)]
            for k, kit_id in enumerate(uitkomst.niet_voldaan):
                if kit_id not in applicable:
                    yield src.problem((*uloc, "niet_voldaan", k), f"KIT-eis '{kit_id}' geldt niet in segment "
                                      f"'{d.segmenten[seg].naam}'; kies uit: {', '.join(applicable)}")
            if vorm.is_aanbesteden:
                criteria = {c.id: c for c in ds.inkoopvorm.gunningscriteria}
                missing = [c for c in criteria if c not in uitkomst.scores]
                if missing:
                    yield src.problem((*uloc, "scores"), f"scores ontbreken voor: {', '.join(missing)}")
                for cid, score in uitkomst.scores.items():
                    if cid not in criteria:
                        yield src.problem((*uloc, "scores", cid), f"criterium '{cid}' bestaat niet bij "
                                          f"{ds.naam}{_hint(cid, list(criteria))}", key=True)
                    elif not 0 <= score <= criteria[cid].weging:
                        yield src.problem((*uloc, "scores", cid), f"score {score} valt buiten 0 tot "
                                          f"{criteria[cid].weging} (de weging)")
                totals.setdefault(ds.id, {})[besluit.aanbieder] = float(sum(uitkomst.scores.values()))
            elif uitkomst.scores:
                yield src.problem((*uloc, "scores"), "scores horen alleen bij aanbesteden")
    yield from _gunningen(d, outcome, totals)


def _gunningen(d: Dossier, outcome: dict[tuple[str, str], Uitkomstsoort],
               totals: dict[str, dict[str, float]]) -> Iterator[Problem]:
    src = d.sources["besluiten.yaml"]
    ds_ids = [ds.id for _, ds in d.deelsegmenten()]
    covered: set[str] = set()
    for g, gunning in enumerate(d.besluiten.gunningen):
        loc = ("gunningen", g)
        if gunning.deelsegment not in ds_ids:
            yield src.problem((*loc, "deelsegment"), f"deelsegment '{gunning.deelsegment}' bestaat niet"
                              f"{_hint(gunning.deelsegment, ds_ids)}")
            continue
        _, ds = d.deelsegment(gunning.deelsegment)
        if not ds.inkoopvorm.wordt.is_aanbesteden:
            yield src.problem((*loc, "deelsegment"), f"{ds.naam} wordt niet aanbesteed; een gunning "
                              "hoort alleen bij aanbesteden")
            continue
        covered.add(ds.id)
        limit = ds.inkoopvorm.max_aanbieders
        if ds.inkoopvorm.wordt is InkoopvormSoort.AANBESTEDEN_BEPERKT and limit and len(gunning.winnaars) > limit:
            yield src.problem((*loc, "winnaars"), f"{len(gunning.winnaars)} winnaars, maar {ds.naam} "
                              f"gunt aan hoogstens {limit} aanbieders")
        for w, winnaar in enumerate(gunning.winnaars):
            if outcome.get((winnaar, ds.id)) is not Uitkomstsoort.GEGUND:
                yield src.problem((*loc, "winnaars", w), f"'{winnaar}' heeft geen besluit 'gegund' voor {ds.naam}")
        scores = totals.get(ds.id, {})
        winners = [w for w in gunning.winnaars if w in scores]
        losers = [a for (a, i), u in outcome.items() if i == ds.id and u is Uitkomstsoort.NIET_GEGUND and a in scores]
        if winners and losers:
            lowest = min(scores[w] for w in winners)
            for loser in losers:
                if scores[loser] > lowest:
                    yield src.problem((*loc, "winnaars"), f"'{loser}' scoort {scores[loser]:g} punten, meer "
                                      f"dan de winnaar ({lowest:g} punten): controleer de scores of de winnaars")
    for (aanbieder, ident), uitkomst in outcome.items():
        if uitkomst is Uitkomstsoort.GEGUND:
            named = any(g.deelsegment == ident and aanbieder in g.winnaars for g in d.besluiten.gunningen)
            if not named:
                yield src.problem(("gunningen",), f"'{aanbieder}' is gegund voor '{ident}' maar staat "
                                  "niet bij de winnaars in 'gunningen'", key=True)
    for (_, ident) in outcome:
        if ident in covered:
            continue
        _, ds = d.deelsegment(ident)
        if ds.inkoopvorm.wordt.is_aanbesteden:
            covered.add(ident)
            yield src.problem(("gunningen",), f"{ds.naam} heeft besluiten maar geen 'gunningen'-item met "
                              "de winnaars en de kenmerken van de winnende inschrijving", key=True)


def letters(d: Dossier) -> Iterator[Problem]:
    """A dossier sends at most one raadsbrief (it goes to every council)."""
    src = d.sources["brieven.yaml"]
    raads = [i for i, b in enumerate(d.brieven.brieven) if b.soort is Briefsoort.RAADSBRIEF]
    for i in raads[1:]:
        yield src.problem(("brieven", i, "soort"), "er is al een raadsbrief; een dossier stuurt één "
                          "raadsbrief (aan elke gemeenteraad)")


def house_styles(d: Dossier) -> Iterator[Problem]:
    """A municipality's logo is a PNG or JPEG file inside the dossier folder."""
    src = d.sources["gemeenten.yaml"]
    root = d.root.resolve()
    for key, gemeente in d.gemeenten.items():
        if gemeente.huisstijl is None or gemeente.huisstijl.logo is None:
            continue
        loc = ("gemeenten", key, "huisstijl", "logo")
        logo = gemeente.huisstijl.logo
        target = (d.root / logo).resolve()
        if Path(logo).is_absolute() or not target.is_relative_to(root):
            yield src.problem(loc, f"'{logo}' ligt buiten de dossiermap; zet het logo in de dossiermap "
                              "en geef een relatief pad, bijvoorbeeld 'huisstijl/almelo.png'")
        elif not target.is_file():
            yield src.problem(loc, f"logo '{logo}' bestaat niet")
        elif target.suffix.lower() not in (".png", ".jpg", ".jpeg"):
            yield src.problem(loc, f"logo '{logo}' moet een PNG- of JPEG-bestand zijn")


RULES: list[Rule] = [unique_ids, segment_files, references, planning_order, decisions, letters, house_styles]
