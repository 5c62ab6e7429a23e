"""Issue 11: the bestek is a complete tender document (aanbestedingsleidraad) a bidder can submit on, with a
concept-overeenkomst per segment.

What a bidder reads is asserted on the PDF text of one real build of the example dossier (made once per
session); what a writer is refused is asserted on the messages of `dossier validate`; what a reviewer
sees on `dossier diff`.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pikepdf
import pytest

import dossier
from conftest import TWENTE, edit_spec, needs_soffice, pdf_text, run_cli

PARTS = ["Aanbestedende diensten", "Procedure en rechtsgrond", "Tijdschema", "Vragen en Nota van Inlichtingen",
         "Inschrijven", "Uitsluitingsgronden", "Geschiktheidseisen", "Gunningscriteria en beoordeling",
         "Besluit en opschortende termijn", "Programma van eisen", "Concept-overeenkomst",
         "Klachten en rechtsbescherming", "Bijlagen"]
"""The thirteen parts of domain.md's 'What a complete tender document holds', as the bestek titles them."""

SEGMENTS = ["ambulant", "advies-en-expertise", "crisishulp", "wonen", "verblijf"]
TENDERED = {"ambulant", "advies-en-expertise", "crisishulp"}
ADMITTED = {"ambulant", "wonen", "verblijf"}


@pytest.fixture(scope="session")
def twente_out(example_builds: Path) -> Path:
    """One full build of the example dossier (PDF, with bundles) for the whole session (conftest's)."""
    return example_builds / "twente-2025"


def _flat(text: str) -> str:
    return " ".join(text.split())


@needs_soffice
@pytest.mark.parametrize("segment", SEGMENTS)
def test_bestek_holds_every_part_in_order_with_what_a_bidder_needs(twente_out: Path, segment: str) -> None:
    raw = pdf_text(twente_out / "bestek" / f"{segment}.pdf")
    lines = [line.strip() for line in raw.splitlines()]
    # the chapter headings in the body (not the table of contents, whose lines end in dots and a page)
    # part 9 of a segment that only admits providers has no standstill (domain.md)
    parts = [title if title != PARTS[8] or segment in TENDERED else "Besluit over toelating" for title in PARTS]
    found = [next((i for i, line in enumerate(lines) if line == f"{n} {title}"), -1)
             for n, title in enumerate(parts, start=1)]
    assert -1 not in found, [parts[i] for i, f in enumerate(found) if f == -1]
    assert found == sorted(found), "the parts are not in domain.md's order"
    text = _flat(raw)
    # deadlines with date and time
    assert "Sluiting vragen 4 maart 2024, 12:00 uur" in text
    assert "Sluiting inschrijving 15 april 2024, 12:00 uur" in text
    # the gestanddoeningstermijn binds the bids on tendered percelen; a segment that only admits has none
    assert ("blijft 180 kalenderdagen na de sluiting van de inschrijving geldig (gestanddoeningstermijn)" in text) \
        == (segment in TENDERED)
    # the phases are the programme's, for all segments, and the bestek says so
    assert "De fasen van de inkoop als geheel, voor alle segmenten samen:" in text
    # every municipality by name, and who buys on their behalf
    d = dossier.load(TWENTE)
    for gemeente in d.gemeenten.values():
        assert gemeente.naam in text, gemeente.naam
    assert "OZJT/Samen14 koopt namens hen in" in text
    # exclusion: the declaration that fits the procedure of the segment
    assert ("U verklaart met het Uniform Europees Aanbestedingsdocument (UEA)" in text) == (segment in TENDERED)
    assert ("U verklaart met de Eigen verklaring" in text) == (segment in ADMITTED)
    # the scoring method where bids are scored, the admission test where applications are tested
    assert ("Beoordelingsschaal" in text and "Beoordelingsmethode" in text) == (segment in TENDERED)
    assert ("Toetsing van aanvragen tot toelating" in text) == (segment in ADMITTED)
    # an award step only where a perceel is tendered; an admission step only where one is admitted
    assert ("Gunning 16 september 2024" in text) == (segment in TENDERED)
    assert ("Besluiten over toelating 16 september 2024" in text) == (segment in ADMITTED)
    # the standstill follows an award: a segment that only admits providers has none (domain.md)
    assert ("Einde opschortende termijn 7 oktober 2024, 23:59 uur" in text) == (segment in TENDERED)
    # standstill, complaints desk and the court by name
    assert "opschortende termijn (standstill) van 20 kalenderdagen" in text or segment not in TENDERED
    assert "uitsluitend voorgelegd aan de Rechtbank Overijssel" in text
    # remedies per kind of decision, as the letters give them: a forfeiture period only against an award
    assert ("Die termijn is een vervaltermijn: na afloop ervan kan niet meer tegen de gunningsbeslissing worden "
            "opgekomen." in text) == (segment in TENDERED)
    assert ("Een besluit over toelating is privaatrechtelijk: daartegen staat geen bezwaar of beroep open op grond "
            "van de Algemene wet bestuursrecht." in text) == (segment in ADMITTED)
    assert "wacht de opdrachtgever" not in text  # no invented waiting period after an admission
    assert "Klachtenmeldpunt Inkoop OZJT" in text
    # the overeenkomst by title, the annexes by title, no policy risks
    assert f"Concept-overeenkomst {d.segmenten[segment].naam}" in text
    assert "Bibob-vragenlijst" in text and "Referentieformulier" in text
    assert "onvoldoende rijksmiddelen" not in text and "Risico" not in text
    # the dossier's own chapters are in every bestek
    assert "Ontwikkelpotentieel" in text
    # doorlopende_inschrijving: false, explained for what this segment has
    assert "Er is geen doorlopende inschrijving" in text


