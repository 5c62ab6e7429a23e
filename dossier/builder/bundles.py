"""Bundle the PDFs: per segment the bestek with its annexes, per council its letter with its annexes,
and one for all councils.

Which documents go into which bundle is declared by each document kind (`Kind.bundles`); the parts
follow the order of the kinds, except that a council's own bundle (`raad/<gemeente>`) begins with its
raadsbrief (`kinds.bundle_order`). A bundle is made from every member document of the dossier, also
with `--only`: a member that was not built this time takes part with its current PDF, so a partial
build never shrinks a bundle, and a bundle whose parts did not change is left as it is.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from ..errors import error_line
from ..files import sha256_file
from ..i18n import _
from ..kinds import bundle_order, bundle_titles
from ..spec import Dossier
from .manifest import BUNDLE_KIND, Entry, Manifest, bundle_file
from .current import TOOL
from .plan import Plan, current_file


def _groups(d: Dossier, plans: list[Plan]) -> dict[str, list[Plan]]:
    """The members of every bundle, in the bundle's order."""
    groups: dict[str, list[Plan]] = {key: [] for key in bundle_titles(d)}
    for p in plans:
        for key in p.kind.bundles(d, p.doc.key):
            groups[key].append(p)
    for key, members in groups.items():
        order = bundle_order(key)
        members.sort(key=lambda p: order.index(p.kind.name))  # stable: documents of a kind keep their order
    return groups


def members_first(d: Dossier, todo: list[Plan]) -> list[Plan]:
    """`todo` with the documents that are part of a bundle first (stable), so that the bundles can be
    merged while the rest (the many award letters) is still being converted."""
    return sorted(todo, key=lambda p: not p.kind.bundles(d, p.doc.key))


class Ahead:
    """Bundles merged on a thread of their own as soon as every part was made in this build, while the
    other documents are still converted; `make_bundles` then takes such a merge instead of merging
    again, when it would merge exactly those parts (same files, titles and bundle title)."""

    def __init__(self, d: Dossier, plans: list[Plan], todo: list[Plan], staging: Path) -> None:
        building = {p.ident for p in todo}
        self._titles = bundle_titles(d)
        self._waiting: dict[str, set[str]] = {}
        self._members: dict[str, list[Plan]] = {}
        for key, members in _groups(d, plans).items():
            if members and all(p.ident in building for p in members):
                self._waiting[key] = {p.ident for p in members}
                self._members[key] = members
        self._staging = staging
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._merged: dict[str, tuple[list[tuple[str, Path]], Future[Path | None]]] = {}

    def done(self, ident: str) -> None:
        """Document `ident`'s PDF is final in staging: merge every bundle whose parts are now all there."""
        with self._lock:
            for key, waiting in self._waiting.items():
                waiting.discard(ident)
                if not waiting and key not in self._merged:
                    parts = [(p.doc.title, self._staging / f"{p.ident}.pdf") for p in self._members[key]]
                    if self._pool is None:
                        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dossier-bundle")
                    target = self._staging / ".bundels" / f"{len(self._merged)}.pdf"
                    self._merged[key] = (parts, self._pool.submit(self._merge, parts, target, self._titles[key]))

    @staticmethod
    def _merge(parts: list[tuple[str, Path]], target: Path, title: str) -> Path | None:
        from ..pdf.bundle import merge_pdfs

        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            merge_pdfs(parts, target, title=title)
        except (ValueError, RuntimeError, OSError):
            target.unlink(missing_ok=True)
            return None  # merged again (and reported) by make_bundles
        return target

    def take(self, key: str, parts: list[tuple[str, Path]], dst: Path) -> bool:
        """Put the merge of bundle `key` at `dst` when it was made of exactly `parts`; False otherwise."""
        found = self._merged.get(key)
        if found is None or found[0] != parts:
            return False
        merged = found[1].result()
        if merged is None:
            return False
        os.replace(merged, dst)
        return True

    def close(self) -> None:
        """Wait for the merges still running (a build that stops takes its staging folder away)."""
        with self._lock:
            self._waiting.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=True)


def make_bundles(d: Dossier, plans: list[Plan], failed: set[str], old: Manifest, new: Manifest, staging: Path,
                 out: Path, merge: bool, report: Callable[[str], None],
                 ahead: Ahead | None = None) -> tuple[list[str], list[str]]:
    """Record every bundle in `new`, merging those whose parts changed into `staging` when `merge`
    (or taking the merge `ahead` made of the same parts).

    Returns (the bundles made, the error lines)."""
    from ..pdf.bundle import merge_pdfs

    made: list[str] = []
    errors: list[str] = []
    titles = bundle_titles(d)
    for key, members in _groups(d, plans).items():
        if not members:
            continue
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
            parts_paths = [(p.doc.title, path) for p, path in zip(members, paths) if path]
            if ahead is None or not ahead.take(key, parts_paths, staging / rel):
                merge_pdfs(parts_paths, staging / rel, title=titles[key])
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
