"""Forms for parent evenings, and the parents' public response form."""

from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    IntegerField,
    StringField,
    TextAreaField,
    TimeField,
    ValidationError,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from planner.core.forms import PlannerForm
from planner.evenings.operations import MAX_GUESTS_PER_RESPONSE, QUESTION_MAX
from planner.schools.forms import REQUIRED, MultiCheckboxField


class EveningForm(PlannerForm):
    title = StringField(
        _l("Title"),
        [DataRequired(REQUIRED), Length(max=150)],
        description=_l("For example: Ouderavond online opvoeden"),
    )
    day = DateField(_l("Date"), [DataRequired(_l("Enter a date."))])
    start_time = TimeField(_l("Starts at"), [DataRequired(_l("Enter a time."))])
    end_time = TimeField(_l("Ends at"), [DataRequired(_l("Enter a time."))])
    place = StringField(
        _l("Place"),
        [DataRequired(REQUIRED), Length(max=150)],
        description=_l("For example: the gym"),
    )
    grades = MultiCheckboxField(
        _l("For the parents of"),
        coerce=int,
        description=_l("Choose no grade for an evening for the whole school."),
    )
    speaker = StringField(
        _l("Speaker"),
        [Optional(), Length(max=150)],
        description=_l("A colleague, or the provider's speaker"),
    )
    provider = StringField(_l("Provider from the catalogue"), [Optional(), Length(max=120)])
    max_guests = IntegerField(
        _l("Maximum number of guests"),
        [Optional(), NumberRange(1, 2000, _l("Enter a number from 1 to 2000."))],
    )

    def validate_end_time(self, field: TimeField) -> None:
        if field.data and self.start_time.data and field.data <= self.start_time.data:
            raise ValidationError(_l("The evening ends before it starts."))


class BlockForm(PlannerForm):
    module = StringField(_l("Module from the catalogue"), [Optional(), Length(max=120)])
    title = StringField(
        _l("Or a block of your own"),
        [Optional(), Length(max=150)],
        description=_l("For example: coffee break"),
    )
    minutes = IntegerField(
        _l("Minutes"), [Optional(), NumberRange(1, 240, _l("Enter a number from 1 to 240."))]
    )


class MinutesForm(PlannerForm):
    minutes = IntegerField(
        _l("Minutes"),
        [DataRequired(REQUIRED), NumberRange(1, 240, _l("Enter a number from 1 to 240."))],
    )


class InvitationForm(PlannerForm):
    text = TextAreaField(_l("Invitation"), [DataRequired(REQUIRED), Length(max=10000)])


MAX_INVITATION_ADDRESSES = 300


class InvitationMailForm(PlannerForm):
    addresses = TextAreaField(
        _l("Send to these e-mail addresses"),
        [DataRequired(REQUIRED), Length(max=30000)],
        description=_l(
            "One or more addresses, e.g. the parents' mailing list of a class, separated by "
            "commas or on lines of their own. They receive it as a blind copy and are not stored."
        ),
    )

    def validate_addresses(self, field: TextAreaField) -> None:
        found = split_addresses(field.data or "")
        wrong = [address for address in found if not _valid_address(address)]
        if wrong:
            raise ValidationError(
                _l("These are not e-mail addresses: %(addresses)s", addresses=", ".join(wrong[:5]))
            )
        if len(found) > MAX_INVITATION_ADDRESSES:
            raise ValidationError(
                _l("Send to at most %(n)s addresses at once.", n=MAX_INVITATION_ADDRESSES)
            )
        field.data = ", ".join(found)


def split_addresses(text: str) -> list[str]:
    """Addresses separated by commas, semicolons or white space, each once."""
    return list(dict.fromkeys(part for part in re.split(r"[\s,;]+", text) if part))


def _valid_address(address: str) -> bool:
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


class ChecklistForm(PlannerForm):
    label = StringField(_l("Something else to arrange"), [DataRequired(REQUIRED), Length(max=150)])


class ResponseForm(PlannerForm):
    guests = IntegerField(
        _l("How many people will come?"),
        [
            DataRequired(_l("Enter a number.")),
            NumberRange(
                1,
                MAX_GUESTS_PER_RESPONSE,
                _l("Choose a number from 1 to %(n)s.", n=MAX_GUESTS_PER_RESPONSE),
            ),
        ],
    )
    question = TextAreaField(
        _l("A question for the evening (optional)"),
        [Optional(), Length(max=QUESTION_MAX)],
        description=_l("No names needed, not yours and not your child's."),
    )
