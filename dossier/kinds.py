"""The document kinds: each is one template plus one context module, registered here once.

Adding a kind (say, a list of providers, as docs/add-a-kind.md does) means a template in each house style, a context module
in dossier/context/ with `keys(d)` (which documents there are) and `document(d, key)` (one document
and its context), and one line in KINDS. docs/add-a-kind.md shows it step by step.

A document depends on the spec files its context reads: `all_documents` records those reads, so
no kind keeps a list of its sources by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from .context import besluit, bestek, brief, nota, overeenkomst, samenvatting
from .context.common import Document, voorbeeld_teksten
from .i18n import N_
from .spec import Dossier

RAAD = "raad"


def _none(d: Dossier, key: str) -> tuple[str, ...]:
    return ()


@dataclass(frozen=True)
class Kind:
    name: str
    template: str
    keys: Callable[[Dossier], list[str]]
    """The keys of this kind's documents in a dossier, in document order."""
    document: Callable[[Dossier, str], Document]
    """One document (with its context) by key."""
    description: str
    """What the documents are, for messages (an English message id: translate it with `_()`)."""
    bundles: Callable[[Dossier, str], tuple[str, ...]] = _none
    """The bundles a document of this kind is part of; in a bundle, parts follow `bundle_order`."""


def _segment_bundle(segment: str) -> str:
    return f"segment-{segment}"


def _council_bundle(gemeente: str) -> str:
    """One council's own bundle, `bundels/raad/<gemeente>.pdf`: its letter with the annexes."""
    return f"{RAAD}/{gemeente}"


def _council_bundles(d: Dossier) -> tuple[str, ...]:
    return tuple(_council_bundle(key) for key in brief.raadsbrief_keys(d))


KINDS: list[Kind] = [
    Kind("bestek", "bestek.docx", bestek.keys, bestek.document, N_("bestek per segment"),
         bundles=lambda d, key: (_segment_bundle(key),)),
    Kind("overeenkomst", "overeenkomst.docx", overeenkomst.keys, overeenkomst.document,
         N_("concept agreement per segment"), bundles=lambda d, key: (_segment_bundle(key),)),
    Kind("samenvatting", "samenvatting.docx", samenvatting.keys, samenvatting.document,
         N_("summary of the dossier"),
         bundles=lambda d, key: (RAAD, *(_segment_bundle(s) for s in d.spec.segmenten), *_council_bundles(d))),
    Kind("raadsbrief", "raadsbrief.docx", brief.raadsbrief_keys, brief.raadsbrief_document,
         N_("letter to the council, per municipality"), bundles=lambda d, key: (RAAD, _council_bundle(key))),
    Kind("collegebrief", "collegebrief.docx", brief.collegebrief_keys, brief.collegebrief_document,
         N_("letter to all colleges"), bundles=lambda d, key: (RAAD,)),
    Kind("besluit", "besluit.docx", besluit.keys, besluit.document,
         N_("award or admission decision, per provider")),
    Kind("nota", "nota.docx", nota.keys, nota.document, N_("nota van inlichtingen"),
         bundles=lambda d, key: tuple(_segment_bundle(s) for s in d.spec.segmenten)),
]


def bundle_titles(d: Dossier) -> dict[str, str]:
    """Every bundle a dossier can have, by key, with its title (document text: Dutch)."""
    titles = {_segment_bundle(key): f"{d.spec.titel}: bestek {d.segmenten[key].naam} met bijlagen"
              for key in d.spec.segmenten}
    titles[RAAD] = f"{d.spec.titel}: stukken voor de gemeenteraden"
    for key in brief.raadsbrief_keys(d):
        titles[_council_bundle(key)] = f"{d.spec.titel}: raadsbrief {d.gemeenten[key].naam} met bijlagen"
    return titles


def bundle_order(key: str) -> list[str]:
    """The kinds of a bundle's parts in the order they appear: the order of KINDS, except that a council's
    own bundle begins with its letter (the samenvatting is the letter's annex)."""
    names = [k.name for k in KINDS]
    if key.startswith(RAAD + "/"):
        names.remove("raadsbrief")
        names.insert(0, "raadsbrief")
    return names


def all_documents(d: Dossier) -> list[tuple[Kind, Document]]:
    """Every document of the dossier, in a fixed order, each with the spec files its context read and
    the example values (`!voorbeeld`) it read; `voorbeeld` in its context says whether there are any."""
    return list(iter_documents(d))


def iter_documents(d: Dossier) -> Iterator[tuple[Kind, Document]]:
    """`all_documents` one at a time (a build keeps no more than a few contexts in memory)."""
    for kind in KINDS:
        with d.recording_reads() as listing:
            keys = kind.keys(d)
        for key in keys:
            yield kind, make_document(d, kind, key, listing)


def make_document(d: Dossier, kind: Kind, key: str, listing: set[str] | frozenset[str] = frozenset()) -> Document:
    """One document as `all_documents` gives it (`listing`: the files read to list the kind's keys)."""
    with d.recording_reads() as reads, d.recording_examples() as examples:
        doc = kind.document(d, key)
    return replace(doc, sources=tuple(sorted(listing | reads)), voorbeelden=tuple(examples),
                   markeringen=voorbeeld_teksten(examples.values, examples.plain),
                   context={**doc.context, "voorbeeld": bool(examples)})
