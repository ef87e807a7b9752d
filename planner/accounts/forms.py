"""Forms for logging in, passwords and invitations."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, RadioField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from planner.accounts.models import Role
from planner.core.forms import PlannerForm
from planner.schools.forms import REQUIRED, email_free, options, password_rules

ROLE_CHOICES = options(
    [
        (Role.TEACHER.value, _l("Teacher: edits their own classes, reads the rest")),
        (Role.COORDINATOR.value, _l("Coordinator: can do everything in the school")),
        (Role.VIEWER.value, _l("Viewer: reads only, e.g. the school leader")),
    ]
)


class LoginForm(PlannerForm):
    email = EmailField(_l("E-mail address"), [DataRequired(REQUIRED), Length(max=254)])
    password = PasswordField(_l("Password"), [DataRequired(REQUIRED)])


class PasswordForm(PlannerForm):
    current = PasswordField(_l("Current password"), [DataRequired(REQUIRED)])
    password = PasswordField(_l("New password"), [DataRequired(REQUIRED), password_rules])
    password_again = PasswordField(
        _l("New password again"),
        [DataRequired(REQUIRED), EqualTo("password", _l("The two passwords are not the same."))],
    )


class InviteForm(PlannerForm):
    email = EmailField(
        _l("E-mail address of your colleague"),
        [DataRequired(REQUIRED), Email(_l("Enter a valid e-mail address.")), email_free],
    )
    role = RadioField(
        _l("Role"),
        choices=ROLE_CHOICES,
        default=Role.TEACHER.value,
        validators=[DataRequired(REQUIRED)],
    )


class RoleForm(PlannerForm):
    role = RadioField(_l("Role"), choices=ROLE_CHOICES, validators=[DataRequired(REQUIRED)])


class ForgotPasswordForm(PlannerForm):
    email = EmailField(_l("E-mail address"), [DataRequired(REQUIRED), Length(max=254)])


class ResetPasswordForm(PlannerForm):
    password = PasswordField(_l("New password"), [DataRequired(REQUIRED), password_rules])
    password_again = PasswordField(
        _l("New password again"),
        [DataRequired(REQUIRED), EqualTo("password", _l("The two passwords are not the same."))],
    )


class AcceptInvitationForm(PlannerForm):
    name = StringField(_l("Your name"), [DataRequired(REQUIRED), Length(max=120)])
    password = PasswordField(_l("Password"), [DataRequired(REQUIRED), password_rules])
    password_again = PasswordField(
        _l("Password again"),
        [DataRequired(REQUIRED), EqualTo("password", _l("The two passwords are not the same."))],
    )
