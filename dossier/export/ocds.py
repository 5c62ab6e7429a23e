"""An OCDS 1.1 release package of a dossier: the tender, one award per (provider, deelsegment)
decision, and the parties; validated against the OCDS schemas shipped in `schemas/`.

The package is a pure function of the spec (no clock): dates come from the dossier and the
decisions, so the same spec gives the same bytes.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from ..i18n import _
from ..spec import Dossier
from ..spec.model import Adres
from . import Decision, contract_period, decisions

OCDS_VERSION = "1.1"
RELEASE_SCHEMA_URL = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"
DEFAULT_PREFIX = "ocds-xxxxxx"
"""Placeholder ocid prefix; a publisher registers its own with the Open Contracting Partnership."""
CPV = {"scheme": "CPV", "id": "85311300",
       "description": "Maatschappelijke dienstverlening voor kinderen en jongeren"}
"""Youth care as a whole (CPV 85311300-5, Annex XIV of Directive 2014/24/EU)."""
KVK_SCHEME = "NL-KVK"
OPDRACHTGEVER_ID = "opdrachtgever"


def when(day: date) -> str:
    """An OCDS date-time for a calendar day: midnight UTC, like the dates in the built PDFs."""
    return f"{day.isoformat()}T00:00:00Z"


def _safe(text: str) -> str:
    """Text usable inside an identifier: letters, digits, '.', '-'."""
    return re.sub(r"[^A-Za-z0-9.]+", "-", text).strip("-") or "0"


def release_package(d: Dossier, *, prefix: str = DEFAULT_PREFIX, uri: str | None = None,
                    license: str | None = None) -> dict[str, Any]:
    """The release package of dossier `d` as JSON-ready data."""
    release = _release(d, prefix)
    package: dict[str, Any] = {
        "uri": uri or f"urn:x-dossier:ocds:{d.key}:{_safe(d.spec.versie)}",
        "version": OCDS_VERSION,
        "publishedDate": release["date"],
        "publisher": {"name": d.spec.opdrachtgever.naam},
    }
    if license:
        package["license"] = license
    package["releases"] = [release]
    return package


def _release(d: Dossier, prefix: str) -> dict[str, Any]:
    found = list(decisions(d))
    start, end = contract_period(d)
    parties, supplier_ids = _parties(d, found)
    opdrachtgever = {"id": OPDRACHTGEVER_ID, "name": d.spec.opdrachtgever.naam}
    items = {ds.id: _item(d.segmenten[seg].naam, ds.naam, ds.id) for seg, ds in d.deelsegmenten()}
    awards = [_award(dec, items[dec.deelsegment.id], supplier_ids[dec.aanbieder_key], start, end)
              for dec in found]
    released = max([d.spec.datum, *(dec.besluit.verzonden for dec in found)])
    release: dict[str, Any] = {
        "ocid": f"{prefix}-{d.key}",
        "id": f"{d.key}-{_safe(d.spec.versie)}-{released.isoformat()}",
        "date": when(released),
        "tag": ["tender", "award"] if awards else ["tender"],
        "initiationType": "tender",
        "language": "nl",
        "parties": parties,
        "buyer": opdrachtgever,
        "tender": _tender(d, found, list(items.values()), opdrachtgever, supplier_ids, start, end),
    }
    if awards:
        release["awards"] = awards
    return release


def _tender(d: Dossier, found: list[Decision], items: list[dict[str, Any]], opdrachtgever: dict[str, str],
            supplier_ids: dict[str, dict[str, str]], start: date, end: date) -> dict[str, Any]:
    vormen = []
    criteria = []
    for _segment, ds in d.deelsegmenten():
        if ds.inkoopvorm.wordt.label not in vormen:
            vormen.append(ds.inkoopvorm.wordt.label)
        if ds.inkoopvorm.gunningscriteria:
            listed = ", ".join(f"{c.naam} ({c.weging} punten)" for c in ds.inkoopvorm.gunningscriteria)
            criteria.append(f"{ds.naam}: {listed}")
    tenderers = []
    for dec in found:
        if supplier_ids[dec.aanbieder_key] not in tenderers:
            tenderers.append(dict(supplier_ids[dec.aanbieder_key]))
    tender: dict[str, Any] = {
        "id": d.key,
        "title": d.spec.titel,
        "description": "Segmenten: " + ", ".join(d.segmenten[s].naam for s in d.spec.segmenten) + ".",
        "procuringEntity": dict(opdrachtgever),
        "items": items,
        "procurementMethod": "open",
        "procurementMethodDetails": "; ".join(vormen) + " (sociale en andere specifieke diensten, verlicht regime)",
        "mainProcurementCategory": "services",
        "contractPeriod": {"startDate": when(start), "endDate": when(end)},
    }
    if criteria:
        tender["awardCriteria"] = "ratedCriteria"
        tender["awardCriteriaDetails"] = "; ".join(criteria)
    period = _tender_period(d)
    if period:
        tender["tenderPeriod"] = period
    if found:
        tender["status"] = "complete"
        tender["numberOfTenderers"] = len(tenderers)
        tender["tenderers"] = tenderers
    return tender


def _tender_period(d: Dossier) -> dict[str, str] | None:
    """From the publicatie milestone to the sluiting-inschrijving milestone, when the planning has them."""
    dates = {m.soort.value: m.datum for m in d.spec.planning.mijlpalen}
    period = {}
    if "publicatie" in dates:
        period["startDate"] = when(dates["publicatie"])
    if "sluiting-inschrijving" in dates:
        period["endDate"] = when(dates["sluiting-inschrijving"])
    return period or None


def _item(segment: str, naam: str, ident: str) -> dict[str, Any]:
    return {"id": ident, "description": f"{segment}: {naam}", "classification": dict(CPV)}


def _award(dec: Decision, item: dict[str, Any], supplier: dict[str, str], start: date, end: date) -> dict[str, Any]:
    award: dict[str, Any] = {
        "id": f"{dec.aanbieder_key}-{dec.deelsegment.id}",
        "title": f"{dec.deelsegment.naam}: {dec.aanbieder.naam}",
        "description": (f"{dec.uitkomst.uitkomst.label.capitalize()} ({dec.deelsegment.inkoopvorm.wordt.label}); "
                        f"besluit {dec.besluit.kenmerk}"),
        "status": "active" if dec.successful else "unsuccessful",
        "date": when(dec.besluit.verzonden),
        "suppliers": [dict(supplier)],
        "items": [json.loads(json.dumps(item))],
    }
    if dec.successful:
        award["contractPeriod"] = {"startDate": when(start), "endDate": when(end)}
    return award


def _address(adres: Adres | None) -> dict[str, str] | None:
    if adres is None:
        return None
    return {"streetAddress": adres.straat, "postalCode": adres.postcode, "locality": adres.plaats,
            "countryName": "Nederland"}


def _parties(d: Dossier, found: list[Decision]) -> tuple[list[dict[str, Any]], dict[str, dict[str, str]]]:
    """The parties and, per provider key, its organization reference.

    Providers are identified by KvK number; contact persons are left out (personal data)."""
    og = d.spec.opdrachtgever
    buyer: dict[str, Any] = {"id": OPDRACHTGEVER_ID, "name": og.naam, "roles": ["buyer", "procuringEntity"]}
    if og.adres:
        buyer["address"] = _address(og.adres)
    contact = {k: v for k, v in (("email", og.email), ("telephone", og.telefoon)) if v}
    if contact:
        buyer["contactPoint"] = contact
    parties = [buyer]
    for key, gemeente in d.gemeenten.items():
        parties.append({"id": f"gemeente-{key}", "name": gemeente.naam, "address": _address(gemeente.postadres),
                        "roles": ["payer"]})
    kvk_count: dict[str, int] = {}
    for key in dict.fromkeys(dec.aanbieder_key for dec in found):
        kvk = d.aanbieders[key].kvk
        kvk_count[kvk] = kvk_count.get(kvk, 0) + 1
    refs: dict[str, dict[str, str]] = {}
    for dec in found:
        key, aanbieder = dec.aanbieder_key, dec.aanbieder
        if key in refs:
            continue
        ident = f"{KVK_SCHEME}-{aanbieder.kvk}" + (f"-{key}" if kvk_count[aanbieder.kvk] > 1 else "")
        refs[key] = {"id": ident, "name": aanbieder.naam}
        roles = ["tenderer"]
        if any(x.successful for x in found if x.aanbieder_key == key):
            roles.append("supplier")
        parties.append({
            "id": ident,
            "name": aanbieder.naam,
            "identifier": {"scheme": KVK_SCHEME, "id": aanbieder.kvk, "legalName": aanbieder.naam},
            "address": _address(aanbieder.adres),
            "roles": roles,
        })
    return parties, refs


# --- validation ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema import Draft4Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    folder = resources.files(__package__).joinpath("schemas")
    release = json.loads(folder.joinpath("release-schema.json").read_text(encoding="utf-8"))
    package = json.loads(folder.joinpath("release-package-schema.json").read_text(encoding="utf-8"))
    registry: Registry = Registry().with_resource(
        RELEASE_SCHEMA_URL, Resource.from_contents(release, default_specification=DRAFT4))
    return Draft4Validator(package, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER)


def schema_version() -> str:
    """The OCDS schema version the bundled files declare, e.g. '1.1.5'."""
    folder = resources.files(__package__).joinpath("schemas")
    ident = json.loads(folder.joinpath("release-schema.json").read_text(encoding="utf-8"))["id"]
    return re.search(r"/(\d+)__(\d+)__(\d+)/", ident).expand(r"\1.\2.\3")  # type: ignore[union-attr]


def validate(package: dict[str, Any]) -> list[str]:
    """Problems with `package` against the bundled OCDS release-package and release schemas, plus the
    rules the schema cannot express (unique ids, references that point at a party)."""
    problems = []
    for error in sorted(_validator().iter_errors(package), key=lambda e: [str(p) for p in e.absolute_path]):
        where = "/".join(str(p) for p in error.absolute_path) or _("(package)")
        problems.append(f"{where}: {error.message}")
    for r, release in enumerate(package.get("releases", [])):
        parties = {p.get("id"): p.get("name") for p in release.get("parties", [])}
        problems += _unique(f"releases/{r}/parties", [p.get("id") for p in release.get("parties", [])])
        problems += _unique(f"releases/{r}/awards", [a.get("id") for a in release.get("awards", [])])
        refs = [("buyer", release.get("buyer")), ("tender/procuringEntity", release.get("tender", {}).get("procuringEntity"))]
        refs += [(f"tender/tenderers/{i}", t) for i, t in enumerate(release.get("tender", {}).get("tenderers", []))]
        refs += [(f"awards/{a}/suppliers/{i}", s) for a, award in enumerate(release.get("awards", []))
                 for i, s in enumerate(award.get("suppliers", []))]
        for where, ref in refs:
            if ref is None:
                continue
            if ref.get("id") not in parties:
                problems.append(_("{where}: refers to party '{id}', which is not in parties").format(
                    where=f"releases/{r}/{where}", id=ref.get("id")))
            elif parties[ref["id"]] != ref.get("name"):
                problems.append(_("{where}: name '{name}' differs from the party").format(
                    where=f"releases/{r}/{where}", name=ref.get("name")))
    return problems


def _unique(where: str, ids: list[Any]) -> list[str]:
    seen = set()
    out = []
    for i, ident in enumerate(ids):
        if ident in seen:
            out.append(_("{where}: '{id}' appears twice").format(where=f"{where}/{i}/id", id=ident))
        seen.add(ident)
    return out


def dumps(package: dict[str, Any]) -> str:
    """The package as pretty, stable JSON text (UTF-8, keys in the order built)."""
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"
