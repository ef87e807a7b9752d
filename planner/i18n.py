"""The interface languages: the locales, their variant per country, and dates in them.

A locale is a language in the variant of a country: nl is the Dutch of a Dutch school, nl_BE
the Dutch of a Flemish one, en English. A person picks the language; when the page belongs
to a school, the school's country picks the variant, so that a Flemish school reads
"klas" and "infoavond" and a Dutch school "groep" and "ouderavond", whatever was clicked.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import ParamSpec, TypeVar

from flask_babel import format_date, get_locale

LOCALES: tuple[str, ...] = ("nl", "nl_BE", "en")
DEFAULT_LOCALE = "nl"
LOCALE_COOKIE = "planner_locale"
LOCALE_NAMES = {"nl": "Nederlands", "nl_BE": "Vlaams", "en": "English"}
COUNTRIES: tuple[str, ...] = ("NL", "BE")
# Dutch in the variant of each country.
DUTCH_OF = {"NL": "nl", "BE": "nl_BE"}


def locale_for_country(locale: str, country: str | None) -> str:
    """A language in the variant of a country: nl for a Flemish school is nl_BE, and the
    other way round; English stays English, and without a country the locale stays."""
    if country in DUTCH_OF and locale in DUTCH_OF.values():
        return DUTCH_OF[country]
    return locale


def current_locale() -> str:
    """The active locale as one of LOCALES."""
    locale = str(get_locale() or DEFAULT_LOCALE)
    return locale if locale in LOCALES else DEFAULT_LOCALE


def html_lang(locale: str | None = None) -> str:
    """The BCP 47 tag for <html lang>: nl, nl-BE or en."""
    return (locale or current_locale()).replace("_", "-")


def long_date(day: date) -> str:
    """A date written out in the active locale, e.g. 'maandag 21 september 2026'."""
    return format_date(day, format="full")


_P = ParamSpec("_P")
_R = TypeVar("_R")


def per_locale(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Remember a function's result per active locale and arguments (hashable ones).

    For labels whose words depend only on the locale and the arguments: a page that shows
    hundreds of plan entries translates each distinct label once, not once per entry.
    """
    results: dict[tuple[object, ...], _R] = {}

    @functools.wraps(function)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        key = (str(get_locale()), args, tuple(sorted(kwargs.items())))
        try:
            return results[key]
        except KeyError:
            pass
        except TypeError:  # unhashable arguments: nothing to remember
            return function(*args, **kwargs)
        value = function(*args, **kwargs)
        if len(results) > 10_000:
            results.clear()
        results[key] = value
        return value

    return wrapper
