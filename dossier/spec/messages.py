"""Translate pydantic validation errors into located Dutch messages with a 'did you mean'."""

from __future__ import annotations

import difflib
import re
import types
import typing
import unicodedata
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Problem
from .yamlfile import Path_, YamlFile

_UNION_TAG = re.compile(r"^[a-z][a-z_-]*\[.*\]$|^(constrained-str|str|int|list|dict|decimal)$")

_PATTERN_HINTS = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "gebruik alleen kleine letters, cijfers en '-' (bijvoorbeeld 'hof-van-twente')",
    r"^KIT-[A-Z]-[0-9]{2}$": "schrijf een KIT-id als KIT-, een hoofdletter, - en twee cijfers (bijvoorbeeld KIT-I-01)",
    r"^[1-9][0-9]{3} ?[A-Z]{2}$": "schrijf een postcode als '7550 AA'",
    r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$": "schrijf een e-mailadres als 'naam@voorbeeld.nl'",
    r"^[0-9]{8}$": "een KvK-nummer heeft precies 8 cijfers",
    r"^#[0-9A-Fa-f]{6}$": "schrijf een kleur als '#1F4E79'",
}


MAX_PROBLEMS = 200
"""Problems shown per file; a file with more has one systematic mistake, repeated."""


def translate(exc: ValidationError, source: YamlFile, model: type[BaseModel]) -> list[Problem]:
    """One Problem per pydantic error, located in `source`."""
    problems: list[Problem] = []
    seen: set[tuple[Path_, str]] = set()
    errors = exc.errors(include_url=False)
    for n, error in enumerate(errors):
        if len(problems) == MAX_PROBLEMS:
            problems.append(Problem(source.display, message=f"nog {len(errors) - n} fouten in dit bestand "
                                    "niet getoond; los eerst de getoonde op en controleer opnieuw"))
            break
        loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and _UNION_TAG.match(p) and p != "str"))
        loc = tuple(p for p in loc if p != "[key]")
        message, on_key = _message(dict(error), loc, model, source.written.get(loc))
        if (loc, message) in seen:
            continue
        seen.add((loc, message))
        problems.append(source.problem(loc, message, key=on_key))
    return problems


