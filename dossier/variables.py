"""`dossier templates`: the variables each template can use, with their type and description, for
people who make their own house style.

The names come from the templates themselves (what the shipped templates read, loops followed:
`uitkomsten[].segment` is the field `segment` of each item of `uitkomsten`); the types from the
contexts of real dossiers; the descriptions from `DESCRIPTIONS` and `FIELDS` below, the one place
each variable is described (tests/test_templates.py fails on a variable without a description).
"""

from __future__ import annotations

import re

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2.nodes as nodes
from docx.oxml import parse_xml
from docxtpl import DocxTemplate

from .context.common import Document, Image, Marked, Md, Rich, review_marks
from .i18n import N_, _
from .kinds import KINDS, all_documents
from .render.docx import jinja_env
from .spec import Dossier

OVERVIEW = "wijzigingsoverzicht"
"""The change overview of `dossier diff`: a template without a document kind of its own."""
KIND_NAMES = [k.name for k in KINDS] + [OVERVIEW]


@dataclass(frozen=True)
class Variable:
    """One variable or field a template reads."""

    path: str
    type: str
    description: str | None


def template_paths(template: Path) -> set[str]:
    """Every variable and field `template` reads, as paths: `gemeente.naam`, `uitkomsten[].segment`
    (the loop variables of `{% for u in uitkomsten %}` resolved), with every parent path."""
    used: set[str] = set()

    def path(node: nodes.Node, scope: dict[str, str]) -> str | None:
        if isinstance(node, nodes.Name):
            return None if node.name == "loop" else scope.get(node.name, node.name)
        if isinstance(node, nodes.Getattr):
            base = path(node.node, scope)
            return f"{base}.{node.attr}" if base else None
        if isinstance(node, nodes.Getitem):  # gemeente.bezoekadres[0]: a line of the list
            return path(node.node, scope)
        return None

    def visit(node: nodes.Node, scope: dict[str, str]) -> None:
        if isinstance(node, nodes.For):
            visit(node.iter, scope)
            items = path(node.iter, scope)
            inner = dict(scope)
            if items and isinstance(node.target, nodes.Name):
                inner[node.target.name] = items + "[]"
            for child in [*node.body, *node.else_, *([node.test] if node.test else [])]:
                visit(child, inner)
            return
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr):  # x.endswith('.'): x
            for child in [node.node.node, *node.args]:
                visit(child, scope)
            return
        found = path(node, scope)
        if found is not None:
            used.add(found)
            if isinstance(node, nodes.Getitem):
                visit(node.arg, scope)
            return
        for child in node.iter_child_nodes():
            visit(child, scope)

    visit(jinja_env().parse(_source(template)), {})
    paths: set[str] = set()
    for found in used:
        parts = found.split(".")
        paths.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return {p for p in paths if not p.endswith("[]")}


def _source(template: Path) -> str:
    """The Jinja source of a template: body, headers and footers, as docxtpl renders them."""
    tpl = DocxTemplate(template)
    tpl.init_docx()
    xml: str = tpl.patch_xml(tpl.get_xml())
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for rel in tpl.docx._part.rels.values():
            if rel.reltype == uri and rel.target_part.blob:
                xml += tpl.patch_xml(tpl.xml_to_string(parse_xml(rel.target_part.blob)))
    return xml


def description(path: str) -> str | None:
    """The English message id describing `path`: its own entry, else that of its field name."""
    if path.startswith("nr."):  # one entry per chapter of the bestek: all mean the same
        return DESCRIPTIONS["nr"]
    general = re.sub(r"^secties\.\w+", "secties.<bestekdeel>", path)  # the bestek's sections, a list per part
    if general in DESCRIPTIONS:
        return DESCRIPTIONS[general]
    return DESCRIPTIONS.get(path) or FIELDS.get(path.rsplit(".", 1)[-1].removesuffix("[]"))


def variables(template: Path, contexts: list[dict[str, Any]]) -> list[Variable]:
    """The variables of `template`, typed by the values they have in `contexts`, in path order."""
    return [Variable(p, _type_name(list(_values(contexts, p))), description(p))
            for p in sorted(template_paths(template), key=lambda p: p.replace("[]", "").split("."))]


