"""Put a finished build into place so that a kill at any moment leaves the old set or the new set.

A build writes everything into the staging folder `.bouw/`. When it is complete, `install` writes a
journal into the staging folder (one atomic rename: the commit point) that lists the files to move
into place, the files to remove and the new manifest; then it carries the journal out and deletes
it. `recover`, which every build runs under its lock before anything else, finishes a journal that a
killed build left behind, or throws away a staging folder without one. So the folder holds the
complete old set (no journal written yet) or, once recovered, the complete new set.

The output folder may come from a cache: nothing here follows a link out of it. A link where a
folder of ours belongs is removed and a real folder made; the journal, like the manifest, is
checked before it is carried out.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import time
from collections.abc import Callable
from pathlib import Path

from ..files import write_atomic
from ..i18n import _
from . import manifest
from .manifest import Manifest, ManifestUnusable

STAGING = ".bouw"
JOURNAL = "journal.json"
_PAUSE = "DOSSIER_TEST_INSTALL_PAUSE"
"""Seconds to wait after each rename (a fault switch for the kill test; never set it otherwise)."""


def fresh_staging(out: Path) -> Path:
    """An empty staging folder in `out` (whatever was at its place, link or file, is removed, not followed)."""
    staging = out / STAGING
    remove(staging)
    staging.mkdir()
    return staging


def remove(path: Path) -> None:
    """Remove a file, a link (not what it points to) or a folder tree; nothing when it is not there."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    if stat.S_ISDIR(info.st_mode):
        shutil.rmtree(path)
    else:
        path.unlink()


def target(out: Path, rel: str) -> Path:
    """`out/rel`, with every folder between them a real folder (a link there is replaced by a folder)."""
    path = out
    for part in rel.split("/")[:-1]:
        path = path / part
        try:
            info = path.lstat()
        except FileNotFoundError:
            path.mkdir()
            continue
        if not stat.S_ISDIR(info.st_mode):
            path.unlink()
            path.mkdir()
    return out / rel


def install(out: Path, staging: Path, moves: list[str], deletions: list[str], new: Manifest) -> None:
    """Commit the staged build: make the staged files durable, write the journal, then carry it out."""
    moves, deletions = sorted(moves), sorted(set(deletions) - set(moves))
    sync_files(staging, moves)
    journal = {"moves": moves, "deletions": deletions, "manifest": new.as_json()}
    write_atomic(staging / JOURNAL, json.dumps(journal, ensure_ascii=False).encode("utf-8"))
    _carry_out(out, staging, moves, deletions, new)
    remove(staging)


def _syncfs() -> Callable[[int], int] | None:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        call: Callable[[int], int] = libc.syncfs
        return call
    except (ImportError, OSError, AttributeError):
        return None


def sync_files(staging: Path, rels: list[str]) -> None:
    """Put the staged files on disk before the journal names them (the commit point): the documents
    are written without waiting for the disk one by one; here the file system of the staging folder is
    synced once (Linux `syncfs`), or else each file."""
    syncfs = _syncfs()
    if syncfs is not None:
        fd = os.open(staging, os.O_RDONLY | os.O_DIRECTORY)
        try:
            if syncfs(fd) == 0:
                return
        finally:
            os.close(fd)
    for rel in rels:
        path = staging / rel
        if path.is_file() and not path.is_symlink():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def recover(out: Path, dossier: str, report: Callable[[str], None]) -> None:
    """Finish the install of a build that was killed after its commit point; drop any other staging."""
    staging = out / STAGING
    journal_path = staging / JOURNAL
    try:
        if staging.is_dir() and not staging.is_symlink() and journal_path.is_file() and not journal_path.is_symlink():
            journal = json.loads(journal_path.read_text(encoding="utf-8"))
            new = manifest.from_json(journal["manifest"], dossier)
            allowed = {rel for e in new.entries.values() for rel in e.allowed_files()}
            moves, deletions = journal["moves"], journal["deletions"]
            if not all(isinstance(r, str) and r in allowed for r in moves) or not all(
                    isinstance(r, str) and manifest.is_output_name(r) for r in deletions):
                raise ManifestUnusable("journal")
            _carry_out(out, staging, moves, deletions, new)
            report(_("a previous build was stopped while it put its files in place; that has now been "
                     "completed"))
    except (ValueError, KeyError, TypeError, ManifestUnusable):
        report(_("a previous build was stopped; its unfinished files have been removed"))
    remove(staging)


def _carry_out(out: Path, staging: Path, moves: list[str], deletions: list[str], new: Manifest) -> None:
    pause = float(os.environ.get(_PAUSE, "0") or 0)
    for rel in moves:
        staged = staging / rel
        if staged.is_file() and not staged.is_symlink():  # already moved by an earlier, killed attempt
            os.replace(staged, target(out, rel))
            if pause:
                time.sleep(pause)
    for rel in deletions:
        remove(target(out, rel))
    manifest.write(out / manifest.NAME, new)
    remove(staging / JOURNAL)
