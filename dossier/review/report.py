"""A diff as a reviewer reads it: terminal text with the changed words highlighted, JSON for CI, and a
wijzigingsoverzicht document (DOCX in the house style, PDF through LibreOffice)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import click

from ..context.common import Document, Marked, dossier_facts
from ..errors import BuildError, EnvironmentProblem
from ..i18n import N_, _, ngettext
from ..spec import Dossier
from .diff import Change, Diff, FieldChange, side, word_diff

SHORT = 60
"""Values up to this length stand on one line (`was → wordt`); longer ones get a line each."""
CONTEXT_WORDS = 8
"""Unchanged words kept on each side of a change in a long text; the rest is elided with '…'."""

TEMPLATE = "wijzigingsoverzicht.docx"


def summary(diff: Diff) -> str:
    """`4 wijzigingen (0 toegevoegd, 4 gewijzigd, 0 verwijderd); 7 documenten gewijzigd`, in the user's
    language (the wijzigingsoverzicht has its own Dutch line: `samenvatting`)."""
    n = len(diff.changes)
    docs = len(diff.documents)
    if not n and not docs:
        return _("no changes")
    return _("{changes} ({added} added, {changed} changed, {removed} removed); {documents} changed").format(
        changes=ngettext("{n} change", "{n} changes", n).format(n=n), added=diff.count("toegevoegd"),
        changed=diff.count("gewijzigd"), removed=diff.count("verwijderd"),
        documents=ngettext("{n} document", "{n} documents", docs).format(n=docs))


def samenvatting(diff: Diff) -> str:
    """The summary as the Dutch wijzigingsoverzicht states it (document text, not a message)."""
    n = len(diff.changes)
    docs = len(diff.documents)
    if not n and not docs:
        return "geen wijzigingen"
    return (f"{n} {'wijziging' if n == 1 else 'wijzigingen'} ({diff.count('toegevoegd')} toegevoegd, "
            f"{diff.count('gewijzigd')} gewijzigd, {diff.count('verwijderd')} verwijderd); "
            f"{docs} {'document' if docs == 1 else 'documenten'} gewijzigd")


# --- terminal -------------------------------------------------------------------------------------

def text_lines(diff: Diff) -> list[str]:
    """The report for a terminal; styles are dropped by click.echo when the output is not a terminal."""
    head, van, naar = _("Changes"), _("from"), _("to")
    lines = [f"{head} {van} {_version(diff.oud)}", f"{'':<{len(head)}} {naar} {_version(diff.nieuw)}"]
    groep = None
    for change in diff.changes:
        if change.groep != groep:
            lines.append("")
            groep = change.groep
            lines.append(click.style(groep, bold=True))
        lines += _change_lines(change)
    if diff.documents:
        lines += ["", click.style(_("Documents"), bold=True)]
        width = max(len(d.ident) for d in diff.documents)
        for doc in diff.documents:
            lines.append(f"  {_(_SOORT_LABEL[doc.soort]):<10} {doc.ident:<{width}}  {doc.titel}")
            shown = shown_in(diff, doc.ident)
            if shown:
                lines.append(f"  {'':<10} {'':<{width}}  {_listed_message(shown)}")
    lines += ["", summary(diff)]
    return lines


def shown_in(diff: Diff, ident: str) -> list[Change]:
    """The changes a document shows."""
    return [c for c in diff.changes if ident in c.documenten]


def _names(changes: list[Change], most: int) -> tuple[str, int]:
    """The first `most` changed items, and how many more there are."""
    names = [c.pad[-1] if c.pad else c.groep for c in changes]
    return "; ".join(names[:most]), max(0, len(names) - most)


def _listed_message(changes: list[Change], most: int = 4) -> str:
    names, more = _names(changes, most)
    if more:
        names = _("{files} and {n} more").format(files=names, n=more)
    return ngettext("{n} change", "{n} changes", len(changes)).format(n=len(changes)) + f": {names}"


def _listed(changes: list[Change], most: int = 4) -> str:
    """The changes a document shows, as the Dutch wijzigingsoverzicht lists them."""
    names, more = _names(changes, most)
    text = names + (f" en {more} meer" if more else "")
    return f"{len(changes)} {'wijziging' if len(changes) == 1 else 'wijzigingen'}: {text}"


def _version(v: Any) -> str:
    return _("{label} (version {version}, {date})").format(label=v.label, version=v.versie, date=v.datum)


_SOORT_STYLE = {"toegevoegd": "green", "verwijderd": "red", "gewijzigd": "yellow"}
_SOORT_LABEL = {"toegevoegd": N_("added"), "verwijderd": N_("removed"), "gewijzigd": N_("changed"),
                "nieuw": N_("new"), "vervallen": N_("dropped")}
"""How a change or a document's kind of change is named on the terminal (JSON keeps the Dutch values)."""


