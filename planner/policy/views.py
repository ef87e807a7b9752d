"""Policy pages: the policy check, contacts, agreements, incidents, handout and evidence."""

from __future__ import annotations

from collections import Counter
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from planner import clock
from planner.accounts import operations as accounts
from planner.accounts.models import Role
from planner.accounts.permissions import (
    can_edit_class,
    coordinator_required,
    own,
    roles_required,
    staff_required,
)
from planner.catalogue import operations as catalogue
from planner.errors import DomainError
from planner.extensions import db
from planner.policy import agreements as agreement_ops
from planner.policy import check as check_ops
from planner.policy import contacts as contact_ops
from planner.policy import evidence as evidence_ops
from planner.policy import incidents as incident_ops
from planner.policy import proposals as proposal_ops
from planner.policy import references as reference_ops
from planner.policy.errors import PolicyError
from planner.policy.forms import (
    AgreementsForm,
    ContactForm,
    IncidentEditForm,
    IncidentForm,
    PolicyItemForm,
    RetentionForm,
)
from planner.policy.models import (
    AgreementAudience,
    Contact,
    ContactRole,
    Incident,
    IncidentKind,
    PolicyStatus,
)
from planner.schools import operations as schools
from planner.schools.forms import options
from planner.schools.models import SchoolClass
from planner.web.messages import describe
from planner.web.year import selected_year

bp = Blueprint(
    "policy",
    __name__,
    url_prefix="/school",
    static_folder="static",
    static_url_path="/beleid-static",
)

class_staff_required = roles_required(Role.COORDINATOR, Role.TEACHER)


def _today() -> date:
    return clock.today()


@bp.app_context_processor
def policy_words() -> dict[str, object]:
    """Templates can name policy statuses, contact roles, incident kinds and audiences."""
    return {
        "policy_status_label": lambda status: str(
            check_ops.STATUS_LABELS.get(PolicyStatus(status), "") if status else _("Not checked")
        ),
        "contact_title": contact_ops.contact_title,
        "incident_kind_label": lambda kind: str(incident_ops.KIND_LABELS[IncidentKind(kind)]),
        "audience_label": lambda audience: str(
            agreement_ops.AUDIENCE_LABELS[AgreementAudience(audience)]
        ),
    }


def _refuse(message: str, target: Response) -> Response:
    db.session.rollback()
    flash(message, "error")
    return target


# --- the policy check ---------------------------------------------------------------------


def _item_form(row: check_ops.PolicyRow) -> PolicyItemForm:
    form = PolicyItemForm(prefix=row.question.key, formdata=None)
    form.owner_id.choices = _owner_choices()
    if row.item is not None:
        form.status.data = row.item.status
        form.owner_id.data = row.item.owner_id or 0
        form.owner_name.data = row.item.owner_name
        form.review_on.data = row.item.review_on
        form.note.data = row.item.note
    return form


def _owner_choices():
    colleagues = accounts.colleagues(current_user.school)
    return options([(0, "—"), *[(u.id, u.name) for u in colleagues]])


@bp.get("/beleid")
@staff_required
def check() -> str:
    """The policy check: every question with its status, owner, review date and proposals."""
    return render_template("policy/check.html", **_check_context())


def _check_context() -> dict[str, object]:
    school = current_user.school
    year = selected_year()
    rows = check_ops.policy_rows(school)
    proposals = {
        row.question.key: proposal_ops.proposals_for(school, row.question.key, year)
        for row in rows
        if row.status in (PolicyStatus.MISSING, PolicyStatus.IN_PROGRESS)
    }
    forms = (
        {row.question.key: _item_form(row) for row in rows} if current_user.is_coordinator else {}
    )
    shown = {
        row.question.key: proposal_ops.status_shown(row.status, proposals.get(row.question.key, []))
        for row in rows
    }
    return {
        "rows": rows,
        "proposals": proposals,
        "forms": forms,
        "shown": shown,
        "counts": Counter(status or "" for status in shown.values()),
        "today": _today(),
        "year": year,
    }


