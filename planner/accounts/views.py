"""Logging in and out, passwords, and inviting colleagues."""

from __future__ import annotations

from flask import (
    Blueprint,
    Flask,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from planner.accounts import operations
from planner.accounts.forms import AcceptInvitationForm, InviteForm, LoginForm, PasswordForm
from planner.accounts.models import Invitation, Role
from planner.accounts.permissions import coordinator_required, own, staff_required
from planner.core.limits import SMALL_FORM, body_limit
from planner.core.redirects import safe_next
from planner.extensions import db, login_manager
from planner.schools.operations import school_count

bp = Blueprint("accounts", __name__)


@bp.route("/inloggen", methods=["GET", "POST"])
@body_limit(SMALL_FORM)
def login() -> str | Response:
    """Log in with e-mail address and password."""
    if current_user.is_authenticated:
        return redirect(url_for("core.home"))
    if school_count() == 0:
        return redirect(url_for("schools.setup"))
    form = LoginForm()
    status = 400 if form.is_submitted() else 200
    if form.validate_on_submit():
        client = request.remote_addr or ""
        wait = operations.login_wait_minutes(form.email.data, client)
        if wait:
            form.password.errors.append(
                ngettext(
                    "Too many failed attempts. Try again in %(num)d minute, or ask your "
                    "coordinator to send you a new invitation.",
                    "Too many failed attempts. Try again in %(num)d minutes, or ask your "
                    "coordinator to send you a new invitation.",
                    wait,
                )
            )
            response = make_response(render_template("accounts/login.html", form=form), 429)
            response.headers["Retry-After"] = str(wait * 60)
            return response
        user = operations.authenticate(form.email.data, form.password.data)
        if user is not None:
            operations.clear_failed_logins(form.email.data)
            db.session.commit()
            login_user(user)
            return redirect(safe_next(request.args.get("next")), code=303)
        operations.record_failed_login(form.email.data, client)
        db.session.commit()
        form.password.errors.append(_("E-mail address or password is not right."))
    return render_template("accounts/login.html", form=form), status


@bp.post("/uitloggen")
def logout() -> Response:
    """Log out and go to the login page."""
    logout_user()
    flash(_("You are logged out."), "success")
    return redirect(url_for("accounts.login"), code=303)


@bp.route("/account/wachtwoord", methods=["GET", "POST"])
@login_required
def change_password() -> str | Response:
    """Change your own password; other sessions end."""
    form = PasswordForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            form.current.errors.append(_("This is not your current password."))
        else:
            operations.change_password(current_user, form.password.data)
            db.session.commit()
            login_user(current_user)
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("core.home"), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template("accounts/password.html", form=form), status


@bp.get("/school/collegas")
@staff_required
def colleagues() -> str:
    """The school's staff and, for the coordinator, open invitations."""
    invitations = (
        operations.open_invitations(current_user.school) if current_user.is_coordinator else []
    )
    return render_template(
        "accounts/colleagues.html",
        users=operations.colleagues(current_user.school),
        invitations=invitations,
        form=InviteForm(),
        link=None,
    )


@bp.post("/school/collegas/uitnodigen")
@coordinator_required
def invite() -> str | Response:
    """Make a one-time invitation link for a colleague."""
    form = InviteForm()
    link = None
    status = 400
    if form.validate_on_submit():
        _invitation, token = operations.invite(
            current_user.school, form.email.data, Role(form.role.data), current_user
        )
        db.session.commit()
        link = url_for("accounts.accept", token=token, _external=True)
        form = InviteForm(formdata=None)
        status = 201
    return render_template(
        "accounts/colleagues.html",
        users=operations.colleagues(current_user.school),
        invitations=operations.open_invitations(current_user.school),
        form=form,
        link=link,
    ), status


@bp.post("/school/uitnodigingen/<int:invitation_id>/intrekken")
@coordinator_required
def revoke(invitation_id: int) -> Response:
    """Withdraw an invitation: its link stops working."""
    operations.revoke_invitation(own(Invitation, invitation_id))
    db.session.commit()
    flash(_("The invitation has been withdrawn."), "success")
    return redirect(url_for("accounts.colleagues"), code=303)


@bp.route("/uitnodiging/<token>", methods=["GET", "POST"])
def accept(token: str) -> str | Response:
    """A colleague accepts an invitation: chooses a name and password."""
    try:
        invitation = operations.find_invitation(token)
    except operations.InvitationInvalidError:
        return render_template("accounts/invitation_invalid.html"), 404
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        user = operations.accept_invitation(token, name=form.name.data, password=form.password.data)
        db.session.commit()
        login_user(user)
        flash(_("Welcome! Your account is ready."), "success")
        return redirect(url_for("core.home"), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template("accounts/accept.html", form=form, invitation=invitation), status


def init_login(app: Flask) -> None:
    """Connect Flask-Login to the accounts."""
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Log in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.user_loader(operations.load_user)