@needs_soffice
def test_policy_text_is_in_the_samenvatting_not_the_bestek(twente_out: Path) -> None:
    samenvatting = _flat(pdf_text(twente_out / "samenvatting" / "dossier.pdf"))
    assert "onvoldoende rijksmiddelen" in samenvatting
    assert "Ambulant: Tariefdifferentiatie" in samenvatting
    assert "Afhankelijkheid van een klein aantal aanbieders (segment Advies en expertise)" in samenvatting
    ambulant = _flat(pdf_text(twente_out / "bestek" / "ambulant.pdf"))
    assert "wordt onderzocht of tariefdifferentiatie wenselijk" not in ambulant
    advies = _flat(pdf_text(twente_out / "bestek" / "advies-en-expertise.pdf"))
    assert "€ 295.000,00 per jaar" in advies  # the lump sum per provider, stated per year
    assert "Breedte van de disciplines in het team (20 punten)" in advies  # a sub-criterion with its weight


@needs_soffice
def test_overeenkomst_per_segment_and_in_the_segment_bundle(twente_out: Path) -> None:
    for segment in SEGMENTS:
        assert (twente_out / "overeenkomst" / f"{segment}.docx").is_file()
        text = _flat(pdf_text(twente_out / "overeenkomst" / f"{segment}.pdf"))
        for title in ("Partijen", "Voorwerp", "Looptijd en verlenging", "Tarieven en indexatie", "Wijziging",
                      "Beëindiging", "Boetes", "Geschillen", "Ondertekening"):
            assert title in text, (segment, title)
        assert "OVA-index" in text and "Rechtbank Overijssel" in text and "tijdens de looptijd" in text
        assert "Voorbeeldtekst, ter juridische toetsing" in text  # legal wording not from the seeds
        with pikepdf.open(twente_out / "bundels" / f"segment-{segment}.pdf") as pdf:
            titles = [item.title for item in pdf.open_outline().root]
        naam = dossier.load(TWENTE).segmenten[segment].naam
        assert titles[:3] == [f"Bestek {naam}", f"Concept-overeenkomst {naam}",
                              "Integrale bestuurlijke samenvatting"], titles
        assert len(titles) == 4 and titles[3].startswith("Nota van Inlichtingen"), titles
    ambulant = _flat(pdf_text(twente_out / "overeenkomst" / "ambulant.pdf"))
    assert "Begeleiding: toelatingsovereenkomst" in ambulant and "Ernstige Dyslexie: raamovereenkomst" in ambulant


def _part_of(lines: list[str], heading: str) -> str:
    """The title of the chapter (one of PARTS) under which the body heading `heading` stands."""
    at = lines.index(heading)
    starts = [(i, title) for n, title in enumerate(PARTS, start=1) for i, line in enumerate(lines)
              if line == f"{n} {title}"]
    return max((i, title) for i, title in starts if i < at)[1]


