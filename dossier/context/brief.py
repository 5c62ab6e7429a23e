"""Contexts of letters: a raadsbrief per municipality, and a letter to all colleges at once."""

from __future__ import annotations

import hashlib
import io
from typing import Any

import PIL.Image

from ..spec import Dossier
from ..spec.model import Brief, Gemeente
from ..spec.types import Briefsoort, Deelnamesoort
from . import nl
from .common import Document, Image, Md, Rich, adresregels, contactgegevens, dossier_facts, planning, secties


def raadsbrief_keys(d: Dossier) -> list[str]:
    """The raadsbrief (a dossier has at most one) goes to every municipality's council."""
    return list(d.gemeenten) if _raadsbrief(d) is not None else []


def raadsbrief_document(d: Dossier, key: str) -> Document:
    brief = _raadsbrief(d)
    assert brief is not None
    gemeente = d.gemeenten[key]
    return Document(
        kind="raadsbrief",
        key=key,
        title=f"Raadsbrief {brief.onderwerp} – {gemeente.naam}",
        subject=f"{brief.onderwerp}: brief aan de gemeenteraad van {gemeente.naam}",
        context=raadsbrief(d, brief, key),
    )


def _raadsbrief(d: Dossier) -> Brief | None:
    return next((b for b in d.brieven.brieven if b.soort is Briefsoort.RAADSBRIEF), None)


def collegebrief_keys(d: Dossier) -> list[str]:
    """One document per letter to all colleges."""
    return [b.id for b in d.brieven.brieven if b.soort is Briefsoort.COLLEGEBRIEF]


def collegebrief_document(d: Dossier, key: str) -> Document:
    brief = next(b for b in d.brieven.brieven if b.id == key)
    return Document(
        kind="collegebrief",
        key=key,
        title=f"Brief aan de colleges: {brief.onderwerp}",
        subject=brief.onderwerp,
        context=collegebrief(d, brief),
    )


def _brief(brief: Brief, aanhef: str) -> dict[str, Any]:
    return {
        "onderwerp": brief.onderwerp,
        "datum": nl.datum(brief.datum),
        "aanhef": brief.aanhef or aanhef,
        "secties": secties(brief.secties),
        "slot": brief.slot,
        "bijlagen": list(brief.bijlagen),
        "ons_kenmerk": brief.ons_kenmerk or "",
        "behandeld_door": brief.behandeld_door or "",
    }


def raadsbrief(d: Dossier, brief: Brief, key: str) -> dict[str, Any]:
    """The letter to the council of municipality `key`, with its own participation."""
    gemeente = d.gemeenten[key]
    return {
        **dossier_facts(d, brief.onderwerp),
        "brief": _brief(brief, "Geachte leden van de raad,"),
        "gemeente": _gemeente(d, gemeente),
        "briefhoofd": Rich(f"Gemeente {gemeente.naam}", color=_kleur(gemeente)),
        "gemeente_logo": _logo(d, gemeente),
        "deelname": deelname(d, key),
        "lokale_paragrafen": secties(gemeente.lokale_paragrafen),
        "planning": planning(d),
        "kit_inleiding": Md(d.kit.inleiding),
        "segmenten": [{"naam": d.segmenten[k].naam, "definitie": Md(d.segmenten[k].definitie)}
                      for k in d.spec.segmenten],
    }


def _kleur(g: Gemeente) -> str:
    return (g.huisstijl.kleur if g.huisstijl and g.huisstijl.kleur else "#1F4E79").lstrip("#").upper()


LOGO_BOX_MM = (40, 15)
"""The room for a municipality's logo above the envelope window (width, height): a wide logo gets the
width, a square or tall one the height, so the address stays in the window whatever the logo."""


def _logo(d: Dossier, g: Gemeente) -> Image | None:
    if not (g.huisstijl and g.huisstijl.logo):
        return None
    path = (d.root / g.huisstijl.logo).resolve()
    data = path.read_bytes()
    width, height = LOGO_BOX_MM
    try:
        with PIL.Image.open(io.BytesIO(data)) as image:
            pixels_wide, pixels_high = image.size
    except (OSError, ValueError):  # not an image Pillow reads: the width alone, as before
        pixels_wide = pixels_high = 0
    if pixels_wide and pixels_high:
        width = min(width, int(height * pixels_wide / pixels_high))
    return Image(str(path), hashlib.sha256(data).hexdigest(), width, f"Logo gemeente {g.naam}")


