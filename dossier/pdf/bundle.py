"""Merge tagged PDF/A-2b documents into one bundle that stays tagged PDF/A-2b.

Generic PDF mergers (pypdf, ``qpdf --pages``) drop or truncate the structure
tree, XMP metadata and output intent, so the merged file is no longer
accessible nor PDF/A.  :func:`merge_pdfs` merges with pikepdf and keeps them:

* the pages of all parts are copied in order;
* each part's structure tree becomes a ``Part`` element (titled with the part's
  bookmark title) under one ``Document`` element; ``/StructParents`` of pages,
  ``/StructParent`` of annotations and the ``/ParentTree`` keys are shifted by
  an offset per part, ``/ParentTreeNextKey`` is set, role maps and class maps
  are merged (a role-map conflict is resolved by renaming that part's type);
  ``/P``, ``/Pg``, ``/Obj`` references follow the copied objects;
* ``/MarkInfo``, XMP metadata (``pdfaid`` part 2, conformance A when every
  part claims A and B otherwise, ``pdfuaid`` part 1 when every part claims it,
  ``dc:title`` set to the bundle title), ``/OutputIntents`` and the document information
  come from the first part; ``/Lang`` is the ``lang`` argument, and a part whose
  own ``/Lang`` differs gets it on its ``Part`` element;
* the outline has one bookmark per part, pointing to its first page, with the
  part's own outline nested below; named destinations used by links and
  bookmarks are resolved to explicit destinations on the new pages;
* page labels restart at 1 for every part with the prefix ``"<n>-"``;
* the output is deterministic (no clock, ``deterministic_id=True``) and is
  written atomically.

Font subsets of later parts get fresh subset tags (LibreOffice reuses
``BAAAAA+`` etc. in every file).  The bundle is saved with object streams
(allowed in PDF/A-2), so it is usually smaller than the sum of its parts.

Not handled: forms (parts whose ``/AcroForm`` has fields are rejected); embedded files,
optional-content configuration, article threads and document JavaScript of the
parts are dropped; named destinations are not kept as names (links and
bookmarks are rewritten to explicit destinations instead); links *between*
parts (GoToR to another file) are left as they are; on a class-map key or
structure ``/ID`` used by two parts the first wins.  The PDF/A claim is taken
on trust from the parts (every part must declare ``pdfaid:part`` 2); nothing
is validated beyond that.
"""

from __future__ import annotations

import contextlib
import io
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf, String

from ..files import write_atomic
from .normalize import declare_pdfua

__all__ = ["merge_pdfs"]

_PAGE_COPY_WARNING = getattr(pikepdf.exceptions, "PageCopyWarning", None)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class _Part:
    """One input document while it is being merged."""

    number: int
    title: str
    pdf: Pdf
    first_page: int = 0
    page_count: int = 0
    offset: int = 0
    page_map: dict[tuple[int, int], pikepdf.Object] = field(default_factory=dict)
    named_dests: dict[str, pikepdf.Object] = field(default_factory=dict)


def merge_pdfs(
    parts: list[tuple[str, Path]], out: Path, *, title: str, lang: str = "nl-NL"
) -> None:
    """Merge tagged PDF/A-2b files into one tagged PDF/A-2b file at ``out``.

    ``parts`` is a list of ``(bookmark title, path)``; the bookmark title is
    also the ``/T`` of the part's ``Part`` structure element.  ``title`` becomes
    the Info ``/Title`` and XMP ``dc:title`` and is shown by viewers
    (``DisplayDocTitle``); ``lang`` is the document language.  Raises
    ``ValueError`` for an empty list, an empty or invalid title, or a part that
    is not tagged, not PDF/A-2 or contains a form.
    """
    if not parts:
        raise ValueError("merge_pdfs needs at least one part")
    _check_text(title, "title")
    _check_text(lang, "lang")
    for part_title, _ in parts:
        _check_text(part_title, "part title")
    out = Path(out)
    with contextlib.ExitStack() as stack:
        loaded = []
        for number, (part_title, path) in enumerate(parts, start=1):
            pdf = stack.enter_context(pikepdf.open(Path(path)))
            _check_part(pdf, Path(path))
            loaded.append(_Part(number, part_title, pdf))
        bundle = stack.enter_context(Pdf.new())
        _build(bundle, loaded, title=title, lang=lang)
        version = max(p.pdf.pdf_version for p in loaded)
        _save_atomically(bundle, out, min_version=version)


