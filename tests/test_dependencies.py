"""pyproject.toml declares what the code imports: every third-party module that dossier imports comes
from a declared dependency, every declared dependency is imported, and the tests import nothing that
neither the dependencies nor the `test` extra bring.

Import names are mapped to distributions from the installed packages' own metadata (PIL → pillow,
yaml → PyYAML, docx → python-docx), not from a list kept by hand.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from conftest import REPO

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]

NOT_A_DISTRIBUTION = {
    # LibreOffice's Python bridge (Debian's python3-uno, which scripts/dev.sh installs): imported only by
    # dossier/pdf/worker.py, which runs under the system Python, never in dossier's environment
    "uno": "python3-uno",
    "com": "python3-uno",
}
USED_WITHOUT_IMPORT = {
    # jsonschema checks the "date-time" format of the OCDS export with it when it is installed
    "rfc3339-validator",
}


def normalized(name: str) -> str:
    """A distribution name as PyPI compares them (PEP 503): PyYAML, pyyaml and py_yaml are one."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(requirements: list[str]) -> set[str]:
    return {normalized(re.match(r"[A-Za-z0-9._-]+", r)[0]) for r in requirements}


def top_level_imports(folder: Path) -> dict[str, set[str]]:
    """Every absolute import in the .py files under `folder` (at the top or inside a function), by
    top-level module, with the files that import it."""
    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(REPO)))
    return found


def third_party(imports: dict[str, set[str]], local: set[str]) -> dict[str, set[str]]:
    """The imports that are neither the standard library nor this repository's own modules."""
    return {m: files for m, files in imports.items()
            if m not in sys.stdlib_module_names and m not in local and m != "__future__"}


def distributions(module: str) -> set[str]:
    return {normalized(d) for d in packages_distributions().get(module, [])}


def test_every_module_dossier_imports_is_a_declared_dependency() -> None:
    runtime = declared(PROJECT["dependencies"])
    undeclared = []
    for module, files in sorted(third_party(top_level_imports(REPO / "dossier"), {"dossier"}).items()):
        if module in NOT_A_DISTRIBUTION:
            continue
        dists = distributions(module)
        assert dists, f"{module} (imported in {', '.join(sorted(files))}) comes from no installed distribution"
        if not dists & runtime:
            undeclared.append(f"{module} ({'/'.join(sorted(dists))}) in {', '.join(sorted(files))}")
    assert not undeclared, "imported by dossier but not in [project] dependencies: " + "; ".join(undeclared)


def test_every_declared_dependency_is_imported_by_dossier() -> None:
    imported = {d for module in third_party(top_level_imports(REPO / "dossier"), {"dossier"})
                for d in distributions(module)}
    unused = declared(PROJECT["dependencies"]) - imported - USED_WITHOUT_IMPORT
    assert not unused, f"declared in [project] dependencies but never imported by dossier: {sorted(unused)}"


def test_every_module_the_tests_import_is_declared_for_them() -> None:
    available = declared(PROJECT["dependencies"]) | declared(PROJECT["optional-dependencies"]["test"])
    local = {p.stem for p in (REPO / "tests").glob("*.py")} | {p.name for p in REPO.iterdir() if p.is_dir()}
    undeclared = []
    for module, files in sorted(third_party(top_level_imports(REPO / "tests"), local).items()):
        dists = distributions(module)
        if not dists & available:
            undeclared.append(f"{module} ({'/'.join(sorted(dists)) or 'no distribution'}) in "
                              f"{', '.join(sorted(files))}")
    assert not undeclared, "imported by the tests but in neither the dependencies nor the test extra: " + \
        "; ".join(undeclared)


def test_the_check_sees_a_missing_declaration() -> None:
    """The mapping is real: PIL is pillow and yaml is PyYAML, both declared; docxcompose, never imported,
    is not declared itself (docxtpl's subdoc extra brings it), and pypdf only for the tests."""
    assert distributions("PIL") == {"pillow"}
    assert distributions("yaml") == {"pyyaml"}
    assert distributions("docx") == {"python-docx"}
    runtime = declared(PROJECT["dependencies"])
    assert {"pillow", "pyyaml", "python-docx"} <= runtime
    assert "docxcompose" not in runtime and "pypdf" not in runtime


def test_docxtpl_comes_with_its_subdoc_extra() -> None:
    """Markdown goes into a document as a docxtpl Subdoc, which docxtpl has only with docxcompose (its
    `subdoc` extra): without it `import docxtpl` still works, and every document with Markdown fails."""
    import docxtpl

    assert any(re.fullmatch(r"docxtpl\[[^]]*\bsubdoc\b[^]]*\].*", r) for r in PROJECT["dependencies"])
    assert hasattr(docxtpl, "Subdoc")
