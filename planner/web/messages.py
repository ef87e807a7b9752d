"""Sentences for what the domain reports as data: errors (a code with parameters) and days off.

Made here, where they are shown, in the active locale of the page or of the command (which
sets it with `force_locale`). Domain code never translates.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from flask_babel import LazyString, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from planner.errors import DomainError
from planner.i18n import current_locale, long_date
from planner.schools.calendar import DayOff, DayOffKind, holiday_name

MESSAGES: Mapping[str, LazyString] = {
    # accounts
    "account.last_coordinator": _l(
        "%(name)s is the school's only coordinator. Make someone else coordinator first."
    ),
    "account.not_yourself": _l("You cannot deactivate your own account."),
    "account.inactive": _l("%(name)s is deactivated. Reactivate the account first."),
    "account.link_invalid": _l("This invitation link does not work (any more)"),
    # calendars
    "calendar.unknown": _l("The calendar of %(year)s is not known yet."),
    "calendar.unknown_choose": _l(
        "The holidays of school year %(year)s are not known yet. Choose a date in %(years)s."
    ),
    "calendar.year_over": _l("School year %(year)s is over. Choose the current school year."),
    # classes
    "class.name_too_long": _l("This name is longer than %(n)s characters."),
    "class.name_taken": _l("There is already a class with this name."),
    "class.name_twice": _l("This name is in the list twice."),
    "class.grades_unknown": _l("The name does not say which grades: tick them."),
    "class.nursery_one": _l(
        "The planner starts at the 2de kleuterklas: tick the grades this class has from there."
    ),
    # catalogue
    "catalogue.item_gone": _l("This item is no longer in the catalogue."),
    "catalogue.item_unknown": _l("This item is not in the catalogue."),
    # catalogue filters: the end of "The filter “%(param)s” ..." (bad_filter.html, the API)
    "query.whole_number": _l("must be a whole number"),
    "query.between": _l("must be between %(low)s and %(high)s"),
    "query.unknown_value": _l("unknown value %(value)s"),
    "query.too_long": _l("is too long"),
    "query.control_characters": _l("contains control characters"),
    "query.one_age": _l("give one age"),
    "query.longer_than": _l("is longer than %(n)s characters"),
    "query.unknown_parameter": _l("is not a known parameter"),
    "query.zero_or_one": _l("must be 0 or 1"),
    # catalogue uploads (a school's own .md or .zip)
    "upload.empty": _l("The file is empty."),
    "upload.too_large": _l("The file is too large: at most %(size)s."),
    "upload.wrong_kind": _l("Upload a .md file or a .zip file of .md files."),
    "upload.not_a_zip": _l("This is not a zip file, or the zip file is damaged."),
    "upload.too_many_files": _l("The zip file holds more than %(n)s files."),
    "upload.unpacked_too_large": _l("The zip file is too large when unpacked: at most %(size)s."),
    "upload.no_content": _l("The zip file holds no .md content files."),
    "upload.nested": _l("%(name)s: a zip file may not contain other archives."),
    "upload.unsafe_path": _l(
        "%(name)s: paths in the zip file must stay inside it (no '..', no absolute paths)."
    ),
    "upload.special_file": _l("%(name)s: links and special files are not allowed in the zip file."),
    "upload.path_too_long": _l("%(name)s: the path is longer than %(n)s characters."),
    "upload.twice": _l("%(name)s: is in the zip file twice."),
    "upload.not_markdown": _l("%(name)s: only .md files can be imported."),
    "upload.encrypted": _l("%(name)s: encrypted files cannot be imported."),
    "upload.compression": _l(
        "%(name)s: compressed in a way that is not supported; use a plain zip."
    ),
    "upload.member_too_large": _l("%(name)s: the file is too large: at most %(size)s."),
    "upload.bomb": _l("%(name)s: unpacks to far more than it holds; this zip file is refused."),
    "upload.damaged_member": _l("%(name)s: cannot be read; the zip file is damaged."),
    # content files: front matter refused before it is read
    "front_matter.too_long": _l(
        "The front matter is longer than %(n)s characters; keep the body below the '---'."
    ),
    "front_matter.anchors": _l(
        "Anchors and aliases ('&name', '*name') are not allowed in the front matter; "
        "write the values out."
    ),
    "front_matter.too_many_values": _l("The front matter has more than %(n)s values."),
    "front_matter.too_deep": _l("The front matter is nested deeper than %(n)s levels."),
    # plans
    "plan.nothing_to_undo": _l("There is nothing to undo."),
    "plan.changed_meanwhile": _l(
        "Someone else changed this plan meanwhile. Here is the latest version."
    ),
    "plan.outside_year": _l("%(day)s is not in school year %(year)s."),
    "plan.item_or_title": _l("Choose an item or describe the activity."),
    "plan.not_a_guest_session": _l("Only a guest session can be booked with a provider."),
    "plan.booking_needs_time": _l("Enter the date and the start time that the provider confirmed."),
    "plan.nothing_to_copy": _l("There is no plan for %(year)s to copy."),
    # exports: a school's PowerPoint template
    "template.too_large": _l(
        "The file is too large: a template may be at most %(mb)s MB, also when unpacked."
    ),
    "template.not_a_presentation": _l(
        "This is not a PowerPoint presentation. Save it in PowerPoint as .pptx or .potx "
        "and try again."
    ),
    "template.no_layouts": _l(
        "This presentation has no layout with a title that decks can use. Add a "
        "“Title and Content” layout to its slide master."
    ),
    "template.too_complex": _l(
        "This presentation is far more complex than a template needs to be. Save only the "
        "slide master and its layouts as a template (.potx) and try again."
    ),
    "template.broken": _l(
        "A deck cannot be made in this presentation: one of its layouts is damaged. Open it "
        "in PowerPoint, check the slide master, save it again and try once more."
    ),
    # Office packages (a template) beyond a limit; shown as template.too_complex in the app
    "package.too_many_parts": _l("The file holds more than %(n)s parts."),
    "package.part_too_large": _l("%(part)s is larger than %(n)s bytes."),
    "package.too_many_elements": _l("The file holds more than %(n)s XML elements."),
    "package.unreadable": _l("%(part)s cannot be read."),
    "package.doctype": _l("%(part)s holds a document type declaration, which is not allowed."),
    # parent evenings
    "evening.modules_only": _l("Only parent-evening modules can be part of the programme."),
    "evening.module_or_title": _l("Choose a module or give the block a title."),
    "evening.not_ready_made": _l("This is not a ready-made evening."),
    "evening.module_not_for_audience": _l(
        "This item is not meant for the parents of this evening or for your school's country."
    ),
    "evening.past": _l("This evening has already taken place."),
    "evening.closed": _l("Responses for this evening are closed."),
    "evening.guests_range": _l("Choose a number from 1 to %(n)s."),
    "evening.full": _l("This evening is full."),
    "evening.too_many_responses": _l("You have already responded. Please try again later."),
    "evening.blocked": _l(
        "Your response cannot be accepted. Please contact the school if you want to come."
    ),
    # policy
    "policy.proposal_unplaceable": _l("This proposal cannot be placed in a plan."),
    "policy.no_start_lesson": _l(
        "There is no start-of-year lesson in the catalogue for these classes."
    ),
    "policy.contact_role": _l("Describe the role of this contact."),
    "policy.contact_reachable": _l("Give a name, a phone number or an e-mail address."),
    "policy.identifiers": _l(
        "Remove e-mail addresses, account names and phone numbers: "
        "this record must not identify anyone."
    ),
    "policy.incident_in_future": _l("The incident cannot be in the future."),
    "policy.follow_up_before_incident": _l("The follow-up cannot be before the incident."),
    "policy.step_unknown": _l("This step is not in the protocol."),
    "policy.step_in_future": _l("A step cannot be done in the future."),
    "policy.step_before_incident": _l("A step cannot be done before the incident."),
    "policy.not_a_suggestion": _l("This item is not a suggestion for this incident."),
}


def describe(error: DomainError) -> str:
    """The error as a sentence in the active locale."""
    if error.code in ("plan.day_off", "evening.day_off"):
        day_off = error.params["day_off"]
        assert isinstance(day_off, DayOff)
        return describe_day_off(day_off) + " " + _("Choose a school day.")
    if error.code == "account.too_many_attempts":
        wait = int(error.params["num"])  # type: ignore[call-overload]
        return ngettext(
            "Too many wrong passwords. Try again in %(num)d minute.",
            "Too many wrong passwords. Try again in %(num)d minutes.",
            wait,
        )
    if error.code == "evening.places_left":
        left = int(error.params["num"])  # type: ignore[call-overload]
        return ngettext("Only %(num)s place is left.", "Only %(num)s places are left.", left)
    template = MESSAGES[error.message_key]
    return str(template) % {name: _shown(value) for name, value in error.params.items()}


def describe_day_off(day_off: DayOff) -> str:
    """Why the school is closed on a day, e.g. "Tuesday 29 December 2026 is a day off:
    Christmas holiday." """
    day = long_date(day_off.day)
    if day_off.kind == DayOffKind.WEEKEND:
        return _("%(day)s is in the weekend.", day=day)
    if day_off.kind == DayOffKind.CLOSURE:
        return _("The school is closed on %(day)s (%(name)s).", day=day, name=day_off.name or "")
    name = holiday_name(day_off.country, day_off.key or "", day_off.day, current_locale())
    return _("%(day)s is a day off: %(name)s.", day=day, name=str(name))


def _shown(value: object) -> object:
    if isinstance(value, date):
        return long_date(value)
    if isinstance(value, LazyString):
        return str(value)
    return value
