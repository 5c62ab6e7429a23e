"""What the last build that changed the output folder did, for `dossier site`: `.laatste-build.json`.

The manifest says what the folder holds; this record says what the last build that changed it made,
and why: each document it built with the reason the build gave (`besluiten.yaml gewijzigd`), the
documents it removed, the bundles it updated and the errors it met. A build that changes nothing
leaves the record as it is, so it keeps describing the build that made the current files.

The record is a log, not an output: it is not in the manifest (which stays byte-identical between
builds of the same specs) and it holds the time of the build. It names the hash of the manifest it
was written with; when the folder changed after it (a killed build, a copied folder, a hand edit of
the manifest), the record no longer counts. Like the manifest, a record read back is untrusted: only
what a build writes is accepted, anything else reads as "no record".
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..files import sha256_bytes, write_atomic
from . import manifest

NAME = ".laatste-build.json"
FORMAT = 1
MAX_BYTES = 32 * 1024 * 1024
_TEXT = 2000


@dataclass
class Record:
    """One build that changed the output folder."""

    manifest_sha256: str
    when: datetime
    built: list[tuple[str, str]] = field(default_factory=list)
    """Each document built (`besluit/acme`) with the reason the build gave."""
    removed: list[str] = field(default_factory=list)
    bundles: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    only: bool = False
    """Whether the build was limited with --only (the rest of the folder was not looked at)."""


def build_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH when that is set (a reproducible build names its source's time)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def write(out: Path, record: Record) -> None:
    data = {"format": FORMAT, "manifest_sha256": record.manifest_sha256, "when": record.when.isoformat(),
            "built": [{"document": ident, "reason": reason} for ident, reason in record.built],
            "removed": record.removed, "bundles": record.bundles, "errors": record.errors, "only": record.only}
    write_atomic(out / NAME, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))


def manifest_hash(out: Path) -> str | None:
    """The hash of the manifest in `out`, or None when there is no usable one."""
    path = out / manifest.NAME
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > manifest.MAX_BYTES:
            return None
        return sha256_bytes(path.read_bytes())
    except OSError:
        return None


def read(out: Path) -> Record | None:
    """The record of the last build in `out` that changed it, or None: no record, one that does not
    belong to the manifest now in the folder, or anything a build does not write."""
    path = out / NAME
    current = manifest_hash(out)
    try:
        if current is None or path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return _parse(data, current)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _parse(data: Any, current: str) -> Record | None:
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("manifest_sha256") != current:
        return None
    when = datetime.fromisoformat(_text(data["when"]))
    built = []
    for item in _list(data["built"]):
        if not isinstance(item, dict):
            return None
        built.append((_ident(item["document"]), _text(item["reason"])))
    removed = [_ident(x) for x in _list(data["removed"])]
    bundles = [_ident(x) for x in _list(data["bundles"])]
    errors = [_text(x) for x in _list(data["errors"])]
    only = data["only"]
    if not isinstance(only, bool) or when.tzinfo is None:
        return None
    return Record(current, when, built, removed, bundles, errors, only)


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("not a list")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str) or len(value) > _TEXT:
        raise TypeError("not a text")
    return value


def _ident(value: Any) -> str:
    if not isinstance(value, str) or not manifest.is_output(*value.partition("/")[::2]):
        raise TypeError("not a document")
    return value
