"""Example values (`!voorbeeld`): refused in a final dossier, marked VOORBEELD on every page that can
show one; and the councils' own bundles (`bundels/raad/<gemeente>.pdf`)."""

from __future__ import annotations

import re
from decimal import Decimal
import shutil
import subprocess
from pathlib import Path

import pytest

import dossier
from dossier.builder import manifest
from dossier.spec.yamlfile import YamlProblem, read_yaml

from conftest import TWENTE, needs_soffice, pdf_text, run_cli

def _pages(pdf: Path) -> list[str]:
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True,
                                                               check=True).stdout).group(1))  # type: ignore[union-attr]
    return [pdf_text(pdf, layout=True, page=i) for i in range(1, count + 1)]


def _twente(tmp_path: Path, status: str) -> Path:
    spec = tmp_path / "twente-2025"
    shutil.copytree(TWENTE, spec)
    dossier_yaml = spec / "dossier.yaml"
    text = dossier_yaml.read_text(encoding="utf-8")
    assert "\nstatus: concept\n" in text
    dossier_yaml.write_text(text.replace("\nstatus: concept\n", f"\nstatus: {status}\n"), encoding="utf-8")
    return spec


def test_the_reader_keeps_each_mark_with_its_place_and_reads_the_value_as_without_it(tmp_path: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_text("a: !voorbeeld 76.80\nb: !voorbeeld '007'\nc:\n  - !voorbeeld\n    id: x\n  - y\nd: !voorbeeld\n",
                 encoding="utf-8")
    data = read_yaml(f, "x.yaml")
    assert data.data == {"a": Decimal("76.80"), "b": "007", "c": [{"id": "x"}, "y"], "d": None}
    assert data.examples == {("a",): (1, 4), ("b",): (2, 4), ("c", 0): (4, 5), ("d",): (7, 4)}
    whole = tmp_path / "y.yaml"
    whole.write_text("!voorbeeld\na: 1\n", encoding="utf-8")
    assert read_yaml(whole, "y.yaml").examples == {(): (1, 1)}


def test_another_tag_is_still_refused(tmp_path: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_text("a: !python/object 1\n", encoding="utf-8")
    with pytest.raises(YamlProblem, match="python/object"):
        read_yaml(f, "x.yaml")


def test_a_final_dossier_with_example_values_is_refused_naming_the_first_few(tmp_path: Path) -> None:
    spec = _twente(tmp_path, "definitief")
    out = tmp_path / "uit"
    result = run_cli("build", str(spec), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [ln for ln in (result.stdout + result.stderr).splitlines() if "voorbeeldwaarden" in ln]
    assert len(lines) == 1, result.stdout + result.stderr
    line = lines[0]
    at: dict[str, int] = {}  # the first line with each key (the contact person has an e-mail too)
    for n, text in enumerate((spec / "dossier.yaml").read_text().splitlines(), 1):
        for key in ("status:", "adres:", "email:", "telefoon:", "mandaat:"):
            if text.strip().startswith(key):
                at.setdefault(key, n)
    assert line.startswith(f"twente-2025/dossier.yaml:{at['status:']}:9: status: het dossier is 'definitief' maar "
                           "bevat nog ")
    first = re.findall(r"twente-2025/[\w/.-]+\.yaml:\d+:[\w.\[\]-]+", line.split(": status: ", 1)[1])
    assert first[:4] == [f"twente-2025/dossier.yaml:{at['adres:']}:opdrachtgever.adres",
                         f"twente-2025/dossier.yaml:{at['email:']}:opdrachtgever.email",
                         f"twente-2025/dossier.yaml:{at['telefoon:']}:opdrachtgever.telefoon",
                         f"twente-2025/dossier.yaml:{at['mandaat:']}:opdrachtgever.mandaat"]
    assert len(first) == 5 and re.search(r" en nog \d+ andere;", line) and "status: concept" in line
    assert not out.exists()
    assert run_cli("validate", str(spec), cwd=tmp_path).returncode == 1


@needs_soffice
def test_every_page_of_a_document_showing_an_example_value_says_voorbeeld(example_builds: Path) -> None:
    assert "\nstatus: concept\n" in (TWENTE / "dossier.yaml").read_text(encoding="utf-8")
    out = example_builds / "twente-2025"  # the example dossier (a concept) as built once for the session
    only = ("bestek/ambulant", "raadsbrief/almelo", "besluit/jeugdzorg-de-horst")
    for ident in only:
        pages = _pages(out / f"{ident}.pdf")
        assert len(pages) > 1 and all("VOORBEELD" in page for page in pages), ident


@needs_soffice
def test_only_documents_that_show_an_example_value_say_voorbeeld(minimaal: Path, tmp_path: Path) -> None:
    segment = minimaal / "segmenten" / "ambulant.yaml"
    text = segment.read_text(encoding="utf-8")
    assert "bedrag: 1234.5," in text
    segment.write_text(text.replace("bedrag: 1234.5,", "bedrag: !voorbeeld 1234.5,", 1), encoding="utf-8")
    out = tmp_path / "uit"
    d = dossier.load(minimaal)
    assert not dossier.build(d, out).errors
    bestek = _pages(out / "bestek" / "ambulant.pdf")
    assert all("VOORBEELD" in page for page in bestek)
    for ident in ("raadsbrief/almelo", "besluit/de-horst", "collegebrief/inkoopkader"):
        assert not any("VOORBEELD" in page for page in _pages(out / f"{ident}.pdf")), ident


@needs_soffice
def test_each_council_has_its_own_bundle_its_letter_first_then_the_samenvatting(minimaal: Path,
                                                                                  minimaal_build: Path,
                                                                                  verapdf: Path) -> None:
    out = minimaal_build  # the minimal dossier as built once for the session
    d = dossier.load(minimaal)
    councils = sorted(p.stem for p in (out / "raadsbrief").glob("*.pdf"))
    assert councils == ["almelo", "hengelo"]
    samenvatting = _pages(out / "samenvatting" / "dossier.pdf")
    bundles = [out / "bundels" / "raad" / f"{key}.pdf" for key in councils]
    for key, bundle in zip(councils, bundles):
        letter = _pages(out / "raadsbrief" / f"{key}.pdf")
        pages = _pages(bundle)
        assert pages[:len(letter)] == letter, key
        assert pages[len(letter):] == samenvatting, key
        assert f"Gemeente {d.gemeenten[key].naam}" in pages[0]
    check = subprocess.run(["bash", str(verapdf), "2b", *map(str, bundles)], capture_output=True, text=True)
    reports = check.stdout.split("FILE ")[1:]  # one veraPDF (one JVM) for every bundle: a block per file
    assert [r.split(" flavour=", 1)[0] for r in reports] == list(map(str, bundles)), check.stdout + check.stderr
    for report in reports:
        assert "PASS" in report, check.stdout + check.stderr


def test_a_bundle_key_has_at_most_one_group_and_no_dots() -> None:
    assert manifest.bundle_file("raad/almelo") == "bundels/raad/almelo.pdf"
    for bad in ("raad/../x", "../raad", "raad/almelo/x", "raad/", "/raad", "raad/.", "Raad/almelo"):
        with pytest.raises(ValueError):
            manifest.bundle_file(bad)
        entry = {"kind": "bundel", "key": bad, "title": "t", "inputs": {}, "files": {}}
        with pytest.raises(manifest.ManifestUnusable):
            manifest.from_json({"format": manifest.FORMAT, "tool": "x", "dossier": "d", "outputs": [entry]}, "d")
    assert manifest.is_output_name("bundels/raad/almelo.pdf")
    for bad in ("bundels/raad/../almelo.pdf", "besluit/raad/almelo.pdf", "bundels/raad/almelo.docx",
                "bundels/a/b/c.pdf"):
        assert not manifest.is_output_name(bad), bad