def _check_text(value: str, what: str) -> None:
    """Reject empty strings and control characters (they break XMP and Info)."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what} must be a non-empty string")
    if _CONTROL_CHARS.search(value):
        raise ValueError(f"{what} contains control characters: {value!r}")


def _check_part(pdf: Pdf, path: Path) -> None:
    """Raise ``ValueError`` unless ``pdf`` is a tagged PDF/A-2 without forms."""
    root = pdf.Root
    if "/StructTreeRoot" not in root:
        raise ValueError(f"{path}: not a tagged PDF (no structure tree)")
    if "/AcroForm" in root and len(root.AcroForm.get("/Fields", Array())) > 0:
        raise ValueError(f"{path}: PDF forms are not supported")
    meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
    if str(meta.get("pdfaid:part", "")) != "2":
        raise ValueError(f"{path}: not PDF/A-2 (XMP pdfaid:part is missing or not 2)")


def _build(bundle: Pdf, parts: list[_Part], *, title: str, lang: str) -> None:
    """Fill the empty ``bundle`` with the pages, tree and metadata of ``parts``."""
    offset = 0
    for part in parts:
        part.first_page = len(bundle.pages)
        part.page_count = len(part.pdf.pages)
        part.offset = offset
        offset += _next_key(part.pdf)
        part.named_dests = _named_dests(part.pdf)
        with warnings.catch_warnings():  # named destinations are resolved below
            if _PAGE_COPY_WARNING is not None:
                warnings.simplefilter("ignore", _PAGE_COPY_WARNING)
            bundle.pages.extend(part.pdf.pages)
        for src, new in zip(part.pdf.pages, bundle.pages[part.first_page :]):
            part.page_map[src.obj.objgen] = new.obj
    _fix_pages(bundle, parts)
    _merge_structure(bundle, parts, next_key=offset, lang=lang)
    _build_outline(bundle, parts)
    _page_labels(bundle, parts)
    _catalog_and_metadata(bundle, parts[0], parts, title=title, lang=lang)


def _next_key(pdf: Pdf) -> int:
    """Return one more than the largest struct-parent key used in ``pdf``."""
    tree = pdf.Root.StructTreeRoot
    keys = [int(tree.get("/ParentTreeNextKey", 0)) - 1]
    if "/ParentTree" in tree:
        keys.extend(int(k) for k in pikepdf.NumberTree(tree.ParentTree).keys())
    for page in pdf.pages:
        keys.append(int(page.obj.get("/StructParents", -1)))
        for annot in page.obj.get("/Annots", Array()):
            keys.append(int(annot.get("/StructParent", -1)))
    return max(keys) + 1


def _named_dests(pdf: Pdf) -> dict[str, pikepdf.Object]:
    """Collect the named destinations of ``pdf`` (``/Names /Dests`` and ``/Dests``)."""
    dests: dict[str, pikepdf.Object] = {}
    root = pdf.Root
    if "/Dests" in root:
        for name, value in root.Dests.items():
            dests[name.lstrip("/")] = value
    if "/Names" in root and "/Dests" in root.Names:
        for name, value in pikepdf.NameTree(root.Names.Dests).items():
            dests[str(name)] = value
    return {k: (v.D if isinstance(v, Dictionary) and "/D" in v else v) for k, v in dests.items()}


def _remap_dest(dest: pikepdf.Object | None, part: _Part) -> pikepdf.Object | None:
    """Turn a destination of ``part`` into an explicit one on the bundle's pages.

    Named destinations are resolved through the part's name tree; page
    references (source page objects or page indexes) are mapped to the
    bundle's pages.  Returns ``None`` if unresolvable.
    """
    if isinstance(dest, (String, Name)):
        name = str(dest).lstrip("/") if isinstance(dest, Name) else str(dest)
        dest = part.named_dests.get(name, Array())
    if not isinstance(dest, Array) or len(dest) == 0:
        return None
    target = dest[0]
    if isinstance(target, int):  # page index (remote-style destination)
        index = int(target)
        if not 0 <= index < part.page_count:
            return None
        page = part.page_map[part.pdf.pages[index].obj.objgen]
    elif target.objgen in part.page_map:
        page = part.page_map[target.objgen]
    else:
        return None
    return Array([page, *list(dest)[1:]])


def _fix_pages(bundle: Pdf, parts: list[_Part]) -> None:
    """Shift struct-parent keys of copied pages, form XObjects and annotations.

    Also rewrites link annotations that use named destinations (``/Dest`` or a
    ``/GoTo`` action) to explicit destinations on the bundle's pages, and gives
    font subsets of later parts fresh subset tags (see :func:`_retag_fonts`).
    """
    seen: set[tuple[int, int]] = set()
    fonts: list[pikepdf.Object] = []
    for part in parts:
        for page in bundle.pages[part.first_page : part.first_page + part.page_count]:
            obj = page.obj
            if "/StructParents" in obj:
                obj.StructParents = int(obj.StructParents) + part.offset
            roots = [obj.get("/Resources")]
            for annot in obj.get("/Annots", Array()):
                if annot.is_indirect:
                    if annot.objgen in seen:
                        continue
                    seen.add(annot.objgen)
                if "/StructParent" in annot:
                    annot.StructParent = int(annot.StructParent) + part.offset
                roots.append(annot.get("/AP"))
                _fix_link(annot, part)
            forms, page_fonts = _forms_and_fonts(roots, seen)
            fonts.extend(page_fonts)
            for form in forms:
                for key in ("/StructParent", "/StructParents"):
                    if key in form.stream_dict:
                        form.stream_dict[key] = int(form.stream_dict[key]) + part.offset
    _retag_fonts(fonts)


def _fix_link(annot: pikepdf.Object, part: _Part) -> None:
    """Make a link annotation's internal destination explicit and local."""
    if "/Dest" in annot and not isinstance(annot.Dest, Array):
        new = _remap_dest(annot.Dest, part)
        if new is None:
            del annot["/Dest"]
        else:
            annot.Dest = new
    action = annot.get("/A")
    if isinstance(action, Dictionary) and action.get("/S") == Name.GoTo:
        if not isinstance(action.get("/D"), Array):
            new = _remap_dest(action.get("/D"), part)
            if new is None:
                del annot["/A"]
            else:
                action.D = new


