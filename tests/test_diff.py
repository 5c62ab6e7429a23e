"""`dossier diff`: two versions of a dossier compared as the reviewer reads them, not as YAML text."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

import dossier
from conftest import ROOTS, TWENTE, needs_soffice, pdf_text, run_cli
from dossier.cli import main
from dossier.context import nl


def edit_line(path: Path, line: int, old: str, new: str) -> None:
    """Replace the first `old` at or after `line` (1-based) of a spec file; it must be there."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i in range(line - 1, len(lines)):
        if old in lines[i]:
            lines[i] = lines[i].replace(old, new, 1)
            path.write_text("".join(lines), encoding="utf-8")
            return
    raise AssertionError(f"{old!r} not found in {path} from line {line}")


def copy_dossier(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


@pytest.fixture
def twente_versions(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """Two copies of the example dossier; the new one differs in a tariff, a KIT requirement text, a
    participation exception and a planning date. Returns (old, new, what the report must say)."""
    old = copy_dossier(TWENTE, tmp_path / "oud" / "twente-2025")
    new = copy_dossier(TWENTE, tmp_path / "nieuw" / "twente-2025")
    d = dossier.load(new)
    expect: dict[str, str] = {}

    # a tariff: the first one in the dossier, 6,50 higher
    seg, i, ds = next((s, i, ds) for s in d.spec.segmenten for i, ds in enumerate(d.segmenten[s].deelsegmenten)
                      if ds.bekostiging.tarieven)
    t = ds.bekostiging.tarieven[0]
    file = d.segment_file(seg)
    line, _ = d.sources[file].locate(("deelsegmenten", i, "bekostiging", "tarieven", 0, "bedrag"))
    higher = t.bedrag + Decimal("6.50")
    edit_line(new / file, line, _written_amount(new / file, line), f"{higher:.2f}")
    expect["tarief"] = f"tarief: {nl.bedrag(t.bedrag)} → {nl.bedrag(higher)} {t.eenheid.label}"
    expect["tarief_onderwerp"] = f"Deelsegment {ds.naam} › Tarief {t.omschrijving}"
    expect["tarief_document"] = f"bestek/{seg}"

    # a KIT requirement text: one word changed
    k, eis = 3, d.kit.eisen[3]
    word = next(w for w in re.findall(r"[a-zà-ÿ]{7,}", eis.tekst))
    line, _ = d.sources["kit.yaml"].locate(("eisen", k, "tekst"))
    edit_line(new / "kit.yaml", line, word, word + "sregels")
    expect["kit_onderwerp"] = f"{eis.id} {eis.titel}"
    expect["kit_woord"] = word + "sregels"

    # a participation exception: 'niet' becomes 'beperkt' (or the other way round)
    seg2, i2, j2, u = next((s, i, j, u) for s in d.spec.segmenten for i, x in enumerate(d.segmenten[s].deelsegmenten)
                           for j, u in enumerate(x.deelname.uitzonderingen))
    ds2 = d.segmenten[seg2].deelsegmenten[i2]
    file2 = d.segment_file(seg2)
    line, _ = d.sources[file2].locate(("deelsegmenten", i2, "deelname", "uitzonderingen", j2, "deelname"))
    other = "beperkt" if u.deelname.value == "niet" else "niet"
    edit_line(new / file2, line, f"deelname: {u.deelname.value}", f"deelname: {other}")
    labels = {"niet": "neemt niet deel", "beperkt": "neemt beperkt deel"}
    naam = d.gemeenten[u.gemeente].naam
    expect["deelname"] = f"deelname: {labels[u.deelname.value]} → {labels[other]}"
    expect["deelname_onderwerp"] = f"Deelsegment {ds2.naam} › Deelname {naam}"

    # a planning date: the first milestone a week later
    m = d.spec.planning.mijlpalen[0]
    line, _ = d.sources["dossier.yaml"].locate(("planning", "mijlpalen", 0, "datum"))
    later = m.datum + timedelta(days=7)
    edit_line(new / "dossier.yaml", line, m.datum.isoformat(), later.isoformat())
    expect["datum"] = f"datum: {nl.datum(m.datum)} → {nl.datum(later)}"
    expect["datum_onderwerp"] = f"Mijlpaal {m.soort.label}"
    dossier.load(new)  # still valid
    return old, new, expect


def _written_amount(path: Path, line: int) -> str:
    return re.search(r"bedrag:\s*(?:!voorbeeld\s+)?([0-9.]+)", path.read_text(encoding="utf-8").splitlines()[line - 1]).group(1)


def test_four_edits_are_reported_as_exactly_four_changes_in_dutch(twente_versions) -> None:  # type: ignore[no-untyped-def]
    old, new, expect = twente_versions
    result = run_cli("diff", str(old), str(new))
    assert result.returncode == 1, result.stderr
    out = result.stdout
    for key in ("tarief", "deelname", "datum"):
        assert expect[key] in out, (key, out)
    for key in ("tarief_onderwerp", "kit_onderwerp", "deelname_onderwerp", "datum_onderwerp"):
        assert expect[key] in out, (key, out)
    assert expect["kit_woord"] in out
    assert "4 wijzigingen (0 toegevoegd, 4 gewijzigd, 0 verwijderd)" in out
    changes, documents = out.split("\nDocumenten\n")
    assert re.findall(r"^  (\w+)  ", changes, re.M) == ["gewijzigd"] * 4
    assert f"  gewijzigd  {expect['tarief_document']} " in documents

    data = json.loads(run_cli("diff", str(old), str(new), "--format", "json").stdout)
    changes = data["wijzigingen"]
    assert len(changes) == 4
    assert data["samenvatting"] == {"toegevoegd": 0, "gewijzigd": 4, "verwijderd": 0,
                                    "documenten": len(data["documenten"])}
    assert all(len(c["velden"]) == 1 and c["soort"] == "gewijzigd" for c in changes)
    shown = {c["onderwerp"]: f'{c["velden"][0]["veld"]}' for c in changes}
    assert shown == {expect["tarief_onderwerp"]: "tarief", expect["kit_onderwerp"]: "tekst",
                     expect["deelname_onderwerp"]: "deelname", expect["datum_onderwerp"]: "datum"}
    tarief = next(c for c in changes if c["onderwerp"] == expect["tarief_onderwerp"])
    assert tarief["documenten"] == [expect["tarief_document"]]  # only the bestek shows tariffs
    bestek = next(x for x in data["documenten"] if x["document"] == expect["tarief_document"])
    assert tarief["id"] in bestek["wijzigingen"]
    datum = next(c for c in changes if c["onderwerp"] == expect["datum_onderwerp"])
    assert "raadsbrief/almelo" in datum["documenten"]  # the letters show the milestones too
    assert not any(d.startswith("besluit/") for d in datum["documenten"])  # decisions show no planning
    assert re.fullmatch(r"dossier\.yaml:\d+", datum["bron"])


def test_same_version_is_exit_0(tmp_path: Path) -> None:
    copy = copy_dossier(ROOTS / "minimaal", tmp_path / "minimaal")
    result = run_cli("diff", str(ROOTS / "minimaal"), str(copy))
    assert result.returncode == 0
    assert result.stdout.strip().endswith("geen wijzigingen")


def test_added_and_removed_items_and_changed_words_highlighted(tmp_path: Path) -> None:
    old = ROOTS / "minimaal"
    new = copy_dossier(old, tmp_path / "minimaal")
    seg = new / "segmenten" / "ambulant.yaml"
    text = seg.read_text(encoding="utf-8")
    text = text.replace(
        "        - {id: begeleiding-uur, omschrijving: Begeleiding individueel, bedrag: 1234.5, eenheid: uur, ingangsdatum: 2026-01-01}\n",
        "        - {id: begeleiding-groep, omschrijving: Begeleiding in een groep, bedrag: 54.6, eenheid: dagdeel, ingangsdatum: 2026-01-01}\n")
    text = text.replace("Ondersteuning van de jeugdige en het gezin bij het dagelijks leven.",
                        "Ondersteuning van de jeugdige en het gezin bij wonen, school en het dagelijks leven.")
    seg.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(old), str(new)], color=True)
    assert result.exit_code == 1, result.output
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.output)
    assert "toegevoegd  Deelsegment Begeleiding › Tarief Begeleiding in een groep" in plain
    assert "tarief: €\xa054,60 per dagdeel" in plain
    assert "verwijderd  Deelsegment Begeleiding › Tarief Begeleiding individueel" in plain
    assert "tarief: €\xa01.234,50 per uur" in plain
    assert ("      definitie\n"
            "        was:   Ondersteuning van de jeugdige en het gezin bij het dagelijks leven.\n"
            "        wordt: Ondersteuning van de jeugdige en het gezin bij wonen, school en het dagelijks leven.\n") in plain
    # the inserted words are underlined in green; nothing of the old text is struck through
    assert "bij \x1b[32m\x1b[4mwonen, school en \x1b[0mhet dagelijks" in result.output
    assert "\x1b[9m" not in result.output.split("definitie")[1]


