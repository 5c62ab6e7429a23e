"""Markdown in a real docxtpl template: render, save, re-open, and look at what a reader gets."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import jinja2
import pypdf
import pytest
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import pdf_text
from dossier.render.markdown import MissingStyleError, markdown_subdoc
from dossier.spec.markdown import markdown_plain

LISTS = """\
- appel
    - peer
        - kers
- banaan

1. eerste
2. tweede

Tussendoor.

1. opnieuw
2. nogmaals
"""


def make_template(folder: Path, *, drop_style: str | None = None) -> Path:
    """python-docx's default template with one `{{p body }}` paragraph between two fixed ones."""
    document = docx.Document()
    if drop_style:
        style = document.styles[drop_style].element
        style.getparent().remove(style)
    document.add_paragraph("Voor")
    document.add_paragraph("{{p body }}")
    document.add_paragraph("Na")
    path = folder / "sjabloon.docx"
    document.save(str(path))
    return path


def render(folder: Path, text: str, *, template: Path | None = None, heading_level: int = 3) -> Document:
    """Render `text` into the template with autoescape and StrictUndefined, save, re-open."""
    tpl = DocxTemplate(str(template or make_template(folder)))
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    tpl.render({"body": markdown_subdoc(tpl, text, heading_level=heading_level)}, env, autoescape=True)
    out = folder / "uit.docx"
    tpl.save(str(out))
    return docx.Document(str(out))


def body(document: Document) -> list[Paragraph]:
    """The paragraphs the markdown produced (between "Voor" and "Na")."""
    paragraphs = document.paragraphs
    assert paragraphs[0].text == "Voor" and paragraphs[-1].text == "Na"
    return paragraphs[1:-1]


def texts_and_styles(document: Document) -> list[tuple[str, str]]:
    return [(p.text, p.style.name if p.style else "") for p in body(document)]


def all_text(document: Document) -> str:
    """Every visible text in body order, tables included."""
    parts: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            parts.extend(cell.text for row in block.rows for cell in row.cells)
        else:
            parts.append(block.text)
    return " ".join(parts)


def paragraph(document: Document, text: str) -> Paragraph:
    [found] = [p for p in document.paragraphs if p.text == text]
    return found


def num_pr(par: Paragraph) -> tuple[int, int]:
    ppr: Any = par._p.pPr
    pr = ppr.numPr
    return pr.numId.val, pr.ilvl.val


def test_nested_bullet_list_takes_list_bullet_styles_by_depth(tmp_path: Path) -> None:
    document = render(tmp_path, LISTS)

    assert texts_and_styles(document)[:4] == [
        ("appel", "List Bullet"),
        ("peer", "List Bullet 2"),
        ("kers", "List Bullet 3"),
        ("banaan", "List Bullet"),
    ]


def test_each_ordered_list_restarts_at_one(tmp_path: Path) -> None:
    document = render(tmp_path, LISTS)

    assert texts_and_styles(document)[4:] == [
        ("eerste", "List Number"),
        ("tweede", "List Number"),
        ("Tussendoor.", "Normal"),
        ("opnieuw", "List Number"),
        ("nogmaals", "List Number"),
    ]
    first, second = num_pr(paragraph(document, "eerste")), num_pr(paragraph(document, "opnieuw"))
    assert num_pr(paragraph(document, "tweede")) == first
    assert num_pr(paragraph(document, "nogmaals")) == second
    assert first[0] != second[0]

    numbering = document.part.numbering_part.element
    style_num_id = document.styles["List Number"].element.pPr.numPr.numId.val
    style_abstract = numbering.num_having_numId(style_num_id).abstractNumId.val
    abstracts = {int(a.get(qn("w:abstractNumId"))): a for a in numbering.findall(qn("w:abstractNum"))}
    seen = {style_abstract}
    for num_id, ilvl in (first, second):
        num = numbering.num_having_numId(num_id)
        # a list of its own (LibreOffice counts on per abstract numbering), in the style's format
        assert num.abstractNumId.val not in seen
        seen.add(num.abstractNumId.val)
        own, style_lvls = abstracts[num.abstractNumId.val], abstracts[style_abstract]
        assert [lvl.find(qn("w:lvlText")).get(qn("w:val")) for lvl in own.findall(qn("w:lvl"))] == \
            [lvl.find(qn("w:lvlText")).get(qn("w:val")) for lvl in style_lvls.findall(qn("w:lvl"))]
        [override] = num.lvlOverride_lst
        assert override.ilvl == ilvl
        assert override.startOverride.val == 1


