"""The output folder is untrusted (it may come from a CI cache or a shared drive): a build never
touches a file outside it, whatever its manifest, staging folder, lock or subfolders are; `--only`
never shrinks a bundle; a kill at any moment leaves the old set or, once recovered, the new set."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import dossier
from conftest import REPO, copy_build, edit_spec, needs_soffice, tree_hashes

DOCX = ("docx",)


def outputs(out: Path) -> dict[str, str]:
    """The output set: every document, bundle and the manifest (hidden files left out)."""
    return tree_hashes(out, hidden=False)


@pytest.fixture
def built(minimaal: Path, tmp_path: Path) -> tuple[Path, Path]:
    """(spec, output folder) after one docx build of the minimal dossier; a victim file beside it."""
    out = tmp_path / "uit" / "minimaal"
    result = dossier.build(dossier.load(minimaal), out, formats=DOCX)
    assert not result.errors
    (tmp_path / "slachtoffer.txt").write_text("niet aankomen")
    (tmp_path / "buiten").mkdir()
    (tmp_path / "buiten" / "bestand.txt").write_text("niet aankomen")
    return minimaal, out


def _tamper(out: Path, change) -> None:  # type: ignore[no-untyped-def]
    data = json.loads((out / "manifest.json").read_text())
    change(data)
    (out / "manifest.json").write_text(json.dumps(data))


HOSTILE_MANIFESTS = {
    "relative-escape": lambda m: m["outputs"][0]["files"].update({"../../slachtoffer.txt": "0" * 64}),
    "absolute-path": lambda m: m["outputs"][0]["files"].update({"/tmp/slachtoffer.txt": "0" * 64}),
    "other-kind-path": lambda m: m["outputs"][0]["files"].update({"bestek/../../slachtoffer.txt": "0" * 64}),
    "inputs-a-list": lambda m: m["outputs"][0].update({"inputs": []}),
    "files-a-list": lambda m: m["outputs"][0].update({"files": ["x"]}),
    "hash-a-number": lambda m: m["outputs"][0]["files"].update({k: 5 for k in m["outputs"][0]["files"]}),
    "key-with-slash": lambda m: m["outputs"].append({**m["outputs"][0], "key": "../../slachtoffer"}),
    "outputs-an-object": lambda m: m.update({"outputs": {"a": 1}}),
    "formats-a-string": lambda m: m["outputs"][0]["inputs"].update({"formats": "docx"}),
    "other-dossier": lambda m: m.update({"dossier": "iets-anders"}),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_MANIFESTS))
def test_a_hostile_manifest_means_a_full_build_and_nothing_outside_is_touched(case: str, built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec, out = built
    _tamper(out, HOSTILE_MANIFESTS[case])
    before = tree_hashes(tmp_path, skip=out)
    lines: list[str] = []
    result = dossier.build(dossier.load(spec), out, formats=DOCX, report=lines.append)
    assert not result.errors
    assert any(line.startswith("volledige build: ") for line in lines), lines
    assert len(result.built) == result.total == 8
    assert tree_hashes(tmp_path, skip=out) == before  # the victim and everything else outside stay as they were
    assert json.loads((out / "manifest.json").read_text())["dossier"] == "minimaal"


def test_staging_and_lock_as_links_are_removed_not_followed(built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec, out = built
    (out / ".bouw").symlink_to(tmp_path / "buiten")
    (out / ".lock").unlink()
    (out / ".lock").symlink_to(tmp_path / "nieuw-bestand")
    before = tree_hashes(tmp_path, skip=out)
    result = dossier.build(dossier.load(spec), out, formats=DOCX, force=True)
    assert not result.errors and len(result.built) == 8
    assert tree_hashes(tmp_path, skip=out) == before
    assert not (tmp_path / "nieuw-bestand").exists()
    assert not (out / ".bouw").exists() and not (out / ".lock").is_symlink()


def test_staging_as_a_file_is_replaced(built) -> None:  # type: ignore[no-untyped-def]
    spec, out = built
    (out / ".bouw").write_text("geen map")
    result = dossier.build(dossier.load(spec), out, formats=DOCX, force=True)
    assert not result.errors and not (out / ".bouw").exists()


def test_an_output_subfolder_that_is_a_link_is_replaced_by_a_real_folder(built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec, out = built
    shutil.rmtree(out / "besluit")
    (out / "besluit").symlink_to(tmp_path / "buiten")
    before = tree_hashes(tmp_path, skip=out)
    lines: list[str] = []
    result = dossier.build(dossier.load(spec), out, formats=DOCX, report=lines.append)
    assert not result.errors
    assert "bouw besluit/taalkracht: besluit/taalkracht.docx ontbreekt of is buiten de build om gewijzigd" in lines
    assert tree_hashes(tmp_path, skip=out) == before
    assert (out / "besluit").is_dir() and not (out / "besluit").is_symlink()
    assert sorted(p.name for p in (out / "besluit").iterdir()) == ["de-horst.docx", "lettersprong.docx",
                                                                    "taalkracht.docx"]


@needs_soffice
def test_only_leaves_every_bundle_byte_identical_and_never_shrinks_one(minimaal: Path, minimaal_build: Path,
                                                                       tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = copy_build(minimaal_build, tmp_path / "uit")  # a full build: the session's, copied
    model = dossier.load(minimaal)
    def every_bundle() -> dict[str, bytes]:  # bundels/raad.pdf and the councils' bundels/raad/<gemeente>.pdf
        return {p.relative_to(out / "bundels").as_posix(): p.read_bytes() for p in (out / "bundels").rglob("*.pdf")}

    bundles = every_bundle()
    assert {"raad.pdf", "raad/almelo.pdf", "raad/hengelo.pdf"} <= bundles.keys()
    pages = {name: len(PdfReader(out / "bundels" / name).pages) for name in bundles}
    for only in (("raadsbrief/almelo",), ("samenvatting",), ("bestek",)):
        result = dossier.build(model, out, only=only, force=True)
        assert result.built and not result.errors
        assert every_bundle() == bundles, only
    # a letter that really changed: the council bundle is made again from every letter, not from that one
    brieven = minimaal / "brieven.yaml"
    edit_spec(brieven, "onderwerp: Inkoop Jeugdhulp", "onderwerp: Inkoop jeugdhulp 2025")
    result = dossier.build(dossier.load(minimaal), out, only=("raadsbrief/almelo",))
    assert result.built == ["raadsbrief/almelo"] and result.bundles == ["bundel/raad", "bundel/raad/almelo"]
    assert len(PdfReader(out / "bundels" / "raad.pdf").pages) == pages["raad.pdf"]
    assert len(PdfReader(out / "bundels" / "raad" / "almelo.pdf").pages) == pages["raad/almelo.pdf"]


def test_a_build_killed_at_twenty_moments_leaves_the_old_or_the_new_set(minimaal: Path, tmp_path: Path) -> None:
    """Kill `dossier build` at 20 random moments, 14 of them while it puts files in place (slowed down
    with the install fault switch); after the recovery every command does first, the folder is the
    complete old set or the complete new set, manifest included."""
    from dossier.builder import install

    old_out = tmp_path / "oud" / "minimaal"
    assert not dossier.build(dossier.load(minimaal), old_out, formats=DOCX).errors
    old = outputs(old_out)
    spec = minimaal / "dossier.yaml"
    edit_spec(spec, 'versie: "0.1"', 'versie: "0.2"')
    assert 'versie: "0.2"' in spec.read_text()
    new_out = tmp_path / "nieuw" / "minimaal"
    shutil.copytree(old_out, new_out)
    assert not dossier.build(dossier.load(minimaal), new_out, formats=DOCX).errors
    new = outputs(new_out)
    assert new != old

    pause = 0.08
    env = {**os.environ, install._PAUSE: str(pause), "LANG": "nl_NL.UTF-8"}
    cmd = [sys.executable, "-m", "dossier", "build", str(minimaal), "--out", str(tmp_path / "werk"), "--quiet",
           "--format", "docx"]
    work = tmp_path / "werk" / "minimaal"
    rng = random.Random(20)
    outcomes = []
    for i in range(20):
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(old_out, work)
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert proc.stdout is not None
        if i < 14:  # inside the install step: after the journal is written, between two renames
            journal = work / install.STAGING / install.JOURNAL
            deadline = time.monotonic() + 60
            while not journal.exists() and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.005)
            time.sleep(rng.uniform(0, 16 * pause))
        else:  # anywhere: start-up, loading, rendering
            time.sleep(rng.uniform(0, 2.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        mixed = outputs(work) not in (old, new)
        install.recover(work, "minimaal", lambda line: None)
        state = outputs(work)
        assert state in (old, new), f"kill {i}: a mix of old and new"
        assert not (work / install.STAGING).exists()
        outcomes.append(("nieuw" if state == new and state != old else "oud", mixed))
    assert any(mixed for _o, mixed in outcomes), "no kill landed while files were being put in place"
    assert {o for o, _m in outcomes} == {"oud", "nieuw"}, outcomes


def test_only_leaves_documents_it_does_not_name_even_when_their_source_is_gone(built) -> None:  # type: ignore[no-untyped-def]
    """`--only` touches what it names; a document whose source is gone goes at the next full build."""
    spec, out = built
    besluiten = spec / "besluiten.yaml"
    text = besluiten.read_text()
    start = text.index("  - aanbieder: taalkracht")
    end = text.find("\n  - aanbieder:", start + 1)
    besluiten.write_text(text[:start] + (text[end + 1:] if end != -1 else ""))
    model = dossier.load(spec)
    result = dossier.build(model, out, formats=DOCX, only=("bestek",))
    assert not result.removed and (out / "besluit" / "taalkracht.docx").exists()
    lines: list[str] = []
    result = dossier.build(model, out, formats=DOCX, report=lines.append)
    assert result.removed == ["besluit/taalkracht"] and not (out / "besluit" / "taalkracht.docx").exists()
    assert "verwijderd besluit/taalkracht: de bron bestaat niet meer" in lines
