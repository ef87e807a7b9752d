"""Parent-evening pages: organise the evening, and the parents' public response page."""

from __future__ import annotations

from datetime import date, time

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.wrappers import Response

from planner import clock
from planner import grades as grade_map
from planner.accounts.permissions import coordinator_required, own, staff_required
from planner.catalogue import operations as catalogue
from planner.catalogue.operations import CatalogueQuery, search
from planner.core.limits import SMALL_FORM, body_limit
from planner.core.routing import parse_id
from planner.evenings import operations
from planner.evenings.forms import (
    BlockForm,
    ChecklistForm,
    EveningForm,
    InvitationForm,
    InvitationMailForm,
    MinutesForm,
    ResponseForm,
    split_addresses,
)
from planner.evenings.models import ChecklistItem, EveningResponse, ParentEvening, ProgrammeBlock
from planner.extensions import db
from planner.i18n import current_locale
from planner.mail import MailError, mail_enabled, send_mail
from planner.policy.agreements import handout_context
from planner.schools.forms import options
from planner.schools.models import School
from planner.web.locale import use_school
from planner.web.messages import describe
from planner.web.pages import form_status, saved
from planner.web.year import selected_year

bp = Blueprint("evenings", __name__)

PROVIDER_KINDS = ("guest_session", "parent_evening")  # where a speaker can come from


@bp.app_context_processor
def evening_words() -> dict[str, object]:
    """Templates can find the real evening behind a plan's parent-evening entry."""
    return {"evening_for_entry": operations.evening_for_entry}


def _catalogue_items(kind: str) -> list:
    """Items of one kind for the school: curated and its own, of its country."""
    query = CatalogueQuery(
        facets={"kind": frozenset({kind})},
        school_id=current_user.school_id,
        only_country=current_user.school.country,
    )
    return search(query, with_facets=False).items


def _evening_form(evening: ParentEvening | None = None) -> EveningForm:
    form = EveningForm(obj=None)
    form.grades.choices = options(
        grade_map.grade_choices(current_locale(), current_user.school.country)
    )
    if evening is not None and request.method == "GET":
        form.title.data, form.day.data = evening.title, evening.day
        form.start_time.data, form.end_time.data = evening.start_time, evening.end_time
        form.place.data, form.grades.data = evening.place, evening.grades
        form.speaker.data, form.max_guests.data = evening.speaker, evening.max_guests
        form.provider.data = evening.provider_item.slug if evening.provider_item else ""
    elif evening is None and request.method == "GET":
        # "Plan it" from a plan's suggested evening brings its date and grades along.
        form.day.data = _date_arg("dag")
        form.grades.data = request.args.getlist("groep", type=int) or None
    return form


def _date_arg(name: str) -> date | None:
    try:
        return date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None


def _fields(form: EveningForm) -> dict[str, object] | None:
    """The evening's fields from a valid form; None (with the error on the field) when the
    provider typed is not in the catalogue."""
    slug = (form.provider.data or "").strip()
    provider = catalogue.get_item(slug, current_user.school_id) if slug else None
    if slug and (provider is None or provider.kind not in PROVIDER_KINDS):
        form.provider.errors.append(_("Choose a provider from the list, or leave this empty."))
        return None
    return {
        "title": form.title.data.strip(),
        "day": form.day.data,
        "start_time": form.start_time.data,
        "end_time": form.end_time.data,
        "place": form.place.data.strip(),
        "grades": sorted(form.grades.data or []),
        "speaker": (form.speaker.data or "").strip() or None,
        "provider_item": provider,
        "max_guests": form.max_guests.data,
    }


@bp.get("/ouderavonden/")
@staff_required
def index() -> str:
    """The school's parent evenings of the selected year."""
    evenings = operations.evenings_of(current_user.school, selected_year())
    return render_template("evenings/index.html", evenings=evenings)


@bp.route("/ouderavonden/nieuw", methods=["GET", "POST"])
@coordinator_required
def new() -> tuple[str, int] | Response:
    """Plan a new parent evening; refused on a day off."""
    form = _evening_form()
    if request.method == "GET":
        # The usual parent evening: from half past seven to nine (the coordinator changes it).
        form.start_time.data, form.end_time.data = time(19, 30), time(21, 0)
    if form.validate_on_submit() and (fields := _fields(form)) is not None:
        try:
            evening = operations.create_evening(current_user.school, **fields)
        except operations.EveningError as error:
            form.day.errors.append(describe(error))
        else:
            return saved(
                _("Parent evening planned. Now put the programme together."),
                url_for("evenings.programme", evening_id=evening.id),
            )
    return _form_page(form, None)


