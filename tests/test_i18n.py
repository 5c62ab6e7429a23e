"""Messages in Dutch and English: the catalogs are complete and compiled, the code has no message
outside them, and a run speaks the language of the locale or of --lang, entirely."""

from __future__ import annotations

import ast
import io
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

import dossier
from dossier import i18n
from conftest import REPO, ROOTS, needs_soffice, run_cli
from test_spec_cases import CASES, apply_case

LOCALE = REPO / "dossier" / "locale"
POT = LOCALE / "dossier.pot"
NL_PO = LOCALE / "nl" / "LC_MESSAGES" / "dossier.po"
NL_MO = LOCALE / "nl" / "LC_MESSAGES" / "dossier.mo"

DUTCH = {"LANG": "nl_NL.UTF-8"}  # run_cli blanks LANGUAGE, LC_ALL and LC_MESSAGES
POSIX = {"LANG": "C"}
ENGLISH = {"LANG": "en_US.UTF-8"}


def _read(path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as fh:
        return read_po(fh)


def _ids(catalog) -> set[str | tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalog if m.id}


# --- the catalogs -----------------------------------------------------------------------------------

def test_every_message_has_a_dutch_translation() -> None:
    template, dutch = _read(POT), _read(NL_PO)
    assert len(_ids(template)) > 300
    assert _ids(dutch) == _ids(template), "nl.po is out of step with dossier.pot: run pybabel update"
    untranslated = []
    for message in dutch:
        if not message.id:
            continue
        forms = [message.string] if isinstance(message.string, str) else list(message.string)
        if message.fuzzy or not all(forms):
            untranslated.append(message.id)
    assert not untranslated, f"no (or a fuzzy) Dutch translation for: {untranslated}"


def test_compiled_catalog_is_up_to_date() -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _read(NL_PO))  # what `pybabel compile` writes (fuzzy entries left out)
    assert compiled.getvalue() == NL_MO.read_bytes(), "dossier.mo is stale: run pybabel compile"


def test_code_has_no_message_outside_the_catalog(tmp_path: Path) -> None:
    """`pybabel extract` on the code as it is gives the messages of the committed template."""
    fresh = tmp_path / "dossier.pot"
    done = subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
                           "-o", str(fresh), "dossier"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    added, gone = _ids(_read(fresh)) - _ids(_read(POT)), _ids(_read(POT)) - _ids(_read(fresh))
    assert not added and not gone, (f"new in the code: {sorted(map(str, added))}; no longer in the code: "
                                    f"{sorted(map(str, gone))}. Run the pybabel commands in docs/translating.md")


def test_catalogs_are_package_data() -> None:
    """An installed (not editable) dossier finds its catalogs: each file under dossier/locale matches a
    package-data glob of pyproject.toml."""
    import fnmatch
    import tomllib

    globs = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]["dossier"]
    files = [p.relative_to(REPO / "dossier").as_posix() for p in LOCALE.rglob("*") if p.is_file()]
    assert {"locale/dossier.pot", "locale/nl/LC_MESSAGES/dossier.po", "locale/nl/LC_MESSAGES/dossier.mo"} <= set(files)
    assert [f for f in files if not any(fnmatch.fnmatch(f, g) and f.count("/") == g.count("/") for g in globs)] == []


def _fields(text: str) -> set[str] | None:
    try:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError:  # a message shown as is, e.g. with a lone '{'
        return None


def test_translations_keep_the_placeholders() -> None:
    """A Dutch text that drops or misspells a `{name}` would fail when the message is formatted."""
    for message in _read(NL_PO):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        forms = [message.string] if isinstance(message.string, str) else list(message.string)
        for form in forms:
            assert _fields(form) == _fields(ids[-1]) or _fields(form) == _fields(ids[0]), (message.id, form)


# --- the code ---------------------------------------------------------------------------------------

def _modules() -> list[Path]:
    return sorted((REPO / "dossier").rglob("*.py"))


def test_messages_are_literal_strings() -> None:
    """`_()` of an f-string or of a sum is not extracted into the catalog: the message would stay English."""
    wrong = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("_", "N_", "ngettext")):
                for arg in node.args[:2]:
                    if isinstance(arg, (ast.JoinedStr, ast.BinOp)) or (
                            isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute)):
                        wrong.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not wrong, f"use _('… {{name}} …').format(name=…) instead: {wrong}"


def test_no_function_hides_the_translation_function() -> None:
    """`_, x = …` in a function of a module that translates makes `_` a local name there."""
    wrong = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        translates = any(isinstance(n, ast.ImportFrom) and any(a.name == "_" for a in n.names)
                         for n in tree.body)
        if not translates:
            continue
        for func in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
            for node in _own_nodes(func):
                if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
                    wrong.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not wrong, f"name the value instead of '_': {wrong}"


