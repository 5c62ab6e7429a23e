"""Make LibreOffice's PDF/A output byte-reproducible.

LibreOffice writes the time of conversion in several places (Info dictionary, XMP,
the header of the embedded sRGB ICC profile), a ``/DocChecksum`` and a random
``/ID``; it ignores ``SOURCE_DATE_EPOCH``. :func:`normalize_pdf` replaces all of
these with fixed values, so the same DOCX gives the same PDF bytes.

It also repairs what keeps LibreOffice 7.4's tagged PDF/A-2 from being PDF/UA-1
(ISO 14289-1) as well, and declares both in XMP: standard structure types that
the role map maps to themselves (circular mapping, 7.1-6) or to another type
(7.1-7) lose their entry; ``/Tabs`` becomes the name ``/S`` on every page
(7.18.3-1); drawing outside any marked content (paragraph borders, clip paths)
is marked as an artifact (7.1-3); a Figure without a text alternative that draws only paths (the
CONCEPT watermark from a page header) becomes an artifact; a heading that skips a level (a Markdown
heading below a template heading) is lifted to the next level (7.4.2-1). Tags, outline and output intent are otherwise
left alone.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
import zlib
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pikepdf

from ..files import write_atomic

DEFAULT_DATE = "2000-01-01T00:00:00Z"
DEFAULT_LANG = "nl-NL"

__all__ = ["DEFAULT_DATE", "DEFAULT_LANG", "PDFA_CONFORMANCE", "declare_pdfua", "normalize_pdf"]

PDFA_CONFORMANCE = "A"
"""The PDF/A level declared next to PDF/UA-1: the tagged output meets PDF/A-2a (veraPDF)."""

# ISO 32000-1:2008, 14.8.4: the standard structure types, which a role map may not remap (PDF/UA 7.1-7).
_STANDARD_TYPES = frozenset(
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 "
    "L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot "
    "Ruby RB RT RP Warichu WT WP Figure Formula Form".split()
)
# Operators that put marks on the page or set the clipping path: outside marked content they must be
# an artifact (PDF/UA 7.1-3). Text (BT..ET) outside marked content is left alone: veraPDF reports it.
_DRAWING = frozenset("m l c v y h re S s f F f* B B* b b* n W W* sh Do BI".split())
_BREAKS = frozenset("q Q BT ET BMC BDC EMC BX EX MP DP".split())


def _parse_date(value: datetime | str) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).replace(microsecond=0)


def _fix_icc_profile(data: bytes, when: datetime) -> bytes | None:
    """Return the profile with its creation date set to ``when`` (None if unchanged).

    ICC header: bytes 24-35 hold the creation date as six big-endian uint16
    (year, month, day, hour, minute, second); bytes 84-99 an optional MD5 profile
    ID computed with flags (44-47), rendering intent (64-67) and the ID zeroed.
    """
    if len(data) < 128 or data[36:40] != b"acsp":
        return None
    stamp = struct.pack(">6H", when.year, when.month, when.day, when.hour, when.minute, when.second)
    out = bytearray(data)
    out[24:36] = stamp
    if any(out[84:100]):
        tmp = bytearray(out)
        tmp[44:48] = bytes(4)
        tmp[64:68] = bytes(4)
        tmp[84:100] = bytes(16)
        out[84:100] = hashlib.md5(bytes(tmp)).digest()
    new = bytes(out)
    return None if new == data else new


def _fix_output_intents(pdf: pikepdf.Pdf, when: datetime) -> None:
    seen: set[tuple[int, int]] = set()
    for intent in pdf.Root.get("/OutputIntents", pikepdf.Array()):
        profile = intent.get("/DestOutputProfile")
        if not isinstance(profile, pikepdf.Stream) or profile.objgen in seen:
            continue
        seen.add(profile.objgen)
        try:
            data = profile.read_bytes()
        except pikepdf.PdfError:
            continue  # a filter we cannot decode: leave it alone
        new = _fix_icc_profile(data, when)
        if new is not None:
            profile.write(zlib.compress(new, 9), filter=pikepdf.Name.FlateDecode)


_PDFUA_EXTENSION = b"""<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
   xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
     <pdfaProperty:name>part</pdfaProperty:name>
     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
     <pdfaProperty:category>internal</pdfaProperty:category>
     <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>
  </rdf:Description>
 </rdf:RDF>"""
"""PDF/A-2 accepts the ``pdfuaid`` property only when an extension schema describes it (6.6.2.3)."""


def declare_pdfua(pdf: pikepdf.Pdf) -> None:
    """Declare PDF/UA-1 in XMP: ``pdfuaid:part`` 1 and, for PDF/A, the extension schema describing it."""
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["pdfuaid:part"] = "1"
    xmp = pdf.Root.Metadata.read_bytes()
    if b"http://www.aiim.org/pdfa/ns/extension/" not in xmp and b"</rdf:RDF>" in xmp:
        xmp = xmp.replace(b"</rdf:RDF>", _PDFUA_EXTENSION, 1)
        pdf.Root.Metadata = pdf.make_stream(xmp, Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)


def _fix_role_map(pdf: pikepdf.Pdf) -> None:
    """Drop role-map entries of standard structure types (LibreOffice maps /H1 to /H1 and /Quote to /P)."""
    tree = pdf.Root.get("/StructTreeRoot")
    role_map = tree.get("/RoleMap") if isinstance(tree, pikepdf.Dictionary) else None
    if not isinstance(role_map, pikepdf.Dictionary):
        return
    for key in list(role_map.keys()):
        if key[1:] in _STANDARD_TYPES or str(role_map[key]) == key:
            del role_map[key]


_HEADINGS = {f"/H{level}": level for level in range(1, 7)}
_NOT_STRUCTURE = (pikepdf.Name.MCR, pikepdf.Name.OBJR)
_FIGURE_LIKE = (pikepdf.Name.Figure, pikepdf.Name.Div)
_NOT_DECORATION = frozenset("Tj TJ ' \" Do BI".split())

Ops = list[Any]
"""A page's content stream as pikepdf parses it (instructions and inline images)."""


