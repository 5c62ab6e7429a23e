"""The pipeline's stages import only earlier stages, and no module imports itself back in a circle.

spec (YAML → model) → context (Dutch formatting) → render (docxtpl) → pdf (LibreOffice) → builder
(plan, run, bundles, install) → the commands around it (check, export, review, watch) → cli. A
back-arrow (an earlier stage importing a later one, even inside a function) or a cycle fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "dossier"
STAGES: dict[str, int] = {
    "i18n": 0, "errors": 0, "files": 0, "version": 0,
    "spec": 1,
    "context": 2, "kinds": 3,
    "render": 4,
    "pdf": 5,
    "builder": 6,
    "check": 7, "export": 7, "scaffold": 7,
    "review": 8, "watch": 8, "variables": 8,
    "cli": 9, "__main__": 9, "__init__": 9,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """Every dossier module `path` imports, at the top or inside a function."""
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "dossier":
                continue
            for alias in node.names:  # `from . import load` may name a module or a function
                candidate = f"{target}.{alias.name}"
                found.add(candidate if candidate in MODULES else target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "dossier"}
    return {m for m in found if m in MODULES and m != me}


def stage(module: str) -> int:
    parts = module.split(".")
    return STAGES["__init__" if len(parts) == 1 else parts[1]]


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py") if "templates" not in p.parts}
GRAPH = {m: imports(p) for m, p in MODULES.items()}


def test_every_module_has_a_stage() -> None:
    assert not [m for m in MODULES if len(m.split(".")) > 1 and m.split(".")[1] not in STAGES]


def test_no_import_from_a_later_stage() -> None:
    back = sorted(f"{m} → {t}" for m, targets in GRAPH.items() for t in targets if stage(t) > stage(m))
    assert not back, "importeert een latere fase:\n" + "\n".join(back)


def test_no_import_cycle() -> None:
    cycles = []
    state: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for t in sorted(GRAPH[m]):
            if state.get(t) == 1:
                cycles.append(" → ".join(path[path.index(t):] + [m, t]) if t in path else f"{m} → {t}")
            elif t not in state:
                visit(t, path + [m])
        state[m] = 2

    for m in sorted(GRAPH):
        if m not in state:
            visit(m, [])
    assert not cycles, "kringen:\n" + "\n".join(cycles)
