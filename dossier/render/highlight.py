"""Highlighting in a review build: every place a document writes an example value (`!voorbeeld`).

Works on the rendered Word XML, so no template needs to know about it: a text run that contains one of
the texts is split into the part before, the text with a yellow highlight, and the part after, each with
the run's own properties."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def highlight_texts(root: etree._Element, texts: Iterable[str]) -> int:
    """Highlight every occurrence of `texts` (longest first) inside single text runs under `root`;
    return how many were highlighted."""
    wanted = sorted({t for t in texts if t}, key=len, reverse=True)
    if not wanted:
        return 0
    pattern = re.compile("|".join(re.escape(t) for t in wanted))
    count = 0
    for run in list(root.iter(f"{{{W}}}r")):
        children = [c for c in run if c.tag != f"{{{W}}}rPr"]
        if len(children) != 1 or children[0].tag != f"{{{W}}}t" or not children[0].text:
            continue
        text = children[0].text
        pieces = _split(text, pattern)
        if not any(marked for _, marked in pieces):
            continue
        parent = run.getparent()
        assert parent is not None
        at = parent.index(run)
        for offset, (piece, marked) in enumerate(pieces):
            new = copy.deepcopy(run)
            t = new.find(f"{{{W}}}t")
            assert t is not None
            t.text = piece
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            if marked:
                _add_highlight(new)
                count += 1
            parent.insert(at + offset, new)
        parent.remove(run)
    return count


def _split(text: str, pattern: re.Pattern[str]) -> list[tuple[str, bool]]:
    pieces: list[tuple[str, bool]] = []
    last = 0
    for match in pattern.finditer(text):
        if match.start() > last:
            pieces.append((text[last:match.start()], False))
        pieces.append((match.group(), True))
        last = match.end()
    if last < len(text):
        pieces.append((text[last:], False))
    return pieces


def _add_highlight(run: etree._Element) -> None:
    """Give `run` a yellow highlight (appended: the renderer puts run properties in schema order after,
    with `markdown.sort_run_properties`)."""
    rpr = run.find(f"{{{W}}}rPr")
    if rpr is None:
        rpr = etree.Element(f"{{{W}}}rPr")
        run.insert(0, rpr)
    etree.SubElement(rpr, f"{{{W}}}highlight").set(f"{{{W}}}val", "yellow")