def test_git_revision_is_read_without_checkout(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    folder = copy_dossier(ROOTS / "minimaal", repo / "specs" / "minimaal")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "v1"], check=True)
    subprocess.run([*git, "tag", "v1.0"], check=True)
    edit_line(folder / "kit.yaml", 1, "(HKZ of ISO 9001)", "(HKZ, ISO 9001 of gelijkwaardig)")
    head_before = subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True).stdout

    result = run_cli("diff", "--rev", "v1.0", str(folder), "--format", "json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["oud"]["label"] == "specs/minimaal @ v1.0"
    [change] = data["wijzigingen"]
    assert change["onderwerp"] == "KIT-K-01 Kwaliteitscertificaat"
    assert change["velden"][0]["wordt"].endswith("(HKZ, ISO 9001 of gelijkwaardig).")
    # the working tree is as it was: nothing checked out, nothing left behind
    assert subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True).stdout == head_before

    unknown = run_cli("diff", "--rev", "v9", str(folder))
    assert unknown.returncode == 2
    assert "revisie 'v9' bestaat niet" in unknown.stderr


def test_errors_are_exit_2(tmp_path: Path) -> None:
    broken = copy_dossier(ROOTS / "minimaal", tmp_path / "minimaal")
    edit_line(broken / "dossier.yaml", 1, "looptijd_maanden: 36", "looptijd_maanden: 0")
    result = run_cli("diff", str(ROOTS / "minimaal"), str(broken))
    assert result.returncode == 2
    assert "de nieuwe versie" in result.stderr and "looptijd_maanden" in result.stderr
    usage = run_cli("diff", str(ROOTS / "minimaal"))
    assert usage.returncode == 2
    assert "geef twee dossiermappen" in usage.stderr


