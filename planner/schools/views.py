"""School pages: first-run setup, the school, classes, and the year at a glance."""

from __future__ import annotations

from datetime import date, timedelta

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, logout_user
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from planner import clock
from planner import grades as grade_map
from planner.accounts import operations as accounts
from planner.accounts.models import Role
from planner.accounts.permissions import coordinator_required, own, staff_required
from planner.core.redirects import safe_next
from planner.errors import DomainError
from planner.extensions import db
from planner.i18n import current_locale
from planner.schools import data as school_data
from planner.schools import operations
from planner.schools.forms import (
    ClassForm,
    ClassListForm,
    ClosureForm,
    DeleteSchoolForm,
    SetupForm,
    options,
)
from planner.schools.models import Closure, SchoolClass
from planner.web.messages import describe
from planner.web.pages import form_page, saved
from planner.web.sessions import sign_in
from planner.web.year import YEAR_SESSION_KEY, selected_year

bp = Blueprint("schools", __name__)


@bp.app_context_processor
def inject_school() -> dict[str, object]:
    """Templates see the user's school and the selected school year."""
    if not current_user.is_authenticated:
        return {}
    return {
        "school": current_user.school,
        "school_year": selected_year(),
        "school_years": operations.school_years(current_user.school),
    }


@bp.route("/setup", methods=["GET", "POST"])
def setup() -> str | Response:
    """First run: the school, its region and language, and the first coordinator."""
    if operations.school_count() > 0:
        abort(404)
    form = SetupForm()
    if request.method == "GET":
        form.locale.data = current_locale()
    if form.validate_on_submit():
        school = operations.create_school(
            form.school_name.data, form.country.data, form.region.data, form.locale.data
        )
        user = accounts.create_user(
            school,
            email=form.email.data,
            name=form.name.data,
            password=form.password.data,
            role=Role.COORDINATOR,
        )
        sign_in(user)  # commits
        response = redirect(url_for("schools.add_class_list"), code=303)
        response.set_cookie(
            "planner_locale",
            school.locale,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            httponly=True,
            secure=request.is_secure,
        )
        flash(_("Your school is set up. Next step: add your classes."), "success")
        return response
    return form_page("schools/setup.html", form, provinces=operations.NL_REGION_PROVINCES)


@bp.post("/schooljaar")
@staff_required
def choose_year() -> Response:
    """Switch the school year shown everywhere."""
    label = request.form.get("year", "")
    if label in {year.label for year in operations.school_years(current_user.school)}:
        session[YEAR_SESSION_KEY] = label
    return redirect(safe_next(request.form.get("next")), code=303)


@bp.get("/school/")
@staff_required
def overview() -> str:
    """The school: its classes, colleagues and calendar in one place."""
    school = current_user.school
    return render_template(
        "schools/overview.html",
        classes=operations.active_classes(school),
        colleagues=accounts.colleagues(school),
        region_label=_region_label(school.country, school.region),
    )


def _region_label(country: str, region: str) -> str:
    labels = {
        "noord": _("North"),
        "midden": _("Middle"),
        "zuid": _("South"),
        "vlaanderen": _("Flanders"),
    }
    return labels[region]


@bp.get("/school/klassen")
@staff_required
def classes() -> str:
    """Every class of the school, archived ones at the bottom."""
    school = current_user.school
    active = operations.active_classes(school)
    archived = [c for c in school.classes if c.is_archived]
    return render_template("schools/classes.html", active=active, archived=archived)


def _class_form(school_class: SchoolClass | None) -> ClassForm:
    read_from_name = None if school_class else _grades_from_name()
    form = ClassForm(obj=None) if read_from_name is None else ClassForm(formdata=read_from_name)
    form.grades.choices = options(
        grade_map.grade_choices(current_locale(), current_user.school.country)
    )
    form.teachers.choices = options(
        [(u.id, u.name) for u in accounts.teachers_of(current_user.school)]
    )
    if school_class is not None and request.method == "GET":
        form.name.data = school_class.name
        form.grades.data = school_class.grades
        form.head_count.data = school_class.head_count
        form.teachers.data = [t.id for t in school_class.teachers]
    return form


def _grades_from_name():
    """A new class posted without grades gets those its name says ("Groep 5" ticks groep 5);
    the confirmation names them, and editing the class changes them."""
    if request.method != "POST" or request.form.getlist("grades"):
        return None
    read = grade_map.grades_from_name(request.form.get("name", ""))
    if not read.grades:
        return None
    formdata = request.form.copy()
    formdata.setlist("grades", [str(grade) for grade in read.grades])
    return formdata


def _save(form: ClassForm, school_class: SchoolClass) -> None:
    staff = {u.id: u for u in accounts.teachers_of(current_user.school)}
    operations.save_class(
        current_user.school,
        school_class,
        name=form.name.data,
        grades=form.grades.data,
        head_count=form.head_count.data,
        teachers=[staff[i] for i in form.teachers.data or [] if i in staff],
    )


