"""Forms for the policy check, contacts, agreements and incidents."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, Regexp

from planner.core.forms import PlannerForm
from planner.policy.models import AgreementAudience, IncidentKind, PolicyStatus
from planner.schools.forms import REQUIRED, options

NO_NAMES = _l(
    "Never write pupils' names, nicknames or account names here. Describe what happened in "
    'general terms, e.g. "a pupil was left out of the class group chat".'
)


class PolicyItemForm(PlannerForm):
    status = RadioField(
        _l("Status"),
        choices=options(
            [
                (PolicyStatus.IN_PLACE.value, _l("In place")),
                (PolicyStatus.IN_PROGRESS.value, _l("In progress")),
                (PolicyStatus.MISSING.value, _l("Missing")),
            ]
        ),
        validators=[DataRequired(REQUIRED)],
    )
    owner_id = SelectField(_l("Owner (a colleague with an account)"), coerce=int, default=0)
    owner_name = StringField(
        _l("Or the owner's role or name"),
        [Optional(), Length(max=120)],
        description=_l('For example "intern begeleider" or "the school leader". Adults only.'),
    )
    review_on = DateField(_l("Review on"), [Optional()])
    note = StringField(_l("Note"), [Optional(), Length(max=500)])


PHONE_PATTERN = r"^\+?[0-9 ()./-]{6,40}$"


class ContactForm(PlannerForm):
    role = SelectField(_l("Role"), validators=[DataRequired(REQUIRED)])
    label = StringField(
        _l("Role in your own words"),
        [Optional(), Length(max=80)],
        description=_l('Optional; needed for "Other". For example "intern begeleider".'),
    )
    name = StringField(_l("Name"), [Optional(), Length(max=120)])
    phone = StringField(
        _l("Phone"),
        [Optional(), Length(max=40), Regexp(PHONE_PATTERN, message=_l("Enter a phone number."))],
    )
    email = EmailField(
        _l("E-mail address"),
        [Optional(), Length(max=254), Email(_l("Enter a valid e-mail address."))],
    )
    note = StringField(
        _l("Short note"),
        [Optional(), Length(max=300)],
        description=_l("For example when they can be reached. Nothing about pupils."),
    )
    on_handout = BooleanField(_l("Show on the handout for parents"), default=True)


class AgreementsForm(PlannerForm):
    pupils = TextAreaField(_l("Agreements for pupils"), [Length(max=4000)])
    parents = TextAreaField(_l("Agreements for parents"), [Length(max=4000)])
    staff = TextAreaField(_l("Agreements for staff"), [Length(max=4000)])
    phone = TextAreaField(_l("Phone rules"), [Length(max=4000)])

    def texts(self) -> dict[AgreementAudience, str]:
        return {audience: self[audience.value].data or "" for audience in AgreementAudience}


KIND_CHOICES = [
    (IncidentKind.CYBERBULLYING.value, _l("Cyberbullying")),
    (IncidentKind.EXCLUSION.value, _l("Excluded from a group chat")),
    (IncidentKind.IMAGES.value, _l("Spreading pictures or videos")),
    (IncidentKind.HACKED.value, _l("Hacked account")),
    (IncidentKind.THREATS.value, _l("Threats")),
    (IncidentKind.OTHER.value, _l("Other")),
]


class IncidentForm(PlannerForm):
    class_id = SelectField(_l("Class"), coerce=int, validators=[DataRequired(REQUIRED)])
    happened_on = DateField(_l("Date of the incident"), [DataRequired(_l("Enter a date."))])
    kind = RadioField(
        _l("What happened"),
        choices=options(KIND_CHOICES),
        validators=[DataRequired(REQUIRED)],
    )
    summary = TextAreaField(
        _l("Short description (optional)"), [Optional(), Length(max=500)], description=NO_NAMES
    )
    follow_up_on = DateField(
        _l("Follow-up conversation on"),
        [Optional()],
        description=_l("Leave empty for three weeks after the incident."),
    )


class IncidentEditForm(IncidentForm):
    class_id = None  # an incident stays with its class


class RetentionForm(PlannerForm):
    retention_days = IntegerField(
        _l("Delete closed incidents after (days)"),
        [DataRequired(REQUIRED), NumberRange(30, 3650, _l("Enter a number from 30 to 3650."))],
        description=_l("Counted from the day an incident is closed. The usual period is a year."),
    )
