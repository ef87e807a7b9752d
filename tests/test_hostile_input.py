"""Hostile input: every form field, upload, path and query parameter of every route, as properties.

The routes are those of the permission MATRIX (tests/test_permissions.py), each with every
method the app's URL map gives it. A POST route's fields are read from the HTML forms that post
to it on the app's own pages (seen by a coordinator, and by a visitor for the public pages),
with the values those forms show as the valid baseline, together with the fields of the
Flask-WTF form the view uses (FORM_CLASSES), what the view reads from the request itself
(VIEW_FORM_FIELDS) and MATRIX's sample data. A GET route's query parameters come from
QUERY_PARAMS (read from the views) and from the links and GET forms on the pages.
test_every_request_parameter_is_driven keeps those tables complete.

First a sweep sends every field, query parameter and path argument once with each of the
nastiest values (markup with NUL and U+FFFF, 12,000 characters, "²", 9999-12-31; huge ids),
the rest valid. Then, per example, Hypothesis sends the valid baseline with a few fields made
hostile: very long, control characters and NUL bytes, unicode edge cases, wrong types,
impossible dates, huge numbers, markup, formulas, paths, SQL; or left out, sent twice, or
joined by unknown fields; and sometimes a hostile value in the path. The properties:

- the answer is never a 5xx;
- a 4xx leaves the row count of every table as it was;
- after a 2xx or 3xx every stored text is free of control characters (line feed and tab aside)
  and noncharacters and fits its column, every stored date lies within ten years of today,
  redirects stay on the site, and markup stays text: no page shows it unescaped, neither the
  answer nor the pages and downloads that show what was stored (SHOWN_ON), none fails.

Each example gets fresh objects where an earlier example used them up (a removed entry, a
revoked link, an archived class, a changed password, a deleted school). The number of examples
per route can be raised with PLANNER_HOSTILE_EXAMPLES (default: 6 for a route with parameters);
a failing example is reported as sent, not shrunk, since each one costs real requests.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pptx import Presentation
from sqlalchemy import JSON, Date, String, delete, event, func, select
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter, RequestRedirect

from planner import create_app
from planner.accounts import forms as account_forms
from planner.accounts.models import (
    Invitation,
    LoginAttempt,
    PasswordReset,
    Role,
    User,
    hash_token,
)
from planner.accounts.operations import change_password, invite, reset_link
from planner.catalogue import forms as catalogue_forms
from planner.catalogue.content import SourceFile
from planner.catalogue.models import CatalogueItem
from planner.catalogue.operations import (
    FACET_PARAMS,
    get_item,
    import_school_items,
    sync_catalogue,
)
from planner.clock import utcnow
from planner.evenings import forms as evening_forms
from planner.evenings.models import (
    BlockedSender,
    EveningResponse,
    ParentEvening,
    ProgrammeBlock,
)
from planner.evenings.operations import add_block, create_evening
from planner.exports import forms as export_forms
from planner.exports.models import CalendarFeed
from planner.exports.operations import create_feed
from planner.extensions import db as _db
from planner.plans import forms as plan_forms
from planner.plans.models import PlanEntry
from planner.plans.operations import get_or_create_plan, next_school_day
from planner.policy import forms as policy_forms
from planner.policy.contacts import save_contact
from planner.policy.incidents import record_incident
from planner.policy.models import Contact, ContactRole, IncidentKind
from planner.policy.references import SCHOOL_PROTOCOL
from planner.schools import forms as school_forms
from planner.schools.data import delete_school
from planner.schools.models import Closure, School, SchoolClass
from planner.schools.operations import add_closure, current_school_year, restore_class, save_class
from tests.conftest import FIXTURE_CATALOGUE, PASSWORD, ROOT
from tests.test_permissions import MATRIX

EXAMPLES = int(os.environ.get("PLANNER_HOSTILE_EXAMPLES", "6"))
PLAUSIBLE_YEARS = 10  # stored dates lie within this many years of today

# --- the routes ----------------------------------------------------------------------------

_ROUTES_APP = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
RULES = {rule.endpoint: rule for rule in _ROUTES_APP.url_map.iter_rules()}


@dataclass(frozen=True)
class Target:
    endpoint: str
    method: str

    def __str__(self) -> str:
        return f"{self.method} {self.endpoint}"


TARGETS = [
    Target(endpoint, method)
    for endpoint in sorted(MATRIX)
    for method in sorted(RULES[endpoint].methods & {"GET", "POST"})
]

# MATRIX names unknown objects where the permission test needs no real one; these exist.
REAL_PATHS = {
    "catalogue.detail": "/catalogus/groepsapp-groep-7-8",
    "catalogue_api.get_item": "/api/v1/catalogue/groepsapp-groep-7-8",
    "exports.lesson_slides": "/catalogus/groepsapp-groep-7-8/dia.pptx",
    "accounts.accept": "/uitnodiging/{invite_token}",
    "accounts.reset_password": "/wachtwoord-herstellen/{reset_token}",
}

# Routes for visitors: driven without logging in. The first-run setup only exists while there
# is no school at all, so its examples run on an empty database.
ANONYMOUS = {
    "accounts.login",
    "accounts.accept",
    "accounts.forgot_password",
    "accounts.reset_password",
    "evenings.respond",
    "schools.setup",
}
EMPTY_DATABASE = {"schools.setup"}
# A refused login is counted, on purpose: that is how repeated guessing is slowed down.
# So is a wrong password typed again before a change that needs it.
WRITES_WHEN_REFUSED = {
    Target("accounts.login", "POST"): {"login_attempt"},
    Target("accounts.change_password", "POST"): {"login_attempt"},
    Target("schools.delete_school", "POST"): {"login_attempt"},
}

# The Flask-WTF form behind each route that reads one (with its prefix, if any).
FORM_CLASSES: dict[str, tuple[type, str]] = {
    "accounts.login": (account_forms.LoginForm, ""),
    "accounts.change_password": (account_forms.PasswordForm, ""),
    "accounts.invite": (account_forms.InviteForm, ""),
    "accounts.accept": (account_forms.AcceptInvitationForm, ""),
    "accounts.change_role": (account_forms.RoleForm, ""),
    "accounts.forgot_password": (account_forms.ForgotPasswordForm, ""),
    "accounts.reset_password": (account_forms.ResetPasswordForm, ""),
    "schools.setup": (school_forms.SetupForm, ""),
    "schools.new_class": (school_forms.ClassForm, ""),
    "schools.add_class_list": (school_forms.ClassListForm, ""),
    "schools.edit_class": (school_forms.ClassForm, ""),
    "schools.add_closure": (school_forms.ClosureForm, ""),
    "schools.delete_school": (school_forms.DeleteSchoolForm, ""),
    "plans.move": (plan_forms.MoveForm, ""),
    "plans.add": (plan_forms.AddForm, ""),
    "plans.add_from_catalogue": (plan_forms.AddForm, ""),
    "plans.replace": (plan_forms.ReplaceForm, ""),
    "plans.status": (plan_forms.StatusForm, ""),
    "plans.booking": (plan_forms.BookingForm, ""),
    "plans.settings": (plan_forms.SettingsForm, ""),
    "evenings.new": (evening_forms.EveningForm, ""),
    "evenings.edit": (evening_forms.EveningForm, ""),
    "evenings.add_block": (evening_forms.BlockForm, ""),
    "evenings.block_minutes": (evening_forms.MinutesForm, ""),
    "evenings.invitation": (evening_forms.InvitationForm, ""),
    "evenings.checklist": (evening_forms.ChecklistForm, ""),
    "evenings.respond": (evening_forms.ResponseForm, ""),
    "evenings.send_invitation": (evening_forms.InvitationMailForm, ""),
    "policy.save_item": (policy_forms.PolicyItemForm, "responsible"),
    "policy.new_contact": (policy_forms.ContactForm, ""),
    "policy.edit_contact": (policy_forms.ContactForm, ""),
    "policy.edit_agreements": (policy_forms.AgreementsForm, ""),
    "policy.new_incident": (policy_forms.IncidentForm, ""),
    "policy.incident": (policy_forms.IncidentEditForm, ""),
    "policy.retention": (policy_forms.RetentionForm, ""),
    "catalogue.import_items": (catalogue_forms.ImportForm, ""),
    "exports.upload_template": (export_forms.TemplateForm, ""),
    "exports.create_feed": (export_forms.FeedForm, ""),
}

# What views read from the posted form themselves, outside a form class.
VIEW_FORM_FIELDS: dict[str, tuple[str, ...]] = {
    "start.switch_language": ("locale", "next"),
    "schools.choose_year": ("year", "next"),
    "schools.edit_class": ("version",),
    "schools.new_class": ("name", "grades"),
    "schools.add_class_list": ("step", "row"),
    "plans.generate_all": ("confirmed",),
    "plans.generate_class": ("confirmed",),
    "plans.roll_over": ("confirmed",),
    "evenings.reorder": ("order",),
    "plans.add_from_catalogue": ("class_id",),
    "plans.move": ("version",),
    "plans.replace": ("version",),
    "plans.remove": ("version",),
    "plans.lock": ("version", "locked"),
    "plans.status": ("version",),
    "plans.booking": ("version",),
    "evenings.edit": ("version",),
    "evenings.ready_made": ("slug",),
    "evenings.move_block": ("direction",),
    "evenings.invitation": ("reset",),
    "evenings.responses_status": ("open",),
    "evenings.tick": ("done",),
    "evenings.respond": ("withdraw",),
    "evenings.remove_response": ("block",),
    "policy.save_item": ("version",),
    "policy.incident": ("version",),
    "policy.tick_steps": ("step",),  # and date-<step>, named by the page
    "policy.place_follow_up": ("slug",),
}

# Query parameters each GET route reads (the views and catalogue.operations.parse_query).
_CATALOGUE_QUERY = (*FACET_PARAMS.values(), "age", "q", "page")
QUERY_PARAMS: dict[str, tuple[str, ...]] = {
    "catalogue.index": (*_CATALOGUE_QUERY, "both_countries"),
    "catalogue_api.list_items": (*_CATALOGUE_QUERY, "limit", "offset", "both_countries"),
    "calendar_api.calendar": ("country", "region", "year"),
    "audit.log": ("soort", "pagina"),
    "schools.year_at_a_glance": ("klas",),
    "policy.poster": ("klas",),
    "catalogue.detail": ("land",),
    "exports.lesson_slides": ("land",),
    "exports.present_item": ("weergave",),
    "exports.present_entry": ("weergave",),
    "exports.present_evening": ("weergave",),
    "accounts.login": ("next",),
    "evenings.new": ("dag", "groep"),
}
GOOD_QUERY = {
    "dag": "2026-11-24",
    "groep": "5",
    "q": "online",
    "kind": "lesson",
    "grade": "5",
    "theme": "privacy",
    "country": "NL",
    "lang": "nl",
    "audience": "pupils",
    "age": "10",
    "page": "1",
    "limit": "10",
    "offset": "0",
    "region": "midden",
    "year": "2026-2027",
    "soort": "plan",
    "pagina": "1",
    "land": "BE",
    "next": "/jaarplan/",
}

# Pages besides MATRIX's GET routes whose forms post somewhere: (client, path template).
EXTRA_PAGES = (
    ("anonymous", "/inloggen"),
    ("anonymous", "/reactie/{token}"),
    ("anonymous", "/uitnodiging/{invite_token}"),
    ("anonymous", "/wachtwoord-vergeten"),
    ("anonymous", "/wachtwoord-herstellen/{reset_token}"),
    ("coordinator", "/catalogus/groepsapp-groep-7-8"),
    ("coordinator", "/catalogus/bezoek-jeugdagent"),
)

# Valid values by field name, where neither the page nor MATRIX gives one.
NEW_PASSWORD = "een-ander-lang-wachtwoord"
GOOD_BY_NAME: dict[str, Callable[[World], str]] = {
    "name": lambda w: f"Naam {w.serial}",
    "school_name": lambda w: f"Nieuwe school {w.serial}",
    "email": lambda w: f"collega{w.serial}@nieuw.example",
    "password": lambda w: NEW_PASSWORD,
    "password_again": lambda w: NEW_PASSWORD,
    "current": lambda w: PASSWORD,
    "title": lambda w: "Kringgesprek",
    "place": lambda w: "Aula",
    "label": lambda w: "Koffie zetten",
    "text": lambda w: "Beste ouders,\nwelkom.",
    "question": lambda w: "Hoe laat begint het?",
    "phone": lambda w: "030 123 45 67",
    "start_time": lambda w: "19:30",
    "end_time": lambda w: "21:00",
    "day": lambda w: w.school_day.isoformat(),
    "start": lambda w: w.school_day.isoformat(),
    "happened_on": lambda w: w.today.isoformat(),
    "minutes": lambda w: "10",
    "guests": lambda w: "2",
    "head_count": lambda w: "20",
    "activities": lambda w: "10",
    "retention_days": lambda w: "365",
    "locale": lambda w: "en",
    "year": lambda w: "2026-2027",
    "next": lambda w: "/jaarplan/",
}
GOOD_BY_ENDPOINT: dict[str, dict[str, Callable[[World], str]]] = {
    "schools.delete_school": {
        "school_name": lambda w: w.school_name,
        "password": lambda w: PASSWORD,
    },
    "accounts.login": {"email": lambda w: w.coordinator_email, "password": lambda w: PASSWORD},
    "accounts.accept": {"password": lambda w: NEW_PASSWORD},
    "accounts.reset_password": {"password": lambda w: NEW_PASSWORD},
    "accounts.forgot_password": {"email": lambda w: w.coordinator_email},
    "evenings.send_invitation": {"addresses": lambda w: "ouders@school.example"},
    "schools.setup": {"password": lambda w: NEW_PASSWORD, "country": lambda w: "NL"},
    "evenings.ready_made": {"slug": lambda w: "ouderavond"},
    "evenings.add_block": {"module": lambda w: ""},
}
KIND_DEFAULTS: dict[str, Callable[[World], str]] = {
    "date": lambda w: w.school_day.isoformat(),
    "time": lambda w: "19:30",
    "number": lambda w: "1",
}

# Pages that show what a route stores, besides the one it redirects to.
SHOWN_ON = {
    "catalogue.import_items": ("/catalogus/?q=online",),
    "policy.edit_contact": ("/school/beleid/handout",),
    "policy.edit_agreements": ("/school/afspraken/poster", "/school/beleid/handout"),
    "evenings.invitation": ("/ouderavonden/{evening_id}/uitnodiging/afdrukken",),
    "evenings.respond": ("/ouderavonden/{evening_id}/reacties",),
    "plans.status": ("/jaarplan/overzicht",),
    "plans.add": ("/jaarplan/klas/{class_id}/afdrukken", "/jaarplan/klas/{class_id}/plan.xlsx"),
    "evenings.new": ("/ouderavonden/",),
    "evenings.edit": (
        "/ouderavonden/{evening_id}/uitnodiging",
        "/ouderavonden/{evening_id}/presentatie.pptx",
    ),
    "evenings.add_block": ("/ouderavonden/{evening_id}/presentatie.pptx",),
    "schools.edit_class": ("/jaarplan/overzicht/school.xlsx", "/jaarplan/school.ics"),
    "policy.new_contact": ("/school/beleid/handout", "/ouderavonden/{evening_id}/presentatie.pptx"),
}

# --- hostile values ------------------------------------------------------------------------

MARKUP = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "javascript:alert(1)",
    "{{ 7*7 }}{% raw %}",
    "<b>vet</b> &amp; &lt;",
)
FORMULAS = ('=HYPERLINK("https://evil.example","klik")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(1)")
PATHS = ("../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/passwd", "%2e%2e%2f", "file:///x")
SQL = ("' OR '1'='1", "1; DROP TABLE school; --", "%", "_", "\\", "' UNION SELECT 1 --")
REDIRECTS = (
    "//evil.example/",
    "https://evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    " //evil.example",
    "http:evil.example",
)
CONTROL = (
    "\x00",
    "a\x00b",
    "\x1b[31mrood\x1b[0m",
    "regel\r\nregel\rregel",
    "\x7f\x85\x9b",
    "\x08\x0b\x0c",
    "tab\there",
)
UNICODE = (
    "\u202eevil\u202c",
    "\u200f\u200e\u200b\u2060",
    "👩\u200d👩\u200d👧\u200d👦",
    "e" + "\u0301" * 60,
    "\ufeffbom",
    "\U0010fffd\ufffe\uffff",
    "ﬁ İ ß ǅ",
    "\u2028\u2029",
    "𝕏𝔸",
    "",
    " ",
    "\n",
)
NUMBERS = (
    "-1",
    "0",
    "1.5",
    "1e5",
    "0x10",
    "NaN",
    "Infinity",
    "²",
    "①",
    "٣",
    "1_000",
    " 5 ",
    "+5",
    "2147483648",
    "9223372036854775808",
    "9" * 30,
    "1" + "0" * 5000,
    "-" + "9" * 20,
)
DATES = (
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "2026-13-01",
    "2026-00-10",
    "20261117",
    "2026-11-17T10:00",
    "17-11-2026",
    "2026-W47-2",
    "+002026-11-17",
    "-2026-11-17",
    "2026-11-17\x00",
    " 2026-11-17 ",
    "1900-01-01",
    "2100-01-01",
    "１９９９-０１-０１",
)
TIMES = ("25:00", "24:00", "-1:00", "23:59:60", "19:30:00.5", "7pm", "١٩:٣٠", "00:00", "23:59")

_TEXT = st.characters(exclude_categories=("Cs",))
_generated_text = st.text(_TEXT, max_size=40)
_long_text = st.builds(
    lambda chunk, times: chunk * times,
    st.sampled_from(("A", "é", "<b>", "\x00", "🙂", "ab cd ", "\n")),
    st.integers(1_000, 12_000),
)
_mixed = st.builds(
    lambda a, b, c: a + b + c,
    st.sampled_from(("", "Klas ", "Titel: ")),
    st.sampled_from(MARKUP + CONTROL + UNICODE + FORMULAS),
    _generated_text,
)
hostile_text = st.one_of(
    st.sampled_from(MARKUP + FORMULAS + PATHS + SQL + REDIRECTS + CONTROL + UNICODE),
    _generated_text,
    _long_text,
    _mixed,
)
hostile_number = st.one_of(
    st.sampled_from(NUMBERS),
    st.integers(-(2**70), 2**70).map(str),
    st.floats(allow_nan=True).map(str),
)
hostile_date = st.one_of(
    st.sampled_from(DATES),
    st.dates(date(1, 1, 1), date(9999, 12, 31)).map(date.isoformat),
)
HOSTILE_BY_KIND = {
    "number": st.one_of(hostile_number, hostile_text),
    "date": st.one_of(hostile_date, hostile_date, hostile_text),
    "time": st.one_of(st.sampled_from(TIMES), hostile_text),
}
hostile_int_segment = st.sampled_from((0, 2**31, 2**63, 10**25))
hostile_any = st.one_of(hostile_text, hostile_number, hostile_date)
# The sweep: each field, parameter and path argument gets each of these once.
SWEEP_VALUES = ("<script>alert(1)</script>\x00\uffff", "x" * 12_000, "²", "9999-12-31")
SWEEP_INT_SEGMENTS = (0, 2**31)
SWEEP_DATES = ("2035-05-15",)  # plausible, but a school year whose holidays are not known


# --- the world: one school with one of everything -------------------------------------------


class World:
    """A school with a class, plan entries, an evening, a contact, an incident, a closure, an
    invitation, a calendar link and an item of its own; refreshed where examples used them up."""

    def __init__(self, app, make_school, login) -> None:
        self.app = app
        self.make_school = make_school
        self.login = login
        self.serial = 0
        self.today = utcnow().date()
        self.builds = 0
        self.relogin_needed = False
        self.used = True  # an accepted change may have used something up
        self.ids: dict[str, object] = {}
        self.build()

    @property
    def school(self) -> School:
        return _db.session.get(School, self.ids["school_id"])

    @property
    def school_name(self) -> str:
        return str(self.ids["school_name"])

    @property
    def coordinator_email(self) -> str:
        return f"coordinator@{self.school_name.lower().replace(' ', '')}.example"

    def build(self) -> None:
        self.builds += 1
        school = self.make_school(f"Vijandig {self.builds}", "NL", "midden")
        self.ids = {"school_id": school.id, "school_name": school.name}
        self.coordinator_id = self._user("coordinator").id
        teacher = self._user("teacher")
        school_class = save_class(
            school, SchoolClass(), name="Klas A", grades=[5], head_count=20, teachers=[teacher]
        )
        self.school_day = next_school_day(school, self.today + timedelta(days=14), 1)
        evening = create_evening(
            school,
            title="Ouderavond",
            day=self.school_day,
            start_time=time(19, 30),
            end_time=time(21, 0),
            place="Aula",
            grades=[],
        )
        incident = record_incident(
            school_class,
            happened_on=self.today - timedelta(days=2),
            kind=IncidentKind.EXCLUSION,
            summary=None,
            follow_up_on=None,
            recorded_by=teacher,
        )
        self.ids.update(
            class_id=school_class.id,
            evening_id=evening.id,
            checklist_id=evening.checklist[0].id,
            incident_id=incident.id,
        )
        _db.session.commit()
        self.used = True
        self.refresh(None)
        self.client = self.login(school, "coordinator")

    def _user(self, role: str) -> User:
        return _db.session.scalar(
            select(User).where(User.school_id == self.ids["school_id"], User.role == role)
        )

    def refresh(self, target: Target | None) -> None:
        """Make everything an example may use exist again; a new school if it was deleted."""
        self.serial += 1
        if target is not None and target.endpoint in EMPTY_DATABASE:
            for school_id in _db.session.scalars(select(School.id)).all():
                delete_school(school_id)
            _db.session.commit()
            return
        if not self.used:
            return
        self.used = False
        school = self.school
        if school is None:
            self.build()
            return
        self._refresh_entries(school)
        self._refresh_evening()
        self._refresh_school_objects(school)
        _db.session.commit()
        if self.relogin_needed:
            self.relogin_needed = False
            self.client = self.login(self.school, "coordinator")

    def _refresh_entries(self, school: School) -> None:
        school_class = _db.session.get(SchoolClass, self.ids["class_id"])
        if school_class.is_archived:
            restore_class(school_class)
        plan = get_or_create_plan(school_class, current_school_year(school, utcnow().date()))
        for key, title, item in (
            ("entry_id", "Kringgesprek", None),
            ("lesson_entry_id", None, get_item("groepsapp-groep-7-8")),
            ("guest_entry_id", None, get_item("bezoek-jeugdagent")),
        ):
            if _db.session.get(PlanEntry, self.ids.get(key, 0)) is None:
                entry = PlanEntry(day=self.school_day, title=title, item=item, reason_code="custom")
                if item is not None and item.kind == "guest_session":
                    entry.booking = "proposed"
                plan.entries.append(entry)
                _db.session.flush()
                self.ids[key] = entry.id

    def _refresh_evening(self) -> None:
        evening = _db.session.get(ParentEvening, self.ids["evening_id"])
        if _db.session.get(ProgrammeBlock, self.ids.get("block_id", 0)) is None:
            self.ids["block_id"] = add_block(evening, title="Welkom", minutes=10).id
        evening.responses_open = True
        evening.max_guests = None
        self.ids["token"] = evening.response_token

    def _refresh_school_objects(self, school: School) -> None:
        if _db.session.get(Closure, self.ids.get("closure_id", 0)) is None:
            far = self.school_day + timedelta(days=21)
            self.ids["closure_id"] = add_closure(school, "Studiedag", far, far).id
        if _db.session.get(Contact, self.ids.get("contact_id", 0)) is None:
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
            self.ids["contact_id"] = contact.id
        coordinator = _db.session.get(User, self.coordinator_id)
        invitation = _db.session.get(Invitation, self.ids.get("invitation_id", 0))
        if invitation is None or invitation.used_at or invitation.expires_at <= utcnow():
            invitation, token = invite(
                school, f"uitgenodigd{self.serial}@nieuw.example", Role.TEACHER, coordinator
            )
            self.ids.update(invitation_id=invitation.id, invite_token=token)
        feed = _db.session.get(CalendarFeed, self.ids.get("feed_id", 0))
        if feed is None or feed.revoked_at is not None:
            feed, token = create_feed(school, None, coordinator, "nl")
            self.ids.update(feed_id=feed.id, feed_token=token)
        item = _db.session.get(CatalogueItem, self.ids.get("item_id", 0))
        if item is None or item.is_archived:
            self.ids["item_id"] = _own_item(school.id, f"eigen-{self.serial}").id
        self._refresh_colleague(school, coordinator)
        if not coordinator.check_password(PASSWORD):
            change_password(coordinator, PASSWORD)

    def _refresh_colleague(self, school: School, coordinator: User) -> None:
        """The teacher active and a teacher again, with an open password link; the evening
        with a response; no failed logins that would lock the coordinator out."""
        _db.session.execute(delete(LoginAttempt))
        teacher = _db.session.get(User, self.ids.get("teacher_id") or self._user("teacher").id)
        teacher.active, teacher.role = True, Role.TEACHER.value
        self.ids["teacher_id"] = teacher.id
        reset = _db.session.scalar(
            select(PasswordReset).where(
                PasswordReset.token_hash == hash_token(str(self.ids.get("reset_token", "")))
            )
        )
        if reset is None or reset.used_at or reset.expires_at <= utcnow():
            self.ids["reset_token"] = reset_link(teacher, made_by=coordinator)
        if _db.session.get(EveningResponse, self.ids.get("response_id", 0)) is None:
            response = EveningResponse(
                evening_id=self.ids["evening_id"], guests=1, sender="x", created_at=utcnow()
            )
            _db.session.add(response)
            _db.session.flush()
            self.ids["response_id"] = response.id
        _db.session.execute(delete(BlockedSender))
        if not coordinator.active:
            coordinator.active = True

    def fill(self, template: str) -> str:
        return template.format(**{k: v for k, v in self.ids.items() if isinstance(v, int | str)})


def _own_item(school_id: int, slug: str) -> CatalogueItem:
    source = SourceFile(f"{slug}.md", slug, None, _GOOD_MARKDOWN)
    return import_school_items(school_id, [source]).created[0]


_GOOD_MARKDOWN = (FIXTURE_CATALOGUE / "material" / "slim-online.md").read_bytes()


# --- reading forms and links from pages -----------------------------------------------------

INPUT_KINDS = {
    "text": "text",
    "search": "text",
    "url": "text",
    "tel": "text",
    "email": "email",
    "password": "password",
    "date": "date",
    "time": "time",
    "number": "number",
    "hidden": "hidden",
    "checkbox": "checkbox",
    "radio": "radio",
    "file": "file",
}
WTF_KINDS = {
    "TextAreaField": "textarea",
    "EmailField": "email",
    "PasswordField": "password",
    "DateField": "date",
    "TimeField": "time",
    "IntegerField": "number",
    "RadioField": "radio",
    "SelectField": "select",
    "SelectMultipleField": "checkbox",
    "MultiCheckboxField": "checkbox",
    "BooleanField": "checkbox",
    "FileField": "file",
}
CHOICE_KINDS = {"radio", "select", "checkbox", "button"}


@dataclass
class FormField:
    name: str
    kind: str
    options: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)  # what the page shows
    required: bool = False


@dataclass
class PageForm:
    method: str
    action: str
    fields: dict[str, FormField] = field(default_factory=dict)


class FormParser(HTMLParser):
    """The forms (with their fields and current values) and the links of a page."""

    def __init__(self, page_path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: list[PageForm] = []
        self.links: list[str] = []
        self._form: PageForm | None = None
        self._select: FormField | None = None
        self._option: list | None = None
        self._textarea: tuple[FormField, list[str]] | None = None

    def _field(self, name: str, kind: str) -> FormField:
        assert self._form is not None
        return self._form.fields.setdefault(name, FormField(name, kind))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "a" and "href" in attributes:
            self.links.append(attributes["href"])
        if tag == "form":
            action = attributes.get("action") or self.page_path.partition("?")[0]
            self._form = PageForm(attributes.get("method", "get").lower(), action)
            self.forms.append(self._form)
        name = attributes.get("name")
        if self._form is None or (not name and tag != "option"):
            return
        if tag == "input":
            kind = INPUT_KINDS.get(attributes.get("type", "text").lower())
            if kind is None:
                return
            form_field = self._field(name, kind)
            if kind in ("checkbox", "radio"):
                value = attributes.get("value", "on")
                form_field.options.append(value)
                if "checked" in attributes:
                    form_field.values.append(value)
            else:
                form_field.values = [attributes.get("value", "")]
            form_field.required |= "required" in attributes
        elif tag == "button":
            self._field(name, "button").options.append(attributes.get("value", ""))
        elif tag == "textarea":
            self._textarea = (self._field(name, "textarea"), [])
        elif tag == "select":
            self._select = self._field(name, "select")
        elif tag == "option" and self._select is not None:
            self._option = [attributes.get("value"), "selected" in attributes, []]

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1].append(data)
        if self._option is not None:
            self._option[2].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            form_field, parts = self._textarea
            text = "".join(parts)
            form_field.values = [text[2:] if text.startswith("\r\n") else text.removeprefix("\n")]
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "option" and self._option is not None and self._select is not None:
            value, selected, text = self._option
            value = "".join(text).strip() if value is None else value
            self._select.options.append(value)
            if selected:
                self._select.values.append(value)
            self._option = None


def parse_page(path: str, html: str) -> FormParser:
    parser = FormParser(path)
    parser.feed(html)
    parser.close()
    return parser


def match(path: str, method: str) -> tuple[str, dict[str, object]] | None:
    """The endpoint and arguments a path goes to, or None."""
    adapter = _ROUTES_APP.url_map.bind("localhost")
    try:
        endpoint, arguments = adapter.match(urlsplit(path).path, method=method)
    except (HTTPException, RequestRedirect):
        return None
    return str(endpoint), arguments


@dataclass
class Discovery:
    hosts: dict[Target, tuple[str, str]] = field(default_factory=dict)  # (client, page)
    query: dict[str, set[str]] = field(default_factory=dict)  # GET endpoint -> names


_DISCOVERY: list[Discovery] = []


def discover(world: World) -> Discovery:
    """Which page holds the form of each route, and which query parameters links use (once)."""
    if _DISCOVERY:
        return _DISCOVERY[0]
    found = Discovery()
    pages = [("coordinator", r.path) for r in MATRIX.values() if r.method == "GET"]
    for role, template in [*pages, *EXTRA_PAGES]:
        client = world.client if role == "coordinator" else world.app.test_client()
        path = world.fill(template)
        response = client.get(path)
        html = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
        response.close()
        parsed = parse_page(path, html)
        for form in parsed.forms:
            method = "POST" if form.method == "post" else "GET"
            matched = match(form.action, method)
            if matched is None:
                continue
            if method == "GET":
                found.query.setdefault(matched[0], set()).update(form.fields)
            found.hosts.setdefault(Target(matched[0], method), (role, template))
        for link in parsed.links:
            parts = urlsplit(link)
            matched = match(parts.path or path, "GET") if parts.query else None
            if matched is not None:
                names = {name for name, _ in parse_qsl(parts.query, keep_blank_values=True)}
                found.query.setdefault(matched[0], set()).update(names)
    _DISCOVERY.append(found)
    return found


def form_class_fields(form_class: type, prefix: str) -> dict[str, FormField]:
    """The fields of a Flask-WTF form class, with their kinds and fixed choices."""
    with _ROUTES_APP.test_request_context("/"):
        form = form_class(prefix=prefix, meta={"csrf": False})
        fields = {}
        for form_field in form:
            kind = WTF_KINDS.get(form_field.type, "text")
            options = [str(c.value) for c in getattr(form_field, "choices", None) or []]
            if form_field.type == "BooleanField":
                options = ["y"]
            fields[form_field.name] = FormField(
                form_field.name, kind, options, [], bool(form_field.flags.required)
            )
        return fields


# --- what one route takes ------------------------------------------------------------------


@dataclass
class Spec:
    """A route with its fields (and their valid values) and its query parameters."""

    target: Target
    path: str  # template, without query
    query: dict[str, str]  # MATRIX's query, valid
    fields: dict[str, FormField]
    good: dict[str, Callable[[World], list[str]]]
    params: tuple[str, ...]
    built_for: int  # the world build the page values come from


def build_spec(target: Target, world: World, discovery: Discovery) -> Spec:
    route = MATRIX[target.endpoint]
    template, _, query = REAL_PATHS.get(target.endpoint, route.path).partition("?")
    fields: dict[str, FormField] = {}
    if target.method == "POST":
        if target.endpoint in FORM_CLASSES:
            fields.update(form_class_fields(*FORM_CLASSES[target.endpoint]))
        fields.update(_page_fields(target, world, discovery, world.fill(template)))
        for name in (*VIEW_FORM_FIELDS.get(target.endpoint, ()), *route.data):
            fields.setdefault(name, FormField(name, "text"))
    good = {name: _good(target, form_field, route.data) for name, form_field in fields.items()}
    params = {*QUERY_PARAMS.get(target.endpoint, ()), *discovery.query.get(target.endpoint, ())}
    query_values = dict(parse_qsl(query))
    return Spec(target, template, query_values, fields, good, tuple(sorted(params)), world.builds)


def _page_fields(
    target: Target, world: World, discovery: Discovery, path: str
) -> dict[str, FormField]:
    host = discovery.hosts.get(target)
    if host is None:
        return {}
    role, page = host
    client = world.client if role == "coordinator" else world.app.test_client()
    page_path = world.fill(page)
    response = client.get(page_path)
    html = response.get_data(as_text=True)
    response.close()
    forms = [
        form
        for form in parse_page(page_path, html).forms
        if form.method == "post" and (match(form.action, "POST") or ("",))[0] == target.endpoint
    ]
    exact = [form for form in forms if urlsplit(form.action).path == path]
    chosen = (exact or forms or [PageForm("post", path)])[0]
    return chosen.fields


def _good(target: Target, form_field: FormField, data: dict[str, str]):
    """How to make a valid value for a field, in this order: the route's own choice, MATRIX's
    sample data, what the page shows, the field's name, its kind."""
    name, kind = form_field.name, form_field.kind
    by_endpoint = GOOD_BY_ENDPOINT.get(target.endpoint, {})
    shown = [value for value in form_field.values if value != ""]
    if kind == "file":
        return lambda world: [GOOD_FILES[name](world)]
    if name in by_endpoint:
        return lambda world: [by_endpoint[name](world)]
    if name in data:
        return lambda world: [world.fill(data[name])]
    if kind == "checkbox" and not shown and len(form_field.options) > 1:
        return lambda world: list(form_field.options)  # all ticked: what they name is sent too
    if shown or (kind in ("checkbox", "hidden") and not form_field.required):
        return lambda world: list(shown)
    if kind in ("radio", "select", "checkbox") and form_field.options:
        first = next((option for option in form_field.options if option not in ("", "0")), "")
        return lambda world: [first or form_field.options[0]]
    if name in GOOD_BY_NAME:
        return lambda world: [GOOD_BY_NAME[name](world)]
    if kind in KIND_DEFAULTS:
        return lambda world: [KIND_DEFAULTS[kind](world)] if form_field.required else [""]
    return lambda world: ["Tekst"] if form_field.required else [""]


