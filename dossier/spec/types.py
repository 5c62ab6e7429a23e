"""Field types shared by the spec models: text, keys, ids, amounts and the domain's code lists."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict, WithJsonSchema

from ..i18n import _, number
from .examples import READING

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff\ufffe\uffff]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Direction overrides and isolates: they make text read in another order than it is shown."""
_UNSHOWABLE = re.compile("[\U00010000-\U0010ffff\ufe00-\ufe0f\ue000-\uf8ff\u20e3]")
"""What the document fonts (Liberation Sans; DejaVu Sans in `zhz`) and their fallbacks cannot show, so the PDF would have an
empty box: emoji and everything else outside the Basic Multilingual Plane, emoji variation
selectors, the keycap mark and private-use characters."""

MAX_TEKST = 1_000
"""Characters in one line of text (a name, a title); the longest in the example dossiers is about 230."""
MAX_MARKDOWN = 100_000
"""Characters in one Markdown field (about 30 pages); the longest in the example dossiers is 8,500."""
MAX_NESTING = 20
"""Levels of lists and quotes (and of indentation, two spaces a level) in a Markdown field."""
MAX_OPEN_BRACKETS = 50
"""'[' and '](' still open in one paragraph: each makes the Markdown parser read the rest of it."""
MAX_MARKDOWN_DEPTH = 100
"""Nesting of the parsed Markdown (lists, quotes, emphasis) that the document writer handles."""
FIRST_YEAR, LAST_YEAR = 1900, 2199


def visible(text: str) -> str:
    """`text` with invisible and direction characters shown as <U+200B>, so a message shows them."""
    return "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) in ("Cc", "Cf", "Co", "Cn", "Zl", "Zp")
                   or (unicodedata.category(c) == "Zs" and c != " ") else c for c in text)


def _shown(char: str) -> str:
    """A character as a message shows it: itself, or <U+FE0F> when it has no shape of its own."""
    return f"<U+{ord(char):04X}>" if unicodedata.category(char) in ("Mn", "Me", "Cf", "Co", "Cn") else char


def _clean_text(value: str, limit: int = MAX_TEKST) -> str:
    match = _CONTROL.search(value)
    if match:
        raise ValueError(_("contains an invisible control character (U+{code}) at position {position}; "
                           "remove it").format(code=f"{ord(match.group()):04X}", position=match.start() + 1))
    match = _BIDI.search(value)
    if match:
        raise ValueError(_("contains a direction control character (U+{code}) at position {position}, which "
                           "makes the text read differently from how it is shown; remove it").format(
                               code=f"{ord(match.group()):04X}", position=match.start() + 1))
    match = _UNSHOWABLE.search(value)
    if match:
        raise ValueError(_("contains the character '{char}' (U+{code}) at position {position}, which the PDF font "
                           "cannot show (it would be an empty box); remove it or write it in words").format(
                               char=_shown(match.group()), code=f"{ord(match.group()):04X}",
                               position=match.start() + 1))
    if len(value) > limit:
        raise ValueError(_("is too long ({length} characters; at most {limit})").format(
            length=number(len(value), "#,##0"), limit=number(limit, "#,##0")))
    value = unicodedata.normalize("NFC", value.strip())
    if not value:
        raise ValueError(_("may not be empty"))
    return value


def _clean_markdown(value: str) -> str:
    value = _clean_text(value, MAX_MARKDOWN)
    problem = _markdown_shape(value)
    if problem:
        raise ValueError(problem)
    return value


_CONTAINER = re.compile(r" {0,3}(>|[-*+](?=\s|$)|[0-9]{1,9}[.)](?=\s|$))\s?")