def _name_taken(name: str, school_class: SchoolClass | None) -> bool:
    wanted = name.strip().casefold()
    return any(
        c.name.casefold() == wanted and c is not school_class for c in current_user.school.classes
    )


@bp.route("/school/klassen/nieuw", methods=["GET", "POST"])
@coordinator_required
def new_class() -> str | Response:
    """Add a class: name, grades, teachers, head count."""
    form = _class_form(None)
    if form.validate_on_submit():
        if _name_taken(form.name.data, None):
            form.name.errors.append(_("There is already a class with this name."))
        else:
            school_class = SchoolClass()
            _save(form, school_class)
            message = _("Class %(name)s added.", name=school_class.name)
            if not request.form.getlist("grades"):
                message += " " + _(
                    "Grades read from the name: %(grades)s.",
                    grades=grade_map.grade_label(
                        school_class.grades, current_locale(), current_user.school.country
                    ),
                )
            return saved(message, url_for("schools.classes"))
    return form_page("schools/class_form.html", form, school_class=None)


@bp.route("/school/klassen/lijst", methods=["GET", "POST"])
@coordinator_required
def add_class_list() -> tuple[str, int] | Response:
    """Add every class in one step: type or paste the names, check the grades read from them,
    save them all."""
    school = current_user.school
    form = ClassListForm()
    example = (
        "3de kleuterklas, 1ste leerjaar, 5de-6de leerjaar"
        if school.country == "BE"
        else "Groep 1/2, Groep 3, Groep 7/8"
    )
    form.text.description = _(
        'One class per line or separated by commas, for example "%(example)s". The grades are '
        "read from the names; you check them before anything is saved.",
        example=example,
    )
    lines: list[operations.ClassLine] | None = None
    if form.validate_on_submit():
        if request.form.get("step") == "save":
            lines = operations.check_class_rows(school, _posted_rows())
        else:
            lines = operations.read_class_list(school, form.text.data)
        if not lines:
            form.text.errors.append(_("Type at least one class name."))
        elif len(lines) > operations.CLASS_LIST_MAX:
            form.text.errors.append(
                _("Add at most %(n)s classes at once.", n=operations.CLASS_LIST_MAX)
            )
            lines = None
        elif request.form.get("step") == "save" and all(not line.problem for line in lines):
            added = operations.add_classes(school, [(line.name, line.grades) for line in lines])
            db.session.commit()
            flash(
                ngettext("%(num)s class added.", "%(num)s classes added.", len(added))
                + " "
                + _("Next step: make the plans for every class."),
                "success",
            )
            return redirect(url_for("plans.index"), code=303)
    problems = {
        line.number: describe(DomainError(line.problem, n=operations.CLASS_NAME_MAX))
        for line in lines or []
        if line.problem
    }
    status = 400 if form.is_submitted() and (form.errors or problems or not lines) else 200
    page = render_template(
        "schools/class_list.html",
        form=form,
        lines=lines,
        problems=problems,
        grade_options=grade_map.grade_choices(current_locale(), school.country),
    )
    return page, status


def _posted_rows() -> list[tuple[str, list[int], bool]]:
    """The rows of the confirmation table as posted: name and ticked grades."""
    rows = []
    for index in request.form.getlist("row")[: operations.CLASS_LIST_MAX + 1]:
        grades = [int(v) for v in request.form.getlist(f"grades-{index}") if v.isdigit()]
        rows.append((request.form.get(f"name-{index}", ""), grades, False))
    return rows


def _changed_meanwhile(class_id: int) -> Response:
    db.session.rollback()
    flash(
        _(
            "Someone else changed this class while you were editing. "
            "Here is the latest version; make your change again."
        ),
        "error",
    )
    return redirect(url_for("schools.edit_class", class_id=class_id), code=303)


@bp.route("/school/klassen/<int:class_id>", methods=["GET", "POST"])
@coordinator_required
def edit_class(class_id: int) -> str | Response:
    """Change a class; a save over someone else's newer change is refused."""
    school_class = own(SchoolClass, class_id)
    form = _class_form(school_class)
    if form.validate_on_submit():
        if _name_taken(form.name.data, school_class):
            form.name.errors.append(_("There is already a class with this name."))
        elif request.form.get("version") != str(school_class.version):
            return _changed_meanwhile(class_id)
        else:
            try:
                _save(form, school_class)
                db.session.commit()
            except StaleDataError:
                return _changed_meanwhile(class_id)
            flash(_("Class %(name)s saved.", name=school_class.name), "success")
            return redirect(url_for("schools.classes"), code=303)
    return form_page("schools/class_form.html", form, school_class=school_class)


