"""Rules across spec files: references exist, ids are unique, dates are in order, decisions fit.

Each rule is a function that yields Problems located in the file where the writer must act.
The list of rules is documented in docs/spec-format.md (generated from RULES' docstrings).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..i18n import _, ngettext, number
from .dossier import Dossier
from .housestyle import MISSING, SHIPPED, required_templates, shipped_styles, template_problem
from .yamlfile import Path_, YamlFile
from .messages import did_you_mean
from .model import SegmentFile
from .types import MIJLPAAL_VOLGORDE, Briefsoort, Eenheid, InkoopvormSoort, MijlpaalSoort, Prijsformule, Uitkomstsoort

Rule = Callable[[Dossier], Iterator[Problem]]

SEGMENTS = "segmenten/*.yaml"


def needs(*files: str) -> Callable[[Rule], Rule]:
    """The spec files a rule reads: it runs when these are valid, also when others are not, so that a
    writer sees every problem in one run. SEGMENTS stands for every segment file dossier.yaml lists."""
    def mark(rule: Rule) -> Rule:
        rule.needs = frozenset(files)  # type: ignore[attr-defined]
        return rule
    return mark



def _hint(word: str, options: list[str]) -> str:
    match = did_you_mean(word, options)
    return _("; did you mean '{hint}'?").format(hint=match) if match else ""


@needs("dossier.yaml", SEGMENTS, "kit.yaml", "begrippen.yaml", "brieven.yaml")
def unique_ids(d: Dossier) -> Iterator[Problem]:
    """Ids are unique: deelsegmenten in the whole dossier, verbijzonderingen within their deelsegment,
    tariffs within their bekostiging (a deelsegment's or a verbijzondering's own), KIT requirements,
    begrippen, risks, brieven. (Criteria: `model.Inkoopvorm`.)"""
    seen: dict[str, str] = {}
    for seg in d.spec.segmenten:
        src = d.sources[d.segment_file(seg)]
        for i, ds in enumerate(d.segmenten[seg].deelsegmenten):
            if ds.id in seen:
                yield src.problem(("deelsegmenten", i, "id"),
                                  _("deelsegment id '{id}' already appears in {file}; choose another id").format(
                                      id=ds.id, file=seen[ds.id]))
            seen.setdefault(ds.id, src.display)
            yield from _dupes(src, ("deelsegmenten", i, "verbijzonderingen"),
                              [v.id for v in ds.verbijzonderingen], "verbijzondering-id")
            yield from _dupes(src, ("deelsegmenten", i, "bekostiging", "tarieven"),
                              [t.id for t in ds.bekostiging.tarieven], "tarief-id")
            for j, v in enumerate(ds.verbijzonderingen):
                if v.bekostiging is not None:
                    yield from _dupes(src, ("deelsegmenten", i, "verbijzonderingen", j, "bekostiging", "tarieven"),
                                      [t.id for t in v.bekostiging.tarieven], "tarief-id")
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
                              _("{what} '{id}' appears twice; ids must be unique").format(what=what, id=ident))


@needs("aanbieders.yaml", "gemeenten.yaml")
def same_twice(d: Dossier) -> Iterator[Problem]:
    """A provider or municipality is written once: no two with the same name (also when one is written
    with separate accents, NFD, and the other not) or the same KvK number under different keys."""
    yield from _same_twice(d.sources["aanbieders.yaml"], "aanbieders", d.aanbieders_file.aanbieders, kvk=True)
    yield from _same_twice(d.sources["gemeenten.yaml"], "gemeenten", d.gemeenten_file.gemeenten, kvk=False)


def _same_twice(src: YamlFile, top: str, items: dict, *, kvk: bool) -> Iterator[Problem]:  # type: ignore[type-arg]
    names: dict[str, str] = {}
    numbers: dict[str, str] = {}
    for key, item in items.items():
        name = " ".join(unicodedata.normalize("NFKC", item.naam).casefold().split())
        if name in names:
            yield src.problem((top, key, "naam"), _("'{key}' has the same name as '{other}' ({name}); is it the same? "
                                                    "Write it once").format(key=key, other=names[name], name=item.naam))
        names.setdefault(name, key)
        if kvk:
            if item.kvk in numbers:
                yield src.problem((top, key, "kvk"), _("'{key}' has the same KvK number as '{other}' ({kvk}); is it "
                                                       "the same provider? Write it once").format(
                                                           key=key, other=numbers[item.kvk], kvk=item.kvk))
            numbers.setdefault(item.kvk, key)


@needs("dossier.yaml", SEGMENTS, "gemeenten.yaml", "kit.yaml")
def references(d: Dossier) -> Iterator[Problem]:
    """Every referenced municipality, KIT requirement and deelsegment exists."""
    gemeenten = list(d.gemeenten)
    kit_ids = [e.id for e in d.kit.eisen]
    for seg in d.spec.segmenten:
        src = d.sources[d.segment_file(seg)]
        for k, kit_id in enumerate(d.segmenten[seg].kit):
            if kit_id not in kit_ids:
                yield src.problem(("kit", k), _("KIT requirement '{id}' does not exist in kit.yaml{hint}").format(
                    id=kit_id, hint=_hint(kit_id, kit_ids)))
        wide = d.segmenten[seg].deelname
        places: list[tuple[Path_, Any]] = [(("deelname",), wide)] if wide is not None else []
        for i, ds in enumerate(d.segmenten[seg].deelsegmenten):
            places.append((("deelsegmenten", i, "deelname"), ds.deelname))
            for k, kit_id in enumerate(ds.kit):
                if kit_id not in kit_ids:
                    yield src.problem(("deelsegmenten", i, "kit", k), _(
                        "KIT requirement '{id}' does not exist in kit.yaml{hint}").format(
                            id=kit_id, hint=_hint(kit_id, kit_ids)))
        for loc, deelname in places:
            for g, key in enumerate(deelname.gemeenten or []):
                if key not in gemeenten:
                    yield src.problem((*loc, "gemeenten", g),
                                      _("municipality '{key}' does not exist in gemeenten.yaml{hint}").format(
                                          key=key, hint=_hint(key, gemeenten)))
            named: set[str] = set()
            excused = {u.gemeente for u in deelname.uitzonderingen}
            for key in gemeenten:
                if deelname.gemeenten is not None and key not in deelname.gemeenten and key not in excused:
                    yield src.problem((*loc, "gemeenten"), _(
                        "municipality '{key}' does not take part but has no exception with an explanation; add "
                        "one under 'uitzonderingen'").format(key=key))
            for u, uitz in enumerate(deelname.uitzonderingen):
                if uitz.gemeente not in gemeenten:
                    yield src.problem((*loc, "uitzonderingen", u, "gemeente"),
                                      _("municipality '{key}' does not exist in gemeenten.yaml{hint}").format(
                                          key=uitz.gemeente, hint=_hint(uitz.gemeente, gemeenten)))
                if uitz.gemeente in named:
                    yield src.problem((*loc, "uitzonderingen", u, "gemeente"),
                                      _("municipality '{key}' already has an exception here").format(
                                          key=uitz.gemeente))
                named.add(uitz.gemeente)


@needs("dossier.yaml")
def segment_files(d: Dossier) -> Iterator[Problem]:
    """Every segment listed in dossier.yaml has its file, and every segment file is listed."""
    listed = set(d.spec.segmenten)
    for name in sorted(d.sources):
        if name.startswith("segmenten/") and Path(name).stem not in listed:
            src = d.sources[name]
            yield src.problem((), _("segment '{name}' is not listed in 'segmenten' of dossier.yaml; add it "
                                    "there or remove this file").format(name=Path(name).stem))


@needs("dossier.yaml")
def planning_order(d: Dossier) -> Iterator[Problem]:
    """Planning phases are in date order; milestones follow the steps of a tender (publicatie →
    sluiting-vragen → nota-van-inlichtingen → sluiting-inschrijving → beoordeling → gunning or toelating →
    einde-opschortende-termijn → ondertekening → ingang-contract); the ingang-contract milestone equals the
    contract start; a milestone that names its `fase` falls within that phase."""
    src = d.sources["dossier.yaml"]
    fasen = d.spec.planning.fasen
    for i in range(1, len(fasen)):
        if fasen[i].van < fasen[i - 1].van:
            yield src.problem(("planning", "fasen", i, "van"),
                              _("phase '{name}' begins before the previous phase '{previous}'; put the "
                                "phases in order of start date").format(name=fasen[i].naam,
                                                                        previous=fasen[i - 1].naam))
    rank = {soort: n for n, soort in enumerate(MIJLPAAL_VOLGORDE)}
    rank[MijlpaalSoort.TOELATING] = rank[MijlpaalSoort.GUNNING]
    dated = [(i, m) for i, m in enumerate(d.spec.planning.mijlpalen) if m.soort in rank]
    for (_i, a), (j, b) in ((x, y) for x in dated for y in dated):
        if rank[a.soort] < rank[b.soort] and b.datum < a.datum:
            yield src.problem(("planning", "mijlpalen", j, "datum"),
                              _("{milestone} ({date}) is before {earlier} ({earlier_date})").format(
                                  milestone=b.soort.label.lower(), date=b.datum.isoformat(),
                                  earlier=a.soort.label.lower(), earlier_date=a.datum.isoformat()))
    names = [f.naam for f in fasen]
    for i, m in enumerate(d.spec.planning.mijlpalen):
        if m.soort is MijlpaalSoort.INGANG_CONTRACT and m.datum != d.spec.contract.ingangsdatum:
            yield src.problem(("planning", "mijlpalen", i, "datum"),
                              _("ingang contract ({date}) differs from contract.ingangsdatum ({start})").format(
                                  date=m.datum.isoformat(), start=d.spec.contract.ingangsdatum.isoformat()))
        if m.fase is None:
            continue
        fase = next((f for f in fasen if f.naam == m.fase), None)
        if fase is None:
            yield src.problem(("planning", "mijlpalen", i, "fase"), _(
                "there is no phase '{name}' in planning.fasen{hint}").format(name=m.fase, hint=_hint(m.fase, names)))
        elif not fase.van <= m.datum <= fase.tot:
            yield src.problem(("planning", "mijlpalen", i, "datum"), _(
                "{milestone} ({date}) falls outside its phase '{name}' ({start} to {end}); correct the date or the "
                "phase").format(milestone=m.soort.label.lower(), date=m.datum.isoformat(), name=fase.naam,
                                start=fase.van.isoformat(), end=fase.tot.isoformat()))


_VAGUE_TERM = re.compile(r"\b(afgesproken|overeengekomen|gestelde|afgestemde|redelijke|nader te bepalen)\s+"
                         r"(termijn|reactietermijn|wachttijd|norm)", re.I)
_TERM_REF = re.compile(r"\[\[([^\]]*)\]\]")


def term_problems(text: str, begrippen: list[str]) -> Iterator[str]:
    """Why a requirement's text refers to something it does not define: a `[[id]]` that is no begrip, or
    'de afgesproken termijn' in a sentence that states no term (no number)."""
    for match in _TERM_REF.finditer(text):
        if match.group(1) not in begrippen:
            yield _("'[[{id}]]' refers to a term that is not defined in begrippen.yaml{hint}").format(
                id=match.group(1), hint=_hint(match.group(1), begrippen))
    for sentence in re.split(r"(?<=[.;:])\s", text):
        vague = _VAGUE_TERM.search(sentence)
        if vague and not re.search(r"[0-9]|\b(twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twintig|dertig)\b",
                                   sentence[vague.end():] + sentence[:vague.start()], re.I):
            yield _("'{words}' refers to a term that the requirement does not state; write the term itself, for "
                    "example 'binnen vijf werkdagen'").format(words=vague.group(0))


@needs("dossier.yaml", SEGMENTS, "kit.yaml", "begrippen.yaml")
def defined_terms(d: Dossier) -> Iterator[Problem]:
    """A requirement (a KIT requirement's text, a deelsegment's `eisen`) defines what it refers to: a
    `[[id]]` names a begrip of begrippen.yaml, and 'de afgesproken termijn' states the term."""
    ids = [b.id for b in d.begrippen.begrippen]
    for i, e in enumerate(d.kit.eisen):
        for why in term_problems(e.tekst, ids):
            yield d.sources["kit.yaml"].problem(("eisen", i, "tekst"), why)
    for seg in d.spec.segmenten:
        src = d.sources[d.segment_file(seg)]
        for i, ds in enumerate(d.segmenten[seg].deelsegmenten):
            for j, eis in enumerate(ds.eisen):
                for why in term_problems(eis, ids):
                    yield src.problem(("deelsegmenten", i, "eisen", j), why)


@needs("dossier.yaml", SEGMENTS)
def procedure_complete(d: Dossier) -> Iterator[Problem]:
    """With a `procedure` in dossier.yaml: it has `aanbesteding` when a deelsegment is tendered and
    `toelating` when one has an admission procedure or open house; a price criterion has a `prijsformule`;
    each tendered deelsegment has a `raming`; the timetable has a closing (sluiting-inschrijving), and the
    deadlines (sluiting-vragen, sluiting-inschrijving) have a `tijd`."""
    p = d.spec.procedure
    if p is None:
        return
    src = d.sources["dossier.yaml"]
    pairs = d.deelsegmenten()
    tendered = [ds for _s, ds in pairs if ds.inkoopvorm.wordt.is_aanbesteden]
    admitted = [ds for _s, ds in pairs if not ds.inkoopvorm.wordt.is_aanbesteden]
    if tendered and p.aanbesteding is None:
        yield src.problem(("procedure",), _("{name} is tendered: describe the tender under 'procedure: "
                                            "aanbesteding' (uitsluiting, beoordeling)").format(name=tendered[0].naam))
    if admitted and p.toelating is None:
        yield src.problem(("procedure",), _("{name} has an admission procedure: describe it under 'procedure: "
                                            "toelating' (uitsluiting)").format(name=admitted[0].naam))
    for i, m in enumerate(d.spec.planning.mijlpalen):
        if m.soort in (MijlpaalSoort.SLUITING_VRAGEN, MijlpaalSoort.SLUITING_INSCHRIJVING) and m.tijd is None:
            yield src.problem(("planning", "mijlpalen", i), _(
                "a deadline ({milestone}) needs a 'tijd' as well, for example '12:00'").format(
                    milestone=m.soort.label.lower()))
    if not any(m.soort is MijlpaalSoort.SLUITING_INSCHRIJVING for m in d.spec.planning.mijlpalen):
        yield src.problem(("planning", "mijlpalen"), _("the timetable has no closing: add a milestone "
                                                       "'sluiting-inschrijving' with datum and tijd"))
    priced = any(c.prijs for ds in tendered for c in ds.inkoopvorm.gunningscriteria)
    if priced and p.aanbesteding is not None and p.aanbesteding.beoordeling is not None \
            and p.aanbesteding.beoordeling.prijsformule is None:
        yield src.problem(("procedure", "aanbesteding", "beoordeling"), _(
            "a criterion is the price criterion ('prijs: true'): name the 'prijsformule'"))
    for seg in d.spec.segmenten:
        for i, ds in enumerate(d.segmenten[seg].deelsegmenten):
            if ds.inkoopvorm.wordt.is_aanbesteden and ds.raming is None:
                yield d.sources[d.segment_file(seg)].problem(("deelsegmenten", i), _(
                    "{name} is tendered: give its estimated value in 'raming' (euros over the contract "
                    "period)").format(name=ds.naam))


@needs("dossier.yaml", SEGMENTS, "kit.yaml", "aanbieders.yaml", "besluiten.yaml")
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
    prices: dict[str, list[tuple[Path_, Any, dict[str, Any]]]] = {}
    outcome: dict[tuple[str, str], Uitkomstsoort] = {}
    for b, besluit in enumerate(d.besluiten.besluiten):
        loc = ("besluiten", b)
        if besluit.aanbieder not in aanbieders:
            yield src.problem((*loc, "aanbieder"), _("provider '{key}' does not exist in aanbieders.yaml{hint}").format(
                key=besluit.aanbieder, hint=_hint(besluit.aanbieder, aanbieders)))
        if besluit.aanbieder in seen:
            yield src.problem((*loc, "aanbieder"), _("provider '{key}' already has a decision (besluiten[{index}]); "
                                                     "put all deelsegmenten in one decision").format(
                key=besluit.aanbieder, index=seen[besluit.aanbieder]))
        seen.setdefault(besluit.aanbieder, b)
        for u, uitkomst in enumerate(besluit.uitkomsten):
            uloc = (*loc, "uitkomsten", u)
            if uitkomst.deelsegment not in ds_ids:
                yield src.problem((*uloc, "deelsegment"), _("deelsegment '{id}' does not exist{hint}").format(
                    id=uitkomst.deelsegment, hint=_hint(uitkomst.deelsegment, ds_ids)))
                continue
            if (besluit.aanbieder, uitkomst.deelsegment) in outcome:
                yield src.problem((*uloc, "deelsegment"), _("deelsegment '{id}' appears twice in this "
                                                            "decision").format(id=uitkomst.deelsegment))
            outcome[(besluit.aanbieder, uitkomst.deelsegment)] = uitkomst.uitkomst
            seg, ds = d.deelsegment(uitkomst.deelsegment)
            vorm = ds.inkoopvorm.wordt
            if vorm.is_aanbesteden != uitkomst.uitkomst.is_aanbesteden:
                first, second = ("gegund", "niet-gegund") if vorm.is_aanbesteden else ("toegelaten", "afgewezen")
                yield src.problem((*uloc, "uitkomst"), _("'{outcome}' does not fit the inkoopvorm '{form}' of "
                                                         "{name}; choose {first} or {second}").format(
                    outcome=uitkomst.uitkomst.value, form=vorm.label, name=ds.naam, first=first, second=second))
                continue
            applicable = [e.id for e in d.kit_eisen(seg)]
            for k, kit_id in enumerate(uitkomst.niet_voldaan):
                if kit_id not in applicable:
                    yield src.problem((*uloc, "niet_voldaan", k), _(
                        "KIT requirement '{id}' does not apply in segment '{segment}'; choose from: {ids}").format(
                            id=kit_id, segment=d.segmenten[seg].naam, ids=", ".join(applicable)))
            if vorm.is_aanbesteden:
                criteria = {c.id: c for c in ds.inkoopvorm.gunningscriteria}
                missing = [c for c in criteria if c not in uitkomst.scores]
                if missing:
                    yield src.problem((*uloc, "scores"), _("scores are missing for: {ids}").format(
                        ids=", ".join(missing)))
                for cid, score in uitkomst.scores.items():
                    if cid not in criteria:
                        yield src.problem((*uloc, "scores", cid), _("criterion '{id}' does not exist for "
                                                                    "{name}{hint}").format(
                            id=cid, name=ds.naam, hint=_hint(cid, list(criteria))), key=True)
                    elif not 0 <= score <= criteria[cid].weging:
                        yield src.problem((*uloc, "scores", cid), _("score {score} is not between 0 and {weight} "
                                                                    "(the weight)").format(
                            score=score, weight=criteria[cid].weging))
                if any(c.prijs for c in criteria.values()) and uitkomst.inschrijfprijs is None:
                    yield src.problem(uloc, _("{name} has a price criterion: give the bid price in "
                                              "'inschrijfprijs'").format(name=ds.naam))
                elif uitkomst.inschrijfprijs is not None:
                    prices.setdefault(ds.id, []).append((uloc, uitkomst.inschrijfprijs, uitkomst.scores))
                totals.setdefault(ds.id, {})[besluit.aanbieder] = float(sum(uitkomst.scores.values()))
            elif uitkomst.scores:
                yield src.problem((*uloc, "scores"), _("scores belong to a tender only"))
    yield from _price_scores(d, prices)
    yield from _gunningen(d, outcome, totals)


def _price_scores(d: Dossier, prices: dict[str, list[tuple[Path_, Any, dict[str, Any]]]]) -> Iterator[Problem]:
    """The points on a price criterion follow from the bid prices by the prijsformule ('relatief')."""
    p = d.spec.procedure
    formule = p.aanbesteding.beoordeling.prijsformule if p and p.aanbesteding and p.aanbesteding.beoordeling else None
    if formule is not Prijsformule.RELATIEF:
        return
    src = d.sources["besluiten.yaml"]
    for ident, rows in prices.items():
        lowest = min(price for _loc, price, _scores in rows)
        for c in d.deelsegment(ident)[1].inkoopvorm.gunningscriteria:
            if not c.prijs:
                continue
            for loc, price, scores in rows:
                expected = c.weging * lowest / price if price else c.weging
                if c.id in scores and abs(float(scores[c.id]) - float(expected)) > 0.01:
                    yield src.problem((*loc, "scores", c.id), _(
                        "by the price formula, a bid price of {price} gives {expected} points on '{name}', not "
                        "{score}").format(price=number(price, "#,##0.00"), expected=number(expected, "0.00"),
                                          name=c.naam, score=scores[c.id]))


def _gunningen(d: Dossier, outcome: dict[tuple[str, str], Uitkomstsoort],
               totals: dict[str, dict[str, float]]) -> Iterator[Problem]:
    src = d.sources["besluiten.yaml"]
    ds_ids = [ds.id for _, ds in d.deelsegmenten()]
    covered: set[str] = set()
    for g, gunning in enumerate(d.besluiten.gunningen):
        loc = ("gunningen", g)
        if gunning.deelsegment not in ds_ids:
            yield src.problem((*loc, "deelsegment"), _("deelsegment '{id}' does not exist{hint}").format(
                id=gunning.deelsegment, hint=_hint(gunning.deelsegment, ds_ids)))
            continue
        ds = d.deelsegment(gunning.deelsegment)[1]
        if not ds.inkoopvorm.wordt.is_aanbesteden:
            yield src.problem((*loc, "deelsegment"), _("{name} is not tendered; a gunning belongs to a tender "
                                                       "only").format(name=ds.naam))
            continue
        covered.add(ds.id)
        limit = ds.inkoopvorm.max_aanbieders
        if ds.inkoopvorm.wordt is InkoopvormSoort.AANBESTEDEN_BEPERKT and limit and len(gunning.winnaars) > limit:
            yield src.problem((*loc, "winnaars"), ngettext(
                "{n} winners, but {name} awards to at most {limit} provider",
                "{n} winners, but {name} awards to at most {limit} providers", limit).format(
                    n=len(gunning.winnaars), name=ds.naam, limit=limit))
        for w, winnaar in enumerate(gunning.winnaars):
            if outcome.get((winnaar, ds.id)) is not Uitkomstsoort.GEGUND:
                yield src.problem((*loc, "winnaars", w), _("'{provider}' has no decision 'gegund' for {name}").format(
                    provider=winnaar, name=ds.naam))
        scores = totals.get(ds.id, {})
        winners = [w for w in gunning.winnaars if w in scores]
        losers = [a for (a, i), u in outcome.items() if i == ds.id and u is Uitkomstsoort.NIET_GEGUND and a in scores]
        if winners and losers:
            lowest = min(scores[w] for w in winners)
            for loser in losers:
                if scores[loser] > lowest:
                    yield src.problem((*loc, "winnaars"), _(
                        "'{provider}' scores {score} points, more than the winner ({lowest} points): check the "
                        "scores or the winners").format(provider=loser, score=f"{scores[loser]:g}",
                                                        lowest=f"{lowest:g}"))
    for (aanbieder, ident), uitkomst in outcome.items():
        if uitkomst is Uitkomstsoort.GEGUND:
            named = any(g.deelsegment == ident and aanbieder in g.winnaars for g in d.besluiten.gunningen)
            if not named:
                yield src.problem(("gunningen",), _("'{provider}' is awarded (gegund) '{id}' but is not among the "
                                                    "winners in 'gunningen'").format(provider=aanbieder, id=ident),
                                  key=True)
    for (_aanbieder, ident) in outcome:
        if ident in covered:
            continue
        ds = d.deelsegment(ident)[1]
        if ds.inkoopvorm.wordt.is_aanbesteden:
            covered.add(ident)
            yield src.problem(("gunningen",), _("{name} has decisions but no 'gunningen' item with the winners "
                                                "and the features of the winning bid").format(name=ds.naam),
                              key=True)


@needs("dossier.yaml", SEGMENTS, "besluiten.yaml")
def reapply(d: Dossier) -> Iterator[Problem]:
    """A rejected application for admission says when the applicant may apply again: the deelsegment
    names 'heropening', or the dossier has doorlopende_inschrijving."""
    if d.spec.doorlopende_inschrijving:
        return
    src = d.sources["besluiten.yaml"]
    named: set[str] = set()
    for b, besluit in enumerate(d.besluiten.besluiten):
        for u, uitkomst in enumerate(besluit.uitkomsten):
            if uitkomst.uitkomst is not Uitkomstsoort.AFGEWEZEN or uitkomst.deelsegment in named:
                continue
            try:
                ds = d.deelsegment(uitkomst.deelsegment)[1]
            except KeyError:
                continue
            if not ds.inkoopvorm.heropening:
                named.add(ds.id)
                yield src.problem(("besluiten", b, "uitkomsten", u, "uitkomst"), _(
                    "a rejection says when the applicant may apply again: give {name} 'heropening' in its "
                    "inkoopvorm, or set 'doorlopende_inschrijving' in dossier.yaml").format(name=ds.naam))


@needs("brieven.yaml")
def letters(d: Dossier) -> Iterator[Problem]:
    """A dossier sends at most one raadsbrief (it goes to every council)."""
    src = d.sources["brieven.yaml"]
    raads = [i for i, b in enumerate(d.brieven.brieven) if b.soort is Briefsoort.RAADSBRIEF]
    for i in raads[1:]:
        yield src.problem(("brieven", i, "soort"), _("there is already a raadsbrief; a dossier sends one "
                                                     "raadsbrief (to every council)"))


@needs("gemeenten.yaml")
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
            yield src.problem(loc, _("'{logo}' is outside the dossier folder; put the logo in the dossier folder "
                                     "and give a relative path, for example 'huisstijl/almelo.png'").format(logo=logo))
        elif not target.is_file():
            yield src.problem(loc, _("logo '{logo}' does not exist").format(logo=logo))
        elif target.suffix.lower() not in (".png", ".jpg", ".jpeg"):
            yield src.problem(loc, _("logo '{logo}' must be a PNG or JPEG file").format(logo=logo))
        else:
            problem = _image_problem(target)
            if problem:
                yield src.problem(loc, _("logo '{logo}': {problem}").format(logo=logo, problem=problem))


@needs("dossier.yaml")
def house_style(d: Dossier) -> Iterator[Problem]:
    """`huisstijl` names a shipped house style, or a folder inside the dossier folder with every template
    of the shipped style, each a real Word document."""
    value = d.spec.huisstijl
    if value is None:
        return
    src = d.sources["dossier.yaml"]
    style = d.house_style
    if style.folder.parent == SHIPPED:
        if value not in shipped_styles():
            yield src.problem(("huisstijl",), _("there is no house style '{name}'{hint}; choose from {names}, or "
                                                "give the path of a folder of your own templates, for example "
                                                "'./huisstijl/sjablonen'").format(
                name=value, hint=_hint(value, shipped_styles()), names=", ".join(shipped_styles())))
        return
    if Path(value).is_absolute() or not style.folder.resolve().is_relative_to(d.root.resolve()):
        yield src.problem(("huisstijl",), _("'{path}' is outside the dossier folder; put the templates in a folder "
                                            "inside the dossier folder, for example './huisstijl/sjablonen'").format(
            path=value))
        return
    if not style.folder.is_dir():
        yield src.problem(("huisstijl",), _("folder '{path}' does not exist").format(path=value))
        return
    for name in required_templates():
        why = template_problem(style.template(name))
        if why == MISSING:
            yield src.problem(("huisstijl",), _("the house style has no {file}; copy it from the shipped style "
                                                "(templates/standaard/{file}) and adapt it").format(file=name))
        elif why is not None:
            yield src.problem(("huisstijl",), _("{file} in the house style is not a usable Word document ({why}); "
                                                "save it again from Word as .docx").format(file=name, why=why))


MAX_LOGO_BYTES = 5 * 1024 * 1024
MAX_LOGO_PIXELS = 4000
"""Pixels of a logo's longest side; printed 40 mm wide, 1,000 pixels is already sharp."""