def _markdown_shape(text: str) -> str | None:
    """Why the Markdown `text` nests too deep to be written into a document, or None.

    Measured on the text (cheap, linear), so that the parser is only asked what it can answer within
    bounds: lists and quotes per line, brackets left open per paragraph, and, when the text has enough
    '*' and '_' to nest deeper than the writer goes, the depth of the parsed tree."""
    open_brackets = 0
    for number_, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            open_brackets = 0  # a paragraph ends at a blank line, and the parser's search with it
            continue
        expanded = line.expandtabs(4)
        rest = expanded.lstrip(" ")
        level = (len(expanded) - len(rest)) // 2
        while True:
            marker = _CONTAINER.match(rest)
            if not marker or not marker.group(0):
                break
            level += 1
            rest = rest[marker.end():]
        if level > MAX_NESTING:
            return _("line {line} of the text is nested {level} levels deep (lists, quotes or indentation); at most {limit}: "
                     "indent less or split the list").format(line=number_, level=level, limit=MAX_NESTING)
        previous = ""
        for char in line:
            if char == "[" and previous != "\\":
                open_brackets += 1
            elif char == "(" and previous == "]":
                open_brackets += 1
            elif char in "])" and open_brackets and previous != "\\":
                open_brackets -= 1
            previous = char
            if open_brackets > MAX_OPEN_BRACKETS:
                return _("line {line} of the text: more than {limit} brackets '[' or links '](' are open in one paragraph; "
                         "close them with ']' or ')', or write a bracket that is text as '\\['").format(
                             line=number_, limit=MAX_OPEN_BRACKETS)
    if text.count("*") + text.count("_") > MAX_MARKDOWN_DEPTH:
        from .markdown import markdown_depth  # the parser of the documents decides

        if markdown_depth(text) > MAX_MARKDOWN_DEPTH:
            return _("bold and italic ('*' and '_') are nested more than {limit} levels deep; close each '*' or '_' "
                     "before opening the next, or write a '*' that is text as '\\*'").format(limit=MAX_MARKDOWN_DEPTH)
    return None


def _date_in_range(value: date) -> date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(_("{date} is not between {first} and {last}; check the year").format(
            date=value.isoformat(), first=FIRST_YEAR, last=LAST_YEAR))
    return value


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


Tekst = Annotated[str, AfterValidator(_clean_text),
                  Field(json_schema_extra={"minLength": 1, "maxLength": MAX_TEKST})]
"""One line or paragraph of plain text."""

Markdown = Annotated[
    str,
    AfterValidator(_clean_markdown),
    Field(json_schema_extra={"contentMediaType": "text/markdown", "minLength": 1, "maxLength": MAX_MARKDOWN}),
]
"""Text with Markdown: paragraphs, lists, **vet**, *cursief*, [links](https://…) and tabellen."""

Datum = Annotated[date, AfterValidator(_date_in_range),
                  Field(json_schema_extra={"formatMinimum": f"{FIRST_YEAR}-01-01",
                                           "formatMaximum": f"{LAST_YEAR}-12-31"})]
"""A date written as YYYY-MM-DD, between 1900 and 2199 (so every date computed from it exists too)."""

Sleutel = Annotated[
    str,
    Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=1, max_length=60),
]
"""A key written once and referenced elsewhere: small letters, digits and '-' (e.g. `hof-van-twente`)."""

KitId = Annotated[str, Field(pattern=r"^KIT-[A-Z]-[0-9]{2}$")]
"""A KIT requirement id: `KIT-` + letter + `-` + two digits, e.g. `KIT-I-01`."""

Aantal = Annotated[int, Strict()]
"""A whole number written as a number: `true` or `20.0` is refused, not read as 1 or 20."""

Postcode = Annotated[str, Field(pattern=r"^[1-9][0-9]{3} ?[A-Z]{2}$")]
Email = Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")]
KvkNummer = Annotated[str, Field(pattern=r"^[0-9]{8}$")]
Kleur = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")]
BEDRAG_PATTERN = r"^\s*\+?0*([0-9]{1,10}(\.[0-9]{0,2}0*)?|\.[0-9]{1,2}0*)\s*$"
"""An amount written as text ('186.50'), as validation reads it: digits, a point, at most two decimals
(trailing zeros aside), at most ten digits before the point; no euro sign, comma or thousands separator.
Anchored at both ends, so that an editor refuses '€ 186,50' as `dossier validate` does."""
Bedrag = Annotated[
    Decimal,
    Field(ge=0, max_digits=12, decimal_places=2),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0, "maximum": 9_999_999_999.99},
                              {"type": "string", "pattern": BEDRAG_PATTERN}]}),
]
"""An amount in euros, e.g. `186.50` (a point, no euro sign, no thousands separator), at most two decimals."""
GETAL_PATTERN = r"^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)\s*$"
Getal = Annotated[Decimal, WithJsonSchema({"anyOf": [{"type": "number"},
                                                     {"type": "string", "pattern": GETAL_PATTERN}]})]
