"""The interface language: which locale a request gets, and how pages name it.

A locale is a language in the variant of a country: nl is the Dutch of a Dutch school, nl_BE
the Dutch of a Flemish one, en English. A person picks the language; when the page belongs
to a school, the school's country picks the variant, so that a Flemish school reads
"klas" and "infoavond" and a Dutch school "groep" and "ouderavond", whatever was clicked.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from flask import g, has_request_context, request
from flask_babel import format_date, get_locale, refresh
from flask_login import current_user

if TYPE_CHECKING:
    from planner.schools.models import School

LOCALES: tuple[str, ...] = ("nl", "nl_BE", "en")
DEFAULT_LOCALE = "nl"
LOCALE_COOKIE = "planner_locale"
LOCALE_NAMES = {"nl": "Nederlands", "nl_BE": "Vlaams", "en": "English"}
COUNTRIES: tuple[str, ...] = ("NL", "BE")
# Dutch in the variant of each country.
DUTCH_OF = {"NL": "nl", "BE": "nl_BE"}


def select_locale() -> str:
    """The person's own choice (the language switch), else the language of the school the page
    belongs to, else the browser's preference, else Dutch; Dutch in the school's variant."""
    school = _page_school()
    chosen = request.cookies.get(LOCALE_COOKIE)
    if chosen not in LOCALES and school is not None:
        chosen = school.locale
    if chosen not in LOCALES:
        chosen = request.accept_languages.best_match(LOCALES) or DEFAULT_LOCALE
    return locale_for_country(chosen, school.country if school is not None else None)


def locale_for_country(locale: str, country: str | None) -> str:
    """A language in the variant of a country: nl for a Flemish school is nl_BE, and the
    other way round; English stays English, and without a country the locale stays."""
    if country in DUTCH_OF and locale in DUTCH_OF.values():
        return DUTCH_OF[country]
    return locale


def _page_school() -> School | None:
    """The school a page belongs to: the one a public page named (use_school), else the
    logged-in person's; None on anonymous pages."""
    school = g.get("page_school")
    if school is not None:
        return school
    if current_user and current_user.is_authenticated:
        return current_user.school
    return None


def use_school(school: School) -> None:
    """A public page of a school (the parents' response page): its language and country
    apply, unless the visitor chose a language themselves."""
    g.page_school = school
    refresh()


def use_country(country: str | None) -> None:
    """An anonymous page that shows one country (a catalogue filtered on it): grade names in
    that country's terms. A school's staff keep their school's country."""
    if country in COUNTRIES:
        g.page_country = country


def current_locale() -> str:
    """The active locale as one of LOCALES."""
    locale = str(get_locale() or DEFAULT_LOCALE)
    return locale if locale in LOCALES else DEFAULT_LOCALE


def current_country() -> str:
    """The country whose names (grades, roles) the page uses: the school's the page belongs
    to, else the country an anonymous visitor chose, else the one of the locale."""
    if has_request_context():
        school = _page_school()
        if school is not None:
            return school.country
        chosen = g.get("page_country")
        if chosen in COUNTRIES:
            return chosen
    return "BE" if current_locale() == "nl_BE" else "NL"


def switch_choices() -> list[tuple[str, str]]:
    """The languages the switch offers: Dutch in the school's variant and English for a
    school's staff; every locale on anonymous pages."""
    school = _page_school() if has_request_context() else None
    if school is None:
        return list(LOCALE_NAMES.items())
    dutch = DUTCH_OF[school.country]
    return [(dutch, LOCALE_NAMES[dutch]), ("en", LOCALE_NAMES["en"])]


def html_lang(locale: str | None = None) -> str:
    """The BCP 47 tag for <html lang>: nl, nl-BE or en."""
    return (locale or current_locale()).replace("_", "-")


def long_date(day: date) -> str:
    """A date written out in the active locale, e.g. 'maandag 21 september 2026'."""
    return format_date(day, format="full")
