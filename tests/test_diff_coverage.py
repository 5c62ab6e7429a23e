"""Every field of every spec model reaches `dossier diff`: a change to it is reported.

Two checks. Statically, every field name of every model is read in dossier/review/items.py (a new
field that nobody added there fails here, whether or not an example sets it). Dynamically, every
field that the example dossiers set is changed once, in memory, and the item comparison must report
a change (so reading the field is not enough: its value must reach the report).
"""

from __future__ import annotations

import ast
import datetime
import enum
import inspect
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import dossier
from conftest import REPO, ROOTS, TWENTE
from dossier.review.diff import item_changes
from dossier.spec import model as models

NOT_CONTENT = {
    ("Vergelijking", "map"): "which earlier version the nota compares with: how, not what",
    ("Vergelijking", "revisie"): "idem",
    ("NotaFile", "vergelijk"): "idem",
}
REFERENCES = {
    ("DossierSpec", "segmenten"): "keys of segment files: another key is another file, whose items the diff compares",
}


def all_models() -> list[type[BaseModel]]:
    return [m for m in vars(models).values()
            if isinstance(m, type) and issubclass(m, BaseModel) and m.__module__ == models.__name__
            and m.model_fields]


def read_names() -> set[str]:
    """Attribute names read in items.py and in the context helpers it formats values with."""
    from dossier.context.common import adresregels

    sources = [(REPO / "dossier" / "review" / "items.py").read_text(encoding="utf-8"),
               textwrap.dedent(inspect.getsource(adresregels))]
    return {n.attr for text in sources for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Attribute)}


def test_every_model_field_is_read_by_the_diff() -> None:
    names = read_names()
    missing = sorted(f"{m.__name__}.{f}" for m in all_models() for f in m.model_fields
                     if f not in names and (m.__name__, f) not in NOT_CONTENT)
    assert not missing, "velden die dossier diff niet leest (dossier/review/items.py):\n" + "\n".join(missing)


def _occurrences(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[str, str, tuple[Any, ...]]]:
    """(model name, field, path) of every field that has a value, first occurrence per model field."""
    out = []
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if value is None or value == [] or value == {}:
                continue
            out.append((type(node).__name__, name, (*path, name)))
            out += _occurrences(value, (*path, name))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _occurrences(v, (*path, i))
    elif isinstance(node, dict):
        for k, v in node.items():
            out += _occurrences(v, (*path, k))
    return out


def _changed(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, enum.Enum):
        return next(m for m in type(value) if m is not value)
    if isinstance(value, (int, Decimal)):
        return value + 1
    if isinstance(value, datetime.date):
        return value + datetime.timedelta(days=1)
    if isinstance(value, str):
        return value + " gewijzigd"
    if isinstance(value, list):
        return [_changed(value[0]), *value[1:]]
    if isinstance(value, dict):
        key = next(iter(value))
        return {**value, key: _changed(value[key])}
    if isinstance(value, BaseModel):
        name = next((n for n in type(value).model_fields if getattr(value, n) not in (None, [], {})), None)
        if name is None:  # nothing set in it: its fields are checked where an example sets them
            return value
        clone = value.model_copy()
        object.__setattr__(clone, name, _changed(getattr(value, name)))
        return clone
    raise AssertionError(f"geen wijziging voor {type(value)}")


def _get(root: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        root = root[step] if isinstance(step, int) or isinstance(root, dict) else getattr(root, step)
    return root


def _set(root: Any, path: tuple[Any, ...], value: Any) -> None:
    parent = _get(root, path[:-1])
    if isinstance(parent, (list, dict)):
        parent[path[-1]] = value
    else:
        object.__setattr__(parent, path[-1], value)


@pytest.mark.parametrize("spec", [TWENTE, REPO / "specs" / "zhz-2022", ROOTS / "minimaal"], ids=lambda p: p.name)
def test_a_change_to_any_field_the_example_sets_is_reported(spec: Path) -> None:
    old, new = dossier.load(spec), dossier.load(spec)
    seen: set[tuple[str, str]] = set()
    silent = []
    for attr in sorted(old.sources):  # every spec file, by name ('kit.yaml', 'segmenten/wonen.yaml')
        file_model, target = old.model_of(attr), new.model_of(attr)
        for model_name, field, path in _occurrences(file_model):
            if (model_name, field) in seen or (model_name, field) in NOT_CONTENT or (model_name, field) in REFERENCES:
                continue
            seen.add((model_name, field))
            original = _get(target, path)
            changed = _changed(original)
            if changed is original:
                seen.discard((model_name, field))
                continue
            _set(target, path, changed)
            try:
                if not item_changes(old, new):
                    silent.append(f"{model_name}.{field} ({attr} › {' › '.join(map(str, path))})")
            finally:
                _set(target, path, original)
    assert not silent, "een wijziging in deze velden ziet dossier diff niet:\n" + "\n".join(silent)
