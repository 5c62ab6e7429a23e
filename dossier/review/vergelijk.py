"""The Nota van Inlichtingen's comparison (`vergelijk`): resolved once, right after loading.

The nota lists what changed since an earlier version (a folder or a git revision). Finding that
version and comparing the two dossiers happens here, before any context is built, and the result is
handed to the dossier as plain data (`Dossier.vergelijking`), so context building stays a pure
function of the loaded dossier, and `dossier validate` reports a missing folder or revision.
"""

from __future__ import annotations

import os

from ..context import nl
from ..errors import DossierError, SpecError
from ..i18n import _
from ..spec import Dossier, load as load_spec
from ..spec.dossier import Vergelijking, Wijziging
from . import versions
from .diff import Change, item_changes

FILE = "nota-van-inlichtingen.yaml"


def load(folder: str | os.PathLike[str]) -> Dossier:
    """Read and validate a dossier folder, and make the comparison its Nota van Inlichtingen asks for
    (`dossier.load`; a command that builds or checks documents loads through here)."""
    d = load_spec(folder)
    resolve(d)
    return d


def resolve(d: Dossier) -> None:
    """Set `d.vergelijking` when the nota asks for a comparison; a SpecError names `vergelijk` when the
    earlier version cannot be found or is not a valid dossier."""
    if d.nota is None or d.nota.vergelijk is None:
        return
    v = d.nota.vergelijk
    source = d.sources[FILE]
    try:
        with versions.relative_to(d.root, revisie=v.revisie, map=v.map) as version:
            base = load_spec(version.root)
    except SpecError as exc:
        raise SpecError([source.problem(("vergelijk",), _(
            "the version to compare with is not a valid dossier ({summary}); check that version with 'dossier "
            "validate'").format(summary=exc.format_message()))]) from None
    except DossierError as exc:
        raise SpecError([source.problem(("vergelijk",), exc.format_message())]) from None
    naam = f"revisie {v.revisie}" if v.revisie else f"map {v.map}"
    label = f"versie {base.spec.versie} van {nl.datum(base.spec.datum)} ({naam})"
    d.vergelijking = Vergelijking(label, tuple(_wijziging(c) for c in item_changes(base, d, skip=frozenset({"nota"}))))


def _wijziging(c: Change) -> Wijziging:
    if c.soort == "gewijzigd":
        tekst = "; ".join(f"{f.veld}: {f.kort()}" for f in c.velden)
    else:
        tekst = "toegevoegd" if c.soort == "toegevoegd" else "vervallen"
    onderwerp = c.groep if not c.pad else f"{c.groep} › {c.onderwerp}"
    return Wijziging(onderwerp, tekst, c.bron, frozenset(c.ids()))
