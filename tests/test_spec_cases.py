"""The bad-input corpus: each folder under tests/cases/ changes the minimal dossier in one way and
says exactly what the writer must see (tests/cases/README.md explains the format)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner, Result

from conftest import ROOTS, tree_hashes
from dossier.cli import main

CASES = Path(__file__).parent / "cases"
_REPEAT = re.compile(r"<<(.+?)\*(\d+)>>")
"""`<<ab*300>>` in a `replace` stands for 'ab' written 300 times (long values stay readable in case.yaml)."""
_SUMMARY = re.compile(r"\d+ (fout|fouten) in de specificatie\.")


def _cases() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if p.is_dir())


def apply_case(case: Path, target: Path) -> dict:
    """Copy the minimal dossier to `target` and apply the case's changes; return its expectation.

    case.yaml has `changes` (each names a `file` relative to the dossier and one of: `content` to
    write, `bytes_hex` to write as bytes, `delete: true`, `repeat_line` written `count` times after
    an optional `head`, `symlink_to` a path, or `find` and `replace` once, where `<<x*N>>` in
    `replace` is `x` N times), `expect` (every problem line, exactly; [] for none), optionally `exit`
    (default 1), `absent` (paths that must not exist after validating, e.g. a file a YAML tag would
    have created) and `build` (the case is valid and `build --format docx` must make these documents:
    a list of {docx, contains, not_contains, title})."""
    shutil.copytree(ROOTS / "minimaal", target)
    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    for change in spec.get("changes", []):
        path = target / change["file"]
        if "content" in change:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(change["content"], encoding="utf-8")
        elif "bytes_hex" in change:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(bytes.fromhex(change["bytes_hex"]))
        elif "delete" in change:
            path.unlink()
        elif "repeat_line" in change:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w", encoding="utf-8") as out:
                out.write(change.get("head", ""))
                line = change["repeat_line"] + "\n"
                for _ in range(change["count"]):
                    out.write(line)
        elif "symlink_to" in change:
            path.unlink(missing_ok=True)
            path.symlink_to(change["symlink_to"])
        else:
            text = path.read_text(encoding="utf-8")
            assert change["find"] in text, f"{case.name}: '{change['find']}' staat niet in {change['file']}"
            replace = _REPEAT.sub(lambda m: m.group(1) * int(m.group(2)), change["replace"])
            path.write_text(text.replace(change["find"], replace, 1), encoding="utf-8")
    return spec


def invoke(*args: str, cwd: Path) -> Result:
    """Run `dossier ARGS` in this process, in `cwd`, as a user in a Dutch locale would."""
    before = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args), env={"LANG": "nl_NL.UTF-8", "LANGUAGE": "", "LC_ALL": "",
                                                         "LC_MESSAGES": ""})
    finally:
        os.chdir(before)


@pytest.mark.parametrize("case", _cases(), ids=lambda p: p.name)
def test_bad_input(case: Path, tmp_path: Path) -> None:
    """`dossier validate` prints exactly the case's lines with its exit code, and changes no file."""
    spec = apply_case(case, tmp_path / "minimaal")
    for absent in spec.get("absent", []):
        Path(absent).unlink(missing_ok=True)
    before = tree_hashes(tmp_path, modes=True)
    result = invoke("validate", "minimaal", cwd=tmp_path)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback: what a writer must never see
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert result.exit_code == spec.get("exit", 1), result.stderr
    problems = [ln for ln in result.stderr.splitlines() if not _SUMMARY.fullmatch(ln)]
    assert sorted(problems) == sorted(spec["expect"]), (
        "verwacht:\n" + "\n".join(spec["expect"]) + "\nkreeg:\n" + result.stderr)
    if spec["expect"]:
        n = len(spec["expect"])
        assert result.stderr.splitlines()[-1] == f"{n} {'fout' if n == 1 else 'fouten'} in de specificatie."
    else:
        assert result.stdout.strip() == "minimaal: geldig"
    assert tree_hashes(tmp_path, modes=True) == before, "validate heeft een bestand veranderd"
    for absent in spec.get("absent", []):
        assert not Path(absent).exists(), f"{absent} is aangemaakt: de YAML heeft code uitgevoerd"
    if spec.get("build"):
        # what validate accepts, build builds: DOCX files, no traceback, nothing outside the output folder
        result = invoke("build", "minimaal", "--out", "uit", "--format", "docx", "--quiet", cwd=tmp_path)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert result.exit_code == 0, result.stderr
        after = tree_hashes(tmp_path, skip=tmp_path / "uit", modes=True)
        assert after == before, "build heeft iets buiten de uitvoermap veranderd"
        for check in spec["build"]:
            _check_built(tmp_path / "uit" / "minimaal", check)


def _check_built(out: Path, check: dict) -> None:
    """`check` names a built DOCX (`docx`) and text it must contain (`contains`) or its core title."""
    document = docx.Document(str(out / check["docx"]))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n" + "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    for part in check.get("contains", []):
        assert part in text, f"{check['docx']}: '{part}' staat er niet in"
    for part in check.get("not_contains", []):
        assert part not in text, f"{check['docx']}: '{part}' staat erin"
    if "title" in check:
        assert document.core_properties.title == check["title"]


def test_corpus_is_large_enough() -> None:
    assert len(_cases()) >= 100


_MEASURE = """
import os, resource, subprocess, sys
result = subprocess.run([sys.executable, "-m", "dossier", "validate", "minimaal"], capture_output=True, text=True)
sys.stderr.write(result.stderr)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(result.returncode, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


def _validate_measured(cwd: Path) -> tuple[int, str, float, int]:
    """Run `dossier validate minimaal` in `cwd`: exit code, stderr, CPU seconds and peak RSS in KB.

    CPU time, not wall time: the work the command does does not depend on how busy the machine is.

    A small, fresh Python starts the command and reads its peak memory, so the number is the
    command's own and not a copy of this (large) test process."""
    env = {**os.environ, "LANG": "nl_NL.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    probe = subprocess.run([sys.executable, "-c", _MEASURE], cwd=cwd, env=env, capture_output=True, text=True,
                           timeout=60)
    code, seconds, peak = probe.stdout.split()
    return int(code), probe.stderr, float(seconds), int(peak)


@pytest.mark.parametrize("hostile", ["alias-bomb", "file-50mb"])
def test_hostile_input_is_refused_fast_and_small(hostile: str, tmp_path: Path) -> None:
    """An alias bomb and a 50 MB spec file are refused within 2 CPU seconds and 200 MB, not expanded or
    read (expanding the bomb takes minutes and gigabytes)."""
    if hostile == "alias-bomb":
        apply_case(CASES / "alias-bomb", tmp_path / "minimaal")
        expected = "te veel waarden"
    else:
        shutil.copytree(ROOTS / "minimaal", tmp_path / "minimaal")
        line = b"  # " + b"x" * 95 + b"\n"
        (tmp_path / "minimaal" / "begrippen.yaml").write_bytes(b"begrippen:\n" + line * 524_288)  # 50 MiB
        expected = "minimaal/begrippen.yaml: bestand is te groot (50,0 MB; maximaal 5 MB per specificatiebestand)"
    code, stderr, seconds, peak_kb = _validate_measured(tmp_path)
    assert code == 1, stderr
    assert expected in stderr
    assert "Traceback" not in stderr
    assert seconds < 2, f"{hostile}: {seconds:.2f} CPU s"
    assert peak_kb < 200 * 1024, f"{hostile}: {peak_kb // 1024} MB"