def _walk_structure(tree: pikepdf.Object) -> dict[tuple[int, int], dict[int, pikepdf.Object]]:
    """One walk of the structure tree, in reading order, for two repairs.

    Headings: H1..H6 are renumbered so the first is H1 and none skips a level (H1 H3 → H1 H2).
    Decoration: returns, per page, the marked-content ids of each Figure or Div without a text
    alternative whose kids are all marked content on its own page (what `_decorate` may make an
    artifact when the marked content draws only paths)."""
    candidates: dict[tuple[int, int], dict[int, pikepdf.Object]] = {}
    previous = 0
    stack: list[pikepdf.Object] = [tree]
    seen: set[tuple[int, int]] = set()
    while stack:
        elem = stack.pop()
        if not isinstance(elem, pikepdf.Dictionary) or elem.get("/Type") in _NOT_STRUCTURE:
            continue
        if elem.is_indirect:
            if elem.objgen in seen:
                continue
            seen.add(elem.objgen)
        tag = elem.get("/S")
        kids = elem.get("/K")
        if tag is not None:
            level = _HEADINGS.get(str(tag))
            if level is not None:
                if level > previous + 1:
                    level = previous + 1
                    elem.S = pikepdf.Name(f"/H{level}")
                previous = level
            elif tag in _FIGURE_LIKE and "/Alt" not in elem and "/ActualText" not in elem:
                mcids = _own_marked_content(elem, kids)
                if mcids:
                    pg = elem.Pg
                    for mcid in mcids:
                        candidates.setdefault(pg.objgen, {})[mcid] = elem
        if isinstance(kids, pikepdf.Array):
            stack.extend(reversed(list(kids)))
        elif kids is not None:
            stack.append(kids)
    return candidates


