"""The build manifest: per output, the hashes of what it was made from and of its files.

Only content goes in: no absolute paths, no clock, so two builds of the same specs give the same
manifest on any machine.

An output folder may come from a CI cache or a shared drive, so a manifest read back is untrusted:
`read` accepts only what a build writes (the right types, and for every entry only the file names
that kind of output has, inside the output folder). Anything else makes the manifest unusable, which
means a full build with a notice, never a file touched outside the folder.
"""

from __future__ import annotations

import json
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..files import write_atomic
from ..i18n import _

FORMAT = 1
NAME = "manifest.json"
FORMATS = ("docx", "pdf")
BUNDLE_KIND = "bundel"
BUNDLE_FOLDER = "bundels"
MAX_BYTES = 64 * 1024 * 1024
_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,199}")
_BUNDLE_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,199}(/[a-z0-9][a-z0-9-]{0,199})?")
"""A bundle's key: a name, or a group and a name (`raad/almelo`); no part can be '.' or '..'."""
_OUTPUT_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,199}/[a-z0-9][a-z0-9-]{0,199}\.(docx|pdf)"
                          rf"|{BUNDLE_FOLDER}/[a-z0-9][a-z0-9-]{{0,199}}/[a-z0-9][a-z0-9-]{{0,199}}\.pdf")
_SHA = re.compile(r"[0-9a-f]{64}|")  # "" while a file is not made yet


def document_files(kind: str, key: str, formats: tuple[str, ...] | list[str] = FORMATS) -> list[str]:
    """The files a document has in the output folder, e.g. `besluit/acme.pdf`."""
    return [f"{kind}/{key}.{fmt}" for fmt in formats]


def is_output_name(rel: str) -> bool:
    """Whether `rel` has the shape of an output's file name (`kind/key.fmt`, or `bundels/group/key.pdf`),
    so it stays in the folder."""
    return _OUTPUT_NAME.fullmatch(rel) is not None


def bundle_file(key: str) -> str:
    """The file of bundle `key` (`raad` → `bundels/raad.pdf`, `raad/almelo` → `bundels/raad/almelo.pdf`)."""
    if not _BUNDLE_KEY.fullmatch(key):
        raise ValueError(f"not a bundle key: {key!r}")
    return f"{BUNDLE_FOLDER}/{key}.pdf"


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

    def allowed_files(self) -> list[str]:
        """The only file names this output can have."""
        return [bundle_file(self.key)] if self.kind == BUNDLE_KIND else document_files(self.kind, self.key)

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


def read(path: Path, dossier: str) -> Manifest:
    """Read the manifest of dossier `dossier`; raise ManifestUnusable when it is missing, unreadable, of
    another format or dossier, or not as a build writes it."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        raise ManifestUnusable(_("no manifest found")) from None
    except OSError as exc:
        raise ManifestUnusable(_("the manifest is unreadable ({error})").format(error=exc.strerror)) from None
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
        raise ManifestUnusable(_("{name} is not a file as dossier writes it").format(name=NAME))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ManifestUnusable(_("the manifest is unreadable ({error})").format(error=type(exc).__name__)) from None
    return from_json(data, dossier)


def from_json(data: Any, dossier: str) -> Manifest:
    """The manifest in `data` (parsed JSON), checked as `read` describes."""
    if not isinstance(data, dict):
        raise _unusable("the top level is not an object")
    if data.get("format") != FORMAT:
        raise ManifestUnusable(_("the manifest has format version {found}, expected {expected}").format(
            found=repr(data.get("format")), expected=FORMAT))
    if data.get("dossier") != dossier:
        raise ManifestUnusable(_("the manifest belongs to another dossier ({found})").format(
            found=repr(data.get("dossier"))))
    outputs = data.get("outputs")
    if not isinstance(data.get("tool"), str) or not isinstance(outputs, list):
        raise _unusable("'tool' or 'outputs'")
    entries: dict[str, Entry] = {}
    for i, item in enumerate(outputs):
        entry = _entry(item, i)
        if entry.ident in entries:
            raise _unusable(f"outputs[{i}] appears twice")
        entries[entry.ident] = entry
    return Manifest(data["tool"], dossier, entries)


def is_output(kind: str, key: str) -> bool:
    """Whether `kind` and `key` name an output a build can make (`besluit`, `acme`; `bundel`, `raad/almelo`)."""
    key_pattern = _BUNDLE_KEY if kind == BUNDLE_KIND else _KEY
    return _KEY.fullmatch(kind) is not None and key_pattern.fullmatch(key) is not None


def _entry(item: Any, i: int) -> Entry:
    where = f"outputs[{i}]"
    if not isinstance(item, dict):
        raise _unusable(where)
    kind, key, title, inputs, files = (item.get(k) for k in ("kind", "key", "title", "inputs", "files"))
    if not (isinstance(kind, str) and isinstance(key, str) and is_output(kind, key)):
        raise _unusable(f"{where}.kind/key")
    if not isinstance(title, str) or not isinstance(inputs, dict) or not isinstance(files, dict):
        raise _unusable(f"{where}.title/inputs/files")
    entry = Entry(kind, key, title, inputs, {})
    allowed = entry.allowed_files()
    for rel, sha in files.items():
        if rel not in allowed or not isinstance(sha, str) or not _SHA.fullmatch(sha):
            raise _unusable(f"{where}.files: {rel!r}")
        entry.files[rel] = sha
    for name in ("formats",):
        value = inputs.get(name, [])
        if not isinstance(value, list) or not all(v in FORMATS for v in value):
            raise _unusable(f"{where}.inputs.{name}")
    for name in ("sources", "parts"):
        value = inputs.get(name, {})
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                  for k, v in value.items()):
            raise _unusable(f"{where}.inputs.{name}")
    return entry


def _unusable(where: str) -> ManifestUnusable:
    return ManifestUnusable(_("the manifest is not as dossier writes it ({where})").format(where=where))


def dumps(manifest: Manifest) -> bytes:
    return (json.dumps(manifest.as_json(), ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def write(path: Path, manifest: Manifest) -> None:
    """Write atomically: a temporary file in the same folder, then rename."""
    write_atomic(path, dumps(manifest))