def _minimaal_tariff_change(tmp_path: Path) -> Path:
    new = copy_dossier(ROOTS / "minimaal", tmp_path / "nieuw" / "minimaal")
    edit_line(new / "segmenten" / "ambulant.yaml", 1, "bedrag: 1234.5", "bedrag: 1250")
    return new


def test_wijzigingsoverzicht_docx_in_house_style(tmp_path: Path) -> None:
    new = _minimaal_tariff_change(tmp_path)
    target = tmp_path / "overzicht.docx"
    result = run_cli("diff", str(ROOTS / "minimaal"), str(new), "--docx", str(target))
    assert result.returncode == 1, result.stderr
    doc = docx.Document(str(target))
    styles = {p.style.name for p in doc.paragraphs}
    assert {"Title", "Heading 1", "Heading 2"} <= styles
    assert doc.core_properties.title == "Wijzigingsoverzicht Inkoop jeugdhulp Proefregio 2026"
    text = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "Segment Ambulant" in [p.text for p in doc.paragraphs]
    assert "Deelsegment Begeleiding › Tarief Begeleiding individueel" in [p.text for p in doc.paragraphs]
    assert "€\xa01.234,50 per uur" in text and "€\xa01.250,00 per uur" in text
    xml = zipfile.ZipFile(target).read("word/document.xml").decode()
    assert re.search(r"<w:strike/>.*?<w:t[^>]*>1\.234,50</w:t>", xml)  # the old amount struck through


@needs_soffice
def test_wijzigingsoverzicht_pdf(tmp_path: Path) -> None:
    new = _minimaal_tariff_change(tmp_path)
    target = tmp_path / "overzicht.pdf"
    result = run_cli("diff", str(ROOTS / "minimaal"), str(new), "--pdf", str(target))
    assert result.returncode == 1, result.stderr
    text = pdf_text(target, layout=True)
    assert "Wijzigingsoverzicht" in text and "1.250,00" in text
