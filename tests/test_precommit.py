"""Editor and CI integration: the pre-commit hook definition, run the way pre-commit runs it, and
the shell and Python steps of the example CI workflows in docs/ci/, run on real output."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from conftest import REPO, ROOTS, TWENTE, edit_spec, needs_soffice

HOOKS = REPO / ".pre-commit-hooks.yaml"
GITHUB = REPO / "docs" / "ci" / "github-actions.yml"
GITLAB = REPO / "docs" / "ci" / "gitlab-ci.yml"


def hook() -> dict:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and [h["id"] for h in hooks] == ["dossier-validate"]
    return hooks[0]


def bin_dir() -> Path:
    """Where the installed `dossier` command is, as pre-commit's environment would have it."""
    here = Path(sys.executable).parent
    if (here / "dossier").exists():
        return here
    found = shutil.which("dossier")
    assert found, "het commando 'dossier' is niet geïnstalleerd (pip install -e .)"
    return Path(found).parent


def env_with_dossier() -> dict[str, str]:
    return {**os.environ, "LANG": "nl_NL.UTF-8", "PATH": f"{bin_dir()}{os.pathsep}{os.environ.get('PATH', '')}"}


def run_entry(cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the hook's entry as pre-commit does with pass_filenames false: the entry, no file names."""
    argv = shlex.split(hook()["entry"])
    return subprocess.run(argv, cwd=cwd, env=env_with_dossier(), capture_output=True, text=True, timeout=300)


@pytest.fixture
def dossier_repo(tmp_path: Path) -> Path:
    """A dossier repository with the example specs: specs/twente-2025 and specs/minimaal."""
    shutil.copytree(TWENTE, tmp_path / "specs" / "twente-2025")
    shutil.copytree(ROOTS / "minimaal", tmp_path / "specs" / "minimaal")
    return tmp_path


def test_hook_definition() -> None:
    h = hook()
    assert h["name"] == "dossier validate"
    assert h["language"] == "python"
    assert h["entry"] == "dossier validate"
    assert h["files"] == r"^specs/.*\.ya?ml$"
    assert h["pass_filenames"] is False
    assert h["description"]


def test_hook_entry_is_the_installed_console_script() -> None:
    """pre-commit installs this repository with pip; the entry's command comes from pyproject."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"][shlex.split(hook()["entry"])[0]] == "dossier.cli:main"


@pytest.mark.parametrize("path, runs", [
    ("specs/twente-2025/dossier.yaml", True),
    ("specs/twente-2025/segmenten/wonen.yaml", True),
    ("specs/nieuw/kit.yml", True),
    ("specs/twente-2025/huisstijl/almelo.png", False),
    ("specs/twente-2025/README.md", False),
    ("tests/roots/minimaal/dossier.yaml", False),
    ("docs/ci/github-actions.yml", False),
    ("schemas/dossier.schema.json", False),
])
def test_files_pattern(path: str, runs: bool) -> None:
    assert bool(re.search(hook()["files"], path)) is runs  # pre-commit uses re.search


def test_entry_passes_on_the_example_specs(dossier_repo: Path) -> None:
    result = run_entry(dossier_repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["specs/minimaal: geldig", "specs/twente-2025: geldig"]


def test_entry_blocks_a_commit_with_a_broken_spec(dossier_repo: Path) -> None:
    dossier_yaml = dossier_repo / "specs" / "minimaal" / "dossier.yaml"
    edit_spec(dossier_yaml, "status: concept", "status: klaar")
    result = run_entry(dossier_repo)
    assert result.returncode == 1
    assert re.search(r"^specs/minimaal/dossier\.yaml:\d+:\d+: status: 'klaar' is geen geldige waarde", result.stderr,
                     re.M), result.stderr
    assert "specs/twente-2025: geldig" in result.stdout


# --- the example CI workflows --------------------------------------------------------------------


def github() -> dict:
    return yaml.safe_load(GITHUB.read_text(encoding="utf-8"))


def github_step(name: str) -> dict:
    steps = github()["jobs"]["dossier"]["steps"]
    return next(s for s in steps if s.get("name") == name)


def gitlab() -> dict:
    return yaml.safe_load(GITLAB.read_text(encoding="utf-8"))


def test_workflows_do_what_docs_ci_promises() -> None:
    gh = github()
    assert set(gh[True]) == {"push", "pull_request"}  # YAML 1.1 reads the key 'on' as true
    steps = gh["jobs"]["dossier"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert uses[0] == "actions/checkout@v6" and steps[0]["with"]["fetch-depth"] == 0
    restore = next(s for s in steps if s.get("uses") == "actions/cache/restore@v6")
    save = next(s for s in steps if s.get("uses") == "actions/cache/save@v6")
    assert restore["with"]["path"] == save["with"]["path"] == "output"
    build = github_step("Bouwen (incrementeel)")
    assert steps.index(restore) < steps.index(build) < steps.index(save)
    assert build["run"].strip() == "dossier build --quiet"
    upload = next(s for s in steps if s.get("uses") == "actions/upload-artifact@v7")
    assert "output/" in upload["with"]["path"]
    assert "dossier diff --rev origin/main" in github_step("Wijzigingen tegen main")["run"]
    assert "gh pr comment" in github_step("Reactie in de pull request")["run"]
    assert "dossier @ git+" in gh["env"]["DOSSIER_PIP"]  # never plain 'pip install dossier': another project

    gl = gitlab()
    assert gl["stages"] == ["validate", "build", "review"]
    assert gl["build"]["cache"]["paths"] == ["output/"] and gl["build"]["artifacts"]["paths"] == ["output/"]
    assert "dossier build --quiet" in gl["build"]["script"]
    assert any("dossier diff --rev" in line for line in gl["diff"]["script"])
    assert gl["validate"]["artifacts"]["reports"]["codequality"] == "gl-code-quality.json"


def all_shell_scripts() -> list[tuple[str, str]]:
    scripts = [(s.get("name", "?"), s["run"]) for s in github()["jobs"]["dossier"]["steps"] if "run" in s]
    gl = gitlab()
    for job, spec in gl.items():
        if isinstance(spec, dict) and ("script" in spec or "before_script" in spec):
            scripts.append((job, "\n".join(spec.get("before_script", []) + spec.get("script", []))))
    return scripts


def test_every_shell_step_is_valid_bash() -> None:
    scripts = all_shell_scripts()
    assert len(scripts) >= 8
    for name, script in scripts:
        check = subprocess.run(["bash", "-n"], input=script, capture_output=True, text=True)
        assert check.returncode == 0, f"{name}: {check.stderr}"


def run_step(script: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """A step as GitHub runs it (bash -e) or GitLab (set -eo pipefail), with dossier on PATH."""
    return subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=cwd, capture_output=True, text=True,
                          env={**env_with_dossier(), **env}, timeout=300)


def test_github_validate_step_annotates_each_problem(dossier_repo: Path) -> None:
    script = github_step("Valideren")["run"]
    ok = run_step(script, dossier_repo)
    assert ok.returncode == 0, ok.stderr
    assert "::error" not in ok.stdout
    kit = dossier_repo / "specs" / "minimaal" / "kit.yaml"
    edit_spec(kit, "KIT-K-01", "KIT-K-1")
    bad = run_step(script, dossier_repo)
    assert bad.returncode == 1
    errors = [line for line in bad.stdout.splitlines() if line.startswith("::error ")]
    assert errors and all(re.match(r"::error file=specs/minimaal/[^,]+,line=\d+,col=\d+::", e) for e in errors), errors
    assert any("KIT-K-1" in e for e in errors)


def test_gitlab_validate_job_writes_a_code_quality_report(dossier_repo: Path) -> None:
    script = "\n".join(gitlab()["validate"]["script"])
    dossier_yaml = dossier_repo / "specs" / "minimaal" / "dossier.yaml"
    edit_spec(dossier_yaml, "status: concept", "status: klaar")
    result = run_step(script, dossier_repo)
    assert result.returncode == 1
    report = json.loads((dossier_repo / "gl-code-quality.json").read_text(encoding="utf-8"))
    assert len(report) == 1
    (issue,) = report
    assert issue["location"]["path"] == "specs/minimaal/dossier.yaml" and issue["location"]["lines"]["begin"] > 1
    assert issue["description"].startswith("status: 'klaar' is geen geldige waarde")
    assert issue["check_name"] == "dossier-validate" and len(issue["fingerprint"]) == 64


@needs_soffice
def test_github_diff_step_on_a_pull_request(tmp_path: Path) -> None:
    """The diff step in a git repository whose origin/main has the dossier before the change."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOTS / "minimaal", repo / "specs" / "minimaal")
    git = lambda *args: subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)  # noqa: E731
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.nl", "commit", "-q", "-m", "dossier")
    git("update-ref", "refs/remotes/origin/main", "HEAD")
    segment = repo / "specs" / "minimaal" / "segmenten" / "ambulant.yaml"
    edit_spec(segment, "bedrag: 1234.5", "bedrag: 1250")
    result = run_step(github_step("Wijzigingen tegen main")["run"], repo)
    assert result.returncode == 0, result.stdout + result.stderr
    body = (repo / "wijzigingen.md").read_text(encoding="utf-8")
    assert body.startswith("### Wijzigingen in de dossiers")
    assert "#### minimaal" in body and body.count("```") == 2
    assert "1.250" in body or "1250" in body, body
    assert (repo / "wijzigingen" / "minimaal.pdf").is_file()
