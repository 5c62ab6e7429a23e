"""Review builds (`dossier build --review`: every requirement, definition, tariff and decision with its
id and spec line) and the Nota van Inlichtingen."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

import dossier
from conftest import ROOTS, TWENTE, docx_text, edit_spec, run_cli


def marks(path: Path) -> list[str]:
    """The text of every paragraph in the 'Bron' style, in the body and in table cells."""
    d = docx.Document(str(path))
    cells = [p for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return [p.text for p in [*d.paragraphs, *cells] if p.style is not None and p.style.name == "Bron"]


def line_of(path: Path, pattern: str) -> int:
    """The 1-based line of the first line matching `pattern` (a `- id: …` list item); an item marked
    `- !voorbeeld` with its `id: …` on the next line begins at the mark."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines, 1):
        if re.match(pattern, line):
            return n
        if re.fullmatch(r"\s*- !voorbeeld", line) and n < len(lines) and re.match(
                pattern.replace("- id:", "  id:", 1), lines[n]):
            return n
    raise AssertionError(f"{pattern} not in {path}")


@pytest.fixture(scope="module")
def ambulant(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The Ambulant bestek of the example dossier, as review copy and as normal build."""
    out = tmp_path_factory.mktemp("review")
    for extra in (["--review"], []):
        result = run_cli("build", str(TWENTE), "--out", str(out), "--format", "docx", "--only", "bestek/ambulant",
                         "--quiet", *extra)
        assert result.returncode == 0, result.stdout + result.stderr
    return out / "twente-2025-review" / "bestek" / "ambulant.docx", out / "twente-2025" / "bestek" / "ambulant.docx"


def test_review_copy_shows_each_kit_id_with_file_and_line(ambulant: tuple[Path, Path]) -> None:
    review, _ = ambulant
    found = marks(review)
    d = dossier.load(TWENTE)
    eisen = d.kit_eisen("ambulant")
    assert len(eisen) >= 5
    for e in eisen:
        line = line_of(TWENTE / "kit.yaml", rf"\s*- id: {e.id}\b")
        assert f"{e.id} · kit.yaml:{line}" in found


def test_review_copy_marks_definitions_tariffs_and_terms(ambulant: tuple[Path, Path]) -> None:
    review, _ = ambulant
    found = marks(review)
    d = dossier.load(TWENTE)
    segment = TWENTE / "segmenten" / "ambulant.yaml"
    for ds in d.segmenten["ambulant"].deelsegmenten:
        line = line_of(segment, rf"  - id: {ds.id}$")
        assert f"{ds.id} · segmenten/ambulant.yaml:{line}" in found
        for t in ds.bekostiging.tarieven:
            line = line_of(segment, rf"\s+- id: {t.id}$")
            assert f"{t.id} · segmenten/ambulant.yaml:{line}" in found
    begrippen = [m for m in found if " · begrippen.yaml:" in m]
    assert begrippen, found
    first = begrippen[0].split(" · ")[0]
    line = line_of(TWENTE / "begrippen.yaml", rf"\s*- id: {first}$")
    assert begrippen[0] == f"{first} · begrippen.yaml:{line}"


def test_normal_build_carries_no_marks(ambulant: tuple[Path, Path]) -> None:
    review, normal = ambulant
    assert marks(normal) == []
    text = docx_text(normal)
    assert "kit.yaml" not in text and "segmenten/ambulant.yaml" not in text
    # otherwise the same document
    assert [t for t in docx_text(review).splitlines() if ".yaml:" not in t] == text.splitlines()


def test_review_copy_of_a_decision_marks_each_outcome(tmp_path: Path) -> None:
    result = run_cli("build", str(ROOTS / "minimaal"), "--review", "--out", str(tmp_path), "--format", "docx",
                     "--only", "besluit/taalkracht", "--quiet")
    assert result.returncode == 0, result.stdout + result.stderr
    found = marks(tmp_path / "minimaal-review" / "besluit" / "taalkracht.docx")
    besluiten = ROOTS / "minimaal" / "besluiten.yaml"
    lines = besluiten.read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines, 1) if "aanbieder: taalkracht" in line)
    outcome = next(n for n, line in enumerate(lines, 1) if n > start and "- deelsegment: dyslexie" in line)
    assert found == [f"taalkracht/dyslexie · besluiten.yaml:{outcome}"]


# --- Nota van Inlichtingen ---------------------------------------------------------------------------

NOTA = """\
titel: Nota van Inlichtingen 1
datum: 2025-04-20
inleiding: Vragen over het bestek Ambulant.
vergelijk:
  revisie: v1.0
vragen:
  - nummer: 1
    betreft: begeleiding-uur
    vraag: Klopt het tarief voor individuele begeleiding?
    antwoord: Nee, het tarief wordt **verhoogd**.
    wijzigt_documenten: true
  - nummer: 2
    betreft: KIT-K-01
    vraag: Volstaat ISO 9001?
    antwoord: Ja.
  - nummer: 3
    vraag: Wanneer wordt gegund?
    antwoord: Zie de planning.
  - nummer: 4
    betreft: Planning
    vraag: Verschuift de publicatie?
    antwoord: Ja, een week.
    wijzigt_documenten: true
  - nummer: 5
    vraag: Mag ik in een combinatie inschrijven?
    antwoord: Ja.
"""


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True)


@pytest.fixture
def nota_repo(tmp_path: Path) -> Path:
    """The minimal dossier in git, tagged v1.0; since then a tariff and a date changed, and a nota
    answers the questions about it."""
    repo = tmp_path / "repo"
    folder = repo / "specs" / "minimaal"
    shutil.copytree(ROOTS / "minimaal", folder)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "v1.0")
    _git(repo, "tag", "v1.0")
    seg = folder / "segmenten" / "ambulant.yaml"
    edit_spec(seg, "bedrag: 1234.5", "bedrag: 1250")
    spec = folder / "dossier.yaml"
    edit_spec(spec, "    - soort: publicatie\n      datum: 2025-04-01",
              "    - soort: publicatie\n      datum: 2025-04-08")
    (folder / "nota-van-inlichtingen.yaml").write_text(NOTA, encoding="utf-8")
    return folder


def test_nota_lists_the_changed_items_from_the_named_revision(nota_repo: Path, tmp_path: Path) -> None:
    result = run_cli("build", str(nota_repo), "--out", str(tmp_path / "uit"), "--format", "docx", "--only", "nota",
                     "--quiet")
    assert result.returncode == 0, result.stdout + result.stderr
    path = tmp_path / "uit" / "minimaal" / "nota" / "nota-van-inlichtingen.docx"
    d = docx.Document(str(path))
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 2"]
    assert headings == ["Vraag 1", "Vraag 2", "Vraag 3", "Vraag 4", "Vraag 5"]
    body = [p.text for p in d.paragraphs]
    # each question names the document and paragraph, derived from the id in 'betreft' (issue 12)
    assert [p for p in body if p.startswith("Betreft:")] == [
        "Betreft: Bestek Ambulant, § 10.5.1, Tarieven, Begeleiding individueel",
        "Betreft: KIT-K-01 Kwaliteitscertificaat",  # in no bestek: the requirement by name
        "Betreft: Bestek Ambulant, § 3.1, Planning"]
    assert "Nee, het tarief wordt verhoogd." in body
    assert "De wijzigingen zijn bepaald ten opzichte van versie 0.1 van 14 maart 2025 (revisie v1.0)." in body
    assert body.count("Dit antwoord wijzigt de aanbestedingsstukken.") == 2
    # readable references and the automatic change list together
    assert body.count("Gewijzigde onderdelen ten opzichte van versie 0.1 van 14 maart 2025 (revisie v1.0):") == 2
    rows = [[c.text for c in row.cells] for t in d.tables for row in t.rows]
    tariff = ["Segment Ambulant › Deelsegment Begeleiding › Tarief Begeleiding individueel",
              "tarief: €\xa01.234,50 → €\xa01.250,00 per uur"]
    date = ["Planning › Mijlpaal Publicatie", "datum: 1 april 2025 → 8 april 2025"]
    # under question 1 only the tariff, under question 4 only the date; both in the overview at the end
    assert rows.index(tariff) < rows.index(date)
    tariff_line = line_of(nota_repo / "segmenten" / "ambulant.yaml", r"\s+- \{id: begeleiding-uur,")
    date_line = line_of(nota_repo / "dossier.yaml", r"\s+- soort: publicatie")
    assert [*tariff, f"segmenten/ambulant.yaml:{tariff_line}"] in rows
    assert [*date, f"dossier.yaml:{date_line}"] in rows
    assert sum(1 for r in rows if r[:2] == tariff) == 2 and sum(1 for r in rows if r[:2] == date) == 2


def test_nota_names_a_revision_that_does_not_exist(nota_repo: Path, tmp_path: Path) -> None:
    nota = nota_repo / "nota-van-inlichtingen.yaml"
    edit_spec(nota, "revisie: v1.0", "revisie: v9")
    result = run_cli("build", str(nota_repo), "--out", str(tmp_path / "uit"), "--format", "docx", "--only", "nota")
    assert result.returncode == 1
    assert "nota-van-inlichtingen.yaml:5:" in result.stderr and "revisie 'v9' bestaat niet" in result.stderr
    assert not (tmp_path / "uit").exists()  # refused before anything is written
    # what build refuses, validate refuses too, with the same line (issue 10)
    checked = run_cli("validate", str(nota_repo))
    assert checked.returncode == 1
    assert "nota-van-inlichtingen.yaml:5:" in checked.stderr and "revisie 'v9' bestaat niet" in checked.stderr


def test_nota_names_a_folder_that_does_not_exist(nota_repo: Path) -> None:
    nota = nota_repo / "nota-van-inlichtingen.yaml"
    edit_spec(nota, "revisie: v1.0", "map: ../bestaat-niet")
    checked = run_cli("validate", str(nota_repo))
    assert checked.returncode == 1
    assert "nota-van-inlichtingen.yaml:5:" in checked.stderr and "vergelijk" in checked.stderr, checked.stderr
    assert "Traceback" not in checked.stderr


def test_nota_questions_are_checked(tmp_path: Path) -> None:
    folder = tmp_path / "minimaal"
    shutil.copytree(ROOTS / "minimaal", folder)
    nota = folder / "nota-van-inlichtingen.yaml"
    without_comparison = NOTA.replace("vergelijk:\n  revisie: v1.0\n", "")
    valid = without_comparison.replace("    wijzigt_documenten: true\n",
                                       "    wijzigt_documenten: true\n    wijziging: In § 4.2 wordt ...\n")
    nota.write_text(valid, encoding="utf-8")
    assert run_cli("validate", str(folder)).returncode == 0
    nota.write_text(valid.replace("betreft: KIT-K-01", "betreft: KIT-K-09"), encoding="utf-8")
    result = run_cli("validate", str(folder))
    assert result.returncode == 1
    line = valid.splitlines().index("    betreft: KIT-K-01") + 1
    assert f"nota-van-inlichtingen.yaml:{line}:14: vragen[1].betreft: KIT-eis 'KIT-K-09' bestaat niet in kit.yaml" \
        in result.stderr
    # a mistyped tariff or deelsegment id is an error like a mistyped KIT id (issue 12)
    nota.write_text(valid.replace("betreft: begeleiding-uur", "betreft: begeleiding-ur"), encoding="utf-8")
    result = run_cli("validate", str(folder))
    assert result.returncode == 1
    line = valid.splitlines().index("    betreft: begeleiding-uur") + 1
    assert (f"nota-van-inlichtingen.yaml:{line}:14: vragen[0].betreft: 'begeleiding-ur' is geen id van een "
            "deelsegment, verbijzondering of tarief in segmenten/; bedoelde u 'begeleiding-uur'?") in result.stderr
    # an answer that changes the documents states the change, unless the nota compares with a version
    nota.write_text(without_comparison, encoding="utf-8")
    result = run_cli("validate", str(folder))
    assert result.returncode == 1
    assert result.stderr.count("dit antwoord wijzigt de stukken: noem de wijziging in 'wijziging'") == 2
    nota.write_text(valid.replace("nummer: 5", "nummer: 4"), encoding="utf-8")
    result = run_cli("validate", str(folder))
    assert result.returncode == 1
    assert "vragen: de vragen zijn niet oplopend genummerd zonder dubbele nummers (1, 2, 3, 4, 4)" in result.stderr


def test_example_dossier_nota_builds(tmp_path: Path) -> None:
    d = dossier.load(TWENTE)
    assert d.nota is not None and len(d.nota.vragen) >= 5
    result = run_cli("build", str(TWENTE), "--out", str(tmp_path), "--format", "docx", "--only", "nota", "--quiet")
    assert result.returncode == 0, result.stdout + result.stderr
    path = tmp_path / "twente-2025" / "nota" / "nota-van-inlichtingen.docx"
    doc = docx.Document(str(path))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert len(headings) == len(d.nota.vragen)
    assert headings[1] == "Vraag 2"
    assert "Betreft: Alle bestekken, § 10.1.4, KIT-K-04 Klachtenregeling en medezeggenschap" in [
        p.text for p in doc.paragraphs]
    assert doc.core_properties.title == d.nota.titel
    assert "Dit antwoord wijzigt de aanbestedingsstukken." in [p.text for p in doc.paragraphs]


def highlighted(path: Path) -> list[str]:
    """The text of every run with a highlight, in the body and in table cells."""
    d = docx.Document(str(path))
    cells = [p for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return [r.text for p in [*d.paragraphs, *cells] for r in p.runs if r.font.highlight_color is not None]


def test_review_copy_highlights_each_example_value_where_it_is_written(ambulant: tuple[Path, Path]) -> None:
    review, normal = ambulant
    tariffs = (TWENTE / "segmenten" / "ambulant.yaml").read_text(encoding="utf-8")
    assert "bedrag: !voorbeeld 76.80" in tariffs and "bedrag: !voorbeeld 54.60" in tariffs
    found = highlighted(review)
    assert "€\u00a076,80" in found and "€\u00a054,60" in found, found
    assert "Begeleiding" not in found  # a value the seeds give stays as it is
    assert highlighted(normal) == []
