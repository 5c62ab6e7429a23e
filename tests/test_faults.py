"""Faults during a build: killed, LibreOffice hanging, crashing or missing, disk full, two builds
at once. Each leaves the previous outputs intact and tells the writer what happened."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, copy_build, edit_spec, needs_soffice, run_cli, tree_hashes


def recorded(out: Path) -> dict[str, str]:
    """What the manifest says every output file is."""
    data = json.loads((out / "manifest.json").read_text())
    return {rel: sha for item in data["outputs"] for rel, sha in item["files"].items()}


def start_build(spec: Path, out: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "dossier", "build", str(spec), "--out", str(out),
                             "--force"], cwd=REPO, env={**os.environ, **env}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)


def wait_for_line(proc: subprocess.Popen[str], needle: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if needle in line:
            return
        if not line and proc.poll() is not None:
            break
    raise AssertionError(f"'{needle}' niet gezien")


@needs_soffice
def test_killed_build_leaves_previous_outputs_intact(minimaal: Path, minimaal_build: Path, tmp_path: Path) -> None:
    tmp_path = tmp_path / "uit"
    out = copy_build(minimaal_build, tmp_path / "minimaal")  # a first build: the session's, copied
    before = tree_hashes(out, hidden=False)
    assert recorded(out) == {k: v for k, v in before.items() if k != "manifest.json"}
    manifest = (out / "manifest.json").read_bytes()

    # the build hangs in LibreOffice on one document, halfway through the conversions: kill it there
    proc = start_build(minimaal, tmp_path, DOSSIER_FAULT="hang:taalkracht", DOSSIER_CONVERT_TIMEOUT="300")
    wait_for_line(proc, "bouw besluit/taalkracht")
    time.sleep(4)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()

    assert (out / "manifest.json").read_bytes() == manifest
    assert tree_hashes(out, hidden=False) == before  # nothing partial or half-new is visible

    again = run_cli("build", str(minimaal), "--out", str(tmp_path))
    assert again.returncode == 0, again.stdout
    assert "8 documenten: 0 gebouwd, 8 ongewijzigd, 0 fouten" in again.stdout
    assert not (out / ".bouw").exists()


@needs_soffice
@pytest.mark.parametrize("fault", ["hang", "crash"])
def test_libreoffice_failing_on_one_document_is_retried_then_reported(fault: str, minimaal: Path,
                                                                      tmp_path: Path) -> None:
    result = run_cli("build", str(minimaal), "--out", "uit", "--quiet", cwd=tmp_path,  # relative, like output/
                     env={"DOSSIER_FAULT": f"{fault}:taalkracht", "DOSSIER_CONVERT_TIMEOUT": "8"})
    tmp_path = tmp_path / "uit"
    assert result.returncode == 1
    assert "fout: besluit/taalkracht: PDF maken mislukt" in result.stdout
    assert "2 pogingen" in result.stdout
    assert "8 documenten: 7 gebouwd, 0 ongewijzigd, 1 fout" in result.stdout
    out = tmp_path / "minimaal"
    assert (out / "besluit" / "lettersprong.pdf").exists()
    assert not (out / "besluit" / "taalkracht.pdf").exists()
    assert "besluit/taalkracht.pdf" not in recorded(out)
    assert "Traceback" not in result.stdout + result.stderr


def test_missing_libreoffice_still_writes_docx(minimaal: Path, tmp_path: Path) -> None:
    tmp_path = tmp_path / "uit"
    result = run_cli("build", str(minimaal), "--out", str(tmp_path), "--quiet",
                     env={"DOSSIER_SOFFICE": str(tmp_path / "geen-soffice")})
    assert result.returncode == 2
    assert "apt-get install libreoffice-writer-nogui" in result.stdout + result.stderr
    assert (tmp_path / "minimaal" / "bestek" / "ambulant.docx").exists()
    assert not list((tmp_path / "minimaal").rglob("*.pdf"))
    docx_only = run_cli("build", str(minimaal), "--out", str(tmp_path), "--format", "docx",
                        env={"DOSSIER_SOFFICE": str(tmp_path / "geen-soffice")})
    assert docx_only.returncode == 0, docx_only.stdout + docx_only.stderr


def test_full_disk_gives_a_clear_error_and_keeps_outputs(minimaal: Path, tmp_path: Path) -> None:
    tmp_path = tmp_path / "uit"
    assert run_cli("build", str(minimaal), "--out", str(tmp_path), "--format", "docx").returncode == 0
    out = tmp_path / "minimaal"
    before = tree_hashes(out, hidden=False)

    def small_disk() -> None:  # every file this build writes may be at most 16 KB
        resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))

    proc = subprocess.run([sys.executable, "-m", "dossier", "build", str(minimaal), "--out", str(tmp_path),
                           "--format", "docx", "--force"], cwd=REPO, capture_output=True, text=True,
                          preexec_fn=small_disk, timeout=120)
    assert proc.returncode == 2  # the environment, not the spec: README's exit code for it
    assert proc.stderr.splitlines() == [f"fout: de schijf is vol bij het schrijven naar {out}; er is niets "
                                        "overschreven. Maak ruimte vrij en bouw opnieuw"]
    assert "Traceback" not in proc.stderr
    assert tree_hashes(out, hidden=False) == before
    assert not (out / ".bouw").exists()


@needs_soffice
def test_second_build_of_the_same_dossier_refuses(minimaal: Path, tmp_path: Path) -> None:
    tmp_path = tmp_path / "uit"
    proc = start_build(minimaal, tmp_path, DOSSIER_FAULT="hang:taalkracht", DOSSIER_CONVERT_TIMEOUT="300")
    try:
        wait_for_line(proc, "bouw besluit/taalkracht")
        second = run_cli("build", str(minimaal), "--out", str(tmp_path), "--format", "docx")
        assert second.returncode == 2
        assert "er loopt al een build naar" in second.stderr
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


@needs_soffice
def test_a_document_that_fails_on_rebuild_keeps_its_previous_files(minimaal: Path, minimaal_build: Path,
                                                                   tmp_path: Path) -> None:
    tmp_path = tmp_path / "uit"
    out = copy_build(minimaal_build, tmp_path / "minimaal")  # a first build: the session's, copied
    before = tree_hashes(out, hidden=False)
    besluiten = minimaal / "besluiten.yaml"
    edit_spec(besluiten, "minder concreet", "niet concreet")
    result = run_cli("build", str(minimaal), "--out", str(tmp_path),
                     env={"DOSSIER_FAULT": "crash:taalkracht", "DOSSIER_CONVERT_TIMEOUT": "8"})
    assert result.returncode == 1
    assert "bouw besluit/taalkracht: besluiten.yaml gewijzigd" in result.stdout
    after = tree_hashes(out, hidden=False)
    for rel in ("besluit/taalkracht.docx", "besluit/taalkracht.pdf"):
        assert after[rel] == before[rel], rel  # not a new DOCX beside an old PDF
    assert recorded(out)["besluit/taalkracht.docx"] == before["besluit/taalkracht.docx"]
