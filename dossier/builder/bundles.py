"""Bundle the PDFs: per segment the bestek with its annexes, per council its letter with its annexes,
and one for all councils.

Which documents go into which bundle is declared by each document kind (`Kind.bundles`); the parts
follow the order of the kinds, except that a council's own bundle (`raad/<gemeente>`) begins with its
raadsbrief (`kinds.bundle_order`). A bundle is made from every member document of the dossier, also
with `--only`: a member that was not built this time takes part with its current PDF, so a partial
build never shrinks a bundle, and a bundle whose parts did not change is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import error_line
from ..files import sha256_file
from ..i18n import _
from ..kinds import bundle_order, bundle_titles
from ..spec import Dossier
from .manifest import BUNDLE_KIND, Entry, Manifest, bundle_file
from .current import TOOL
from .plan import Plan, current_file


def make_bundles(d: Dossier, plans: list[Plan], failed: set[str], old: Manifest, new: Manifest, staging: Path,
                 out: Path, merge: bool, report: Callable[[str], None]) -> tuple[list[str], list[str]]:
    """Record every bundle in `new`, merging those whose parts changed into `staging` when `merge`.

    Returns (the bundles made, the error lines)."""
    from ..pdf.bundle import merge_pdfs

    made: list[str] = []
    errors: list[str] = []
    titles = bundle_titles(d)
    groups: dict[str, list[Plan]] = {key: [] for key in titles}
    for p in plans:
        for key in p.kind.bundles(d, p.doc.key):
            groups[key].append(p)
    for key, members in groups.items():
        if not members:
            continue
        order = bundle_order(key)
        members.sort(key=lambda p: order.index(p.kind.name))  # stable: documents of a kind keep their order
        ident, rel = f"{BUNDLE_KIND}/{key}", bundle_file(key)
        previous = old.entries.get(ident)
        if previous is not None and not current_file(out, rel, previous.files.get(rel)):
            previous = None
        parts = {p.ident: _pdf_hash(new, p.ident) for p in members}
        inputs = {"parts": parts, "title": titles[key], "tool": TOOL}
        failed_part = any(p.ident in failed for p in members)
        if failed_part or not all(parts.values()):  # keep the bundle only while a failed part keeps its old PDF
            if previous is not None and (failed_part or previous.inputs.get("parts") == parts):
                new.entries[ident] = previous
            continue
        if previous is not None and previous.inputs == inputs:
            new.entries[ident] = previous
            continue
        paths = [_part_path(staging, out, p.ident, parts[p.ident]) for p in members]
        if not merge or None in paths:
            continue
        try:
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            merge_pdfs([(p.doc.title, path) for p, path in zip(members, paths) if path], staging / rel,
                       title=titles[key])
        except (ValueError, RuntimeError) as exc:
            text = _("{bundle}: bundling failed: {error}").format(bundle=ident, error=exc)
            errors.append(text)
            report(error_line(text))
            continue
        new.entries[ident] = Entry(BUNDLE_KIND, key, titles[key], inputs, {rel: sha256_file(staging / rel)})
        made.append(ident)
        report(_("bundle {bundle}: {documents}").format(bundle=ident, documents=", ".join(parts)))
    return made, errors


def _pdf_hash(new: Manifest, ident: str) -> str:
    entry = new.entries.get(ident)
    return entry.files.get(f"{ident}.pdf", "") if entry else ""


def _part_path(staging: Path, out: Path, ident: str, sha: str) -> Path | None:
    """The part's PDF: made in this build, or the current one in the output folder (None if neither)."""
    staged = staging / f"{ident}.pdf"
    if staged.is_file():
        return staged
    return out / f"{ident}.pdf" if current_file(out, f"{ident}.pdf", sha) else None
