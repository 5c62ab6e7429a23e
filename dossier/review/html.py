"""A document as accessible HTML: the DOCX rendered from the document's context, read back as structure.

The HTML comes from the same context and template as the DOCX (rendered in memory, no LibreOffice), so
it says exactly what the DOCX says; only the structure is carried over, never the layout: the title and
headings become <h1>–<h6> without skipped levels, list paragraphs <ul>/<ol> (nested by their level),
tables <table> with header cells (`<th scope="col">` for a repeated header row, `<th scope="row">` for
the label column of a two-column table of facts), bold and italic <strong>/<em>, links <a>. The table
of contents (a Word field) is left out; the site makes its own. Review marks (`KIT-K-04 · kit.yaml:150`,
the `Bron` style of a review build) become `<p class="bron">`, and the example values a review build
highlights `<mark>`.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass
class Section:
    """A heading and the text under it, for the search index."""

    anchor: str
    title: str
    words: list[str] = field(default_factory=list)


@dataclass
class Rendition:
    """A document as an HTML fragment (what goes inside <main>), with its headings and text by section."""

    body: Markup
    sections: list[Section]
    headings: list[tuple[int, str, str]]
    """(level, anchor, text) of every heading, for the page's table of contents."""


_PARAGRAPH_CLASS = {"Subtitle": "ondertitel", "Kleine tekst": "klein", "Bron": "bron", "Quote": "citaat"}


def docx_to_html(data: bytes, title: str) -> Rendition:
    """The DOCX `data` as HTML; `title` is the page's <h1> when the document has no Title paragraph."""
    import docx

    document = docx.Document(io.BytesIO(data))
    names = {style.style_id: style.name for style in document.styles}
    links = {rel_id: rel.target_ref for rel_id, rel in document.part.rels.items() if rel.is_external}
    return _Writer(names, links, title).write(document.element.body)


