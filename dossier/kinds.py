"""The document kinds: each is one template plus one function that yields its documents.

Adding a kind (say, a Nota van Inlichtingen) means a template in templates/, a context module in
dossier/context/, and one line here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .context import besluit, bestek, brief, nota, samenvatting
from .context.common import Document
from .i18n import N_
from .spec import Dossier


@dataclass(frozen=True)
class Kind:
    name: str
    template: str
    documents: Callable[[Dossier], Iterator[Document]]
    description: str
    """What the documents are, for messages (an English message id: translate it with `_()`)."""


KINDS: list[Kind] = [
    Kind("bestek", "bestek.docx", bestek.documents, N_("bestek per segment")),
    Kind("samenvatting", "samenvatting.docx", samenvatting.documents, N_("summary of the dossier")),
    Kind("raadsbrief", "raadsbrief.docx", brief.raadsbrieven, N_("letter to the council, per municipality")),
    Kind("collegebrief", "collegebrief.docx", brief.collegebrieven, N_("letter to all colleges")),
    Kind("besluit", "besluit.docx", besluit.documents, N_("award or admission decision, per provider")),
    Kind("nota", "nota.docx", nota.documents, N_("nota van inlichtingen")),
]

BY_NAME = {k.name: k for k in KINDS}


def all_documents(d: Dossier) -> list[tuple[Kind, Document]]:
    """Every document of the dossier, in a fixed order."""
    return [(kind, doc) for kind in KINDS for doc in kind.documents(d)]
