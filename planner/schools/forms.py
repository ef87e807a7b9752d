"""Forms for setting up a school, its classes and its closures."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    EmailField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from planner.accounts.operations import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, find_user
from planner.accounts.passwords import is_common
from planner.core.forms import PlannerForm
from planner.schools.calendar import REGIONS

REQUIRED = _l("Fill in this field.")


def options(pairs: list[tuple[object, object]]) -> list[SelectChoice]:
    """Choices for a select or radio field from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]  # type: ignore[arg-type]


class MultiCheckboxField(SelectMultipleField):
    """Several checkboxes for one field (works without JavaScript)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def password_rules(form: FlaskForm, field: PasswordField) -> None:
    """At least ten characters, not only one character repeated, not one of the passwords
    people use most, not the e-mail address."""
    value = field.data or ""
    if len(value) < MIN_PASSWORD_LENGTH:
        raise ValidationError(_l("Use at least %(n)s characters.", n=MIN_PASSWORD_LENGTH))
    if len(value) > MAX_PASSWORD_LENGTH:
        raise ValidationError(_l("Use at most %(n)s characters.", n=MAX_PASSWORD_LENGTH))
    if len(set(value)) < 4:
        raise ValidationError(_l("Use more different characters."))
    if is_common(value):
        raise ValidationError(
            _l("This password is one that many people use, so it is guessed first. Choose another.")
        )
    email_field = getattr(form, "email", None)
    email = email_field.data if email_field is not None else None
    if email is None and current_user.is_authenticated:
        email = current_user.email
    if email and value.strip().lower() == str(email).strip().lower():
        raise ValidationError(_l("Do not use your e-mail address as your password."))


def email_free(form: FlaskForm, field: EmailField) -> None:
    """No account has this address yet; a deactivated colleague of one's own school is
    reactivated rather than invited again, and the message says so."""
    user = find_user(field.data) if field.data else None
    if user is None:
        return
    if (
        not user.active
        and current_user.is_authenticated
        and user.school_id == current_user.school_id
    ):
        raise ValidationError(
            _l(
                "%(name)s already has an account, which is deactivated. Reactivate it in the "
                "list of colleagues above.",
                name=user.name,
            )
        )
    raise ValidationError(_l("There is already an account with this e-mail address."))


class SetupForm(PlannerForm):
    school_name = StringField(_l("Name of the school"), [DataRequired(REQUIRED), Length(max=120)])
    country = RadioField(
        _l("Country"),
        choices=options([("NL", _l("Netherlands")), ("BE", _l("Flanders"))]),
        validators=[DataRequired(REQUIRED)],
    )
    region = RadioField(
        _l("Holiday region"),
        choices=options(
            [
                ("noord", _l("North")),
                ("midden", _l("Middle")),
                ("zuid", _l("South")),
                ("vlaanderen", _l("Flanders")),
            ]
        ),
        validators=[DataRequired(REQUIRED)],
    )
    locale = RadioField(
        _l("Language of the interface"),
        choices=options([("nl", "Nederlands"), ("nl_BE", "Vlaams"), ("en", "English")]),
        default="nl",
        validators=[DataRequired(REQUIRED)],
    )
    name = StringField(_l("Your name"), [DataRequired(REQUIRED), Length(max=120)])
    email = EmailField(
        _l("Your e-mail address"),
        [DataRequired(REQUIRED), Email(_l("Enter a valid e-mail address.")), email_free],
    )
    password = PasswordField(_l("Password"), [DataRequired(REQUIRED), password_rules])
    password_again = PasswordField(
        _l("Password again"),
        [DataRequired(REQUIRED), EqualTo("password", _l("The two passwords are not the same."))],
    )

    def validate_region(self, field: RadioField) -> None:
        country = self.country.data
        if country in REGIONS and field.data not in REGIONS[country]:
            if country == "BE":
                raise ValidationError(_l("Flemish schools use the region Flanders."))
            raise ValidationError(_l("Choose North, Middle or South for a Dutch school."))


class ClassForm(PlannerForm):
    name = StringField(
        _l("Name of the class"),
        [DataRequired(REQUIRED), Length(max=60)],
        description=_l('For example "Groep 7/8" or "5de leerjaar". Never pupils\' names.'),
    )
    grades = MultiCheckboxField(
        _l("Grades"),
        coerce=int,
        validators=[DataRequired(_l("Choose at least one grade."))],
        description=_l(
            "A combination class has several. Left empty, they are read from the name "
            '("Groep 7/8", "5de leerjaar").'
        ),
    )
    head_count = IntegerField(
        _l("Number of pupils"),
        [Optional(), NumberRange(0, 60, _l("Enter a number from 0 to 60."))],
        description=_l("Only the number: the planner stores no pupil data."),
    )
    teachers = MultiCheckboxField(_l("Teachers"), coerce=int)


class ClosureForm(PlannerForm):
    name = StringField(
        _l("What"),
        [DataRequired(REQUIRED), Length(max=120)],
        description=_l("For example: study day"),
    )
    start = DateField(_l("From"), [DataRequired(_l("Enter a date."))])
    end = DateField(_l("To and including"), [Optional()])

    def validate_end(self, field: DateField) -> None:
        if field.data and self.start.data and field.data < self.start.data:
            raise ValidationError(_l("The last day is before the first."))


class DeleteSchoolForm(PlannerForm):
    school_name = StringField(
        _l("Name of the school"),
        [DataRequired(REQUIRED)],
        description=_l("Type the name exactly as it is shown above."),
    )
    password = PasswordField(_l("Your password"), [DataRequired(REQUIRED)])


class ClassListForm(PlannerForm):
    text = TextAreaField(
        _l("Your classes"),
        [DataRequired(REQUIRED), Length(max=5000)],
        render_kw={"rows": 8},
    )
