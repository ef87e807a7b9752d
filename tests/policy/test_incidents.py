"""Incidents without pupil data: recording, the protocol with dates, follow-up in the plan,
reminders on the start page, who sees what, and deletion after the retention period."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from planner.clock import utcnow
from planner.plans import operations as plans
from planner.policy.incidents import (
    close_incident,
    follow_up_items,
    has_identifiers,
    incident_reminders,
    purge_expired,
    record_incident,
    retention_days,
    set_retention_days,
)
from planner.policy.models import Incident, IncidentKind
from planner.schools.calendar import SchoolYear
from tests.conftest import english
from tests.policy.conftest import klas, user


def today() -> date:
    return utcnow().date()


def record(db, school, name="Groep 7/8", kind=IncidentKind.EXCLUSION, days_ago=3, **extra):
    incident = record_incident(
        klas(db, school, name),
        happened_on=today() - timedelta(days=days_ago),
        kind=kind,
        summary=extra.get("summary"),
        follow_up_on=extra.get("follow_up_on"),
        recorded_by=user(db, school, "teacher"),
    )
    db.session.commit()
    return incident


def count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Incident))


def test_teacher_records_an_incident_in_their_class(db, school, login) -> None:
    client = login(school, "teacher")
    form = english(client).get("/school/incidenten/nieuw").get_data(as_text=True)
    assert "Never write pupils' names" in form
    assert "No names" in form
    assert "Groep 5" not in form  # only the teacher's own classes
    day = today() - timedelta(days=2)
    response = client.post(
        "/school/incidenten/nieuw",
        data={
            "class_id": klas(db, school, "Groep 7/8").id,
            "happened_on": day.isoformat(),
            "kind": "exclusion",
            "summary": "Een leerling werd door klasgenoten uit de groepsapp gezet.",
        },
    )
    assert response.status_code == 303
    incident = db.session.scalar(select(Incident))
    assert response.headers["Location"].endswith(f"/school/incidenten/{incident.id}")
    assert (incident.kind, incident.status, incident.happened_on) == ("exclusion", "open", day)
    assert incident.follow_up_on == day + timedelta(weeks=3)


def test_a_teacher_cannot_record_for_another_class(db, school, login) -> None:
    response = login(school, "teacher").post(
        "/school/incidenten/nieuw",
        data={
            "class_id": klas(db, school, "Groep 5").id,
            "happened_on": today().isoformat(),
            "kind": "threats",
        },
    )
    assert response.status_code == 400
    assert count(db) == 0


@pytest.mark.parametrize(
    "summary",
    [
        "Berichten van kees.jansen@gmail.com in de klassenapp.",
        "Het account @gamer_kees_12 stuurde dreigberichten.",
        "Ze belde steeds naar 06-12345678.",
        "Berichten vanaf 0478 12 34 56.",
    ],
)
def test_records_that_identify_someone_are_refused(db, school, login, summary) -> None:
    response = english(login(school, "teacher")).post(
        "/school/incidenten/nieuw",
        data={
            "class_id": klas(db, school, "Groep 7/8").id,
            "happened_on": today().isoformat(),
            "kind": "threats",
            "summary": summary,
        },
    )
    assert response.status_code == 400
    assert "must not identify anyone" in response.get_data(as_text=True)
    assert summary in response.get_data(as_text=True)  # what was typed is kept
    assert count(db) == 0


def test_ordinary_sentences_with_dates_and_numbers_are_fine() -> None:
    for text in (
        "Op 06-11-2026 om 14:30 kwamen er gemene berichten in de klassenapp.",
        "Twee leerlingen uit groep 8 plaatsten een foto; 12 kinderen zagen hem.",
        "Meester Ruben en Juf Els hebben met de groep gepraat.",
    ):
        assert not has_identifiers(text)


def test_future_incidents_and_follow_up_before_the_incident_are_refused(db, school, login):
    client = login(school, "teacher")
    own = klas(db, school, "Groep 7/8").id
    future = english(client).post(
        "/school/incidenten/nieuw",
        data={
            "class_id": own,
            "happened_on": (today() + timedelta(days=1)).isoformat(),
            "kind": "other",
        },
    )
    assert "cannot be in the future" in future.get_data(as_text=True)
    early = english(client).post(
        "/school/incidenten/nieuw",
        data={
            "class_id": own,
            "happened_on": today().isoformat(),
            "follow_up_on": (today() - timedelta(days=1)).isoformat(),
            "kind": "other",
        },
    )
    assert "cannot be before the incident" in early.get_data(as_text=True)
    assert count(db) == 0


def test_the_protocol_is_ticked_with_dates(db, school, login) -> None:
    incident = record(db, school)
    client = login(school, "teacher")
    page = english(client).get(f"/school/incidenten/{incident.id}").get_data(as_text=True)
    assert "Neem elk signaal van online pesten serieus" in page  # from schoolprotocol-cyberpesten
    assert "Voer een paar weken na de afronding een kort vervolggesprek" in page
    earlier = today() - timedelta(days=1)
    response = client.post(
        f"/school/incidenten/{incident.id}/stappen",
        data={"step": ["1.1", "2.1"], "date-1.1": earlier.isoformat(), "date-2.1": ""},
    )
    assert response.status_code == 303
    db.session.refresh(incident)
    done = {step.step_key: step.done_on for step in incident.steps}
    assert done == {"1.1": earlier, "2.1": today()}
    texts = {step.step_key: step.text for step in incident.steps}
    assert texts["2.1"] == "Bel de ouders van de gepeste leerling."
    page = english(client).get(f"/school/incidenten/{incident.id}").get_data(as_text=True)
    assert "2 of 24 steps done" in page
    assert f'value="{earlier.isoformat()}"' in page
    # Unticking a step removes it; a date in the future or an unknown step is refused.
    client.post(f"/school/incidenten/{incident.id}/stappen", data={"step": ["2.1"]})
    db.session.refresh(incident)
    assert [step.step_key for step in incident.steps] == ["2.1"]
    tomorrow = (today() + timedelta(days=1)).isoformat()
    client.post(
        f"/school/incidenten/{incident.id}/stappen", data={"step": ["3.1"], "date-3.1": tomorrow}
    )
    client.post(f"/school/incidenten/{incident.id}/stappen", data={"step": ["99.1"]})
    db.session.refresh(incident)
    assert [step.step_key for step in incident.steps] == ["2.1"]


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        (
            IncidentKind.EXCLUSION,
            "Groep 7/8",
            ["klasthermometer", "groepsdruk-groepsapp-groep-7-8"],
        ),
        (
            IncidentKind.CYBERBULLYING,
            "Groep 5",
            ["no-blame-aanpak", "cyberpesten-wat-kun-jij-doen-groep-5-6"],
        ),
        (IncidentKind.HACKED, "Groep 5", ["klasthermometer", "account-gehackt-wat-nu-groep-5-6"]),
        (IncidentKind.IMAGES, "Groep 1/2", ["mag-ik-een-foto-van-je-maken-groep-1-2"]),
    ],
)
def test_follow_up_fits_the_kind_and_the_grades(db, school, kind, name, expected) -> None:
    incident = record(db, school, name=name, kind=kind)
    assert [item.slug for item in follow_up_items(incident)] == expected


def test_the_follow_up_lesson_is_placed_in_the_class_plan(db, school, login) -> None:
    incident = record(db, school)
    client = login(school, "teacher")
    response = english(client).post(
        f"/school/incidenten/{incident.id}/vervolg",
        data={"slug": "groepsdruk-groepsapp-groep-7-8"},
    )
    assert response.status_code == 303
    own = klas(db, school, "Groep 7/8")
    day = plans.next_school_day(school, today() + timedelta(days=1))
    plan = plans.get_plan(own, SchoolYear.containing(day, "NL"))
    [entry] = plan.entries
    assert (entry.item.slug, entry.day) == ("groepsdruk-groepsapp-groep-7-8", day)
    page = english(client).get(f"/school/incidenten/{incident.id}").get_data(as_text=True)
    assert "In the plan on" in page
    assert "Place in the class plan" in page  # the intervention is still to place
    refused = client.post(
        f"/school/incidenten/{incident.id}/vervolg",
        data={"slug": "sexting-en-grenzen-online-groep-7-8"},
    )
    assert refused.status_code == 303
    assert len(plans.get_plan(own, SchoolYear.containing(day, "NL")).entries) == 1


def test_reminders_for_the_follow_up_conversation(db, school, login) -> None:
    due = record(db, school, days_ago=20)  # follow-up tomorrow
    overdue = record(db, school, days_ago=30)
    later = record(db, school, days_ago=1)  # follow-up in 20 days: not yet
    other_class = record(db, school, name="Groep 5", days_ago=20)
    closed = record(db, school, days_ago=25)
    close_incident(closed, today())
    db.session.commit()
    teacher = user(db, school, "teacher")
    reminders = incident_reminders(teacher, today())
    assert [(r.incident.id, r.overdue) for r in reminders] == [(overdue.id, True), (due.id, False)]
    coordinator = user(db, school, "coordinator")
    assert {r.incident.id for r in incident_reminders(coordinator, today())} == {
        due.id,
        overdue.id,
        other_class.id,
    }
    assert incident_reminders(user(db, school, "viewer"), today()) == []
    assert later.id not in {r.incident.id for r in reminders}
    page = english(login(school, "teacher")).get("/").get_data(as_text=True)
    assert "Follow-up conversations" in page
    assert f"/school/incidenten/{due.id}" in page
    assert f"/school/incidenten/{other_class.id}" not in page
    assert "Overdue since" in page
    viewer_page = english(login(school, "viewer")).get("/").get_data(as_text=True)
    assert "Follow-up conversations" not in viewer_page


def test_teachers_see_their_own_classes_the_coordinator_all_viewers_nothing(
    db, school, flemish, login
) -> None:
    own = record(db, school, summary="Ruzie in de klassenapp.")
    other = record(db, school, name="Groep 5", summary="Een gehackt account.")
    abroad = record(db, flemish, name="5de leerjaar")
    teacher = login(school, "teacher")
    listing = english(teacher).get("/school/incidenten").get_data(as_text=True)
    assert f"/school/incidenten/{own.id}" in listing
    assert f"/school/incidenten/{other.id}" not in listing
    assert teacher.get(f"/school/incidenten/{other.id}").status_code == 403
    assert teacher.post(f"/school/incidenten/{other.id}/afsluiten").status_code == 403
    assert teacher.get(f"/school/incidenten/{abroad.id}").status_code == 404
    coordinator = login(school, "coordinator")
    listing = english(coordinator).get("/school/incidenten").get_data(as_text=True)
    assert f"/school/incidenten/{own.id}" in listing
    assert f"/school/incidenten/{other.id}" in listing
    assert coordinator.get(f"/school/incidenten/{other.id}").status_code == 200
    viewer = login(school, "viewer")
    assert viewer.get("/school/incidenten").status_code == 403
    assert viewer.get(f"/school/incidenten/{own.id}").status_code == 403
    evidence = english(viewer).get("/school/verantwoording").get_data(as_text=True)
    assert "2 incidents" in evidence
    assert "Ruzie in de klassenapp." not in evidence
    assert f"/school/incidenten/{own.id}" not in evidence


def test_edit_close_and_reopen(db, school, login) -> None:
    incident = record(db, school)
    client = login(school, "teacher")
    follow_up = today() + timedelta(days=2)
    response = client.post(
        f"/school/incidenten/{incident.id}",
        data={
            "happened_on": incident.happened_on.isoformat(),
            "kind": "threats",
            "summary": "Dreigende berichten in een game-chat.",
            "follow_up_on": follow_up.isoformat(),
            "version": incident.version,
        },
    )
    assert response.status_code == 303
    db.session.refresh(incident)
    assert (incident.kind, incident.follow_up_on) == ("threats", follow_up)
    stale = client.post(
        f"/school/incidenten/{incident.id}",
        data={"happened_on": incident.happened_on.isoformat(), "kind": "other", "version": "1"},
    )
    assert stale.status_code == 303
    db.session.refresh(incident)
    assert incident.kind == "threats"
    assert client.post(f"/school/incidenten/{incident.id}/afsluiten").status_code == 303
    db.session.refresh(incident)
    assert (incident.status, incident.closed_on) == ("closed", today())
    client.post(f"/school/incidenten/{incident.id}/heropenen")
    db.session.refresh(incident)
    assert (incident.status, incident.closed_on) == ("open", None)


def test_closed_records_are_deleted_after_the_retention_period(db, school, flemish) -> None:
    old = record(db, school, days_ago=500)
    recent = record(db, school, days_ago=100)
    still_open = record(db, school, days_ago=600)
    short = record(db, flemish, name="5de leerjaar", days_ago=100)
    close_incident(old, today() - timedelta(days=366))
    close_incident(recent, today() - timedelta(days=40))
    close_incident(short, today() - timedelta(days=40))
    set_retention_days(flemish, 30)
    db.session.commit()
    assert purge_expired(today()) == 2
    db.session.commit()
    left = set(db.session.scalars(select(Incident.id)))
    assert left == {recent.id, still_open.id}
    assert purge_expired(today()) == 0


def test_purge_command_and_the_incidents_page_delete_expired_records(app, db, school, login):
    first = record(db, school, days_ago=500)
    close_incident(first, today() - timedelta(days=400))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["incidents", "purge"])
    assert result.exit_code == 0, result.output
    assert "1 incident record(s) deleted." in result.output
    assert count(db) == 0
    second = record(db, school, days_ago=500)
    close_incident(second, today() - timedelta(days=400))
    db.session.commit()
    assert login(school, "teacher").get("/school/incidenten").status_code == 200
    assert count(db) == 0


def test_coordinator_sets_the_retention_period(db, school, login) -> None:
    client = login(school, "coordinator")
    assert retention_days(school) == 365
    assert (
        client.post("/school/incidenten/bewaartermijn", data={"retention_days": "10"}).status_code
        == 400
    )
    assert (
        client.post("/school/incidenten/bewaartermijn", data={"retention_days": "180"}).status_code
        == 303
    )
    assert retention_days(school) == 180
    page = english(client).get("/school/incidenten").get_data(as_text=True)
    assert "deleted 180 days after closing" in page
    assert login(school, "teacher").get("/school/incidenten/bewaartermijn").status_code == 403