def _own_marked_content(elem: pikepdf.Object, kids: pikepdf.Object | None) -> list[int]:
    """The marked-content ids of `elem` when all its kids are marked content on its page /Pg, else []."""
    pg = elem.get("/Pg")
    if not isinstance(pg, pikepdf.Dictionary) or kids is None:
        return []
    kid_list = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    mcids = []
    for k in kid_list:
        if isinstance(k, int):
            mcids.append(int(k))
        elif (isinstance(k, pikepdf.Dictionary) and k.get("/Type") == pikepdf.Name.MCR
              and k.get("/Pg", pg).objgen == pg.objgen):
            mcids.append(int(k.MCID))
        else:
            return []
    return mcids


def _decorate(page: pikepdf.Page, ops: Ops, wanted: dict[int, pikepdf.Object], parent_tree: Any,
              forms: dict[tuple[int, int], bool]) -> bool:
    """Make a Figure or Div without a text alternative that only draws paths (no text, no image) an artifact.

    LibreOffice tags a shape in a header, the diagonal CONCEPT watermark, as a Figure of the body. It is
    decoration: a screen reader should not meet it on every page (PDF/UA 7.3-1 wants a text alternative
    for a real figure; veraPDF reports a real one without, this leaves it alone). `wanted` are this
    page's candidates by marked-content id; `ops` is changed in place; returns whether it changed."""
    spans: dict[int, tuple[int, int]] = {}
    depth, current, start = 0, -1, 0
    for i, item in enumerate(ops):
        if isinstance(item, pikepdf.ContentStreamInlineImage):
            continue
        op = str(item.operator)
        if op == "BDC" or op == "BMC":
            depth += 1
            props = item.operands[1] if op == "BDC" and len(item.operands) > 1 else None
            if depth == 1 and isinstance(props, pikepdf.Dictionary) and int(props.get("/MCID", -1)) in wanted:
                current, start = int(props.MCID), i
        elif op == "EMC":
            if depth == 1 and current >= 0:
                spans[current] = (start, i)
                current = -1
            depth = max(0, depth - 1)
    by_elem: dict[tuple[int, int], list[int]] = {}
    for mcid, elem in wanted.items():
        by_elem.setdefault(elem.objgen, []).append(mcid)
    changed = False
    resources = page.obj.get("/Resources")
    for mcids in by_elem.values():
        if not all(m in spans for m in mcids):
            continue
        drawn = [ops[j] for m in mcids for j in range(spans[m][0] + 1, spans[m][1])]
        if not _only_paths(drawn, resources, forms):
            continue
        for m in mcids:
            ops[spans[m][0]] = pikepdf.ContentStreamInstruction([pikepdf.Name.Artifact], pikepdf.Operator("BMC"))
        elem = wanted[mcids[0]]
        _unlink(elem)
        struct_parents = page.obj.get("/StructParents")
        if parent_tree is not None and struct_parents is not None and int(struct_parents) in parent_tree:
            entries = parent_tree[int(struct_parents)]
            for m in mcids:
                if isinstance(entries, pikepdf.Array) and m < len(entries):
                    entries[m] = pikepdf.Object.parse(b"null")
        changed = True
    return changed


def _only_paths(ops: Ops, resources: pikepdf.Object | None, forms: dict[tuple[int, int], bool],
                depth: int = 0) -> bool:
    """Whether content draws no text and no image (form XObjects are looked into, two levels deep;
    `forms` remembers the answer for a form with its own resources, which every page shares)."""
    xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
    for item in ops:
        if isinstance(item, pikepdf.ContentStreamInlineImage):
            return False
        op = str(item.operator)
        if op == "Do":
            xobject = xobjects.get(item.operands[0]) if isinstance(xobjects, pikepdf.Dictionary) else None
            if not isinstance(xobject, pikepdf.Stream) or xobject.get("/Subtype") != pikepdf.Name.Form or depth > 1:
                return False
            if not _form_only_paths(xobject, resources, forms, depth + 1):
                return False
        elif op in _NOT_DECORATION:
            return False
    return True


