"""The shipped templates: the generator is their source, and every house style fits every context."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.enum.table import WD_ROW_HEIGHT_RULE

from conftest import REPO, TWENTE, run_cli
from dossier.check import check_templates
from dossier.kinds import all_documents
from dossier.render.docx import render_docx, template_variables
from dossier.spec import load
from dossier.variables import KIND_NAMES, description, template_paths

TEMPLATES = REPO / "templates"
ZHZ = REPO / "specs" / "zhz-2022"
STYLES = sorted(p.parent.name for p in TEMPLATES.glob("*/bestek.docx"))


def test_regenerating_gives_the_committed_templates(tmp_path: Path) -> None:
    """A template edited by hand (or a generator change not run) fails here: run
    `python -m templates.generator` and commit its output."""
    done = subprocess.run([sys.executable, "-m", "templates.generator", "--out", str(tmp_path)], cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    generated = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.glob("*/*.docx"))
    committed = sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.glob("*/*.docx"))
    assert generated == committed
    assert {"standaard", "zhz"} <= set(STYLES)
    differ = [name for name in committed if (tmp_path / name).read_bytes() != (TEMPLATES / name).read_bytes()]
    assert not differ, f"not what the generator writes: {differ}"


@pytest.mark.parametrize("style", [s for s in STYLES if s != "standaard"])
def test_a_style_uses_no_variable_the_standaard_templates_lack(style: str) -> None:
    """Every context the standaard templates render, the other styles render too."""
    for template in sorted((TEMPLATES / style).glob("*.docx")):
        extra = template_variables(template) - template_variables(TEMPLATES / "standaard" / template.name)
        assert not extra, f"{style}/{template.name}: {sorted(extra)}"


@pytest.mark.parametrize("spec", [TWENTE, ZHZ], ids=["twente-2025", "zhz-2022"])
def test_zhz_templates_render_the_example_dossiers(spec: Path) -> None:
    problems, notes = check_templates(load(spec), TEMPLATES / "zhz")
    assert problems == []
    assert any(note.startswith("collegebrief.docx: in orde") or note.startswith("raadsbrief.docx: in orde")
               for note in notes), notes


def test_zhz_letter_has_the_address_in_the_envelope_window() -> None:
    """The collegebrief of specs/zhz-2022 in the zhz style, as the reader opens it: the address 50 mm
    from the top and 20 mm from the left, the sender block beside it, the reference row below."""
    d = load(ZHZ)
    [doc] = [doc for kind, doc in all_documents(d) if kind.name == "collegebrief"]
    letter = docx.Document(io.BytesIO(render_docx(TEMPLATES / "zhz" / "collegebrief.docx", doc,
                                                  author="test", when=d.spec.datum)))
    section = letter.sections[0]
    assert round(section.left_margin.mm) == 20
    window, reference = letter.tables[0], letter.tables[1]
    above, row = window.rows[0], window.rows[1]
    assert above.height_rule == row.height_rule == WD_ROW_HEIGHT_RULE.EXACTLY
    assert round(section.top_margin.mm + above.height.mm) == 50
    address = [p.text for p in row.cells[0].paragraphs]
    assert address == ["Retouradres: Karel Lotsyweg 40, 3318 AL Dordrecht",
                       "Aan de colleges van burgemeester en wethouders",
                       "van de 10 gemeenten in Zuid-Holland Zuid"]
    assert [p.text for p in row.cells[2].paragraphs][:2] == ["Dienst Gezondheid & Jeugd",
                                                              "Serviceorganisatie Jeugd ZHZ"]
    assert "Dienst Gezondheid & Jeugd" in above.cells[0].text
    cells = [[c.text for c in r.cells] for r in reference.rows]
    assert cells == [["Uw kenmerk", "Ons kenmerk", "Datum"], ["", "UIT/2004501", "17 december 2020"],
                     ["Onderwerp", "Bijlage(n)", "Behandeld door"],
                     ["Vastgesteld inkoopkader jeugdhulp 2022 e.v.", "2", "Serviceorganisatie Jeugd ZHZ"]]
    footer = section.first_page_footer.paragraphs[0].text
    assert "Karel Lotsyweg 40, 3318 AL Dordrecht" in footer
    signatures = letter.tables[-1]
    assert [c.text for c in signatures.rows[0].cells] == ["De secretaris\nC. Vermeer",
                                                           "De voorzitter\nH. van der Linden"]


def test_zhz_letterhead_takes_the_senders_address_from_the_spec(tmp_path: Path) -> None:
    """The house style holds the look, the spec the facts: another address in dossier.yaml is the
    address in the return line, the sender block and the footer (no address is fixed in a template)."""
    import shutil

    from conftest import edit_spec

    spec = tmp_path / "zhz-2022"
    shutil.copytree(ZHZ, spec)
    edit_spec(spec / "dossier.yaml", "straat: Karel Lotsyweg 40", "straat: Postbus 1234")
    edit_spec(spec / "dossier.yaml", "postcode: 3318 AL", "postcode: 3300 AA")
    d = load(spec)
    [doc] = [doc for kind, doc in all_documents(d) if kind.name == "collegebrief"]
    letter = docx.Document(io.BytesIO(render_docx(TEMPLATES / "zhz" / "collegebrief.docx", doc,
                                                  author="test", when=d.spec.datum)))
    row = letter.tables[0].rows[1]
    assert row.cells[0].paragraphs[0].text == "Retouradres: Postbus 1234, 3300 AA Dordrecht"
    assert [p.text for p in row.cells[2].paragraphs][2:4] == ["Postbus 1234", "3300 AA  DORDRECHT"]
    footer = letter.sections[0].first_page_footer.paragraphs[0].text
    assert "Postbus 1234, 3300 AA Dordrecht" in footer and "Lotsyweg" not in footer


@pytest.mark.parametrize("style", STYLES)
def test_every_variable_of_a_shipped_template_has_a_description(style: str) -> None:
    """`dossier templates` cannot fall behind the templates: a new variable needs its description in
    dossier/variables.py."""
    assert sorted(p.stem for p in (TEMPLATES / style).glob("*.docx")) == sorted(KIND_NAMES)
    missing = {t.name: sorted(p for p in template_paths(t) if not description(p))
               for t in sorted((TEMPLATES / style).glob("*.docx"))}
    assert not any(missing.values()), missing


def _row(path: str, type_: str, text: str) -> str:
    return rf"(?m)^  {re.escape(path)} +{re.escape(type_)} +{re.escape(text)}$"


def test_templates_command_lists_each_variable_with_type_and_description() -> None:
    result = run_cli("templates", "besluit", "collegebrief", "--spec", str(ZHZ), timeout=120)  # its style: zhz
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert re.search(r"(?m)^zhz/besluit\.docx \(\d+ variabelen\)$", out)
    assert re.search(r"(?m)^zhz/collegebrief\.docx \(\d+ variabelen\)$", out)
    assert re.search(_row("aanbieder.naam", "tekst", "naam van de aanbieder"), out)
    assert re.search(_row("uitkomsten[].gronden", "Markdown (een hele alinea: {{p …}}), mag leeg zijn",
                          "motivering van het besluit"), out)
    assert re.search(_row("uitkomsten", "lijst van groepen velden", "de uitkomst per deelsegment"), out)
    assert re.search(_row("concept", "ja/nee", "of het dossier een concept is (voor een CONCEPT-markering)"), out)
    assert re.search(_row("geadresseerde", "lijst van: tekst", "adresregels: de colleges van alle gemeenten"), out)
    assert "raadsbrief" not in out
    assert "(geen beschrijving)" not in out


def test_templates_command_refuses_an_unknown_kind() -> None:
    result = run_cli("templates", "raadsbrieff", "--spec", str(ZHZ))
    assert result.returncode == 2
    assert "onbekende soort raadsbrieff; kies uit bestek, overeenkomst, samenvatting, raadsbrief" in result.stderr
