"""What every document context shares: the Document record, Markdown values and dossier facts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel

from ..spec import Dossier
from ..spec.examples import Example
from ..spec.model import Adres, Deelsegment, Fase, Mijlpaal, Sectie
from ..spec.types import Deelnamesoort, Status
from . import nl


class Md(str):
    """Markdown text from a spec; rendered into Word structure by the render stage."""


@dataclass(frozen=True)
class Rich:
    """A run of text with its own look (a municipality's name in its house colour)."""

    text: str
    color: str = "1F4E79"
    bold: bool = True
    size_pt: int = 18


@dataclass(frozen=True)
class Marked:
    """Text with marked stretches, for a change report: ('del', …) struck through, ('ins', …) inserted."""

    parts: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Image:
    """An image file from the dossier folder; `sha256` makes its content part of the context."""

    path: str
    sha256: str
    width_mm: int
    alt: str


@dataclass(frozen=True)
class Document:
    """One document to produce: what it is, its data, and the spec files it is made from."""

    kind: str
    key: str
    title: str
    context: dict[str, Any]
    subject: str = ""
    sources: tuple[str, ...] = ()
    """The spec files its context read (filled in by `kinds.all_documents`, which records the reads)."""
    voorbeelden: tuple[Example, ...] = ()
    """The values marked `!voorbeeld` its context read (filled in by `kinds.all_documents` too)."""
    markeringen: tuple[str, ...] = ()
    """In a review build: the example values as the document writes them, which it highlights."""

    @property
    def ident(self) -> str:
        return f"{self.kind}/{self.key}"


def dossier_facts(d: Dossier, title: str) -> dict[str, Any]:
    """The title page and header facts every document shows."""
    spec = d.spec
    return {
        "titel": title,
        "dossier": spec.titel,
        "regio": spec.regio,
        "opdrachtgever": spec.opdrachtgever.naam,
        "versie": spec.versie,
        "status": spec.status.label,
        "concept": spec.status is Status.CONCEPT,
        "datum": nl.datum(spec.datum),
        "kit": spec.kit,
    }


def contactgegevens(d: Dossier) -> dict[str, Any]:
    """The buying body's contact details as a letter shows them: address lines, e-mail, phone, and all
    of them on one line ('' when the spec gives none)."""
    o = d.spec.opdrachtgever
    adres = adresregels(o.adres) if o.adres else []
    adresregel = f"{o.adres.straat}, {o.adres.postcode} {o.adres.plaats}" if o.adres else ""
    parts = ([adresregel] if adresregel else []) + \
        ([f"e-mail {o.email}"] if o.email else []) + ([f"telefoon {o.telefoon}"] if o.telefoon else [])
    return {"naam": o.naam, "adres": adres, "adresregel": adresregel, "email": o.email or "",
            "telefoon": o.telefoon or "", "regel": " · ".join(parts), "kort": " · ".join(parts[1:] if o.adres else parts)}


def secties(items: list[Sectie]) -> list[dict[str, Any]]:
    return [{"titel": s.titel, "tekst": Md(s.tekst)} for s in items]


def adresregels(adres: Adres) -> list[str]:
    return [adres.straat, f"{adres.postcode}  {adres.plaats.upper()}"]


def planning(d: Dossier) -> dict[str, Any]:
    return {
        "fasen": [_fase(f) for f in d.spec.planning.fasen],
        "mijlpalen": [_mijlpaal(m) for m in sorted(d.spec.planning.mijlpalen, key=lambda m: m.datum)],
    }


def _fase(f: Fase) -> dict[str, Any]:
    return {"periode": nl.periode(f.van, f.tot), "naam": f.naam,
            "omschrijving": Md(f.omschrijving) if f.omschrijving else None}


def _mijlpaal(m: Mijlpaal) -> dict[str, Any]:
    return {"soort": m.soort.label, "datum": nl.datum(m.datum), "omschrijving": m.omschrijving or ""}


def contract(d: Dossier) -> dict[str, Any]:
    c = d.spec.contract
    end = nl.add_months(c.ingangsdatum, c.looptijd_maanden)
    return {
        "ingangsdatum": nl.datum(c.ingangsdatum),
        "looptijd": nl.looptijd(c.looptijd_maanden),
        "einddatum": nl.datum(end - timedelta(days=1)),
        "verlenging": c.verlenging or "",
    }


def deelname_tekst(d: Dossier, ds: Deelsegment) -> tuple[str, list[dict[str, Any]]]:
    """('alle 14 gemeenten' or '13 gemeenten (Almelo niet, Hengelo beperkt)', exception rows)."""
    deelnemers = d.deelnemers(ds)
    partial = [p for p in deelnemers if p.deelname is not None]
    if not partial:
        return f"alle {len(deelnemers)} gemeenten", []
    taking_part = [p for p in deelnemers if p.deelname is not Deelnamesoort.NIET]
    notes = ", ".join(f"{p.gemeente.naam} {p.deelname.value}" for p in partial)  # type: ignore[union-attr]
    rows = [{"gemeente": p.gemeente.naam, "deelname": p.deelname.label,  # type: ignore[union-attr]
             "toelichting": Md(p.toelichting or "")} for p in partial]
    return f"{len(taking_part)} {'gemeente' if len(taking_part) == 1 else 'gemeenten'} ({notes})", rows


# --- review builds: where each item is written -----------------------------------------------------

_REVIEW: ContextVar[bool] = ContextVar("dossier_review", default=False)


@contextmanager
def review_marks(on: bool = True) -> Iterator[None]:
    """Contexts built inside this block carry `bron` marks (a review build, `dossier build --review`).

    A context variable rather than a parameter of every context function: only the few items that
    carry a mark ask for it, through `bron`, and a normal build never sees it."""
    token = _REVIEW.set(on)
    try:
        yield
    finally:
        _REVIEW.reset(token)


def bron(d: Dossier, file: str, item: BaseModel, ident: str) -> str | None:
    """`KIT-K-04 · kit.yaml:150` in a review build (the item's id, spec file and line); None otherwise."""
    if not _REVIEW.get():
        return None
    source = d.sources.get(file)
    path = _path_to(d.model_of(file), item)
    if source is None or path is None:
        return f"{ident} · {file}"
    line, _ = source.locate(path)
    return f"{ident} · {file}:{line}"


def voorbeeld_teksten(values: list[Any], plain: set[str]) -> tuple[str, ...]:
    """The ways a document can write the example values it read, for a review build to highlight them
    (none outside a review build). Left out: texts shorter than three characters (a '2' would light up
    every 2 on the page), texts that are also a real value the document read (`plain`), choices from a
    list (their label is the tool's word, not the example), and multi-line (Markdown) texts, whose
    VOORBEELD mark stands."""
    if not _REVIEW.get():
        return ()
    found: dict[str, None] = {}

    def add(value: Any) -> None:
        if isinstance(value, (list, tuple)):
            for item in value:
                add(item)
            return
        if isinstance(value, (bool, Enum, BaseModel)) or value is None:
            return
        if isinstance(value, Decimal):
            texts = [nl.bedrag(value), nl.getal(value)]
        elif isinstance(value, int):
            texts = [nl.getal(value)]
        elif isinstance(value, date):
            texts = [nl.datum(value)]
        else:
            texts = [str(value).strip()]
        for text in texts:
            if len(text) >= 3 and "\n" not in text and text not in plain:
                found.setdefault(text, None)

    add(values)
    return tuple(sorted(found, key=len, reverse=True))


def _path_to(node: Any, target: BaseModel, path: tuple[str | int, ...] = ()) -> tuple[str | int, ...] | None:
    """The YAML path of `target` inside a file's model (model fields are the YAML keys)."""
    if node is target:
        return path
    children: Any
    if isinstance(node, BaseModel):
        # not getattr: walking the whole file must not count as reading its example values
        children = ((name, node.__dict__.get(name)) for name in type(node).model_fields)
    elif isinstance(node, list):
        children = enumerate(node)
    elif isinstance(node, dict):
        children = node.items()
    else:
        return None
    for key, child in children:
        found = _path_to(child, target, (*path, key))
        if found is not None:
            return found
    return None


def context_json(value: Any) -> Any:
    """The context as plain JSON data, for hashing (Markdown marked so it differs from plain text)."""
    if isinstance(value, Md):
        return {"md": str(value)}
    if isinstance(value, Rich):
        return {"rich": asdict(value)}
    if isinstance(value, Marked):
        return {"marked": [list(p) for p in value.parts]}
    if isinstance(value, Image):  # the file's content, not where this machine keeps it
        return {"image": {"sha256": value.sha256, "width_mm": value.width_mm, "alt": value.alt}}
    if isinstance(value, dict):
        return {k: context_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [context_json(v) for v in value]
    return value


def leaves(value: Any, skip: frozenset[str] = frozenset()) -> Iterator[Any]:
    """Every value in a context that is not a dict or list, leaving out the keys in `skip`."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in skip:
                yield from leaves(item, skip)
    elif isinstance(value, list):
        for item in value:
            yield from leaves(item, skip)
    else:
        yield value
