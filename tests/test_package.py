"""The package as a user gets it: the wheel, installed into a fresh venv, works from an empty folder
(its templates, catalogs and scaffold are inside it, not read from this repository)."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from conftest import REPO, needs_soffice


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=900,
                            env={**os.environ, "LANG": "nl_NL.UTF-8", **(env or {})})
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def test_metadata_is_complete_and_the_version_is_in_one_place() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["dynamic"] == ["version"] and "version" not in project
    assert project["license"] == "EUPL-1.2" and (REPO / "LICENSE").read_text().lstrip().startswith(
        "EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    for key in ("readme", "authors", "classifiers", "requires-python", "description"):
        assert project.get(key), key
    # project URLs only once the repository has a public address: never a placeholder host
    assert not any("example" in url for url in project.get("urls", {}).values())


@needs_soffice
def test_the_wheel_in_a_fresh_venv_makes_builds_and_publishes_a_dossier_from_an_empty_folder(tmp_path: Path) -> None:
    import shutil

    source = tmp_path / "bron"  # a copy: building writes build/ and *.egg-info next to the sources
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".git", ".venv", "output", "site", "build", "*.egg-info",
                                                                "__pycache__", ".mypy_cache", ".pytest_cache"))
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, source, cwd=tmp_path)
    wheel = next(dist.glob("dossier-*.whl"))
    from dossier import __version__

    assert wheel.name.startswith(f"dossier-{__version__}-")
    venv = tmp_path / "venv"
    # a fresh venv, without a pip of its own (installing pip into it is most of the time making it): this
    # pip installs the wheel and its dependencies into it, without compiling them to bytecode
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "-q", "--no-compile",
        "-c", REPO / "constraints.txt", wheel, cwd=tmp_path)
    empty = tmp_path / "leeg"
    empty.mkdir()
    dossier = venv / "bin" / "dossier"
    assert __version__ in run(dossier, "--version", cwd=empty).stdout
    run(dossier, "init", "x", cwd=empty)
    run(dossier, "build", "specs/x", "--quiet", cwd=empty)
    assert list((empty / "output" / "x" / "bestek").glob("*.pdf"))
    run(dossier, "site", "specs/x", cwd=empty)
    index = (empty / "site" / "x" / "index.html").read_text(encoding="utf-8")
    assert 'lang="nl"' in index and "actueel" in index