def _pptx_bytes() -> bytes:
    output = io.BytesIO()
    Presentation().save(output)
    return output.getvalue()


_GOOD_PPTX = _pptx_bytes()
GOOD_FILES: dict[str, Callable[[World], tuple[bytes, str]]] = {
    "file": lambda world: (_GOOD_MARKDOWN, f"eigen-upload-{world.serial}.md"),
    "template": lambda world: (_GOOD_PPTX, "sjabloon.pptx"),
}


def _zip(members: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return output.getvalue()


def _markdown_with(key: str, value: str) -> bytes:
    """The good content file with one front-matter value replaced (as a YAML string)."""
    lines = _GOOD_MARKDOWN.decode().splitlines()
    replaced = [
        f"{line.split(':')[0]}: {json.dumps(value)}" if line.strip().startswith(f"{key}:") else line
        for line in lines
    ]
    return ("\n".join(replaced) + "\n" + value + "\n").encode("utf-8", "surrogatepass")


FILE_NAMES = (
    "../../etc/passwd.md",
    "..\\..\\evil.md",
    "a" * 300 + ".md",
    "x\x00y.md",
    ".md",
    "CON.md",
    "naam met spaties.md",
    "Ünïcödé.md",
    "evil.zip",
    "evil.pptx",
    "evil.potx",
    "",
)
BAD_CONTENTS = (
    b"",
    b"\x00" * 64,
    b"PK\x03\x04 not really a zip",
    _zip({"../evil.md": _GOOD_MARKDOWN}),
    _zip({"lesson/x.md": b"---\nkind: [\n---\n"}),
    _zip({"ppt/presentation.xml": b"<not-xml"}),
    b"---\n---\n",
    b"<script>alert(1)</script>",
)


SWEEP_FILES = {
    "file": (
        (_GOOD_MARKDOWN, "a" * 300 + ".md"),
        (_GOOD_MARKDOWN, "x\x00y.md"),
        (_markdown_with("nl", "<script>alert(1)</script>\x00\x1b"), "eigen-nul.md"),
        (_markdown_with("provider", "p" * 5000), "eigen-lang.md"),
        (b"\x00" * 64, "eigen-leeg.md"),
    ),
    "template": (
        (_GOOD_PPTX, "a" * 300 + ".pptx"),
        (_GOOD_PPTX, "<script>alert(1)</script>\x00.pptx"),
        (b"\x00" * 64, "sjabloon.pptx"),
    ),
}


def hostile_file(name: str) -> st.SearchStrategy[tuple[bytes, str]]:
    suffix = ".md" if name == "file" else ".pptx"
    good_bytes = _GOOD_MARKDOWN if name == "file" else _GOOD_PPTX
    injected = st.builds(
        _markdown_with,
        st.sampled_from(("nl", "provider", "source")),
        hostile_text,
    )
    contents = st.one_of(
        st.just(good_bytes), st.sampled_from(BAD_CONTENTS), st.binary(max_size=200), injected
    )
    names = st.one_of(
        st.sampled_from(FILE_NAMES),
        hostile_text.map(lambda text: text + suffix),
        st.builds(lambda n: f"eigen-{n}{suffix}", st.integers(0, 10**6)),
    )
    return st.tuples(contents, names)


# --- one example ---------------------------------------------------------------------------

UNSAFE_MARKUP = re.compile(
    r"<script>|<img src=x|<svg onload|(?:href|src|action)\s*=\s*[\"']?\s*javascript:", re.I
)
C0_AND_SPACE = "".join(chr(code) for code in range(33))
LOGS_OUT = {
    "accounts.logout",
    "accounts.logout_everywhere",
    "accounts.change_password",
    "schools.delete_school",
}


def row_counts() -> dict[str, int]:
    tables = _db.metadata.sorted_tables
    counts = [select(func.count()).select_from(t).scalar_subquery().label(t.name) for t in tables]
    return dict(_db.session.execute(select(*counts)).one()._mapping)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# What no stored text should hold: control characters but line feed and tab (PostgreSQL
# refuses NUL), and noncharacters such as U+FFFF (XML refuses them: no slides, no workbook).
_NONCHARACTERS = "".join(
    f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000)
)
UNFIT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef{_NONCHARACTERS}]")
# Which tables a request wrote to: only those need looking at afterwards.
_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE)\s+"?(\w+)', re.IGNORECASE)