def _forms_and_fonts(roots: list[pikepdf.Object | None],
                     seen: set[tuple[int, int]]) -> tuple[list[pikepdf.Object], list[pikepdf.Object]]:
    """Return the form XObjects and font dictionaries reachable from ``roots``.

    ``roots`` are resource dictionaries and annotation appearance dictionaries;
    sub-dictionaries and the resources of forms, patterns and Type 3 fonts are
    followed.  Objects in ``seen`` are skipped and added to it, so each is
    returned once per bundle, in a deterministic order.
    """
    forms: list[pikepdf.Object] = []
    fonts: list[pikepdf.Object] = []
    stack = [r for r in reversed(roots) if r is not None]
    while stack:
        obj = stack.pop()
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Stream):
            if obj.stream_dict.get("/Subtype") == Name.Form:
                forms.append(obj)
            if "/Resources" in obj.stream_dict:
                stack.append(obj.stream_dict.Resources)
        elif isinstance(obj, Dictionary):
            if obj.get("/Type") == Name.Font:
                fonts.append(obj)
                if "/Resources" in obj:  # Type 3
                    stack.append(obj.Resources)
                continue
            values = [v for _, v in sorted(obj.items()) if isinstance(v, (Dictionary, pikepdf.Stream))]
            stack.extend(reversed(values))
    return forms, fonts


_SUBSET = re.compile(r"^/([A-Z]{6})\+")