def _gemeente(d: Dossier, g: Gemeente) -> dict[str, Any]:
    return {
        "naam": g.naam,
        "postadres": adresregels(g.postadres),
        "bezoekadres": adresregels(g.bezoekadres),
        "telefoon": g.telefoon,
        "email": g.email,
        "burgemeester": g.burgemeester,
        "secretaris": g.secretaris,
        "zaaknummer": g.zaaknummer,
        "kenmerk": g.kenmerk or "",
    }


def deelname(d: Dossier, key: str) -> dict[str, Any]:
    """What municipality `key` takes part in, with its exceptions written out as sentences. A segment it
    does not take part in at all is named as such, not as an exception to its participation."""
    naam = d.gemeenten[key].naam
    uitzonderingen = []
    weg: list[dict[str, Any]] = []
    mee: list[str] = []
    for seg in d.spec.segmenten:
        segment = d.segmenten[seg]
        rows = [(ds, p) for ds in segment.deelsegmenten for p in d.deelnemers(ds) if p.key == key]
        if rows and all(p.deelname is Deelnamesoort.NIET for _ds, p in rows):
            toelichtingen = list(dict.fromkeys(p.toelichting for _ds, p in rows if p.toelichting))
            weg.append({"zin": f"Het segment {segment.naam} wordt voor {naam} niet regionaal ingekocht.",
                        "toelichting": Md("\n\n".join(toelichtingen)) if toelichtingen else None})
            continue
        mee.append(segment.naam)
        for ds, p in rows:
            if p.deelname is None:
                continue
            if p.deelname is Deelnamesoort.NIET:
                zin = f"{ds.naam} (segment {segment.naam}) wordt voor {naam} niet regionaal ingekocht."
            else:
                zin = f"{naam} neemt beperkt deel aan {ds.naam} (segment {segment.naam})."
            uitzonderingen.append({"zin": zin, "toelichting": Md(p.toelichting) if p.toelichting else None})
    segmenten = f"de segmenten {nl.opsomming(mee)}" if len(mee) > 1 else f"het segment {mee[0]}" if mee else ""
    if not mee:
        intro = f"{naam} neemt niet deel aan de regionale inkoop:"
    elif uitzonderingen:
        wat = "de volgende uitzondering" if len(uitzonderingen) + len(weg) == 1 else "de volgende uitzonderingen"
        intro = f"{naam} neemt deel aan de regionale inkoop van {segmenten}, met {wat}:"
    elif weg:
        niet = nl.opsomming(d.segmenten[s].naam for s in d.spec.segmenten if d.segmenten[s].naam not in mee)
        intro = (f"{naam} neemt deel aan de regionale inkoop van {segmenten}, met alle deelsegmenten. Aan "
                 f"{'het segment' if len(weg) == 1 else 'de segmenten'} {niet} neemt {naam} niet deel:")
    else:
        intro = f"{naam} neemt deel aan de regionale inkoop van {segmenten}, met alle deelsegmenten."
    return {"intro": intro, "uitzonderingen": [*uitzonderingen, *weg]}


def collegebrief(d: Dossier, brief: Brief) -> dict[str, Any]:
    """One letter to the colleges of all municipalities (seed 004's form)."""
    n = len(d.gemeenten)
    return {
        **dossier_facts(d, brief.onderwerp),
        "brief": _brief(brief, "Geachte leden van het college,"),
        "geadresseerde": ["Aan de colleges van burgemeester en wethouders",
                          f"van de {n} gemeenten in {d.spec.regio}"],
        "gemeenten": nl.opsomming(g.naam for g in d.gemeenten.values()),
        "aantal_bijlagen": str(len(brief.bijlagen)) if brief.bijlagen else "geen",
        "afzender": brief.afzender or "",
        "contact": contactgegevens(d),
        "ondertekening": [{"functie": o.functie, "naam": o.naam} for o in brief.ondertekening],
    }