def _change_lines(change: Change) -> list[str]:
    label = click.style(_(_SOORT_LABEL[change.soort]), fg=_SOORT_STYLE[change.soort])
    head = f"  {label}  {change.onderwerp}  ({change.bron})"
    lines = [head]
    for f in change.velden:
        lines += _field_lines(f, change.soort)
    return lines


def _field_lines(f: FieldChange, soort: str) -> list[str]:
    indent = " " * 6
    if soort != "gewijzigd":
        value = f.wordt if soort == "toegevoegd" else f.was
        return [f"{indent}{f.veld}: {_elide_plain(str(value))}"]
    pieces = word_diff(str(f.was), str(f.wordt))
    if len(str(f.was)) <= SHORT and len(str(f.wordt)) <= SHORT:
        if f.was.unit and f.was.unit == f.wordt.unit:
            pieces = word_diff(f.was.text, f.wordt.text)
            unit = " " + f.wordt.unit
        else:
            unit = ""
        was = _styled(side(pieces, "del")) or "—"
        wordt = _styled(side(pieces, "ins")) or "—"
        return [f"{indent}{f.veld}: {was} → {wordt}{unit}"]
    pieces = _elide(pieces)
    was, wordt = _("was:"), _("becomes:")
    width = max(len(was), len(wordt)) + 1
    return [f"{indent}{f.veld}",
            f"{indent}  {was:<{width}}{_styled(side(pieces, 'del')) or '—'}",
            f"{indent}  {wordt:<{width}}{_styled(side(pieces, 'ins')) or '—'}"]


def _styled(pieces: list[tuple[str, str]]) -> str:
    out = []
    for mark, text in pieces:
        if mark == "del":
            out.append(click.style(text, fg="red", strikethrough=True))
        elif mark == "ins":
            out.append(click.style(text, fg="green", underline=True))
        else:
            out.append(text)
    return "".join(out)


