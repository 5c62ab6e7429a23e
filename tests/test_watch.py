"""`dossier watch`: a real watch process in a subprocess; the test edits spec files the way a
writer's editor does and reads what the writer sees."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import docx_text, edit_spec as edit, run_cli
from dossier.watch import changes, snapshot


class Watch:
    """A running `dossier watch` whose merged output can be awaited line by line."""

    def __init__(self, cwd: Path, *args: str) -> None:
        env = {**os.environ, "LANG": "nl_NL.UTF-8", "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen([sys.executable, "-m", "dossier", "watch", *args], cwd=cwd, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float = 120) -> list[str]:
        """Lines up to and including the first that matches `pattern`."""
        deadline = time.monotonic() + timeout
        chunk = []
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None and self.lines.empty():
                    break
                continue
            chunk.append(line)
            self.seen.append(line)
            if re.search(pattern, line):
                return chunk
        raise AssertionError(f"'{pattern}' niet gezien; uitvoer tot nu toe:\n" + "\n".join(self.seen))

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)


@pytest.fixture
def scaffolded(tmp_path: Path) -> Path:
    assert run_cli("init", "w", cwd=tmp_path, timeout=120).returncode == 0
    return tmp_path


def test_watch_rebuilds_on_save_reports_errors_and_keeps_running(scaffolded: Path) -> None:
    segment = scaffolded / "specs" / "w" / "segmenten" / "ambulant.yaml"
    dossier_yaml = scaffolded / "specs" / "w" / "dossier.yaml"
    bestek = scaffolded / "output" / "w" / "bestek" / "ambulant.docx"
    watch = Watch(scaffolded, "specs/w", "--format", "docx", "--max-rounds", "4")
    try:
        first = watch.wait_for(r"bewaakt specs/w \(elke 0,5 s\); stop met Ctrl\+C")
        assert any(re.search(r"specs/w: 6 documenten: 6 gebouwd, 0 ongewijzigd, 0 fouten", line) for line in first)
        assert "Begeleiding thuis" not in docx_text(bestek)

        edit(segment, "naam: Begeleiding\n", "naam: Begeleiding thuis\n")
        chunk = watch.wait_for(r"specs/w: 6 documenten: ")
        assert re.search(r"^\d\d:\d\d:\d\d specs/w: gewijzigd: segmenten/ambulant.yaml$", chunk[0])
        assert "bouw bestek/ambulant: segmenten/ambulant.yaml gewijzigd" in chunk
        assert re.search(r"6 documenten: [1-5] gebouwd, [1-5] ongewijzigd, 0 fouten", chunk[-1]), chunk[-1]
        assert "Begeleiding thuis" in docx_text(bestek)

        edit(dossier_yaml, "status: concept\n", "status: conceptt\n")
        chunk = watch.wait_for(r"er is niets gebouwd")
        assert any("specs/w/dossier.yaml:" in line and "status: 'conceptt' is geen geldige waarde; bedoelde u "
                   "'concept'?" in line for line in chunk), chunk
        time.sleep(1.5)
        assert watch.proc.poll() is None, "watch stopte na een fout in de specificatie"
        assert "Begeleiding thuis" in docx_text(bestek), "een fout mag de vorige documenten niet weghalen"

        edit(dossier_yaml, "status: conceptt\n", "status: concept\n")
        chunk = watch.wait_for(r"specs/w: weer geldig")
        assert any(re.search(r"6 documenten: 0 gebouwd, 6 ongewijzigd, 0 fouten", line) for line in chunk)
        assert watch.proc.wait(timeout=60) == 0  # --max-rounds 4: first build and three saves
    finally:
        watch.stop()


def test_a_yaml_syntax_error_and_a_new_file_are_seen(scaffolded: Path) -> None:
    kit = scaffolded / "specs" / "w" / "kit.yaml"
    watch = Watch(scaffolded, "specs/w", "--format", "docx", "--max-rounds", "3")
    try:
        watch.wait_for(r"bewaakt specs/w")
        original = kit.read_text(encoding="utf-8")
        kit.write_text(original.replace("eisen:\n", "eisen:\n  - [onaf\n", 1), encoding="utf-8")
        chunk = watch.wait_for(r"er is niets gebouwd")
        assert any(line.startswith("specs/w/kit.yaml:") for line in chunk), chunk
        (scaffolded / "specs" / "w" / "gemeentes.yaml").write_text("gemeenten: {}\n", encoding="utf-8")
        kit.write_text(original, encoding="utf-8")
        chunk = watch.wait_for(r"er is niets gebouwd")
        assert any("gewijzigd: gemeentes.yaml, kit.yaml" in line for line in chunk), chunk
        assert any("onbekend specificatiebestand; bedoelde u gemeenten.yaml?" in line for line in chunk), chunk
        assert watch.proc.wait(timeout=60) == 0
    finally:
        watch.stop()


def test_ctrl_c_stops_cleanly(scaffolded: Path) -> None:
    watch = Watch(scaffolded, "specs/w", "--format", "docx")
    try:
        watch.wait_for(r"bewaakt specs/w")
        watch.proc.send_signal(signal.SIGINT)
        watch.wait_for(r"^gestopt$", timeout=30)
        assert watch.proc.wait(timeout=30) == 0
    finally:
        watch.stop()


def test_snapshot_sees_size_and_mtime_and_ignores_editor_files(tmp_path: Path) -> None:
    (tmp_path / "segmenten").mkdir()
    spec = tmp_path / "segmenten" / "a.yaml"
    spec.write_text("naam: A\n", encoding="utf-8")
    before = snapshot(tmp_path)
    assert list(before) == ["segmenten/a.yaml"]
    for name in (".a.yaml.swp", "a.yaml~", ".#a.yaml"):
        (tmp_path / "segmenten" / name).write_text("x", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "index").write_text("x", encoding="utf-8")
    assert snapshot(tmp_path) == before
    os.utime(spec, ns=(before["segmenten/a.yaml"][0] + 1_000_000, before["segmenten/a.yaml"][0] + 1_000_000))
    assert changes(before, snapshot(tmp_path)) == ["segmenten/a.yaml"]  # same size, newer mtime
    (tmp_path / "b.yaml").write_text("x", encoding="utf-8")
    spec.unlink()
    assert changes(before, snapshot(tmp_path)) == ["b.yaml", "segmenten/a.yaml"]