@bp.route("/ouderavonden/<int:evening_id>/gegevens", methods=["GET", "POST"])
@coordinator_required
def edit(evening_id: int) -> tuple[str, int] | Response:
    """Change the date, time, place, audience, speaker or maximum."""
    evening = own(ParentEvening, evening_id)
    form = _evening_form(evening)
    if form.validate_on_submit() and (fields := _fields(form)) is not None:
        if request.form.get("version") != str(evening.version):
            flash(
                _("Someone else changed this evening meanwhile. Here is the latest version."),
                "error",
            )
            return redirect(url_for("evenings.edit", evening_id=evening_id), code=303)
        try:
            operations.update_evening(evening, current_user.school, **fields)
        except operations.EveningError as error:
            db.session.rollback()
            form.day.errors.append(describe(error))
        else:
            return saved(_("Saved."), url_for("evenings.programme", evening_id=evening.id))
    return _form_page(form, evening)


def _form_page(form: EveningForm, evening: ParentEvening | None) -> tuple[str, int]:
    """The evening form, with the providers a speaker can come from (400 after a bad post)."""
    providers = [item for kind in PROVIDER_KINDS for item in _catalogue_items(kind)]
    chosen = evening.provider_item if evening is not None else None
    if chosen is not None and chosen not in providers:
        providers.insert(0, chosen)  # chosen before the catalogue changed: keep it choosable
    page = render_template("evenings/form.html", form=form, evening=evening, providers=providers)
    return page, form_status(form)


def _tab_context(evening: ParentEvening) -> dict[str, object]:
    return {
        "evening": evening,
        "response_url": url_for("evenings.respond", token=evening.response_token, _external=True),
    }


@bp.get("/ouderavonden/<int:evening_id>")
@staff_required
def programme(evening_id: int) -> str:
    """The programme: modules and free blocks with computed times and an overrun warning."""
    evening = own(ParentEvening, evening_id)
    country = current_user.school.country
    ready_made = operations.for_evening(evening, _catalogue_items("parent_evening"), country)
    return render_template(
        "evenings/programme.html",
        **_tab_context(evening),
        timed=operations.timed_programme(evening),
        overrun=operations.overrun_minutes(evening),
        modules=operations.for_evening(evening, _catalogue_items("parent_module"), country),
        ready_made=ready_made,
        suggested=operations.ready_made_for(evening, ready_made),
        block_form=BlockForm(),
    )


def _back(evening: ParentEvening) -> Response:
    return redirect(url_for("evenings.programme", evening_id=evening.id) + "#programme", code=303)


def _refuse(evening: ParentEvening, message: str) -> Response:
    db.session.rollback()
    flash(message, "error")
    return _back(evening)


@bp.post("/ouderavonden/<int:evening_id>/blokken")
@coordinator_required
def add_block(evening_id: int) -> Response:
    """Add a module from the catalogue or a block of your own."""
    evening = own(ParentEvening, evening_id)
    form = BlockForm()
    if not form.validate_on_submit():
        return _refuse(evening, " ".join(str(e) for errors in form.errors.values() for e in errors))
    item = None
    if form.module.data:
        item = catalogue.get_item(form.module.data.strip(), current_user.school_id)
        if item is None:
            return _refuse(evening, _("This item is not in the catalogue."))
    try:
        operations.add_block(
            evening,
            item=item,
            title=form.title.data,
            minutes=form.minutes.data,
            country=current_user.school.country,
        )
    except operations.EveningError as error:
        return _refuse(evening, describe(error))
    db.session.commit()
    return _back(evening)


