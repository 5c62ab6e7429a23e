"""The Python API as documented: docs/api.md is run as a doctest in an empty folder, and the
signatures it describes are the real ones."""

from __future__ import annotations

import dataclasses
import doctest
import inspect
import re
from pathlib import Path

import pytest

import dossier
from conftest import REPO

API_DOC = REPO / "docs" / "api.md"


def test_docs_api_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the example writes specs/ and output/ in the working folder
    result = doctest.testfile(str(API_DOC), module_relative=False, verbose=False, report=True,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} van {result.attempted} voorbeelden in docs/api.md kloppen niet"
    assert result.attempted >= 25
    assert (tmp_path / "output" / "voorbeeld" / "bestek" / "ambulant.docx").is_file()


def test_documented_signatures_are_the_real_ones() -> None:
    text = API_DOC.read_text(encoding="utf-8")
    assert list(inspect.signature(dossier.load).parameters) == ["path"]
    build = inspect.signature(dossier.build)
    assert list(build.parameters) == ["model", "out", "formats", "only", "jobs", "force", "report"]
    assert build.parameters["formats"].default == ("docx", "pdf")
    assert "`dossier.build(model, out, *, formats=(\"docx\", \"pdf\"), only=(), jobs=None, force=False, report=…)`" in text
    from dossier.builder import Result

    documented = re.findall(r"`Result` heeft (.*?)summary\(\)", text, re.S)[0].split("`")[1::2]
    assert {name for name in documented if name} == {f.name for f in dataclasses.fields(Result)}


def test_every_code_block_in_the_api_doc_is_run() -> None:
    """A Python block without '>>>' would be documentation that no test checks."""
    blocks = re.findall(r"```(\w+)\n(.*?)```", API_DOC.read_text(encoding="utf-8"), re.S)
    assert blocks and all(lang == "pycon" and body.lstrip().startswith(">>>") for lang, body in blocks)
