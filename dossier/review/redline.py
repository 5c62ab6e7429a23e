"""A redline: the new rendering of a document with its differences from the old as Word tracked
changes (`w:ins`/`w:del`), so a reviewer accepts or rejects them in Word or LibreOffice.

Computed directly on the two DOCX files made by the normal render path, not by LibreOffice's
document comparison (which replaces a whole table when one cell changes, see tech-notes):
paragraphs are matched by similarity and diffed word by word; tables of the same column count are
diffed row by row and cell by cell, and a row that was added or removed is a tracked row
(`w:trPr/w:ins` or `w:trPr/w:del`). Body, headers and footers are compared.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from lxml import etree

from ..i18n import _
from ..render.docx import reproducible_zip

if TYPE_CHECKING:
    from ..spec import Dossier
    from .diff import DocumentChange

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

AUTHOR = "dossier"
PARA_SIMILAR = 0.5
"""Paragraphs at least this similar (share of words) are one paragraph changed, not one removed
and another added."""
TABLE_SIMILAR = 0.3
ALIGN_LIMIT = 60_000
"""Largest region (old × new blocks) aligned by similarity; beyond it, removed and added as wholes."""

State = Literal["", "del", "ins"]


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_PART = re.compile(r"word/(document|header\d*|footer\d*)\.xml")
_SPLIT = re.compile(r"\s+|[^\s]+")
# run content that is text-like (compared as its text) or opaque (compared as its XML)
_TEXTLIKE = {w("t"): None, w("tab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "\u2011",
             w("softHyphen"): "\u00ad"}
_FIELD = {w("fldChar"), w("instrText")}
_IGNORED_IN_P = {w("proofErr"), w("bookmarkStart"), w("bookmarkEnd"), w("lastRenderedPageBreak")}


@dataclass
class _Marks:
    """Makes the `w:ins`/`w:del` elements: unique ids, one author, one date; counts them."""

    date: str
    author: str = AUTHOR
    next_id: int = 1
    count: int = 0

    def make(self, kind: str, *, count: bool = True) -> etree._Element:
        el = etree.Element(w(kind))
        el.set(w("id"), str(self.next_id))
        el.set(w("author"), self.author)
        el.set(w("date"), self.date)
        self.next_id += 1
        if count:
            self.count += 1
        return el


class _Rels:
    """Relationships of one part in both versions: an old hyperlink or image kept as deleted text
    must point at a relationship of the new part."""

    def __init__(self, old: bytes | None, new: bytes | None) -> None:
        self.old = etree.fromstring(old) if old else etree.Element(f"{{{PR}}}Relationships", nsmap={None: PR})
        self.new = etree.fromstring(new) if new else etree.Element(f"{{{PR}}}Relationships", nsmap={None: PR})
        self.changed = False
        self._mapped: dict[str, str | None] = {}

    def _target(self, root: etree._Element, ident: str) -> tuple[str, str, str] | None:
        for rel in root:
            if rel.get("Id") == ident:
                return rel.get("Type", ""), rel.get("Target", ""), rel.get("TargetMode", "")
        return None

    def new_id(self, old_id: str) -> str | None:
        if old_id in self._mapped:
            return self._mapped[old_id]
        wanted = self._target(self.old, old_id)
        found = None
        if wanted is not None:
            for rel in self.new:
                if (rel.get("Type", ""), rel.get("Target", ""), rel.get("TargetMode", "")) == wanted:
                    found = rel.get("Id")
                    break
            if found is None and wanted[2] == "External":
                found = f"rIdRedline{len(self.new) + 1}"
                rel = etree.SubElement(self.new, f"{{{PR}}}Relationship", Id=found, Type=wanted[0],
                                       Target=wanted[1], TargetMode="External")
                self.changed = True
        self._mapped[old_id] = found
        return found

    def adopt(self, el: etree._Element) -> None:
        """Point the relationships used in old content `el` at the new part; drop what cannot be."""
        for node in list(el.iter()):
            for attr, value in list(node.attrib.items()):
                if not attr.startswith(f"{{{R}}}"):
                    continue
                target = self.new_id(value)
                if target is not None:
                    node.set(attr, target)
                elif node.tag == w("hyperlink"):
                    del node.attrib[attr]
                else:  # an image or object of the old version only: leave it out of the deleted text
                    holder = next((a for a in node.iterancestors() if a.tag in (w("drawing"), w("pict"), w("object"))),
                                  node)
                    parent = holder.getparent()
                    if parent is not None:
                        parent.remove(holder)


@dataclass
class _Ctx:
    marks: _Marks
    rels: _Rels


def redline(old: bytes | None, new: bytes, *, date: str, author: str = AUTHOR) -> tuple[bytes, int]:
    """The new DOCX with the changes from `old` as tracked changes, and how many changes were marked.

    `old` None: a new document, all of it marked inserted. `date` is an ISO 8601 moment.
    """
    new_zip = zipfile.ZipFile(io.BytesIO(new))
    old_zip = zipfile.ZipFile(io.BytesIO(old)) if old is not None else None
    marks = _Marks(date, author, next_id=_free_id(new_zip, old_zip))
    replaced: dict[str, bytes] = {}
    for name in new_zip.namelist():
        if not _PART.fullmatch(name):
            continue
        rels_name = f"word/_rels/{name.removeprefix('word/')}.rels"
        old_xml = _read(old_zip, name)
        ctx = _Ctx(marks, _Rels(_read(old_zip, rels_name), _read(new_zip, rels_name)))
        new_root = etree.fromstring(new_zip.read(name))
        new_box = new_root.find(w("body")) if new_root.tag == w("document") else new_root
        if new_box is None:  # a document without a body has no blocks to merge
            continue
        if old_xml is None:
            old_box = None
        else:
            old_root = etree.fromstring(old_xml)
            old_box = old_root.find(w("body")) if old_root.tag == w("document") else old_root
        before = marks.count
        _merge_container(old_box, new_box, ctx)
        if marks.count != before:
            replaced[name] = etree.tostring(new_root, xml_declaration=True, encoding="UTF-8", standalone=True)
            if ctx.rels.changed:
                replaced[rels_name] = etree.tostring(ctx.rels.new, xml_declaration=True, encoding="UTF-8",
                                                     standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in new_zip.infolist():
            dst.writestr(info, replaced.pop(info.filename, b"") or new_zip.read(info.filename))
        for name, data in replaced.items():  # a rels file the new part did not have
            dst.writestr(name, data)
    return reproducible_zip(out.getvalue()), marks.count


def _read(z: zipfile.ZipFile | None, name: str) -> bytes | None:
    if z is None or name not in z.namelist():
        return None
    return z.read(name)


def _free_id(*zips: zipfile.ZipFile | None) -> int:
    """A start for change ids above every `w:id` already used (bookmarks, comments)."""
    top = 0
    for z in zips:
        if z is None:
            continue
        for name in z.namelist():
            if _PART.fullmatch(name):
                top = max([top, *(int(v) for v in re.findall(rb'w:id="(\d+)"', z.read(name)))])
    return top + 1


# --- blocks: paragraphs and tables ------------------------------------------------------------

def _merge_container(old_box: etree._Element | None, new_box: etree._Element, ctx: _Ctx) -> None:
    """Replace the blocks of `new_box` (body, header, cell) by the merged old and new blocks."""
    news = [el for el in new_box if el.tag in (w("p"), w("tbl"))]
    olds = [el for el in old_box if el.tag in (w("p"), w("tbl"))] if old_box is not None else []
    if not news:
        return
    anchor = news[0]
    merged = _merge_blocks(olds, news, ctx, in_cell=new_box.tag == w("tc"))
    index = new_box.index(anchor)  # the blocks are children of new_box
    for el in news:
        new_box.remove(el)
    for offset, el in enumerate(merged):
        new_box.insert(index + offset, el)


def _merge_blocks(olds: list[etree._Element], news: list[etree._Element], ctx: _Ctx, *,
                  in_cell: bool = False) -> list[etree._Element]:
    keys_old = [_key(b) for b in olds]
    keys_new = [_key(b) for b in news]
    out: list[etree._Element] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, keys_old, keys_new, autojunk=False).get_opcodes():
        if tag == "equal":
            out += news[j1:j2]
            continue
        if in_cell and i2 - i1 == 1 and j2 - j1 == 1 and olds[i1].tag == news[j1].tag == w("p"):
            out += _merge_paragraph(olds[i1], news[j1], ctx)  # a cell's text changed, however much
            continue
        for step, i, j in _align(olds[i1:i2], news[j1:j2]):
            if step == "pair":
                o, n = olds[i1 + i], news[j1 + j]
                out += _merge_paragraph(o, n, ctx) if n.tag == w("p") else _merge_table(o, n, ctx)
            elif step == "del":
                out.append(_marked(olds[i1 + i], "del", ctx))
            else:
                out.append(_marked(news[j1 + j], "ins", ctx))
    return out


def _key(block: etree._Element) -> tuple[str, ...]:
    if block.tag == w("p"):
        return ("p", _para_text(block))
    return ("tbl", *("\x1f".join(_cell_text(tc) for tc in tr.iter(w("tc"))) for tr in block.iter(w("tr"))))


def _para_text(p: etree._Element) -> str:
    parts = []
    for el in p.iter():
        if el.tag == w("t"):
            parts.append(el.text or "")
        elif el.tag in _TEXTLIKE and _TEXTLIKE[el.tag] is not None:
            parts.append(_TEXTLIKE[el.tag])  # type: ignore[arg-type]
    return "".join(parts)


def _cell_text(tc: etree._Element) -> str:
    return "\n".join(_para_text(p) for p in tc.iter(w("p")))


def _words(text: str) -> list[str]:
    return _SPLIT.findall(text)


def _similarity(a: etree._Element, b: etree._Element) -> float:
    if a.tag != b.tag:
        return 0.0
    if a.tag == w("tbl"):
        if _columns(a) != _columns(b):
            return 0.0
        ta, tb = " ".join(_key(a)[1:]), " ".join(_key(b)[1:])
    else:
        ta, tb = _para_text(a), _para_text(b)
    ratio = _ratio(ta, tb)
    head_a, head_b = a.find(w("tr")), b.find(w("tr"))
    if a.tag == w("tbl") and head_a is not None and head_b is not None and _row_key(head_a) == _row_key(head_b):
        ratio = max(ratio, TABLE_SIMILAR)  # same columns, same header row: one table changed
    return ratio


def _ratio(a: str, b: str) -> float:
    """Share of words two texts have in common, in order (spaces do not count)."""
    wa, wb = a.split(), b.split()
    if not wa or not wb:
        return 0.0
    matcher = SequenceMatcher(None, wa, wb, autojunk=False)
    return matcher.ratio() if matcher.quick_ratio() >= min(PARA_SIMILAR, TABLE_SIMILAR) else 0.0


def _columns(tbl: etree._Element) -> int:
    grid = tbl.find(w("tblGrid"))
    return len(grid) if grid is not None else max((len(tr.findall(w("tc"))) for tr in tbl.iter(w("tr"))), default=0)


def _align(olds: list[etree._Element], news: list[etree._Element],
           similar: Callable[[etree._Element, etree._Element], float] | None = None) -> list[tuple[str, int, int]]:
    """Pair old and new items in order by greatest total similarity; the rest are deleted/inserted.

    Deletions come before insertions at the same place, as Word shows them."""
    score = similar or _block_score
    n, m = len(olds), len(news)
    if n == 0 or m == 0 or n * m > ALIGN_LIMIT:
        return [("del", i, -1) for i in range(n)] + [("ins", -1, j) for j in range(m)]
    sims = [[score(o, nw) for nw in news] for o in olds]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            pair = sims[i][j] + best[i + 1][j + 1] if sims[i][j] > 0 else -1.0
            best[i][j] = max(best[i + 1][j], best[i][j + 1], pair)
    steps: list[tuple[str, int, int]] = []
    i = j = 0
    while i < n and j < m:
        if sims[i][j] > 0 and best[i][j] == sims[i][j] + best[i + 1][j + 1]:
            steps.append(("pair", i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            steps.append(("del", i, -1))
            i += 1
        else:
            steps.append(("ins", -1, j))
            j += 1
    steps += [("del", k, -1) for k in range(i, n)] + [("ins", -1, k) for k in range(j, m)]
    return _deletions_first(steps)


def _deletions_first(steps: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Within each run of unpaired items, put the deleted ones before the inserted ones."""
    out: list[tuple[str, int, int]] = []
    run: list[tuple[str, int, int]] = []
    for step in [*steps, ("pair", -1, -1)]:
        if step[0] == "pair":
            out += [s for s in run if s[0] == "del"] + [s for s in run if s[0] == "ins"]
            run = []
            if step[1] >= 0:
                out.append(step)
        else:
            run.append(step)
    return out