"""A number with decimals, e.g. `27.5` (points on a criterion); as text only digits, a sign and a point."""
Tijd = Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
"""A time of day written as UU:MM, e.g. `12:00`."""


_TITLES = {
    "id": "Id",
    "kvk": "KvK-nummer",
    "email": "E-mailadres",
    "telefoon": "Telefoonnummer",
    "risicos": "Risico's",
    "kpis": "KPI's",
    "kit": "KIT-eisen",
    "beeindiging": "Beëindiging",
    "was": "Was (in de vorige inkoop)",
    "wordt": "Wordt (in deze inkoop)",
    "van": "Van (begindatum)",
    "tot": "Tot (einddatum)",
    "standstill_dagen": "Opschortende termijn (dagen)",
    "max_aanbieders": "Maximaal aantal aanbieders",
    "per_aanbieder": "Bedrag per aanbieder",
    "alle_aanbieders": "Voor alle aanbieders",
    "niet_voldaan": "Niet voldaan aan",
    "verlenging_besluit": "Besluit over verlenging",
    "wijzigt_documenten": "Wijzigt de stukken",
    "termijnenwet": "Algemene termijnenwet toepassen",
    "na_gunning": "Na de gunning",
    "na_toelating": "Na de toelating",
    "uitvoeringsvariant": "Uitvoeringsvariant(en)",
    "revisie": "Git-revisie",
    "map": "Map met de eerdere versie",
    "vergelijk": "Vergelijken met",
    "slot": "Slotformule",
    "prijs": "Prijscriterium",
    "scores": "Punten per criterium",
    "verzonden": "Verzonden op",
    "kanaal": "Communicatiekanaal",
    "tijd": "Tijd (UU:MM)",
    "nummer": "Vraagnummer",
    "kleur": "Huiskleur",
    "inleveren": "In te leveren",
    "vorm": "Bekostigingsvorm",
}
"""Schema titles that are not the field name written as a Dutch phrase (see `title`)."""
_UNITS_IN_TITLE = {"dagen": "dagen", "maanden": "maanden", "procent": "%"}


def title(name: str) -> str:
    """The title of field `name` in the JSON Schema (what an editor shows): 'looptijd_maanden' →
    'Looptijd (maanden)', 'leidende_principes' → 'Leidende principes', or the title in _TITLES."""
    if name in _TITLES:
        return _TITLES[name]
    *words, last = name.split("_")
    if words and last in _UNITS_IN_TITLE:
        return f"{' '.join(words).capitalize()} ({_UNITS_IN_TITLE[last]})"
    return name.replace("_", " ").capitalize()


class Model(BaseModel):
    """Base of every spec model: unknown keys are errors, defaults are validated too; while a
    context is made, each field read is reported to `READING` (example values, `spec/examples.py`).

    The docstring under a field is its description in the JSON Schema and in docs/spec-format.md
    (Dutch: the reader writes the spec); its title comes from `title`, or from `Field(title=…)`."""

    model_config = ConfigDict(extra="forbid", validate_default=True, use_enum_values=False,
                              use_attribute_docstrings=True, field_title_generator=lambda name, _: title(name))

    def __getattribute__(self, name: str) -> Any:
        value = object.__getattribute__(self, name)
        if name[0] != "_":
            reads = READING.get()
            if reads is not None and name in type(self).model_fields:
                reads.read(self, name)
        return value


class Labeled(StrEnum):
    """An enum whose members have a Dutch label for the documents."""

    @property
    def label(self) -> str:
        return _LABELS[type(self), self.value]


class Status(Labeled):
    """De status van het dossier: 'concept' zolang het nog verandert, 'definitief' als het is vastgesteld."""

    CONCEPT = "concept"
    DEFINITIEF = "definitief"


