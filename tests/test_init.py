"""`dossier init`: a new dossier that validates and builds at once, a copy of an existing one, and
a refusal to overwrite anything."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import TWENTE, load_yaml, needs_soffice, pdf_text, run_cli

SCAFFOLD = Path(__file__).resolve().parent.parent / "dossier" / "scaffold"
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def spec_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.yaml"))


def field_names(data: object, parent: str | None = None) -> set[str]:
    """Every field name in a spec file, leaving out keys the writer chooses (gemeente, aanbieder)."""
    names: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if parent not in ("gemeenten", "aanbieders"):
                names.add(str(key))
            names |= field_names(value, str(key))
    elif isinstance(data, list):
        for value in data:
            names |= field_names(value, parent)
    return names


def test_init_then_build_docx(tmp_path: Path) -> None:
    result = run_cli("init", "test-regio", cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "specs/test-regio: nieuw dossier" in result.stdout
    assert "dossier build specs/test-regio" in result.stdout
    assert "xdg-open output/test-regio/bestek/ambulant.pdf" in result.stdout
    folder = tmp_path / "specs" / "test-regio"
    assert [p.relative_to(folder).as_posix() for p in spec_files(folder)] == [
        "aanbieders.yaml", "begrippen.yaml", "besluiten.yaml", "brieven.yaml", "dossier.yaml",
        "gemeenten.yaml", "kit.yaml", "segmenten/ambulant.yaml"]

    validated = run_cli("validate", "specs/test-regio", cwd=tmp_path, timeout=120)
    assert validated.returncode == 0, validated.stderr
    assert validated.stdout.strip() == "specs/test-regio: geldig"

    built = run_cli("build", "specs/test-regio", "--format", "docx", "--quiet", cwd=tmp_path, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    assert re.search(r"specs/test-regio: 6 documenten: 6 gebouwd, 0 ongewijzigd, 0 fouten", built.stdout)
    out = tmp_path / "output" / "test-regio"
    for rel in ("bestek/ambulant.docx", "samenvatting/dossier.docx", "raadsbrief/gemeente-a.docx",
                "raadsbrief/gemeente-b.docx", "besluit/voorbeeld-jeugdhulp.docx", "manifest.json"):
        assert (out / rel).is_file(), rel


def test_scaffold_is_minimal_as_promised(tmp_path: Path) -> None:
    """One segment, two municipalities, one KIT requirement, one provider with one decision."""
    assert run_cli("init", "klein", cwd=tmp_path, timeout=120).returncode == 0
    folder = tmp_path / "specs" / "klein"
    load = lambda name: load_yaml(folder / name)  # noqa: E731
    assert load("dossier.yaml")["segmenten"] == ["ambulant"]
    assert len(load("gemeenten.yaml")["gemeenten"]) == 2
    assert [e["id"] for e in load("kit.yaml")["eisen"]] == ["KIT-I-01"]
    assert len(load("aanbieders.yaml")["aanbieders"]) == 1
    assert len(load("besluiten.yaml")["besluiten"]) == 1
    assert [b["soort"] for b in load("brieven.yaml")["brieven"]] == ["raadsbrief"]


def test_every_field_is_explained_and_schema_line_resolves(tmp_path: Path) -> None:
    assert run_cli("init", "uitleg", cwd=tmp_path, timeout=120).returncode == 0
    folder = tmp_path / "specs" / "uitleg"
    for path in spec_files(folder):
        lines = path.read_text(encoding="utf-8").splitlines()
        match = SCHEMA_LINE.match(lines[0])
        assert match, f"{path.name}: eerste regel is geen yaml-language-server-regel"
        schema = (path.parent / match.group(1)).resolve()
        assert schema.is_file(), f"{path.name}: {match.group(1)} bestaat niet"
        assert schema.parent == (tmp_path / "schemas").resolve()
        comments = "\n".join(line for line in lines if line.lstrip().startswith("#"))
        for key in field_names(yaml.safe_load("\n".join(lines))):
            assert re.search(rf"\b{re.escape(key)}\b", comments, re.I), \
                f"{path.name}: veld '{key}' heeft geen uitleg in een commentaarregel"
    # the JSON Schemas written for the editor are the package's own
    dossier_schema = (tmp_path / "schemas" / "dossier.schema.json").read_text(encoding="utf-8")
    assert '"title": "dossier: dossier.yaml"' in dossier_schema


def test_no_markers_left_in_any_scaffold_file(tmp_path: Path) -> None:
    assert run_cli("init", "markers", "--region", "Noord: #1 'test'", cwd=tmp_path, timeout=120).returncode == 0
    folder = tmp_path / "specs" / "markers"
    for path in spec_files(folder):
        assert not re.search(r"@[A-Z_]+@", path.read_text(encoding="utf-8")), path.name
    spec = load_yaml(folder / "dossier.yaml")
    assert spec["regio"] == "Noord: #1 'test'"
    assert spec["titel"].startswith("Inkoop jeugdhulp Noord: #1 'test' ")
    assert run_cli("validate", str(folder), cwd=tmp_path, timeout=120).returncode == 0


def test_region_option_and_default(tmp_path: Path) -> None:
    assert run_cli("init", "zhz", "--region", "Zuid-Holland Zuid", cwd=tmp_path, timeout=120).returncode == 0
    assert run_cli("init", "west-twente", cwd=tmp_path, timeout=120).returncode == 0
    zhz = load_yaml(tmp_path / "specs/zhz/dossier.yaml")
    west = load_yaml(tmp_path / "specs/west-twente/dossier.yaml")
    assert zhz["regio"] == "Zuid-Holland Zuid" and "Zuid-Holland Zuid" in zhz["kit"]
    assert west["regio"] == "West-Twente"


def test_refuses_to_overwrite_an_existing_folder(tmp_path: Path) -> None:
    assert run_cli("init", "bestaat", cwd=tmp_path, timeout=120).returncode == 0
    dossier_yaml = tmp_path / "specs" / "bestaat" / "dossier.yaml"
    dossier_yaml.write_text(dossier_yaml.read_text(encoding="utf-8") + "# mijn eigen werk\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in spec_files(tmp_path / "specs" / "bestaat")}
    again = run_cli("init", "bestaat", cwd=tmp_path, timeout=120)
    assert again.returncode == 2
    assert "fout: de map specs/bestaat bestaat al; er is niets overschreven" in again.stderr
    assert {p: p.read_bytes() for p in spec_files(tmp_path / "specs" / "bestaat")} == before
    (tmp_path / "specs" / "leeg").mkdir()
    empty = run_cli("init", "leeg", cwd=tmp_path, timeout=120)
    assert empty.returncode == 2 and "bestaat al" in empty.stderr
    assert list((tmp_path / "specs" / "leeg").iterdir()) == []
    assert not [p for p in (tmp_path / "specs").iterdir() if p.name.startswith(".")], "staging left behind"


def test_refuses_a_name_that_is_no_key(tmp_path: Path) -> None:
    result = run_cli("init", "Regio Oost", cwd=tmp_path, timeout=120)
    assert result.returncode == 2
    assert "'Regio Oost' is geen geldige dossiernaam" in result.stderr
    assert "bijvoorbeeld 'regio-oost'" in result.stderr
    assert not (tmp_path / "specs").exists()


def test_dir_option_and_schema_path(tmp_path: Path) -> None:
    result = run_cli("init", "elders", "--dir", "dossiers/2026", cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "dossiers" / "2026" / "elders"
    assert (folder / "dossier.yaml").is_file()
    first = (folder / "segmenten" / "ambulant.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../../../schemas/segment.schema.json"
    assert run_cli("validate", str(folder), cwd=tmp_path, timeout=120).returncode == 0


def test_existing_schemas_are_left_alone(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "dossier.schema.json").write_text("{}", encoding="utf-8")
    result = run_cli("init", "met-schemas", cwd=tmp_path, timeout=120)
    assert result.returncode == 0
    assert "JSON Schemas geschreven" not in result.stdout
    assert (tmp_path / "schemas" / "dossier.schema.json").read_text(encoding="utf-8") == "{}"


def test_from_copies_an_existing_dossier(tmp_path: Path) -> None:
    result = run_cli("init", "--from", str(TWENTE), "twente-2027", cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert f"specs/twente-2027: nieuw dossier, kopie van {TWENTE}" in result.stdout
    copy = tmp_path / "specs" / "twente-2027"
    originals = spec_files(TWENTE)
    assert [p.relative_to(TWENTE) for p in originals] == [p.relative_to(copy) for p in spec_files(copy)]
    for original in originals:
        old = original.read_text(encoding="utf-8").splitlines()
        new = (copy / original.relative_to(TWENTE)).read_text(encoding="utf-8").splitlines()
        assert old[1:] == new[1:], original.name  # only the schema line may differ
        match = SCHEMA_LINE.match(new[0])
        if match:
            assert (copy / original.relative_to(TWENTE)).parent.joinpath(match.group(1)).resolve().is_file()
    assert run_cli("validate", "specs/twente-2027", cwd=tmp_path, timeout=120).returncode == 0


def test_from_refuses_a_folder_that_is_no_dossier(tmp_path: Path) -> None:
    (tmp_path / "leeg").mkdir()
    result = run_cli("init", "--from", "leeg", "nieuw", cwd=tmp_path, timeout=120)
    assert result.returncode == 2
    assert "leeg is geen dossiermap (dossier.yaml ontbreekt)" in result.stderr
    assert not (tmp_path / "specs" / "nieuw").exists()


def test_region_with_from_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("init", "--from", str(TWENTE), "--region", "X", "y", cwd=tmp_path, timeout=120)
    assert result.returncode == 2 and "--region hoort bij een nieuw dossier" in result.stderr


def test_scaffold_files_are_package_data() -> None:
    """The scaffold is read through importlib.resources and listed in pyproject's package-data."""
    pyproject = (SCAFFOLD.parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '"scaffold/*.yaml"' in pyproject and '"scaffold/segmenten/*.yaml"' in pyproject
    from dossier import scaffold

    for rel in scaffold.SPEC_FILES:
        assert (SCAFFOLD / rel).is_file(), rel


@needs_soffice
def test_init_then_build_pdf(tmp_path: Path) -> None:
    assert run_cli("init", "pdf-regio", "--region", "Pdf-regio", cwd=tmp_path, timeout=120).returncode == 0
    built = run_cli("build", "specs/pdf-regio", "--quiet", cwd=tmp_path, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "(4 bundels bijgewerkt)" in built.stdout  # segment, all councils, and each council (two)
    pdf = tmp_path / "output" / "pdf-regio" / "bestek" / "ambulant.pdf"
    text = pdf_text(pdf, layout=True)
    assert "Inkoop jeugdhulp Pdf-regio" in text and "Bibob-toets" in text
    assert (tmp_path / "output" / "pdf-regio" / "bundels" / "raad.pdf").is_file()


@pytest.mark.parametrize("name", ["a", "regio-2030", "x1-y2"])
def test_names_that_are_keys_are_accepted(tmp_path: Path, name: str) -> None:
    assert run_cli("init", name, cwd=tmp_path, timeout=120).returncode == 0


@needs_soffice
def test_readme_quick_start_for_writers_works(tmp_path: Path) -> None:
    """Run the `dossier` lines of the README's 'Een nieuw dossier beginnen' block as written."""
    import shlex

    readme = (SCAFFOLD.parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Een nieuw dossier beginnen", 1)[1].split("```bash\n", 1)[1].split("```", 1)[0]
    commands = [shlex.split(line, comments=True) for line in section.splitlines()]
    dossier_lines = [argv for argv in commands if argv and argv[0] == "dossier"]
    assert [argv[1] for argv in dossier_lines] == ["init", "validate", "build"]
    for argv in dossier_lines:
        result = run_cli(*argv[1:], cwd=tmp_path, timeout=600)
        assert result.returncode == 0, f"{' '.join(argv)}\n{result.stdout}{result.stderr}"
    (opened,) = [argv[1] for argv in commands if argv and argv[0] == "xdg-open"]
    assert (tmp_path / opened).is_file()
