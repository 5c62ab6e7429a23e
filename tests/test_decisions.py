"""Decision letters as a lawyer reads them (issue 12, items 1-3 and the salutation of item 8).

The standstill end date follows the Algemene termijnenwet; each outcome type (gunning won, gunning
lost, toelating granted, toelating refused) has its own remedies with the court and the complaints
desk by name and the buying body's contact details; each letter and decision shows its own date.
The documents are read as the recipient reads them: the PDF through pdftotext, the DOCX through
python-docx.
"""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from docx import Document as open_docx

from conftest import REPO, ROOTS, TWENTE, edit_spec, load_yaml, needs_soffice, pdf_text, run_cli

from dossier.context import termijnen
from dossier.context.besluit import aanhef, standstill_einde
from dossier.spec.model import Besluit

ZHZ = REPO / "specs" / "zhz-2022"

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]


def _parse(text: str) -> date:
    day, month, year = text.split()
    return date(int(year), MONTHS.index(month) + 1, int(day))


def _nl(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# --- item 1: Algemene termijnenwet ---------------------------------------------------------------

# Easter Sunday, published dates (including the earliest and latest possible, 22 March and 25 April)
EASTER = {1818: date(1818, 3, 22), 1943: date(1943, 4, 25), 2008: date(2008, 3, 23), 2019: date(2019, 4, 21),
          2024: date(2024, 3, 31), 2025: date(2025, 4, 20), 2026: date(2026, 4, 5), 2038: date(2038, 4, 25),
          2285: date(2285, 3, 22)}


@pytest.mark.parametrize("year", sorted(EASTER))
def test_easter_by_the_gregorian_computus(year: int) -> None:
    assert termijnen.pasen(year) == EASTER[year]


@pytest.mark.parametrize(("year", "expected"), [
    # (Nieuwjaarsdag, 2e Paasdag, Hemelvaartsdag, 2e Pinksterdag, Koningsdag)
    (2024, ("2024-01-01", "2024-04-01", "2024-05-09", "2024-05-20", "2024-04-27")),
    (2025, ("2025-01-01", "2025-04-21", "2025-05-29", "2025-06-09", "2025-04-26")),  # 27 April a Sunday
    (2026, ("2026-01-01", "2026-04-06", "2026-05-14", "2026-05-25", "2026-04-27")),
    (2014, ("2014-01-01", "2014-04-21", "2014-05-29", "2014-06-09", "2014-04-26")),  # 27 April a Sunday
])
def test_holidays_for_any_year(year: int, expected: tuple[str, ...]) -> None:
    holidays = termijnen.feestdagen(year)
    names = ["Nieuwjaarsdag", "tweede Paasdag", "Hemelvaartsdag", "tweede Pinksterdag", "Koningsdag"]
    for name, day in zip(names, expected):
        assert holidays[date.fromisoformat(day)] == name
    assert holidays[date(year, 5, 5)] == "5 mei"
    assert holidays[date(year, 12, 25)] == "eerste Kerstdag"
    assert holidays[date(year, 12, 26)] == "tweede Kerstdag"
    assert len(holidays) == 8
    assert date(year, 4, 27) in holidays or date(year, 4, 27).weekday() == 6


def _besluit(verzonden: date) -> Besluit:
    return Besluit(aanbieder="x", kenmerk="k", verzonden=verzonden,
                   uitkomsten=[{"deelsegment": "d", "uitkomst": "gegund"}])


def _ending_on(day: date) -> Besluit:
    """A decision whose 20th calendar day after dispatch is `day`."""
    return _besluit(day - timedelta(days=20))


@pytest.mark.parametrize(("last_day", "expected"), [
    # every weekday of an ordinary week (3-9 March 2025): Monday to Friday stay, the weekend moves on
    ("2025-03-03", "2025-03-03"), ("2025-03-04", "2025-03-04"), ("2025-03-05", "2025-03-05"),
    ("2025-03-06", "2025-03-06"), ("2025-03-07", "2025-03-07"), ("2025-03-08", "2025-03-10"),
    ("2025-03-09", "2025-03-10"),
    # the example's case: Sunday 6 October 2024
    ("2024-10-06", "2024-10-07"),
    # Nieuwjaarsdag (Wednesday 2025) and a New Year's Day on a Saturday (2022: to Monday 3 January)
    ("2025-01-01", "2025-01-02"), ("2022-01-01", "2022-01-03"),
    # Easter: Saturday, Easter Sunday and Easter Monday all run to Tuesday; Good Friday is no holiday
    ("2025-04-19", "2025-04-22"), ("2025-04-20", "2025-04-22"), ("2025-04-21", "2025-04-22"),
    ("2025-04-18", "2025-04-18"), ("2024-04-01", "2024-04-02"),
    # 2038: Easter Monday 26 April is followed by Koningsdag (Tuesday 27 April) → Wednesday
    ("2038-04-26", "2038-04-28"),
    # Hemelvaartsdag (a Thursday) → Friday
    ("2025-05-29", "2025-05-30"), ("2024-05-09", "2024-05-10"), ("2026-05-14", "2026-05-15"),
    # Pinksteren: Saturday, Whit Sunday and Whit Monday → Tuesday
    ("2025-06-07", "2025-06-10"), ("2025-06-09", "2025-06-10"), ("2024-05-20", "2024-05-21"),
    # Koningsdag: Saturday 26 April 2025 (27 April is a Sunday) → Monday 28 April; 27 April 2026 (Monday)
    # → Tuesday; 27 April 2024 (Saturday) → Monday 29 April; 27 April 2023 (Thursday) → Friday
    ("2025-04-26", "2025-04-28"), ("2025-04-27", "2025-04-28"), ("2026-04-27", "2026-04-28"),
    ("2024-04-27", "2024-04-29"), ("2023-04-27", "2023-04-28"), ("2014-04-26", "2014-04-28"),
    # 5 mei: Monday 2025 → Tuesday; in 2024 a Sunday → Monday 6 May
    ("2025-05-05", "2025-05-06"), ("2024-05-05", "2024-05-06"),
    # Christmas: Thursday and Friday 2025 → Monday 29 December; 2026 Friday, Saturday → Monday 28
    ("2025-12-25", "2025-12-29"), ("2025-12-26", "2025-12-29"), ("2026-12-25", "2026-12-28"),
    # the days after a holiday stay
    ("2025-12-24", "2025-12-24"), ("2025-05-06", "2025-05-06"),
])
def test_standstill_end_under_the_algemene_termijnenwet(last_day: str, expected: str) -> None:
    day = date.fromisoformat(last_day)
    end = standstill_einde(_ending_on(day), 20)
    assert end == date.fromisoformat(expected)
    assert termijnen.reden(end) is None
    assert standstill_einde(_ending_on(day), 20, termijnenwet=False) == day


def test_every_day_of_several_years_ends_on_a_working_day() -> None:
    for year in (2021, 2024, 2025, 2026, 2030):
        holidays = termijnen.feestdagen(year) | termijnen.feestdagen(year + 1)
        day = date(year, 1, 1)
        while day.year == year:
            end = standstill_einde(_ending_on(day), 20)
            assert end >= day and end.weekday() < 5 and end not in holidays, day
            # the next working day: no working day lies between the last calendar day and the end
            between = [day + timedelta(days=i) for i in range((end - day).days)]
            assert all(d.weekday() >= 5 or d in holidays for d in between), day
            day += timedelta(days=1)


# --- the example dossier: every generated besluit names a working day --------------------------------

@pytest.fixture(scope="module")
def twente_besluiten(example_builds: Path) -> Path:
    """The besluiten of the example dossier, as built once for the session."""
    return example_builds / "twente-2025" / "besluit"


def pdf_words(path: Path) -> str:
    return re.sub(r"\s+", " ", pdf_text(path))


@needs_soffice
def test_every_besluit_of_the_example_names_a_working_day(twente_besluiten: Path) -> None:
    data = load_yaml(TWENTE / "besluiten.yaml")
    tendered = 0
    for besluit in data["besluiten"]:
        text = pdf_words(twente_besluiten / f"{besluit['aanbieder']}.pdf")
        ends = re.findall(r"eindigt op (\d+ \w+ \d{4})", text)
        if not any(u["uitkomst"] in ("gegund", "niet-gegund") for u in besluit["uitkomsten"]):
            assert not ends and "Opschortende termijn" not in text
            continue
        tendered += 1
        assert ends, besluit["aanbieder"]
        for end in ends:
            day = _parse(end)
            assert day.weekday() < 5 and day not in termijnen.feestdagen(day.year), (besluit["aanbieder"], end)
        assert "eindigt op 6 oktober 2024" not in text
        # the Sunday is named only together with the reason the period runs on
        assert "6 oktober 2024, is een zondag; volgens de Algemene termijnenwet" in text
        assert "tot en met 7 oktober 2024 een kort geding" in text
    assert tendered >= 5


def test_termijnenwet_can_be_turned_off(minimaal: Path) -> None:
    from dossier.context.besluit import context
    from dossier.spec import load

    path = minimaal / "besluiten.yaml"
    # 2025-05-16 + 20 days = Thursday 5 June… choose a dispatch date whose 20th day is Sunday 6 July 2025
    path.write_text(path.read_text().replace("verzonden: 2025-06-12", "verzonden: 2025-06-16"))
    d = load(minimaal)
    b = next(b for b in d.besluiten.besluiten if b.aanbieder == "taalkracht")
    ctx = context(d, b)
    assert ctx["standstill"]["einde"] == "7 juli 2025"
    assert "6 juli 2025, is een zondag" in ctx["standstill"]["toelichting"]
    path.write_text("termijnenwet: false\n" + path.read_text())
    d = load(minimaal)
    ctx = context(d, next(b for b in d.besluiten.besluiten if b.aanbieder == "taalkracht"))
    assert ctx["standstill"]["einde"] == "6 juli 2025"
    assert "Die dag is een zondag" in ctx["standstill"]["toelichting"]


# --- item 2: remedies per outcome type -------------------------------------------------------------

WON = "Iedere inschrijver die het niet eens is met deze gunningsbeslissing"
LOST = "Deze termijn is een vervaltermijn"
GRANTED = "voldoet aan alle eisen waaraan wij haar hebben getoetst. U bent toegelaten."
REFUSED = "tegen de afwijzing staat geen bezwaar of beroep open"
SENTENCES = {"gegund": WON, "niet-gegund": LOST, "toegelaten": GRANTED, "afgewezen": REFUSED}

CONTACT = ("Postbus 100", "6800 AA", "inkoop@proefregio.nl", "026 123 45 67")


@pytest.fixture(scope="module")
def four_types(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal dossier with one decision per outcome type (a refusal added), the buying body's
    contact details, a complaints desk, an own salutation, built to PDF."""
    base = tmp_path_factory.mktemp("vier")
    root = base / "minimaal"
    shutil.copytree(ROOTS / "minimaal", root)
    dossier = root / "dossier.yaml"
    edit_spec(dossier, "  naam: Serviceorganisatie Jeugd Proefregio\n", (
        "  naam: Serviceorganisatie Jeugd Proefregio\n"
        "  adres: {straat: Postbus 100, postcode: 6800 AA, plaats: Arnhem}\n"
        "  email: inkoop@proefregio.nl\n  telefoon: 026 123 45 67\n"))
    aanbieders = root / "aanbieders.yaml"
    aanbieders.write_text(aanbieders.read_text() + (
        "  de-bruggen:\n    naam: Jeugdhulp De Bruggen B.V.\n    kvk: '87654321'\n"
        "    adres: {straat: Brugweg 1, postcode: 6811 AA, plaats: Arnhem}\n"
        "    contactpersoon: de heer en mevrouw Bruggink\n    email: info@debruggen.nl\n"))
    besluiten = root / "besluiten.yaml"
    besluiten.write_text(besluiten.read_text().replace("rechtbank: Rechtbank Gelderland\n", (
        "rechtbank: Rechtbank Gelderland\n"
        "klachtenmeldpunt: {naam: Klachtenmeldpunt Proefregio, email: klachten@proefregio.nl, "
        "telefoon: 026 765 43 21}\n")) + (
        "  - aanbieder: de-bruggen\n    kenmerk: PR-2025-004\n    verzonden: 2025-06-03\n"
        "    aanhef: Geachte heer en mevrouw Bruggink,\n"
        "    uitkomsten:\n      - deelsegment: begeleiding\n        uitkomst: afgewezen\n"
        "        niet_voldaan: [KIT-I-01]\n        gronden: Het Bibob-formulier was onvolledig.\n"))
    result = run_cli("build", str(root), "--out", str(base / "out"), "--only", "besluit", "--quiet", timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "out" / "minimaal" / "besluit"


@needs_soffice
@pytest.mark.parametrize(("key", "kind"), [("lettersprong", "gegund"), ("taalkracht", "niet-gegund"),
                                           ("de-horst", "toegelaten"), ("de-bruggen", "afgewezen")])
def test_remedies_per_outcome_type(four_types: Path, key: str, kind: str) -> None:
    text = pdf_words(four_types / f"{key}.pdf")
    assert SENTENCES[kind] in text
    for other, sentence in SENTENCES.items():
        if other != kind:
            assert sentence not in text, (kind, other)
    assert "Bezwaar" not in text and "bevoegde rechtbank" not in text
    assert "Vervolg en rechtsmiddelen" in text
    for item in CONTACT:
        assert item in text, (kind, item)
    if kind == "gegund":
        assert ("een kort geding aanhangig maken bij de voorzieningenrechter van de Rechtbank Gelderland" in text)
        assert "U heeft zich ingeschreven" in text and "aanvraag tot toelating" not in text
    if kind == "niet-gegund":
        assert ("Bent u het niet eens met de beslissing om Ernstige Dyslexie niet aan u te gunnen, dan kunt u tot en met "
                "2 juli 2025 een kort geding aanhangig maken bij de voorzieningenrechter van de Rechtbank "
                "Gelderland.") in text
        assert "sluiten wij de overeenkomst niet voordat de voorzieningenrechter uitspraak heeft gedaan" in text
    if kind in ("gegund", "niet-gegund"):
        assert "Opschortende termijn" in text and "eindigt op 2 juli 2025" in text
        assert "Klachtenmeldpunt Proefregio" not in text
    else:
        assert "Opschortende termijn" not in text and "opschortende" not in text and "eindigt op" not in text
        assert "U heeft een aanvraag tot toelating gedaan" in text and "inschrijving" not in text
    if kind == "toegelaten":
        assert "U ontvangt binnen twee weken de overeenkomst ter ondertekening." in text
        assert "Een geschil over deze toelating kunt u voorleggen aan de civiele rechter: de Rechtbank Gelderland." \
            in text
        assert "kort geding" not in text  # no standstill, no summary proceedings against an admission
    if kind == "afgewezen":
        assert ("Uw aanvraag tot toelating voor Begeleiding is afgewezen, omdat zij niet voldoet aan KIT-I-01 "
                "(Bestek Ambulant, hoofdstuk Kwaliteits- en Integriteitsinstrument Proefregio (KIP)).") in text
        assert "Vindplaats: Bestek Ambulant, hoofdstuk Kwaliteits- en Integriteitsinstrument Proefregio (KIP), " \
               "eis KIT-I-01." in text
        assert "Er zijn geen andere eisen getoetst." in text  # the minimal segment has one requirement
        assert "U kunt opnieuw een aanvraag tot toelating doen wanneer de toelating weer opengaat" in text
        assert "civiele rechter: de Rechtbank Gelderland" in text
        assert "Klachtenmeldpunt Proefregio" in text and "klachten@proefregio.nl" in text
        assert "026 765 43 21" in text
        assert "Geachte heer en mevrouw Bruggink," in text


def test_remedies_are_required_by_the_spec(minimaal: Path) -> None:
    path = minimaal / "besluiten.yaml"
    original = path.read_text()
    path.write_text(original.replace("rechtbank: Rechtbank Gelderland\n", "rechtsmiddelen: Zie hierboven.\n"))
    result = run_cli("validate", str(minimaal))
    assert result.returncode == 1
    assert "besluiten noemen in 'rechtbank' de rechtbank voor een kort geding" in result.stderr
    path.write_text(original.replace("na_toelating: U ontvangt", "rechtsmiddelen: U ontvangt"))
    result = run_cli("validate", str(minimaal))
    assert "een toelating zegt wat er daarna gebeurt: beschrijf dat in 'na_toelating'" in result.stderr
    path.write_text(original.replace("uitkomst: toegelaten", "uitkomst: afgewezen\n        niet_voldaan: "
                                     "[KIT-I-01]\n        gronden: Onvolledig."))
    result = run_cli("validate", str(minimaal))
    assert "een afgewezen aanvraag noemt waar de aanbieder met een klacht terechtkan: 'klachtenmeldpunt'" \
        in result.stderr


def test_a_rejection_says_when_to_apply_again(minimaal: Path) -> None:
    besluiten = minimaal / "besluiten.yaml"
    edit_spec(besluiten, "rechtbank: Rechtbank Gelderland\n",
              "rechtbank: Rechtbank Gelderland\nklachtenmeldpunt: {naam: Meldpunt, email: m@proefregio.nl}\n")
    edit_spec(besluiten, "uitkomst: toegelaten",
              "uitkomst: afgewezen\n        niet_voldaan: [KIT-I-01]\n        gronden: Onvolledig.")
    segment = minimaal / "segmenten" / "ambulant.yaml"
    text = segment.read_text()
    heropening = "      heropening: De toelating gaat weer open als wachttijden langer dan acht weken worden.\n"
    assert heropening in text
    segment.write_text(text.replace(heropening, "").replace("wordt: toelatingsprocedure-met-voorwaarden",
                                                             "wordt: open-house"))
    result = run_cli("validate", str(minimaal))
    assert result.returncode == 1
    assert ("een afwijzing zegt wanneer de aanvrager opnieuw kan aanvragen: geef Begeleiding een 'heropening' in "
            "de inkoopvorm, of zet 'doorlopende_inschrijving' in dossier.yaml") in result.stderr
    dossier = minimaal / "dossier.yaml"
    dossier.write_text(dossier.read_text() + "doorlopende_inschrijving: true\n")
    result = run_cli("validate", str(minimaal))
    assert result.returncode == 0, result.stdout


# --- item 3 and the salutation: each letter's own date ---------------------------------------------

def _footers(path: Path) -> str:
    doc = open_docx(str(path))
    parts = []
    for section in doc.sections:
        for footer in (section.footer, section.first_page_footer):
            parts.extend(p.text for p in footer.paragraphs)
    return " ".join(parts)


@pytest.fixture(scope="module")
def letters(example_builds: Path) -> dict[str, Path]:
    """Both example dossiers as built once for the session (their DOCX files are read)."""
    return {"twente-2025": example_builds / "twente-2025", "zhz-2022": example_builds / "zhz-2022"}


@pytest.mark.parametrize("spec", [TWENTE, ZHZ], ids=["twente-2025", "zhz-2022"])
def test_every_letter_and_decision_shows_its_own_date(letters: dict[str, Path], spec: Path) -> None:
    folder = letters[spec.name]
    dossier_date = _nl(load_yaml(spec / "dossier.yaml")["datum"])
    besluiten = load_yaml(spec / "besluiten.yaml")["besluiten"]
    brieven = load_yaml(spec / "brieven.yaml")["brieven"]
    checked = 0
    for besluit in besluiten:
        path = folder / "besluit" / f"{besluit['aanbieder']}.docx"
        own = _nl(besluit["verzonden"])
        doc = open_docx(str(path))
        cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
        assert own in cells[cells.index("Datum van verzending") + 1]
        footer = _footers(path)
        assert own in footer, (path.name, footer)
        if own != dossier_date:
            assert dossier_date not in footer
        checked += 1
    for brief in brieven:
        own = _nl(brief["datum"])
        paths = (sorted((folder / "raadsbrief").glob("*.docx")) if brief["soort"] == "raadsbrief"
                 else [folder / "collegebrief" / f"{brief['id']}.docx"])
        assert paths
        for path in paths:
            doc = open_docx(str(path))
            cells = [c.text.strip() for t in doc.tables for row in t.rows for c in row.cells]
            assert own in cells, path.name  # the date line
            footer = _footers(path)
            assert f"Brief van {own}" in footer, (path.name, footer)
            if own != dossier_date:
                assert dossier_date not in footer
            checked += 1
    assert checked > len(besluiten)


@needs_soffice
def test_a_refusal_in_the_example_says_the_other_requirements_were_met(twente_besluiten: Path) -> None:
    text = pdf_words(twente_besluiten / "zorgbureau-snelstart.pdf")
    assert ("Uw aanvraag tot toelating voor Begeleiding is afgewezen, omdat zij niet voldoet aan KIT-I-01 (Bestek "
            "Ambulant, hoofdstuk Kwaliteits- en Integriteitsinstrument Twente (KIT)). Aan de overige eisen "
            "(KIT-I-02, KIT-I-03,") in text
    assert "U heeft een aanvraag tot toelating gedaan" in text and "uw inschrijving" not in text.lower()
    assert "Klachtenmeldpunt Inkoop OZJT" in text and "civiele rechter: de Rechtbank Overijssel" in text
    assert "Opschortende termijn" not in text and "Bezwaar" not in text


@needs_soffice
def test_relative_advantages_only_where_the_number_of_winners_is_limited(twente_besluiten: Path) -> None:
    """Art. 2.130 Aw asks for the relative advantages of the chosen tender; where every tender above the
    threshold wins (Ernstige Dyslexie), nothing was preferred, so the letter names characteristics only."""
    unlimited = pdf_words(twente_besluiten / "leescentrum-boekelo.pdf")
    assert "Kenmerken van de gegunde inschrijvingen" in unlimited
    assert "relatieve voordelen" not in unlimited
    both = pdf_words(twente_besluiten / "opgroeipunt-regge.pdf")  # dyslexie won, Advies en expertise (max. 3) lost
    assert "Kenmerken van de gegunde inschrijvingen" in both
    assert "Kenmerken en relatieve voordelen van de winnende inschrijving" in both


@needs_soffice
def test_decision_pdf_footer_shows_its_own_date_not_the_dossiers(twente_besluiten: Path) -> None:
    text = pdf_words(twente_besluiten / "zorgbureau-snelstart.pdf")
    assert "versie 1.0 (concept) · 27 september 2024 · pagina 1 van" in text
    assert "8 februari 2024" not in text


@pytest.mark.parametrize(("contactpersoon", "expected"), [
    ("de heer B. Jansen", "Geachte heer Jansen,"),
    ("mevrouw A. de Vries", "Geachte mevrouw De Vries,"),
    ("de heer P.A. ten Hove", "Geachte heer Ten Hove,"),
    ("mevrouw J.H. Dijkhuis-Nijland", "Geachte mevrouw Dijkhuis-Nijland,"),
    ("de heer en mevrouw Jansen", "Geachte heer en mevrouw Jansen,"),
    ("De heer en mevrouw A. en B. Jansen", "Geachte heer en mevrouw Jansen,"),
    ("mevrouw en de heer Smit", "Geachte mevrouw en heer Smit,"),
])
def test_salutation(contactpersoon: str, expected: str) -> None:
    assert aanhef(contactpersoon) == expected
    assert " En " not in aanhef(contactpersoon)
