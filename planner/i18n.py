"""The interface language: which locale a request gets, and how pages name it."""

from __future__ import annotations

from datetime import date

from flask import request
from flask_babel import format_date, get_locale

LOCALES: tuple[str, ...] = ("nl", "nl_BE", "en")
DEFAULT_LOCALE = "nl"
LOCALE_COOKIE = "planner_locale"
LOCALE_NAMES = {"nl": "Nederlands", "nl_BE": "Vlaams", "en": "English"}


def select_locale() -> str:
    """The user's saved choice, else the browser's preference, else Dutch."""
    chosen = request.cookies.get(LOCALE_COOKIE)
    if chosen in LOCALES:
        return chosen
    return request.accept_languages.best_match(LOCALES) or DEFAULT_LOCALE


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