@bp.post("/ouderavonden/<int:evening_id>/kant-en-klaar")
@coordinator_required
def ready_made(evening_id: int) -> Response:
    """Start from a ready-made evening in the catalogue, then adjust."""
    evening = own(ParentEvening, evening_id)
    item = catalogue.get_item(request.form.get("slug", "").strip(), current_user.school_id)
    if item is None:
        return _refuse(evening, _("This item is not in the catalogue."))
    try:
        operations.start_from_ready_made(evening, item, current_user.school.country)
    except operations.EveningError as error:
        return _refuse(evening, describe(error))
    db.session.commit()
    flash(
        _(
            "The programme of %(title)s is in place; adjust it as you like.",
            title=item.title.get(current_locale()),
        ),
        "success",
    )
    return _back(evening)


def _own_block(evening_id: int, block_id: int) -> tuple[ParentEvening, ProgrammeBlock]:
    evening = own(ParentEvening, evening_id)
    block = db.session.get(ProgrammeBlock, block_id)
    if block is None or block.evening_id != evening.id:
        abort(404)
    return evening, block


@bp.post("/ouderavonden/<int:evening_id>/blokken/<int:block_id>/verschuiven")
@coordinator_required
def move_block(evening_id: int, block_id: int) -> Response:
    """Move a block up or down (buttons that work with the keyboard and without script)."""
    evening, block = _own_block(evening_id, block_id)
    operations.move_block(block, -1 if request.form.get("direction") == "up" else 1)
    db.session.commit()
    return _back(evening)


@bp.post("/ouderavonden/<int:evening_id>/volgorde")
@coordinator_required
def reorder(evening_id: int) -> Response:
    """Put the blocks in a new order at once (after dragging them, or moving with the keys)."""
    evening = own(ParentEvening, evening_id)
    ids = [parse_id(part) for part in request.form.get("order", "").split(",")]
    if None in ids or not operations.reorder_blocks(evening, [i for i in ids if i is not None]):
        return _refuse(evening, _("The programme changed meanwhile. Here is the latest version."))
    db.session.commit()
    return _back(evening)


@bp.post("/ouderavonden/<int:evening_id>/blokken/<int:block_id>/minuten")
@coordinator_required
def block_minutes(evening_id: int, block_id: int) -> Response:
    """Set how long a block takes."""
    evening, block = _own_block(evening_id, block_id)
    form = MinutesForm()
    if not form.validate_on_submit():
        return _refuse(evening, " ".join(str(e) for errors in form.errors.values() for e in errors))
    block.minutes = form.minutes.data
    db.session.commit()
    return _back(evening)


@bp.post("/ouderavonden/<int:evening_id>/blokken/<int:block_id>/verwijderen")
@coordinator_required
def remove_block(evening_id: int, block_id: int) -> Response:
    """Take a block out of the programme."""
    evening, block = _own_block(evening_id, block_id)
    operations.remove_block(block)
    db.session.commit()
    return _back(evening)


@bp.route("/ouderavonden/<int:evening_id>/uitnodiging", methods=["GET", "POST"])
@staff_required
def invitation(evening_id: int) -> str | Response | tuple[str, int]:
    """The invitation: generated in the school's language, editable, easy to copy or e-mail."""
    evening = own(ParentEvening, evening_id)
    form = InvitationForm()
    if request.method == "POST":
        if not current_user.is_coordinator:
            abort(403)
        if request.form.get("reset") == "1":
            evening.invitation_text = None
            db.session.commit()
            return redirect(url_for("evenings.invitation", evening_id=evening_id), code=303)
        if form.validate_on_submit():
            evening.invitation_text = form.text.data.replace("\r\n", "\n")
            db.session.commit()
            flash(_("Invitation saved."), "success")
            return redirect(url_for("evenings.invitation", evening_id=evening_id), code=303)
    return _invitation_page(evening, form, InvitationMailForm(formdata=None))


def _invitation_page(
    evening: ParentEvening, form: InvitationForm, mail_form: InvitationMailForm, status: int = 0
) -> tuple[str, int]:
    context = _tab_context(evening)
    if request.method != "POST" or status:
        generated = operations.generated_invitation(
            evening, current_user.school, str(context["response_url"])
        )
        form.text.data = form.text.data or evening.invitation_text or generated
    page = render_template(
        "evenings/invitation.html",
        **context,
        form=form,
        mail_form=mail_form,
        mail=mail_enabled(),
        edited=evening.invitation_text,
    )
    return page, status or (400 if form.errors else 200)


