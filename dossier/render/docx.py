"""The docxtpl adapter: a fresh template per render, strict undefined variables, autoescape,
Markdown turned into Word structure, core properties set from raw values, reproducible bytes."""

from __future__ import annotations

import io
import re
import struct
import unicodedata
import zipfile
import zlib
from functools import lru_cache
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
import jinja2.nodes
from docx.oxml import parse_xml
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage, RichText
from lxml import etree
from markupsafe import Markup, escape

from ..context.common import Document, Image, Marked, Md, Rich, leaves
from ..errors import BuildError
from ..i18n import _
from .highlight import highlight_texts
from .markdown import markdown_subdoc, sort_run_properties
from .template_cache import once_per_template

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
MARK_COLORS = {"del": "C00000", "ins": "00703C"}


def jinja_env() -> jinja2.Environment:
    """Values are escaped and a misspelt variable is an error, never an empty space."""
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


class _CompilingOnce(jinja2.Environment):
    """An environment that compiles each template source once per process: docxtpl hands every render
    the same patched XML of a template part, and compiling it cost 40 % of an award letter's render.
    The key is the source itself, so an edited template is simply another entry."""

    _compiled: dict[str, jinja2.Template]

    def from_string(self, source: str | jinja2.nodes.Template, globals: Any = None,
                    template_class: Any = None) -> jinja2.Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compiled = self._compiled.get(source)
        if compiled is None:
            if len(self._compiled) >= 256:  # a long `dossier watch` session: forget the oldest
                del self._compiled[next(iter(self._compiled))]
            compiled = self._compiled[source] = super().from_string(source)
        return compiled


@lru_cache(maxsize=1)
def _render_env() -> jinja2.Environment:
    """The environment every render uses (settings as `jinja_env`), with its compiled templates."""
    env = _CompilingOnce(autoescape=True, undefined=jinja2.StrictUndefined)
    env._compiled = {}
    return env


def template_variables(template: Path) -> set[str]:
    """The top-level variables a template uses (for `dossier check`)."""
    return set(DocxTemplate(template).get_undeclared_template_variables(jinja_env()))


def template_fields(template: Path) -> dict[str, set[str] | None]:
    """What a template reads of its context: top-level name → the attributes it reads of that value
    (None: the value as a whole). Lets a review tell a change a document shows from one it ignores."""
    tpl = DocxTemplate(template)
    tpl.init_docx()
    xml = tpl.patch_xml(tpl.get_xml())
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for rel in tpl.docx._part.rels.values():
            if rel.reltype == uri and rel.target_part.blob:
                xml += tpl.patch_xml(tpl.xml_to_string(parse_xml(rel.target_part.blob)))
    used: dict[str, set[str] | None] = {}

    def visit(node: jinja2.nodes.Node) -> None:
        if isinstance(node, jinja2.nodes.Getattr) and isinstance(node.node, jinja2.nodes.Name):
            attrs = used.setdefault(node.node.name, set())
            if attrs is not None:
                attrs.add(node.attr)
            return
        if isinstance(node, jinja2.nodes.Name):
            used[node.name] = None
            return
        for child in node.iter_child_nodes():
            visit(child)

    visit(jinja_env().parse(xml))
    return used


@lru_cache(maxsize=32)
def _undeclared(template: Path, mtime_ns: int) -> frozenset[str]:
    """The template's top-level variables; parsing them costs a third of a small document's render."""
    return frozenset(DocxTemplate(template).get_undeclared_template_variables(jinja_env()))


def render_docx(template: Path, doc: Document, *, author: str, when: date) -> bytes:
    """Render `doc` with `template`; return the DOCX bytes (same input → same bytes)."""
    tpl = _Template(template)
    env = _render_env()
    try:
        missing = sorted(_undeclared(template, template.stat().st_mtime_ns) - set(doc.context))
        if missing:
            raise BuildError(_("{document}: template {template} uses unknown variable(s) {variables}; check the "
                               "spelling in the template ('dossier check')").format(
                document=doc.ident, template=template.name, variables=", ".join(missing)))
        tpl.render(_materialize(tpl, doc.context), env)
    except jinja2.UndefinedError as exc:
        found = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", exc.message or "")
        what = (_("field '{field}' does not exist").format(field=found.group(1) or found.group(2)) if found
                else exc.message)
        raise BuildError(_("{document}: template {template}: {problem}; check the spelling in the template "
                           "('dossier check')").format(document=doc.ident, template=template.name,
                                                       problem=what)) from None
    except jinja2.TemplateSyntaxError as exc:
        raise BuildError(_("{document}: template {template} has an error in a tag: {error}").format(
            document=doc.ident, template=template.name, error=exc.message)) from None
    except (TypeError, ValueError, AttributeError, jinja2.TemplateError) as exc:
        raise BuildError(_("{document}: template {template} cannot be filled in: {error}; check the tags in the "
                           "template ('dossier check')").format(document=doc.ident, template=template.name,
                                                                error=exc)) from None
    _describe_images(tpl, doc.context)
    for part in (tpl.docx.part, *(rel.target_part for rel in tpl.docx.part.rels.values()
                                  if rel.reltype in (tpl.HEADER_URI, tpl.FOOTER_URI))):
        highlight_texts(part.element, doc.markeringen)  # a review build's example values
        sort_run_properties(part.element)
    write_core_properties(tpl.docx, title=doc.title, subject=doc.subject, author=author,
                          keywords=f"{doc.kind}; {doc.key}", when=when)
    return package_bytes(tpl)


_CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}


def write_core_properties(document: Any, *, title: str, subject: str, author: str, keywords: str,
                          when: date, language: str = "nl-NL") -> None:
    """Write docProps/core.xml whole, with the namespaces spelt out.

    Not through python-docx's CoreProperties: docxcompose (which docxtpl's Subdoc needs) rebinds the
    prefix 'cp' in python-docx's namespace map to the custom-properties namespace, so keywords,
    lastModifiedBy and revision would land in the wrong namespace and readers would see them empty."""
    moment = f"{when.year:04d}-{when.month:02d}-{when.day:02d}T00:00:00Z"
    cp, dc, dcterms, xsi = (f"{{{_CORE_NS[k]}}}" for k in ("cp", "dc", "dcterms", "xsi"))
    root = etree.Element(f"{cp}coreProperties", nsmap=_CORE_NS)
    for tag, text in ((f"{dc}title", core_property(title)), (f"{dc}subject", core_property(subject)),
                      (f"{dc}creator", core_property(author)), (f"{cp}keywords", core_property(keywords)),
                      (f"{cp}lastModifiedBy", core_property(author)), (f"{cp}revision", "1"),
                      (f"{cp}lastPrinted", moment), (f"{dc}language", language)):
        etree.SubElement(root, tag).text = text
    for tag in ("created", "modified"):
        stamp = etree.SubElement(root, f"{dcterms}{tag}")
        stamp.set(f"{xsi}type", "dcterms:W3CDTF")
        stamp.text = moment
    document.part.package._core_properties_part._element = root


CORE_PROPERTY_LIMIT = 255
"""Characters python-docx (and Word) allow in a core property such as the title."""


def core_property(text: str) -> str:
    """`text` as a core property: whole when it fits, else cut at a word with '…' (the document itself
    keeps the whole text; the title only names it in the PDF viewer and the file's properties)."""
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    cut = text[:CORE_PROPERTY_LIMIT - 1]
    space = cut.rfind(" ")
    if space > CORE_PROPERTY_LIMIT // 2:
        cut = cut[:space]
    while cut and unicodedata.combining(cut[-1]):  # never leave an accent without its letter
        cut = cut[:-1]
    return cut.rstrip(" ,;:–-") + "…"


_TAG_LOOKALIKE = re.compile(r"\{_|_\}")


def _keep_literal(xml: str) -> str:
    """Write '{_' and '_}' in rendered XML as character references: docxtpl turns '{_{' into '{{' (and
    '{_%' into '{%') after rendering, which would change what the writer wrote."""
    return _TAG_LOOKALIKE.sub(lambda m: "&#123;_" if m.group() == "{_" else "_&#125;", xml)


def _describe_images(tpl: DocxTemplate, context: dict[str, Any]) -> None:
    """Give each inserted image its text alternative (docxtpl leaves it empty; a screen reader and
    the PDF's Figure tag need it)."""
    alts = [value.alt for value in leaves(context) if isinstance(value, Image)]
    if not alts:
        return
    frames = [el for el in tpl.docx.element.body.iter() if el.tag == f"{{{_WP}}}docPr" and not el.get("descr")]
    for frame, alt in zip(frames, alts):
        frame.set("descr", alt)


_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


class _Template(DocxTemplate):  # type: ignore[misc]
    """A DocxTemplate that prepares (patches) each part's XML source once per process: the source
    depends only on the template file, and its regular expressions cost a tenth of a render."""

    def build_xml(self, context: Any, jinja_env: Any = None) -> Any:
        src = _patched(self, "body", self.docx._part, lambda: self.patch_xml(self.get_xml()))
        return self.render_xml_part(src, self.docx._part, context, jinja_env)

    def build_headers_footers_xml(self, context: Any, uri: str, jinja_env: Any = None) -> Any:
        for rel_key, part in self.get_headers_footers(uri):
            src, encoding = _patched(self, rel_key, part, lambda: self._part_source(part))
            yield rel_key, self.render_xml_part(src, part, context, jinja_env).encode(encoding)

    def _part_source(self, part: Any) -> tuple[str, str]:
        xml = self.get_part_xml(part)
        return self.patch_xml(xml), self.get_headers_footers_encoding(xml)