class InkoopvormSoort(Labeled):
    """Hoe een deelsegment wordt ingekocht: open house, een toelatingsprocedure met voorwaarden, of
    aanbesteden (met of zonder een maximum aantal aanbieders)."""

    OPEN_HOUSE = "open-house"
    TOELATINGSPROCEDURE = "toelatingsprocedure-met-voorwaarden"
    AANBESTEDEN = "aanbesteden"
    AANBESTEDEN_BEPERKT = "aanbesteden-beperkt-aantal-aanbieders"

    @property
    def is_aanbesteden(self) -> bool:
        return self in (InkoopvormSoort.AANBESTEDEN, InkoopvormSoort.AANBESTEDEN_BEPERKT)


class Uitvoeringsvariant(Labeled):
    """De uitvoeringsvariant van het iJw-berichtenverkeer: inspanningsgericht (prijs per tijdseenheid of per
    stuk inspanning), outputgericht (prijs voor een afgesproken resultaat) of taakgericht (een bedrag voor een
    taak, zonder declaratie per cliënt)."""

    INSPANNINGSGERICHT = "inspanningsgericht"
    OUTPUTGERICHT = "outputgericht"
    TAAKGERICHT = "taakgericht"


class Bekostigingsvorm(Labeled):
    """Hoe een aanbieder betaald wordt; elke vorm hoort bij een uitvoeringsvariant en bepaalt welke
    tariefeenheden passen."""

    PQ_BESTEDE_TIJD = "pq-bestede-tijd"
    PQ_ETMAALTARIEF = "pq-etmaaltarief"
    ETMAALTOESLAG = "pq-etmaaltoeslag"
    VAST_TARIEF_TRAJECT = "vast-tarief-per-traject"
    LUMPSUM = "lumpsum"
    PER_UITRUK = "per-uitruk"
    BESCHIKBAARHEID = "beschikbaarheid"
    BESCHIKBAARHEID_PQ = "beschikbaarheid-en-pq-bezette-plekken"

    @property
    def componenten(self) -> tuple["Bekostigingsvorm", ...]:
        if self is Bekostigingsvorm.BESCHIKBAARHEID_PQ:
            return (Bekostigingsvorm.BESCHIKBAARHEID, Bekostigingsvorm.PQ_ETMAALTARIEF)
        return (self,)

    @property
    def uitvoeringsvariant(self) -> Uitvoeringsvariant:
        """The iJw uitvoeringsvariant of a single component (see docs/spec-format.md)."""
        return _VARIANT[self]

    @property
    def eenheden(self) -> tuple["Eenheid", ...]:
        """The tariff units that fit this form of funding (of each component of a composite one): time for
        P*Q bestede tijd, etmaal for an etmaaltarief, stuk or etmaal for an outputgericht traject, a sum of
        money for a lump sum or availability."""
        out: list[Eenheid] = []
        for c in self.componenten:
            out += [u for u in _UNITS[c] if u not in out]
        return tuple(out)

    @property
    def heeft_beschikbaarheid(self) -> bool:
        return Bekostigingsvorm.BESCHIKBAARHEID in self.componenten


_VARIANT = {
    Bekostigingsvorm.PQ_BESTEDE_TIJD: Uitvoeringsvariant.INSPANNINGSGERICHT,
    Bekostigingsvorm.PQ_ETMAALTARIEF: Uitvoeringsvariant.INSPANNINGSGERICHT,
    Bekostigingsvorm.ETMAALTOESLAG: Uitvoeringsvariant.INSPANNINGSGERICHT,
    Bekostigingsvorm.VAST_TARIEF_TRAJECT: Uitvoeringsvariant.OUTPUTGERICHT,
    Bekostigingsvorm.PER_UITRUK: Uitvoeringsvariant.OUTPUTGERICHT,
    Bekostigingsvorm.LUMPSUM: Uitvoeringsvariant.TAAKGERICHT,
    Bekostigingsvorm.BESCHIKBAARHEID: Uitvoeringsvariant.TAAKGERICHT,
}


class Eenheid(Labeled):
    """De eenheid van een tarief, met de iJw-code (codelijst WJ756) waar die bestaat."""

    MINUUT = "minuut"
    UUR = "uur"
    DAGDEEL = "dagdeel"
    ETMAAL = "etmaal"
    STUK = "stuk"
    STUK_INSPANNING = "stuk-inspanning"
    EURO = "euro"
    JAAR = "jaar"

    @property
    def ijw_code(self) -> str:
        return {"minuut": "01", "uur": "04", "etmaal": "14", "dagdeel": "16", "stuk": "82",
                "euro": "83", "jaar": "83", "stuk-inspanning": "84"}[self.value]


