"""Which language and country a request's page speaks: the person's choice, the school's
language and country, the browser. (The locales themselves are the kernel's, planner/i18n.py.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import g, has_request_context, request
from flask_babel import refresh
from flask_login import current_user

from planner.i18n import (
    COUNTRIES,
    DEFAULT_LOCALE,
    DUTCH_OF,
    LOCALE_COOKIE,
    LOCALE_NAMES,
    LOCALES,
    current_locale,
    locale_for_country,
)

if TYPE_CHECKING:
    from planner.schools.models import School


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
