"""What a typesetter checks in the example dossiers' documents (issue 13): every numbered list starts
at 1 in the DOCX itself, amounts never break over two lines in a table, a letter's address sits in the
envelope window. The examples are built once per session (conftest.example_builds)."""

from __future__ import annotations

import functools
import html
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import docx
import PIL.Image
import pikepdf
from docx.oxml.ns import qn

from conftest import edit_spec, pdf_text, run_cli
from templates.generator.style import STANDAARD, ZHZ, Window


def _numbering(document: docx.document.Document) -> tuple[dict[str, str], dict[str, str]]:
    """numId → abstractNumId, and abstractNumId → number format of level 0."""
    element = document.part.numbering_part.element
    nums = {n.get(qn("w:numId")): n.find(qn("w:abstractNumId")).get(qn("w:val")) for n in element.findall(qn("w:num"))}
    formats = {}
    for abstract in element.findall(qn("w:abstractNum")):
        lvl = abstract.find(qn("w:lvl"))
        fmt = lvl.find(qn("w:numFmt")) if lvl is not None else None
        formats[abstract.get(qn("w:abstractNumId"))] = fmt.get(qn("w:val")) if fmt is not None else ""
    return nums, formats


def _num_id(paragraph: docx.text.paragraph.Paragraph) -> str | None:
    """The numId that numbers a paragraph: its own numPr or its style's (following basedOn)."""
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None and ppr.numPr.numId is not None:
        return str(ppr.numPr.numId.val)
    style = paragraph.style
    while style is not None:
        sppr = style.element.pPr
        if sppr is not None and sppr.numPr is not None and sppr.numPr.numId is not None:
            return str(sppr.numPr.numId.val)
        style = style.base_style
    return None


def _numbered_lists(path: Path) -> list[tuple[str, list[str]]]:
    """The numbered lists of a DOCX in reading order: (abstract numbering, item texts). A list ends at a
    paragraph that is neither numbered nor a list style's continuation."""
    document = docx.Document(str(path))
    nums, formats = _numbering(document)
    lists: list[tuple[str, list[str]]] = []
    current: tuple[str, list[str]] | None = None
    for paragraph in document.paragraphs:
        num_id = _num_id(paragraph)
        abstract = nums.get(num_id or "", "")
        if num_id and num_id != "0" and formats.get(abstract) == "decimal":
            if current is None or current[0] != abstract:
                current = (abstract, [])
                lists.append(current)
            current[1].append(paragraph.text)
        elif not paragraph.style.name.startswith("List"):
            current = None
    return lists


def test_no_numbered_list_continues_another(example_builds: Path) -> None:
    docxs = sorted(example_builds.rglob("*.docx"))
    assert len(docxs) > 30
    found = 0
    for path in docxs:
        lists = _numbered_lists(path)
        found += len(lists)
        owners: dict[str, list[str]] = {}
        for abstract, items in lists:
            # LibreOffice counts on per abstract numbering, so a second list on one would continue it
            assert abstract not in owners, (f"{path.relative_to(example_builds)}: list {items[:2]} continues the "
                                            f"numbering of {owners[abstract][:2]}")
            owners[abstract] = items
    assert found > 20  # the raadsbrieven' annexes, Markdown lists in the bestek and the samenvatting


def test_every_letters_annex_list_starts_at_one(example_builds: Path) -> None:
    letters = sorted((example_builds / "twente-2025" / "raadsbrief").glob("*.pdf"))
    assert letters
    for path in letters:
        text = pdf_text(path)
        after = text.split("Bijlagen:", 1)[1]
        first = re.search(r"^(\d+)\.\s", after, re.M)
        assert first and first.group(1) == "1", (path.name, after[:200])


_SPLIT_AMOUNT = re.compile(r"€[ \u00a0]*(?:[\d.,]+)?\n[\d.,]")