def _values(contexts: list[dict[str, Any]], path: str) -> Iterator[Any]:
    values: list[Any] = list(contexts)
    for part in path.split("."):
        many = part.endswith("[]")
        name = part.removesuffix("[]")
        values = [v.get(name) for v in values if isinstance(v, dict) and name in v]
        if many:
            values = [item for v in values if isinstance(v, list) for item in v]
    return iter(values)


def _type_name(values: list[Any]) -> str:
    """A type as a template maker reads it, from sample values (None: the value may be empty)."""
    present = [v for v in values if v is not None]
    if not present:
        return _("unknown (no example)")
    sample = present[0]
    optional = _(", may be empty") if len(present) < len(values) else ""
    if isinstance(sample, list):
        items = [item for v in present if isinstance(v, list) for item in v]
        if not items:
            return _("list") + optional
        if isinstance(items[0], dict):
            return _("list of groups of fields") + optional
        return _("list of: {type}").format(type=_type_name(items)) + optional
    return _(_scalar(sample)) + optional


def _scalar(value: Any) -> str:
    if isinstance(value, Md):
        return N_("Markdown (a whole paragraph: {{p …}})")
    if isinstance(value, Rich):
        return N_("styled text ({{r …}})")
    if isinstance(value, Marked):
        return N_("text with marked changes ({{r …}})")
    if isinstance(value, Image):
        return N_("image")
    if isinstance(value, bool):
        return N_("yes/no")
    if isinstance(value, (int, float)):
        return N_("number")
    if isinstance(value, dict):
        return N_("group of fields")
    return N_("text")


def contexts_by_kind(dossiers: Iterable[Dossier]) -> dict[str, list[dict[str, Any]]]:
    """The document contexts of `dossiers` per kind, also as a review build makes them (the only
    time `bron` fields have a value); the change overview from comparing the first dossier with each
    other one (different dossiers: every kind of change appears)."""
    found: dict[str, list[dict[str, Any]]] = {name: [] for name in KIND_NAMES}
    chosen = list(dossiers)
    for review in (False, True):
        with review_marks(review):
            for d in chosen:
                for kind, doc in all_documents(d):
                    found[kind.name].append(doc.context)
    from .review.diff import compare
    from .review.report import overview_document

    for other in chosen[1:]:
        overview: Document = overview_document(compare(chosen[0], other), other)
        found[OVERVIEW].append(overview.context)
    return found


def describe(templates: Path, kinds: Iterable[str], dossiers: Iterable[Dossier], echo: Callable[[str], None]) -> None:
    """Print, per template, its variables with type and description."""
    contexts = contexts_by_kind(dossiers)
    for name in kinds:
        template = templates / f"{name}.docx"
        found = variables(template, contexts[name])
        echo(_("{template} ({n} variables)").format(template=f"{templates.name}/{template.name}", n=len(found)))
        width = max(len(v.path) for v in found)
        type_width = max(len(v.type) for v in found)
        for v in found:
            text = _(v.description) if v.description else _("(no description)")
            echo(f"  {v.path:<{width}}  {v.type:<{type_width}}  {text}")
        echo("")


# Descriptions of what the templates read: the field name (FIELDS) for a field that means the same
# wherever it is, the full path (DESCRIPTIONS) for the rest. English message ids, shown translated.
FIELDS: dict[str, str] = {
    "bron": N_("the spec file and line of the item, only in a review build (empty otherwise)"),
    "segment": N_("name of the segment"),
    "deelsegment": N_("name of the deelsegment"),
    "naam": N_("name"),
    "titel": N_("title"),
    "tekst": N_("text"),
    "id": N_("identifier of the requirement, for example KIT-K-04"),
    "was": N_("the situation before (was)"),
    "wordt": N_("the new situation (wordt)"),
    "onderdeel": N_("part of the bekostiging, for example a deelsegment or a product"),
    "uitvoeringsvariant": N_("uitvoeringsvariant: inspanningsgericht, outputgericht or taakgericht"),
    "definitie": N_("definition"),
    "omschrijving": N_("description"),
    "onderwerp": N_("what changed (the item)"),
    "toelichting": N_("explanation"),
    "heropening": N_("when and how admission opens again"),
    "secties": N_("sections, each with a title and Markdown text"),
    "datum": N_("date, written out in Dutch"),
    "nr": N_("paragraph number, as the document is cited (for example 7.3)"),
    "alle_aanbieders": N_("whether it applies to all providers"),
    "bewijs": N_("evidence the provider supplies"),
}