def _retag_fonts(fonts: list[pikepdf.Object]) -> None:
    """Give every font subset a tag unique in the bundle.

    LibreOffice names the subsets of each file ``BAAAAA+``, ``CAAAAA+``, ... so
    merged parts share tags for different subsets, which ISO 32000-1 (9.6.4)
    forbids.  The first font with a tag keeps it; later ones get an unused tag
    (also in ``/FontName`` of the descriptors and in descendant fonts).
    """
    used = {m.group(1) for f in fonts if (m := _SUBSET.match(str(f.get("/BaseFont", ""))))}
    owner: dict[str, tuple[int, int]] = {}
    counter = 0
    for font in fonts:
        match = _SUBSET.match(str(font.get("/BaseFont", "")))
        if not match:
            continue
        tag = match.group(1)
        if owner.setdefault(tag, font.objgen) == font.objgen:
            continue
        while True:
            new, n = "", counter
            for _ in range(6):
                new, n = chr(ord("A") + n % 26) + new, n // 26
            counter += 1
            if new not in used:
                break
        used.add(new)
        owner[new] = font.objgen
        targets = [font, *font.get("/DescendantFonts", Array())]
        for target in targets:
            for holder, key in ((target, "/BaseFont"), (target.get("/FontDescriptor"), "/FontName")):
                if holder is not None and str(holder.get(key, "")).startswith(f"/{tag}+"):
                    holder[key] = Name("/" + new + str(holder[key])[7:])


def _merge_structure(bundle: Pdf, parts: list[_Part], *, next_key: int, lang: str) -> None:
    """Build the bundle's structure tree: Document > Part (one per input) > ..."""
    root = bundle.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = bundle.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.Document, P=root, K=Array())
    )
    role_map: dict[str, pikepdf.Object] = {}
    class_map: dict[str, pikepdf.Object] = {}
    nums: dict[int, pikepdf.Object] = {}
    ids: dict[str, pikepdf.Object] = {}
    for part in parts:
        src_root = part.pdf.Root.StructTreeRoot
        kids, values, id_items, maps = _copy_tree(bundle, part)
        renames = _merge_maps(role_map, maps.get("/RoleMap"), part, rename=True)
        _merge_maps(class_map, maps.get("/ClassMap"), part, rename=False)
        if renames:
            _rename_types(kids, renames)
        single = len(kids) == 1 and _role(kids[0], src_root) == "/Document"
        if single:  # LibreOffice: one Document element; it becomes the Part.
            elem = kids[0]
            elem.S = Name.Part
        else:
            elem = bundle.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Part, K=kids))
            for kid in kids:
                kid.P = elem
        elem.P = document
        elem.T = String(part.title)
        part_lang = part.pdf.Root.get("/Lang")
        if part_lang is not None and str(part_lang) != lang and "/Lang" not in elem:
            elem.Lang = part_lang
        document.K.append(elem)
        for key, value in values:
            nums[key + part.offset] = value
        for id_key, value in id_items:
            ids.setdefault(id_key, value)
    parent_tree: list[int | pikepdf.Object] = []
    for key in sorted(nums):
        parent_tree += [key, nums[key]]
    root.K = Array([document])
    root.ParentTree = bundle.make_indirect(Dictionary(Nums=Array(parent_tree)))
    root.ParentTreeNextKey = next_key
    if role_map:
        root.RoleMap = Dictionary({k: role_map[k] for k in sorted(role_map)})
    if class_map:
        root.ClassMap = Dictionary({k: class_map[k] for k in sorted(class_map)})
    if ids:
        names = Array()
        for id_key in sorted(ids):
            names.extend([String(id_key), ids[id_key]])
        root.IDTree = bundle.make_indirect(Dictionary(Names=names))
    bundle.Root.StructTreeRoot = root