@bp.post("/ouderavonden/<int:evening_id>/uitnodiging/versturen")
@coordinator_required
def send_invitation(evening_id: int) -> Response | tuple[str, int]:
    """E-mail the invitation to the addresses given (blind copies; nothing is stored)."""
    evening = own(ParentEvening, evening_id)
    form = InvitationMailForm()
    back = redirect(url_for("evenings.invitation", evening_id=evening_id), code=303)
    if not mail_enabled():
        flash(_("This planner does not send e-mail (no mail server is set up)."), "error")
        return back
    if not form.validate_on_submit():
        return _invitation_page(evening, InvitationForm(formdata=None), form, 400)
    school = current_user.school
    url = url_for("evenings.respond", token=evening.response_token, _external=True)
    text = evening.invitation_text or operations.generated_invitation(evening, school, url)
    try:
        send_mail(split_addresses(form.addresses.data), evening.title, text, bcc=True)
    except MailError:
        flash(_("The e-mail could not be sent. Try again later, or copy the text."), "error")
        return back
    count = len(split_addresses(form.addresses.data))
    flash(
        ngettext(
            "The invitation has been sent to %(num)s address.",
            "The invitation has been sent to %(num)s addresses.",
            count,
        ),
        "success",
    )
    return back


@bp.get("/ouderavonden/<int:evening_id>/uitnodiging/afdrukken")
@staff_required
def invitation_print(evening_id: int) -> str:
    """The invitation as a letter on paper."""
    evening = own(ParentEvening, evening_id)
    context = _tab_context(evening)
    text = evening.invitation_text or operations.generated_invitation(
        evening, current_user.school, str(context["response_url"])
    )
    return render_template("evenings/invitation_print.html", **context, text=text)


@bp.get("/ouderavonden/<int:evening_id>/reacties")
@staff_required
def responses(evening_id: int) -> str:
    """How many will come, and the parents' questions."""
    evening = own(ParentEvening, evening_id)
    return render_template(
        "evenings/responses.html",
        **_tab_context(evening),
        question_days=int(current_app.config["PARENT_QUESTION_DAYS"]),
    )


@bp.post("/ouderavonden/<int:evening_id>/reacties/<int:response_id>/verwijderen")
@coordinator_required
def remove_response(evening_id: int, response_id: int) -> Response:
    """Remove a parent's response (spam, a double); optionally block its sender."""
    evening = own(ParentEvening, evening_id)
    response = db.session.get(EveningResponse, response_id)
    if response is None or response.evening_id != evening.id:
        abort(404)
    block = request.form.get("block") == "1"
    operations.remove_response(response, block=block, now=clock.utcnow())
    db.session.commit()
    flash(
        _("The response has been removed and its sender blocked for this evening.")
        if block
        else _("The response has been removed."),
        "success",
    )
    return redirect(url_for("evenings.responses", evening_id=evening_id), code=303)


@bp.post("/ouderavonden/<int:evening_id>/reacties/nieuwe-link")
@coordinator_required
def new_response_link(evening_id: int) -> Response:
    """Replace the parents' link, e.g. when it was shared too widely; the old one stops."""
    evening = own(ParentEvening, evening_id)
    operations.new_response_link(evening)
    return saved(
        _("There is a new response link. The old link no longer works: send parents the new one."),
        url_for("evenings.responses", evening_id=evening_id),
    )


@bp.post("/ouderavonden/<int:evening_id>/reacties/status")
@coordinator_required
def responses_status(evening_id: int) -> Response:
    """Close responses, or open them again."""
    evening = own(ParentEvening, evening_id)
    operations.set_responses_open(evening, request.form.get("open") == "1")
    return saved(
        _("Responses are open.") if evening.responses_open else _("Responses are closed."),
        url_for("evenings.responses", evening_id=evening_id),
    )


@bp.route("/ouderavonden/<int:evening_id>/checklist", methods=["GET", "POST"])
@staff_required
def checklist(evening_id: int) -> str | Response:
    """What to arrange, each ticked with who and when; the school adds its own items."""
    evening = own(ParentEvening, evening_id)
    form = ChecklistForm()
    if request.method == "POST":
        if not current_user.is_coordinator:
            abort(403)
        if form.validate_on_submit():
            operations.add_checklist_item(evening, form.label.data)
            db.session.commit()
            return redirect(url_for("evenings.checklist", evening_id=evening_id), code=303)
    status = 400 if form.errors else 200
    return render_template(
        "evenings/checklist.html",
        **_tab_context(evening),
        form=form,
        label=operations.checklist_label,
    ), status


