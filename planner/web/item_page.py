"""Page pieces of a catalogue item that several blueprints share: which country's variant the
viewer wants, the "add to plan" form for a teacher, and a protocol's school contacts.

They live here, in the web layer, so that no blueprint imports another blueprint's views.
"""

from __future__ import annotations

from flask import request
from flask_login import current_user

from planner import clock
from planner.accounts.permissions import can_edit_class
from planner.catalogue.models import CatalogueItem
from planner.catalogue.vocab import Kind
from planner.i18n import current_locale
from planner.plans import operations as plans
from planner.policy import contacts
from planner.schools import operations as schools
from planner.web.year import selected_year


def wanted_country() -> str:
    """The country asked for in the address, else the viewer's school's, else the locale's."""
    asked = request.args.get("land")
    if asked in ("NL", "BE"):
        return asked
    if current_user.is_authenticated:
        return current_user.school.country
    return "BE" if current_locale() == "nl_BE" else "NL"


def add_to_plan_context(item: CatalogueItem) -> dict[str, object]:
    """What the item page needs for its "add to plan" form, for a logged-in teacher."""
    if not current_user.is_authenticated or item.kind not in plans.PLANNABLE_KINDS:
        return {}
    classes = [
        c for c in schools.active_classes(current_user.school) if can_edit_class(current_user, c)
    ]
    if not classes:
        return {}
    year = selected_year()
    school = current_user.school
    start = max(year.start(school.country), clock.today())
    proposed = plans.next_school_day(school, start, school.plan_weekday)
    return {
        "plan_classes": classes,
        "proposed_day": proposed,
        "plan_year": year,
        "planned_for": plans.planned_for(item, classes, year),
    }


def school_contacts_context(item: CatalogueItem) -> dict[str, object]:
    """What a protocol page in the catalogue shows to staff: the school's own contacts."""
    if not current_user.is_authenticated or item.kind != Kind.PROTOCOL:
        return {}
    school = current_user.school
    return {"school_contacts": contacts.contacts_of(school), "contacts_country": school.country}
