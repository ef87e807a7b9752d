"""Forms for editing plans."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, RadioField, StringField, TimeField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from planner.core.forms import PlannerForm
from planner.schools.forms import REQUIRED, options


class MoveForm(PlannerForm):
    day = DateField(_l("New date"), [DataRequired(_l("Enter a date."))])


class AddForm(PlannerForm):
    day = DateField(_l("Date"), [DataRequired(_l("Enter a date."))])
    slug = StringField(_l("Catalogue item"), [Optional(), Length(max=120)])
    title = StringField(
        _l("Or your own activity"),
        [Optional(), Length(max=200)],
        description=_l("For example: circle conversation after an incident"),
    )


class ReplaceForm(PlannerForm):
    slug = StringField(_l("Catalogue item"), [DataRequired(REQUIRED), Length(max=120)])


class StatusForm(PlannerForm):
    status = RadioField(
        _l("Status"),
        choices=options(
            [("done", _l("Done")), ("skipped", _l("Skipped")), ("planned", _l("Planned"))]
        ),
        validators=[DataRequired(REQUIRED)],
    )
    note = StringField(
        _l("Note"),
        [Optional(), Length(max=500)],
        description=_l('A short note, e.g. "Ja, dat heb ik gedaan". No pupils\' names.'),
    )


class BookingForm(PlannerForm):
    booking = RadioField(
        _l("Booking"),
        choices=options(
            [
                ("proposed", _l("Suggested")),
                ("requested", _l("Asked the provider")),
                ("confirmed", _l("Booked")),
            ]
        ),
        validators=[DataRequired(REQUIRED)],
    )
    day = DateField(_l("Date confirmed by the provider"), [Optional()])
    start = TimeField(_l("Start time"), [Optional()])


class SettingsForm(PlannerForm):
    activities = IntegerField(
        _l("Lessons and guest sessions per year"),
        [DataRequired(REQUIRED), NumberRange(1, 40, _l("Enter a number from 1 to 40."))],
        description=_l(
            "About one every three to four school weeks is 9 to 12 a year. Besides these, the "
            "planner adds a short check-in each term (3 a year)."
        ),
    )
    min_weeks = IntegerField(
        _l("Minimum school weeks between two activities"),
        [Optional(), NumberRange(0, 12, _l("Enter a number from 0 to 12."))],
    )
    weekday = RadioField(
        _l("Preferred weekday"),
        coerce=int,
        choices=options(
            [
                (0, _l("Monday")),
                (1, _l("Tuesday")),
                (2, _l("Wednesday")),
                (3, _l("Thursday")),
                (4, _l("Friday")),
            ]
        ),
    )
