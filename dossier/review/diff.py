"""Compare two validated dossiers: which items were added, removed or changed, and which documents.

Items are matched by their stable keys (ids in the spec), fields by label; values are compared as the
documents show them (see items.py). Which documents changed is decided by their contexts, the exact
data a template receives, so a change that no document shows touches no document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from ..context import nl
from ..context.common import Document, context_json
from ..render.docx import template_fields
from ..spec import Dossier
from .items import Item, Value, dossier_items, plain

Soort = Literal["toegevoegd", "gewijzigd", "verwijderd"]


@dataclass(frozen=True)
class FieldChange:
    """One field of an item, before and after ('' when it had no value)."""

    veld: str
    was: Value
    wordt: Value

    def kort(self) -> str:
        """`€ 180,00 → € 186,50 per etmaal`: old and new side by side, a shared unit named once."""
        if self.was.unit and self.was.unit == self.wordt.unit:
            return f"{self.was.text or '—'} → {self.wordt.text or '—'} {self.wordt.unit}"
        return f"{self.was or '—'} → {self.wordt or '—'}"


@dataclass
class Change:
    """An item that was added, removed or changed, with where it is written."""

    soort: Soort
    groep: str
    pad: tuple[str, ...]
    ident: str
    file: str
    bron: str
    velden: list[FieldChange]
    documenten: list[str] = field(default_factory=list)

    @property
    def onderwerp(self) -> str:
        return " › ".join(self.pad) if self.pad else self.groep

    def ids(self) -> set[str]:
        """The ids along the item's path (`KIT-K-04`, `gezinshuis`, `almelo`), for matching a question."""
        return {part.split(":", 1)[-1] for part in self.ident.split("/")}


@dataclass(frozen=True)
class DocumentChange:
    """A document whose content differs between the two versions."""

    ident: str
    titel: str
    soort: Literal["gewijzigd", "nieuw", "vervallen"]
    sources: tuple[str, ...]
    removed: str = field(default="", repr=False)
    """The document's text lines (context strings) that are gone, and those that are new: where a
    change's old and new values are looked for."""
    added: str = field(default="", repr=False)


@dataclass(frozen=True)
class VersionFacts:
    label: str
    versie: str
    datum: str


@dataclass
class Diff:
    """Everything that differs between two versions of a dossier."""

    oud: VersionFacts
    nieuw: VersionFacts
    changes: list[Change]
    documents: list[DocumentChange]

    def count(self, soort: Soort) -> int:
        return sum(1 for c in self.changes if c.soort == soort)

    @property
    def empty(self) -> bool:
        return not self.changes and not self.documents


def compare(old: Dossier, new: Dossier, *, oud_label: str = "", nieuw_label: str = "",
            documents: bool = True) -> Diff:
    """The diff from `old` to `new`; with `documents`, also which documents changed."""
    changes = item_changes(old, new)
    docs = document_changes(old, new) if documents else []
    for c in changes:
        c.documenten = _documents_of(c, docs)
    return Diff(
        VersionFacts(oud_label or str(old.root), old.spec.versie, nl.datum(old.spec.datum)),
        VersionFacts(nieuw_label or str(new.root), new.spec.versie, nl.datum(new.spec.datum)),
        changes, docs)


def item_changes(old: Dossier, new: Dossier, *, skip: frozenset[str] = frozenset()) -> list[Change]:
    """Every added, removed or changed item, in the new version's order (removed ones where they stood)."""
    out: list[Change] = []
    olds = [g for g in dossier_items(old) if g.key not in skip]
    news = [g for g in dossier_items(new) if g.key not in skip]
    _compare_lists(olds, news, old, new, None, (), (), out)
    return out


def _compare_lists(olds: list[Item], news: list[Item], old: Dossier, new: Dossier, groep: str | None,
                   pad: tuple[str, ...], keys: tuple[str, ...], out: list[Change]) -> None:
    by_key = {i.key: i for i in olds}
    new_keys = {i.key for i in news}
    pending_removed = [i for i in olds if i.key not in new_keys]
    position = {i.key: n for n, i in enumerate(olds)}
    for item in news:
        previous = by_key.get(item.key)
        if previous is None:
            out.append(_whole("toegevoegd", item, new, groep, pad, keys))
            continue
        # removed items are reported where they stood: before the first surviving item after them
        while pending_removed and position[pending_removed[0].key] < position[item.key]:
            out.append(_whole("verwijderd", pending_removed.pop(0), old, groep, pad, keys))
        _compare(previous, item, old, new, groep, pad, keys, out)
    for gone in pending_removed:
        out.append(_whole("verwijderd", gone, old, groep, pad, keys))


def _compare(old_item: Item, new_item: Item, old: Dossier, new: Dossier, groep: str | None,
             pad: tuple[str, ...], keys: tuple[str, ...], out: list[Change]) -> None:
    here_groep, here_pad = (new_item.label, ()) if groep is None else (groep, (*pad, new_item.label))
    here_keys = (*keys, new_item.key)
    empty = Value("")
    velden = [FieldChange(name, old_item.fields.get(name, empty), new_item.fields.get(name, empty))
              for name in _union(old_item.fields, new_item.fields)
              if old_item.fields.get(name, empty) != new_item.fields.get(name, empty)]
    if velden:
        out.append(Change("gewijzigd", here_groep, here_pad, "/".join(here_keys), new_item.file,
                          _bron(new, new_item), velden))
    _compare_lists(old_item.children, new_item.children, old, new, here_groep, here_pad, here_keys, out)