def stored_problems(tables: set[str]) -> list[str]:
    """Stored text with characters it cannot hold or too long for its column; dates further
    than PLAUSIBLE_YEARS from today. In the tables named."""
    today = utcnow().date()
    first = date(today.year - PLAUSIBLE_YEARS, 1, 1)
    last = date(today.year + PLAUSIBLE_YEARS, 12, 31)
    problems = []
    for table in _db.metadata.sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, String | JSON | Date)]
        if not columns or table.name not in tables:
            continue
        for row in _db.session.execute(select(*columns)):
            for column, value in zip(columns, row, strict=True):
                where = f"{table.name}.{column.name}"
                if value is None:
                    continue
                if isinstance(column.type, Date):
                    if not first <= value <= last:
                        problems.append(f"{where}: implausible date {value}")
                    continue
                length = getattr(column.type, "length", None)
                if length and isinstance(value, str) and len(value) > length:
                    problems.append(f"{where}: {len(value)} characters, the column holds {length}")
                for text in _strings(value):
                    unfit = set(UNFIT.findall(text))
                    if unfit:
                        problems.append(f"{where}: characters it cannot hold {sorted(unfit)!r}")
                    if "&lt;script" in text:
                        problems.append(f"{where}: markup stored escaped: {text[:80]!r}")
    return problems