def _copy_tree(bundle: Pdf, part: _Part) -> tuple[list[pikepdf.Object], list[tuple[int, pikepdf.Object]],
                                                  list[tuple[str, pikepdf.Object]], pikepdf.Object]:
    """Copy a part's top structure elements, parent tree values and ID tree.

    Everything, role and class maps included, is copied in one
    ``copy_foreign`` call so that references between them, and to the pages
    and annotations copied before, resolve to the same bundle objects.  The
    top elements' ``/P`` (the source ``StructTreeRoot``) is removed first so
    the source root is not dragged in.
    Returns ``(kids, [(key, value)], [(id, element)], {role/class maps})``,
    all as bundle objects.
    """
    src = part.pdf
    src_root = src.Root.StructTreeRoot
    top = src_root.get("/K", Array())
    kids = [k for k in (top if isinstance(top, Array) else [top]) if isinstance(k, Dictionary)]
    kids = [k if k.is_indirect else src.make_indirect(k) for k in kids]
    for kid in kids:
        if "/P" in kid:
            del kid["/P"]
    keys: list[int] = []
    values = Array()
    if "/ParentTree" in src_root:
        for key, value in pikepdf.NumberTree(src_root.ParentTree).items():
            keys.append(int(key))
            values.append(value)
    id_keys: list[str] = []
    id_values = Array()
    if "/IDTree" in src_root:
        for name, elem in pikepdf.NameTree(src_root.IDTree).items():
            id_keys.append(str(name))
            id_values.append(elem)
    holder = Dictionary(K=Array(kids), V=values, I=id_values, M=Dictionary())
    for map_key in ("/RoleMap", "/ClassMap"):
        if isinstance(src_root.get(map_key), Dictionary):
            holder.M[map_key] = src_root[map_key]
    copied = bundle.copy_foreign(src.make_indirect(holder))
    return list(copied.K), list(zip(keys, copied.V)), list(zip(id_keys, copied.I)), copied.M


def _role(elem: pikepdf.Object, src_root: pikepdf.Object) -> str:
    """Return the standard type of a structure element (following the role map)."""
    role = str(elem.get("/S", ""))
    role_map = src_root.get("/RoleMap", Dictionary())
    for _ in range(10):
        if role not in role_map or str(role_map[role]) == role:
            break
        role = str(role_map[role])
    return role


def _merge_maps(merged: dict[str, pikepdf.Object], source: pikepdf.Object | None, part: _Part, *,
                rename: bool) -> dict[str, str]:
    """Merge a role map or class map into ``merged`` (first definition wins).

    For role maps (``rename=True``) a type that a later part maps differently
    is renamed for that part (``/Name_p<n>``); the renames are returned.
    """
    renames: dict[str, str] = {}
    if source is None:
        return renames
    for key, value in source.items():
        if key not in merged:
            merged[key] = value
        elif rename and str(merged[key]) != str(value):
            new = f"{key}_p{part.number}"
            merged[new] = value
            renames[key] = new
    return renames


def _rename_types(kids: Iterable[pikepdf.Object], renames: dict[str, str]) -> None:
    """Rename ``/S`` of the structure elements below ``kids`` per ``renames``."""
    stack, seen = list(kids), set()
    while stack:
        elem = stack.pop()
        if not isinstance(elem, Dictionary) or elem.get("/Type") in (Name.MCR, Name.OBJR):
            continue
        if elem.is_indirect:
            if elem.objgen in seen:
                continue
            seen.add(elem.objgen)
        if str(elem.get("/S", "")) in renames:
            elem.S = Name(renames[str(elem.S)])
        k = elem.get("/K")
        stack.extend(k if isinstance(k, Array) else [k] if k is not None else [])


def _build_outline(bundle: Pdf, parts: list[_Part]) -> None:
    """Create one bookmark per part with the part's own outline nested below."""
    outlines = bundle.make_indirect(Dictionary(Type=Name.Outlines))
    tops = []
    for part in parts:
        first = bundle.pages[part.first_page].obj
        item = bundle.make_indirect(
            Dictionary(Title=String(part.title), Dest=Array([first, Name.Fit]))
        )
        src_outlines = part.pdf.Root.get("/Outlines")
        children = _copy_outline_items(bundle, src_outlines, part) if src_outlines else []
        tops.append(_Node(item, children, is_open=True))
    root = _Node(outlines, tops, is_open=True)
    _link(root)
    bundle.Root.Outlines = outlines
    bundle.Root.PageMode = Name.UseOutlines


@dataclass
class _Node:
    """An outline item of the bundle with its children and open state."""

    item: pikepdf.Object
    children: list[_Node]
    is_open: bool