@functools.lru_cache(maxsize=None)
def _blocks(path: Path) -> list[str]:
    """The text blocks of a PDF as pdftotext -bbox-layout finds them (a table cell is a block of its
    own), each with its lines joined by newlines. Read once per file: three tests read every example PDF."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    tree = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml))
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    return ["\n".join(" ".join(word.text or "" for word in line.iterfind("x:word", ns))
                      for line in block.iterfind("x:line", ns))
            for block in tree.iterfind(".//x:block", ns)]


def test_no_amount_is_split_over_two_lines(example_builds: Path) -> None:
    pdfs = sorted(p for p in example_builds.rglob("*.pdf") if "bundels" not in p.parts)
    amounts = 0
    for path in pdfs:
        for block in _blocks(path):
            amounts += block.count("€")
            match = _SPLIT_AMOUNT.search(block)
            assert match is None, f"{path.relative_to(example_builds)}: amount split over lines: {block!r}"
    assert amounts > 30  # the tariff tables of every bestek


_EDGE = re.compile(r"^[^\w€]+|[^\w-]+$")


@functools.lru_cache(maxsize=None)
def _table_words(path: Path) -> frozenset[str]:
    """Every word of every table cell of a DOCX (nested tables too), without surrounding punctuation."""
    words: set[str] = set()

    def walk(tables: list[docx.table.Table]) -> None:
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    words.update(w for w in (_EDGE.sub("", w) for w in cell.text.split()) if len(w) > 1)
                    walk(cell.tables)
    walk(docx.Document(str(path)).tables)
    return frozenset(words)


def _split_words(pdf: Path, words: frozenset[str], *, hyphenated: bool) -> list[str]:
    """The `words` that a PDF splits over two lines of a text block, as 'front|back': the last word of a
    line and the first of the next make one of `words`, and are not both words of their own. With
    `hyphenated` the splits with a hyphen at the line end ('aanbie-|ders'), else those without one."""
    split = []
    for block in _blocks(pdf):
        lines = [line.split() for line in block.split("\n") if line.strip()]
        for first, second in zip(lines, lines[1:]):
            front, back = _EDGE.sub("", first[-1]), _EDGE.sub("", second[0])
            if hyphenated and front.endswith("-") and front[:-1] + back in words and back[:1].islower():
                split.append(f"{front}|{back}")
            elif not hyphenated and front and back and not front.endswith("-") and front + back in words \
                    and not (front in words and back in words):
                split.append(f"{front}|{back}")
    return split


def _broken_words(pdf: Path, words: frozenset[str]) -> list[str]:
    """The table words that a PDF breaks over two lines of a text block without a hyphen, as 'front|back':
    the last word of a line and the first of the next make a table word, and are not both words of their
    own. A break after a hyphen (the dictionary's or the word's own) is fine."""
    return _split_words(pdf, words, hyphenated=False)


def test_no_word_in_a_table_breaks_without_a_hyphen(example_builds: Path) -> None:
    """Narrow columns break long words (headers, 'inspanningsgericht', 'Toelatingsprocedure') with a
    hyphen where the Dutch hyphenation dictionary allows it, or give them room: never a bare break."""
    found = {}
    for pdf in sorted(p for p in example_builds.rglob("*.pdf") if "bundels" not in p.parts):
        if (broken := _broken_words(pdf, _table_words(pdf.with_suffix(".docx")))):
            found[str(pdf.relative_to(example_builds))] = sorted(set(broken))
    assert not found, f"words broken without a hyphen: {found}"
    # the narrow columns do hyphenate (Dutch patterns, hyphen-nl): the tariff table of the Verblijf bestek
    verblijf = example_builds / "twente-2025" / "bestek" / "verblijf.pdf"
    assert _split_words(verblijf, _table_words(verblijf.with_suffix(".docx")), hyphenated=True)


def _body_words(path: Path) -> frozenset[str]:
    """The words of a DOCX's running text (its paragraphs outside tables) that no table cell has."""
    body = {w for p in docx.Document(str(path)).paragraphs for w in (_EDGE.sub("", w) for w in p.text.split())}
    return frozenset(body - _table_words(path))


def test_running_text_is_not_hyphenated(example_builds: Path) -> None:
    """Only table cells hyphenate: a letter's or a bestek's running text stays ragged-right, unhyphenated."""
    found = {}
    for pdf in sorted(p for p in example_builds.rglob("*.pdf") if "bundels" not in p.parts):
        if (hyphenated := _split_words(pdf, _body_words(pdf.with_suffix(".docx")), hyphenated=True)):
            found[str(pdf.relative_to(example_builds))] = sorted(set(hyphenated))
    assert not found, f"running text hyphenated: {found}"


# --- the envelope window ---------------------------------------------------------------------------------

MM = 72 / 25.4


def _words(path: Path, page: int = 1) -> list[tuple[str, float, float, float, float]]:
    """The words of one page with their boxes in mm from the top left: (text, x0, y0, x1, y1)."""
    xml = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(html.unescape(m[4]), float(m[0]) / MM, float(m[1]) / MM, float(m[2]) / MM, float(m[3]) / MM)
            for m in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                                xml)]


