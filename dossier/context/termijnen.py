"""Dutch calendar rules for periods: the Algemene termijnenwet (art. 1 and 3).

A period set by law that ends on a Saturday, a Sunday or a generally recognised holiday runs on to
the next day that is none of these. The holidays of art. 3: Nieuwjaarsdag, tweede Paasdag,
Hemelvaartsdag, tweede Pinksterdag, the King's birthday as celebrated, 5 mei, eerste en tweede
Kerstdag. (Goede Vrijdag and eerste Paas- and Pinksterdag are not in the list; the latter two are
Sundays anyway.)
"""

from __future__ import annotations

from datetime import date, timedelta


def pasen(year: int) -> date:
    """Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian computus)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def koningsdag(year: int) -> date:
    """King's Day as celebrated: 27 April, or 26 April when the 27th is a Sunday."""
    day = date(year, 4, 27)
    return day - timedelta(days=1) if day.weekday() == 6 else day


def feestdagen(year: int) -> dict[date, str]:
    """The generally recognised holidays of art. 3 Algemene termijnenwet in `year`, with their names."""
    easter = pasen(year)
    return {
        date(year, 1, 1): "Nieuwjaarsdag",
        easter + timedelta(days=1): "tweede Paasdag",
        easter + timedelta(days=39): "Hemelvaartsdag",
        easter + timedelta(days=50): "tweede Pinksterdag",
        koningsdag(year): "Koningsdag",
        date(year, 5, 5): "5 mei",
        date(year, 12, 25): "eerste Kerstdag",
        date(year, 12, 26): "tweede Kerstdag",
    }


def reden(day: date) -> str | None:
    """Why `day` cannot be the last day of a period ('zaterdag', 'zondag', 'Hemelvaartsdag'), or None."""
    holiday = feestdagen(day.year).get(day)
    if holiday:
        return holiday
    return {5: "zaterdag", 6: "zondag"}.get(day.weekday())


def eerstvolgende_werkdag(day: date) -> date:
    """`day` itself when it is no Saturday, Sunday or holiday; otherwise the next day that is none."""
    while reden(day) is not None:
        day += timedelta(days=1)
    return day
