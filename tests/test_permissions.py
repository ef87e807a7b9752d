"""The permission matrix: every route x role x own or other school gives the expected status.

Adding a route without adding it here makes test_every_route_is_in_the_matrix fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

import pytest
from sqlalchemy import select

from planner.accounts.models import Invitation, Role, User
from planner.accounts.operations import invite
from planner.catalogue.content import SourceFile
from planner.catalogue.operations import get_item, import_school_items
from planner.clock import utcnow
from planner.evenings.models import EveningResponse, ParentEvening
from planner.evenings.operations import add_block, create_evening
from planner.exports.operations import create_feed
from planner.extensions import db as _db
from planner.plans.models import PlanEntry
from planner.plans.operations import get_or_create_plan
from planner.policy.contacts import save_contact
from planner.policy.incidents import record_incident
from planner.policy.models import Contact, ContactRole, IncidentKind
from planner.schools.calendar import SchoolYear
from planner.schools.models import Closure, SchoolClass
from planner.schools.operations import add_closure, save_class
from tests.conftest import FIXTURE_CATALOGUE

ROLES = ("anonymous", "viewer", "teacher", "coordinator")
LOGIN = "login"  # redirected to the login page
OK = "ok"  # access granted: 200, a redirect after success, or a form error
OK_CODES = {200, 201, 303, 400}
DENIED = "denied"  # 403 or 404


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # {class_id}, {closure_id}, {invitation_id} are filled in per school
    expect: dict[str, object]  # role -> OK, LOGIN or a status code
    other_school: int | None = None  # status for a role with access on another school's object
    data: dict[str, str] = field(default_factory=dict)
    consumes: bool = False  # a successful request removes the object: give each role a new one


PUBLIC = dict.fromkeys(ROLES, OK)
STAFF = {"anonymous": LOGIN, "viewer": OK, "teacher": OK, "coordinator": OK}
COORDINATOR = {"anonymous": LOGIN, "viewer": 403, "teacher": 403, "coordinator": OK}
TEACHER_OWN = {"anonymous": LOGIN, "viewer": 403, "teacher": OK, "coordinator": OK}

MATRIX: dict[str, Route] = {
    "start.home": Route("GET", "/", PUBLIC),
    "start.switch_language": Route("POST", "/taal", PUBLIC, data={"locale": "en"}),
    "catalogue.index": Route("GET", "/catalogus/", PUBLIC),
    "catalogue.detail": Route("GET", "/catalogus/onbekend", dict.fromkeys(ROLES, 404)),
    "catalogue.picture": Route("GET", "/catalogus/plaatjes/camera.svg", PUBLIC),
    "catalogue.import_items": Route("GET", "/catalogus/importeren", COORDINATOR),
    "catalogue.printable": Route("GET", "/catalogus/groepsapp-groep-7-8/afdrukken/1", STAFF),
    "catalogue.archive_item": Route(
        "POST", "/catalogus/importeren/{item_id}/verwijderen", COORDINATOR, other_school=404
    ),
    "catalogue_api.list_items": Route("GET", "/api/v1/catalogue", PUBLIC),
    "catalogue_api.get_item": Route("GET", "/api/v1/catalogue/onbekend", dict.fromkeys(ROLES, 404)),
    "calendar_api.calendar": Route("GET", "/api/v1/calendar?country=BE&year=2026-2027", PUBLIC),
    "accounts.login": Route(
        "GET", "/inloggen", {"anonymous": OK, "viewer": 302, "teacher": 302, "coordinator": 302}
    ),
    "accounts.logout": Route("POST", "/uitloggen", PUBLIC),
    "accounts.change_password": Route("GET", "/account/wachtwoord", STAFF),
    "accounts.colleagues": Route("GET", "/school/collegas", STAFF),
    "accounts.invite": Route(
        "POST",
        "/school/collegas/uitnodigen",
        COORDINATOR,
        data={"email": "nieuw@school.example", "role": "teacher"},
    ),
    "accounts.revoke": Route(
        "POST", "/school/uitnodigingen/{invitation_id}/intrekken", COORDINATOR, other_school=404
    ),
    "accounts.accept": Route("GET", "/uitnodiging/geen-echte-link", dict.fromkeys(ROLES, 404)),
    "accounts.logout_everywhere": Route("POST", "/account/overal-uitloggen", STAFF),
    # Managing a colleague's account: the coordinator, and only in their own school. The
    # colleague is the school's teacher; the role form gives it the role it has.
    "accounts.deactivate": Route(
        "POST", "/school/collegas/{teacher_id}/deactiveren", COORDINATOR, other_school=404
    ),
    "accounts.reactivate": Route(
        "POST", "/school/collegas/{teacher_id}/activeren", COORDINATOR, other_school=404
    ),
    "accounts.change_role": Route(
        "POST",
        "/school/collegas/{teacher_id}/rol",
        COORDINATOR,
        other_school=404,
        data={"role": "teacher"},
    ),
    "accounts.send_reset": Route(
        "POST", "/school/collegas/{teacher_id}/wachtwoordlink", COORDINATOR, other_school=404
    ),
    # Forgetting a password: the page is for people who are not logged in.
    "accounts.forgot_password": Route(
        "GET",
        "/wachtwoord-vergeten",
        {"anonymous": OK, "viewer": 302, "teacher": 302, "coordinator": 302},
    ),
    "accounts.reset_password": Route(
        "GET", "/wachtwoord-herstellen/geen-echte-link", dict.fromkeys(ROLES, 404)
    ),
    "schools.setup": Route("GET", "/setup", dict.fromkeys(ROLES, 404)),
    "schools.choose_year": Route("POST", "/schooljaar", STAFF, data={"year": "2026-2027"}),
    "schools.overview": Route("GET", "/school/", STAFF),
    "schools.classes": Route("GET", "/school/klassen", STAFF),
    "schools.new_class": Route("GET", "/school/klassen/nieuw", COORDINATOR),
    "schools.add_class_list": Route("GET", "/school/klassen/lijst", COORDINATOR),
    "schools.edit_class": Route("GET", "/school/klassen/{class_id}", COORDINATOR, other_school=404),
    "schools.archive_class": Route(
        "POST", "/school/klassen/{class_id}/archiveren", COORDINATOR, other_school=404
    ),
    "schools.restore_class": Route(
        "POST", "/school/klassen/{class_id}/terugzetten", COORDINATOR, other_school=404
    ),
    "schools.year_at_a_glance": Route("GET", "/school/kalender", STAFF),
    "schools.add_closure": Route(
        "POST",
        "/school/sluitingsdagen",
        COORDINATOR,
        data={"name": "Studiedag", "start": "2026-11-16"},
    ),
    "schools.delete_closure": Route(
        "POST", "/school/sluitingsdagen/{closure_id}/verwijderen", COORDINATOR, other_school=404
    ),
    "schools.export_data": Route("GET", "/school/gegevens.json", COORDINATOR),
    "schools.delete_school": Route("GET", "/school/verwijderen", COORDINATOR),
    "plans.index": Route("GET", "/jaarplan/", STAFF),
    "plans.generate_all": Route("POST", "/jaarplan/genereren", COORDINATOR),
    "plans.confirm_generate_all": Route("GET", "/jaarplan/genereren", COORDINATOR),
    "plans.undo_generate_all": Route("POST", "/jaarplan/ongedaan-maken", COORDINATOR),
    "plans.settings": Route("GET", "/jaarplan/instellingen", COORDINATOR),
    "plans.overview": Route("GET", "/jaarplan/overzicht", STAFF),
    "plans.overview_print": Route("GET", "/jaarplan/overzicht/afdrukken", STAFF),
    "plans.print_all": Route("GET", "/jaarplan/afdrukken", STAFF),
    "plans.class_plan": Route("GET", "/jaarplan/klas/{class_id}", STAFF, other_school=404),
    "plans.class_plan_print": Route(
        "GET", "/jaarplan/klas/{class_id}/afdrukken", STAFF, other_school=404
    ),
    # Teachers edit the plans of their own classes only; "Klas A" is the teacher's class.
    "plans.generate_class": Route(
        "POST", "/jaarplan/klas/{class_id}/genereren", TEACHER_OWN, other_school=404
    ),
    "plans.add": Route(
        "POST",
        "/jaarplan/klas/{class_id}/toevoegen",
        TEACHER_OWN,
        other_school=404,
        data={"day": "2026-11-17", "title": "Kringgesprek"},
    ),
    "plans.undo": Route(
        "POST", "/jaarplan/klas/{class_id}/ongedaan-maken", TEACHER_OWN, other_school=404
    ),
    "plans.confirm_generate_class": Route(
        "GET", "/jaarplan/klas/{class_id}/genereren", TEACHER_OWN, other_school=404
    ),
    "plans.confirm_roll_over": Route(
        "GET", "/jaarplan/klas/{class_id}/doorschuiven", TEACHER_OWN, other_school=404
    ),
    "plans.roll_over": Route(
        "POST", "/jaarplan/klas/{class_id}/doorschuiven", TEACHER_OWN, other_school=404
    ),
    "plans.move": Route(
        "POST",
        "/jaarplan/regel/{entry_id}/verplaatsen",
        TEACHER_OWN,
        other_school=404,
        data={"day": "2026-11-17"},
    ),
    "plans.replace": Route(
        "POST",
        "/jaarplan/regel/{entry_id}/vervangen",
        TEACHER_OWN,
        other_school=404,
        data={"slug": "onbekend"},
    ),
    "plans.remove": Route(
        "POST",
        "/jaarplan/regel/{entry_id}/verwijderen",
        TEACHER_OWN,
        other_school=404,
        consumes=True,
    ),
    "plans.lock": Route(
        "POST",
        "/jaarplan/regel/{entry_id}/vastzetten",
        TEACHER_OWN,
        other_school=404,
        data={"locked": "1"},
    ),
    "plans.status": Route(
        "POST",
        "/jaarplan/regel/{entry_id}/status",
        TEACHER_OWN,
        other_school=404,
        data={"status": "done"},
    ),
    "plans.add_from_catalogue": Route(
        "POST",
        "/jaarplan/toevoegen",
        TEACHER_OWN,
        other_school=404,
        data={"class_id": "{class_id}", "slug": "slim-online", "day": "2026-11-17"},
    ),
    "evenings.index": Route("GET", "/ouderavonden/", STAFF),
    "evenings.new": Route("GET", "/ouderavonden/nieuw", COORDINATOR),
    "evenings.edit": Route(
        "GET", "/ouderavonden/{evening_id}/gegevens", COORDINATOR, other_school=404
    ),
    "evenings.programme": Route("GET", "/ouderavonden/{evening_id}", STAFF, other_school=404),
    "evenings.add_block": Route(
        "POST",
        "/ouderavonden/{evening_id}/blokken",
        COORDINATOR,
        other_school=404,
        data={"title": "Pauze", "minutes": "10"},
    ),
    "evenings.ready_made": Route(
        "POST",
        "/ouderavonden/{evening_id}/kant-en-klaar",
        COORDINATOR,
        other_school=404,
        data={"slug": "ouderavond"},
    ),
    "evenings.move_block": Route(
        "POST",
        "/ouderavonden/{evening_id}/blokken/{block_id}/verschuiven",
        COORDINATOR,
        other_school=404,
        data={"direction": "up"},
    ),
    "evenings.reorder": Route(
        "POST",
        "/ouderavonden/{evening_id}/volgorde",
        COORDINATOR,
        other_school=404,
        data={"order": "{block_id}"},
    ),
    "evenings.block_minutes": Route(
        "POST",
        "/ouderavonden/{evening_id}/blokken/{block_id}/minuten",
        COORDINATOR,
        other_school=404,
        data={"minutes": "20"},
    ),
    "evenings.remove_block": Route(
        "POST",
        "/ouderavonden/{evening_id}/blokken/{block_id}/verwijderen",
        COORDINATOR,
        other_school=404,
        consumes=True,
    ),
    "evenings.invitation": Route(
        "GET", "/ouderavonden/{evening_id}/uitnodiging", STAFF, other_school=404
    ),
    "evenings.invitation_print": Route(
        "GET", "/ouderavonden/{evening_id}/uitnodiging/afdrukken", STAFF, other_school=404
    ),
    "evenings.responses": Route(
        "GET", "/ouderavonden/{evening_id}/reacties", STAFF, other_school=404
    ),
    "evenings.responses_status": Route(
        "POST",
        "/ouderavonden/{evening_id}/reacties/status",
        COORDINATOR,
        other_school=404,
        data={"open": "0"},
    ),
    "evenings.remove_response": Route(
        "POST",
        "/ouderavonden/{evening_id}/reacties/{response_id}/verwijderen",
        COORDINATOR,
        other_school=404,
        consumes=True,
    ),
    "evenings.send_invitation": Route(
        "POST",
        "/ouderavonden/{evening_id}/uitnodiging/versturen",
        COORDINATOR,
        other_school=404,
        data={"addresses": "ouders@school.example"},
    ),
    "evenings.new_response_link": Route(
        "POST",
        "/ouderavonden/{evening_id}/reacties/nieuwe-link",
        COORDINATOR,
        other_school=404,
    ),
    "evenings.checklist": Route(
        "GET", "/ouderavonden/{evening_id}/checklist", STAFF, other_school=404
    ),
    "evenings.tick": Route(
        "POST",
        "/ouderavonden/{evening_id}/checklist/{checklist_id}",
        COORDINATOR,
        other_school=404,
        data={"done": "1"},
    ),
    "evenings.handout": Route("GET", "/ouderavonden/{evening_id}/handout", STAFF, other_school=404),
    # The parents' page needs no login; the token is the key.
    "evenings.respond": Route("GET", "/reactie/{token}", PUBLIC, other_school=200),
    "exports.lesson_slides": Route(
        "GET", "/catalogus/onbekend/dia.pptx", dict.fromkeys(ROLES, 404)
    ),
    "exports.class_workbook": Route(
        "GET", "/jaarplan/klas/{class_id}/plan.xlsx", STAFF, other_school=404
    ),
    "exports.class_calendar": Route(
        "GET", "/jaarplan/klas/{class_id}/plan.ics", STAFF, other_school=404
    ),
    "exports.school_workbook": Route("GET", "/jaarplan/overzicht/school.xlsx", STAFF),
    "exports.school_calendar": Route("GET", "/jaarplan/school.ics", STAFF),
    "exports.evening_slides": Route(
        "GET", "/ouderavonden/{evening_id}/presentatie.pptx", STAFF, other_school=404
    ),
    "plans.entry_printable": Route(
        "GET", "/jaarplan/regel/{lesson_entry_id}/afdrukken/1", STAFF, other_school=404
    ),
    "exports.entry_slides": Route(
        "GET", "/jaarplan/regel/{lesson_entry_id}/dia.pptx", STAFF, other_school=404
    ),
    # Present mode: the same decks full-screen in the browser, for staff.
    "exports.present_item": Route("GET", "/catalogus/groepsapp-groep-7-8/presenteren", STAFF),
    "exports.present_entry": Route(
        "GET", "/jaarplan/regel/{lesson_entry_id}/presenteren", STAFF, other_school=404
    ),
    "exports.present_evening": Route(
        "GET", "/ouderavonden/{evening_id}/presenteren", STAFF, other_school=404
    ),
    # The slides' pictures: the same public files for everyone.
    # Calendar subscriptions: staff who edit make links; the coordinator revokes any of them.
    "exports.feeds": Route("GET", "/jaarplan/agenda-abonnementen", STAFF),
    "exports.create_feed": Route(
        "POST", "/jaarplan/agenda-abonnementen", TEACHER_OWN, data={"calendar": "school"}
    ),
    "exports.revoke_feed": Route(
        "POST", "/jaarplan/agenda-abonnementen/{feed_id}/intrekken", COORDINATOR, other_school=404
    ),
    # The subscription link needs no login; the token is the key.
    "exports.feed": Route("GET", "/agenda/{feed_token}.ics", PUBLIC, other_school=200),
    "exports.template": Route("GET", "/school/presentatiesjabloon", COORDINATOR),
    "exports.upload_template": Route("POST", "/school/presentatiesjabloon", COORDINATOR),
    "exports.remove_template": Route(
        "POST", "/school/presentatiesjabloon/verwijderen", COORDINATOR
    ),
    "exports.template_example": Route(
        "GET", "/school/presentatiesjabloon/voorbeeld.pptx", COORDINATOR
    ),
    "audit.log": Route("GET", "/school/logboek", COORDINATOR),
    "plans.booking": Route(
        "POST",
        "/jaarplan/regel/{entry_id}/boeking",
        TEACHER_OWN,
        other_school=404,
        data={"booking": "confirmed"},
    ),
    # Policy check, contacts and agreements: the coordinator edits, all staff read.
    "policy.static": Route("GET", "/school/beleid-static/policy.css", PUBLIC),
    "policy.check": Route("GET", "/school/beleid", STAFF),
    "policy.check_print": Route("GET", "/school/beleid/afdrukken", STAFF),
    "policy.handout": Route("GET", "/school/beleid/handout", STAFF),
    "policy.save_item": Route(
        "POST", "/school/beleid/responsible", COORDINATOR, data={"responsible-status": "in_place"}
    ),
    "policy.apply_proposal": Route("POST", "/school/beleid/knowledge/voorstel/0", COORDINATOR),
    "policy.contacts": Route("GET", "/school/contacten", STAFF),
    "policy.new_contact": Route("GET", "/school/contacten/nieuw", COORDINATOR),
    "policy.edit_contact": Route(
        "GET", "/school/contacten/{contact_id}", COORDINATOR, other_school=404
    ),
    "policy.delete_contact": Route(
        "POST", "/school/contacten/{contact_id}/verwijderen", COORDINATOR, other_school=404
    ),
    "policy.agreements": Route("GET", "/school/afspraken", STAFF),
    "policy.edit_agreements": Route("GET", "/school/afspraken/bewerken", COORDINATOR),
    "policy.poster": Route("GET", "/school/afspraken/poster", STAFF),
    # Incidents: teachers of the class and the coordinator; viewers only see counts (evidence).
    "policy.incidents": Route("GET", "/school/incidenten", TEACHER_OWN),
    "policy.new_incident": Route("GET", "/school/incidenten/nieuw", TEACHER_OWN),
    "policy.retention": Route("GET", "/school/incidenten/bewaartermijn", COORDINATOR),
    "policy.incident": Route(
        "GET", "/school/incidenten/{incident_id}", TEACHER_OWN, other_school=404
    ),
    "policy.tick_steps": Route(
        "POST", "/school/incidenten/{incident_id}/stappen", TEACHER_OWN, other_school=404
    ),
    "policy.place_follow_up": Route(
        "POST",
        "/school/incidenten/{incident_id}/vervolg",
        TEACHER_OWN,
        other_school=404,
        data={"slug": "klasthermometer"},
    ),
    "policy.close_incident": Route(
        "POST", "/school/incidenten/{incident_id}/afsluiten", TEACHER_OWN, other_school=404
    ),
    "policy.reopen_incident": Route(
        "POST", "/school/incidenten/{incident_id}/heropenen", TEACHER_OWN, other_school=404
    ),
    "policy.evidence": Route("GET", "/school/verantwoording", STAFF),
}


def test_every_route_is_in_the_matrix(app) -> None:
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint != "static"}
    assert endpoints - MATRIX.keys() == set(), "add the new routes to MATRIX"
    assert MATRIX.keys() - endpoints == set(), "MATRIX names routes that no longer exist"


@pytest.fixture
def schools(db, make_school, loaded):
    """Two schools, each with a class (taught by the teacher), a plan entry, a closure and an
    open invitation."""
    made = {}
    for name, country, region in (
        ("De Regenboog", "NL", "midden"),
        ("De Vlinder", "BE", "vlaanderen"),
    ):
        school = make_school(name, country, region)
        teacher = db.session.scalar(
            select(User).where(User.school_id == school.id, User.role == "teacher")
        )
        school_class = save_class(
            school, SchoolClass(), name="Klas A", grades=[5], head_count=20, teachers=[teacher]
        )
        evening = create_evening(
            school,
            title="Ouderavond",
            day=date(2026, 11, 17),
            start_time=time(19, 30),
            end_time=time(21, 0),
            place="Aula",
            grades=[],
        )
        block = add_block(evening, title="Welkom", minutes=10)
        contact = save_contact(
            school,
            Contact(),
            role=ContactRole.CONFIDENTIAL,
            label=None,
            name="Vertrouwenspersoon",
            phone=None,
            email=None,
            note=None,
            on_handout=True,
        )
        incident = record_incident(
            school_class,
            happened_on=date(2026, 11, 9),
            kind=IncidentKind.EXCLUSION,
            summary=None,
            follow_up_on=None,
            recorded_by=teacher,
        )
        plan = get_or_create_plan(school_class, SchoolYear.parse("2026-2027"))
        entry = PlanEntry(day=date(2026, 11, 10), title="Kringgesprek", reason_code="custom")
        plan.entries.append(entry)
        lesson_entry = PlanEntry(
            day=date(2026, 11, 24), item=get_item("groepsapp-groep-7-8"), reason_code="custom"
        )
        plan.entries.append(lesson_entry)
        closure = add_closure(school, "Studiedag", date(2026, 11, 16), date(2026, 11, 16))
        coordinator = db.session.scalar(
            select(User).where(User.school_id == school.id, User.role == "coordinator")
        )
        invitation, _token = invite(
            school, f"uitgenodigd@{country.lower()}.example", Role.TEACHER, coordinator
        )
        feed, feed_token = create_feed(school, None, coordinator, "nl")
        own_item = import_school_items(school.id, [_own_item_file()]).created[0]
        db.session.commit()
        made[name] = {
            "school": school,
            "class_id": school_class.id,
            "closure_id": closure.id,
            "entry_id": entry.id,
            "lesson_entry_id": lesson_entry.id,
            "feed_id": feed.id,
            "feed_token": feed_token,
            "evening_id": evening.id,
            "block_id": block.id,
            "checklist_id": evening.checklist[0].id,
            "token": evening.response_token,
            "invitation_id": invitation.id,
            "contact_id": contact.id,
            "incident_id": incident.id,
            "item_id": own_item.id,
            "teacher_id": teacher.id,
            "response_id": _new_response(evening.id),
        }
    return made


def _new_response(evening_id: int) -> int:
    response = EveningResponse(
        evening_id=evening_id, guests=1, sender="afzender", created_at=utcnow()
    )
    _db.session.add(response)
    _db.session.commit()
    return response.id


def _own_item_file() -> SourceFile:
    """A school's own catalogue item: the fixture material, uploaded as the school's."""
    data = (FIXTURE_CATALOGUE / "material" / "slim-online.md").read_bytes()
    return SourceFile("eigen.md", "eigen", None, data)


def _new_entry(class_id: int) -> int:
    school_class = _db.session.get(SchoolClass, class_id)
    plan = get_or_create_plan(school_class, SchoolYear.parse("2026-2027"))
    entry = PlanEntry(day=date(2026, 11, 10), title="Nog een", reason_code="custom")
    plan.entries.append(entry)
    _db.session.commit()
    return entry.id


def _new_block(evening_id: int) -> int:
    block = add_block(_db.session.get(ParentEvening, evening_id), title="Nog een", minutes=5)
    _db.session.commit()
    return block.id


def _fill(text: str, ids: dict) -> str:
    return text.format(**{k: v for k, v in ids.items() if k.endswith(("_id", "token"))})


def _path(route: Route, ids: dict) -> str:
    return _fill(route.path, ids)


def _check(status: int, location: str, expected: object) -> bool:
    if expected == DENIED:
        return status in (403, 404)
    if expected == OK:
        return status in OK_CODES
    if expected == LOGIN:
        return status == 302 and "/inloggen" in location
    return status == expected


@pytest.mark.parametrize("endpoint", sorted(MATRIX))
@pytest.mark.usefixtures("loaded")
def test_route_access(endpoint: str, app, schools, login) -> None:
    route = MATRIX[endpoint]
    own, other = schools["De Regenboog"], schools["De Vlinder"]
    failures = []
    for role in ROLES:
        client = app.test_client() if role == "anonymous" else login(own["school"], role)
        placeholders = "{" in route.path or any("{" in v for v in route.data.values())
        scopes = [("other", other), ("own", own)] if placeholders else [("own", own)]
        if route.consumes:
            own["entry_id"] = _new_entry(own["class_id"])
            own["block_id"] = _new_block(own["evening_id"])
            own["response_id"] = _new_response(own["evening_id"])
        for scope, ids in scopes:
            expected = route.expect[role]
            if scope == "other" and expected == OK:
                expected = route.other_school
            elif scope == "other" and expected == 403:
                expected = DENIED  # refused either way, without telling whether it exists
            data = {key: _fill(value, ids) for key, value in route.data.items()}
            response = client.open(_path(route, ids), method=route.method, data=data)
            location = response.headers.get("Location", "")
            response.close()  # static files keep their file open until the response is closed
            if not _check(response.status_code, location, expected):
                failures.append(f"{role}/{scope}: got {response.status_code}, expected {expected}")
    assert failures == []


def test_invitations_and_closures_of_another_school_stay_untouched(app, db, schools, login) -> None:
    client = login(schools["De Regenboog"]["school"], "coordinator")
    other = schools["De Vlinder"]
    client.post(f"/school/sluitingsdagen/{other['closure_id']}/verwijderen")
    client.post(f"/school/uitnodigingen/{other['invitation_id']}/intrekken")
    client.post(f"/school/klassen/{other['class_id']}/archiveren")
    assert db.session.get(Closure, other["closure_id"]) is not None
    invitation = db.session.get(Invitation, other["invitation_id"])
    db.session.refresh(invitation)
    assert invitation.expires_at > utcnow()
    assert db.session.get(SchoolClass, other["class_id"]).archived_at is None


def test_every_post_needs_a_csrf_token(database_url, tmp_path, make_school) -> None:
    from tests.conftest import make_test_app

    make_school("De Regenboog")
    app = make_test_app(database_url, tmp_path, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    with app.app_context():
        response = client.post(
            "/inloggen",
            data={"email": "coordinator@deregenboog.example", "password": "lang-genoeg-wachtwoord"},
        )
        assert response.status_code == 400
        assert client.post("/taal", data={"locale": "en"}).status_code == 400