_UNITS = {
    Bekostigingsvorm.PQ_BESTEDE_TIJD: (Eenheid.MINUUT, Eenheid.UUR, Eenheid.DAGDEEL, Eenheid.STUK_INSPANNING),
    Bekostigingsvorm.PQ_ETMAALTARIEF: (Eenheid.ETMAAL,),
    Bekostigingsvorm.ETMAALTOESLAG: (Eenheid.ETMAAL,),
    Bekostigingsvorm.VAST_TARIEF_TRAJECT: (Eenheid.STUK, Eenheid.ETMAAL),
    Bekostigingsvorm.PER_UITRUK: (Eenheid.STUK,),
    Bekostigingsvorm.LUMPSUM: (Eenheid.EURO, Eenheid.JAAR),
    Bekostigingsvorm.BESCHIKBAARHEID: (Eenheid.EURO, Eenheid.JAAR),
}


class Deelnamesoort(Labeled):
    """Hoe een gemeente afwijkt van volledige deelname aan een deelsegment: niet of beperkt."""

    NIET = "niet"
    BEPERKT = "beperkt"


class EisSoort(Labeled):
    """Het soort eis in het KIT: integriteit, geschiktheid of kwaliteit."""

    INTEGRITEIT = "integriteit"
    GESCHIKTHEID = "geschiktheid"
    KWALITEIT = "kwaliteit"


class Frequentie(Labeled):
    """Hoe vaak iets gebeurt, bijvoorbeeld een rapportage of de meting van een KPI."""

    MAANDELIJKS = "maandelijks"
    KWARTAAL = "per-kwartaal"
    HALFJAARLIJKS = "halfjaarlijks"
    JAARLIJKS = "jaarlijks"


class MijlpaalSoort(Labeled):
    """De stappen van het tijdschema; het bestek zet ze in deze volgorde."""

    PUBLICATIE = "publicatie"
    SLUITING_INSCHRIJVING = "sluiting-inschrijving"
    GUNNING = "gunning"
    INGANG_CONTRACT = "ingang-contract"
    BESLUITVORMING = "besluitvorming"
    MARKTCONSULTATIE = "marktconsultatie"
    SLUITING_VRAGEN = "sluiting-vragen"
    NOTA = "nota-van-inlichtingen"
    BEOORDELING = "beoordeling"
    TOELATING = "toelating"
    EINDE_OPSCHORTING = "einde-opschortende-termijn"
    ONDERTEKENING = "ondertekening"


MIJLPAAL_VOLGORDE = (MijlpaalSoort.PUBLICATIE, MijlpaalSoort.SLUITING_VRAGEN, MijlpaalSoort.NOTA,
                     MijlpaalSoort.SLUITING_INSCHRIJVING, MijlpaalSoort.BEOORDELING, MijlpaalSoort.GUNNING,
                     MijlpaalSoort.EINDE_OPSCHORTING, MijlpaalSoort.ONDERTEKENING, MijlpaalSoort.INGANG_CONTRACT)
"""The steps of a tender in their order; `toelating` (the admission decisions) goes where `gunning` goes."""


class Verklaring(Labeled):
    """Hoe een inschrijver verklaart dat geen uitsluitingsgrond op hem van toepassing is."""

    UEA = "uea"
    EIGEN_VERKLARING = "eigen-verklaring"


class Prijsformule(Labeled):
    """Hoe de punten op een prijscriterium volgen uit de inschrijfprijzen (`inschrijfprijs` in besluiten.yaml)."""

    RELATIEF = "relatief"


class Uitkomstsoort(Labeled):
    """De uitkomst van een besluit voor één deelsegment: toegelaten of afgewezen (toelating), gegund of niet
    gegund (aanbesteden)."""

    TOEGELATEN = "toegelaten"
    AFGEWEZEN = "afgewezen"
    GEGUND = "gegund"
    NIET_GEGUND = "niet-gegund"

    @property
    def is_aanbesteden(self) -> bool:
        return self in (Uitkomstsoort.GEGUND, Uitkomstsoort.NIET_GEGUND)