def _copy_outline_items(bundle: Pdf, parent: pikepdf.Object, part: _Part) -> list[_Node]:
    """Copy the children of the source outline node ``parent`` into the bundle."""
    result = []
    node, seen = parent.get("/First"), set()
    while isinstance(node, Dictionary) and node.objgen not in seen:
        seen.add(node.objgen)
        item = Dictionary(Title=String(str(node.get("/Title", ""))))
        dest, action = node.get("/Dest"), node.get("/A")
        if isinstance(action, Dictionary) and action.get("/S") == Name.GoTo:
            dest = action.get("/D")
        elif isinstance(action, Dictionary) and action.get("/S") == Name.URI:
            item.A = Dictionary(S=Name.URI, URI=action.URI)
        if dest is not None:
            new = _remap_dest(dest, part)
            if new is not None:
                item.Dest = new
        for key in ("/C", "/F"):
            if key in node:
                item[key] = node[key]
        if "/SE" in node and node.SE.is_indirect:
            item.SE = bundle.copy_foreign(node.SE)
        children = _copy_outline_items(bundle, node, part)
        is_open = int(node.get("/Count", 0)) > 0
        result.append(_Node(bundle.make_indirect(item), children, is_open))
        node = node.get("/Next")
    return result


def _link(node: _Node) -> int:
    """Link ``node``'s subtree (First/Last/Prev/Next/Parent/Count); return visible count."""
    visible = 0
    kids = [child.item for child in node.children]
    for i, child in enumerate(node.children):
        child.item.Parent = node.item
        if i > 0:
            child.item.Prev = kids[i - 1]
        if i + 1 < len(kids):
            child.item.Next = kids[i + 1]
        below = _link(child)
        visible += 1 + (below if child.is_open else 0)
    if kids:
        node.item.First, node.item.Last = kids[0], kids[-1]
        node.item.Count = visible if node.is_open else -visible
    if node.item.get("/Type") == Name.Outlines:
        node.item.Count = visible
    return visible


def _page_labels(bundle: Pdf, parts: list[_Part]) -> None:
    """Label pages "1-1", "1-2", ..., "2-1", ...: decimal, restarting per part."""
    nums: list[int | pikepdf.Object] = []
    for part in parts:
        nums += [part.first_page, Dictionary(S=Name.D, P=String(f"{part.number}-"))]
    bundle.Root.PageLabels = Dictionary(Nums=Array(nums))


def _catalog_and_metadata(bundle: Pdf, first: _Part, parts: list[_Part], *, title: str, lang: str) -> None:
    """Take MarkInfo, XMP, output intents and Info from the first part; set title/lang."""
    src = first.pdf
    root = bundle.Root
    root.MarkInfo = Dictionary(Marked=True)
    if "/Suspects" in src.Root.get("/MarkInfo", Dictionary()):
        root.MarkInfo.Suspects = src.Root.MarkInfo.Suspects
    root.Lang = String(lang)
    root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    if "/OutputIntents" in src.Root:
        root.OutputIntents = bundle.copy_foreign(src.make_indirect(src.Root.OutputIntents))
    open_action = src.Root.get("/OpenAction")
    if isinstance(open_action, Array):
        new = _remap_dest(open_action, first)
        if new is not None:
            root.OpenAction = new
    for key, value in src.docinfo.items():
        indirect = isinstance(value, pikepdf.Object) and value.is_indirect
        bundle.docinfo[key] = bundle.copy_foreign(value) if indirect else value
    bundle.docinfo.Title = String(title)
    root.Metadata = bundle.copy_foreign(src.Root.Metadata)
    claims = [_claims(p.pdf) for p in parts]
    with bundle.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = title
        meta["pdfaid:part"] = "2"
        # the weakest claim of the parts: level A (tagged, PDF/A-2a) only when every part makes it
        meta["pdfaid:conformance"] = "A" if all(level == "A" for level, _ in claims) else "B"
        if not all(ua for _, ua in claims) and "pdfuaid:part" in meta:
            del meta["pdfuaid:part"]
    if all(ua for _, ua in claims):
        declare_pdfua(bundle)


def _claims(pdf: Pdf) -> tuple[str, bool]:
    """A part's PDF/A conformance level and whether it declares PDF/UA-1."""
    meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
    return str(meta.get("pdfaid:conformance", "B")).upper(), str(meta.get("pdfuaid:part", "")) == "1"


def _save_atomically(pdf: Pdf, out: Path, *, min_version: str) -> None:
    """Save ``pdf`` deterministically, then write it with the project's atomic write."""
    buffer = io.BytesIO()
    pdf.save(buffer, deterministic_id=True, min_version=min_version,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    write_atomic(out, buffer.getvalue())
