"""Words for plans: why an entry is there, gaps, statuses, in the active language."""

from __future__ import annotations

from flask_babel import gettext as _

from planner import grades as grade_map
from planner.catalogue.vocab import COMPETENCE_LABELS, THEME_LABELS, Competence, Theme
from planner.i18n import current_locale, per_locale
from planner.plans.generator import LATE
from planner.plans.models import PlanEntry


def competence_label(competence: str) -> str:
    known = Competence._value2member_map_
    return str(COMPETENCE_LABELS[Competence(competence)]) if competence in known else competence


@per_locale
def theme_label(theme: str) -> str:
    return str(THEME_LABELS[Theme(theme)]) if theme in Theme._value2member_map_ else theme


def reason_label(entry: PlanEntry) -> str:
    """Why the entry is in the plan, e.g. "Week tegen Pesten" or "covers privacy"."""
    return _reason_text(entry.reason_code, entry.reason_value)


@per_locale
def _reason_text(code: str, value: str | None) -> str:
    if code == "theme":
        return _("Covers %(theme)s", theme=theme_label(value or ""))
    if code == "deepens":
        return _("More on %(theme)s", theme=theme_label(value or ""))
    if code == "check-in":
        return _("Check-in, term %(n)s", n=value or "")
    label = _moment_labels().get(code)
    if label is not None:
        if value == LATE:
            return _("%(moment)s, caught up: it had passed when the plan was made", moment=label)
        return label
    labels = {
        "chosen": _("Chosen by the teacher"),
        "custom": _("Own activity"),
        "team": _("For the whole team"),
        "parent-evening": _("Parent evening"),
    }
    return labels.get(code, code)


def _moment_labels() -> dict[str, str]:
    return {
        "start-schooljaar": _("Start of the year: group agreements"),
        "week-tegen-pesten": _("Anti-Bullying Week"),
        "kies-kleur-tegen-pesten": _("Kies Kleur tegen Pesten campaign"),
        "week-van-de-mediawijsheid": _("Media Literacy Week"),
        "safer-internet-day": _("Safer Internet Day"),
    }


def gap_label(gap: dict[str, str], class_grades: list[int], country: str) -> str:
    """Why a theme (or a moment of the year) could not be filled; grades named the way the
    school's country names them."""
    if gap["reason"] == "passed":
        moment = _moment_labels().get(gap["theme"], gap["theme"])
        return _(
            "%(moment)s had already passed when this plan was made, so it was left out.",
            moment=moment,
        )
    if gap["theme"] == "check-in":
        return _("No short check-in in the catalogue fits this class.")
    theme = theme_label(gap["theme"])
    if gap["reason"] == "no-room":
        return _(
            "%(theme)s: no room left in the year; raise the number of activities.", theme=theme
        )
    return _(
        "%(theme)s: no item in the catalogue fits every grade of this class (%(grades)s).",
        theme=theme,
        grades=grade_map.grade_label(class_grades, current_locale(), country),
    )


@per_locale
def status_label(status: str) -> str:
    return {"planned": _("Planned"), "done": _("Done"), "skipped": _("Skipped")}[status]


@per_locale
def booking_label(booking: str | None) -> str:
    return {
        "proposed": _("Suggested"),
        "requested": _("Asked the provider"),
        "confirmed": _("Booked"),
    }.get(booking or "", "")


def entry_title(entry: PlanEntry) -> str:
    if entry.item is not None:
        return entry.item.title.get(current_locale())
    return entry.title or ""