class Briefsoort(Labeled):
    """Het soort brief: een raadsbrief aan de raad van elke gemeente, of één brief aan alle colleges."""

    RAADSBRIEF = "raadsbrief"
    COLLEGEBRIEF = "collegebrief"


class Bestekdeel(Labeled):
    """De dertien delen van het bestek (de aanbestedingsleidraad), in hun volgorde: waar een sectie van een segment
    in het bestek staat."""

    AANBESTEDENDE_DIENSTEN = "aanbestedende-diensten"
    PROCEDURE = "procedure"
    TIJDSCHEMA = "tijdschema"
    VRAGEN = "vragen"
    INSCHRIJVEN = "inschrijven"
    UITSLUITINGSGRONDEN = "uitsluitingsgronden"
    GESCHIKTHEIDSEISEN = "geschiktheidseisen"
    GUNNING = "gunning"
    BESLUIT = "besluit"
    PROGRAMMA_VAN_EISEN = "programma-van-eisen"
    OVEREENKOMST = "overeenkomst"
    RECHTSBESCHERMING = "rechtsbescherming"
    BIJLAGEN = "bijlagen"


class Proceduresoort(Labeled):
    """De procedure van een deelsegment (perceel): aanbesteden onder het verlichte regime voor sociale en andere
    specifieke diensten (Aanbestedingswet 2012, art. 2.38/2.39), of toelating (open house, buiten de
    Aanbestedingswet). Past bij de inkoopvorm: 'aanbesteden' → 'aanbesteding-verlicht-regime'; 'open-house' en
    'toelatingsprocedure-met-voorwaarden' → 'toelating'."""

    AANBESTEDING = "aanbesteding-verlicht-regime"
    TOELATING = "toelating"


