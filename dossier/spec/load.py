"""Load a dossier folder: read every spec file, validate each, then the rules across files.

Every problem in every file is collected and raised once as a SpecError.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import ValidationError

from ..errors import Problem, SpecError
from ..i18n import _, ngettext
from .dossier import Dossier
from .examples import index_examples
from .messages import did_you_mean, translate
from .model import FILES, OPTIONAL_FILES, DossierSpec
from .rules import RULES, SEGMENTS
from .types import Model, Status
from .yamlfile import YamlFile, YamlProblem, read_yaml

SEGMENT_DIR = "segmenten"
EXTRA_ALLOWED = {"README.md", "huisstijl"}


def display_path(path: Path) -> str:
    """How a spec file is named in messages: relative to the working folder when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)


def load(folder: str | os.PathLike[str]) -> Dossier:
    """Read and validate the dossier in `folder`; raise SpecError listing every problem."""
    root = Path(folder)
    problems: list[Problem] = []
    shown = display_path(root)
    if not root.is_dir():
        raise SpecError([Problem(shown, message=_("dossier folder does not exist"))])
    models: dict[str, Model] = {}
    sources: dict[str, YamlFile] = {}
    expected = [name for name in FILES if "*" not in name]
    segment_files = sorted((root / SEGMENT_DIR).glob("*.yaml")) if (root / SEGMENT_DIR).is_dir() else []
    problems += _stray_files(root, expected)
    names = expected + [f"{SEGMENT_DIR}/{p.name}" for p in segment_files]
    for name in names:
        path = root / name
        display = display_path(path)
        model = FILES[f"{SEGMENT_DIR}/*.yaml"] if name.startswith(SEGMENT_DIR + "/") else FILES[name]
        if not path.exists():
            if name in OPTIONAL_FILES:
                continue
            problems.append(Problem(display, message=_("file is missing; create {file} (see docs/spec-format.md "
                                                       "or 'dossier init')").format(file=name)))
            continue
        if not _inside(root, path):
            problems.append(Problem(display, message=_("this file is a link to a place outside the dossier "
                                                       "folder; copy the file into the folder")))
            continue
        try:
            source = read_yaml(path, display)
        except YamlProblem as exc:
            problems.append(exc.problem)
            continue
        sources[name] = source
        try:
            models[name] = model.model_validate(source.data)
        except ValidationError as exc:
            problems += translate(exc, source, model)
    dossier_model = found if isinstance(found := models.get("dossier.yaml"), DossierSpec) else None
    if dossier_model is not None:
        for i, seg in enumerate(dossier_model.segmenten):
            if f"{SEGMENT_DIR}/{seg}.yaml" not in names:
                problems.append(sources["dossier.yaml"].problem(
                    ("segmenten", i), _("segment file {file} is missing").format(file=f"{SEGMENT_DIR}/{seg}.yaml")))
    segment_names = [f"{SEGMENT_DIR}/{seg}.yaml" for seg in dossier_model.segmenten] if dossier_model else []
    dossier = Dossier(
        key=root.resolve().name,
        root=root,
        spec=models.get("dossier.yaml"),  # type: ignore[arg-type]
        gemeenten_file=models.get("gemeenten.yaml"),  # type: ignore[arg-type]
        kit=models.get("kit.yaml"),  # type: ignore[arg-type]
        begrippen=models.get("begrippen.yaml"),  # type: ignore[arg-type]
        segmenten={Path(n).stem: m for n, m in models.items() if n.startswith(SEGMENT_DIR + "/")},  # type: ignore[misc]
        aanbieders_file=models.get("aanbieders.yaml"),  # type: ignore[arg-type]
        besluiten=models.get("besluiten.yaml"),  # type: ignore[arg-type]
        brieven=models.get("brieven.yaml"),  # type: ignore[arg-type]
        nota=models.get("nota-van-inlichtingen.yaml"),  # type: ignore[arg-type]
        sources=sources,
        examples=index_examples(models, sources),
    )
    # Rules across files run on every file that is valid, also when another is not: all problems at once.
    for rule in RULES:
        needed = {segment for name in rule.needs  # type: ignore[attr-defined]
                  for segment in (segment_names if name == SEGMENTS else [name])}
        if (SEGMENTS not in rule.needs or dossier_model is not None) and needed <= models.keys():  # type: ignore[attr-defined]
            problems += list(rule(dossier))
    if dossier_model is not None:
        problems += _examples_in_final(dossier)
    if problems:
        raise SpecError(problems)
    return dossier


SHOWN_EXAMPLES = 5


def _examples_in_final(d: Dossier) -> list[Problem]:
    """A dossier that says it is final holds no example value (`!voorbeeld`)."""
    marks = d.examples.marks
    if d.spec.status is not Status.DEFINITIEF or not marks:
        return []
    shown = "; ".join(str(m) for m in marks[:SHOWN_EXAMPLES])
    more = len(marks) - SHOWN_EXAMPLES
    return [d.sources["dossier.yaml"].problem(("status",), ngettext(
        "the dossier is 'definitief' but still holds {count} example value (marked !voorbeeld): {examples}; "
        "replace it with the real value and remove the mark, or write status: concept",
        "the dossier is 'definitief' but still holds {count} example values (marked !voorbeeld): {examples}"
        "{more}; replace them with the real values and remove the marks, or write status: concept",
        len(marks)).format(count=len(marks), examples=shown,
                           more=_(" and {count} more").format(count=more) if more > 0 else ""))]


def _inside(root: Path, path: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def _stray_files(root: Path, expected: list[str]) -> list[Problem]:
    """Files a writer probably meant as spec files but misnamed (e.g. gemeentes.yaml)."""
    out = []
    for path in sorted(root.iterdir()):
        if path.name in expected or path.name in EXTRA_ALLOWED or path.name == SEGMENT_DIR:
            continue
        if path.name.startswith("."):
            continue
        if path.suffix in (".yaml", ".yml"):
            match = did_you_mean(path.name.replace(".yml", ".yaml"), expected)
            message = (_("unknown spec file; did you mean {file}?").format(file=match) if match
                       else _("unknown spec file; expected: {files}").format(files=", ".join(expected)))
            out.append(Problem(display_path(path), message=message))
    return out