def _block_score(a: etree._Element, b: etree._Element) -> float:
    s = _similarity(a, b)
    limit = TABLE_SIMILAR if a.tag == w("tbl") else PARA_SIMILAR
    return s if s >= limit else 0.0


# --- whole blocks removed or added ---------------------------------------------------------------

def _marked(block: etree._Element, kind: str, ctx: _Ctx) -> etree._Element:
    """A copy of a paragraph or table wholly marked as deleted ('del') or inserted ('ins'); a deleted
    block comes from the old document and brings its relationships (links, images) along."""
    el = copy.deepcopy(block)
    if kind == "del":
        ctx.rels.adopt(el)
    if el.tag == w("tbl"):
        for tr in el.findall(w("tr")):
            _mark_row(tr, kind, ctx)
    else:
        _mark_paragraph(el, kind, ctx, mark_end=True)
    return el


def _mark_row(tr: etree._Element, kind: str, ctx: _Ctx) -> None:
    """A whole table row added or removed: the row itself and everything in its cells."""
    trpr = tr.find(w("trPr"))
    if trpr is None:
        trpr = etree.Element(w("trPr"))
        prex = tr.find(w("tblPrEx"))
        tr.insert(0 if prex is None else tr.index(prex) + 1, trpr)
    trpr.append(ctx.marks.make(kind))
    for tc in tr.findall(w("tc")):
        paras = tc.findall(w("p"))
        for k, p in enumerate(paras):
            # a cell always keeps its last paragraph mark; the row mark removes the cell
            _mark_paragraph(p, kind, ctx, mark_end=k < len(paras) - 1, count=False)
        for tbl in tc.findall(w("tbl")):
            for inner in tbl.findall(w("tr")):
                _mark_row(inner, kind, ctx)


