"""Context of the Nota van Inlichtingen: the questions and answers, and for answers that change the
documents, the changed items from the comparison with the earlier version the nota names."""

from __future__ import annotations

from typing import Any

from ..errors import BuildError
from ..i18n import _
from ..spec import Dossier
from ..spec.dossier import Wijziging
from ..spec.model import Vraag
from . import nl
from .common import Document, Md, dossier_facts


def keys(d: Dossier) -> list[str]:
    """The nota, when the dossier has nota-van-inlichtingen.yaml."""
    return [] if d.nota is None else ["nota-van-inlichtingen"]


def document(d: Dossier, key: str) -> Document:
    assert d.nota is not None
    return Document(
        kind="nota",
        key="nota-van-inlichtingen",
        title=d.nota.titel,
        subject=f"{d.spec.titel}: {d.nota.titel}",
        context=context(d),
    )


def context(d: Dossier) -> dict[str, Any]:
    """The nota: every question with its answer, and the changes to the documents."""
    assert d.nota is not None
    nota = d.nota
    if nota.vergelijk is not None and d.vergelijking is None:
        raise BuildError(_("the comparison the nota asks for has not been made; load the dossier with "
                           "dossier.load()"))
    vergelijking = d.vergelijking
    changes = list(vergelijking.wijzigingen) if vergelijking else []
    return {
        **dossier_facts(d, nota.titel),
        "nota": {"datum": nl.datum(nota.datum), "inleiding": Md(nota.inleiding) if nota.inleiding else None},
        "vergelijking": vergelijking.label if vergelijking else None,
        "vragen": [_vraag(v, changes) for v in nota.vragen],
        "wijzigingen": [_row(c) for c in changes],
    }


def _vraag(v: Vraag, changes: list[Wijziging]) -> dict[str, Any]:
    return {
        "nummer": str(v.nummer),
        "betreft": v.betreft or "",
        "vraag": Md(v.vraag),
        "antwoord": Md(v.antwoord),
        "wijzigt": v.wijzigt_documenten,
        "wijzigingen": [_row(c) for c in changes if v.wijzigt_documenten and _concerns(c, v.betreft)],
    }


def _concerns(change: Wijziging, betreft: str | None) -> bool:
    """A question concerns a change when it names one of the change's ids (KIT-K-04, a deelsegment,
    a tariff) or a part of its place ('Segment Wonen', 'Planning')."""
    if not betreft:
        return False
    return betreft in change.ids or betreft.lower() in change.onderwerp.lower()


def _row(c: Wijziging) -> dict[str, str]:
    return {"onderwerp": c.onderwerp, "tekst": c.tekst, "bron": c.bron}