@needs_soffice
def test_a_segment_section_stands_in_the_part_it_names(twente_out: Path) -> None:
    lines = [line.strip() for line in pdf_text(twente_out / "bestek" / "ambulant.pdf").splitlines()]
    assert _part_of(lines, "2.4 Twee inkoopvormen binnen één segment") == "Procedure en rechtsgrond"
    assert _part_of(lines, "8.4 Gunning bij aanbesteden") == "Gunningscriteria en beoordeling"
    assert _part_of(lines, "11.1 Gelijke tarieven") == "Concept-overeenkomst"
    # without 'bestekdeel': the programma van eisen, as before
    wonen = [line.strip() for line in pdf_text(twente_out / "bestek" / "wonen.pdf").splitlines()]
    heading = next(line for line in wonen if line.endswith(" Een dekkend landschap van woonvormen")
                   and not line.endswith("."))
    assert _part_of(wonen, heading) == "Programma van eisen"
    # the part that holds a section does not repeat it: prices are fixed once (in the scoring method), and a
    # tie-break is shown only where the number of providers is limited
    text = _flat("\n".join(lines))
    assert "er wordt niet op prijs geconcurreerd" not in text
    assert text.count("Prijs is geen gunningscriterium") == 1
    assert "Bij een gelijke score" not in text
    assert "Bij een gelijke score" in _flat(pdf_text(twente_out / "bestek" / "advies-en-expertise.pdf"))


LEGAL = ["Alle communicatie over de procedure", "De aanbestede percelen zijn sociale en andere specifieke",
         "De percelen met een toelatingsprocedure zijn geen", "De procedure verloopt volgens dit tijdschema",
         "Een aanvraag tot toelating wordt getoetst", "Na verzending van het gunningsbesluit",
         "De opdrachtgever sluit namens de gemeenten", "Een klacht over de procedure",
         "Geschillen over deze procedure"]
"""The beginnings of the bestek's fixed legal paragraphs that no seed gives (Ambulant has all of them)."""


@needs_soffice
def test_fixed_legal_wording_is_marked_as_sample_text_per_paragraph(twente_out: Path) -> None:
    from docx import Document as Docx

    mark = "Voorbeeldtekst, ter juridische toetsing"
    lines = [line.strip() for line in pdf_text(twente_out / "bestek" / "ambulant.pdf").splitlines() if line.strip()]
    paragraphs = [p.text.strip() for p in Docx(str(twente_out / "bestek" / "ambulant.docx")).paragraphs
                  if p.text.strip()]
    for start in LEGAL:
        at = next(i for i, line in enumerate(lines) if line.startswith(start))
        assert lines[at - 1] == mark, (start, lines[at - 2:at + 1])
        at = next(i for i, p in enumerate(paragraphs) if p.startswith(start))
        assert paragraphs[at - 1] == mark, (start, paragraphs[at - 1])
    # a section of the segment whose text is '!voorbeeld' in the spec is marked too; one from the seeds is not
    at = next(i for i, line in enumerate(lines) if line.startswith("Bij Ernstige Dyslexie en Medicatiecontrole wordt"))
    assert lines[at - 1] == mark
    at = next(i for i, line in enumerate(lines) if line.startswith("De tarieven in dit bestek gelden voor alle"))
    assert lines[at - 1] == "11.1 Gelijke tarieven"
    # the mark is explained once, at the start
    assert mark in _flat(" ".join(lines[:lines.index("1.1 Gemeenten en opdrachtgever")]))
    # a segment that only admits has no award paragraph to mark, and its paragraph on the decision is marked
    wonen = [line.strip() for line in pdf_text(twente_out / "bestek" / "wonen.pdf").splitlines() if line.strip()]
    at = next(i for i, line in enumerate(wonen) if line.startswith("Het besluit over toelating wordt"))
    assert wonen[at - 1] == mark


# --- refusals ------------------------------------------------------------------------------------


@pytest.fixture
def twente(tmp_path: Path) -> Path:
    return Path(shutil.copytree(TWENTE, tmp_path / "twente-2025"))