def _assert_in_window(path: Path, below: str, window: Window) -> None:
    """The address block of a letter's first page, from the return address down to the reference row
    (starting with word `below`), left of the window's right edge, lies inside the window."""
    words = _words(path)
    top = next(w for w in words if w[0] == "Retouradres:")
    bottom = next(w for w in words if w[0] == below and w[2] > top[2])
    block = [w for w in words if top[2] <= w[2] < bottom[2] and w[1] < window.left_mm + window.width_mm]
    assert len(block) >= 6, block  # return address and at least two address lines
    for text, x0, y0, x1, y1 in block:
        assert window.left_mm - 0.5 <= x0 and x1 <= window.left_mm + window.width_mm, (path.name, text, x0, x1)
        assert window.top_mm - 0.5 <= y0 and y1 <= window.top_mm + window.height_mm, (path.name, text, y0, y1)


def test_address_in_the_envelope_window_without_a_logo(example_builds: Path) -> None:
    for path in sorted((example_builds / "twente-2025" / "raadsbrief").glob("*.pdf")):
        _assert_in_window(path, "Onderwerp", STANDAARD.letterhead.window)
    collegebrief = next((example_builds / "zhz-2022" / "collegebrief").glob("*.pdf"))
    _assert_in_window(collegebrief, "Uw", ZHZ.letterhead.window)


def test_address_in_the_envelope_window_with_a_wide_or_a_square_logo(minimaal: Path, tmp_path: Path) -> None:
    (minimaal / "huisstijl").mkdir()
    PIL.Image.new("RGB", (600, 200), (139, 0, 0)).save(minimaal / "huisstijl" / "breed.png")
    PIL.Image.new("RGB", (400, 400), (31, 78, 121)).save(minimaal / "huisstijl" / "vierkant.png")
    gemeenten = minimaal / "gemeenten.yaml"
    edit_spec(gemeenten, '    zaaknummer: "2025-0001"\n',
              '    zaaknummer: "2025-0001"\n    huisstijl:\n      logo: huisstijl/breed.png\n')
    edit_spec(gemeenten, '    zaaknummer: "3485912"\n',
              '    zaaknummer: "3485912"\n    huisstijl:\n      logo: huisstijl/vierkant.png\n')
    out = tmp_path / "uit"
    result = run_cli("build", str(minimaal), "--out", str(out), "--only", "raadsbrief", "--quiet")
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("almelo", "hengelo"):
        path = out / "minimaal" / "raadsbrief" / f"{name}.pdf"
        _assert_in_window(path, "Onderwerp", STANDAARD.letterhead.window)
        images = subprocess.run(["pdfimages", "-list", "-f", "1", "-l", "1", str(path)], capture_output=True,
                                text=True, check=True).stdout
        assert len(images.splitlines()) > 2, images  # the logo is there, above the window


# --- the CONCEPT watermark -------------------------------------------------------------------------------

def test_concept_is_a_diagonal_watermark_on_every_page_and_no_content(example_builds: Path) -> None:
    bestek = example_builds / "twente-2025" / "bestek" / "ambulant"
    document = docx.Document(str(bestek.with_suffix(".docx")))
    assert 'string="CONCEPT"' in document.sections[0].header._element.xml
    letter = docx.Document(str(example_builds / "twente-2025" / "raadsbrief" / "almelo.docx"))
    for header in (letter.sections[0].header, letter.sections[0].first_page_header):
        assert 'string="CONCEPT"' in header._element.xml
    for path in (bestek.with_suffix(".pdf"), example_builds / "twente-2025" / "raadsbrief" / "almelo.pdf"):
        assert "CONCEPT" not in pdf_text(path)  # drawn, not text a reader or a search finds
        with pikepdf.open(path) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                assert _watermarks(page) == 1, (path.name, number)


def _watermarks(page: pikepdf.Page) -> int:
    """Form XObjects drawn as an artifact on the page in the watermark's colour (the house style's
    CONCEPT red)."""
    found, artifact, colour = 0, 0, False
    for item in pikepdf.parse_content_stream(page):
        if isinstance(item, pikepdf.ContentStreamInlineImage):
            continue
        op = str(item.operator)
        if op in ("BMC", "BDC"):
            artifact += 1 if item.operands[0] == pikepdf.Name.Artifact or artifact else 0
        elif op == "EMC" and artifact:
            artifact -= 1
        elif op == "rg":
            colour = [round(float(x), 2) for x in item.operands] == [0.75, 0.0, 0.0]
        elif op == "Do" and artifact and colour:
            found += 1
    return found
