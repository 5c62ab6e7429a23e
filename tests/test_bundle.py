"""Tests for dossier.bundle.merge_pdfs on real LibreOffice PDF/A output (no mocks)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from conftest import pdf_text
from dossier.pdf.bundle import merge_pdfs

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) missing")

FILTER = (
    'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},'
    '"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"ExportBookmarks":{"type":"boolean","value":"true"}}'
)
NAMES = ["alfa", "bravo", "charlie"]
TITLES = ["Bestek perceel Alfa", "Raadsbrief Bravo", "Besluit Charlie"]
BUNDLE_TITLE = "Inkoop jeugdhulp 2026 – bundel"


def _make_docx(path: Path, name: str) -> None:
    """Write a small two-page A4 DOCX with headings, a table and two links."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for style in ("Normal", "Heading 1", "Heading 2"):
        doc.styles[style].font.name = "Liberation Sans"
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "nl-NL")
    link_style = doc.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link_style.font.underline = True
    doc.core_properties.title = name.capitalize()
    upper = name.upper()

    def link(paragraph, text, *, anchor=None, url=None):
        hyperlink = OxmlElement("w:hyperlink")
        if anchor:
            hyperlink.set(qn("w:anchor"), anchor)
        else:
            rel = paragraph.part.relate_to(url, docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            hyperlink.set(qn("r:id"), rel)
        run = OxmlElement("w:r")
        run_pr = OxmlElement("w:rPr")
        run_style = OxmlElement("w:rStyle")
        run_style.set(qn("w:val"), "Hyperlink")
        run_pr.append(run_style)
        run.append(run_pr)
        text_el = OxmlElement("w:t")
        text_el.text = text
        run.append(text_el)
        hyperlink.append(run)
        paragraph._p.append(hyperlink)

    doc.add_heading(f"Inleiding {name}", 1)
    doc.add_paragraph(f"Kenmerk {upper}-7731: unieke tekst van document {name}. " + "Vulling. " * 40)
    par = doc.add_paragraph("Zie ")
    link(par, "de bijlage", anchor="bijlage")
    par.add_run(" en ")
    link(par, "de website", url=f"https://example.org/{name}")
    doc.add_heading(f"Tarieven {name}", 2)
    doc.add_paragraph("Tarief ≥ € 1.000 per cliënt. " * 20)
    table = doc.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    for i in range(3):
        for j in range(2):
            table.cell(i, j).text = f"{name}-cel-{i}-{j}"
    doc.add_page_break()
    heading = doc.add_heading(f"Bijlage {name}", 1)
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), "1")
    start.set(qn("w:name"), "bijlage")
    end.set(qn("w:id"), "1")
    heading._p.insert(1, start)  # after w:pPr
    heading._p.append(end)
    doc.add_paragraph(f"Slottekst {upper}-BIJLAGE. " * 10)
    doc.save(path)


@pytest.fixture(scope="module")
def parts(tmp_path_factory) -> list[tuple[str, Path]]:
    """Three tagged PDF/A-2b parts converted by a real LibreOffice in one call."""
    work = tmp_path_factory.mktemp("bundle")
    docs = []
    for name in NAMES:
        path = work / f"{name}.docx"
        _make_docx(path, name)
        docs.append(path)
    profile = (work / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation={profile}", "--convert-to", FILTER,
         "--outdir", str(work / "pdf"), *map(str, docs)],
        check=True, capture_output=True, timeout=180,
    )
    pdfs = [work / "pdf" / f"{name}.pdf" for name in NAMES]
    for pdf in pdfs:  # soffice exits 0 even when a conversion failed
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF-"), pdf
    return list(zip(TITLES, pdfs))


@pytest.fixture(scope="module")
def bundle(parts, tmp_path_factory) -> Path:
    """The three parts merged."""
    out = tmp_path_factory.mktemp("out") / "bundel.pdf"
    merge_pdfs(parts, out, title=BUNDLE_TITLE)
    return out