@bp.post("/beleid/<key>")
@coordinator_required
def save_item(key: str) -> Response:
    """Save the status, owner, review date and note of one policy question."""
    if check_ops.question(key) is None:
        abort(404)
    school = current_user.school
    back = redirect(url_for("policy.check") + f"#q-{key}", code=303)
    form = PolicyItemForm(prefix=key)
    form.owner_id.choices = _owner_choices()
    if not form.validate_on_submit():
        return _refuse(_form_errors(form), back)
    existing = check_ops.policy_items(school).get(key)
    if existing is not None and request.form.get("version") != str(existing.version):
        return _refuse(_("Someone else changed this question meanwhile. Here is the latest."), back)
    owner = None
    if form.owner_id.data:
        owner = next((u for u in accounts.colleagues(school) if u.id == form.owner_id.data), None)
    try:
        check_ops.save_policy_item(
            school,
            key,
            status=PolicyStatus(form.status.data),
            owner=owner,
            owner_name=form.owner_name.data,
            review_on=form.review_on.data,
            note=form.note.data,
        )
        db.session.commit()
    except StaleDataError:
        return _refuse(_("Someone else changed this question meanwhile. Here is the latest."), back)
    flash(_("Saved."), "success")
    return back


@bp.post("/beleid/<key>/voorstel/<int:index>")
@coordinator_required
def apply_proposal(key: str, index: int) -> Response:
    """Place a proposal in the plan: a team item for the whole school, or lessons per class."""
    if check_ops.question(key) is None:
        abort(404)
    back = redirect(url_for("policy.check") + f"#q-{key}", code=303)
    try:
        placement = proposal_ops.apply_proposal(
            current_user.school, key, index, selected_year(), _today()
        )
    except DomainError as error:
        return _refuse(describe(error), back)
    db.session.commit()
    if placement.added:
        first = placement.added[0]
        flash(
            _(
                "Placed in the plan on %(day)s (%(n)s entries).",
                day=format_date(first.day, format="full"),
                n=len(placement.added),
            ),
            "success",
        )
    else:
        flash(_("This is already in the plan."), "success")
    return back


@bp.get("/beleid/afdrukken")
@staff_required
def check_print() -> str:
    """The policy check on paper, for the team meeting and the school leader."""
    return render_template("policy/check_print.html", **_check_context())


@bp.get("/beleid/handout")
@staff_required
def handout() -> str:
    """A handout for parents: the agreements, the school's contacts and the help lines."""
    return render_template(
        "policy/handout.html", **agreement_ops.handout_context(current_user.school)
    )


# --- contacts -----------------------------------------------------------------------------


@bp.get("/contacten")
@staff_required
def contacts() -> str:
    """The people the school works with on online safety, and how to reach them."""
    school = current_user.school
    return render_template("policy/contacts.html", contacts=contact_ops.contacts_of(school))


def _contact_form(contact: Contact | None) -> ContactForm:
    country = current_user.school.country
    form = ContactForm()
    form.role.choices = options(
        [
            (role.value, contact_ops.role_label(role, country))
            for role in contact_ops.contact_roles(country)
        ]
    )
    if contact is not None and request.method == "GET":
        form.role.data = contact.role
        form.label.data = contact.label
        form.name.data = contact.name
        form.phone.data = contact.phone
        form.email.data = contact.email
        form.note.data = contact.note
        form.on_handout.data = contact.on_handout
    return form


def _save_contact(form: ContactForm, contact: Contact) -> bool:
    try:
        contact_ops.save_contact(
            current_user.school,
            contact,
            role=ContactRole(form.role.data),
            label=form.label.data,
            name=form.name.data,
            phone=form.phone.data,
            email=form.email.data,
            note=form.note.data,
            on_handout=form.on_handout.data,
        )
    except DomainError as error:
        db.session.rollback()
        form.name.errors = [*form.name.errors, describe(error)]
        return False
    db.session.commit()
    return True


