"""LibreOffice never outlives the build that started it: not when the build is killed with SIGKILL in
the middle of a conversion or while LibreOffice starts, and not when the workers are killed too (the
next converter to start reaps what they left)."""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import REPO, SESSION_MARK, libreoffice_processes, needs_soffice

MARK = "DOSSIER_TEST_KILL"

pytestmark = [needs_soffice, pytest.mark.skipif(not Path("/proc").is_dir(), reason="leest /proc")]


def wait_until(condition, timeout: float, step: float = 0.1):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(step)


def soffice_bins(value: str) -> list[int]:
    return [pid for pid, cmd in libreoffice_processes(MARK, value).items() if "soffice.bin" in cmd]


def start_build(minimaal: Path, out: Path, value: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "dossier", "build", str(minimaal), "--out", str(out), "--jobs", "2", "--quiet"],
        cwd=REPO, env={**os.environ, MARK: value, "DOSSIER_FAULT": "hang:taalkracht",
                       "DOSSIER_CONVERT_TIMEOUT": "300"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


@pytest.mark.parametrize("moment", ["converting", "starting"])
def test_sigkill_of_a_build_leaves_no_libreoffice(minimaal: Path, tmp_path: Path, moment: str) -> None:
    value = f"{moment}-{os.urandom(4).hex()}"
    build = start_build(minimaal, tmp_path / "uit", value)
    try:
        if moment == "converting":  # both workers up; the one with taalkracht hangs in LibreOffice
            assert wait_until(lambda: len(soffice_bins(value)) == 2, 120), "LibreOffice startte niet"
            staged = tmp_path / "uit" / "minimaal" / ".bouw"
            assert wait_until(lambda: len(list(staged.rglob("*.pdf"))) >= 5, 60), "er werd niets geconverteerd"
            time.sleep(1)
        else:  # the first soffice is being started: the worker has not said it is ready yet
            assert wait_until(lambda: libreoffice_processes(MARK, value), 120, step=0.02)
        assert build.poll() is None
        os.killpg(build.pid, signal.SIGKILL)
        build.wait()
        left = wait_until(lambda: not libreoffice_processes(MARK, value), 10)
        assert left, f"na 10 s draait nog: {libreoffice_processes(MARK, value)}"
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
            build.wait()


ORPHAN_MAKER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from dossier.pdf import Converter
    src = Path(sys.argv[1])
    conv = Converter(jobs=1, timeout=300)
    conv.convert([(src, src.with_suffix(".pdf"))])
    print("ready", flush=True)
    conv.convert([(src.with_name("taalkracht.docx"), src.with_name("taalkracht.pdf"))])  # hangs
""")


def test_next_converter_reaps_libreoffice_of_a_killed_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Owner and worker killed at once (nobody left to stop soffice): the next Converter ends it.

    The orphan lives in a temporary folder of this test's own, so that a converter another test starts
    meanwhile (pytest-xdist) does not reap it first; the next Converter here looks in that folder."""
    from dossier.pdf import Converter
    from dossier.pdf.converter import reap_orphans
    from test_pdf_converter import make_docx

    src = make_docx(tmp_path / "brief.docx")
    make_docx(tmp_path / "taalkracht.docx")
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    for _attempt in range(3):  # on a busy machine soffice.bin sometimes ends with its launcher: try again
        value = os.urandom(4).hex()
        owner = subprocess.Popen([sys.executable, "-c", ORPHAN_MAKER, str(src)], cwd=REPO, stdout=subprocess.PIPE,
                                 text=True, env={**os.environ, MARK: value, "DOSSIER_FAULT": "hang:taalkracht",
                                                 "TMPDIR": str(private)})
        try:
            assert owner.stdout is not None and owner.stdout.readline().strip() == "ready"
            assert (tmp_path / "brief.pdf").read_bytes().startswith(b"%PDF")
            workers = [pid for pid, cmd in libreoffice_processes(MARK, value).items() if "worker.py" in cmd]
            assert len(workers) == 1 and soffice_bins(value)
            owner.kill()
            os.kill(workers[0], signal.SIGKILL)
        finally:
            owner.kill()
            owner.wait()
        time.sleep(1)
        orphans = soffice_bins(value)
        if orphans:
            break
    else:
        pytest.skip("soffice.bin stopte drie keer vanzelf met zijn starter: er is geen wees om op te ruimen")
    with Converter(jobs=1):  # starting is enough: no worker starts until something is converted
        pass
    assert wait_until(lambda: not libreoffice_processes(MARK, value), 5), libreoffice_processes(MARK, value)
    # nothing of ours is left to reap (another test running in parallel may have left orphans of its own,
    # which this call may end: that is the reaper's job)
    assert not set(reap_orphans()) & (set(workers) | set(orphans))


LEAK = textwrap.dedent("""
    import subprocess
    def test_leaves_soffice(tmp_path):
        subprocess.Popen(["soffice", "-env:UserInstallation=file://" + str(tmp_path / "profiel"), "--headless",
                          "--norestore", "--accept=pipe,name=lek_" + str(tmp_path.name) + ";urp;"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
""")


def test_session_fails_when_a_test_leaves_libreoffice_running(tmp_path: Path) -> None:
    (tmp_path / "test_lek.py").write_text(LEAK, encoding="utf-8")
    value = f"lek-{os.urandom(4).hex()}"
    env = {**os.environ, SESSION_MARK: value, "PYTHONPATH": str(REPO / "tests")}
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "conftest", "-p", "no:cacheprovider",
                             str(tmp_path / "test_lek.py")], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=120)
    assert "1 passed" in result.stdout
    assert "LibreOffice van deze testsessie draait nog na afloop" in result.stdout
    assert result.returncode == 1
    assert wait_until(lambda: not libreoffice_processes(SESSION_MARK, value), 5)  # and it was ended
