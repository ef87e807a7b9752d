"""Logging in and out, passwords, inviting colleagues and managing their accounts."""

from __future__ import annotations

from contextlib import suppress

from flask import (
    Blueprint,
    Flask,
    flash,
    g,
    has_request_context,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_required, logout_user
from werkzeug.wrappers import Response

from planner import clock
from planner.accounts import emails, operations, sessions
from planner.accounts.forms import (
    AcceptInvitationForm,
    ForgotPasswordForm,
    InviteForm,
    LoginForm,
    PasswordForm,
    ResetPasswordForm,
    RoleForm,
)
from planner.accounts.models import Invitation, Role, User
from planner.accounts.permissions import coordinator_required, own, staff_required
from planner.core.limits import SMALL_FORM, body_limit
from planner.core.redirects import safe_next
from planner.errors import DomainError
from planner.extensions import db, login_manager
from planner.mail import MailError, mail_enabled
from planner.retention import apply_retention
from planner.schools.models import School
from planner.schools.operations import school_count
from planner.web import sessions as web_sessions
from planner.web.locale import use_school
from planner.web.messages import describe
from planner.web.pages import form_page, form_status, saved

bp = Blueprint("accounts", __name__)


def _client() -> str:
    return request.remote_addr or ""


def _too_many(wait: int) -> str:
    return ngettext(
        "Too many failed attempts. Try again in %(num)d minute, or choose a new password "
        "with “Forgot your password?”.",
        "Too many failed attempts. Try again in %(num)d minutes, or choose a new password "
        "with “Forgot your password?”.",
        wait,
    )


@bp.route("/inloggen", methods=["GET", "POST"])
@body_limit(SMALL_FORM)
def login() -> str | Response:
    """Log in with e-mail address and password."""
    if current_user.is_authenticated:
        return redirect(url_for("start.home"))
    if school_count() == 0:
        return redirect(url_for("schools.setup"))
    form = LoginForm()
    status = form_status(form)
    if form.validate_on_submit():
        wait = operations.login_wait_minutes(form.email.data, _client())
        if wait:
            form.password.errors.append(_too_many(wait))
            response = make_response(render_template("accounts/login.html", form=form), 429)
            response.headers["Retry-After"] = str(wait * 60)
            return response
        user = operations.authenticate(form.email.data, form.password.data)
        if user is not None:
            operations.clear_failed_logins(form.email.data)
            # A school's old change log, undo steps and parents' questions go at its logins.
            apply_retention(user.school_id, clock.utcnow(), clock.today())
            web_sessions.sign_in(user)
            return redirect(safe_next(request.args.get("next")), code=303)
        operations.record_failed_login(form.email.data, _client())
        db.session.commit()
        form.password.errors.append(_("E-mail address or password is not right."))
    return render_template("accounts/login.html", form=form), status


@bp.post("/uitloggen")
def logout() -> Response:
    """Log out and go to the login page; the session ends on the server too."""
    if current_user.is_authenticated:
        sessions.end_session(current_user)
        db.session.commit()
    logout_user()
    flash(_("You are logged out."), "success")
    return redirect(url_for("accounts.login"), code=303)


@bp.post("/account/overal-uitloggen")
@login_required
def logout_everywhere() -> Response:
    """End every session of the signed-in person, on every computer and phone."""
    sessions.end_all_sessions(current_user)
    db.session.commit()
    logout_user()
    flash(_("You are logged out on every computer and phone."), "success")
    return redirect(url_for("accounts.login"), code=303)


@bp.route("/account/wachtwoord", methods=["GET", "POST"])
@login_required
def change_password() -> str | Response | tuple[str, int]:
    """Your account: change your password (other sessions end), or log out everywhere."""
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            right = operations.verify_password_again(current_user, form.current.data, _client())
        except operations.TooManyAttemptsError as error:
            form.current.errors.append(_too_many(int(error.params["minutes"])))
            return render_template("accounts/password.html", form=form), 429
        if not right:
            db.session.commit()  # the wrong try counts
            form.current.errors.append(_("This is not your current password."))
        else:
            operations.change_password(current_user, form.password.data)
            return saved(_("Your password has been changed."), url_for("start.home"))
    return form_page("accounts/password.html", form)


# --- colleagues -----------------------------------------------------------------------------


def _colleagues_page(form: InviteForm | None = None, status: int = 200, **context: object):
    """The staff list; for coordinators also open invitations and what they can change."""
    school = current_user.school
    coordinator = current_user.is_coordinator
    page = render_template(
        "accounts/colleagues.html",
        users=operations.colleagues(school, inactive=coordinator),
        invitations=operations.open_invitations(school) if coordinator else [],
        form=form or InviteForm(formdata=None),
        role_form=RoleForm(formdata=None),
        mail=mail_enabled(),
        **{"link": None, "reset_link": None, "reset_for": None, **context},
    )
    return page, status


@bp.get("/school/collegas")
@staff_required
def colleagues() -> tuple[str, int]:
    """The school's staff and, for the coordinator, invitations and account management."""
    return _colleagues_page()


def _mailed(send, *args: object) -> bool:
    """Send an e-mail when this installation can; False (and a flash) when it failed."""
    if not mail_enabled():
        return False
    try:
        send(*args)
    except MailError:
        flash(_("The e-mail could not be sent. Pass on the link below yourself."), "error")
        return False
    return True


@bp.post("/school/collegas/uitnodigen")
@coordinator_required
def invite() -> tuple[str, int]:
    """Make a one-time invitation link for a colleague; e-mailed when e-mail is set up."""
    form = InviteForm()
    if not form.validate_on_submit():
        return _colleagues_page(form, 400)
    school = current_user.school
    _invitation, token = operations.invite(
        school, form.email.data, Role(form.role.data), current_user
    )
    db.session.commit()
    link = url_for("accounts.accept", token=token, _external=True)
    if _mailed(emails.send_invitation, school, form.email.data, current_user.name, link):
        flash(_("The invitation has been sent to %(email)s.", email=form.email.data), "success")
        return _colleagues_page(status=201)
    return _colleagues_page(status=201, link=link)


@bp.post("/school/uitnodigingen/<int:invitation_id>/intrekken")
@coordinator_required
def revoke(invitation_id: int) -> Response:
    """Withdraw an invitation: its link stops working."""
    operations.revoke_invitation(own(Invitation, invitation_id))
    return saved(_("The invitation has been withdrawn."), url_for("accounts.colleagues"))


def _back_to_colleagues() -> Response:
    return redirect(url_for("accounts.colleagues"), code=303)


def _refused(error: DomainError) -> Response:
    db.session.rollback()
    flash(describe(error), "error")
    return _back_to_colleagues()


@bp.post("/school/collegas/<int:user_id>/deactiveren")
@coordinator_required
def deactivate(user_id: int) -> Response:
    """A colleague who left: can no longer log in, and is logged out everywhere."""
    user = own(User, user_id)
    try:
        operations.deactivate(user, current_user)
    except operations.AccountError as error:
        return _refused(error)
    db.session.commit()
    flash(_("%(name)s can no longer log in.", name=user.name), "success")
    return _back_to_colleagues()


@bp.post("/school/collegas/<int:user_id>/activeren")
@coordinator_required
def reactivate(user_id: int) -> Response:
    """A deactivated colleague can log in again."""
    user = own(User, user_id)
    operations.reactivate(user)
    db.session.commit()
    flash(
        _(
            "%(name)s can log in again. Send a password link if they no longer know it.",
            name=user.name,
        ),
        "success",
    )
    return _back_to_colleagues()


@bp.post("/school/collegas/<int:user_id>/rol")
@coordinator_required
def change_role(user_id: int) -> Response:
    """Give a colleague another role; the school keeps at least one coordinator."""
    user = own(User, user_id)
    form = RoleForm()
    if not form.validate_on_submit():
        flash(_("Choose a role."), "error")
        return _back_to_colleagues()
    try:
        operations.change_role(user, Role(form.role.data))
    except operations.AccountError as error:
        return _refused(error)
    db.session.commit()
    flash(_("The role of %(name)s has been changed.", name=user.name), "success")
    return _back_to_colleagues()


@bp.post("/school/collegas/<int:user_id>/wachtwoordlink")
@coordinator_required
def send_reset(user_id: int) -> Response | tuple[str, int]:
    """A link with which a colleague chooses a new password; e-mailed when e-mail is set up."""
    user = own(User, user_id)
    try:
        token = operations.reset_link(user, made_by=current_user)
    except operations.AccountError as error:
        return _refused(error)
    db.session.commit()
    link = url_for("accounts.reset_password", token=token, _external=True)
    if _mailed(emails.send_reset_link, current_user.school, user.email, link):
        flash(_("A password link has been sent to %(email)s.", email=user.email), "success")
        return _back_to_colleagues()
    return _colleagues_page(status=201, reset_link=link, reset_for=user)


# --- links for people who are not logged in ----------------------------------------------------


@bp.route("/uitnodiging/<token>", methods=["GET", "POST"])
@body_limit(SMALL_FORM)
def accept(token: str) -> str | Response | tuple[str, int]:
    """A colleague accepts an invitation: chooses a name and password."""
    try:
        invitation = operations.find_invitation(token)
    except operations.InvitationInvalidError:
        return render_template("accounts/invitation_invalid.html"), 404
    school = db.session.get(School, invitation.school_id)
    use_school(school)  # the new colleague's school
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        user = operations.accept_invitation(token, name=form.name.data, password=form.password.data)
        web_sessions.sign_in(user)
        flash(_("Welcome! Your account is ready."), "success")
        return redirect(url_for("start.home"), code=303)
    inviter = db.session.get(User, invitation.created_by_id) if invitation.created_by_id else None
    return form_page(
        "accounts/accept.html",
        form,
        invitation=invitation,
        invited_school=school,
        inviter=inviter if inviter is not None and inviter.active else None,
    )


@bp.route("/wachtwoord-vergeten", methods=["GET", "POST"])
@body_limit(SMALL_FORM)
def forgot_password() -> str | Response | tuple[str, int]:
    """Ask for a link to choose a new password, sent to the address of the account."""
    if current_user.is_authenticated:
        return redirect(url_for("accounts.change_password"))
    form = ForgotPasswordForm()
    if not mail_enabled():
        return render_template("accounts/forgot.html", form=None), 200
    if form.validate_on_submit():
        found = operations.forgotten_password_link(form.email.data)
        db.session.commit()
        if found is not None:
            user, token = found
            link = url_for("accounts.reset_password", token=token, _external=True)
            # The page says the same either way: it tells nobody who has an account.
            with suppress(MailError):
                emails.send_reset_link(user.school, user.email, link)
        # The same answer whether or not the address has an account.
        return render_template("accounts/forgot.html", form=None, sent=True), 200
    return form_page("accounts/forgot.html", form)


@bp.route("/wachtwoord-herstellen/<token>", methods=["GET", "POST"])
@body_limit(SMALL_FORM)
def reset_password(token: str) -> str | Response | tuple[str, int]:
    """Choose a new password through a link; it works once."""
    try:
        reset = operations.find_reset(token)
    except operations.InvitationInvalidError:
        return render_template("accounts/reset_invalid.html"), 404
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            user = operations.use_reset_link(token, form.password.data)
        except operations.InvitationInvalidError:
            db.session.rollback()
            return render_template("accounts/reset_invalid.html"), 404
        if current_user.is_authenticated:
            logout_user()
        web_sessions.sign_in(user)
        flash(_("Your new password is set. You are logged in."), "success")
        return redirect(url_for("start.home"), code=303)
    user = db.session.get(User, reset.user_id)
    return form_page("accounts/reset.html", form, user=user)


def current_actor() -> tuple[int | None, str | None]:
    """Who makes the changes of this request, for the change log: the signed-in user as
    Flask-Login already loaded them (asking `current_user` here could load it mid-flush)."""
    user = g.get("_login_user") if has_request_context() else None
    if user is None or not getattr(user, "is_authenticated", False):
        return None, None
    return user.id, user.name


def init_login(app: Flask) -> None:
    """Connect Flask-Login to the accounts, and end sessions that stayed unused."""
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Log in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.user_loader(sessions.load_user)
    web_sessions.init_sessions(app)
