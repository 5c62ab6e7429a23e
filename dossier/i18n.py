"""Messages in the user's language: English message ids, translated through gettext catalogs.

The catalogs live in `dossier/locale/<lang>/LC_MESSAGES/dossier.po` (compiled `.mo` beside them,
committed) and are managed with babel; docs/translating.md says how to add or change a message.
Document text (what goes into the DOCX and PDF) is not a message: it stays Dutch, in
dossier/context and the templates.

The language is `nl` or `en`: `set_language()` (the CLI's `--lang`) decides; otherwise the locale
does, the first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set: `nl*` is Dutch, `en*` is
English, and anything else (C, POSIX, another language, nothing set) is Dutch, because the people
who use this tool are Dutch.
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

DOMAIN = "dossier"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("nl", "en")
DEFAULT = "nl"
_ENV = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_chosen: str | None = None


def language_from_env(environ: Mapping[str, str] = os.environ) -> str:
    """`nl` or `en` for the locale in `environ`; the first variable that is set decides, as in gettext."""
    for var in _ENV:
        value = environ.get(var, "")
        if not value:
            continue
        for entry in value.split(":"):  # LANGUAGE may list several, e.g. 'en_GB:nl'
            code = re.split(r"[_.@-]", entry.strip(), maxsplit=1)[0].lower()
            if code in LANGUAGES:
                return code
        return DEFAULT
    return DEFAULT


def set_language(language: str | None) -> None:
    """Speak `language` ('nl' or 'en') from now on; None goes back to the locale's language."""
    global _chosen
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose from {', '.join(LANGUAGES)}")
    _chosen = language


def chosen() -> str | None:
    """The language given to `set_language`, or None when the locale decides."""
    return _chosen


def language() -> str:
    """The language messages are produced in now."""
    return _chosen or language_from_env()


@contextmanager
def using(language_: str | None) -> Iterator[None]:
    """Speak `language_` inside the block, then what was chosen before."""
    before = _chosen
    set_language(language_)
    try:
        yield
    finally:
        set_language(before)


@lru_cache(maxsize=None)
def _translations(language_: str) -> gettext.NullTranslations:
    # English is the language of the message ids: no catalog needed; a missing Dutch catalog
    # (a broken install) still gives readable English rather than a crash
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language_], fallback=True)


def _(message: str) -> str:
    """`message` (an English message id) in the current language."""
    return _translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the current language."""
    return _translations(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it yet (module-level texts, click help);
    pass it through `_()` where it is shown."""
    return message


@lru_cache(maxsize=None)
def _locale(language_: str):  # type: ignore[no-untyped-def]
    from babel import Locale  # parsed once: babel parses a locale string on every call

    return Locale.parse({"nl": "nl_NL", "en": "en_GB"}[language_])


def number(value: float | int, pattern: str | None = None) -> str:
    """A number as the current language writes it in a message: `4,1` in Dutch, `4.1` in English
    (`pattern` as in babel, e.g. '0.0' for one decimal always)."""
    from babel.numbers import format_decimal

    return format_decimal(value, format=pattern, locale=_locale(language()))