_FORMS: dict[tuple[bytes, int], bool] = {}
"""Whether a form XObject draws only paths, by its content and depth, for a form without inner
forms: the CONCEPT watermark is the same form in every page of every document."""


def _form_only_paths(xobject: pikepdf.Stream, resources: pikepdf.Object | None,
                     forms: dict[tuple[int, int], bool], depth: int) -> bool:
    """`_only_paths` of a form XObject's content. Only the operators that can make it not decoration are
    parsed (text, images, inner forms); the answer is remembered per form of this document, and across
    documents by content when the form holds no inner form (then its resources do not matter)."""
    key = (xobject.objgen[0], xobject.objgen[1] * 8 + depth)
    answer = forms.get(key) if xobject.is_indirect else None
    if answer is not None:
        return answer
    content = xobject.read_bytes()
    shared = (hashlib.sha256(content).digest(), depth)
    answer = _FORMS.get(shared)
    if answer is None:
        inner = list(pikepdf.parse_content_stream(xobject, " ".join(sorted(_NOT_DECORATION | {"ID", "EI"}))))
        answer = _only_paths(inner, xobject.get("/Resources", resources), forms, depth)
        if not any(not isinstance(i, pikepdf.ContentStreamInlineImage) and str(i.operator) == "Do" for i in inner):
            if len(_FORMS) >= 256:
                del _FORMS[next(iter(_FORMS))]
            _FORMS[shared] = answer
    if xobject.is_indirect:
        forms[key] = answer
    return answer


def _unlink(elem: pikepdf.Object) -> None:
    """Take a structure element out of its parent's kids."""
    parent = elem.get("/P")
    if not isinstance(parent, pikepdf.Dictionary):
        return
    kids = parent.get("/K")
    if isinstance(kids, pikepdf.Array):
        keep = [k for k in kids if not (isinstance(k, pikepdf.Dictionary) and k.is_indirect and k.objgen == elem.objgen)]
        parent.K = pikepdf.Array(keep)
    elif isinstance(kids, pikepdf.Dictionary) and kids.objgen == elem.objgen:
        del parent["/K"]


def _artifact_drawing(ops: Ops) -> Ops | None:
    """Wrap drawing outside any marked-content sequence in ``/Artifact BMC … EMC``; None when there is none.

    A wrapped run holds only drawing and the path, colour and line-state operators between them;
    ``q``/``Q``, text objects and marked-content operators end it, so nesting stays intact.
    """
    out: Ops = []
    run: Ops = []
    depth, drawing, changed = 0, False, False
    breaks, draws = _BREAKS, _DRAWING
    inline = pikepdf.ContentStreamInlineImage

    for item in ops:
        op = "BI" if isinstance(item, inline) else str(item.operator)
        if depth == 0 and op not in breaks:
            run.append(item)
            if op in draws:
                drawing = True
            continue
        if run:
            changed = _flush(out, run, drawing) or changed
            run = []
            drawing = False
        if op == "BMC" or op == "BDC":
            depth += 1
        elif op == "EMC":
            depth = max(0, depth - 1)
        out.append(item)
    if run:
        changed = _flush(out, run, drawing) or changed
    return out if changed else None


def _flush(out: list[Any], run: list[Any], drawing: bool) -> bool:
    """Append a run of unmarked operators to `out`, inside an Artifact mark when it draws; whether it did."""
    if drawing:
        out.append(pikepdf.ContentStreamInstruction([pikepdf.Name.Artifact], pikepdf.Operator("BMC")))
    out.extend(run)
    if drawing:
        out.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC")))
    return drawing