def _run(*args: str) -> str:
    """Run a command line tool, fail on a non-zero exit, return stdout."""
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def _page_counts(parts) -> list[int]:
    """Number of pages of each part."""
    counts = []
    for _, path in parts:
        with pikepdf.open(path) as pdf:
            counts.append(len(pdf.pages))
    return counts


def _outline(node, pages) -> list[tuple[str, int | None, list]]:
    """(title, page index, children) for the children of an outline node."""
    result, item = [], node.get("/First")
    while item is not None:
        dest = item.get("/Dest")
        page = pages[dest[0].objgen] if dest is not None else None
        result.append((str(item.Title), page, _outline(item, pages)))
        item = item.get("/Next")
    return result


def _walk_structure(pdf: pikepdf.Pdf):
    """Check /P and /Pg of every structure element; return (MCID refs, OBJR annots)."""
    pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    root = pdf.Root.StructTreeRoot
    mcids, objrs = set(), set()
    stack = [(kid, root, None) for kid in (root.K if isinstance(root.K, pikepdf.Array) else [root.K])]
    while stack:
        elem, parent, page = stack.pop()
        if elem.get("/Type") == "/MCR":
            page = elem.get("/Pg", page)
            assert page is not None and page.objgen in pages
            mcids.add((pages[page.objgen], int(elem.MCID)))
            continue
        if elem.get("/Type") == "/OBJR":
            objrs.add(elem.Obj.objgen)
            continue
        assert elem.P.objgen == parent.objgen, f"bad /P on {elem.S}"
        page = elem.get("/Pg")
        if page is not None:
            assert page.objgen in pages, f"/Pg of {elem.S} is not a page of the bundle"
        kids = elem.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        for kid in kids:
            if isinstance(kid, int):
                mcids.add((pages[page.objgen], kid))
            else:
                stack.append((kid, elem, page))
    return mcids, objrs


def _content_mcids(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    """(page index, MCID) of every marked-content sequence in the page contents."""
    found = set()
    for index, page in enumerate(pdf.pages):
        props = page.obj.get("/Resources", {}).get("/Properties", {})
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) != "BDC":
                continue
            prop = operands[1]
            if isinstance(prop, pikepdf.Name):
                prop = props[prop]
            if "/MCID" in prop:
                found.add((index, int(prop.MCID)))
    return found


def test_pdfinfo_tagged_and_page_count(parts, bundle):
    info = _run("pdfinfo", str(bundle))
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))
    assert pages == sum(_page_counts(parts))
    assert re.search(rf"^Title:\s+{re.escape(BUNDLE_TITLE)}$", info, re.M)


def test_qpdf_check_and_fonts_embedded(bundle):
    subprocess.run(["qpdf", "--check", str(bundle)], check=True, capture_output=True)
    lines = _run("pdffonts", str(bundle)).splitlines()[2:]
    assert lines
    names = []
    for line in lines:
        names.append(line.split()[0])
        emb = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line)
        assert emb and emb.group(1) == "yes", line
    assert len(set(names)) == len(names), "font subset tags must be unique"


def test_pdfa_metadata_lang_and_catalog(bundle):
    with pikepdf.open(bundle) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"] == BUNDLE_TITLE
        assert str(pdf.docinfo.Title) == BUNDLE_TITLE
        assert str(pdf.Root.Lang) == "nl-NL"
        assert bool(pdf.Root.MarkInfo.Marked) is True
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
        assert len(pdf.Root.OutputIntents) == 1
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFA1"
        assert "/Filter" not in pdf.Root.Metadata.stream_dict


def test_outline_one_item_per_part_with_headings(parts, bundle):
    counts = _page_counts(parts)
    firsts = [sum(counts[:i]) for i in range(len(counts))]
    with pikepdf.open(bundle) as pdf:
        pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        tree = _outline(pdf.Root.Outlines, pages)
    assert [title for title, _, _ in tree] == TITLES
    for (title, page, children), name, first, count in zip(tree, NAMES, firsts, counts):
        assert page == first
        assert [(t, [c[0] for c in kids]) for t, _, kids in children] == [
            (f"Inleiding {name}", [f"Tarieven {name}"]),
            (f"Bijlage {name}", []),
        ]
        for _, child_page, grandchildren in children:
            assert first <= child_page < first + count
            assert all(first <= p < first + count for _, p, _ in grandchildren)
        assert children[1][1] == first + 1  # "Bijlage" is on the part's second page


