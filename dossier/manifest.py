"""The build manifest: per output, the hashes of what it was made from and of its files.

Only content goes in: no absolute paths, no clock, so two builds of the same specs give the same
manifest on any machine.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .i18n import _

FORMAT = 1
NAME = "manifest.json"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def canonical_hash(value: Any) -> str:
    """Hash of JSON with sorted keys and no whitespace: the same data gives the same hash."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return sha256_bytes(text.encode("utf-8"))


@dataclass
class Entry:
    """One output (a document or a bundle) as recorded in the manifest."""

    kind: str
    key: str
    title: str
    inputs: dict[str, Any]
    files: dict[str, str] = field(default_factory=dict)  # path relative to the dossier output → sha256

    @property
    def ident(self) -> str:
        return f"{self.kind}/{self.key}"

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "key": self.key, "title": self.title,
                "files": dict(sorted(self.files.items())), "inputs": self.inputs}


@dataclass
class Manifest:
    tool: str
    dossier: str
    entries: dict[str, Entry] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "tool": self.tool,
            "dossier": self.dossier,
            "outputs": [self.entries[k].as_json() for k in sorted(self.entries)],
        }


class ManifestUnusable(Exception):
    """The old manifest cannot be trusted; the message says why (for the full-rebuild notice)."""


def read(path: Path) -> Manifest:
    """Read a manifest; raise ManifestUnusable when it is missing, unreadable or of another format."""
    if not path.exists():
        raise ManifestUnusable(_("no manifest found"))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ManifestUnusable(_("the manifest has format version {found}, expected {expected}").format(
                found=repr(data.get("format")), expected=FORMAT))
        entries = {}
        for item in data["outputs"]:
            entry = Entry(item["kind"], item["key"], item["title"], item["inputs"], dict(item["files"]))
            entries[entry.ident] = entry
        return Manifest(data["tool"], data["dossier"], entries)
    except ManifestUnusable:
        raise
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ManifestUnusable(_("the manifest is unreadable ({error})").format(error=type(exc).__name__)) from None


def write(path: Path, manifest: Manifest) -> None:
    """Write atomically: a temporary file in the same folder, then rename."""
    text = json.dumps(manifest.as_json(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    write_atomic(path, text.encode("utf-8"))


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