def _make_accessible(pdf: pikepdf.Pdf) -> None:
    """The PDF/UA-1 repairs of the tagged structure and the pages (see the module's docstring): one
    walk of the structure tree, and per page one parse of its content and at most one write."""
    if "/StructTreeRoot" not in pdf.Root:
        return
    _fix_role_map(pdf)
    tree = pdf.Root.StructTreeRoot
    candidates = _walk_structure(tree)
    parent_tree = pikepdf.NumberTree(tree.ParentTree) if candidates and "/ParentTree" in tree else None
    forms: dict[tuple[int, int], bool] = {}
    tabs = pikepdf.Name.S
    for page in pdf.pages:
        obj = page.obj
        obj.Tabs = tabs
        ops = list(pikepdf.parse_content_stream(page))
        wanted = candidates.get(obj.objgen)
        decorated = _decorate(page, ops, wanted, parent_tree, forms) if wanted else False
        wrapped = _artifact_drawing(ops)
        if wrapped is not None or decorated:
            obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(wrapped if wrapped is not None else ops))


def normalize_pdf(
    path: str | os.PathLike[str],
    title: str | None = None,
    *,
    date: datetime | str = DEFAULT_DATE,
    lang: str = DEFAULT_LANG,
    durable: bool = True,
) -> None:
    """Rewrite the PDF at ``path`` in place (atomically) with fixed metadata.

    With ``durable=False`` the new file is not synced to disk here (a build syncs its staging folder
    once, before its commit point, instead of waiting for the disk after every PDF).

    - Info ``/CreationDate`` and ``/ModDate`` and XMP ``xmp:CreateDate``,
      ``xmp:ModifyDate`` and ``xmp:MetadataDate`` become ``date`` (UTC);
    - the creation date in the header of embedded ICC profiles too;
    - ``/DocChecksum`` (trailer or Info) is removed, ``/ID`` is derived from the content;
    - ``/Lang`` is set to ``lang`` only when the document has none;
    - with ``title``, Info ``/Title`` and XMP ``dc:title`` are set to it.
    """
    path = Path(path)
    when = _parse_date(date)
    # not strftime: its %Y writes the year 999 as '999', and PDF and XMP dates need four digits
    pdf_date = f"D:{when.year:04d}{when:%m%d%H%M%S}Z"
    xmp_date = f"{when.year:04d}-{when:%m-%dT%H:%M:%S}Z"

    with pikepdf.open(path) as pdf:
        # XMP first; we keep the Info dictionary in sync ourselves.
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["xmp:CreateDate"] = xmp_date
            meta["xmp:ModifyDate"] = xmp_date
            meta["xmp:MetadataDate"] = xmp_date
            if title is not None:
                meta["dc:title"] = title
            accessible = "/StructTreeRoot" in pdf.Root and str(meta.get("pdfaid:part", "")) == "2"
            if accessible:
                meta["pdfaid:conformance"] = PDFA_CONFORMANCE
        if accessible:
            declare_pdfua(pdf)

        info = pdf.docinfo
        info[pikepdf.Name.CreationDate] = pikepdf.String(pdf_date)
        info[pikepdf.Name.ModDate] = pikepdf.String(pdf_date)
        # LibreOffice 7.4 writes /DocChecksum into the trailer; others into Info.
        for holder in (info, pdf.trailer):
            if pikepdf.Name.DocChecksum in holder:
                del holder[pikepdf.Name.DocChecksum]
        if title is not None:
            info[pikepdf.Name.Title] = pikepdf.String(title)

        if not str(pdf.Root.get("/Lang", "")).strip():
            pdf.Root.Lang = pikepdf.String(lang)

        _fix_output_intents(pdf, when)
        _make_accessible(pdf)

        if "/ID" in pdf.trailer:
            del pdf.trailer.ID

        buffer = io.BytesIO()
        pdf.save(buffer, deterministic_id=True)
    write_atomic(path, buffer.getvalue(), sync=durable)