def _image_problem(path: Path) -> str | None:
    """Why the file at `path` cannot be a logo in a document: not really a PNG or JPEG, damaged, or too
    large. Only the header is read to learn the size, so a huge image is refused without decoding it."""
    from PIL import Image, UnidentifiedImageError

    size = path.stat().st_size
    if size > MAX_LOGO_BYTES:
        return _("the file is too large ({size} MB; at most {limit} MB)").format(
            size=number(size / (1024 * 1024), "0.0"), limit=MAX_LOGO_BYTES // (1024 * 1024))
    with path.open("rb") as stream:
        head = stream.read(64)
    if not (head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff")):
        if head.startswith(b"version https://git-lfs"):
            return _("the file is a Git LFS pointer, not the image itself; run 'git lfs pull' or copy the real "
                     "image")
        return _("the file is not a PNG or JPEG image (its content is something else); save the logo as PNG "
                 "or JPEG")
    try:
        with Image.open(path) as image:
            width, height = image.size
            if max(width, height) > MAX_LOGO_PIXELS:
                return _("the image is {width} × {height} pixels; at most {limit} pixels a side: make it "
                         "smaller (a logo 40 mm wide needs about 1,000 pixels)").format(
                             width=width, height=height, limit=MAX_LOGO_PIXELS)
            image.verify()
    except Image.DecompressionBombError:  # Pillow refuses to open it: far more than MAX_LOGO_PIXELS a side
        return _("the image is larger than {limit} pixels a side: make it smaller (a logo 40 mm wide needs "
                 "about 1,000 pixels)").format(limit=MAX_LOGO_PIXELS)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return _("the image is damaged or incomplete; save the logo again as PNG or JPEG")
    return None


@needs("nota-van-inlichtingen.yaml", "dossier.yaml", SEGMENTS, "kit.yaml")
def nota_references(d: Dossier) -> Iterator[Problem]:
    """In the Nota van Inlichtingen, a question that names an id in `betreft` (a KIT requirement, a
    deelsegment, verbijzondering or tariff) names one that exists, and an answer that changes the documents
    states the change (`wijziging`) unless the nota compares with an earlier version."""
    if d.nota is None:
        return
    kit = [e.id for e in d.kit.eisen]
    keys = [ident for key in d.segmenten for ident in _segment_ids(d.segmenten[key])]
    source = d.sources["nota-van-inlichtingen.yaml"]
    for i, v in enumerate(d.nota.vragen):
        if v.wijzigt_documenten and not v.wijziging and d.nota.vergelijk is None:
            yield source.problem(("vragen", i, "wijzigt_documenten"), _(
                "this answer changes the documents: state the change in 'wijziging', or name the earlier "
                "version in 'vergelijk' so the nota lists the changed items"))
        if not v.betreft:
            continue
        if re.fullmatch(r"KIT-[A-Z]-[0-9]{2}", v.betreft) and v.betreft not in kit:
            yield source.problem(("vragen", i, "betreft"), _(
                "KIT requirement '{id}' does not exist in kit.yaml{hint}").format(id=v.betreft, hint=_hint(v.betreft, kit)))
        elif re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", v.betreft) and v.betreft not in keys:
            yield source.problem(("vragen", i, "betreft"), _(
                "'{id}' is not the id of a deelsegment, verbijzondering or tariff in segmenten/{hint}").format(
                    id=v.betreft, hint=_hint(v.betreft, keys)))


def _segment_ids(segment: SegmentFile) -> list[str]:
    out = []
    for ds in segment.deelsegmenten:
        out.append(ds.id)
        out += [t.id for t in ds.bekostiging.tarieven]
        for v in ds.verbijzonderingen:
            out.append(v.id)
            out += [t.id for t in v.bekostiging.tarieven] if v.bekostiging else []
    return out


@needs("dossier.yaml", SEGMENTS, "aanbieders.yaml")
def provider_amounts(d: Dossier) -> Iterator[Problem]:
    """A tariff with an amount per provider (`per_aanbieder`) names known providers, is a sum of money
    (eenheid 'euro' or 'jaar'), and its amounts add up to its `bedrag`."""
    aanbieders = list(d.aanbieders)
    for seg in d.spec.segmenten:
        src = d.sources[d.segment_file(seg)]
        for i, ds in enumerate(d.segmenten[seg].deelsegmenten):
            places: list[tuple[Path_, Any]] = [(("deelsegmenten", i, "bekostiging"), ds.bekostiging)]
            places += [(("deelsegmenten", i, "verbijzonderingen", j, "bekostiging"), v.bekostiging)
                       for j, v in enumerate(ds.verbijzonderingen) if v.bekostiging is not None]
            for loc, b in places:
                for t, tarief in enumerate(b.tarieven):
                    if not tarief.per_aanbieder:
                        continue
                    tloc = (*loc, "tarieven", t)
                    if tarief.eenheid not in (Eenheid.EURO, Eenheid.JAAR):
                        yield src.problem((*tloc, "eenheid"), _(
                            "an amount per provider is a sum of money: write eenheid 'euro' or 'jaar', not "
                            "'{unit}'").format(unit=tarief.eenheid.value))
                    for key in tarief.per_aanbieder:
                        if key not in aanbieders:
                            yield src.problem((*tloc, "per_aanbieder", key), _(
                                "provider '{key}' does not exist in aanbieders.yaml{hint}").format(
                                    key=key, hint=_hint(key, aanbieders)), key=True)
                    total = sum(tarief.per_aanbieder.values())
                    if total != tarief.bedrag:
                        yield src.problem((*tloc, "bedrag"), _(
                            "the amounts per provider add up to {total}, not to 'bedrag' ({amount}); 'bedrag' is "
                            "the total of all providers").format(total=number(total, "#,##0.00"),
                                                                 amount=number(tarief.bedrag, "#,##0.00")))


RULES: list[Rule] = [unique_ids, same_twice, segment_files, references, planning_order, defined_terms,
                     procedure_complete, provider_amounts, decisions, reapply, letters,
                     house_styles,
                     house_style, nota_references]
