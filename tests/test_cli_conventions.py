"""The command line as Python's and the shell's conventions expect: click's own texts in the user's
language, --quiet, NO_COLOR, usage errors exit 2, --open, `bash scripts/dev.sh build ARGS`."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from dossier.kinds import KINDS

from conftest import REPO, edit_spec, run_cli


def test_only_with_an_unknown_kind_is_a_usage_error(minimaal: Path, tmp_path: Path) -> None:
    result = run_cli("build", str(minimaal), "--out", str(tmp_path / "out"), "--only", "bestekken")
    assert result.returncode == 2
    kinds = ", ".join(kind.name for kind in KINDS)
    assert f"fout: --only bestekken: onbekende soort 'bestekken'; kies uit {kinds}\n" in result.stderr
    assert not (tmp_path / "out").exists()


def test_no_color_is_honoured_by_diff(minimaal: Path, tmp_path: Path) -> None:
    import shutil

    old = tmp_path / "oud" / "minimaal"
    shutil.copytree(minimaal, old)
    edit_spec(minimaal / "segmenten" / "ambulant.yaml", "bedrag: 1234.5", "bedrag: 1250.75")
    from click.testing import CliRunner

    from dossier.cli import main

    coloured = CliRunner().invoke(main, ["diff", str(old), str(minimaal)], color=True)
    assert coloured.exit_code == 1 and "\x1b[" in coloured.output
    plain = CliRunner(env={"NO_COLOR": "1"}).invoke(main, ["diff", str(old), str(minimaal)], color=True)
    assert plain.exit_code == 1 and "\x1b[" not in plain.output
    assert "1.250,75" in plain.output.replace("\xa0", " ")


def test_clicks_own_texts_are_dutch() -> None:
    help_text = run_cli("build", "--help").stdout
    assert help_text.startswith("Gebruik: python -m dossier build [OPTIES]")
    assert "Opties:" in help_text and "[standaard: docx,pdf]" in help_text
    assert "Usage:" not in help_text and "Options:" not in help_text
    wrong = run_cli("build", "--bestaatniet")
    assert wrong.returncode == 2
    assert "Fout: Optie '--bestaatniet' bestaat niet." in wrong.stderr, wrong.stderr
    assert "Probeer 'python -m dossier build --help' voor hulp." in wrong.stderr, wrong.stderr
    english = run_cli("--lang", "en", "build", "--help").stdout
    assert english.startswith("Usage: python -m dossier build [OPTIONS]") and "[default: docx,pdf]" in english


def test_build_open_opens_the_first_built_pdf(minimaal: Path, tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    opener = bin_dir / "xdg-open"
    opener.write_text(f'#!/bin/sh\necho "$1" >> "{tmp_path}/geopend"\n')
    opener.chmod(opener.stat().st_mode | stat.S_IEXEC)
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "DISPLAY": ":0"}
    result = run_cli("build", str(minimaal), "--out", str(tmp_path / "out"), "--format", "docx", "--open", env=env)
    assert result.returncode == 0, result.stderr
    opened = Path(tmp_path / "geopend").read_text().split()
    assert opened == [str(tmp_path / "out" / "minimaal" / "bestek" / "ambulant.docx")]
    again = run_cli("build", str(minimaal), "--out", str(tmp_path / "out"), "--format", "docx", "--open", env=env,
                    cwd=tmp_path)
    assert again.returncode == 0
    assert "niets te openen" in again.stderr


def test_dev_sh_build_passes_options_to_build_only(minimaal: Path, tmp_path: Path) -> None:
    import subprocess

    result = subprocess.run(["bash", "scripts/dev.sh", "build", str(minimaal), "--jobs", "1", "--format", "docx",
                             "--out", str(tmp_path / "out")], cwd=REPO, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "LANG": "nl_NL.UTF-8"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{minimaal}: geldig" in result.stdout
    assert (tmp_path / "out" / "minimaal" / "bestek" / "ambulant.docx").is_file()
