"""Markdown as the spec allows it: parsed into a tree, without raw HTML or entities.

Validation measures a text's nesting here (so what cannot be written is refused before a build),
the render stage writes the tree into Word, and the diff reads its visible text.
"""

from __future__ import annotations

import re
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import lru_cache

import markdown
from markdown import util as md_util
from markdown.inlinepatterns import SubstituteTagInlineProcessor
from markdown.treeprocessors import Treeprocessor

__all__ = ["BLOCK_TAGS", "TABLE_CELL_TAGS", "markdown_depth", "markdown_plain", "parse"]

_EXTENSIONS = ["tables", "sane_lists"]
_KEEP_TREE, _KEEP_TREE_PRIORITY = "dossier_keep_tree", -100

# A literal <br> is the only HTML honoured: it is the usual way to break a line in a table cell.
_BR_TAG_RE = r"(?i)<br\s*/?>"

_STX, _ETX = md_util.STX, md_util.ETX
_AMP_CHARREF_RE = re.compile(re.escape(md_util.AMP_SUBSTITUTE) + r"#(?:([0-9]+)|[xX]([0-9a-fA-F]+));")
_ESCAPED_CHAR_RE = re.compile(f"{_STX}([0-9]+){_ETX}")
_LEFTOVER_PLACEHOLDER_RE = re.compile(f"{_STX}[^{_STX}{_ETX}]*{_ETX}|[{_STX}{_ETX}]")
# Characters XML 1.0 cannot hold; lxml refuses them and docxtpl turns \a and \f into breaks.
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

BLOCK_TAGS = frozenset(
    {"div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "hr", "table"}
)
TABLE_CELL_TAGS = frozenset({"th", "td"})

def markdown_plain(text: str) -> str:
    """Return the visible text of `text` on one line, without markup, list markers or links."""
    return " ".join("".join(_visible_text(parse(text))).split())


def markdown_depth(text: str) -> int:
    """How deep the parsed `text` nests (lists, quotes, emphasis): the writer recurses that deep.

    Validation asks this so that a text the writer cannot handle is refused there, not in a build;
    a text too deep for the parser itself counts as deeper than any limit."""
    try:
        root = parse(text)
    except RecursionError:
        return sys.maxsize
    deepest, stack = 0, [(root, 0)]
    while stack:
        elem, level = stack.pop()
        deepest = max(deepest, level)
        stack += [(child, level + 1) for child in elem]
    return deepest


# --- parsing ---------------------------------------------------------------------------------


class _KeepTree(Treeprocessor):
    """Runs after every other treeprocessor: resolves what Python-Markdown leaves for its HTML
    serializer (placeholders, HTML-escaped code) and keeps the finished tree."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.root: ET.Element | None = None

    def run(self, root: ET.Element) -> None:
        for elem in root.iter():
            if elem.text:
                elem.text = self._resolve(elem.text, code=elem.tag == "code")
            if elem.tail:
                elem.tail = self._resolve(elem.tail)
            for key, value in elem.items():
                elem.set(key, self._resolve(value))
        self.root = root

    def _resolve(self, text: str, *, code: bool = False) -> str:
        # Automatic mail links are obfuscated as character references behind AMP_SUBSTITUTE.
        text = _AMP_CHARREF_RE.sub(_charref, text)
        text = text.replace(md_util.AMP_SUBSTITUTE, "&")
        text = md_util.HTML_PLACEHOLDER_RE.sub(self._stashed, text)
        # UnescapeTreeprocessor skips code text; elsewhere this finds nothing left.
        text = _ESCAPED_CHAR_RE.sub(lambda m: _char(int(m.group(1)), m.group(0)), text)
        text = _LEFTOVER_PLACEHOLDER_RE.sub("", text)
        if code:
            # Inverse of markdown.util.code_escape, which the code span and code block processors apply.
            text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        return _NOT_XML_RE.sub("", text)

    def _stashed(self, m: re.Match[str]) -> str:
        # With the HTML processors removed nothing should be stashed; if an extension does, keep it as text.
        blocks = self.md.htmlStash.rawHtmlBlocks
        index = int(m.group(1))
        if index >= len(blocks):
            return ""
        block = blocks[index]
        return block if isinstance(block, str) else "".join(block.itertext())


def _charref(m: re.Match[str]) -> str:
    number = int(m.group(1)) if m.group(1) else int(m.group(2), 16)
    return _char(number, m.group(0))


def _char(number: int, fallback: str) -> str:
    try:
        return chr(number)
    except (ValueError, OverflowError):
        return fallback


@lru_cache(maxsize=2048)
def parse(text: str) -> ET.Element:
    """The tree of `text`. Callers only read it: the same text gives the same (shared) tree, so the
    paragraphs that every award letter repeats are parsed once per process."""
    local = _PARSERS.__dict__
    parser: tuple[markdown.Markdown, _KeepTree] | None = local.pop("parser", None)
    md, keeper = parser or _parser()
    md.reset()
    keeper.root = None
    md.convert(text)  # an error (a text nested too deep) drops the parser with its state
    local["parser"] = (md, keeper)
    # convert() returns early, before any treeprocessor, for blank text.
    return keeper.root if keeper.root is not None else ET.Element("div")


_PARSERS = threading.local()
"""One Markdown parser per thread, reset between texts: making one costs as much as parsing a paragraph."""


def _parser() -> tuple[markdown.Markdown, _KeepTree]:
    md = markdown.Markdown(extensions=_EXTENSIONS)
    # Raw HTML and entities stay literal text: a spec is not allowed to inject markup.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.inlinePatterns.deregister("entity")
    md.inlinePatterns.register(SubstituteTagInlineProcessor(_BR_TAG_RE, "br"), "br_tag", 90)
    # Prettify only adds serializer whitespace ("\n" tails, also after <br>) that would become text.
    md.treeprocessors.deregister("prettify")
    keeper = _KeepTree(md)
    # Below every built-in treeprocessor: inline (20) and unescape (0) must have run.
    md.treeprocessors.register(keeper, _KEEP_TREE, _KEEP_TREE_PRIORITY)
    return md, keeper


def _visible_text(elem: ET.Element) -> Iterator[str]:
    block = elem.tag in BLOCK_TAGS or elem.tag in TABLE_CELL_TAGS or elem.tag == "tr"
    if block:
        yield " "
    if elem.tag == "img":
        yield elem.get("alt", "")
    elif elem.tag == "br":
        yield " "
    if elem.text:
        yield elem.text
    for child in elem:
        yield from _visible_text(child)
        if child.tail:
            yield child.tail
    if block:
        yield " "