@pytest.fixture
def written_tables(app) -> Iterator[set[str]]:
    """The tables that statements since the set was last emptied inserted into or updated."""
    tables: set[str] = set()

    def note(conn, cursor, statement, parameters, context, executemany) -> None:
        found = _WRITE.match(statement)
        if found:
            tables.add(found.group(1))

    event.listen(_db.engine, "before_cursor_execute", note)
    yield tables
    event.remove(_db.engine, "before_cursor_execute", note)


class Runner:
    """Sends the examples of one route and checks the properties after each."""

    def __init__(
        self, target: Target, world: World, discovery: Discovery, caplog, written: set[str]
    ) -> None:
        self.target = target
        self.written = written
        self.world = world
        self.discovery = discovery
        self.caplog = caplog
        self.spec = build_spec(target, world, discovery)
        self.stale = False
        self.rule = RULES[target.endpoint]

    @property
    def examples(self) -> int:
        spec = self.spec
        busy = spec.fields or spec.params or self.rule.arguments
        return EXAMPLES if busy else max(2, EXAMPLES // 4)

    def example(self, draw) -> None:
        """One Hypothesis example: a few hostile fields, parameters or path arguments, now and
        then as a JSON body instead of a form."""

        def make_request():
            path, query, data = self._path(draw), self._query(draw), self._data(draw)
            if data is not None and draw(st.integers(0, 5), label="as JSON") == 0:
                data = JsonBody(draw(json_bodies(_without_files(data)), label="JSON body"))
            return path, query, data

        self.send(make_request)

    def sweep(self) -> None:
        """Every field, parameter and path argument once with each of the nastiest values,
        the rest valid: so no field is left out, however few examples Hypothesis runs."""
        for name in sorted(self.spec.fields):
            kind = self.spec.fields[name].kind
            values = {"file": SWEEP_FILES.get(name, ()), "date": SWEEP_VALUES + SWEEP_DATES}
            for value in values.get(kind, SWEEP_VALUES):
                self.send(lambda name=name, value=value: self._one_field(name, value))
        for name in self.spec.params:
            for value in SWEEP_VALUES:
                self.send(lambda name=name, value=value: self._one_param(name, value))
        for name in sorted(self.rule.arguments):
            integer = isinstance(self.rule._converters[name], IntegerConverter)
            for value in SWEEP_INT_SEGMENTS if integer else SWEEP_VALUES:
                self.send(lambda name=name, value=value: self._one_argument(name, value))
        if self.target.method == "POST":
            nested = {name: {"a": [1, None]} for name in self.spec.fields}
            for body in ([1, 2], "tekst", 5, nested):
                self.send(lambda body=body: (self.world.fill(self.spec.path), {}, JsonBody(body)))

    def _one_field(self, name: str, value: object):
        data = self._valid_data()
        data[name] = value
        if name == "password" and "password_again" in data:
            data["password_again"] = value  # so that the password itself is judged
        return self.world.fill(self.spec.path), self._valid_query(), data

    def _one_param(self, name: str, value: str):
        query = self._valid_query()
        query[name] = [value]
        return self.world.fill(self.spec.path), query, self._valid_data()

    def _one_argument(self, name: str, value: object):
        matched = match(self.world.fill(self.spec.path), self.target.method)
        assert matched is not None, self.spec.path
        endpoint, arguments = matched
        arguments[name] = value
        return self._build(endpoint, arguments), self._valid_query(), self._valid_data()

    def _valid_query(self) -> dict[str, list[str]]:
        return {name: [value] for name, value in self.spec.query.items()}

    def _valid_data(self) -> dict[str, object] | None:
        if self.target.method != "POST":
            return None
        data = {name: self._one(good(self.world)) for name, good in self.spec.good.items()}
        if "password_again" in data:
            data["password_again"] = data.get("password", "")
        return data

    @staticmethod
    def _one(values: list) -> object:
        return values[0] if len(values) == 1 else values

    def send(self, make_request) -> None:
        """Send one request, made once the world is refreshed, and check the properties."""
        world = self.world
        world.refresh(self.target)
        if self.stale or self.spec.built_for != world.builds:
            fresh = build_spec(self.target, world, self.discovery)
            # Only the valid values follow the page: what examples draw from stays the same.
            good = {name: fresh.good.get(name, old) for name, old in self.spec.good.items()}
            self.spec = replace(self.spec, good=good, built_for=world.builds)
            self.stale = False
        path, query, data = make_request()
        anonymous = self.target.endpoint in ANONYMOUS
        client = world.app.test_client() if anonymous else world.client
        sent = f"{self.target} {_short(path)} query={_short(query)} data={_short(data)}"
        before = row_counts()
        self.written.clear()
        body = {"json": data.value} if isinstance(data, JsonBody) else {"data": _files_opened(data)}
        response = client.open(
            path,
            method=self.target.method,
            query_string=query,
            headers={"User-Agent": f"hostile/{world.serial}"},
            **body,
        )
        status = response.status_code
        html = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
        location = response.headers.get("Location", "")
        response.close()
        _db.session.remove()  # as at the end of a real request
        assert status < 500, f"{sent} -> {status}\n{self._last_error()}"
        assert status >= 200, f"{sent} -> {status}"
        self._check_markup(html, sent)
        if status >= 400:
            changed = {
                name for name, count in row_counts().items() if before.get(name) != count
            } - WRITES_WHEN_REFUSED.get(self.target, set())
            assert not changed, f"{sent} -> {status} but rows changed in {sorted(changed)}"
            return
        problems = stored_problems(self.written) if self.target.method == "POST" else []
        assert not problems, f"{sent} -> {status} stored: {problems[:5]}"
        shown = []
        if 300 <= status < 400:
            parts = urlsplit(location)
            # Browsers read a backslash as a slash and drop tabs and line breaks.
            seen = re.sub(r"[\t\n\r]", "", location).replace("\\", "/").lstrip(C0_AND_SPACE)
            assert urlsplit(seen).netloc in ("", "localhost"), f"{sent} -> off site: {location!r}"
            assert not seen.startswith("//"), f"{sent} -> off the site: {location!r}"
            shown.append((client, parts.path + (f"?{parts.query}" if parts.query else "")))
        if self.target.method == "POST":
            host = self.discovery.hosts.get(self.target)
            pages = (host[1] if host else None, *SHOWN_ON.get(self.target.endpoint, ()))
            shown += [(world.client, world.fill(page)) for page in pages if page]
            # After an accepted edit the form carries a new version; the rest stays valid.
            self.stale = "version" in self.spec.fields
        for page_client, page in dict.fromkeys(shown):
            self._show(page_client, page, sent)
        world.used |= self.target.method == "POST"
        world.relogin_needed |= self.target.endpoint in LOGS_OUT

    def _show(self, client, path: str, sent: str) -> None:
        """A page that shows what was stored: no 5xx, no markup let through."""
        response = client.get(path)
        status = response.status_code
        html = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
        response.close()
        _db.session.remove()
        assert status < 500, f"{sent}, then GET {path} -> {status}\n{self._last_error()}"
        self._check_markup(html, f"{sent}, then GET {path}")

    def _check_markup(self, html: str, sent: str) -> None:
        found = UNSAFE_MARKUP.search(html)
        if found:
            start = max(0, found.start() - 120)
            pytest.fail(f"{sent}: markup shown unescaped: ...{html[start : found.end() + 40]}...")

    def _last_error(self) -> str:
        import logging

        for record in reversed(self.caplog.records):
            if record.exc_info:
                return logging.Formatter().formatException(record.exc_info)
        return "(no exception logged)"

    def _path(self, draw) -> str:
        world = self.world
        path = world.fill(self.spec.path)
        matched = match(path, self.target.method)
        if matched is None or not self.rule.arguments or draw(st.integers(0, 4)) != 0:
            return path
        endpoint, arguments = matched
        name = draw(st.sampled_from(sorted(self.rule.arguments)), label="path argument")
        if isinstance(self.rule._converters[name], IntegerConverter):
            arguments[name] = draw(hostile_int_segment, label=name)
        else:
            arguments[name] = draw(hostile_text.filter(bool), label=name)
        return self._build(endpoint, arguments)

    def _build(self, endpoint: str, arguments: dict[str, object]) -> str:
        adapter = _ROUTES_APP.url_map.bind("localhost")
        built = adapter.build(endpoint, arguments, method=self.target.method)
        return built if built.startswith("/") else "/" + quote(built)

    def _query(self, draw) -> dict[str, list[str]]:
        spec = self.spec
        query = {name: [value] for name, value in spec.query.items()}
        if spec.params:
            for name in draw(st.sets(st.sampled_from(spec.params), max_size=3), label="params"):
                query[name] = [self._good_query(name)]
            hostile = draw(st.sets(st.sampled_from(spec.params), max_size=2), label="hostile")
            for name in sorted(hostile):
                value = draw(hostile_any, label=f"?{name}")
                query[name] = [value, value + "x"] if draw(st.booleans()) else [value]
        if draw(st.integers(0, 3)) == 0:
            query[draw(st.sampled_from(("x", "id", "school_id", "page", "a" * 300)))] = [
                draw(hostile_text, label="?unknown")
            ]
        return query

    def _good_query(self, name: str) -> str:
        if name == "klas":
            return str(self.world.ids["class_id"])
        return self.spec.query.get(name, GOOD_QUERY.get(name, "1"))

    def _data(self, draw) -> dict[str, object] | None:
        if self.target.method != "POST":
            return None
        spec, world = self.spec, self.world
        names = sorted(spec.fields)
        hostile = (
            draw(st.sets(st.sampled_from(names), max_size=2), label="hostile fields")
            if names
            else set()
        )
        data: dict[str, object] = {}
        for name in names:
            form_field = spec.fields[name]
            if name not in hostile:
                data[name] = self._valid(draw, form_field, spec.good[name](world))
                continue
            mode = draw(st.sampled_from(("value", "value", "value", "missing", "twice")))
            if mode == "missing":
                continue
            if form_field.kind == "file":
                data[name] = draw(hostile_file(name), label=name)
                continue
            value = draw(HOSTILE_BY_KIND.get(form_field.kind, hostile_any), label=name)
            data[name] = [value, *spec.good[name](world)] if mode == "twice" else value
        if "password_again" in data and "password_again" not in hostile:
            data["password_again"] = data.get("password", "")
        if draw(st.integers(0, 3)) == 0:
            unknown = draw(st.sampled_from(("x", "id", "school_id", "role", "a" * 300)))
            data.setdefault(unknown, draw(hostile_text, label="unknown field"))
        return data

    def _valid(self, draw, form_field: FormField, good: list) -> object:
        """The field's valid value, or now and then another valid choice."""
        if form_field.kind in CHOICE_KINDS and form_field.options and draw(st.booleans()):
            if form_field.kind == "checkbox":
                return sorted(draw(st.sets(st.sampled_from(form_field.options), max_size=3)))
            return draw(st.sampled_from(form_field.options))
        return good if len(good) != 1 else good[0]


@dataclass(frozen=True)
class JsonBody:
    """A request body sent as JSON (Flask-WTF would read it as the form)."""

    value: object


def json_bodies(valid: dict[str, object]) -> st.SearchStrategy[object]:
    """The valid form as JSON, or JSON of the wrong shape or with the wrong types."""
    scalars = st.one_of(st.none(), st.booleans(), st.integers(), hostile_text)
    values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3), max_leaves=5)
    return st.one_of(
        st.just(valid),
        st.fixed_dictionaries(dict.fromkeys(valid, values)),
        values,
        st.dictionaries(st.sampled_from(sorted(valid) or ["x"]), values, max_size=3),
    )