def _mark_paragraph(p: etree._Element, kind: str, ctx: _Ctx, *, mark_end: bool, count: bool = True) -> None:
    """Mark all content of a paragraph inserted or deleted, and (with `mark_end`) its paragraph mark."""
    runs = [r for r in p.iter(w("r")) if not any(a.tag in (w("ins"), w("del")) for a in r.iterancestors())]
    for group in _sibling_groups(runs):
        wrapper = ctx.marks.make(kind, count=count)
        first = group[0]
        first.addprevious(wrapper)
        for r in group:
            wrapper.append(r)
            if kind == "del":
                _to_deleted_text(r)
    if mark_end:
        _mark_paragraph_end(p, kind, ctx, count=count)


def _sibling_groups(runs: list[etree._Element]) -> Iterator[list[etree._Element]]:
    group: list[etree._Element] = []
    for r in runs:
        if group and r.getprevious() is group[-1]:
            group.append(r)
            continue
        if group:
            yield group
        group = [r]
    if group:
        yield group


def _to_deleted_text(run: etree._Element) -> None:
    for el in run.iter(w("t"), w("instrText")):
        el.tag = w("delText") if el.tag == w("t") else w("delInstrText")


def _mark_paragraph_end(p: etree._Element, kind: str, ctx: _Ctx, *, count: bool = True) -> None:
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    rpr = ppr.find(w("rPr"))
    if rpr is None:
        rpr = etree.Element(w("rPr"))
        after = [ppr.find(w("sectPr")), ppr.find(w("pPrChange"))]
        anchor = next((a for a in after if a is not None), None)
        if anchor is not None:
            anchor.addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0 if kind == "ins" or rpr.find(w("ins")) is None else 1, ctx.marks.make(kind, count=count))


