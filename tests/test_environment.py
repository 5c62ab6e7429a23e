"""Every command with a place it cannot write to: one Dutch line and exit code 2, never a traceback.
A bug in dossier itself is the only traceback a user sees, once, with a line that says so.

The tests run as root, for whom chmod changes nothing: a read-only folder is a read-only bind mount
and a full disk a small tmpfs, both in a mount namespace of the command's own (`run_cli_mounted`);
further /proc (nothing can be made there), a file where a folder is expected and /dev/full."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import edit_spec, needs_mount, needs_soffice, own_house_style, run_cli, run_cli_mounted

FULL = "fout: de schijf is vol; maak ruimte vrij en probeer het opnieuw"
ABSENT = "bestaat niet, of kan daar niet worden gemaakt"
READ_ONLY = "het bestandssysteem is alleen-lezen; kies een andere plek"


@pytest.fixture
def places(tmp_path: Path, minimaal: Path) -> Path:
    """tmp_path with `minimaal/`, `gewijzigd/` (one decision changed), a file `bestand` and a folder `ro/`
    (read-only where `run_cli_mounted` makes it so)."""
    changed = tmp_path / "gewijzigd"
    shutil.copytree(minimaal, changed)
    besluiten = changed / "besluiten.yaml"
    edit_spec(besluiten, "minder concreet", "niet concreet")
    (tmp_path / "bestand").write_text("geen map\n")
    (tmp_path / "ro").mkdir()
    return tmp_path


def assert_one_line(result: subprocess.CompletedProcess[str], line: str) -> None:
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.splitlines()[-1:] == [line], result.stderr
    assert result.returncode == 2, result.stdout + result.stderr


def to_dev_full(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command with its standard output on /dev/full, where every write fails with ENOSPC."""
    env = {**os.environ, "LANG": "nl_NL.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    with open("/dev/full", "w") as full:
        return subprocess.run([sys.executable, "-m", "dossier", *args], cwd=cwd, env=env, stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=300)


# --- commands that write to standard output -----------------------------------------------------------

@pytest.mark.parametrize("args", [["validate", "minimaal"], ["validate", "minimaal", "--format", "json"],
                                  ["check", "minimaal"], ["export", "csv", "minimaal"]],
                         ids=["validate", "validate-json", "check", "export-csv"])
def test_standard_output_on_a_full_disk(places: Path, args: list[str]) -> None:
    result = to_dev_full(*args, cwd=places)
    assert result.stderr.splitlines() == [FULL]
    assert result.returncode == 2


# --- build and watch -----------------------------------------------------------------------------------

def test_build_out_in_proc(minimaal: Path) -> None:
    result = run_cli("build", str(minimaal), "--out", "/proc", "--format", "docx")
    assert_one_line(result, f"fout: kan niet schrijven naar /proc/minimaal: {ABSENT}")


def test_build_out_is_a_file(places: Path) -> None:
    result = run_cli("build", "minimaal", "--out", "bestand", cwd=places)
    assert_one_line(result, "fout: --out bestand: dit is een bestand, geen map; geef een map")
    result = run_cli("build", "minimaal", "--out", "bestand/uit", cwd=places)
    assert_one_line(result, "fout: kan niet schrijven naar bestand/uit/minimaal: een deel van dit pad is een bestand, geen map")


@needs_mount
def test_build_out_read_only(places: Path) -> None:
    result = run_cli_mounted("build", "minimaal", "--out", "ro", "--format", "docx", readonly=places / "ro",
                             cwd=places)
    assert_one_line(result, f"fout: kan niet schrijven naar ro/minimaal: {READ_ONLY}")


@needs_mount
def test_build_in_a_read_only_output_folder_that_exists(places: Path) -> None:
    """The output folder is there (from an earlier build) but has become read-only."""
    assert run_cli("build", "minimaal", "--out", "ro", "--format", "docx", cwd=places).returncode == 0
    result = run_cli_mounted("build", "minimaal", "--out", "ro", "--format", "docx", "--force",
                             readonly=places / "ro", cwd=places)
    assert_one_line(result, f"fout: kan niet schrijven naar ro/minimaal: ro/minimaal/.lock: {READ_ONLY}")


@needs_mount
@needs_soffice
def test_disk_full_during_pdf_conversion(places: Path) -> None:
    """Room for the DOCX files, not for the PDFs: LibreOffice's store errors become one line."""
    (places / "vol").mkdir()
    result = run_cli_mounted("build", "minimaal", "--out", "vol", "--quiet", full=places / "vol", size="500k",
                             cwd=places)
    assert "com.sun.star" not in result.stdout + result.stderr
    assert_one_line(result, "fout: de schijf is vol bij het schrijven naar vol/minimaal; er is niets "
                            "overschreven. Maak ruimte vrij en bouw opnieuw")


@needs_soffice
@pytest.mark.parametrize("tmpdir", ["/proc/geen-map", "bestand"])
def test_unusable_tmpdir_does_not_stop_libreoffice(places: Path, tmpdir: str) -> None:
    """LibreOffice gets a temporary folder of its own (a TMPDIR that is a file it would even replace)."""
    result = run_cli("build", "minimaal", "--out", "uit", "--only", "besluit/taalkracht", cwd=places,
                     env={"TMPDIR": str(places / tmpdir) if tmpdir == "bestand" else tmpdir})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (places / "uit" / "minimaal" / "besluit" / "taalkracht.pdf").read_bytes().startswith(b"%PDF")
    assert (places / "bestand").read_text() == "geen map\n"


def test_damaged_template(places: Path) -> None:
    """A house style whose template is no DOCX (a Git LFS pointer that was never fetched) is a located
    error in the spec that chooses it, found before anything is built; never a zip traceback."""
    templates = own_house_style(places / "minimaal")
    (templates / "besluit.docx").write_bytes(b"version https://git-lfs.github.com/spec/v1\n")
    for command in (["build", "minimaal", "--out", "uit", "--format", "docx"], ["check", "minimaal"]):
        result = run_cli(*command, cwd=places)
        assert "Traceback" not in result.stdout + result.stderr
        assert result.stderr.splitlines() == [
            "minimaal/dossier.yaml:27:12: huisstijl: besluit.docx in de huisstijl is geen bruikbaar Word-document "
            "(geen Word-document); sla het opnieuw op vanuit Word als .docx", "1 fout in de specificatie."]
        assert result.returncode == 1
    assert not (places / "uit").exists()


def test_watch_reports_the_problem_and_goes_on(minimaal: Path) -> None:
    result = run_cli("watch", str(minimaal), "--out", "/proc", "--format", "docx", "--max-rounds", "1")
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.splitlines() == [f"fout: kan niet schrijven naar /proc/minimaal: {ABSENT}"]
    assert result.returncode == 0  # a watch goes on after a failed round; here it stops after one


def test_watch_out_is_a_file(places: Path) -> None:
    result = run_cli("watch", "minimaal", "--out", "bestand", "--max-rounds", "1", cwd=places)
    assert_one_line(result, "fout: --out bestand: dit is een bestand, geen map; geef een map")


# --- schema, export, init, diff --------------------------------------------------------------------------

def test_schema(places: Path) -> None:
    assert_one_line(run_cli("schema", "--out", "/proc/schemas", "--docs", "spec.md", cwd=places),
                    f"fout: /proc/schemas: {ABSENT}")
    assert_one_line(run_cli("schema", "--out", "schemas", "--docs", "/proc/spec.md", cwd=places),
                    f"fout: /proc/spec.md: {ABSENT}")
    assert_one_line(run_cli("schema", "--out", "bestand", cwd=places),
                    "fout: --out bestand: dit is een bestand, geen map; geef een map")
    assert_one_line(run_cli("schema", "--docs", "ro", cwd=places),
                    "fout: --docs ro: dit is een map; geef een bestandsnaam")


@needs_mount
def test_schema_read_only(places: Path) -> None:
    result = run_cli_mounted("schema", "--out", "ro/schemas", "--docs", "ro/spec.md", readonly=places / "ro",
                             cwd=places)
    assert_one_line(result, f"fout: ro/schemas: {READ_ONLY}")


@pytest.mark.parametrize("kind", ["ocds", "csv"])
def test_export_out(places: Path, kind: str) -> None:
    assert_one_line(run_cli("export", kind, "minimaal", "--out", f"/proc/besluiten.{kind}", cwd=places),
                    f"fout: /proc/besluiten.{kind}: {ABSENT}")
    assert_one_line(run_cli("export", kind, "minimaal", "--out", "ro", cwd=places),
                    "fout: --out ro: dit is een map; geef een bestandsnaam")
    assert_one_line(run_cli("export", kind, "minimaal", "--out", f"bestand/besluiten.{kind}", cwd=places),
                    "fout: bestand: bestaat al en is geen map")


@needs_mount
def test_export_read_only(places: Path) -> None:
    result = run_cli_mounted("export", "csv", "minimaal", "--out", "ro/besluiten.csv", readonly=places / "ro",
                             cwd=places)
    assert_one_line(result, f"fout: ro/besluiten.csv: {READ_ONLY}")
    assert list((places / "ro").iterdir()) == []


def test_init_dir(places: Path) -> None:
    assert_one_line(run_cli("init", "nieuw", "--dir", "/proc", cwd=places), f"fout: /proc/nieuw: {ABSENT}")
    assert_one_line(run_cli("init", "nieuw", "--dir", "bestand", cwd=places),
                    "fout: --dir bestand: dit is een bestand, geen map; geef een map")


@needs_mount
def test_init_read_only(places: Path) -> None:
    result = run_cli_mounted("init", "nieuw", "--dir", "ro", readonly=places / "ro", cwd=places)
    assert_one_line(result, f"fout: ro/nieuw: {READ_ONLY}")


def test_diff_outputs(places: Path) -> None:
    assert_one_line(run_cli("diff", "minimaal", "gewijzigd", "--redline", "/proc/redline", cwd=places),
                    f"fout: /proc/redline: {ABSENT}")
    assert_one_line(run_cli("diff", "minimaal", "gewijzigd", "--redline", "bestand", cwd=places),
                    "fout: --redline bestand: dit is een bestand, geen map; geef een map")
    assert_one_line(run_cli("diff", "minimaal", "gewijzigd", "--docx", "/proc/overzicht.docx", cwd=places),
                    f"fout: /proc/overzicht.docx: {ABSENT}")
    assert_one_line(run_cli("diff", "minimaal", "gewijzigd", "--pdf", "ro", cwd=places),
                    "fout: --pdf ro: dit is een map; geef een bestandsnaam")


@needs_mount
@needs_soffice
def test_diff_pdf_read_only(places: Path) -> None:
    result = run_cli_mounted("diff", "minimaal", "gewijzigd", "--pdf", "ro/overzicht.pdf", readonly=places / "ro",
                             cwd=places)
    assert "com.sun.star" not in result.stderr
    assert_one_line(result, f"fout: {places}/ro/overzicht.pdf: {READ_ONLY}")  # LibreOffice works with full paths


# --- a bug -----------------------------------------------------------------------------------------------

def test_a_bug_shows_its_traceback_once_and_says_it_is_a_bug(minimaal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fault injected where no error is expected (the table of the CSV export) is a bug: the traceback
    once, then the line that asks to report it, exit code 70."""
    from dossier.cli import main
    from dossier.export import csv as export_table

    def broken(d):  # type: ignore[no-untyped-def]
        return {}["kolom"]

    monkeypatch.setattr(export_table, "rows", broken)
    result = CliRunner().invoke(main, ["export", "csv", str(minimaal)])
    assert result.exit_code == 70
    lines = result.output.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert lines[-2:] == ["KeyError: 'kolom'", "dit is een fout in dossier; meld het met deze uitvoer"]
    assert result.output.count("Traceback") == 1
