"""Building one dossier on several machines: `dossier build --shard I/N` and `dossier merge`.

A shard is a stable part of the documents (by a hash of each document's name, so adding a document
moves no other one), built like a whole dossier into its own output folder, incrementally, without
the bundles. `merge` puts the shards' documents together into one output folder as a build would
(the same files, the same manifest, byte for byte), then makes the bundles.

The shards' folders come from other machines (CI artifacts): their manifests are read as strictly as
a build reads its own, every file is taken only when it is a plain file inside its shard with the hash
its manifest records, and a document is taken only when the shard made it from the same inputs (specs,
template, program version, fonts) that this merge plans for it.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import error_line
from ..files import sha256_file
from ..i18n import _
from . import manifest
from .manifest import BUNDLE_KIND, Entry, ManifestUnusable

if TYPE_CHECKING:
    from .plan import Plan
    from .run import Report, Tick


def parse(text: str) -> tuple[int, int]:
    """`I/N` as (I, N) with 1 ≤ I ≤ N; ValueError with the message for the user."""
    first, slash, second = text.partition("/")
    try:
        i, n = int(first), int(second)
    except ValueError:
        i = n = 0
    if not slash or not 1 <= i <= n:
        raise ValueError(_("'{value}' is not a shard; write I/N with 1 ≤ I ≤ N, for example 2/3").format(
            value=text))
    return i, n


def in_shard(ident: str, shard: tuple[int, int]) -> bool:
    """Whether document `ident` belongs to shard `shard` = (I, N): the same answer on every machine and
    for every set of other documents."""
    i, n = shard
    return int.from_bytes(hashlib.sha256(ident.encode("utf-8")).digest()[:8], "big") % n == i - 1


def take(key: str, todo: list[Plan], staging: Path, shards: tuple[Path, ...], report: Report,
         tick: Tick) -> tuple[set[str], list[str]]:
    """Copy every planned document from the shard that made it into `staging`, checked as the module
    says. Returns (the idents that failed, the error lines)."""
    failed: set[str] = set()
    errors: list[str] = []

    def fail(ident: str, text: str) -> None:
        failed.add(ident)
        errors.append(text)
        report(error_line(text))

    found: dict[str, tuple[Path, Entry]] = {}
    for shard in shards:
        try:
            read = manifest.read(shard / manifest.NAME, key)
        except ManifestUnusable as exc:
            fail(str(shard), _("{shard}: not a shard of {dossier}: {reason}").format(shard=shard, dossier=key,
                                                                                   reason=exc))
            continue
        for ident, entry in read.entries.items():
            if entry.kind == BUNDLE_KIND:
                continue
            if ident in found:
                fail(ident, _("{document} is in two shards ({first} and {second}); merge the shards of one "
                              "build (the same N)").format(document=ident, first=found[ident][0], second=shard))
                continue
            found[ident] = (shard, entry)
    for p in todo:
        if p.ident in failed:
            continue
        if p.ident not in found:
            fail(p.ident, _("{document}: no shard has this document; build every shard first").format(
                document=p.ident))
            continue
        shard, entry = found[p.ident]
        mine = {k: v for k, v in p.entry.inputs.items() if k != "formats"}
        theirs = {k: v for k, v in entry.inputs.items() if k != "formats"}
        if mine != theirs or not set(p.entry.inputs["formats"]) <= set(entry.inputs.get("formats", [])):
            fail(p.ident, _("{document}: {shard} made it from other specs, templates or program version; build "
                            "that shard again").format(document=p.ident, shard=shard))
            continue
        for rel in p.entry.files:
            problem = _copy(shard, rel, entry.files.get(rel, ""), staging / rel)
            if problem:
                fail(p.ident, _("{document}: {file} in {shard}: {problem}").format(
                    document=p.ident, file=rel, shard=shard, problem=problem))
                break
            p.entry.files[rel] = entry.files[rel]
        tick("merge")
    for p in todo:
        if p.ident in failed:
            for rel in p.entry.files:
                (staging / rel).unlink(missing_ok=True)
    return failed, errors


def _copy(shard: Path, rel: str, recorded: str, target: Path) -> str | None:
    """Copy `shard/rel` to `target` when it is a plain file inside the shard with hash `recorded`; else
    why not (and nothing copied)."""
    source = shard / rel
    try:
        inside = source.resolve().is_relative_to(shard.resolve())
    except OSError:
        inside = False
    if not recorded or not inside or source.is_symlink() or not source.is_file():
        return _("missing, or not a plain file in the shard")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    if sha256_file(target) != recorded:
        target.unlink()
        return _("its content is not what the shard's manifest records")
    return None