# --- a paragraph changed: word by word ------------------------------------------------------------

@dataclass
class _Token:
    """A word, a space or an opaque piece of run content, with the run formatting and link it is in."""

    key: str
    rpr: etree._Element | None
    link: etree._Element | None
    text: str | None = None  # text-like; None: `element` is copied as it is
    element: etree._Element | None = None
    is_field: bool = False


def _tokens(p: etree._Element) -> list[_Token] | None:
    """The paragraph as tokens; None when it holds something this diff does not take apart."""
    out: list[_Token] = []

    def runs(parent: etree._Element, link: etree._Element | None) -> bool:
        for child in parent:
            if child.tag == w("pPr") or child.tag in _IGNORED_IN_P:
                continue
            if child.tag == w("hyperlink") and link is None:
                if not runs(child, child):
                    return False
            elif child.tag == w("r"):
                rpr = child.find(w("rPr"))
                for piece in child:
                    if piece.tag == w("rPr") or piece.tag in _IGNORED_IN_P:
                        continue
                    if piece.tag == w("t"):
                        out.extend(_Token(word, rpr, link, word) for word in _words(piece.text or ""))
                    elif piece.tag in _TEXTLIKE:
                        out.append(_Token(_TEXTLIKE[piece.tag] or "", rpr, link, element=piece))
                    else:
                        out.append(_Token(etree.tostring(piece, encoding="unicode"), rpr, link, element=piece,
                                          is_field=piece.tag in _FIELD))
            else:
                return False
        return True

    return out if runs(p, None) else None