def _without_files(data: dict[str, object]) -> dict[str, object]:
    return {name: value for name, value in data.items() if not isinstance(value, tuple)}


def _files_opened(data: dict[str, object] | None) -> dict[str, object] | None:
    """Uploads as the test client sends them: a fresh stream per request."""
    if data is None:
        return None
    return {
        name: (io.BytesIO(value[0]), value[1])
        if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], bytes)
        else value
        for name, value in data.items()
    }


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) < 400 else text[:400] + f"... ({len(text)} characters)"


# --- the tests -----------------------------------------------------------------------------


@pytest.fixture
def world(app, db, catalogue_dir: Path, make_school, login) -> World:
    """The world, on the fixture catalogue with the school protocol (an incident's steps)."""
    shutil.copy(ROOT / "lessons" / "protocol" / f"{SCHOOL_PROTOCOL}.md", catalogue_dir / "protocol")
    sync_catalogue(catalogue_dir)
    db.session.commit()
    return World(app, make_school, login)


@pytest.mark.slow
@pytest.mark.parametrize("target", TARGETS, ids=str)
def test_hostile_input(
    target: Target, world: World, caplog: pytest.LogCaptureFixture, written_tables: set[str]
) -> None:
    runner = Runner(target, world, discover(world), caplog, written_tables)
    runner.sweep()

    @settings(
        max_examples=runner.examples,
        deadline=None,
        database=None,
        # Each example is a real request or three: report the failing one as sent, unshrunk.
        phases=(Phase.explicit, Phase.generate),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.data())
    def examples(data: st.DataObject) -> None:
        runner.example(data.draw)

    examples()


def test_every_request_parameter_is_driven() -> None:
    """Every form class is some route's, and every name views read from the request is sent."""
    from flask_wtf import FlaskForm

    from planner.core.forms import PlannerForm

    def subclasses(cls: type) -> Iterator[type]:
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    forms = {c for c in subclasses(FlaskForm) if c.__module__.startswith("planner.")}
    forms.discard(PlannerForm)  # the base of the others, no form of its own
    assert forms - {cls for cls, _prefix in FORM_CLASSES.values()} == set()
    source = "\n".join(p.read_text() for p in Path("planner").rglob("*.py"))
    form_names = set(re.findall(r"request\.form\.(?:get|getlist)\(\s*\"([^\"]+)\"", source))
    query_names = set(re.findall(r"request\.args\.(?:get|getlist)\(\s*\"([^\"]+)\"", source))
    query_names |= set(re.findall(r"_(?:int_param|flag)\(args, \"([^\"]+)\"", source))
    assert form_names - {n for names in VIEW_FORM_FIELDS.values() for n in names} == set()
    assert query_names - {n for names in QUERY_PARAMS.values() for n in names} == set()