def _refused(spec: Path) -> str:
    result = run_cli("validate", str(spec))
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_a_milestone_outside_its_phase_is_refused(twente: Path) -> None:
    edit_spec(twente / "dossier.yaml", "      van: 2024-01-01\n      tot: 2024-09-30",
              "      van: 2024-01-01\n      tot: 2024-06-30")
    out = _refused(twente)
    assert re.search(r"dossier\.yaml:\d+:\d+: planning\.mijlpalen\[5\]\.datum: gunning \(2024-09-16\) valt buiten de "
                     r"fase 'Publicatie, beoordeling en gunning' \(2024-01-01 tot en met 2024-06-30\)", out), out


def test_a_milestone_naming_no_phase_is_refused(twente: Path) -> None:
    edit_spec(twente / "dossier.yaml", "      fase: Overdracht en implementatie\n",
              "      fase: Overdracht en implementati\n")
    out = _refused(twente)
    assert re.search(r"dossier\.yaml:\d+:\d+: planning\.mijlpalen\[\d+\]\.fase: er is geen fase 'Overdracht en "
                     r"implementati' in planning\.fasen; bedoelde u 'Overdracht en implementatie'\?", out), out


def test_weights_that_do_not_add_up_are_refused(twente: Path) -> None:
    segment = twente / "segmenten" / "advies-en-expertise.yaml"
    edit_spec(segment, "          weging: 35\n", "          weging: 30\n")
    out = _refused(twente)
    assert re.search(r"segmenten/advies-en-expertise\.yaml:\d+:\d+: deelsegmenten\[0\]\.inkoopvorm: de wegingen van "
                     r"de gunningscriteria tellen op tot 95, niet tot 100", out), out
    edit_spec(segment, "          weging: 30\n", "          weging: 35\n")
    edit_spec(segment, "              weging: 20\n", "              weging: 25\n")
    out = _refused(twente)
    assert re.search(r"advies-en-expertise\.yaml:\d+:\d+: deelsegmenten\[0\]\.inkoopvorm\.gunningscriteria\[0\]: de "
                     r"wegingen van de subcriteria van 'Deskundigheid en samenstelling van het expertteam' tellen op "
                     r"tot 45", out), out


def test_a_requirement_that_refers_to_an_undefined_term_is_refused(twente: Path) -> None:
    segment = twente / "segmenten" / "wonen.yaml"
    edit_spec(segment, "      - De aanbieder doet binnen tien werkdagen na de aanmelding een voorstel voor een plaatsing",
              "      - De aanbieder doet binnen de afgesproken termijn een voorstel voor een plaatsing")
    out = _refused(twente)
    assert re.search(r"segmenten/wonen\.yaml:\d+:\d+: deelsegmenten\[0\]\.eisen\[0\]: 'afgesproken termijn' verwijst "
                     r"naar een termijn die de eis niet noemt", out), out
    edit_spec(segment, "binnen de afgesproken termijn", "binnen de [[wachttermijn]]")
    out = _refused(twente)
    assert re.search(r"segmenten/wonen\.yaml:\d+:\d+: deelsegmenten\[0\]\.eisen\[0\]: '\[\[wachttermijn\]\]' verwijst "
                     r"naar een begrip dat niet in begrippen\.yaml staat", out), out


def test_a_deadline_without_time_and_a_tender_without_raming_are_refused(twente: Path) -> None:
    edit_spec(twente / "dossier.yaml", '      tijd: !voorbeeld "12:00"\n      omschrijving: Uiterste moment voor het '
              'indienen', "      omschrijving: Uiterste moment voor het indienen")
    edit_spec(twente / "segmenten" / "crisishulp.yaml", "    raming: !voorbeeld 7200000.00\n", "")
    out = _refused(twente)
    assert re.search(r"dossier\.yaml:\d+:\d+: planning\.mijlpalen\[3\]: een uiterste termijn \(sluiting inschrijving\) "
                     r"heeft ook een 'tijd'", out), out
    assert re.search(r"segmenten/crisishulp\.yaml:\d+:\d+: deelsegmenten\[0\]: Coördinatie en Triage wordt "
                     r"aanbesteed: geef de geraamde waarde in 'raming'", out), out


