"""Dutch formatting of dates, amounts, percentages and lists (babel, nl_NL). The only place that
decides how a value looks in a document."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal, format_percent

LOCALE = Locale.parse("nl_NL")  # parsed once: babel parses a locale string on every call


def datum(value: date) -> str:
    """`2022-10-04` → `4 oktober 2022`."""
    return format_date(value, "d MMMM y", locale=LOCALE)


def maand(value: date) -> str:
    """`2023-06-01` → `juni 2023`."""
    return format_date(value, "MMMM y", locale=LOCALE)


def periode(van: date, tot: date) -> str:
    """A date range: whole months as `juni 2023 – januari 2024`, other ranges with days. Each date holds
    together (non-breaking spaces): in a narrow table column the range wraps at the dash, never inside
    a date ('november 2023 – december' / '2023')."""
    whole_months = van.day == 1 and tot.day == calendar.monthrange(tot.year, tot.month)[1]
    if whole_months:
        if (van.year, van.month) == (tot.year, tot.month):
            return _heel(maand(van))
        return f"{_heel(maand(van))} – {_heel(maand(tot))}"
    if van == tot:
        return _heel(datum(van))
    return f"{_heel(datum(van))} – {_heel(datum(tot))}"


def _heel(text: str) -> str:
    return text.replace(" ", "\u00a0")


def bedrag(value: Decimal) -> str:
    """`Decimal('1234.5')` → `€ 1.234,50` (a non-breaking space keeps € with the amount)."""
    return format_currency(value, "EUR", locale=LOCALE)


def getal(value: Decimal | int | float) -> str:
    """`Decimal('4.1')` → `4,1`."""
    return format_decimal(value, locale=LOCALE)


def procent(value: int | Decimal) -> str:
    """`50` → `50%`."""
    return format_percent(Decimal(value) / 100, locale=LOCALE)


def opsomming(items: Iterable[str]) -> str:
    """`['Almelo', 'Borne', 'Enschede']` → `Almelo, Borne en Enschede`."""
    values = list(items)
    return format_list(values, locale=LOCALE) if values else ""


def aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    """`1, 'aanbieder', 'aanbieders'` → `1 aanbieder`; `3` → `3 aanbieders`."""
    return f"{n} {enkelvoud if n == 1 else meervoud}"


def looptijd(maanden: int) -> str:
    """`48` → `48 maanden (4 jaar)`; `1` → `1 maand`."""
    text = f"{maanden} {'maand' if maanden == 1 else 'maanden'}"
    if maanden % 12 == 0:
        text += f" ({maanden // 12} jaar)"
    return text


def add_months(start: date, months: int) -> date:
    """The day `months` after `start` (clamped to the month's last day)."""
    month = start.month - 1 + months
    year = start.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