def _patched(tpl: DocxTemplate, name: str, part: Any, make: Any) -> Any:
    """`make()` for this part of this version of the template file, made once per process."""
    return once_per_template(tpl.template_file, f"{name} {part.partname}", make)


def package_bytes(tpl: DocxTemplate) -> bytes:
    """The rendered package as a reproducible DOCX: the members python-docx writes, in its order, with
    fixed entry dates, written once (not saved and then rewritten)."""
    from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
    from docx.opc.pkgwriter import _ContentTypesItem

    tpl.pre_processing()
    package = tpl.docx.part.package
    parts = list(package.iter_parts())
    types = _ContentTypesItem.from_parts(parts).blob  # type: ignore[no-untyped-call]
    members = [(CONTENT_TYPES_URI.membername, types), (PACKAGE_URI.rels_uri.membername, package.rels.xml)]
    for part in parts:
        members.append((part.partname.membername, part.blob))
        if len(part.rels):
            members.append((part.partname.rels_uri.membername, part.rels.xml))
    return write_zip(members)


_DEFLATED: dict[bytes, tuple[int, bytes]] = {}
"""Compressed members by content: styles, theme and fonts are the same in every document of a template
and make up most of its bytes."""


def _deflate(data: bytes) -> tuple[int, bytes]:
    found = _DEFLATED.get(data) if len(data) >= 4096 else None
    if found is None:
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        found = (zlib.crc32(data), compressor.compress(data) + compressor.flush())
        if len(data) >= 4096:
            if len(_DEFLATED) >= 64:
                del _DEFLATED[next(iter(_DEFLATED))]
            _DEFLATED[data] = found
    return found


def write_zip(members: list[tuple[str, bytes]]) -> bytes:
    """A zip of `members` exactly as `reproducible_zip` writes it (zipfile's layout, deflated, dated
    1980-01-01, mode 0644), with the compression of large repeated members done once per process."""
    dostime = (ZIP_DATE[3] << 11) | (ZIP_DATE[4] << 5) | (ZIP_DATE[5] // 2)
    dosdate = ((ZIP_DATE[0] - 1980) << 9) | (ZIP_DATE[1] << 5) | ZIP_DATE[2]
    out = io.BytesIO()
    central = []
    for name, data in members:
        try:
            raw, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            raw, flags = name.encode("utf-8"), 0x800
        crc, packed = _deflate(data)
        offset = out.tell()
        out.write(struct.pack("<4s2B4HL2L2H", b"PK\003\004", 20, 0, flags, zipfile.ZIP_DEFLATED, dostime, dosdate,
                              crc, len(packed), len(data), len(raw), 0))
        out.write(raw)
        out.write(packed)
        central.append(struct.pack("<4s4B4HL2L5H2L", b"PK\001\002", 20, 3, 20, 0, flags, zipfile.ZIP_DEFLATED,
                                   dostime, dosdate, crc, len(packed), len(data), len(raw), 0, 0, 0, 0,
                                   0o644 << 16, offset) + raw)
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(struct.pack("<4s4H2LH", b"PK\005\006", 0, 0, len(central), len(central), len(directory), start, 0))
    return out.getvalue()


def reproducible_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry dates (the only part of a docxtpl DOCX that varies)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


class _LiteralSubdoc:
    """A Markdown subdocument whose text has '{_' or '_}', inserted so that docxtpl keeps them."""

    def __init__(self, subdoc: Any) -> None:
        self.subdoc = subdoc

    def __html__(self) -> str:
        return _keep_literal(self.subdoc.__html__())

    def __str__(self) -> str:
        return _keep_literal(str(self.subdoc))


def _materialize(tpl: DocxTemplate, value: Any) -> Any:
    """Turn the context's Markdown, styled text and images into docxtpl objects for this template."""
    if isinstance(value, Md):
        subdoc = markdown_subdoc(tpl, str(value))
        return _LiteralSubdoc(subdoc) if _TAG_LOOKALIKE.search(str(value)) else subdoc
    if isinstance(value, Rich):
        rich = RichText(value.text, color=value.color, bold=value.bold, size=value.size_pt * 2)
        rich.xml = _keep_literal(rich.xml)
        return rich
    if isinstance(value, Marked):
        text = RichText()
        for mark, part in value.parts:
            text.add(part, strike=mark == "del", underline=mark == "ins", bold=mark == "ins",
                     color=MARK_COLORS.get(mark))
        text.xml = _keep_literal(text.xml)
        return text
    if isinstance(value, str) and _TAG_LOOKALIKE.search(value):
        return Markup(_keep_literal(str(escape(value))))
    if isinstance(value, Image):
        return InlineImage(tpl, value.path, width=Mm(value.width_mm))
    if isinstance(value, dict):
        return {k: _materialize(tpl, v) for k, v in value.items()}
    if isinstance(value, list):
        return [_materialize(tpl, v) for v in value]
    return value
