"""Context of the Nota van Inlichtingen: the questions and answers, and for answers that change the
documents, the changed items from the comparison with the earlier version the nota names."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..errors import DossierError, SpecError
from ..i18n import _
from ..spec import Dossier
from ..spec.model import Vraag
from . import nl
from .common import Document, Md, dossier_facts

if TYPE_CHECKING:
    from ..review.diff import Change

FILE = "nota-van-inlichtingen.yaml"


def documents(d: Dossier) -> Iterator[Document]:
    if d.nota is None:
        return
    yield Document(
        kind="nota",
        key="nota-van-inlichtingen",
        title=d.nota.titel,
        subject=f"{d.spec.titel}: {d.nota.titel}",
        context=context(d),
        sources=tuple(d.sources),  # the changes it lists may come from any spec file
    )


def context(d: Dossier) -> dict[str, Any]:
    """The nota: every question with its answer, and the changes to the documents."""
    assert d.nota is not None
    nota = d.nota
    vergelijking, changes = _changes(d)
    return {
        **dossier_facts(d, nota.titel),
        "nota": {"datum": nl.datum(nota.datum), "inleiding": Md(nota.inleiding) if nota.inleiding else None},
        "vergelijking": vergelijking,
        "vragen": [_vraag(v, changes) for v in nota.vragen],
        "wijzigingen": [_row(c) for c in changes],
    }


def _vraag(v: Vraag, changes: list[Change]) -> dict[str, Any]:
    return {
        "nummer": str(v.nummer),
        "betreft": v.betreft or "",
        "vraag": Md(v.vraag),
        "antwoord": Md(v.antwoord),
        "wijzigt": v.wijzigt_documenten,
        "wijzigingen": [_row(c) for c in changes if v.wijzigt_documenten and _concerns(c, v.betreft)],
    }


def _concerns(change: Change, betreft: str | None) -> bool:
    """A question concerns a change when it names one of the change's ids (KIT-K-04, a deelsegment,
    a tariff) or a part of its place ('Segment Wonen', 'Planning')."""
    if not betreft:
        return False
    where = f"{change.groep} › {change.onderwerp}".lower()
    return betreft in change.ids() or betreft.lower() in where


def _row(c: Change) -> dict[str, str]:
    if c.soort == "gewijzigd":
        tekst = "; ".join(f"{f.veld}: {f.kort()}" for f in c.velden)
    else:
        tekst = "toegevoegd" if c.soort == "toegevoegd" else "vervallen"
    onderwerp = c.groep if not c.pad else f"{c.groep} › {c.onderwerp}"
    return {"onderwerp": onderwerp, "tekst": tekst, "bron": c.bron}


def _changes(d: Dossier) -> tuple[str | None, list[Change]]:
    """(how the earlier version is named, the changes from it to `d`); nothing without `vergelijk`."""
    assert d.nota is not None
    v = d.nota.vergelijk
    if v is None:
        return None, []
    from ..review import versions  # the diff machinery (and docxtpl) loads only when it is needed
    from ..review.diff import item_changes
    from ..spec import load

    source = d.sources[FILE]
    try:
        with versions.relative_to(d.root, revisie=v.revisie, map=v.map) as version:
            base = load(version.root)
    except SpecError as exc:
        raise SpecError([source.problem(("vergelijk",), _(
            "the version to compare with is not a valid dossier ({summary}); check that version with 'dossier "
            "validate'").format(summary=exc.format_message()))]) from None
    except DossierError as exc:
        raise SpecError([source.problem(("vergelijk",), exc.format_message())]) from None
    naam = f"revisie {v.revisie}" if v.revisie else f"map {v.map}"
    label = f"versie {base.spec.versie} van {nl.datum(base.spec.datum)} ({naam})"
    return label, item_changes(base, d, skip=frozenset({"nota"}))