@bp.route("/contacten/nieuw", methods=["GET", "POST"])
@coordinator_required
def new_contact() -> str | Response | tuple[str, int]:
    """Add a contact: a role, and only what is needed to reach them."""
    form = _contact_form(None)
    if form.validate_on_submit() and _save_contact(form, Contact()):
        flash(_("Contact added."), "success")
        return redirect(url_for("policy.contacts"), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template("policy/contact_form.html", form=form, contact=None), status


@bp.route("/contacten/<int:contact_id>", methods=["GET", "POST"])
@coordinator_required
def edit_contact(contact_id: int) -> str | Response | tuple[str, int]:
    """Change a contact."""
    contact = own(Contact, contact_id)
    form = _contact_form(contact)
    if form.validate_on_submit() and _save_contact(form, contact):
        flash(_("Contact saved."), "success")
        return redirect(url_for("policy.contacts"), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template("policy/contact_form.html", form=form, contact=contact), status


@bp.post("/contacten/<int:contact_id>/verwijderen")
@coordinator_required
def delete_contact(contact_id: int) -> Response:
    """Remove a contact."""
    contact_ops.delete_contact(own(Contact, contact_id))
    db.session.commit()
    flash(_("Contact removed."), "success")
    return redirect(url_for("policy.contacts"), code=303)


# --- agreements ---------------------------------------------------------------------------


@bp.get("/afspraken")
@staff_required
def agreements() -> str:
    """The school's agreements on online behaviour, for pupils, parents and staff."""
    return render_template(
        "policy/agreements.html",
        agreements=agreement_ops.agreements_of(current_user.school),
        classes=schools.active_classes(current_user.school),
    )


@bp.route("/afspraken/bewerken", methods=["GET", "POST"])
@coordinator_required
def edit_agreements() -> str | Response | tuple[str, int]:
    """Change the agreements; they start from sensible defaults."""
    school = current_user.school
    form = AgreementsForm()
    if request.method == "GET":
        for audience, agreement in agreement_ops.agreements_of(school).items():
            form[audience.value].data = agreement.text
    if form.validate_on_submit():
        agreement_ops.save_agreements(school, form.texts())
        db.session.commit()
        flash(_("Agreements saved."), "success")
        return redirect(url_for("policy.agreements"), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template("policy/agreements_form.html", form=form), status


@bp.get("/afspraken/poster")
@staff_required
def poster() -> str:
    """The pupils' agreements as a class poster: big friendly type on A4."""
    school = current_user.school
    wanted = request.args.get("klas", "")
    school_class = next((c for c in schools.active_classes(school) if str(c.id) == wanted), None)
    low, high = agreement_ops.PRIMARY_AGES
    return render_template(
        "policy/poster.html",
        agreement=agreement_ops.agreements_of(school)[AgreementAudience.PUPILS],
        school_class=school_class,
        helplines=catalogue.helplines_for(school.country, low, high, "pupils"),
    )


# --- incidents ----------------------------------------------------------------------------


def _editable_classes() -> list[SchoolClass]:
    return [
        c for c in schools.active_classes(current_user.school) if can_edit_class(current_user, c)
    ]


def _visible_incident(incident_id: int) -> Incident:
    incident = own(Incident, incident_id)
    if not incident_ops.can_see_incident(current_user, incident):
        abort(403)
    return incident


@bp.get("/incidenten")
@class_staff_required
def incidents() -> str:
    """Incidents in your classes (the coordinator: all), after deleting expired records."""
    if incident_ops.purge_expired(_today(), current_user.school):
        db.session.commit()
    return render_template(
        "policy/incidents.html",
        incidents=incident_ops.incidents_for(current_user),
        retention=incident_ops.retention_days(current_user.school),
        can_record=bool(_editable_classes()),
        today=_today(),
    )


@bp.route("/incidenten/nieuw", methods=["GET", "POST"])
@class_staff_required
def new_incident() -> str | Response | tuple[str, int]:
    """Record that an online incident happened in one of your classes, without names."""
    classes = _editable_classes()
    form = IncidentForm()
    placeholder = [(0, _("Choose a class"))] if len(classes) > 1 else []
    form.class_id.choices = options(placeholder + [(c.id, c.name) for c in classes])
    if request.method == "GET":
        form.happened_on.data = _today()
        if len(classes) == 1:
            form.class_id.data = classes[0].id
    if form.validate_on_submit():
        school_class = next(c for c in classes if c.id == form.class_id.data)
        if _valid_dates(form):
            try:
                incident = incident_ops.record_incident(
                    school_class,
                    happened_on=form.happened_on.data,
                    kind=IncidentKind(form.kind.data),
                    summary=form.summary.data,
                    follow_up_on=form.follow_up_on.data,
                    recorded_by=current_user,
                    today=_today(),
                )
            except DomainError as error:
                db.session.rollback()
                form.summary.errors = [*form.summary.errors, describe(error)]
            else:
                db.session.commit()
                flash(_("Incident recorded. Work through the protocol below."), "success")
                return redirect(url_for("policy.incident", incident_id=incident.id), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template("policy/incident_form.html", form=form, classes=classes), status


def _valid_dates(form: IncidentForm) -> bool:
    """The incident date rule (planner/policy/incidents.py), shown at the fields it concerns."""
    problems = incident_ops.date_problems(form.happened_on.data, form.follow_up_on.data, _today())
    for name, code in problems.items():
        getattr(form, name).errors = [describe(PolicyError(code))]
    return not problems


def _incident_page(incident: Incident, form: IncidentEditForm, status: int = 200):
    protocol = reference_ops.school_protocol()
    done = {step.step_key: step for step in incident.steps}
    phases = reference_ops.protocol_phases(protocol, incident.school_class.school.country)
    first_actions = catalogue.get_item(
        "eerste-acties-online-gepest-vlaanderen"
        if incident.school_class.school.country == "BE"
        else "eerste-acties-online-gepest"
    )
    page = render_template(
        "policy/incident.html",
        incident=incident,
        form=form,
        protocol=protocol,
        phases=phases,
        done=done,
        steps_total=sum(len(phase.steps) for phase in phases),
        suggestions=incident_ops.follow_up_suggestions(incident),
        contacts=contact_ops.contacts_of(current_user.school),
        first_actions=first_actions,
        today=_today(),
    )
    return page, status


@bp.route("/incidenten/<int:incident_id>", methods=["GET", "POST"])
@class_staff_required
def incident(incident_id: int) -> tuple[str, int] | Response:
    """One incident: the protocol to tick, follow-up for the class, the record itself."""
    incident = _visible_incident(incident_id)
    form = IncidentEditForm()
    if request.method == "GET":
        form.happened_on.data = incident.happened_on
        form.kind.data = incident.kind
        form.summary.data = incident.summary
        form.follow_up_on.data = incident.follow_up_on
    if form.validate_on_submit() and _valid_dates(form):
        back = redirect(url_for("policy.incident", incident_id=incident.id), code=303)
        if request.form.get("version") != str(incident.version):
            return _refuse(
                _("Someone else changed this record meanwhile. Here is the latest."), back
            )
        try:
            incident_ops.update_incident(
                incident,
                happened_on=form.happened_on.data,
                kind=IncidentKind(form.kind.data),
                summary=form.summary.data,
                follow_up_on=form.follow_up_on.data,
                today=_today(),
            )
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            form.summary.errors = [*form.summary.errors, describe(error)]
            return _incident_page(incident, form, 400)
        except StaleDataError:
            return _refuse(
                _("Someone else changed this record meanwhile. Here is the latest."), back
            )
        flash(_("Saved."), "success")
        return back
    return _incident_page(incident, form, 400 if form.is_submitted() else 200)


@bp.post("/incidenten/<int:incident_id>/stappen")
@class_staff_required
def tick_steps(incident_id: int) -> Response:
    """Save which protocol steps are done, each with its date."""
    incident = _visible_incident(incident_id)
    back = redirect(url_for("policy.incident", incident_id=incident.id) + "#protocol", code=303)
    today = _today()
    done: dict[str, date] = {}
    for key in request.form.getlist("step"):
        raw = request.form.get(f"date-{key}", "").strip()
        try:
            done[key] = date.fromisoformat(raw) if raw else today
        except ValueError:
            return _refuse(_("Enter the dates as day, month and year."), back)
    phases = reference_ops.protocol_phases(
        reference_ops.school_protocol(), incident.school_class.school.country
    )
    try:
        incident_ops.tick_steps(incident, done, phases, today)
        db.session.commit()
    except DomainError as error:
        return _refuse(describe(error), back)
    except StaleDataError:
        return _refuse(_("Someone else changed this record meanwhile. Here is the latest."), back)
    flash(_("Protocol saved: %(n)s steps done.", n=len(incident.steps)), "success")
    return back


@bp.post("/incidenten/<int:incident_id>/vervolg")
@class_staff_required
def place_follow_up(incident_id: int) -> Response:
    """Put a suggested follow-up in the class plan on the next school day."""
    incident = _visible_incident(incident_id)
    back = redirect(url_for("policy.incident", incident_id=incident.id) + "#follow-up", code=303)
    try:
        entry = incident_ops.place_follow_up(incident, request.form.get("slug", ""), _today())
    except DomainError as error:
        return _refuse(describe(error), back)
    db.session.commit()
    flash(
        _(
            "Added to the plan of %(name)s on %(day)s.",
            name=incident.school_class.name,
            day=format_date(entry.day, format="full"),
        ),
        "success",
    )
    return back


@bp.post("/incidenten/<int:incident_id>/afsluiten")
@class_staff_required
def close_incident(incident_id: int) -> Response:
    """Close an incident; its record is deleted after the school's retention period."""
    incident = _visible_incident(incident_id)
    incident_ops.close_incident(incident, _today())
    db.session.commit()
    flash(
        _(
            "Incident closed. The record is deleted %(n)s days from now.",
            n=incident_ops.retention_days(current_user.school),
        ),
        "success",
    )
    return redirect(url_for("policy.incidents"), code=303)


@bp.post("/incidenten/<int:incident_id>/heropenen")
@class_staff_required
def reopen_incident(incident_id: int) -> Response:
    """Open a closed incident again, e.g. when the bullying starts again."""
    incident = _visible_incident(incident_id)
    incident_ops.reopen_incident(incident)
    db.session.commit()
    flash(_("Incident opened again."), "success")
    return redirect(url_for("policy.incident", incident_id=incident.id), code=303)


@bp.route("/incidenten/bewaartermijn", methods=["GET", "POST"])
@coordinator_required
def retention() -> str | Response | tuple[str, int]:
    """How long closed incident records are kept."""
    school = current_user.school
    form = RetentionForm()
    if request.method == "GET":
        form.retention_days.data = incident_ops.retention_days(school)
    if form.validate_on_submit():
        incident_ops.set_retention_days(school, form.retention_days.data)
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("policy.incidents"), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template("policy/retention.html", form=form), status


# --- evidence -----------------------------------------------------------------------------


@bp.get("/verantwoording")
@staff_required
def evidence() -> str:
    """One page per school year: planned and done, the policy status, incidents by kind."""
    school = current_user.school
    return render_template(
        "policy/evidence.html", evidence=evidence_ops.evidence(school, selected_year())
    )


def _form_errors(form) -> str:
    return " ".join(
        f"{form[name].label.text}: {error}"
        for name, errors in form.errors.items()
        for error in errors
        if name in form
    ) or _("The request could not be understood.")
