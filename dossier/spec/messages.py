"""Translate pydantic validation errors into located messages with a 'did you mean'."""

from __future__ import annotations

import difflib
import re
import types
import typing
import unicodedata
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Problem
from ..i18n import N_, _, ngettext
from .types import visible
from .yamlfile import Path_, YamlFile

_UNION_TAG = re.compile(r"^[a-z][a-z_-]*\[.*\]$|^(constrained-str|str|int|list|dict|decimal)$")

_PATTERN_HINTS: dict[str, tuple[str, str | None]] = {
    # pattern: (what to write, an example shown unless the value can be repaired)
    r"^[a-z0-9]+(-[a-z0-9]+)*$": (N_("use only small letters, digits and '-'"), "'hof-van-twente'"),
    r"^KIT-[A-Z]-[0-9]{2}$": (N_("write a KIT id as KIT-, a capital letter, - and two digits"), "KIT-I-01"),
    r"^[1-9][0-9]{3} ?[A-Z]{2}$": (N_("write a postcode as '7550 AA'"), None),
    r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$": (N_("write an e-mail address as 'naam@voorbeeld.nl'"), None),
    r"^[0-9]{8}$": (N_("a KvK number has exactly 8 digits"), None),
    r"^#[0-9A-Fa-f]{6}$": (N_("write a colour as '#1F4E79'"), None),
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
            rest = len(errors) - n
            problems.append(Problem(source.display, message=ngettext(
                "{n} more error in this file not shown; fix the ones shown first and check again",
                "{n} more errors in this file not shown; fix the ones shown first and check again",
                rest).format(n=rest)))
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
        hint = did_you_mean(name, allowed)
        if hint:
            return _("unknown field '{name}'; did you mean '{hint}'?").format(name=name, hint=hint), True
        if name.isdigit() and allowed:
            return _("unknown field '{name}': is there a comma in a number between {{ }}? Write an amount with "
                     "a point (12.50, not 12,50) and put text with a comma in quotes").format(name=name), True
        if allowed:
            return _("unknown field '{name}'. Allowed: {fields}").format(name=name, fields=", ".join(allowed)), True
        return _("unknown field '{name}'").format(name=name), True
    if kind == "missing":
        return _("missing; this field is required"), True
    if value is None and kind in _EMPTY:
        return _EMPTY[kind](ctx), False
    if kind == "enum":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = did_you_mean(str(value), options)
        if hint:
            return _("{value} is not a valid value; did you mean '{hint}'? Choose from: {options}").format(
                value=shown, hint=hint, options=", ".join(options)), False
        return _("{value} is not a valid value. Choose from: {options}").format(
            value=shown, options=", ".join(options)), False
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
        return _("{value} is not a valid date; write YYYY-MM-DD with a day that exists, for example "
                 "2025-01-01").format(value=shown), False
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("{value} must be a whole number, in digits (for example 12)").format(value=shown), False
    if kind in ("decimal_parsing", "decimal_type"):
        return _("{value} must be an amount or number, with a point as decimal separator (for example "
                 "186.50)").format(value=shown), False
    if kind == "decimal_max_places":
        return _("{value} has too many decimals; at most {places} (cents)").format(
            value=shown, places=ctx.get("decimal_places")), False
    if kind == "finite_number":
        return _("{value} is not a number; write an amount or number with a point as decimal separator (for "
                 "example 186.50)").format(value=shown), False
    if kind in ("decimal_max_digits", "decimal_whole_digits"):
        return _("{value} is too large").format(value=shown), False
    if kind in ("greater_than_equal", "greater_than"):
        return _("{value} is too small; the value must be at least {limit}").format(
            value=shown, limit=ctx.get("ge", ctx.get("gt"))), False
    if kind in ("less_than_equal", "less_than"):
        return _("{value} is too large; the value may be at most {limit}").format(
            value=shown, limit=ctx.get("le", ctx.get("lt"))), False
    if kind == "string_pattern_mismatch":
        return _("{value} is invalid: {hint}").format(value=shown, hint=_pattern_hint(str(ctx.get("pattern")),
                                                                                       str(value))), False
    if kind in ("too_short",):
        if ctx.get("actual_length") == 0:
            return _("may not be empty; give at least one item"), False
        return _("too short; at least {n} needed").format(n=ctx.get("min_length")), False
    if kind == "too_long":
        return _("too long; at most {n}").format(n=ctx.get("max_length")), False
    if kind == "string_too_short":
        return _("may not be empty"), False
    if kind == "string_too_long":
        return _("too long; at most {n} characters").format(n=ctx.get("max_length")), False
    if kind in ("string_type",):
        if isinstance(value, (list, dict)):
            return _("must be text, not {kind}").format(kind=_kind(value)), False
        quoted = str(written if written is not None else value).replace('"', '\\"')
        return _("{value} must be text; put it in quotes: \"{quoted}\"").format(value=shown, quoted=quoted), False
    if kind in ("bool_type", "bool_parsing"):
        return _("{value} is not a yes/no value; write true (yes) or false (no)").format(value=shown), False
    if kind == "list_type":
        return _("must be a list (lines that begin with '- '), not {kind}").format(kind=_kind(value)), False
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return _("must be a mapping (key: value), not {kind}").format(kind=_kind(value)), False
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])), False
    return error["msg"], False  # pragma: no cover - a type we did not translate yet is still shown


def _pattern_hint(pattern: str, value: str) -> str:
    """What to write for a value that does not fit `pattern`: the repaired value when there is one,
    else an example."""
    hint, example = _PATTERN_HINTS.get(pattern, (None, None))
    text = _(hint) if hint else _("must match {pattern}").format(pattern=pattern)
    fixed = _repair(pattern, value)
    if fixed:
        return _("{hint}; so here '{fixed}'").format(hint=text, fixed=fixed)
    if example:
        return _("{hint} (for example {example})").format(hint=text, example=example)
    return text


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
    "string_type": lambda ctx: _("is empty; write a text here"),
    "int_type": lambda ctx: _("is empty; write a whole number here"),
    "decimal_type": lambda ctx: _("is empty; write an amount or number here, for example 186.50"),
    "date_type": lambda ctx: _("is empty; write a date here as YYYY-MM-DD, for example 2025-01-01"),
    "bool_type": lambda ctx: _("is empty; write true (yes) or false (no)"),
    "enum": lambda ctx: _("is empty; choose from: {options}").format(
        options=", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))),
    "list_type": lambda ctx: _("is empty; write a list here (lines that begin with '- ')"),
    "dict_type": lambda ctx: _("is empty; write the fields here (key: value), indented"),
    "model_type": lambda ctx: _("is empty; write the fields here (key: value), indented"),
    "model_attributes_type": lambda ctx: _("is empty; write the fields here (key: value), indented"),
}
"""Messages for a field written without a value (`naam:` and nothing after it)."""


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return _kind(value)
    text = visible(str(value))  # an invisible character in the value shows as <U+200B>
    if len(text) > 60:
        text = text[:57] + "…"
    return f"'{text}'"


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    if value is None:
        return _("empty")
    return _("the value '{value}'").format(value=value)


def did_you_mean(word: str, options: list[str]) -> str | None:
    """The option the writer probably meant: the same word in other case, or the closest one."""
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