def test_page_labels_restart_per_part(parts, bundle):
    from pypdf import PdfReader

    expected = [f"{n}-{i}" for n, count in enumerate(_page_counts(parts), 1) for i in range(1, count + 1)]
    assert list(PdfReader(bundle).page_labels) == expected


def test_structure_tree_parts_and_marked_content(parts, bundle):
    with pikepdf.open(bundle) as pdf:
        root = pdf.Root.StructTreeRoot
        document = root.K[0]
        assert len(root.K) == 1 and document.S == "/Document"
        assert [str(p.S) for p in document.K] == ["/Part"] * 3
        assert [str(p.T) for p in document.K] == TITLES
        assert str(root.RoleMap.Standard) == "/P"

        referenced, objrs = _walk_structure(pdf)
        in_content = _content_mcids(pdf)
        assert in_content and referenced == in_content

        parent_tree = pikepdf.NumberTree(root.ParentTree)
        keys = set(parent_tree.keys())
        assert int(root.ParentTreeNextKey) == max(keys) + 1
        annots = 0
        for index, page in enumerate(pdf.pages):
            key = int(page.obj.StructParents)
            for mcid, elem in enumerate(parent_tree[key]):
                if (index, mcid) in in_content:
                    kids = elem.K if isinstance(elem.K, pikepdf.Array) else [elem.K]
                    assert mcid in [k for k in kids if isinstance(k, int)] or any(
                        isinstance(k, pikepdf.Dictionary) and k.get("/MCID") == mcid for k in kids
                    )
            for annot in page.obj.get("/Annots", []):
                annots += 1
                assert annot.objgen in objrs
                elem = parent_tree[int(annot.StructParent)]
                assert any(k.get("/Type") == "/OBJR" and k.Obj.objgen == annot.objgen
                           for k in elem.K if isinstance(k, pikepdf.Dictionary))
        assert annots == 2 * len(parts)
    # The parts' own trees are intact, just under a Part each.
    total = 0
    for _, path in parts:
        with pikepdf.open(path) as part:
            total += len(_content_mcids(part))
    assert len(referenced) == total


def test_links_point_into_their_own_part(parts, bundle):
    counts = _page_counts(parts)
    with pikepdf.open(bundle) as pdf:
        pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        internal, external = [], []
        for index, page in enumerate(pdf.pages):
            for annot in page.obj.get("/Annots", []):
                if "/Dest" in annot:
                    internal.append((index, pages[annot.Dest[0].objgen]))
                elif annot.A.S == "/URI":
                    external.append(str(annot.A.URI))
    first = 0
    for n, count in enumerate(counts):
        assert (first, first + 1) in internal, f"part {n + 1}: link to its Bijlage"
        first += count
    assert external == [f"https://example.org/{name}" for name in NAMES]


def test_text_of_every_part(bundle):
    text = pdf_text(bundle, layout=True)
    for name in NAMES:
        assert f"Kenmerk {name.upper()}-7731" in text
        assert f"{name}-cel-2-1" in text
        assert f"Slottekst {name.upper()}-BIJLAGE" in text


def test_deterministic_and_atomic(parts, bundle, tmp_path):
    again = tmp_path / "again.pdf"
    merge_pdfs(parts, again, title=BUNDLE_TITLE)
    assert again.read_bytes() == bundle.read_bytes()
    merge_pdfs(parts, again, title=BUNDLE_TITLE)  # overwrite in place
    assert again.read_bytes() == bundle.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again.pdf"]


