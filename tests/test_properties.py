"""Property-based tests: any valid text ends up literally in a valid DOCX; any mutation of a valid
spec gives a valid build or a validation error, never a traceback."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import docx
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dossier
from conftest import ROOTS
from dossier.errors import SpecError
from test_documents import doc_text

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
                           blacklist_characters="\ufffe\uffff"),
    min_size=1, max_size=60,
).map(str.strip).filter(bool)


def _copy_minimaal() -> Path:
    folder = Path(tempfile.mkdtemp()) / "minimaal"
    shutil.copytree(ROOTS / "minimaal", folder)
    return folder


def _edit(folder: Path, name: str, change) -> None:  # type: ignore[no-untyped-def]
    path = folder / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(naam=TEXT, omschrijving=TEXT, titel=TEXT, gemeenten=st.lists(TEXT, min_size=1, max_size=4, unique=True))
def test_any_text_appears_literally_in_valid_docx(naam: str, omschrijving: str, titel: str,
                                                  gemeenten: list[str]) -> None:
    folder = _copy_minimaal()

    def segment(data: dict[str, Any]) -> None:
        data["deelsegmenten"][0]["naam"] = naam
        data["deelsegmenten"][0]["bekostiging"]["tarieven"][0]["omschrijving"] = omschrijving

    def kit(data: dict[str, Any]) -> None:
        data["eisen"][1]["titel"] = titel

    def municipalities(data: dict[str, Any]) -> None:
        template = data["gemeenten"]["hengelo"]
        for i, name in enumerate(gemeenten):
            data["gemeenten"][f"extra-{i}"] = {**template, "naam": name}

    _edit(folder, "segmenten/ambulant.yaml", segment)
    _edit(folder, "kit.yaml", kit)
    _edit(folder, "gemeenten.yaml", municipalities)
    _edit(folder, "segmenten/ambulant.yaml", lambda data: data.__setitem__("kit", ["KIT-K-01"]))
    out = folder.parent / "out"
    result = dossier.build(dossier.load(folder), out, formats=("docx",), only=("bestek", "raadsbrief"))
    assert not result.errors, result.errors
    bestek = doc_text(out / "bestek" / "ambulant.docx")
    assert naam in bestek and omschrijving in bestek and titel in bestek
    letters = sorted((out / "raadsbrief").glob("extra-*.docx"))
    assert len(letters) == len(gemeenten)
    for i, name in enumerate(gemeenten):
        docx.Document(str(out / "raadsbrief" / f"extra-{i}.docx"))
        assert f"Gemeenteraad van {name}" in doc_text(out / "raadsbrief" / f"extra-{i}.docx")
    shutil.rmtree(folder.parent)


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), TEXT,
                    st.just("2025-02-31"), st.just([]), st.just({}))


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutations_give_a_build_or_a_validation_error(data: st.DataObject) -> None:
    folder = _copy_minimaal()
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.yaml"))
    name = data.draw(st.sampled_from(files))
    tree = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
    paths = _paths(tree)
    path = data.draw(st.sampled_from(paths))
    action = data.draw(st.sampled_from(["replace", "delete", "add-key"]))
    parent = tree
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "replace":
        parent[last] = data.draw(SCALARS)
    elif action == "delete":
        del parent[last]
    elif isinstance(parent, dict):
        parent[data.draw(TEXT)] = data.draw(SCALARS)
    (folder / name).write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        model = dossier.load(folder)
    except SpecError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file.endswith(".yaml") or problem.file.endswith("minimaal")
            assert problem.message
    else:
        result = dossier.build(model, folder.parent / "out", formats=("docx",), only=("bestek",))
        assert not result.errors, result.errors
    shutil.rmtree(folder.parent)