def test_a_price_score_is_checked_against_the_formula(twente: Path) -> None:
    """A criterion marked as price is scored from the bid prices in besluiten.yaml (`inschrijfprijs`)."""
    d = dossier.load(TWENTE)
    besluiten = [b for b in d.besluiten.besluiten if any(u.deelsegment == "advies-en-expertise" for u in b.uitkomsten)]
    assert len(besluiten) >= 2
    segment = twente / "segmenten" / "advies-en-expertise.yaml"
    edit_spec(segment, "          naam: Samenwerking met de lokale toegang en de sociale basis\n",
              "          naam: Prijs\n          prijs: true\n")
    out = _refused(twente)
    assert "een criterium is het prijscriterium ('prijs: true'): noem de 'prijsformule'" in out
    assert "Advies en expertise heeft een prijscriterium: geef de inschrijfprijs in 'inschrijfprijs'" in out
    edit_spec(twente / "dossier.yaml", "      gelijke_score: |", "      prijsformule: relatief\n      gelijke_score: |")
    # every bid 100.000: the formula gives each the full 25 points, so the example's lower scores are refused
    text = (twente / "besluiten.yaml").read_text(encoding="utf-8")
    text = text.replace("      - deelsegment: advies-en-expertise\n",
                        "      - deelsegment: advies-en-expertise\n        inschrijfprijs: 100000.00\n")
    (twente / "besluiten.yaml").write_text(text, encoding="utf-8")
    out = _refused(twente)
    assert re.search(r"besluiten\.yaml:\d+:\d+: besluiten\[\d+\]\.uitkomsten\[\d+\]\.scores\.samenwerking: volgens de "
                     r"prijsformule geeft een inschrijfprijs van 100\.000,00 25,00 punten op 'Prijs'", out), out


def test_a_procedure_that_does_not_fit_the_inkoopvorm_is_refused(twente: Path) -> None:
    edit_spec(twente / "segmenten" / "wonen.yaml",
              "      wordt: toelatingsprocedure-met-voorwaarden\n      procedure: toelating\n",
              "      wordt: open-house\n      procedure: aanbesteding-verlicht-regime\n")
    out = _refused(twente)
    assert re.search(r"segmenten/wonen\.yaml:\d+:\d+: deelsegmenten\[0\]\.inkoopvorm\.procedure: "
                     r"'aanbesteding-verlicht-regime' past niet bij 'wordt: open-house'; schrijf 'procedure: toelating'",
                     out), out


def test_the_procedure_field_is_what_the_bestek_prints(twente: Path) -> None:
    from dossier.context import bestek

    percelen = bestek.context(dossier.load(twente), "ambulant")["percelen"]
    assert [p["procedure"] for p in percelen] == ["Toelating (buiten de Aanbestedingswet)"] * 2 + [
        "Aanbesteden, verlicht regime (sociale en andere specifieke diensten)"] * 2


def test_an_unknown_bestekdeel_is_refused_with_the_parts_to_choose_from(twente: Path) -> None:
    edit_spec(twente / "segmenten" / "ambulant.yaml", "    bestekdeel: overeenkomst\n", "    bestekdeel: tarieven\n")
    out = _refused(twente)
    assert re.search(r"segmenten/ambulant\.yaml:\d+:\d+: secties\[2\]\.bestekdeel: 'tarieven' is geen geldige "
                     r"waarde\. Kies uit: aanbestedende-diensten, procedure, .*, programma-van-eisen, overeenkomst, "
                     r"rechtsbescherming, bijlagen", out), out


# --- diff -------------------------------------------------------------------------------------------


def test_diff_reports_a_deadline_time_and_an_award_weight(tmp_path: Path) -> None:
    old = Path(shutil.copytree(TWENTE, tmp_path / "oud" / "twente-2025"))
    new = Path(shutil.copytree(TWENTE, tmp_path / "nieuw" / "twente-2025"))
    edit_spec(new / "dossier.yaml", '      tijd: !voorbeeld "12:00"\n      omschrijving: Uiterste moment voor het '
              'indienen', '      tijd: !voorbeeld "17:00"\n      omschrijving: Uiterste moment voor het indienen')
    segment = new / "segmenten" / "advies-en-expertise.yaml"
    edit_spec(segment, "          weging: 35\n", "          weging: 30\n")
    edit_spec(segment, "          weging: 25\n", "          weging: 30\n")
    result = run_cli("diff", str(old), str(new))
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert "tijd: 12:00 uur → 17:00 uur" in out, out
    assert "weging: 35 punten → 30 punten" in out and "weging: 25 punten → 30 punten" in out, out
    assert "Mijlpaal Sluiting inschrijving" in out
    assert "Gunningscriterium Aanpak van adviesvragen en doorlooptijd van het advies" in out


