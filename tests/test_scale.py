"""Region scale (issue 16): a document built among thousands is the document built alone, a build with
nothing to do writes nothing, and a dossier built in shards and merged is the dossier built at once."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import TWENTE, edit_spec, needs_soffice, run_cli, tree_hashes

pytestmark = needs_soffice

LETTER = "besluit/dinkeldal-jeugdhulp"


@pytest.fixture(scope="module")
def whole(example_builds: Path) -> Path:
    """The example dossier built at once (dozens of documents: rendered by worker processes, converted as they
    come), once for the session (conftest.example_builds). Read only: a test that changes it copies it."""
    return example_builds / "twente-2025"


def test_a_document_built_alone_is_the_same_document(whole: Path, tmp_path: Path) -> None:
    result = run_cli("build", str(TWENTE), "--out", str(tmp_path), "--quiet", "--only", LETTER, "--jobs", "1")
    assert result.returncode == 0, result.stderr
    assert "1 gebouwd" in result.stdout
    for suffix in (".docx", ".pdf"):
        alone = (tmp_path / "twente-2025" / LETTER).with_suffix(suffix).read_bytes()
        assert alone == (whole / LETTER).with_suffix(suffix).read_bytes(), suffix


def _count(out: Path) -> int:
    """The documents of a build (its DOCX files)."""
    return len(list(out.glob("*/*.docx")))


def _copy_spec(tmp_path: Path) -> Path:
    spec = tmp_path / "specs" / "twente-2025"
    shutil.copytree(TWENTE, spec)
    return spec


def test_a_build_with_nothing_to_do_writes_nothing(whole: Path, tmp_path: Path) -> None:
    spec = _copy_spec(tmp_path)
    out = tmp_path / "out"
    shutil.copytree(whole, out / "twente-2025")
    n = _count(whole)
    first = run_cli("build", str(spec), "--out", str(out), "--quiet")  # a copied folder vouches for nothing
    assert f"{n} documenten: 0 gebouwd, {n} ongewijzigd, 0 fouten" in first.stdout, first.stdout + first.stderr
    manifest = out / "twente-2025" / "manifest.json"
    before = manifest.stat().st_mtime_ns
    again = run_cli("build", str(spec), "--out", str(out), "--quiet", env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert f"{n} documenten: 0 gebouwd, {n} ongewijzigd, 0 fouten" in again.stdout
    assert manifest.stat().st_mtime_ns == before
    imported = {line.rsplit("|", 1)[-1].strip() for line in again.stderr.splitlines() if line.startswith("import time:")}
    assert "dossier.cli" in imported  # the profile was taken
    # the specs are not read, so neither the models (pydantic) nor the registry of kinds are imported
    assert not {"dossier.spec.model", "dossier.kinds", "pydantic"} & imported, sorted(imported)

    letter = out / "twente-2025" / f"{LETTER}.pdf"
    letter.write_bytes(letter.read_bytes() + b"\n% changed\n")  # an output changed by hand is made again
    fixed = run_cli("build", str(spec), "--out", str(out))
    assert f"bouw {LETTER}: {LETTER}.pdf ontbreekt of is buiten de build om gewijzigd" in fixed.stdout, fixed.stdout
    assert letter.read_bytes() == (whole / f"{LETTER}.pdf").read_bytes()

    edit_spec(spec / "besluiten.yaml", "kenmerk: OZJT/IJ2025/B-002", "kenmerk: OZJT/IJ2025/B-002a")
    changed = run_cli("build", str(spec), "--out", str(out))  # a changed spec is read again
    assert f"bouw {LETTER}: besluiten.yaml gewijzigd" in changed.stdout, changed.stdout
    assert f"{n} documenten: 1 gebouwd, {n - 1} ongewijzigd" in changed.stdout


def test_three_shards_merged_are_the_whole_build(whole: Path, tmp_path: Path) -> None:
    parts = []
    for i in (1, 2, 3):
        result = run_cli("build", str(TWENTE), "--out", str(tmp_path / f"shard{i}"), "--quiet", "--shard", f"{i}/3")
        assert result.returncode == 0, result.stdout + result.stderr
        parts.append(tmp_path / f"shard{i}" / "twente-2025")
    sizes = [len(list(part.glob("*/*.pdf"))) for part in parts]
    assert sum(sizes) == _count(whole) and all(sizes), sizes
    assert not any((part / "bundels").exists() for part in parts)

    out = tmp_path / "merged" / "twente-2025"
    merged = run_cli("merge", str(out), *map(str, parts), "--spec", str(TWENTE), "--quiet")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert tree_hashes(out, hidden=False) == tree_hashes(whole, hidden=False)

    again = run_cli("build", str(TWENTE), "--out", str(tmp_path / "shard2"), "--quiet", "--shard", "2/3")
    assert f"{sizes[1]} documenten: 0 gebouwd, {sizes[1]} ongewijzigd" in again.stdout  # incremental on its own


def test_merge_refuses_what_a_shard_did_not_make(whole: Path, tmp_path: Path) -> None:
    shard = tmp_path / "shard" / "twente-2025"
    shutil.copytree(whole, shard)
    shutil.rmtree(shard / "bundels")
    letter = shard / f"{LETTER}.pdf"
    letter.write_bytes(letter.read_bytes() + b"\n% changed\n")
    other = shard / "besluit" / "opgroeipunt-regge.pdf"
    other.unlink()
    os.symlink(whole / "besluit" / "opgroeipunt-regge.pdf", other)  # a link leads out of the shard: not taken
    result = run_cli("merge", str(tmp_path / "out" / "twente-2025"), str(shard), "--spec", str(TWENTE), "--quiet")
    assert result.returncode == 1
    assert f"{LETTER}: {LETTER}.pdf in {shard}: de inhoud is niet wat het manifest van de shard vastlegt" \
        in result.stdout, result.stdout + result.stderr
    linked = "besluit/opgroeipunt-regge"
    assert f"{linked}: {linked}.pdf in {shard}: ontbreekt of is geen gewoon bestand in de shard" in result.stdout
    merged = tmp_path / "out" / "twente-2025"
    assert not (merged / f"{LETTER}.pdf").exists() and not (merged / f"{linked}.pdf").exists()
    assert (merged / "besluit" / "jeugdzorg-de-horst.pdf").is_file()  # the rest is taken
    bad = run_cli("build", str(TWENTE), "--shard", "4/3", "--format", "docx", "--out", str(tmp_path / "x"))
    assert bad.returncode == 2 and "4/3" in bad.stderr


def test_every_document_is_in_one_shard_and_shards_are_about_equal() -> None:
    from dossier.builder.shard import in_shard

    idents = [f"besluit/aanbieder-{i:04d}" for i in range(300)]
    owners = [[i for i in (1, 2, 3) if in_shard(ident, (i, 3))] for ident in idents]
    assert all(len(o) == 1 for o in owners)
    assert all(abs(sum(1 for o in owners if o == [i]) - 100) < 30 for i in (1, 2, 3))
