"""The bad-input corpus: each folder under tests/cases/ changes the minimal dossier in one way and
says exactly what the writer must see (tests/cases/README.md explains the format)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOTS, run_cli

CASES = Path(__file__).parent / "cases"


def _cases() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if p.is_dir())


def apply_case(case: Path, target: Path) -> dict:
    """Copy the minimal dossier to `target` and apply the case's changes; return its expectation."""
    shutil.copytree(ROOTS / "minimaal", target)
    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    for change in spec.get("changes", []):
        path = target / change["file"]
        if "content" in change:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(change["content"], encoding="utf-8")
        elif "bytes_hex" in change:
            path.write_bytes(bytes.fromhex(change["bytes_hex"]))
        elif "delete" in change:
            path.unlink()
        else:
            text = path.read_text(encoding="utf-8")
            assert change["find"] in text, f"{case.name}: '{change['find']}' staat niet in {change['file']}"
            path.write_text(text.replace(change["find"], change["replace"], 1), encoding="utf-8")
    return spec


@pytest.mark.parametrize("case", _cases(), ids=lambda p: p.name)
def test_bad_input(case: Path, tmp_path: Path) -> None:
    spec = apply_case(case, tmp_path / "minimaal")
    result = run_cli("validate", "minimaal", cwd=tmp_path, timeout=60)
    assert result.returncode == spec.get("exit", 1), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for line in spec["expect"]:
        assert line in result.stderr.splitlines(), f"verwacht:\n{line}\nkreeg:\n{result.stderr}"


def test_corpus_is_large_enough() -> None:
    assert len(_cases()) >= 20