def test_diff_reports_a_section_moved_to_another_part(tmp_path: Path) -> None:
    old = Path(shutil.copytree(TWENTE, tmp_path / "oud" / "twente-2025"))
    new = Path(shutil.copytree(TWENTE, tmp_path / "nieuw" / "twente-2025"))
    edit_spec(new / "segmenten" / "ambulant.yaml", "    bestekdeel: gunning\n", "    bestekdeel: besluit\n")
    result = run_cli("diff", str(old), str(new))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "bestekdeel: Gunningscriteria en beoordeling → Besluit en opschortende termijn" in result.stdout, \
        result.stdout


def test_init_scaffold_fills_the_new_fields_and_builds(tmp_path: Path) -> None:
    assert run_cli("init", "leidraad", cwd=tmp_path, timeout=120).returncode == 0
    folder = tmp_path / "specs" / "leidraad"
    d = dossier.load(folder)
    assert d.spec.procedure is not None and d.spec.procedure.toelating is not None
    assert d.spec.overeenkomst is not None and d.spec.opdrachtgever.contactpersoon is not None
    assert any(m.tijd for m in d.spec.planning.mijlpalen)
    segment = d.segmenten["ambulant"]
    assert segment.secties[0].bestekdeel.value == "procedure"
    assert segment.deelsegmenten[0].inkoopvorm.procedure.value == "toelating"
    result = run_cli("build", str(folder), "--out", str(tmp_path / "out"), "--format", "docx", "--quiet",
                     cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "out" / "leidraad" / "overeenkomst" / "ambulant.docx").is_file()


# --- expressiveness ---------------------------------------------------------------------------------


def test_participation_for_a_whole_segment_and_the_letter_wording(twente: Path) -> None:
    from dossier.context import bestek, brief

    edit_spec(twente / "segmenten" / "crisishulp.yaml", "\ndeelsegmenten:\n",
              "\ndeelname:\n  uitzonderingen:\n    - gemeente: borne\n      deelname: niet\n"
              "      toelichting: Borne koopt crisishulp lokaal in.\n\ndeelsegmenten:\n")
    assert run_cli("validate", str(twente)).returncode == 0
    d = dossier.load(twente)
    letter = brief.deelname(d, "borne")
    assert letter["intro"] == ("Borne neemt deel aan de regionale inkoop van de segmenten Ambulant, Advies en "
                               "expertise, Wonen en Verblijf, met alle deelsegmenten. Aan het segment Crisishulp "
                               "neemt Borne niet deel:")
    assert [u["zin"] for u in letter["uitzonderingen"]] == [
        "Het segment Crisishulp wordt voor Borne niet regionaal ingekocht."]
    ctx = bestek.context(d, "crisishulp")
    assert all("Borne niet" in p["deelnemers"] for p in ctx["percelen"])
    # a deelsegment with its own participation keeps it
    edit_spec(twente / "segmenten" / "crisishulp.yaml", "    raming: !voorbeeld 22000000.00\n",
              "    raming: !voorbeeld 22000000.00\n    deelname: {}\n")
    percelen = bestek.context(dossier.load(twente), "crisishulp")["percelen"]
    assert [p["deelnemers"] for p in percelen] == ["13 gemeenten (Borne niet)", "alle 14 gemeenten"]