@bp.post("/ouderavonden/<int:evening_id>/checklist/<int:item_id>")
@coordinator_required
def tick(evening_id: int, item_id: int) -> Response:
    """Tick an item off (or untick it)."""
    evening = own(ParentEvening, evening_id)
    item = db.session.get(ChecklistItem, item_id)
    if item is None or item.evening_id != evening.id:
        abort(404)
    if request.form.get("done") == "1":
        operations.tick(item, current_user.name)
    else:
        operations.untick(item)
    db.session.commit()
    return redirect(url_for("evenings.checklist", evening_id=evening_id), code=303)


@bp.get("/ouderavonden/<int:evening_id>/handout")
@staff_required
def handout(evening_id: int) -> str:
    """A printable page for parents: key points, the school's agreements and contacts, help."""
    evening = own(ParentEvening, evening_id)
    return render_template(
        "evenings/handout.html",
        **_tab_context(evening),
        points=operations.key_points(evening, current_locale(), current_user.school.country),
        **handout_context(current_user.school),
    )


RESPONSE_COOKIE_DAYS = 180


def _cookie_name(evening: ParentEvening) -> str:
    return f"reactie_{evening.id}"


def _browser(evening: ParentEvening) -> tuple[str | None, str | None]:
    """The key this browser keeps for the evening's response (None: it has none yet) and
    what is stored of it."""
    key = request.cookies.get(_cookie_name(evening))
    stored = operations.browser_key(key) if key else None
    return (key, stored) if stored else (None, None)


def _keep_browser_key(response: Response, evening: ParentEvening, key: str) -> None:
    """The browser keeps its key for the parents' pages only, not readable by scripts."""
    response.set_cookie(
        _cookie_name(evening),
        key,
        max_age=RESPONSE_COOKIE_DAYS * 24 * 3600,
        path="/reactie/",
        samesite="Lax",
        httponly=True,
        secure=request.is_secure,
    )


@bp.route("/reactie/<token>", methods=["GET", "POST"])
@body_limit(SMALL_FORM)
def respond(token: str) -> str | Response | tuple[str, int]:
    """The parents' page: how many will come, and a question. No login, no names; the
    browser's own key lets a parent change or withdraw the answer later."""
    evening = operations.find_by_token(token)
    if evening is None:
        abort(404)
    school = db.session.get(School, evening.school_id)
    use_school(school)  # parents read the school's language, unless they chose one
    key, browser = _browser(evening)
    mine = operations.response_of(evening, browser)
    form = ResponseForm(obj=mine if request.method == "GET" else None)
    status = 200
    if request.method == "POST" and request.form.get("withdraw") == "1":
        if mine is not None and not operations.is_past(evening, clock.today()):
            operations.withdraw(evening, browser)
            db.session.commit()
            flash(_("Your response has been withdrawn."), "success")
        return redirect(url_for("evenings.respond", token=token), code=303)
    if request.method == "POST":
        if form.validate_on_submit():
            key = key or operations.new_browser_key()
            sender = operations.sender_key(request.remote_addr or "")
            try:
                operations.respond(
                    evening,
                    form.guests.data,
                    form.question.data,
                    sender,
                    operations.browser_key(key) or "",
                    clock.today(),
                )
            except operations.TooManyResponsesError as error:
                db.session.rollback()
                form.guests.errors.append(describe(error))
                status = 429
            except operations.EveningError as error:
                db.session.rollback()
                form.guests.errors.append(describe(error))
                status = 409
            else:
                db.session.commit()
                thanks = make_response(
                    render_template("evenings/thanks.html", evening=evening, changed=mine), 201
                )
                _keep_browser_key(thanks, evening, key)
                return thanks
        else:
            status = 400
    return render_template(
        "evenings/respond.html",
        evening=evening,
        form=form,
        mine=mine,
        school_name=school.name,
        past=operations.is_past(evening, clock.today()),
    ), status
