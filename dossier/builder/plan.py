"""Plan a build: which documents there are, which of them are current, and why the others are not."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..context.common import Document, context_json
from ..errors import BuildError, DossierError
from ..files import canonical_hash, sha256_file
from ..i18n import _
from .. import kinds
from ..kinds import Kind
from ..spec import Dossier
from .current import TOOL, fonts_hash
from .manifest import Entry, Manifest, document_files



@dataclass
class Plan:
    """One document: what it is, what it is made from (`entry`), and why it must be built."""

    kind: Kind
    doc: Document
    entry: Entry
    reason: str | None  # None: current
    template: Path

    @property
    def ident(self) -> str:
        return self.doc.ident


def select(docs: list[tuple[Kind, Document]], only: tuple[str, ...]) -> set[str]:
    """The idents named by `--only KIND[/KEY]` (all when empty); a usage error names the choices."""
    if not only:
        return {doc.ident for _k, doc in docs}
    chosen: set[str] = set()
    names = [k.name for k in kinds.KINDS]
    for item in only:
        kind, _slash, key = item.partition("/")
        if kind not in names:
            raise DossierError(_("--only {item}: unknown kind '{kind}'; choose from {kinds}").format(
                item=item, kind=kind, kinds=", ".join(names)))
        match = {doc.ident for k, doc in docs if k.name == kind and (not key or doc.key == key)}
        if not match:
            keys = ", ".join(doc.key for k, doc in docs if k.name == kind)
            raise DossierError(_("--only {item}: no document '{key}'; choose from {keys}").format(
                item=item, key=key, keys=keys))
        chosen |= match
    return chosen


def plan(d: Dossier, kind: Kind, doc: Document, old: Manifest, sources: dict[str, str],
         formats: tuple[str, ...], force: bool, out: Path) -> Plan:
    template = d.house_style.template(kind.template)
    inputs = {
        "context": canonical_hash(context_json(doc.context) if not doc.markeringen
                                  else [context_json(doc.context), list(doc.markeringen)]),
        "template": template_hash(template),
        "tool": TOOL,
        "fonts": fonts_hash(),
        "formats": sorted(formats),
        "sources": {s: sources[s] for s in doc.sources if s in sources},
    }
    entry = Entry(doc.kind, doc.key, doc.title, inputs, {rel: "" for rel in document_files(doc.kind, doc.key, formats)})
    previous = old.entries.get(doc.ident)
    return Plan(kind, doc, entry, _why(previous, entry, force, out, template.name), template)


def _why(previous: Entry | None, entry: Entry, force: bool, out: Path, template: str) -> str | None:
    """Why a document must be rebuilt, in the writer's terms; None when it is current."""
    if previous is None:
        return _("new")
    if force:
        return "--force"
    new, old = entry.inputs, previous.inputs
    if not set(new["formats"]) <= set(old.get("formats", [])):
        added = ", ".join(sorted(set(new["formats"]) - set(old.get("formats", []))))
        return _("format {formats} added").format(formats=added)
    if new["tool"] != old.get("tool"):
        return _("new version of the program ({tool})").format(tool=new["tool"])
    if new["template"] != old.get("template"):
        return _("template {template} changed").format(template=template)
    if new["fonts"] != old.get("fonts"):
        return _("fonts changed")
    if new["context"] != old.get("context"):
        changed = [s for s, h in new["sources"].items() if old.get("sources", {}).get(s) != h]
        return _("{files} changed").format(files=", ".join(changed)) if changed else _("content changed")
    for rel in entry.files:
        if not current_file(out, rel, previous.files.get(rel)):
            return _("{file} is missing or was changed outside the build").format(file=rel)
    entry.files = dict(previous.files)  # current: keep every recorded format
    entry.inputs["formats"] = sorted(set(old.get("formats", [])) | set(new["formats"]))
    return None


def current_file(out: Path, rel: str, recorded: str | None) -> bool:
    """Whether `out/rel` is a plain file with the recorded content (a link counts as changed)."""
    path = out / rel
    return bool(recorded) and path.is_file() and not path.is_symlink() and sha256_file(path) == recorded


def template_hash(path: Path) -> str:
    """The template's content hash; cached per version of the file, so `dossier watch` (one long
    process) sees a template edited while it runs."""
    try:
        stat = path.stat()
    except OSError:
        raise BuildError(_("template {path} is missing").format(path=path)) from None
    return _hash_of(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _hash_of(path: Path, mtime_ns: int, size: int) -> str:
    return sha256_file(path)