def _merge_paragraph(old: etree._Element, new: etree._Element, ctx: _Ctx) -> list[etree._Element]:
    old_tokens, new_tokens = _tokens(old), _tokens(new)
    if old_tokens is None or new_tokens is None:
        return [_marked(old, "del", ctx), _marked(new, "ins", ctx)]
    ops = SequenceMatcher(None, [t.key for t in old_tokens], [t.key for t in new_tokens],
                          autojunk=False).get_opcodes()
    sequence: list[tuple[State, _Token]] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            sequence += [("", t) for t in new_tokens[j1:j2]]
            continue
        sequence += [("del", t) for t in old_tokens[i1:i2]] + [("ins", t) for t in new_tokens[j1:j2]]
    if any(state and t.is_field for state, t in sequence):  # a field taken apart would break it
        return [_marked(old, "del", ctx), _marked(new, "ins", ctx)]
    if all(not state for state, _ in sequence):
        return [new]
    p = etree.Element(w("p"), nsmap=new.nsmap)
    for name, value in new.attrib.items():
        p.set(name, value)
    ppr = new.find(w("pPr"))
    if ppr is not None:
        ppr = copy.deepcopy(ppr)
        p.append(ppr)
    _record_style_change(old, p, ctx)
    _emit(p, sequence, ctx)
    return [p]


def _record_style_change(old: etree._Element, p: etree._Element, ctx: _Ctx) -> None:
    """A paragraph whose style changed (say Normal → Heading 3) carries the old style as `w:pPrChange`."""
    def style(el: etree._Element) -> str | None:
        found = el.find(f"{w('pPr')}/{w('pStyle')}")
        return found.get(w("val")) if found is not None else None

    if style(old) == style(p):
        return
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    change = ctx.marks.make("pPrChange")
    before = etree.SubElement(change, w("pPr"))
    old_ppr = old.find(w("pPr"))
    if old_ppr is not None:
        for child in old_ppr:
            if child.tag not in (w("rPr"), w("sectPr"), w("pPrChange")):
                before.append(copy.deepcopy(child))
    ppr.append(change)


def _emit(p: etree._Element, sequence: list[tuple[State, _Token]], ctx: _Ctx) -> None:
    """Write tokens as runs: consecutive tokens of one link share a hyperlink, of one state an
    `w:ins`/`w:del`, of one formatting a run."""
    for _link, by_link in groupby(sequence, key=lambda st: id(st[1].link) if st[1].link is not None else 0):
        items = list(by_link)
        source = items[0][1].link
        holder = p
        if source is not None:
            holder = etree.SubElement(p, w("hyperlink"))
            for name, value in source.attrib.items():
                holder.set(name, value)
            if any(state == "del" for state, _ in items):  # an old link: its relationship is the old part's
                ctx.rels.adopt(holder)
        for state, by_state in groupby(items, key=lambda st: st[0]):
            target = holder
            if state:
                target = ctx.marks.make(state)
                holder.append(target)
            for _format, by_format in groupby(by_state, key=lambda st: _format_key(st[1].rpr)):
                tokens = [t for _, t in by_format]
                run = etree.SubElement(target, w("r"))
                if tokens[0].rpr is not None:
                    run.append(copy.deepcopy(tokens[0].rpr))
                for token in tokens:
                    if token.element is None:
                        _append_text(run, token.text or "", deleted=state == "del")
                        continue
                    piece = copy.deepcopy(token.element)
                    if state == "del":
                        ctx.rels.adopt(piece)
                        if piece.tag == w("instrText"):
                            piece.tag = w("delInstrText")
                    run.append(piece)


