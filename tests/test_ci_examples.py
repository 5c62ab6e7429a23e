"""The CI examples in docs/ci/: the GitLab job keeps one merge-request note up to date instead of adding
one per pipeline (its shell step run against a stand-in `curl` that plays GitLab's API), and the GitHub
workflow names current major versions of the actions."""

from __future__ import annotations

import json
import re
import stat
import subprocess
from pathlib import Path

import yaml

from conftest import REPO

CURRENT = {"actions/checkout": 6, "actions/cache/restore": 6, "actions/cache/save": 6, "actions/upload-artifact": 7}


def test_github_actions_are_current_major_versions() -> None:
    text = (REPO / "docs" / "ci" / "github-actions.yml").read_text(encoding="utf-8")
    used = re.findall(r"uses:\s*([\w./-]+)@v(\d+)", text)
    assert used
    for action, major in used:
        assert int(major) >= CURRENT.get(action, 0), f"{action}@v{major}"


def _note_step() -> str:
    jobs = yaml.safe_load((REPO / "docs" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))
    steps = [s for s in jobs["diff"]["script"] if "DOSSIER_NOTE_TOKEN" in s]
    assert len(steps) == 1
    return steps[0]


def _run(tmp_path: Path, existing: list[dict[str, object]]) -> list[list[str]]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    calls = tmp_path / "calls.jsonl"
    calls.write_text("")
    (tmp_path / "notes.json").write_text(json.dumps(existing))
    fake = bin_dir / "curl"
    fake.write_text(f"""#!/usr/bin/env python3
import json, sys
with open({str(calls)!r}, "a") as f:
    f.write(json.dumps(sys.argv[1:]) + "\\n")
if "-X" not in sys.argv:
    print(open({str(tmp_path / "notes.json")!r}).read())
""")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    (tmp_path / "wijzigingen.md").write_text("### Wijzigingen in de dossiers\n", encoding="utf-8")
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "DOSSIER_NOTE_TOKEN": "geheim", "CI_API_V4_URL": "https://gl/api/v4",
           "CI_PROJECT_ID": "7", "CI_MERGE_REQUEST_IID": "3"}
    result = subprocess.run(["bash", "-eo", "pipefail", "-c", _note_step()], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in calls.read_text().splitlines()]


def test_gitlab_job_adds_the_note_once_and_then_updates_it(tmp_path: Path) -> None:
    first = _run(tmp_path, [{"id": 11, "body": "iets anders"}])
    assert first[-1][first[-1].index("-X") + 1] == "POST"
    assert first[-1][-1] == "https://gl/api/v4/projects/7/merge_requests/3/notes"
    body = json.loads((tmp_path / "note.json").read_text())["body"]
    assert body.startswith("<!-- dossier diff -->\n### Wijzigingen")
    again = _run(tmp_path, [{"id": 11, "body": "iets anders"}, {"id": 12, "body": body}])
    assert again[-1][again[-1].index("-X") + 1] == "PUT"
    assert again[-1][-1] == "https://gl/api/v4/projects/7/merge_requests/3/notes/12"