@bp.post("/school/klassen/<int:class_id>/archiveren")
@coordinator_required
def archive_class(class_id: int) -> Response:
    """Archive a class: it leaves the lists but its history stays."""
    school_class = own(SchoolClass, class_id)
    operations.archive_class(school_class)
    return saved(_("Class %(name)s archived.", name=school_class.name), url_for("schools.classes"))


@bp.post("/school/klassen/<int:class_id>/terugzetten")
@coordinator_required
def restore_class(class_id: int) -> Response:
    """Bring an archived class back."""
    school_class = own(SchoolClass, class_id)
    operations.restore_class(school_class)
    return saved(_("Class %(name)s is back.", name=school_class.name), url_for("schools.classes"))


def _chosen_class(classes: list[SchoolClass]) -> SchoolClass | None:
    """The class whose plan the year page shows: asked for, else the user's own first class."""
    wanted = request.args.get("klas", "")
    for school_class in classes:
        if str(school_class.id) == wanted:
            return school_class
    if wanted == "":
        for school_class in classes:
            if any(t.id == current_user.id for t in school_class.teachers):
                return school_class
    return None


def _entries_by_week(entries) -> dict[date, list]:
    """Anything with a day (plan entries, evenings) grouped by the Monday of its week."""
    by_week: dict[date, list] = {}
    for entry in entries:
        monday = entry.day - timedelta(days=entry.day.weekday())
        by_week.setdefault(monday, []).append(entry)
    return by_week


def _year_page(form: ClosureForm, status: int = 200) -> tuple[str, int]:
    from planner.evenings.operations import evenings_for_class, evenings_of
    from planner.plans import operations as plans

    school = current_user.school
    year = selected_year()
    locale = current_locale()
    classes = operations.active_classes(school)
    chosen = _chosen_class(classes)
    plan = plans.get_plan(chosen, year) if chosen else None
    school_plan = plans.get_school_plan(school, year)
    entries = [*(plan.entries if plan else []), *(school_plan.entries if school_plan else [])]
    page = render_template(
        "schools/year.html",
        weeks=operations.year_weeks(school, year, locale),
        events=operations.calendar_events(school.country, school.region, year, locale),
        closures=operations.closures_in(school, year),
        form=form,
        year=year,
        classes=classes,
        chosen=chosen,
        entries_by_week=_entries_by_week(entries),
        evenings_by_week=_entries_by_week(
            evenings_for_class(chosen, year) if chosen else evenings_of(school, year)
        ),
    )
    return page, status


@bp.get("/school/kalender")
@staff_required
def year_at_a_glance() -> tuple[str, int]:
    """The school year's weeks with holidays, theme weeks and the school's own closures."""
    return _year_page(ClosureForm())


@bp.post("/school/sluitingsdagen")
@coordinator_required
def add_closure() -> tuple[str, int] | Response:
    """Add a study day or other day the school is closed."""
    form = ClosureForm()
    if not form.validate_on_submit():
        return _year_page(form, 400)
    end = form.end.data or form.start.data
    operations.add_closure(current_user.school, form.name.data, form.start.data, end)
    return saved(_("Closure added."), url_for("schools.year_at_a_glance"))


@bp.post("/school/sluitingsdagen/<int:closure_id>/verwijderen")
@coordinator_required
def delete_closure(closure_id: int) -> Response:
    """Remove a closure."""
    closure = own(Closure, closure_id)
    db.session.delete(closure)
    return saved(_("Closure removed."), url_for("schools.year_at_a_glance"))


@bp.get("/school/gegevens.json")
@coordinator_required
def export_data() -> Response:
    """Everything the school keeps in the planner, as one JSON file (never passwords or links)."""
    school = current_user.school
    response = Response(school_data.export_school(school.id), mimetype="application/json")
    filename = school_data.export_filename(school.name, clock.today())
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/school/verwijderen", methods=["GET", "POST"])
@coordinator_required
def delete_school() -> tuple[str, int] | Response:
    """Delete the school with everything in it, once its name and the password are typed."""
    school = current_user.school
    form = DeleteSchoolForm()
    if form.validate_on_submit():
        name_right = form.school_name.data.strip() == school.name
        try:
            password_right = accounts.verify_password_again(
                current_user, form.password.data, request.remote_addr or ""
            )
        except accounts.TooManyAttemptsError as error:
            form.password.errors.append(describe(error))
            return render_template("schools/delete.html", form=form), 429
        db.session.commit()  # a wrong password counts, as at the login
        if not name_right:
            form.school_name.errors.append(
                _("This is not the name of your school. Type: %(name)s", name=school.name)
            )
        if not password_right:
            form.password.errors.append(_("This is not your password."))
        if name_right and password_right:
            name = school.name
            school_data.delete_school(school.id)
            db.session.commit()
            logout_user()
            flash(_("%(name)s and all its data have been deleted.", name=name), "success")
            return redirect(url_for("start.home"), code=303)
    return form_page("schools/delete.html", form)