def test_nested_ordered_list_gets_own_restart_and_deeper_style(tmp_path: Path) -> None:
    document = render(tmp_path, "1. a\n    1. a1\n    2. a2\n2. b\n")

    assert texts_and_styles(document) == [
        ("a", "List Number"),
        ("a1", "List Number 2"),
        ("a2", "List Number 2"),
        ("b", "List Number"),
    ]
    assert num_pr(paragraph(document, "a")) == num_pr(paragraph(document, "b"))
    assert num_pr(paragraph(document, "a1")) != num_pr(paragraph(document, "a"))


def test_explicit_start_number_is_kept(tmp_path: Path) -> None:
    document = render(tmp_path, "3. drie\n4. vier\n")

    num_id, _ = num_pr(paragraph(document, "drie"))
    [override] = document.part.numbering_part.element.num_having_numId(num_id).lvlOverride_lst
    assert override.startOverride.val == 3


def test_second_paragraph_of_list_item_continues_the_item(tmp_path: Path) -> None:
    document = render(tmp_path, "- punt\n\n    meer uitleg\n\n- volgend punt\n")

    assert texts_and_styles(document) == [
        ("punt", "List Bullet"),
        ("meer uitleg", "List Continue"),
        ("volgend punt", "List Bullet"),
    ]


def test_bold_and_italic_become_run_formatting(tmp_path: Path) -> None:
    document = render(tmp_path, "Gewoon **vet** en *cursief* en ***beide*** en `code`.")

    [par] = body(document)
    assert par.text == "Gewoon vet en cursief en beide en code."
    runs = {run.text: (bool(run.bold), bool(run.italic)) for run in par.runs}
    assert runs["vet"] == (True, False)
    assert runs["cursief"] == (False, True)
    assert runs["beide"] == (True, True)
    assert runs["code"] == (False, False)
    assert "**" not in all_text(document)


def test_link_is_a_hyperlink_with_external_relationship(tmp_path: Path) -> None:
    url = "https://www.example.nl/inkoop?jaar=2026&fase=2"
    document = render(tmp_path, f"Zie [de **website**]({url}) of mail <inkoop@example.nl>.")

    [par] = body(document)
    assert par.text == "Zie de website of mail inkoop@example.nl."
    links = par._p.findall(qn("w:hyperlink"))
    assert [link.xpath("string(.)") for link in links] == ["de website", "inkoop@example.nl"]
    targets = []
    for link in links:
        rel = document.part.rels[link.get(qn("r:id"))]
        assert rel.is_external
        targets.append(rel.target_ref)
    assert targets == [url, "mailto:inkoop@example.nl"]
    # The bold part stays bold inside the link.
    bold = [r for r in links[0].iter(qn("w:r")) if r.rPr is not None and r.rPr.b is not None]
    assert [r.text for r in bold] == ["website"]


@pytest.mark.parametrize(
    "href",
    ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", "pagina.html"],
)
def test_link_with_other_scheme_is_plain_text(tmp_path: Path, href: str) -> None:
    document = render(tmp_path, f"Klik [hier]({href}) nu.")

    [par] = body(document)
    assert par.text == "Klik hier nu."
    assert par._p.findall(qn("w:hyperlink")) == []
    assert not [rel for rel in document.part.rels.values() if rel.is_external]


def test_table_has_repeating_bold_header_row_and_cell_texts(tmp_path: Path) -> None:
    text = "| Perceel | Tarief |\n|:--|--:|\n| Jeugd & gezin | € 12,50 |\n| Wonen | **€ 80** |\n"
    document = render(tmp_path, text)

    [table] = document.tables
    assert table.style is not None and table.style.name == "Table Grid"
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Perceel", "Tarief"],
        ["Jeugd & gezin", "€ 12,50"],
        ["Wonen", "€ 80"],
    ]
    header_flags = [row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None for row in table.rows]
    assert header_flags == [True, False, False]
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert not any(run.bold for run in table.rows[1].cells[0].paragraphs[0].runs)
    assert table.rows[1].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_raw_html_and_entities_are_shown_literally(tmp_path: Path) -> None:
    text = "Tekst <b>x</b> <script>alert(1)</script> &copy; &amp;\n\n<div>\n*blok*\n</div>\n"
    document = render(tmp_path, text)

    assert [p.text for p in body(document)] == [
        "Tekst <b>x</b> <script>alert(1)</script> &copy; &amp;",
        "<div> blok </div>",
    ]