class _Writer:
    def __init__(self, styles: dict[str, str], links: dict[str, str], title: str) -> None:
        self.styles = styles
        self.links = links
        self.title = title
        self.out: list[str] = []
        self.lists: list[str] = []  # the open <ul>/<ol>, outermost first
        self.level = 1  # level of the last heading written (the <h1> is the title)
        self.sections: list[Section] = [Section("", title)]
        self.headings: list[tuple[int, str, str]] = []
        self.has_title = False

    def write(self, body: Any) -> Rendition:
        children = list(body.iterchildren())
        if not any(self._style(c) == "Title" for c in children if c.tag == _w("p")):
            self.out.append(f"<h1>{escape(self.title)}</h1>")
            self.has_title = True
        skip_toc = False
        for child in children:
            if child.tag == _w("p"):
                style = self._style(child)
                if style == "TOC Heading":
                    skip_toc = True
                    continue
                if skip_toc and child.findall(f".//{_w('instrText')}"):
                    skip_toc = False
                    continue
                skip_toc = False
                self._paragraph(child, style)
            elif child.tag == _w("tbl"):
                self._close_lists()
                self._table(child)
            elif child.tag == _w("sdt"):
                content = child.find(_w("sdtContent"))
                if content is not None and not self._is_toc(child):
                    for grandchild in content.iterchildren():
                        if grandchild.tag == _w("p"):
                            self._paragraph(grandchild, self._style(grandchild))
        self._close_lists()
        return Rendition(Markup("\n".join(self.out)), self.sections, self.headings)

    # --- paragraphs ---------------------------------------------------------------------------------

    def _style(self, p: Any) -> str:
        style = p.find(f"{_w('pPr')}/{_w('pStyle')}")
        if style is None:
            return "Normal"
        value = style.get(_w("val"))
        return str(self.styles.get(value, value))

    def _is_toc(self, sdt: Any) -> bool:
        gallery = sdt.find(f"{_w('sdtPr')}/{_w('docPartObj')}/{_w('docPartGallery')}")
        return gallery is not None and "Table of Contents" in (gallery.get(_w("val")) or "")

    def _paragraph(self, p: Any, style: str) -> None:
        inline = self._inline(p)
        text = _plain(p)
        heading = re.fullmatch(r"Heading (\d)", style)
        if style == "Title" or heading:
            self._close_lists()
            if not text.strip():
                return
            if style == "Title":
                level = 1
                self.has_title = True
            else:
                assert heading is not None
                wanted = int(heading.group(1)) + 1
                level = max(2, min(wanted, self.level + 1, 6))
            self.level = level
            anchor = f"k{len(self.headings) + 1}"
            self.headings.append((level, anchor, text.strip()))
            self.sections.append(Section(anchor, text.strip()))
            self.out.append(f'<h{level} id="{anchor}">{inline}</h{level}>')
            return
        self.sections[-1].words.append(text)
        kind, depth = self._list_kind(p, style)
        if kind:
            self._open_list(kind, depth)
            self.out.append(f"<li>{inline}</li>")
            return
        self._close_lists()
        if not text.strip() and "<br" not in inline:
            return
        css = _PARAGRAPH_CLASS.get(style)
        if style == "Quote":
            self.out.append(f"<blockquote><p>{inline}</p></blockquote>")
        elif css:
            self.out.append(f'<p class="{css}">{inline}</p>')
        else:
            self.out.append(f"<p>{inline}</p>")

    def _list_kind(self, p: Any, style: str) -> tuple[str, int]:
        found = re.fullmatch(r"List (Bullet|Number)(?: (\d))?", style)
        num = p.find(f"{_w('pPr')}/{_w('numPr')}")
        depth = 0
        if num is not None:
            ilvl = num.find(_w("ilvl"))
            depth = int(ilvl.get(_w("val"), "0")) if ilvl is not None else 0
        if found:
            depth = max(depth, int(found.group(2) or 1) - 1)
            return ("ol" if found.group(1) == "Number" else "ul"), depth
        if num is not None and style.startswith("List"):
            return ("ol" if "Number" in style else "ul"), depth
        return "", 0

    def _open_list(self, kind: str, depth: int) -> None:
        while len(self.lists) > depth + 1 or (len(self.lists) == depth + 1 and self.lists[-1] != kind):
            self._close_one()
        while len(self.lists) < depth + 1:
            if self.lists:  # a nested list goes inside the last item
                if self.out[-1].endswith("</li>"):
                    self.out[-1] = self.out[-1].removesuffix("</li>")
                else:
                    self.out.append("<li>")
            self.out.append(f"<{kind}>")
            self.lists.append(kind)

    def _close_one(self) -> None:
        self.out.append(f"</{self.lists.pop()}>")
        if self.lists:
            self.out.append("</li>")

    def _close_lists(self) -> None:
        while self.lists:
            self._close_one()

    # --- tables -------------------------------------------------------------------------------------

    def _table(self, tbl: Any) -> None:
        rows = tbl.findall(_w("tr"))
        if not rows:
            return
        header = [r for r in rows if r.find(f"{_w('trPr')}/{_w('tblHeader')}") is not None]
        widths = [len(r.findall(_w("tc"))) for r in rows]
        facts = not header and max(widths) == 2
        self.out.append("<table>")
        if header:
            self.out.append("<thead>")
            for row in header:
                self.out.append("<tr>" + "".join(self._cell(c, "th", "col") for c in row.findall(_w("tc")))
                                + "</tr>")
            self.out.append("</thead>")
        self.out.append("<tbody>")
        for row in rows:
            if row in header:
                continue
            cells = row.findall(_w("tc"))
            self.out.append("<tr>" + "".join(
                self._cell(c, "th" if facts and i == 0 and len(cells) == 2 else "td", "row")
                for i, c in enumerate(cells)) + "</tr>")
            for c in cells:
                self.sections[-1].words.append(" ".join(_plain(p) for p in c.iter(_w("p"))))
        self.out.append("</tbody></table>")

    def _cell(self, tc: Any, tag: str, scope: str) -> str:
        span = tc.find(f"{_w('tcPr')}/{_w('gridSpan')}")
        attrs = f' scope="{scope}"' if tag == "th" else ""
        if span is not None and int(span.get(_w("val"), "1")) > 1:
            attrs += f' colspan="{int(span.get(_w("val")))}"'
        paragraphs = [p for p in tc.iter(_w("p"))]
        parts = []
        for p in paragraphs:
            inline = self._inline(p)
            if not _plain(p).strip():
                continue
            style = self._style(p)
            css = _PARAGRAPH_CLASS.get(style)
            kind, _depth = self._list_kind(p, style)
            if kind:
                parts.append(f"<span class=\"li\">• {inline}</span>")
            elif css:
                parts.append(f'<span class="{css}">{inline}</span>')
            else:
                parts.append(inline)
        return f"<{tag}{attrs}>{'<br>'.join(parts)}</{tag}>"

    # --- runs ---------------------------------------------------------------------------------------

    def _inline(self, p: Any) -> str:
        out = []
        for node in p.iter(_w("r"), _w("hyperlink"), f"{{{WP}}}docPr"):
            if node.tag == _w("hyperlink"):
                continue  # its runs come next; the link is added around them below
            if node.tag == f"{{{WP}}}docPr":
                alt = node.get("descr") or node.get("title")
                if alt:
                    out.append(f'<span class="afbeelding">[{escape("Afbeelding: " + alt)}]</span>')
                continue
            if _in_deleted(node):
                continue
            text = _run_text(node)
            if not text:
                continue
            html = str(escape(text)).replace("\n", "<br>")
            props = node.find(_w("rPr"))
            if props is not None:
                if _on(props, "b"):
                    html = f"<strong>{html}</strong>"
                if _on(props, "i"):
                    html = f"<em>{html}</em>"
                if _on(props, "strike"):
                    html = f"<s>{html}</s>"
                mark = props.find(_w("highlight"))
                if mark is not None and mark.get(_w("val")) not in (None, "none"):
                    html = f'<mark title="voorbeeldwaarde">{html}</mark>'  # a review build's example value
            link = node.getparent()
            if link is not None and link.tag == _w("hyperlink"):
                target = self.links.get(link.get(f"{{{R}}}id", ""), "")
                if target:
                    html = f'<a href="{escape(target)}">{html}</a>'
            out.append(html)
        return "".join(out)


def _on(props: Any, name: str) -> bool:
    el = props.find(_w(name))
    return el is not None and el.get(_w("val"), "true") not in ("0", "false", "none")


def _in_deleted(node: Any) -> bool:
    parent = node.getparent()
    return parent is not None and parent.tag == _w("del")


def _run_text(r: Any) -> str:
    parts = []
    for child in r.iterchildren():
        if child.tag == _w("t"):
            parts.append(child.text or "")
        elif child.tag in (_w("tab"), _w("ptab")):
            parts.append(" ")
        elif child.tag in (_w("br"), _w("cr")):
            if child.get(_w("type")) not in ("page", "column"):
                parts.append("\n")
        elif child.tag == _w("noBreakHyphen"):
            parts.append("\u2011")
    return "".join(parts)


def _plain(p: Any) -> str:
    return "".join(_run_text(r) for r in p.iter(_w("r")) if not _in_deleted(r))
