"""Example values: what a spec marks `!voorbeeld`, and which of them a document's context reads.

A writer marks a value that is not real yet (a tariff, a name, a whole KIT requirement or a whole file)
with `!voorbeeld`. The YAML reader keeps where each mark stands (`YamlFile.examples`); this module finds
the model objects behind the marks, so that a context that reads one of them can be recorded as
holding an example value, just as `Dossier.recording_reads` records which files it read.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from .yamlfile import YamlFile, dotted


@dataclass(frozen=True)
class Example:
    """One value marked `!voorbeeld`: the spec file (as messages name it), line, column and field."""

    display: str
    line: int
    column: int
    field: str

    def __str__(self) -> str:
        return f"{self.display}:{self.line}:{self.field}" if self.field else f"{self.display}:{self.line}"


@dataclass
class ExampleIndex:
    """The marks of a dossier, by the model object they fall on."""

    marks: list[Example] = field(default_factory=list)
    """Every mark, file by file in load order, in file order within a file."""
    fields: dict[tuple[int, str], Example] = field(default_factory=dict)
    """(id of a model, field name) → the mark on that field's value (a text, number or list of texts)."""
    models: dict[int, Example] = field(default_factory=dict)
    """id of a model → the mark on it or on a list or mapping around it: each of its fields is an example."""
    _keep: list[BaseModel] = field(default_factory=list, repr=False)
    """The models indexed by id, kept alive so that no id is reused."""


def index_examples(models: Mapping[str, Any], sources: Mapping[str, YamlFile]) -> ExampleIndex:
    """Find the model object under every `!voorbeeld` mark of every file that validated."""
    index = ExampleIndex()
    for name, source in sources.items():
        root = models.get(name)
        for path, (line, column) in source.examples.items():
            mark = Example(source.display, line, column, dotted(path))
            index.marks.append(mark)
            if root is None:
                continue
            owner, attr, value = _walk(root, path)
            inside = list(_models_in(value))
            for model in inside:
                index.models.setdefault(id(model), mark)
                index._keep.append(model)
            if owner is not None and attr is not None and not inside:
                index.fields.setdefault((id(owner), attr), mark)
                index._keep.append(owner)
    return index


def _walk(root: Any, path: tuple[str | int, ...]) -> tuple[BaseModel | None, str | None, Any]:
    """(the innermost model on `path`, its field the path goes through, the value at `path`)."""
    owner: BaseModel | None = None
    attr: str | None = None
    value = root
    for part in path:
        if isinstance(value, BaseModel) and isinstance(part, str) and part in type(value).model_fields:
            owner, attr, value = value, part, value.__dict__.get(part)
        elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
            value = value[part]
        elif isinstance(value, dict) and part in value:
            value = value[part]
        else:  # a value the model reshaped: the whole field it is in counts
            return owner, attr, None
    return owner, attr, value


def _models_in(value: Any) -> Iterator[BaseModel]:
    if isinstance(value, BaseModel):
        yield value
        for name in type(value).model_fields:
            yield from _models_in(value.__dict__.get(name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _models_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _models_in(item)


class ExampleReads:
    """The marks a piece of code read through, in the order it first read them."""

    def __init__(self, index: ExampleIndex) -> None:
        self.index = index
        self.found: dict[Example, None] = {}
        self.values: list[Any] = []
        """The marked values read, as the model holds them (a review build highlights them)."""
        self.plain: set[str] = set()
        """The unmarked texts read: a text that is also a real value elsewhere ('Almelo' as the town of
        an example address and as the municipality's name) is not highlighted."""

    def read(self, model: BaseModel, name: str) -> None:
        mark = self.index.fields.get((id(model), name)) or self.index.models.get(id(model))
        if mark is not None:
            self.found.setdefault(mark, None)
            self.values.append(model.__dict__.get(name))
        elif isinstance(value := model.__dict__.get(name), str):
            self.plain.add(value)

    def __iter__(self) -> Iterator[Example]:
        return iter(self.found)

    def __len__(self) -> int:
        return len(self.found)


READING: ContextVar[ExampleReads | None] = ContextVar("dossier_example_reads", default=None)
"""Set while a context is made: every field read of a spec model is checked against the marks."""


@contextmanager
def recording_examples(index: ExampleIndex) -> Iterator[ExampleReads]:
    """Inside this block, the marked values that are read are collected in the object it gives."""
    reads = ExampleReads(index)
    token = READING.set(reads)
    try:
        yield reads
    finally:
        READING.reset(token)