def test_special_characters_and_template_syntax_survive_rendering(tmp_path: Path) -> None:
    special = '& < > " {{ x }} {% if %} 🎉'
    text = f"{special}\n\n`{special}`\n\n| {special} |\n|---|\n| ok |\n\n[{special}](https://example.nl)\n"
    document = render(tmp_path, text)

    assert [p.text for p in body(document)] == [special, special, special]
    assert document.tables[0].rows[0].cells[0].text == special


def test_backslash_escapes_come_out_as_plain_characters(tmp_path: Path) -> None:
    document = render(tmp_path, r"Geen \*nadruk\* en geen \# kop, wel 5 \* 3 \& meer")

    [par] = body(document)
    assert par.text == "Geen *nadruk* en geen # kop, wel 5 * 3 \\& meer"
    assert not any(run.italic or run.bold for run in par.runs)
    assert "\x02" not in par.text and "\x03" not in par.text


def test_line_breaks(tmp_path: Path) -> None:
    document = render(tmp_path, "hard  \nbreuk<br>tag<BR/>en\nzacht")

    [par] = body(document)
    assert par.text == "hard\nbreuk\ntag\nen zacht"
    assert len(par._p.findall(f"{qn('w:r')}/{qn('w:br')}")) == 3


def test_headings_start_at_heading_level_and_stop_at_nine(tmp_path: Path) -> None:
    text = "# Een\n\n## Twee\n\n### Drie\n"

    assert texts_and_styles(render(tmp_path, text)) == [
        ("Een", "Heading 3"),
        ("Twee", "Heading 4"),
        ("Drie", "Heading 5"),
    ]
    assert [s for _, s in texts_and_styles(render(tmp_path, text, heading_level=8))] == [
        "Heading 8",
        "Heading 9",
        "Heading 9",
    ]


def test_block_quote_uses_quote_style(tmp_path: Path) -> None:
    document = render(tmp_path, "> Geciteerd *met* nadruk\n\nDaarna.")

    assert texts_and_styles(document) == [("Geciteerd met nadruk", "Quote"), ("Daarna.", "Normal")]


def test_code_block_keeps_its_lines(tmp_path: Path) -> None:
    document = render(tmp_path, "    regel 1 & <x>\n      regel 2\n")

    assert [p.text for p in body(document)] == ["regel 1 & <x>\n  regel 2"]


def test_missing_list_style_is_named(tmp_path: Path) -> None:
    template = make_template(tmp_path, drop_style="List Number")

    with pytest.raises(MissingStyleError, match="List Number"):
        render(tmp_path, "1. een\n", template=template)


def test_markdown_plain_gives_the_visible_text() -> None:
    text = (
        "# Kop\n\nMet **vet**, [link](https://x.nl) en \\*ster\\* & <b>.\n\n"
        "- een\n- twee\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )

    assert markdown_plain(text) == "Kop Met vet, link en *ster* & <b>. een twee a b 1 2"
    assert markdown_plain("**a**b `c & d`") == "ab c & d"
    assert markdown_plain("") == ""


_MARKDOWNISH = st.text(
    alphabet=st.sampled_from(list("ab é🎉 \n*_`[]()<>&#-|\\!1.:{}%\"")) | st.characters(codec="utf-8"),
    max_size=80,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_MARKDOWNISH)
def test_no_text_is_lost(tmp_path: Path, text: str) -> None:
    document = render(tmp_path, text)

    assert all_text(document).split()[1:-1] == markdown_plain(text).split()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_pdf_shows_restarted_lists_and_a_working_link(tmp_path: Path) -> None:
    render(tmp_path, LISTS + "\nZie [de website](https://www.example.nl/inkoop).\n")

    result = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "uit.docx"),
        ],
        capture_output=True,
        timeout=120,
    )
    pdf = tmp_path / "uit.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stderr
    text = pdf_text(pdf, layout=True)
    for word in ("appel", "peer", "kers", "banaan", "de website"):
        assert word in text
    assert re.search(r"1\.\s+eerste", text) and re.search(r"2\.\s+tweede", text)
    assert re.search(r"1\.\s+opnieuw", text) and re.search(r"2\.\s+nogmaals", text)
    uris = [
        annot.get_object()["/A"]["/URI"]
        for page in pypdf.PdfReader(pdf).pages
        for annot in page.get("/Annots") or []
        if annot.get_object().get("/Subtype") == "/Link"
    ]
    assert uris == ["https://www.example.nl/inkoop"]
