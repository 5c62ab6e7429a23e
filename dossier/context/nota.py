"""Context of the Nota van Inlichtingen: the questions and answers, and for answers that change the
documents, the changed items from the comparison with the earlier version the nota names."""

from __future__ import annotations

import re
from typing import Any

from ..errors import BuildError
from ..i18n import _
from ..spec import Dossier
from ..spec.dossier import Wijziging
from ..spec.model import Vraag
from . import bestek, nl
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
    places = {key: bestek.plaatsen(d, key) for key in d.spec.segmenten}
    return {
        **dossier_facts(d, nota.titel),
        "nota": {"datum": nl.datum(nota.datum), "inleiding": Md(nota.inleiding) if nota.inleiding else None},
        "vergelijking": vergelijking.label if vergelijking else None,
        "vragen": [_vraag(d, v, changes, places) for v in nota.vragen],
        "wijzigingen": [_row(c) for c in changes],
    }


def _vraag(d: Dossier, v: Vraag, changes: list[Wijziging], places: dict[str, dict[str, bestek.Plaats]]) -> dict[str, Any]:
    found = _places(d, v.betreft, places) if v.betreft else []
    return {
        "nummer": str(v.nummer),
        "betreft": _reference(found, len(places)) if found else _unplaced(d, v.betreft),
        "vraag": Md(v.vraag),
        "antwoord": Md(v.antwoord),
        "wijzigt": v.wijzigt_documenten,
        "wijziging": Md(v.wijziging) if v.wijziging else None,
        "wijzigingen": [_row(c) for c in changes
                        if v.wijzigt_documenten and _concerns(c, v.betreft, [p.titel for p in found])],
    }


def _places(d: Dossier, betreft: str, places: dict[str, dict[str, bestek.Plaats]]) -> list[bestek.Plaats]:
    """Where `betreft` stands in the bestekken: an id or a paragraph title in every bestek that has it, or
    'Bestek Wonen, Tarieven' in that one bestek. Nothing found: the text is a place of its own."""
    named = re.fullmatch(r"[Bb]estek (.+?),\s*(.+)", betreft)
    if named:
        segment = next((k for k in places if d.segmenten[k].naam.lower() == named[1].strip().lower()), None)
        place = places[segment].get(named[2].strip().lower()) if segment else None
        return [place] if place else []
    key = betreft if betreft in {p for ps in places.values() for p in ps} else betreft.lower()
    return [ps[key] for ps in places.values() if key in ps]


def _unplaced(d: Dossier, betreft: str | None) -> str:
    """A place in no bestek: the text as written, a KIT requirement with its title."""
    if betreft and any(e.id == betreft for e in d.kit.eisen):
        return f"{betreft} {d.kit_eis(betreft).titel}"
    return betreft or ""


def _reference(found: list[bestek.Plaats], bestekken: int) -> str:
    """'Bestek Ambulant, § 7.1, KIT-I-01 Bibob-toets'; 'Alle bestekken, § 4.2, Planning' when every
    bestek has it under the same number; otherwise each bestek with its number."""
    titel = found[0].titel
    numbers = {p.nr for p in found}
    if len(numbers) == 1:
        nr = found[0].nr
        if len(found) == bestekken and bestekken > 1:
            return f"Alle bestekken, § {nr}, {titel}"
        if len(found) == 1:
            return f"Bestek {found[0].segment}, § {nr}, {titel}"
        return f"Bestekken {nl.opsomming(p.segment for p in found)}, § {nr}, {titel}"
    return f"{'; '.join(f'Bestek {p.segment}, § {p.nr}' for p in found)}: {titel}"


def _concerns(change: Wijziging, betreft: str | None, titels: list[str]) -> bool:
    """A question concerns a change when it names one of the change's ids (KIT-K-04, a deelsegment,
    a tariff) or a part of its place ('Segment Wonen', 'Planning')."""
    if not betreft:
        return False
    onderwerp = change.onderwerp.lower()
    return (betreft in change.ids or betreft.lower() in onderwerp
            or any(t.lower() in onderwerp for t in titels))


def _row(c: Wijziging) -> dict[str, str]:
    return {"onderwerp": c.onderwerp, "tekst": c.tekst, "bron": c.bron}