def _whole(soort: Soort, item: Item, d: Dossier, groep: str | None, pad: tuple[str, ...],
           keys: tuple[str, ...]) -> Change:
    empty = Value("")
    if soort == "toegevoegd":
        velden = [FieldChange(k, empty, v) for k, v in item.fields.items() if v.text]
    else:
        velden = [FieldChange(k, v, empty) for k, v in item.fields.items() if v.text]
    g, p = (item.label, ()) if groep is None else (groep, (*pad, item.label))
    return Change(soort, g, p, "/".join((*keys, item.key)), item.file, _bron(d, item), velden)


def _union(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    return list(b) + [k for k in a if k not in b]


def _bron(d: Dossier, item: Item) -> str:
    source = d.sources.get(item.file)
    if source is None:
        return item.file
    line, _ = source.locate(item.path)
    return f"{item.file}:{line}"


def document_changes(old: Dossier, new: Dossier) -> list[DocumentChange]:
    """The documents whose shown content differs, is new or is gone, in build order."""
    before, after = _shown_contexts(old), _shown_contexts(new)
    out = []
    for ident, (doc, shown) in after.items():
        if ident not in before:
            out.append(DocumentChange(ident, doc.title, "nieuw", doc.sources, "", _text(shown)))
        elif before[ident][1] != shown:
            was, wordt = _text(before[ident][1]).split("\n"), _text(shown).split("\n")
            still, already = set(wordt), set(was)
            out.append(DocumentChange(ident, doc.title, "gewijzigd", doc.sources,
                                      "\n".join(x for x in was if x not in still),
                                      "\n".join(x for x in wordt if x not in already)))
    for ident, (doc, shown) in before.items():
        if ident not in after:
            out.append(DocumentChange(ident, doc.title, "vervallen", doc.sources, _text(shown), ""))
    return out


def _shown_contexts(d: Dossier) -> dict[str, tuple[Document, Any]]:
    """Each document's context as plain data, cut to what its template reads (a context may carry
    more, such as milestones a letter does not print)."""
    from ..kinds import all_documents

    out = {}
    for kind, doc in all_documents(d):
        used = _template_fields(d.house_style.template(kind.template))
        data = context_json(doc.context)
        shown = {}
        for key, value in data.items():
            if key not in used:
                continue
            attrs = used[key]
            shown[key] = value if attrs is None or not isinstance(value, dict) else {a: value.get(a) for a in sorted(attrs)}
        out[doc.ident] = (doc, shown)
    return out


@lru_cache(maxsize=None)
def _template_fields(path: Path) -> dict[str, set[str] | None]:
    return template_fields(path)


def _text(value: Any) -> str:
    """Every string in a context, Markdown as its visible text: what a change's values are looked up in."""
    if isinstance(value, dict):
        if set(value) == {"md"}:
            return plain(value["md"])
        return "\n".join(_text(v) for v in value.values())
    if isinstance(value, list):
        return "\n".join(_text(v) for v in value)
    return value if isinstance(value, str) else ""


def _documents_of(change: Change, docs: list[DocumentChange]) -> list[str]:
    """The changed documents that show this change: those made from its file in which one of its old
    values is gone or one of its new values is new; when no value is found as such (formatted
    differently), all changed documents made from its file."""
    # a document appears or goes with an item that appears or goes, not with a changed value
    candidates = [doc for doc in docs if change.file in doc.sources
                  and (doc.soort == "gewijzigd" or change.soort != "gewijzigd")]
    was = [f.was.text for f in change.velden if f.was.text]
    wordt = [f.wordt.text for f in change.velden if f.wordt.text]
    shown = [doc for doc in candidates
             if any(v in doc.removed for v in was) or any(v in doc.added for v in wordt)]
    return [doc.ident for doc in (shown or candidates)]


_TOKEN = re.compile(r"\s+|\w+(?:[.,’'\-/]\w+)*|[^\w\s]")


def word_diff(was: str, wordt: str) -> list[tuple[str, str]]:
    """`was` → `wordt` as pieces: ('', text) kept, ('del', text) deleted, ('ins', text) inserted."""
    a, b = _TOKEN.findall(was), _TOKEN.findall(wordt)
    pieces: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(("", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("ins", "".join(b[j1:j2])))
    return _merge(pieces)


def _merge(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for mark, text in pieces:
        if out and out[-1][0] == mark:
            out[-1] = (mark, out[-1][1] + text)
        else:
            out.append((mark, text))
    return out


def side(pieces: list[tuple[str, str]], which: Literal["del", "ins"]) -> list[tuple[str, str]]:
    """One side of a word diff: the old text with its deleted words marked, or the new with its inserted."""
    return _merge([(m, t) for m, t in pieces if m in ("", which)])