_LABEL_LIST: list[tuple[StrEnum, str]] = [
    (Status.CONCEPT, "concept"),
    (Status.DEFINITIEF, "definitief"),
    (InkoopvormSoort.OPEN_HOUSE, "Open house"),
    (InkoopvormSoort.TOELATINGSPROCEDURE, "Toelatingsprocedure met voorwaarden"),
    (InkoopvormSoort.AANBESTEDEN, "Aanbesteden"),
    (InkoopvormSoort.AANBESTEDEN_BEPERKT, "Aanbesteden (beperkt aantal aanbieders)"),
    (Uitvoeringsvariant.INSPANNINGSGERICHT, "inspanningsgericht"),
    (Uitvoeringsvariant.OUTPUTGERICHT, "outputgericht"),
    (Uitvoeringsvariant.TAAKGERICHT, "taakgericht"),
    (Bekostigingsvorm.PQ_BESTEDE_TIJD, "P*Q, bestede tijd"),
    (Bekostigingsvorm.PQ_ETMAALTARIEF, "P*Q, etmaaltarief"),
    (Bekostigingsvorm.ETMAALTOESLAG, "P*Q, etmaaltoeslag"),
    (Bekostigingsvorm.VAST_TARIEF_TRAJECT, "Vast tarief per traject"),
    (Bekostigingsvorm.LUMPSUM, "Lumpsum"),
    (Bekostigingsvorm.PER_UITRUK, "Per uitruk (stuks)"),
    (Bekostigingsvorm.BESCHIKBAARHEID, "Beschikbaarheid"),
    (Bekostigingsvorm.BESCHIKBAARHEID_PQ, "Beschikbaarheid + P*Q (bezette plekken)"),
    (Eenheid.MINUUT, "per minuut"),
    (Eenheid.UUR, "per uur"),
    (Eenheid.DAGDEEL, "per dagdeel"),
    (Eenheid.ETMAAL, "per etmaal"),
    (Eenheid.STUK, "per stuk"),
    (Eenheid.STUK_INSPANNING, "per stuk"),
    (Eenheid.EURO, "bedrag"),
    (Eenheid.JAAR, "per jaar"),
    (Deelnamesoort.NIET, "neemt niet deel"),
    (Deelnamesoort.BEPERKT, "neemt beperkt deel"),
    (EisSoort.INTEGRITEIT, "Integriteit"),
    (EisSoort.GESCHIKTHEID, "Geschiktheid"),
    (EisSoort.KWALITEIT, "Kwaliteit"),
    (Frequentie.MAANDELIJKS, "maandelijks"),
    (Frequentie.KWARTAAL, "per kwartaal"),
    (Frequentie.HALFJAARLIJKS, "halfjaarlijks"),
    (Frequentie.JAARLIJKS, "jaarlijks"),
    (MijlpaalSoort.PUBLICATIE, "Publicatie"),
    (MijlpaalSoort.SLUITING_INSCHRIJVING, "Sluiting inschrijving"),
    (MijlpaalSoort.GUNNING, "Gunning"),
    (MijlpaalSoort.INGANG_CONTRACT, "Ingang contract"),
    (MijlpaalSoort.BESLUITVORMING, "Besluitvorming"),
    (MijlpaalSoort.MARKTCONSULTATIE, "Marktconsultatie"),
    (MijlpaalSoort.SLUITING_VRAGEN, "Sluiting vragen"),
    (MijlpaalSoort.NOTA, "Nota van Inlichtingen"),
    (MijlpaalSoort.BEOORDELING, "Beoordeling"),
    (MijlpaalSoort.TOELATING, "Besluiten over toelating"),
    (MijlpaalSoort.EINDE_OPSCHORTING, "Einde opschortende termijn"),
    (MijlpaalSoort.ONDERTEKENING, "Ondertekening overeenkomsten"),
    (Verklaring.UEA, "Uniform Europees Aanbestedingsdocument (UEA)"),
    (Verklaring.EIGEN_VERKLARING, "Eigen verklaring"),
    (Prijsformule.RELATIEF, "relatief: punten = weging × laagste inschrijfprijs / eigen inschrijfprijs"),
    (Uitkomstsoort.TOEGELATEN, "toegelaten"),
    (Uitkomstsoort.AFGEWEZEN, "afgewezen"),
    (Uitkomstsoort.GEGUND, "gegund"),
    (Uitkomstsoort.NIET_GEGUND, "niet gegund"),
    (Briefsoort.RAADSBRIEF, "raadsbrief"),
    (Briefsoort.COLLEGEBRIEF, "brief aan de colleges"),
    (Bestekdeel.AANBESTEDENDE_DIENSTEN, "Aanbestedende diensten"),
    (Bestekdeel.PROCEDURE, "Procedure en rechtsgrond"),
    (Bestekdeel.TIJDSCHEMA, "Tijdschema"),
    (Bestekdeel.VRAGEN, "Vragen en Nota van Inlichtingen"),
    (Bestekdeel.INSCHRIJVEN, "Inschrijven"),
    (Bestekdeel.UITSLUITINGSGRONDEN, "Uitsluitingsgronden"),
    (Bestekdeel.GESCHIKTHEIDSEISEN, "Geschiktheidseisen"),
    (Bestekdeel.GUNNING, "Gunningscriteria en beoordeling"),
    (Bestekdeel.BESLUIT, "Besluit en opschortende termijn"),
    (Bestekdeel.PROGRAMMA_VAN_EISEN, "Programma van eisen"),
    (Bestekdeel.OVEREENKOMST, "Concept-overeenkomst"),
    (Bestekdeel.RECHTSBESCHERMING, "Klachten en rechtsbescherming"),
    (Bestekdeel.BIJLAGEN, "Bijlagen"),
    (Proceduresoort.AANBESTEDING, "Aanbesteden, verlicht regime (sociale en andere specifieke diensten)"),
    (Proceduresoort.TOELATING, "Toelating (buiten de Aanbestedingswet)"),
]
_LABELS: dict[tuple[type, str], str] = {(type(member), member.value): label for member, label in _LABEL_LIST}
"""By type and value: two code lists may share a value ('gunning' is a milestone and a part of the bestek),
and equal StrEnum members would be one key."""

_VARIANT_NAMES = [v.value for v in Uitvoeringsvariant]
Varianten = Annotated[
    list[Uitvoeringsvariant],
    BeforeValidator(_one_or_many),
    Field(min_length=1),
    WithJsonSchema({"anyOf": [{"enum": _VARIANT_NAMES},
                              {"type": "array", "items": {"enum": _VARIANT_NAMES}, "minItems": 1}]}),
]
"""One uitvoeringsvariant (`taakgericht`) or a list of them for a composite bekostiging."""
