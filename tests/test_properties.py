"""Property-based tests: any valid text ends up literally in a valid DOCX; any mutation of a valid
spec gives a valid build or a validation error, never a traceback."""

from __future__ import annotations

import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import docx
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dossier
from conftest import ROOTS, docx_text
from dossier.errors import SpecError

TEXT = st.text(  # what validation accepts: no control, direction or private characters, nothing the font lacks
    alphabet=st.characters(max_codepoint=0xFFFF, blacklist_categories=("Cs", "Cc", "Cf", "Co", "Cn", "Zl", "Zp"),
                           blacklist_characters="\ufffe\uffff\u20e3" + "".join(map(chr, range(0xFE00, 0xFE10)))),
    min_size=1, max_size=60,
).map(str.strip).filter(bool)


def _nfc(text: str) -> str:
    """How a document shows a text: composed (NFC), as validation stores it."""
    return unicodedata.normalize("NFC", text)


def _same_name(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


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
@given(naam=TEXT, omschrijving=TEXT, titel=TEXT, gemeenten=st.lists(TEXT.filter(lambda t: _same_name(t) not in ("almelo", "hengelo")), min_size=1,
                          max_size=4, unique_by=_same_name))
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
    bestek = docx_text(out / "bestek" / "ambulant.docx")
    assert _nfc(naam) in bestek and _nfc(omschrijving) in bestek and _nfc(titel) in bestek
    letters = sorted((out / "raadsbrief").glob("extra-*.docx"))
    assert len(letters) == len(gemeenten)
    for i, name in enumerate(gemeenten):
        docx.Document(str(out / "raadsbrief" / f"extra-{i}.docx"))
        assert f"Gemeenteraad van {_nfc(name)}" in docx_text(out / "raadsbrief" / f"extra-{i}.docx")
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


# --- what validate accepts, build builds (issue 10) ------------------------------------------------

from datetime import date  # noqa: E402

from dossier.spec.types import FIRST_YEAR, LAST_YEAR, MAX_NESTING, MAX_TEKST  # noqa: E402

ODD = st.lists(  # letters from many scripts, combining accents (NFD), symbols, quotes, template look-alikes
    st.one_of(st.characters(min_codepoint=0x20, max_codepoint=0xFFFF,
                            blacklist_categories=("Cs", "Cc", "Co", "Cn", "Cf", "Zl", "Zp")),
              st.sampled_from(list("'\"[]{}_*%#:&!@`\u0301\u00a0") + ["{_{", "}_}", "{_%", "%_}"])),
    min_size=1, max_size=30,
).map("".join).map(str.strip).filter(bool)
LONG_NAME = st.integers(200, MAX_TEKST - 20).map(lambda n: ("Stichting Jeugdhulp " * 60)[:n].strip())
DATES = st.dates(date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31))


def _nested_list(depth: int) -> str:
    return "\n".join("  " * i + f"- punt {i}" for i in range(depth))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(naam=st.one_of(LONG_NAME, ODD), term=ODD, depth=st.integers(1, MAX_NESTING),
       emphasis=st.integers(0, 40), start=DATES, verzonden=DATES, maanden=st.integers(1, 240),
       dagen=st.integers(1, 365))
def test_what_validate_accepts_build_builds(naam: str, term: str, depth: int, emphasis: int, start: date,
                                             verzonden: date, maanden: int, dagen: int) -> None:
    """Specs with long or odd names, deep Markdown and extreme dates either fail validation with
    problems, or build to DOCX without an error: never a traceback in the build."""
    folder = _copy_minimaal()
    text = _nested_list(depth) + "\n\n" + "*a " * emphasis + "kern" + " a*" * emphasis

    def providers(data: dict[str, Any]) -> None:
        data["aanbieders"]["de-horst"]["naam"] = naam

    def begrippen(data: dict[str, Any]) -> None:
        data["begrippen"][0]["term"] = term
        data["begrippen"][0]["definitie"] = text

    def spec(data: dict[str, Any]) -> None:
        data["contract"]["ingangsdatum"] = start.isoformat()
        data["contract"]["looptijd_maanden"] = maanden
        data["planning"]["mijlpalen"] = [{"soort": "ingang-contract", "datum": start.isoformat()}]
        data["datum"] = start.isoformat()

    def decisions(data: dict[str, Any]) -> None:
        data["standstill_dagen"] = dagen
        for besluit in data["besluiten"]:
            besluit["verzonden"] = verzonden.isoformat()

    _edit(folder, "aanbieders.yaml", providers)
    _edit(folder, "begrippen.yaml", begrippen)
    _edit(folder, "dossier.yaml", spec)
    _edit(folder, "besluiten.yaml", decisions)
    try:
        model = dossier.load(folder)
    except SpecError as exc:  # refused: each problem located, in words
        assert all(p.message and p.file for p in exc.problems)
        shutil.rmtree(folder.parent)
        return
    out = folder.parent / "out"
    result = dossier.build(model, out, formats=("docx",), only=("bestek", "besluit"))
    assert not result.errors, result.errors
    for path in [out / "bestek" / "ambulant.docx", out / "besluit" / "de-horst.docx"]:
        document = docx.Document(str(path))
        assert len(document.core_properties.title) <= 255
    shutil.rmtree(folder.parent)