DESCRIPTIONS: dict[str, str] = {
    # what every document shows (title page, header, footer)
    "titel": N_("title of the document"),
    "dossier": N_("title of the dossier"),
    "regio": N_("name of the region"),
    "opdrachtgever": N_("name of the contracting authority"),
    "opdrachtgever_voluit": N_("the contracting authority in full"),
    "versie": N_("version of the dossier"),
    "status": N_("status of the dossier: concept or definitief"),
    "concept": N_("whether the dossier is a draft (for a CONCEPT mark)"),
    "voorbeeld": N_("whether the document shows an example value (marked !voorbeeld in the spec; for a "
                    "VOORBEELD mark on every page)"),
    "datum": N_("date of this version of the dossier"),
    "kit": N_("name of the quality and integrity framework (KIT)"),
    "kit_inleiding": N_("introduction to the KIT"),
    "planning": N_("the planning"),
    "planning.fasen": N_("phases of the planning, in order"),
    "planning.fasen[].periode": N_("period of the phase, from date to date"),
    "planning.fasen[].naam": N_("name of the phase"),
    "planning.mijlpalen": N_("milestones, by date (may be empty)"),
    "planning.mijlpalen[].soort": N_("kind of milestone, for example publicatie"),
    "planning.mijlpalen[].datum": N_("date of the milestone"),
    "contract": N_("the contract"),
    "contract.ingangsdatum": N_("start date of the contract"),
    "contract.looptijd": N_("duration of the contract, written out"),
    "contract.einddatum": N_("last day of the contract"),
    "contract.verlenging": N_("options to extend the contract (may be empty)"),
    "risicos": N_("risks, each with a title, description and measure"),
    "risicos[].beheersmaatregel": N_("measure that controls the risk (may be empty)"),
    "inkoopvormen": N_("form of procurement per deelsegment, was and wordt"),
    "inkoopvormen[].redenen": N_("reasons for the change of form"),
    "bekostiging": N_("bekostiging per part, was and wordt"),
    "bekostiging[].vorm": N_("the new form of bekostiging"),
    "deelname": N_("which municipalities take part"),
    "deelname[].deelnemers": N_("the participating municipalities, in one line"),
    "deelname[].uitzonderingen": N_("municipalities that do not or partly take part"),
    "deelname[].uitzonderingen[].gemeente": N_("name of the municipality"),
    "deelname[].uitzonderingen[].deelname": N_("how it takes part: niet or beperkt"),
    "deelname.intro": N_("one sentence on what the municipality takes part in"),
    "deelname.uitzonderingen": N_("the municipality's exceptions, each as a sentence"),
    "deelname.uitzonderingen[].zin": N_("the exception as a sentence"),
    # bestek
    "segment": N_("the segment of this bestek"),
    "segment.tactische_doelen": N_("tactical goals of the segment"),
    "secties.<bestekdeel>": N_("the segment's sections in this part of the bestek (their 'bestekdeel'), each with a "
                               "number, title and Markdown text"),
    "secties.<bestekdeel>[].voorbeeld": N_("whether the section's text is example text for legal review (marked "
                                           "!voorbeeld in the spec)"),
    "deelsegmenten": N_("the deelsegmenten of the segment"),
    "deelsegmenten[].verbijzonderingen": N_("specialisations of the deelsegment"),
    "begrippen": N_("definitions used in the bestek"),
    "begrippen[].term": N_("the term"),
    "doorlopende_inschrijving": N_("whether providers can apply at any time"),
    "toelating": N_("deelsegmenten procured by admission, with when admission opens again"),
    "aanbesteding": N_("deelsegmenten procured by tender, with their award criteria"),
    "aanbesteding[].max_aanbieders": N_("most providers that win, with the noun: 3 aanbieders (may be empty)"),
    "aanbesteding[].criteria": N_("award criteria"),
    "aanbesteding[].criteria[].weging": N_("weight in points"),
    "tarieven": N_("tariffs"),
    "tarieven[].bedrag": N_("amount in euros, written out"),
    "tarieven[].eenheid": N_("unit of the tariff, for example per etmaal"),
    "tarieven[].ingangsdatum": N_("date from which the tariff applies"),
    "voorwaarden": N_("conditions per part of the bekostiging"),
    "voorwaarden[].regels": N_("the conditions, each in Markdown"),
    "kit_eisen": N_("the KIT requirements that apply to this segment"),
    "kit_integriteit[].soort": N_("kind of requirement"),
    "kit_geschiktheid[].soort": N_("kind of requirement"),
    "kit_kwaliteit[].soort": N_("kind of requirement"),
    "leveranciersmanagement": N_("supplier management"),
    "leveranciersmanagement.toelichting": N_("explanation of supplier management"),
    "leveranciersmanagement.rapportage": N_("how often providers report"),
    "leveranciersmanagement.kpis": N_("indicators (may be empty)"),
    "leveranciersmanagement.kpis[].frequentie": N_("how often it is measured"),
    "toegang": N_("how young people get access to care"),
    "nr": N_("paragraph numbers of the bestek's chapters, by chapter (nr.kit, nr.tarieven)"),
    "aanbesteding[].criteria[].inleveren": N_("what the bidder submits for the criterion (Markdown)"),
    "aanbesteding[].criteria[].subcriteria": N_("sub-criteria with their points, in one line (may be empty)"),
    "aanbesteding[].criteria_nr": N_("paragraph number of the award criteria of the deelsegment"),
    "aanbesteding[].totaal": N_("total of the weights in points"),
    "achtergrond": N_("the dossier's sections (background), each with its paragraph number"),
    "beoordeling": N_("how bids are scored (empty when no deelsegment is tendered)"),
    "beoordeling.gelijke_score": N_("what happens at an equal score (tie-break)"),
    "beoordeling.methode": N_("who scores and how"),
    "beoordeling.prijsformule": N_("the price formula, or that price does not count, as a sentence"),
    "beoordeling.schaal": N_("the scoring scale"),
    "beoordeling.schaal[].betekenis": N_("what the score means"),
    "beoordeling.schaal[].score": N_("the score"),
    "besluit": N_("the award or admission decision and what follows"),
    "besluit.na_gunning": N_("what follows the decision (may be empty)"),
    "besluit.standstill": N_("the standstill period, as sentences"),
    "besluit.titel": N_("the title of this part: with the standstill where a perceel is tendered"),
    "besluit.voorbehouden": N_("reservations, as a Markdown list (may be empty)"),
    "bijlagen": N_("annexes, each with number, title and description"),
    "deelsegmenten[].eisen": N_("programme of requirements of the deelsegment, as a Markdown list (may be empty)"),
    "deelsegmenten[].kit": N_("KIT requirements that apply only in this deelsegment, in one line"),
    "diensten": N_("the contracting authorities, the buying body and the contact"),
    "diensten.aantal": N_("number of municipalities"),
    "diensten.adres": N_("contact details of the buying body, in one line"),
    "diensten.contact": N_("the contact person, in one line (may be empty)"),
    "diensten.gemeenten": N_("the municipalities by name, in one line"),
    "diensten.kanaal": N_("the communication channel (may be empty)"),
    "diensten.mandaat": N_("the mandate of the buying body (may be empty)"),
    "diensten.opdrachtgever": N_("name of the buying body"),
    "geschiktheid": N_("suitability requirements per kind of procedure"),
    "geschiktheid[].eisen": N_("the requirements, each in Markdown"),
    "geschiktheid[].procedure": N_("the kind of procedure they apply to"),
    "gestanddoening": N_("the period a bid stays valid, as a sentence (may be empty)"),
    "inschrijven": N_("how to submit (Markdown, may be empty)"),
    "inschrijving": N_("what continuous registration (doorlopende inschrijving) means here, as a sentence"),
    "kit_deelsegment": N_("KIT requirements that apply only in one deelsegment"),
    "kit_deelsegment[].eisen": N_("the requirements, in one line"),
    "kit_integriteit": N_("the KIT requirements on integrity of this segment"),
    "kit_geschiktheid": N_("the KIT requirements on suitability of this segment"),
    "kit_kwaliteit": N_("the KIT requirements on quality of this segment"),
    "overeenkomst": N_("the concept agreement the bestek refers to"),
    "overeenkomst.indexatie": N_("how tariffs are indexed (may be empty)"),
    "overeenkomst.soorten": N_("which agreements are made with whom, as words"),
    "overeenkomst.verlenging_besluit": N_("who decides on extension and when (may be empty)"),
    "overeenkomst.voorwaarden": N_("the general purchasing conditions (may be empty)"),
    "percelen": N_("the lots (deelsegmenten) with their procedure, estimate and participants"),
    "percelen[].deelnemers": N_("the participating municipalities, in one line"),
    "percelen[].procedure": N_("the procedure of the lot"),
    "percelen[].raming": N_("the estimated value, written out"),
    "percelen_combineren": N_("whether bids on several lots are allowed, as a sentence"),
    "publicatie": N_("where the procedure was published (may be empty)"),
    "rechtsbescherming": N_("complaints desk and court"),
    "rechtsbescherming.gunning": N_("whether a perceel is tendered (the remedies against an award decision)"),
    "rechtsbescherming.meldpunt": N_("the complaints desk, in one line (may be empty)"),
    "rechtsbescherming.rechtbank": N_("the competent court by name (may be empty)"),
    "rechtsbescherming.termijn": N_("the period to start proceedings"),
    "rechtsbescherming.toelating": N_("whether a perceel is admitted (the remedies against a refused admission)"),
    "rechtsgrond": N_("the legal basis, one paragraph per kind of procedure"),
    "uitsluiting": N_("exclusion grounds per kind of procedure"),
    "uitsluiting[].bewijs": N_("evidence asked: what, of whom, when"),
    "uitsluiting[].bewijs[].van_wie": N_("of whom the evidence is asked"),
    "uitsluiting[].bewijs[].wanneer": N_("when the evidence is asked"),
    "uitsluiting[].bewijs[].wat": N_("the evidence"),
    "uitsluiting[].met": N_("the declaration with its article ('het UEA')"),
    "uitsluiting[].procedure": N_("the kind of procedure"),
    "uitsluiting[].verklaring": N_("the declaration: UEA or Eigen verklaring"),
    # overeenkomst
    "artikelen": N_("the articles of the agreement, each with number, title and text"),
    "artikelen[].voorbeeld": N_("whether the article's wording is example text for legal review"),
    "partijen": N_("the parties to the agreement"),
    "partijen.adres": N_("contact details of the buying body, in one line"),
    "partijen.gemeenten": N_("the municipalities by name, in one line"),
    "partijen.opdrachtgever": N_("name of the buying body"),
    "overeenkomst_soort": N_("the kind(s) of agreement: raamovereenkomst, toelatingsovereenkomst"),
    # samenvatting
    "leidende_principes": N_("leading principles"),
    "strategische_doelen": N_("strategic goals"),
    "segmenten": N_("the segments with their deelsegmenten"),
    "segmenten[].deelsegmenten": N_("names of the deelsegmenten"),
    "slotsecties": N_("sections after the steering instruments, participation and risks"),
    "inkoop": N_("the form of procurement: why, per deelsegment, reopening and number of winners"),
    "inkoop.toelichting": N_("why these forms of procurement (may be empty)"),
    "inkoop.vormen": N_("form of procurement, was and wordt, for deelsegmenten with the same reasons"),
    "inkoop.vormen[].redenen": N_("reasons for the form"),
    "inkoop.heropening": N_("when admission opens again, per group of deelsegmenten"),
    "inkoop.heropening[].deelsegmenten": N_("the deelsegmenten, in one line"),
    "inkoop.aanbesteding": N_("tendered deelsegmenten with the number of providers that win"),
    "inkoop.aanbesteding[].aantal": N_("most providers that win, or niet beperkt"),
    "bekostiging.toelichting": N_("why this bekostiging (may be empty)"),
    "bekostiging.rijen": N_("bekostiging per part, was and wordt"),
    "bekostiging.wijzigingen": N_("parts whose bekostiging changes, with the reason"),
    "bekostiging.wijzigingen[].reden": N_("why the bekostiging changes"),
    "bekostiging.voorwaarden": N_("conditions per part of the bekostiging"),
    "bekostiging.voorwaarden[].regels": N_("the conditions, each in Markdown"),
    "leveranciersmanagement.segmenten": N_("per segment: how often providers report and the indicators"),
    "leveranciersmanagement.segmenten[].rapportage": N_("how often providers report"),
    "leveranciersmanagement.segmenten[].indicatoren": N_("names of the indicators, in one line"),
    "toegang.toelichting": N_("how access is organised, over all segments (may be empty)"),
    "toegang.segmenten": N_("access per segment"),
    # letters
    "brief": N_("the letter"),
    "brief.onderwerp": N_("subject of the letter"),
    "brief.datum": N_("date of the letter"),
    "brief.aanhef": N_("salutation"),
    "brief.slot": N_("closing line, for example Hoogachtend,"),
    "brief.bijlagen": N_("titles of the attachments"),
    "brief.ons_kenmerk": N_("our reference"),
    "brief.behandeld_door": N_("who handles the letter"),
    "briefhoofd": N_("the municipality's name in its house colour"),
    "gemeente_logo": N_("logo of the municipality (may be empty)"),
    "gemeente": N_("the municipality whose council gets the letter"),
    "gemeente.naam": N_("name of the municipality"),
    "gemeente.postadres": N_("postal address, two lines"),
    "gemeente.bezoekadres": N_("visiting address, two lines"),
    "gemeente.telefoon": N_("telephone number"),
    "gemeente.email": N_("email address"),
    "gemeente.burgemeester": N_("name of the mayor"),
    "gemeente.secretaris": N_("name of the town clerk"),
    "gemeente.zaaknummer": N_("case number of the municipality"),
    "gemeente.kenmerk": N_("the municipality's reference (may be empty)"),
    "lokale_paragrafen": N_("the municipality's own sections"),
    "geadresseerde": N_("address lines: the colleges of all municipalities"),
    "aantal_bijlagen": N_("number of attachments, or geen"),
    "afzender": N_("who sends the letter"),
    "ondertekening": N_("signatures, in order"),
    "ondertekening[].functie": N_("function of the signer"),
    "ondertekening[].naam": N_("name of the signer"),
    # besluit
    "soort": N_("kind of decision: gunningsbeslissing or toelatingsbesluit"),
    "kenmerk": N_("reference of the decision"),
    "verzonden": N_("date of sending"),
    "aanhef": N_("salutation"),
    "aanbieder": N_("the provider the decision is for"),
    "aanbieder.naam": N_("name of the provider"),
    "aanbieder.contactpersoon": N_("contact person"),
    "aanbieder.adres": N_("address lines"),
    "aanbieder.kvk": N_("KvK number"),
    "uitkomsten": N_("the outcome per deelsegment"),
    "uitkomsten[].kop": N_("heading of the outcome: the deelsegment, with its segment when the names differ"),
    "uitkomsten[].uitkomst": N_("the outcome, for example toegelaten"),
    "uitkomsten[].positief": N_("whether the outcome is positive"),
    "uitkomsten[].aanbesteden": N_("whether the deelsegment was tendered (else: admission)"),
    "uitkomsten[].getoetst": N_("requirements the application was tested against"),
    "uitkomsten[].niet_voldaan": N_("requirements not met"),
    "uitkomsten[].gronden": N_("grounds of the decision"),
    "uitkomsten[].vergelijking": N_("the lowest ranked winning tender, to compare scores with (may be empty)"),
    "uitkomsten[].scores": N_("scores per award criterion"),
    "uitkomsten[].scores[].criterium": N_("the award criterion"),
    "uitkomsten[].scores[].weging": N_("its weight"),
    "uitkomsten[].scores[].eigen": N_("the provider's score"),
    "uitkomsten[].scores[].winnaar": N_("the score of the winning tender"),
    "uitkomsten[].totaal": N_("the provider's total"),
    "uitkomsten[].totaal_winnaar": N_("the total of the winning tender"),
    "uitkomsten[].winnaars": N_("to whom it was awarded"),
    "uitkomsten[].kenmerken": N_("characteristics and relative advantages of the winning tender"),
    "uitkomsten[].kenmerken_kop": N_("heading above them: relative advantages only where the number of winners is "
                                     "limited (otherwise every tender above the threshold wins)"),
    "standstill": N_("the standstill period (empty for admission)"),
    "standstill.dagen": N_("its length in calendar days"),
    "standstill.einde": N_("the day it ends"),
    "standstill.toelichting": N_("why the last day moved under the Algemene termijnenwet (may be empty)"),
    "inleiding": N_("opening paragraph: an inschrijving, an aanvraag tot toelating, or both"),
    "uitkomsten[].overige": N_("for a rejection: whether the other requirements were met (else empty)"),
    "uitkomsten[].niet_voldaan[].plaats": N_("where the requirement is: document, chapter and id"),
    "vervolg": N_("what happens next and the remedies, one block per kind of outcome"),
    "vervolg[].titel": N_("heading: the kind of outcome and its deelsegmenten"),
    "vervolg[].alineas": N_("the paragraphs of the block"),
    "vervolg[].tekst": N_("for an admission: what happens next, from the spec (may be empty)"),
    "vervolg[].meldpunt": N_("for a rejection: the complaints desk (else empty)"),
    "vervolg[].meldpunt.naam": N_("name of the complaints desk"),
    "vervolg[].meldpunt.email": N_("its email address"),
    "vervolg[].meldpunt.telefoon": N_("its telephone number (may be empty)"),
    "rechtsmiddelen": N_("additional text on legal remedies (may be empty)"),
    "contact": N_("the contracting authority's contact details"),
    "contact.naam": N_("its name"),
    "contact.adres": N_("its address lines (may be empty)"),
    "contact.adresregel": N_("its address on one line: street, postcode and town (may be empty)"),
    "contact.email": N_("its email address (may be empty)"),
    "contact.telefoon": N_("its telephone number (may be empty)"),
    "contact.regel": N_("address, email and telephone on one line (may be empty)"),
    "contact.kort": N_("email and telephone on one line (may be empty)"),
    # nota van inlichtingen
    "nota": N_("the nota van inlichtingen"),
    "nota.datum": N_("date of the nota"),
    "nota.inleiding": N_("introduction (may be empty)"),
    "vergelijking": N_("the version the changes are measured against (may be empty)"),
    "vragen": N_("questions and answers"),
    "vragen[].nummer": N_("number of the question"),
    "vragen[].betreft": N_("where in the documents the question is about: bestek and paragraph (may be empty)"),
    "vragen[].vraag": N_("the question"),
    "vragen[].antwoord": N_("the answer"),
    "vragen[].wijzigt": N_("whether the answer changes the documents"),
    "vragen[].wijzigingen": N_("the changes the answer makes"),
    "vragen[].wijziging": N_("the change to the documents in words, as the answer states it (may be empty)"),
    "wijzigingen": N_("every change to the documents, per item"),
    "wijzigingen[].tekst": N_("the change"),
    "vragen[].wijzigingen[].tekst": N_("the change"),
    # wijzigingsoverzicht
    "oud": N_("the old version"),
    "nieuw": N_("the new version"),
    "oud.label": N_("name of the old version, for example a git tag"),
    "nieuw.label": N_("name of the new version"),
    "oud.versie": N_("version number of the old version"),
    "nieuw.versie": N_("version number of the new version"),
    "oud.datum": N_("date of the old version"),
    "nieuw.datum": N_("date of the new version"),
    "samenvatting": N_("summary of the changes in one sentence"),
    "groepen": N_("the changes, in groups (definitions, KIT, segments …)"),
    "groepen[].naam": N_("name of the group"),
    "groepen[].wijzigingen": N_("the changes in the group"),
    "groepen[].wijzigingen[].soort": N_("added, removed or changed"),
    "groepen[].wijzigingen[].documenten": N_("the documents that show the change"),
    "groepen[].wijzigingen[].velden": N_("the changed fields, old and new"),
    "groepen[].wijzigingen[].velden[].veld": N_("name of the field"),
    "groepen[].wijzigingen[].velden[].was": N_("old value, removed words struck through"),
    "groepen[].wijzigingen[].velden[].wordt": N_("new value, added words underlined"),
    "documenten": N_("the changed documents"),
    "documenten[].ident": N_("the document, as kind/key"),
    "documenten[].titel": N_("title of the document"),
    "documenten[].soort": N_("added, removed or changed"),
    "documenten[].wijzigingen": N_("what changed in it"),
}
