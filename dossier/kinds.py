"""The document kinds: each is one template plus one function that yields its documents.

Adding a kind (say, a Nota van Inlichtingen) means a template in templates/, a context module in
dossier/context/, and one line here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .context import besluit, bestek, brief, nota, samenvatting
from .context.common import Document
from .spec import Dossier


@dataclass(frozen=True)
class Kind:
    name: str
    template: str
    documents: Callable[[Dossier], Iterator[Document]]
    description: str


KINDS: list[Kind] = [
    Kind("bestek", "bestek.docx", bestek.documents, "bestek per segment"),
    Kind("samenvatting", "samenvatting.docx", samenvatting.documents, "samenvatting van het dossier"),
    Kind("raadsbrief", "raadsbrief.docx", brief.raadsbrieven, "brief aan de raad, per gemeente"),
    Kind("collegebrief", "collegebrief.docx", brief.collegebrieven, "brief aan alle colleges"),
    Kind("besluit", "besluit.docx", besluit.documents, "gunnings- of toelatingsbesluit, per aanbieder"),
    Kind("nota", "nota.docx", nota.documents, "nota van inlichtingen"),
]

BY_NAME = {k.name: k for k in KINDS}


def all_documents(d: Dossier) -> list[tuple[Kind, Document]]:
    """Every document of the dossier, in a fixed order."""
    return [(kind, doc) for kind in KINDS for doc in kind.documents(d)]