def test_named_destinations_unwrapped_tree_and_role_conflict(parts, tmp_path):
    """Parts using named destinations (both kinds), no Document wrapper, clashing role maps."""
    variants = []
    for n, (title, path) in enumerate(parts):
        pdf = pikepdf.open(path)
        annots = [a for page in pdf.pages for a in page.obj.get("/Annots", []) if "/Dest" in a]
        assert len(annots) == 1
        dest = annots[0].Dest
        if n == 1:  # legacy catalog /Dests dictionary and a /Dest name; an ID tree
            pdf.Root.Dests = pikepdf.Dictionary({"/bijlage": dest})
            annots[0].Dest = pikepdf.Name("/bijlage")
            heading = pdf.Root.StructTreeRoot.K[0].K[0]
            heading.ID = pikepdf.String("kop-bravo")
            ids = pikepdf.NameTree.new(pdf)
            ids["kop-bravo"] = heading
            pdf.Root.StructTreeRoot.IDTree = ids.obj
        elif n == 2:  # /Names /Dests name tree, a GoTo action with a string
            tree = pikepdf.NameTree.new(pdf)
            tree["bijlage"] = pikepdf.Dictionary(D=dest)
            pdf.Root.Names = pikepdf.Dictionary(Dests=tree.obj)
            del annots[0]["/Dest"]
            annots[0].A = pikepdf.Dictionary(S=pikepdf.Name.GoTo, D=pikepdf.String("bijlage"))
            # Outline item via a named destination too.
            pdf.Root.Outlines.First.Dest = pikepdf.String("bijlage")
            # Structure tree root holds the Document's kids directly.
            root = pdf.Root.StructTreeRoot
            kids = root.K[0].K
            for kid in kids:
                kid.P = root
            root.K = kids
            root.RoleMap.Standard = pikepdf.Name.Div
        out = tmp_path / f"variant{n}.pdf"
        pdf.save(out)
        pdf.close()
        variants.append((title, out))
    merged = tmp_path / "merged.pdf"
    merge_pdfs(variants, merged, title="Varianten")
    subprocess.run(["qpdf", "--check", str(merged)], check=True, capture_output=True)
    counts = _page_counts(parts)
    firsts = [sum(counts[:i]) for i in range(len(counts))]
    with pikepdf.open(merged) as pdf:
        pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        targets = []
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                dest = annot.get("/Dest")
                if dest is None and annot.A.S == "/GoTo":
                    dest = annot.A.D
                if dest is not None:
                    assert isinstance(dest, pikepdf.Array)
                    targets.append(pages[dest[0].objgen])
        assert targets == [first + 1 for first in firsts]
        tree = _outline(pdf.Root.Outlines, pages)
        assert tree[2][2][0][1] == firsts[2] + 1  # remapped named outline destination
        part3 = pdf.Root.StructTreeRoot.K[0].K[2]
        assert part3.S == "/Part" and str(part3.T) == TITLES[2]
        assert {str(k.S) for k in part3.K} >= {"/H1", "/Standard_p3"}
        assert str(pdf.Root.StructTreeRoot.RoleMap["/Standard_p3"]) == "/Div"
        assert str(pdf.Root.StructTreeRoot.RoleMap.Standard) == "/P"
        referenced, _ = _walk_structure(pdf)
        assert referenced == _content_mcids(pdf)
        heading = pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree)["kop-bravo"]
        assert heading.S == "/H1" and heading.P.objgen == pdf.Root.StructTreeRoot.K[0].K[1].objgen


def test_rejects_bad_input(parts, tmp_path):
    with pytest.raises(ValueError):
        merge_pdfs([], tmp_path / "x.pdf", title="Leeg")
    with pytest.raises(ValueError):
        merge_pdfs(parts, tmp_path / "x.pdf", title="Titel\x0b")
    untagged = tmp_path / "untagged.pdf"
    with pikepdf.open(parts[0][1]) as pdf:
        del pdf.Root["/StructTreeRoot"]
        pdf.save(untagged)
    with pytest.raises(ValueError, match="not a tagged PDF"):
        merge_pdfs([parts[0], ("Ongetagd", untagged)], tmp_path / "x.pdf", title="Titel")
    assert not (tmp_path / "x.pdf").exists()