def _own_nodes(func: ast.AST):  # type: ignore[no-untyped-def]
    """The nodes of a function body, not those of comprehensions (they have a scope of their own)."""
    stack = list(ast.iter_child_nodes(func))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Lambda,
                                 ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))


# --- choosing the language -----------------------------------------------------------------------

@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "nl_NL.UTF-8"}, "nl"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "en_GB"}, "en"),
    ({"LANG": "C"}, "nl"),
    ({"LANG": "C.UTF-8"}, "nl"),
    ({"LANG": "POSIX"}, "nl"),
    ({"LANG": "de_DE.UTF-8"}, "nl"),
    ({}, "nl"),
    ({"LANG": "nl_BE.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "nl_NL.UTF-8"}, "nl"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "C"}, "nl"),
    ({"LANG": "nl_NL.UTF-8", "LANGUAGE": "en_GB:nl"}, "en"),
    ({"LANG": "nl_NL.UTF-8", "LANGUAGE": "fr:en"}, "en"),
    ({"LANG": "en_US.UTF-8", "LANGUAGE": ""}, "en"),
])
def test_language_from_the_locale(environ: dict[str, str], expected: str) -> None:
    assert i18n.language_from_env(environ) == expected


def test_python_api_speaks_the_chosen_language(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = ROOTS / "minimaal-missing"  # no such folder: the one message is enough
    with i18n.using(None):  # conftest chose Dutch for every test
        monkeypatch.setenv("LANG", "en_US.UTF-8")
        for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
            monkeypatch.delenv(var, raising=False)
        with pytest.raises(dossier.SpecError) as english:
            dossier.load(folder)  # the API follows the locale, like the CLI
        dossier.set_language("nl")
        with pytest.raises(dossier.SpecError) as dutch:
            dossier.load(folder)
    assert english.value.problems[0].message == "dossier folder does not exist"
    assert english.value.format_message() == "1 error in the specification"
    assert dutch.value.problems[0].message == "dossiermap bestaat niet"
    assert dutch.value.format_message() == "1 fout in de specificatie"
    with pytest.raises(ValueError):
        dossier.set_language("fr")


def test_lang_option_holds_for_one_invocation_only(tmp_path: Path) -> None:
    from dossier.cli import main

    before = i18n.chosen()
    result = CliRunner().invoke(main, ["--lang", "en", "validate", str(tmp_path)])
    assert result.exit_code == 1 and result.output.endswith("errors in the specification.\n")
    assert i18n.chosen() == before


# --- a whole run -------------------------------------------------------------------------------------

ENGLISH_ENUM = ("minimaal/segmenten/ambulant.yaml:17:13: deelsegmenten[0].bekostiging.vorm: 'pq-besteede-tijd' is "
                "not a valid value; did you mean 'pq-bestede-tijd'? Choose from: pq-bestede-tijd, pq-etmaaltarief, "
                "pq-etmaaltoeslag, vast-tarief-per-traject, lumpsum, per-uitruk, beschikbaarheid, "
                "beschikbaarheid-en-pq-bezette-plekken")


@pytest.fixture
def misspelt(tmp_path: Path) -> tuple[Path, list[str]]:
    """The minimal dossier with the misspelt-enum case applied, and the Dutch lines the case expects."""
    spec = apply_case(CASES / "misspelt-enum", tmp_path / "minimaal")
    return tmp_path, spec["expect"]


@pytest.mark.parametrize("env", [DUTCH, POSIX], ids=["nl_NL", "C"])
def test_validation_failure_is_dutch(misspelt: tuple[Path, list[str]], env: dict[str, str]) -> None:
    cwd, expected = misspelt
    result = run_cli("validate", "minimaal", cwd=cwd, env=env, timeout=60)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [*expected, "1 fout in de specificatie."]


def test_validation_failure_with_lang_en_is_english(misspelt: tuple[Path, list[str]]) -> None:
    cwd, _expected = misspelt
    for args, env in ((["--lang", "en"], DUTCH), ([], ENGLISH)):
        result = run_cli(*args, "validate", "minimaal", cwd=cwd, env=env, timeout=60)
        assert result.returncode == 1
        assert result.stderr.splitlines() == [ENGLISH_ENUM, "1 error in the specification."]


DOCUMENTS = ["bestek/ambulant", "samenvatting/dossier", "raadsbrief/almelo", "raadsbrief/hengelo",
             "collegebrief/inkoopkader", "besluit/de-horst", "besluit/lettersprong", "besluit/taalkracht"]


def _seconds(text: str) -> list[str]:
    return re.sub(r" in \d+([.,]\d)? s", " in … s", text).splitlines()


@needs_soffice
def test_build_speaks_dutch_or_english(minimaal: Path, tmp_path: Path) -> None:
    dutch = run_cli("build", str(minimaal), "--out", str(tmp_path / "nl"), env=DUTCH)
    assert dutch.returncode == 0, dutch.stderr
    assert _seconds(dutch.stdout) == [
        *(f"bouw {doc}: nieuw" for doc in DOCUMENTS),
        "bundel bundel/segment-ambulant: bestek/ambulant, samenvatting/dossier",
        "bundel bundel/raad: samenvatting/dossier, raadsbrief/almelo, raadsbrief/hengelo, collegebrief/inkoopkader",
        "bundel bundel/raad/almelo: raadsbrief/almelo, samenvatting/dossier",
        "bundel bundel/raad/hengelo: raadsbrief/hengelo, samenvatting/dossier",
        f"{minimaal}: 8 documenten: 8 gebouwd, 0 ongewijzigd, 0 fouten in … s (4 bundels bijgewerkt)",
    ]
    english = run_cli("--lang", "en", "build", str(minimaal), "--out", str(tmp_path / "en"), env=DUTCH)
    assert english.returncode == 0, english.stderr
    assert _seconds(english.stdout) == [
        *(f"build {doc}: new" for doc in DOCUMENTS),
        "bundle bundel/segment-ambulant: bestek/ambulant, samenvatting/dossier",
        "bundle bundel/raad: samenvatting/dossier, raadsbrief/almelo, raadsbrief/hengelo, collegebrief/inkoopkader",
        "bundle bundel/raad/almelo: raadsbrief/almelo, samenvatting/dossier",
        "bundle bundel/raad/hengelo: raadsbrief/hengelo, samenvatting/dossier",
        f"{minimaal}: 8 documents: 8 built, 0 unchanged, 0 errors in … s (4 bundles updated)",
    ]
    (tmp_path / "en" / "minimaal" / "manifest.json").write_text("{", encoding="utf-8")
    again = run_cli("--lang", "en", "build", str(minimaal), "--out", str(tmp_path / "en"), "--only", "bestek",
                    "--format", "docx", env=DUTCH)
    assert _seconds(again.stdout) == [
        "full build: the manifest is unreadable (JSONDecodeError)",
        "build bestek/ambulant: new",
        f"{minimaal}: 1 document: 1 built, 0 unchanged, 0 errors in … s",
    ]
    unknown = run_cli("--lang", "en", "build", str(minimaal), "--out", str(tmp_path / "en"), "--only", "brief",
                      env=DUTCH)
    assert unknown.returncode == 2  # a usage error
    assert unknown.stderr.splitlines() == [
        "error: --only brief: unknown kind 'brief'; choose from bestek, overeenkomst, samenvatting, raadsbrief, collegebrief, "
        "besluit, nota"]


@needs_soffice
def test_failed_conversion_is_reported_in_english(minimaal: Path, tmp_path: Path) -> None:
    """The LibreOffice worker runs under another Python; its messages follow --lang too."""
    result = run_cli("--lang", "en", "build", str(minimaal), "--out", str(tmp_path / "uit"),
                     "--only", "besluit/taalkracht", env={**DUTCH, "DOSSIER_FAULT": "crash:taalkracht"})
    assert result.returncode == 1
    lines = _seconds(result.stdout)
    assert lines[0] == "build besluit/taalkracht: new"
    assert re.fullmatch(r"error: besluit/taalkracht: making the PDF failed: conversion failed after 2 attempts: "
                        r"LibreOffice has stopped: .+", lines[1]), lines[1]
    assert lines[2:] == [f"{minimaal}: 1 document: 0 built, 0 unchanged, 1 error in … s"]
    assert re.search(r"^taalkracht\.docx \(attempt 1\): LibreOffice has stopped: ", result.stderr, re.M)


def test_help_follows_the_language() -> None:
    english = run_cli("--lang", "en", "build", "--help", env=DUTCH)
    assert english.returncode == 0
    assert "Build the documents of one or more dossiers" in english.stdout
    assert "--only KIND[/KEY]" in english.stdout and "Only these documents" in english.stdout
    assert "Show this message and exit." in english.stdout
    assert "Bouw" not in english.stdout and "documenten" not in english.stdout
    dutch = run_cli("build", "--help", env=DUTCH)
    assert "Bouw de documenten van een of meer dossiers" in dutch.stdout
    assert "--only SOORT[/SLEUTEL]" in dutch.stdout and "Toon deze hulp en stop." in dutch.stdout
    top = run_cli("--lang", "en", "--help", env=DUTCH)
    assert "--lang [nl|en]" in top.stdout and "Language of the messages" in top.stdout
    assert "Check a dossier: every file" in top.stdout
