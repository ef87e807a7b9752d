"""The policy check: statuses, owners and review dates, and proposals that land in the plan."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from planner.clock import utcnow
from planner.plans import operations as plans
from planner.policy.check import policy_items, save_policy_item
from planner.policy.errors import PolicyError
from planner.policy.models import PolicyStatus
from planner.policy.proposals import apply_proposal, proposals_for
from planner.schools.calendar import SchoolYear
from planner.schools.operations import is_school_day
from tests.conftest import english
from tests.policy.conftest import EN, in_year, klas, this_year, user

YEAR = SchoolYear.parse("2026-2027")


def test_coordinator_records_status_owner_and_review_date(db, school, login) -> None:
    client = login(school, "coordinator")
    teacher = user(db, school, "teacher")
    response = client.post(
        "/school/beleid/knowledge",
        data={
            "knowledge-status": "in_progress",
            "knowledge-owner_id": str(teacher.id),
            "knowledge-owner_name": "",
            "knowledge-review_on": "2027-03-01",
            "knowledge-note": "Teambijeenkomst in maart",
        },
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/school/beleid#q-knowledge")
    item = policy_items(school)["knowledge"]
    assert (item.status, item.owner_id, item.review_on) == (
        "in_progress",
        teacher.id,
        date(2027, 3, 1),
    )
    page = english(client).get("/school/beleid").get_data(as_text=True)
    assert "What does every teacher at least know?" in page
    assert teacher.name in page
    assert "Review on 1 Mar 2027" in page
    assert "Teambijeenkomst in maart" in page


def test_owner_can_be_a_role_typed_in(db, school, login) -> None:
    client = login(school, "coordinator")
    client.post(
        "/school/beleid/responsible",
        data={"responsible-status": "in_place", "responsible-owner_name": "intern begeleider"},
    )
    item = policy_items(school)["responsible"]
    assert (item.owner_id, item.owner_label) == (None, "intern begeleider")


def test_a_stale_save_is_refused(db, school, login) -> None:
    client = login(school, "coordinator")
    data = {"anchored-status": "missing"}
    client.post("/school/beleid/anchored", data=data)
    item = policy_items(school)["anchored"]
    old = item.version
    client.post("/school/beleid/anchored", data={"anchored-status": "in_place", "version": old})
    stale = client.post(
        "/school/beleid/anchored", data={"anchored-status": "missing", "version": old}
    )
    assert stale.status_code == 303
    db.session.expire_all()
    assert policy_items(school)["anchored"].status == "in_place"


def test_staff_read_but_do_not_edit(db, school, login) -> None:
    client = login(school, "teacher")
    assert client.get("/school/beleid").status_code == 200
    refused = client.post("/school/beleid/knowledge", data={"knowledge-status": "in_place"})
    assert refused.status_code == 403
    assert policy_items(school) == {}
    assert login(school, "coordinator").post("/school/beleid/onbekend").status_code == 404


def test_proposals_only_for_what_is_missing_or_in_progress(db, school, login) -> None:
    save_policy_item(school, "knowledge", status=PolicyStatus.MISSING)
    save_policy_item(school, "staff_guidelines", status=PolicyStatus.IN_PLACE)
    db.session.commit()
    page = english(login(school, "coordinator")).get("/school/beleid").get_data(as_text=True)
    knowledge = page.split('id="q-knowledge"')[1].split('id="q-anchored"')[0]
    assert "Basic knowledge of online social safety for every teacher" in knowledge
    assert "Place in the whole-school plan" in knowledge
    staff = page.split('id="q-staff_guidelines"')[1]
    assert "What you can do" not in staff


def test_missing_knowledge_places_the_team_item_in_the_whole_school_plan(db, school) -> None:
    today = date(2026, 9, 1)
    placement = apply_proposal(school, "knowledge", 0, YEAR, today)
    db.session.commit()
    plan = plans.get_school_plan(school, YEAR)
    assert plan is not None
    assert plan.class_id is None
    [entry] = plan.entries
    assert entry.item.slug == "kennisbasis-voor-elke-leerkracht"
    assert entry is placement.added[0]
    assert entry.day > today
    assert entry.day.weekday() == school.plan_weekday
    assert is_school_day(school, entry.day)
    again = apply_proposal(school, "knowledge", 0, YEAR, today)
    assert (again.added, again.already) == ([], 1)
    assert len(plans.get_school_plan(school, YEAR).entries) == 1


def test_how_a_teacher_acts_proposes_the_protocol_for_the_country(app, db, school, flemish) -> None:
    for made, slug in (
        (school, "eerste-acties-online-gepest"),
        (flemish, "eerste-acties-online-gepest-vlaanderen"),
    ):
        found = proposals_for(made, "teacher_acts", YEAR)
        assert [(p.action, p.item.slug) for p in found] == [
            ("read", slug),
            ("school_plan", "jaarlijkse-evaluatie-pestprotocol"),
        ]
    apply_proposal(flemish, "teacher_acts", 1, YEAR, date(2026, 9, 1))
    wide = plans.get_school_plan(flemish, YEAR)
    assert [e.item.slug for e in wide.entries] == ["jaarlijkse-evaluatie-pestprotocol"]
    with app.test_request_context(), pytest.raises(PolicyError):
        apply_proposal(flemish, "teacher_acts", 0, YEAR, date(2026, 9, 1))


def test_staff_guidelines_and_agreements_proposals(db, school, flemish) -> None:
    apply_proposal(school, "staff_guidelines", 0, YEAR, date(2026, 9, 1))
    apply_proposal(flemish, "agreements", 1, YEAR, date(2026, 9, 1))
    assert [e.item.slug for e in plans.get_school_plan(school, YEAR).entries] == [
        "richtlijnen-sociale-media-personeel"
    ]
    assert [e.item.slug for e in plans.get_school_plan(flemish, YEAR).entries] == [
        "infoavond-lager"
    ]


def test_positive_behaviour_places_a_start_of_year_lesson_in_every_class(db, school) -> None:
    placement = apply_proposal(school, "positive", 0, YEAR, date(2026, 8, 1))
    db.session.commit()
    assert len(placement.added) == 3
    chosen = {}
    for name in ("Groep 1/2", "Groep 5", "Groep 7/8"):
        [entry] = plans.get_plan(klas(db, school, name), YEAR).entries
        assert "start-schooljaar" in entry.item.data["moments"]
        assert entry.day >= YEAR.start("NL")
        chosen[name] = entry.item.slug
    assert chosen == {
        "Groep 1/2": "lief-zijn-ook-op-de-tablet-groep-1-2",
        "Groep 5": "online-klasafspraken-groep-5-6",
        "Groep 7/8": "online-afspraken-klas-groep-7-8",
    }
    assert apply_proposal(school, "positive", 0, YEAR, date(2026, 8, 1)).already == 3
    [proposal] = proposals_for(school, "positive", YEAR)
    assert (proposal.classes_done, proposal.classes_total) == (3, 3)


def test_a_year_that_is_over_cannot_be_planned(app, db, school) -> None:
    with app.test_request_context(headers=EN), pytest.raises(PolicyError, match="over"):
        apply_proposal(school, "knowledge", 0, YEAR, date(2027, 8, 1))


def test_one_click_from_the_page(db, school, login) -> None:
    save_policy_item(school, "knowledge", status=PolicyStatus.MISSING)
    db.session.commit()
    client = in_year(login(school, "coordinator"))
    response = english(client).post("/school/beleid/knowledge/voorstel/0")
    assert response.status_code == 303
    wide = plans.get_school_plan(school, this_year())
    assert [e.item.slug for e in wide.entries] == ["kennisbasis-voor-elke-leerkracht"]
    page = english(client).get("/school/beleid").get_data(as_text=True)
    assert "Placed in the plan on" in page
    assert "In the whole-school plan on" in page
    assert login(school, "teacher").post("/school/beleid/knowledge/voorstel/0").status_code == 403


def test_review_due_and_print_overview(db, school, login) -> None:
    save_policy_item(
        school,
        "teacher_acts",
        status=PolicyStatus.IN_PLACE,
        owner_name="directeur",
        review_on=utcnow().date() - timedelta(days=1),
    )
    save_policy_item(school, "law", status=PolicyStatus.MISSING)
    db.session.commit()
    client = login(school, "viewer")
    page = english(client).get("/school/beleid").get_data(as_text=True)
    assert "review due" in page
    assert "2024-2025" in page  # the Dutch phone rule in the legal question
    assert "Change" not in page.split('id="q-law"')[1]  # no forms for a viewer
    printed = english(client).get("/school/beleid/afdrukken").get_data(as_text=True)
    assert 'class="topbar"' not in printed
    assert "1 in place, 0 in progress, 1 missing, 8 not checked" in printed
    assert "directeur" in printed


def test_flemish_law_question_names_the_schools_own_rules(db, flemish, login) -> None:
    page = english(login(flemish, "teacher")).get("/school/beleid").get_data(as_text=True)
    assert "Which rules apply to your school?" in page
    assert "schoolreglement" in page
    assert "2024-2025" not in page


def test_questions_due_for_review_are_on_the_coordinators_start_page(db, school, login) -> None:
    today = utcnow().date()
    save_policy_item(
        school, "knowledge", status=PolicyStatus.IN_PLACE, owner_name="intern begeleider",
        review_on=today - timedelta(days=1),
    )  # fmt: skip
    save_policy_item(
        school, "responsible", status=PolicyStatus.IN_PLACE, review_on=today + timedelta(days=60)
    )
    db.session.commit()
    page = english(login(school, "coordinator")).get("/").get_data(as_text=True)
    assert "Policy questions to review" in page
    assert "What does every teacher at least know?" in page
    assert "intern begeleider" in page
    assert "/school/beleid#q-knowledge" in page
    assert "#q-responsible" not in page  # not due yet
    teacher_page = english(login(school, "teacher")).get("/").get_data(as_text=True)
    assert "Policy questions to review" not in teacher_page


def test_a_missing_question_whose_proposal_is_planned_is_not_shown_as_missing(
    db, school, login
) -> None:
    save_policy_item(school, "positive", status=PolicyStatus.MISSING)
    save_policy_item(school, "knowledge", status=PolicyStatus.MISSING)
    db.session.commit()
    client = english(in_year(login(school, "coordinator")))
    client.post("/school/beleid/positive/voorstel/0")  # the lesson in every class plan
    page = client.get("/school/beleid").get_data(as_text=True)
    start = page.index('id="q-positive"')
    positive = page[start : page.index("</li>", page.index("classes have it", start))]
    assert "3 of 3 classes have it" in positive
    assert "status-badge--in_progress" in positive
    assert ">Missing<" not in positive
    assert "Planned: the proposal below is in the plan" in positive
    knowledge = page[page.index('id="q-knowledge"') :]
    assert "status-badge--missing" in knowledge[: knowledge.index("policy-item__meta") + 200]
    begin = page.index('class="policy-summary"')
    summary = page[begin : page.index("</ul>", begin)]
    assert "In progress</span> 1" in summary
    assert "Missing</span> 1" in summary