def _format_key(rpr: etree._Element | None) -> str:
    return "" if rpr is None else etree.tostring(rpr, encoding="unicode")


def _append_text(run: etree._Element, text: str, *, deleted: bool) -> None:
    tag = w("delText") if deleted else w("t")
    last = run[-1] if len(run) else None
    if last is not None and last.tag == tag:
        last.text = (last.text or "") + text
    else:
        last = etree.SubElement(run, tag)
        last.text = text
    last.set(XML_SPACE, "preserve")


# --- a table changed: row by row, cell by cell ------------------------------------------------------

def _merge_table(old: etree._Element, new: etree._Element, ctx: _Ctx) -> list[etree._Element]:
    if _columns(old) != _columns(new):
        return [_marked(old, "del", ctx), _marked(new, "ins", ctx)]
    olds, news = old.findall(w("tr")), new.findall(w("tr"))
    keys_old, keys_new = [_row_key(r) for r in olds], [_row_key(r) for r in news]
    merged: list[etree._Element] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, keys_old, keys_new, autojunk=False).get_opcodes():
        if tag == "equal":
            merged += news[j1:j2]
            continue
        for step, i, j in _align(olds[i1:i2], news[j1:j2], _row_score):
            if step == "pair":
                merged.append(_merge_row(olds[i1 + i], news[j1 + j], ctx))
            elif step == "del":
                row = copy.deepcopy(olds[i1 + i])
                ctx.rels.adopt(row)
                _mark_row(row, "del", ctx)
                merged.append(row)
            else:
                row = copy.deepcopy(news[j1 + j])
                _mark_row(row, "ins", ctx)
                merged.append(row)
    for tr in news:
        new.remove(tr)
    for tr in merged:
        new.append(tr)
    return [new]


def _row_key(tr: etree._Element) -> str:
    return "\x1f".join(_cell_text(tc) for tc in tr.findall(w("tc")))


def _row_score(a: etree._Element, b: etree._Element) -> float:
    if len(a.findall(w("tc"))) != len(b.findall(w("tc"))):
        return 0.0
    s = _ratio(_row_key(a), _row_key(b))
    first_a, first_b = (_cell_text(tc) if (tc := r.find(w("tc"))) is not None else "" for r in (a, b))
    if first_a.strip() and first_a == first_b:  # the same row label: that row's other cells changed
        s = max(s, PARA_SIMILAR)
    return s if s >= PARA_SIMILAR else 0.0


def _merge_row(old: etree._Element, new: etree._Element, ctx: _Ctx) -> etree._Element:
    for old_tc, new_tc in zip(old.findall(w("tc")), new.findall(w("tc"))):
        _merge_container(old_tc, new_tc, ctx)
    return new


@dataclass
class Written:
    """What a redline run produced: files written, and documents left out with the reason."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def write_redlines(old: Dossier, new: Dossier, changed: list[DocumentChange], out: Path) -> Written:
    """Render old and new of every changed document and write the new one with tracked changes
    to `out/<soort>/<sleutel>.docx`; a document whose text did not change is not written."""
    from ..files import write_atomic
    from ..kinds import all_documents
    from ..render.docx import render_docx

    before = {doc.ident: (kind, doc) for kind, doc in all_documents(old)}
    after = {doc.ident: (kind, doc) for kind, doc in all_documents(new)}
    date = new.spec.datum.isoformat() + "T00:00:00Z"
    result = Written()
    for change in changed:
        if change.ident not in after:
            result.skipped.append((change.ident, _("dropped from the new version")))
            continue
        kind, doc = after[change.ident]
        new_bytes = render_docx(new.house_style.template(kind.template), doc, author=new.spec.opdrachtgever.naam,
                                when=new.spec.datum)
        old_bytes = None
        if change.ident in before:
            old_kind, old_doc = before[change.ident]
            old_bytes = render_docx(old.house_style.template(old_kind.template), old_doc, author=old.spec.opdrachtgever.naam,
                                    when=old.spec.datum)
        data, count = redline(old_bytes, new_bytes, date=date)
        if not count:
            result.skipped.append((change.ident, _("no visible change in the text")))
            continue
        target = out / f"{change.ident}.docx"
        write_atomic(target, data)
        result.files.append(target)
    return result