def _elide(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Shorten long unchanged stretches to a few words either side of a change."""
    out = []
    for n, (mark, text) in enumerate(pieces):
        words = re.split(r"(\s+)", text)
        keep = CONTEXT_WORDS * 2  # words and the spaces between them
        if mark or len(words) <= 2 * keep + 1:
            out.append((mark, text))
            continue
        first, last = n == 0, n == len(pieces) - 1
        head = "" if first else "".join(words[:keep])
        tail = "" if last else "".join(words[-keep:])
        out.append(("", f"{head}… {tail}" if head else f"…{tail}" if tail else "…"))
    return out


def _elide_plain(text: str) -> str:
    words = text.split()
    return text if len(words) <= 3 * CONTEXT_WORDS else " ".join(words[: 2 * CONTEXT_WORDS]) + " …"


# --- JSON -------------------------------------------------------------------------------------------

def as_json(diff: Diff) -> dict[str, Any]:
    """The report for CI: every change with full old and new values."""
    return {
        "oud": vars(diff.oud),
        "nieuw": vars(diff.nieuw),
        "samenvatting": {"toegevoegd": diff.count("toegevoegd"), "gewijzigd": diff.count("gewijzigd"),
                         "verwijderd": diff.count("verwijderd"), "documenten": len(diff.documents)},
        "wijzigingen": [{
            "soort": c.soort, "groep": c.groep, "onderwerp": c.onderwerp, "id": c.ident, "bron": c.bron,
            "velden": [{"veld": f.veld, "was": str(f.was), "wordt": str(f.wordt)} for f in c.velden],
            "documenten": c.documenten,
        } for c in diff.changes],
        "documenten": [{"document": d.ident, "titel": d.titel, "soort": d.soort,
                        "wijzigingen": [c.ident for c in shown_in(diff, d.ident)]} for d in diff.documents],
    }


# --- wijzigingsoverzicht (DOCX, PDF) ------------------------------------------------------------

def overview_document(diff: Diff, new: Dossier) -> Document:
    """The wijzigingsoverzicht as a document context for the house-style template."""
    groepen: list[dict[str, Any]] = []
    for c in diff.changes:
        if not groepen or groepen[-1]["naam"] != c.groep:
            groepen.append({"naam": c.groep, "wijzigingen": []})
        groepen[-1]["wijzigingen"].append({
            "soort": c.soort,
            "onderwerp": c.onderwerp,
            "bron": c.bron,
            "documenten": ", ".join(c.documenten) or "geen",
            "velden": [_marked_field(f, c.soort) for f in c.velden],
        })
    title = "Wijzigingsoverzicht"
    return Document(
        kind="wijzigingsoverzicht",
        key=new.key,
        title=f"{title} {new.spec.titel}",
        subject=f"{new.spec.titel}: wijzigingen van versie {diff.oud.versie} naar versie {diff.nieuw.versie}",
        context={
            **dossier_facts(new, title),
            "oud": vars(diff.oud),
            "nieuw": vars(diff.nieuw),
            "samenvatting": samenvatting(diff)[:1].upper() + samenvatting(diff)[1:] + ".",
            "groepen": groepen,
            "documenten": [{"ident": d.ident, "titel": d.titel, "soort": d.soort,
                            "wijzigingen": _listed(shown_in(diff, d.ident)) if shown_in(diff, d.ident) else ""}
                           for d in diff.documents],
        },
        sources=(),
    )


def _marked_field(f: FieldChange, soort: str) -> dict[str, Any]:
    if soort != "gewijzigd":
        return {"veld": f.veld, "was": Marked(((("del", str(f.was)),) if f.was.text else ())),
                "wordt": Marked(((("ins", str(f.wordt)),) if f.wordt.text else ()))}
    pieces = word_diff(str(f.was), str(f.wordt))
    return {"veld": f.veld, "was": Marked(tuple(side(pieces, "del"))), "wordt": Marked(tuple(side(pieces, "ins")))}


def write_docx(diff: Diff, new: Dossier, target: Path) -> None:
    """Write the wijzigingsoverzicht as DOCX."""
    from ..files import write_atomic
    from ..render.docx import render_docx

    data = render_docx(new.house_style.template(TEMPLATE), overview_document(diff, new),
                       author=new.spec.opdrachtgever.naam, when=new.spec.datum)
    write_atomic(target, data)


def write_pdf(diff: Diff, new: Dossier, target: Path) -> None:
    """Write the wijzigingsoverzicht as PDF/A through LibreOffice."""
    from ..pdf import Converter, ConverterUnavailable

    with tempfile.TemporaryDirectory(prefix="dossier-overzicht-") as tmp:
        docx = Path(tmp) / "wijzigingsoverzicht.docx"
        write_docx(diff, new, docx)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with Converter(jobs=1, date=new.spec.datum.isoformat() + "T00:00:00Z") as conv:
                errors = conv.convert([(docx, target)])
        except ConverterUnavailable as exc:
            raise EnvironmentProblem(str(exc)) from None
        if errors:
            raise BuildError(_("{document}: making the PDF failed: {error}").format(
                document=target, error=next(iter(errors.values()))))

