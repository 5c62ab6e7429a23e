"""docs/add-a-kind.md, followed step by step: a new kind is a context module, a template and one
registry line, and then builds, rebuilds on its own sources, and passes `dossier check`."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path


import dossier
from conftest import REPO, docx_text, edit_spec, own_house_style
from dossier import kinds
from dossier.check import check_templates
from dossier.i18n import N_

DOC = REPO / "docs" / "add-a-kind.md"


def _snippets() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_the_page_adds_a_kind_that_builds(minimaal: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    context_code, template_code, registry_line = _snippets()
    # 1. the context module, exactly as the page gives it
    module = types.ModuleType("dossier.context.aanbiederslijst")
    module.__package__ = "dossier.context"
    exec(compile(context_code, "docs/add-a-kind.md", "exec"), module.__dict__)
    monkeypatch.setitem(sys.modules, module.__name__, module)
    # 2. the template, made with the page's builder into the dossier's own house style
    templates = own_house_style(minimaal)
    monkeypatch.syspath_prepend(str(REPO))
    builder: dict[str, object] = {}
    exec(compile(template_code, "docs/add-a-kind.md", "exec"), builder)
    from templates.generator.style import STYLES

    (templates / "aanbiederslijst.docx").write_bytes(builder["build"](STYLES["standaard"]).to_bytes())  # type: ignore[operator]
    # 3. the registry line
    kind = eval(registry_line.strip().rstrip(","), {"Kind": kinds.Kind, "aanbiederslijst": module, "N_": N_})
    monkeypatch.setattr(kinds, "KINDS", [*kinds.KINDS, kind])

    out = tmp_path / "uit"
    model = dossier.load(minimaal)
    result = dossier.build(model, out, formats=("docx",))
    assert not result.errors and "aanbiederslijst/dossier" in result.built
    text = docx_text(out / "aanbiederslijst" / "dossier.docx")
    for aanbieder in model.aanbieders.values():
        assert aanbieder.naam in text and aanbieder.kvk in text

    problems, notes = check_templates(model, templates)
    assert not problems and "aanbiederslijst.docx: in orde (1 document)" in notes

    aanbieders = minimaal / "aanbieders.yaml"
    first = next(iter(model.aanbieders.values())).naam
    edit_spec(aanbieders, first, first + " B.V.")
    lines: list[str] = []
    result = dossier.build(dossier.load(minimaal), out, formats=("docx",), only=("aanbiederslijst",),
                           report=lines.append)
    assert result.built == ["aanbiederslijst/dossier"]
    assert "bouw aanbiederslijst/dossier: aanbieders.yaml gewijzigd" in lines