def test_doorlopende_inschrijving_is_explained_for_both_values(twente: Path) -> None:
    from dossier.context import bestek

    wonen = bestek.context(dossier.load(twente), "wonen")
    # the sentence cites the numbered paragraphs on reopening that follow it
    paragrafen = [r["nr"] for r in wonen["toelating"]]
    assert paragrafen and all(p.count(".") == 2 for p in paragrafen)
    assert wonen["inschrijving"].startswith("Er is geen doorlopende inschrijving: na de sluiting van de inschrijving "
                                            "kan een aanbieder geen toelating meer aanvragen, behalve als de "
                                            "toelating opnieuw wordt opengesteld zoals beschreven in ")
    assert wonen["inschrijving"].endswith(f"{paragrafen[-1]}.")
    assert "aanbesteed" not in wonen["inschrijving"]
    crisis = bestek.context(dossier.load(twente), "crisishulp")
    assert not crisis["toelating"]
    assert crisis["inschrijving"] == ("Er is geen doorlopende inschrijving: een aanbesteed perceel gaat tijdens de "
                                      "looptijd niet opnieuw open; na de sluiting van de inschrijving kan er niet "
                                      "meer worden ingeschreven.")
    edit_spec(twente / "dossier.yaml", "doorlopende_inschrijving: false", "doorlopende_inschrijving: true")
    assert bestek.context(dossier.load(twente), "wonen")["inschrijving"].startswith("Er is doorlopende inschrijving")
    assert bestek.context(dossier.load(twente), "crisishulp")["inschrijving"].startswith(
        "De doorlopende inschrijving van deze inkoop geldt alleen voor percelen met toelating")


def test_the_gestanddoeningstermijn_binds_bids_on_tendered_percelen_only(twente: Path) -> None:
    from dossier.context import bestek

    d = dossier.load(twente)
    assert bestek.context(d, "wonen")["gestanddoening"] == ""
    assert bestek.context(d, "crisishulp")["gestanddoening"] == (
        "Een inschrijving blijft 180 kalenderdagen na de sluiting van de inschrijving geldig (gestanddoeningstermijn).")


def test_a_per_etmaal_tariff_under_outputgericht_is_accepted(twente: Path) -> None:
    segment = twente / "segmenten" / "ambulant.yaml"
    text = segment.read_text(encoding="utf-8")
    assert "eenheid: stuk\n" in text and "vast-tarief-per-traject" in text
    edit_spec(segment, "eenheid: stuk\n", "eenheid: etmaal\n")
    result = run_cli("validate", str(twente))
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_lump_sum_per_provider_adds_up_and_reaches_the_overeenkomst(twente: Path) -> None:
    from dossier.context import bestek, overeenkomst

    segment = twente / "segmenten" / "crisishulp.yaml"
    edit_spec(segment, "                twentevelden-jggz: !voorbeeld 1380000.00\n",
              "                twentevelden-jggz: !voorbeeld 1000000.00\n")
    out = _refused(twente)
    assert re.search(r"segmenten/crisishulp\.yaml:\d+:\d+: deelsegmenten\[0\]\.verbijzonderingen\[0\]\.bekostiging\."
                     r"tarieven\[0\]\.bedrag: de bedragen per aanbieder tellen op tot 1\.000\.000,00, niet tot 'bedrag' "
                     r"\(1\.380\.000,00\)", out), out
    edit_spec(segment, "                twentevelden-jggz: !voorbeeld 1000000.00\n",
              "                twentevelden-jggz: !voorbeeld 1000000.00\n                noaberschap-expertise: 380000.00\n")
    assert run_cli("validate", str(twente)).returncode == 0
    d = dossier.load(twente)
    artikelen = overeenkomst.context(d, "crisishulp")["artikelen"]
    tarieven = next(a["tekst"] for a in artikelen if a["titel"] == "Tarieven en indexatie")
    assert "€\xa01.380.000,00 per jaar in totaal; per aanbieder: " in tarieven
    assert "Expertisebureau Noaberschap B.V. €\xa0380.000,00" in tarieven
    rows = bestek.context(d, "crisishulp")["tarieven"]
    assert any(r["eenheid"].startswith("per jaar (totaal; het bedrag per aanbieder staat in de overeenkomst)")
               for r in rows)


def test_a_unit_that_does_not_fit_the_funding_is_refused(twente: Path) -> None:
    segment = twente / "segmenten" / "ambulant.yaml"
    edit_spec(segment, "eenheid: uur\n", "eenheid: etmaal\n")
    out = _refused(twente)
    assert re.search(r"segmenten/ambulant\.yaml:\d+:\d+: deelsegmenten\[0\]\.bekostiging: tarief '[a-z-]+': eenheid "
                     r"'etmaal' past niet bij bekostiging 'pq-bestede-tijd'; kies uit: minuut, uur, dagdeel, "
                     r"stuk-inspanning", out), out
