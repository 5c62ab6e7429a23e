"""Shared fixtures: fixture dossiers live as folders under tests/roots/ and tests/cases/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier import i18n

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
ROOTS = HERE / "roots"
TWENTE = REPO / "specs" / "twente-2025"


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run the real `dossier` command as a user would."""
    full_env = {**os.environ, "LANG": "nl_NL.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", **(env or {})}
    return subprocess.run([sys.executable, "-m", "dossier", *args], cwd=cwd or REPO, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    """The expectations are Dutch whatever the locale of the shell running the tests: in this process
    through the chosen language, in run_cli's subprocesses through LANG."""
    with i18n.using("nl"):
        yield


@pytest.fixture
def minimaal(tmp_path: Path) -> Path:
    """A writable copy of the minimal fixture dossier."""
    target = tmp_path / "minimaal"
    shutil.copytree(ROOTS / "minimaal", target)
    return target


def soffice_available() -> bool:
    from dossier.pdf import find_soffice, find_uno_python

    return bool(find_soffice() and find_uno_python())


needs_soffice = pytest.mark.skipif(not soffice_available(), reason="LibreOffice met python3-uno ontbreekt")


def own_house_style(spec: Path, folder: str = "sjablonen") -> Path:
    """Give the dossier in `spec` its own house style: a copy of the shipped templates in `spec/folder`,
    chosen with `huisstijl: ./folder` in dossier.yaml. Returns the templates folder."""
    templates = spec / folder
    shutil.copytree(REPO / "templates" / "standaard", templates)
    text = (spec / "dossier.yaml").read_text(encoding="utf-8")
    (spec / "dossier.yaml").write_text(text.rstrip("\n") + f"\nhuisstijl: ./{folder}\n", encoding="utf-8")
    return templates