def _message(error: dict[str, Any], loc: Path_, model: type[BaseModel],
             written: str | None = None) -> tuple[str, bool]:
    """The message for one pydantic error; `written` is how the YAML had the value when YAML did
    not read it as text (e.g. `no` for false, `0.1` for a number)."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    shown = _show(value) if written is None or value is None else _show(written)
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        name = str(loc[-1]) if loc else ""
        hint = _did_you_mean(name, allowed)
        if hint:
            return f"onbekend veld '{name}'; bedoelde u '{hint}'?", True
        if name.isdigit() and allowed:
            return (f"onbekend veld '{name}': staat er een komma in een getal tussen {{ }}? Schrijf een "
                    "bedrag met een punt (12.50, niet 12,50) en zet tekst met een komma tussen "
                    "aanhalingstekens"), True
        choices = f". Toegestaan: {', '.join(allowed)}" if allowed else ""
        return f"onbekend veld '{name}'{choices}", True
    if kind == "missing":
        return "ontbreekt; dit veld is verplicht", True
    if value is None and kind in _EMPTY:
        return _EMPTY[kind](ctx), False
    if kind == "enum":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = _did_you_mean(str(value), options)
        tail = f"; bedoelde u '{hint}'?" if hint else "."
        return f"{shown} is geen geldige waarde{tail} Kies uit: {', '.join(options)}", False
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
        return (f"{shown} is geen geldige datum; schrijf JJJJ-MM-DD met een bestaande dag, "
                "bijvoorbeeld 2025-01-01"), False
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{shown} moet een geheel getal zijn, in cijfers (bijvoorbeeld 12)", False
    if kind in ("decimal_parsing", "decimal_type"):
        return f"{shown} moet een bedrag of getal zijn, met een punt als decimaalteken (bijvoorbeeld 186.50)", False
    if kind == "decimal_max_places":
        return f"{shown} heeft te veel decimalen; hooguit {ctx.get('decimal_places')} (centen)", False
    if kind in ("decimal_max_digits", "decimal_whole_digits"):
        return f"{shown} is te groot", False
    if kind in ("greater_than_equal", "greater_than"):
        return f"{shown} is te klein; de waarde moet minstens {ctx.get('ge', ctx.get('gt'))} zijn", False
    if kind in ("less_than_equal", "less_than"):
        return f"{shown} is te groot; de waarde mag hoogstens {ctx.get('le', ctx.get('lt'))} zijn", False
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern"))
        hint = _PATTERN_HINTS.get(pattern, f"moet passen bij {pattern}")
        fixed = _repair(pattern, str(value))
        if fixed:
            hint = re.sub(r" \(bijvoorbeeld [^)]*\)$", "", hint) + f"; hier dus '{fixed}'"
        return f"{shown} is ongeldig: {hint}", False
    if kind in ("too_short",):
        if ctx.get("actual_length") == 0:
            return "mag niet leeg zijn; geef minstens één item", False
        return f"te kort; minstens {ctx.get('min_length')} nodig", False
    if kind == "too_long":
        return f"te lang; hoogstens {ctx.get('max_length')}", False
    if kind == "string_too_short":
        return "mag niet leeg zijn", False
    if kind == "string_too_long":
        return f"te lang; hoogstens {ctx.get('max_length')} tekens", False
    if kind in ("string_type",):
        if isinstance(value, (list, dict)):
            return f"moet tekst zijn, niet {_kind(value)}", False
        quoted = str(written if written is not None else value).replace('"', '\\"')
        return f"{shown} moet tekst zijn; zet het tussen aanhalingstekens: \"{quoted}\"", False
    if kind in ("bool_type", "bool_parsing"):
        return f"{shown} is geen ja/nee-waarde; schrijf true (ja) of false (nee)", False
    if kind == "list_type":
        return f"moet een lijst zijn (regels die beginnen met '- '), niet {_kind(value)}", False
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"moet een mapping zijn (sleutel: waarde), niet {_kind(value)}", False
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])), False
    return error["msg"], False  # pragma: no cover - a type we did not translate yet is still shown


def _repair(pattern: str, value: str) -> str | None:
    """The value as it probably was meant, when a simple repair makes it fit `pattern`."""
    if pattern == r"^[a-z0-9]+(-[a-z0-9]+)*$":
        plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
        candidate = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    elif pattern in (r"^KIT-[A-Z]-[0-9]{2}$", r"^[1-9][0-9]{3} ?[A-Z]{2}$"):
        candidate = re.sub(r"[_ ]+(?=[0-9A-Za-z]{2}$)|_", "-" if "KIT" in pattern else " ", value.strip()).upper()
    else:
        return None
    return candidate if candidate != value and re.fullmatch(pattern, candidate) else None


_EMPTY = {
    "string_type": lambda ctx: "is leeg; schrijf hier een tekst",
    "int_type": lambda ctx: "is leeg; schrijf hier een geheel getal",
    "decimal_type": lambda ctx: "is leeg; schrijf hier een bedrag of getal, bijvoorbeeld 186.50",
    "date_type": lambda ctx: "is leeg; schrijf hier een datum als JJJJ-MM-DD, bijvoorbeeld 2025-01-01",
    "bool_type": lambda ctx: "is leeg; schrijf true (ja) of false (nee)",
    "enum": lambda ctx: "is leeg; kies uit: " + ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", "")))),
    "list_type": lambda ctx: "is leeg; schrijf hier een lijst (regels die beginnen met '- ')",
    "dict_type": lambda ctx: "is leeg; schrijf hier de velden (sleutel: waarde), ingesprongen",
    "model_type": lambda ctx: "is leeg; schrijf hier de velden (sleutel: waarde), ingesprongen",
    "model_attributes_type": lambda ctx: "is leeg; schrijf hier de velden (sleutel: waarde), ingesprongen",
}
"""Messages for a field written without a value (`naam:` and nothing after it)."""


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return _kind(value)
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "…"
    return f"'{text}'"


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een mapping"
    if value is None:
        return "leeg"
    return f"de waarde '{value}'"


def _did_you_mean(word: str, options: list[str]) -> str | None:
    lowered = {o.lower(): o for o in options}
    if word.lower() in lowered and lowered[word.lower()] != word:
        return lowered[word.lower()]
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


def _fields_at(model: type[BaseModel], loc: Path_) -> list[str]:
    """The field names of the model found by following `loc` from `model`."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _step(annotation: Any, part: str | int) -> Any:
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return field.annotation if field else None
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is list and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return None


def _unwrap(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                inner = _unwrap(arg)
                if typing.get_origin(inner) in (list, dict) or (
                    isinstance(inner, type) and issubclass(inner, BaseModel)
                ):
                    return inner
    return annotation
