"""The e-mails about accounts, in the school's language: an invitation and a password link."""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _

from planner.accounts.operations import INVITATION_DAYS, RESET_LINK_HOURS
from planner.mail import send_mail
from planner.schools.models import School


def send_invitation(school: School, email: str, inviter: str, link: str) -> None:
    """Invite a colleague; raises MailError when the mail server refuses."""
    with force_locale(school.locale):
        subject = _(
            "Your invitation to the media literacy year planner of %(school)s", school=school.name
        )
        body = "\n\n".join(
            [
                _("Hello,"),
                _(
                    "%(name)s invites you to plan media literacy lessons together in the year "
                    "planner of %(school)s. Choose your name and a password through this link:",
                    name=inviter,
                    school=school.name,
                ),
                link,
                _(
                    "The link works once and expires in %(days)s days. Did you not expect this "
                    "message? Then you can ignore it.",
                    days=INVITATION_DAYS,
                ),
            ]
        )
    send_mail([email], subject, body)


def send_reset_link(school: School, email: str, link: str) -> None:
    """A link to choose a new password; raises MailError when the mail server refuses."""
    with force_locale(school.locale):
        subject = _("Choose a new password for the media literacy year planner")
        body = "\n\n".join(
            [
                _("Hello,"),
                _(
                    "Someone asked for a new password for your account at %(school)s. Choose "
                    "one through this link:",
                    school=school.name,
                ),
                link,
                _(
                    "The link works once and expires in %(hours)s hours. Did you not ask for "
                    "it? Then you can ignore this message: your password stays as it is.",
                    hours=RESET_LINK_HOURS,
                ),
            ]
        )
    send_mail([email], subject, body)
