"""Generate the JSON Schemas and the spec reference (docs/spec-format.md) from the models, so the
documentation cannot drift from what validation accepts."""

from __future__ import annotations

import hashlib
import json
import types
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import rules
from .model import FILES
from .types import (FIRST_YEAR, LAST_YEAR, MAX_MARKDOWN, MAX_MARKDOWN_DEPTH, MAX_NESTING,
                    MAX_OPEN_BRACKETS, MAX_TEKST, Labeled)

SCHEMA_NAMES = {name: ("segment" if "*" in name else name.removesuffix(".yaml")) for name in FILES}


def schemas() -> dict[str, str]:
    """File name (e.g. 'segment.schema.json') → JSON Schema text."""
    out = {}
    for name, model in FILES.items():
        schema = _flowing(model.model_json_schema())
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"dossier: {name}"
        out[f"{SCHEMA_NAMES[name]}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return out


def _flowing(schema: Any) -> Any:
    """`schema` with each description as one line of text: docstrings are wrapped for the source, an
    editor shows the description as it is."""
    if isinstance(schema, dict):
        return {k: " ".join(v.split()) if k == "description" and isinstance(v, str) else _flowing(v)
                for k, v in schema.items()}
    if isinstance(schema, list):
        return [_flowing(v) for v in schema]
    return schema


def reference() -> str:
    """The spec format as Markdown: every file, every field, every code list and every rule."""
    lines = [
        "# Specificatieformaat",
        "",
        "<!-- Gegenereerd door `dossier schema` uit dossier/spec/model.py; niet met de hand bewerken. -->",
        "",
        "Een dossier is een map `specs/<dossier>/` met deze bestanden. Elk bestand heeft een JSON Schema in",
        "`schemas/`, zodat een editor (VS Code met de YAML-extensie) aanvult en controleert; zet daarvoor",
        "bovenaan het bestand `# yaml-language-server: $schema=../../schemas/<naam>.schema.json`.",
        "",
        "Schrijfwijze: datums als `JJJJ-MM-DD` (`2025-01-01`), tijden als `UU:MM` (`12:00`), bedragen in euro's",
        "met een punt en hoogstens twee decimalen (`186.50`; `186.505` is een fout, want de documenten tonen",
        "bedragen op de cent),",
        "sleutels in kleine letters met `-` (`hof-van-twente`). Velden van het type *Markdown* mogen alinea's,",
        "lijsten, **vet**, *cursief*, links en tabellen bevatten; ruwe HTML wordt letterlijk getoond.",
        "",
        "**Aanhalingstekens.** Begint een waarde met een aanhalingsteken, dan leest YAML alles tot het",
        "volgende gelijke aanhalingsteken als één tekst, ook over regels heen. Hoort het aanhalingsteken bij",
        "de tekst (`'t Hart`, `\"Zorg dichtbij\" is het motto`), zet dan de hele waarde tussen aanhalingstekens",
        "van de andere soort: `naam: \"'t Hart\"` of `motto: '\"Zorg dichtbij\" is het motto'`; een `'` binnen",
        "`'…'` schrijft u dubbel (`''`). Zet ook een waarde die begint met `[`, `{`, `*`, `&`, `!`, `%`, `@` of",
        "`` ` ``, of die `: ` of ` #` bevat, tussen aanhalingstekens.",
        "",
        f"**Grenzen.** Een regel tekst heeft hoogstens {_thousands(MAX_TEKST)} tekens, een Markdown-veld hoogstens",
        f"{_thousands(MAX_MARKDOWN)} tekens; lijsten en citaten gaan hoogstens {MAX_NESTING} niveaus diep,",
        f"vet en cursief hoogstens {MAX_MARKDOWN_DEPTH}, en in één alinea staan hoogstens {MAX_OPEN_BRACKETS} haken `[` of",
        f"links `](` open. Datums liggen tussen {FIRST_YEAR} en {LAST_YEAR}. Tekst bevat geen onzichtbare stuurtekens,",
        "geen tekens voor de schrijfrichting (U+202A–U+202E, U+2066–U+2069) en geen tekens die het lettertype",
        "van de PDF niet kan tonen (emoji, tekens buiten het Basic Multilingual Plane, privé-tekens); namen",
        "worden als NFC opgeslagen. Een logo is een echte PNG of JPEG van hoogstens 5 MB en 4000 pixels per zijde.",
        "",
    ]
    seen: set[type[BaseModel]] = set()
    for name, model in FILES.items():
        lines += [f"## `{name}`", "", " ".join((model.__doc__ or "").split()), ""]
        lines += _model_table(model, seen)
    lines += ["## Codelijsten", ""]
    for enum in _enums():
        lines += [f"### {enum.__name__}", "", " ".join(enum.__doc__.split()) if enum.__doc__ and
                  "An enumeration" not in enum.__doc__ else "", "", "| waarde | in documenten |", "|---|---|"]
        lines += [f"| `{m.value}` | {m.label} |" for m in enum]
        lines.append("")
    lines += ["### Bekostiging, uitvoeringsvariant en eenheid", "",
              "Elke bekostigingsvorm hoort bij een uitvoeringsvariant (iJw); een samengestelde vorm noemt de",
              "variant van elk onderdeel. De eenheid van een tarief past bij de bekostigingsvorm, niet bij de",
              "variant: een outputgericht traject kan per stuk of per etmaal worden betaald.", "",
              "| bekostiging | uitvoeringsvariant | eenheden |", "|---|---|---|"]
    from .types import Bekostigingsvorm

    for vorm in Bekostigingsvorm:
        lines.append(f"| `{vorm.value}` | {', '.join(c.uitvoeringsvariant.value for c in vorm.componenten)} | "
                     f"{', '.join(u.value for u in vorm.eenheden)} |")
    lines += ["", "## Regels", "", "Naast de velden controleert `dossier validate` deze regels:", ""]
    lines += [f"- {RULES_NL[rule.__name__][0] if rule.__name__ in RULES_NL else _first_paragraph(rule.__doc__)}"
              for rule in rules.RULES]
    lines += [
        "- Een toelatingsprocedure met voorwaarden noemt `heropening`; aanbesteden heeft gunningscriteria",
        "  met wegingen die optellen tot 100; aanbesteden met een beperkt aantal aanbieders noemt `max_aanbieders`.",
        "- Beschikbaarheidsbekostiging heeft een `bezettingsregel`; de uitvoeringsvariant en de eenheid van elk",
        "  tarief passen bij de bekostiging; de subcriteria van een gunningscriterium tellen op tot zijn weging.",
        "- Een afwijzing noemt `niet_voldaan` en `gronden`; niet gunnen noemt `gronden`.",
        "- Een fase eindigt niet vóór ze begint; tekst bevat geen onzichtbare stuurtekens.",
        "- Een besluit met een aanbesteed deelsegment vermeldt de opschortende termijn (`standstill_dagen`,",
        "  standaard 20 kalenderdagen na verzending); de einddatum wordt berekend en schuift volgens de",
        "  Algemene termijnenwet door naar de eerstvolgende werkdag als die op een zaterdag, zondag of",
        "  feestdag valt (`termijnenwet: false` zet dat uit).",
        "- Besluiten noemen `rechtbank`; een toelating vraagt `na_toelating`, een afwijzing `klachtenmeldpunt`",
        "  en een `heropening` van het deelsegment (of `doorlopende_inschrijving`).",
        "",
    ]
    return "\n".join(lines)


RULES_NL: dict[str, tuple[str, str]] = {
    "unique_ids": (
        "Ids zijn uniek: deelsegmenten in het hele dossier, verbijzonderingen binnen hun deelsegment, tarieven "
        "binnen hun bekostiging (die van een deelsegment of van een verbijzondering), KIT-eisen, begrippen, "
        "risico's en brieven; gunningscriteria binnen hun inkoopvorm.", "fa534134"),
    "same_twice": (
        "Een aanbieder of gemeente staat er één keer in: geen twee met dezelfde naam (ook niet als de ene met "
        "losse accenttekens, NFD, is geschreven en de andere niet) of met hetzelfde KvK-nummer onder "
        "verschillende sleutels.", "55878714"),
    "segment_files": (
        "Elk segment in dossier.yaml heeft zijn bestand, en elk segmentbestand staat in dossier.yaml.", "f23eda27"),
    "references": (
        "Elke gemeente, KIT-eis en elk deelsegment waarnaar wordt verwezen, bestaat.", "b72dbdbd"),
    "planning_order": (
        "De fasen van de planning staan op volgorde van datum; de mijlpalen volgen de stappen van een "
        "aanbesteding (publicatie → sluiting-vragen → nota-van-inlichtingen → sluiting-inschrijving → "
        "beoordeling → gunning of toelating → einde-opschortende-termijn → ondertekening → ingang-contract); "
        "de mijlpaal ingang-contract valt op de ingangsdatum van het contract; een mijlpaal die zijn `fase` "
        "noemt, valt binnen die fase.", "66464b88"),
    "defined_terms": (
        "Een eis (de tekst van een KIT-eis, de `eisen` van een deelsegment) maakt duidelijk waarnaar hij "
        "verwijst: een `[[id]]` noemt een begrip uit begrippen.yaml, en 'de afgesproken termijn' noemt die "
        "termijn.", "49d87cc4"),
    "procedure_complete": (
        "Met een `procedure` in dossier.yaml: die heeft `aanbesteding` als een deelsegment wordt aanbesteed en "
        "`toelating` als een deelsegment een toelatingsprocedure of open house heeft; een prijscriterium "
        "heeft een `prijsformule`; elk aanbesteed deelsegment heeft een `raming`; het tijdschema heeft een "
        "sluiting (sluiting-inschrijving), en de uiterste termijnen (sluiting-vragen, sluiting-inschrijving) "
        "hebben een `tijd`.", "38e84724"),
    "provider_amounts": (
        "Een tarief met een bedrag per aanbieder (`per_aanbieder`) noemt bekende aanbieders, is een geldbedrag "
        "(eenheid 'euro' of 'jaar'), en de bedragen tellen op tot zijn `bedrag`.", "55676198"),
    "decisions": (
        "Elk besluit noemt een bekende aanbieder (één keer) en bekende deelsegmenten; de uitkomst past bij de "
        "inkoopvorm (toegelaten/afgewezen bij toelating, gegund/niet gegund bij aanbesteden); een afwijzing "
        "noemt KIT-eisen die in dat segment gelden; een uitkomst bij aanbesteden geeft elk criterium punten "
        "tussen 0 en zijn weging; elk aanbesteed deelsegment met uitkomsten heeft een gunning waarvan de "
        "winnaars gegund zijn, binnen `max_aanbieders`, en geen inschrijving die niet won, scoort hoger dan "
        "een winnaar.", "cc3cdc9b"),
    "reapply": (
        "Een afgewezen aanvraag tot toelating zegt wanneer de aanvrager opnieuw kan aanvragen: het "
        "deelsegment noemt `heropening`, of het dossier heeft `doorlopende_inschrijving`.", "352d22a0"),
    "letters": (
        "Een dossier verstuurt hoogstens één raadsbrief (die gaat naar elke raad).", "e79e7187"),
    "house_styles": (
        "Het logo van een gemeente is een PNG- of JPEG-bestand in de dossiermap.", "5118387c"),
    "house_style": (
        "`huisstijl` noemt een meegeleverde huisstijl, of een map in de dossiermap met elk sjabloon van de "
        "meegeleverde huisstijl, elk een echt Word-document.", "d9b5558d"),
    "nota_references": (
        "Noemt een vraag in de Nota van Inlichtingen een id in `betreft` (een KIT-eis, een deelsegment, "
        "verbijzondering of tarief), dan bestaat die; een antwoord dat de stukken wijzigt, noemt de wijziging "
        "(`wijziging`), tenzij de nota vergelijkt met een eerdere versie.", "7c427ad7"),
}
"""The rules of rules.RULES as docs/spec-format.md states them, in Dutch, with the first 8 hex digits of
the SHA-256 of the English summary (the first paragraph of the rule's docstring) they translate: when that
changes, tests/test_spec.py asks for the Dutch text to be brought up to date (`rule_digest`)."""


def rule_digest(rule: Any) -> str:
    """The first 8 hex digits of the SHA-256 of a rule's English summary (see RULES_NL)."""
    return hashlib.sha256(_first_paragraph(rule.__doc__).encode()).hexdigest()[:8]


def _first_paragraph(doc: str | None) -> str:
    return " ".join((doc or "").split("\n\n")[0].split())


def _model_table(model: type[BaseModel], seen: set[type[BaseModel]]) -> list[str]:
    lines = ["| veld | type | verplicht | omschrijving |", "|---|---|---|---|"]
    nested: list[type[BaseModel]] = []
    for fname, info in model.model_fields.items():
        kind, inner = _describe(info.annotation)
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        if "contentMediaType" in extra:
            kind = kind.replace("tekst", "Markdown")
        nested += [m for m in inner if m not in seen and m not in nested]
        lines.append(f"| `{fname}` | {kind} | {'ja' if info.is_required() else 'nee' + _default(info)} | "
                     f"{' '.join((info.description or '').split()).replace('|', '/')} |")
    lines.append("")
    for sub in nested:
        seen.add(sub)
        lines += [f"### {sub.__name__}", "", " ".join((sub.__doc__ or "").split()), ""]
        lines += _model_table(sub, seen)
    return lines


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _default(info: FieldInfo) -> str:
    if info.default_factory is not None:
        return ""
    if info.default is None:
        return ""
    value = info.default.value if isinstance(info.default, Enum) else info.default
    return f" (standaard `{json.dumps(value) if not isinstance(value, str) else value}`)"


def _describe(annotation: Any) -> tuple[str, list[type[BaseModel]]]:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        base, *meta = args
        if base is str and any(getattr(m, "json_schema_extra", None) and "contentMediaType" in m.json_schema_extra
                               for m in meta if hasattr(m, "json_schema_extra")):
            return "Markdown", []
        return _describe(base)
    if origin in (typing.Union, types.UnionType):
        parts = [_describe(a) for a in args if a is not type(None)]
        return " of ".join(p[0] for p in parts), [m for p in parts for m in p[1]]
    if origin is list:
        kind, inner = _describe(args[0])
        return f"lijst van {kind}", inner
    if origin is dict:
        kind, inner = _describe(args[1])
        return f"mapping sleutel → {kind}", inner
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})", [annotation]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})", []
    names = {str: "tekst", int: "geheel getal", bool: "true/false"}
    if isinstance(annotation, type):
        return names.get(annotation, {"date": "datum", "Decimal": "getal"}.get(annotation.__name__, annotation.__name__)), []
    return str(annotation), []


def _all_models() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []

    def walk(model: type[BaseModel]) -> None:
        if model in found:
            return
        found.append(model)
        for info in model.model_fields.values():
            for m in _describe(info.annotation)[1]:
                walk(m)

    for model in FILES.values():
        walk(model)
    return found


def _enums() -> list[type[Labeled]]:
    found: list[type[Labeled]] = []
    for model in _all_models():
        for info in model.model_fields.values():
            for arg in _flatten(info.annotation):
                if isinstance(arg, type) and issubclass(arg, Labeled) and arg not in found:
                    found.append(arg)
    return found


def _flatten(annotation: Any) -> list[Any]:
    args = typing.get_args(annotation)
    return [annotation] + [x for a in args for x in _flatten(a)]
