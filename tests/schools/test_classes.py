"""Classes: the coordinator adds, edits and archives; nobody sees another school's classes."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from planner.accounts.models import User
from planner.schools.models import SchoolClass
from tests.conftest import english


@pytest.fixture
def regenboog(make_school):
    return make_school("De Regenboog")


def teacher_id(db, school) -> int:
    return db.session.scalar(
        select(User.id).where(User.school_id == school.id, User.role == "teacher")
    )


def test_coordinator_adds_a_combination_class(db, regenboog, login) -> None:
    client = login(regenboog, "coordinator")
    data = {
        "name": "Groep 7/8",
        "grades": ["7", "8"],
        "head_count": "27",
        "teachers": [str(teacher_id(db, regenboog))],
    }
    response = client.post("/school/klassen/nieuw", data=data)
    assert response.status_code == 303
    school_class = db.session.scalar(select(SchoolClass))
    assert school_class.name == "Groep 7/8"
    assert school_class.grades == [7, 8]
    assert school_class.head_count == 27
    assert [t.role for t in school_class.teachers] == ["teacher"]
    page = client.get("/school/klassen").get_data(as_text=True)
    assert "Groep 7/8" in page
    assert "groep 7-8" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "grades": ["3"]}, "Fill in this field."),
        ({"name": "De Uilen"}, "Choose at least one grade."),
        ({"name": "Groep 3", "grades": ["9"]}, "not a valid choice"),
        ({"name": "Groep 3", "grades": ["3"], "head_count": "80"}, "Enter a number from 0 to 60."),
        ({"name": "Groep 3", "grades": ["3"], "head_count": "veel"}, "Not a valid integer value."),
        ({"name": "x" * 61, "grades": ["3"]}, "Field cannot be longer than 60 characters."),
    ],
)
def test_class_form_refuses_bad_input(db, regenboog, login, data, message) -> None:
    client = login(regenboog, "coordinator")
    response = english(client).post("/school/klassen/nieuw", data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(SchoolClass)) is None


def test_class_names_are_unique_within_a_school(db, regenboog, login, make_school) -> None:
    client = login(regenboog, "coordinator")
    client.post("/school/klassen/nieuw", data={"name": "Groep 3", "grades": ["3"]})
    again = english(client).post(
        "/school/klassen/nieuw",
        data={"name": "groep 3", "grades": ["3"]},
    )
    assert again.status_code == 400
    assert "There is already a class with this name." in again.get_data(as_text=True)


def test_edit_archive_and_restore(db, regenboog, login) -> None:
    client = login(regenboog, "coordinator")
    client.post("/school/klassen/nieuw", data={"name": "Groep 5", "grades": ["5"]})
    school_class = db.session.scalar(select(SchoolClass))
    response = client.post(
        f"/school/klassen/{school_class.id}",
        data={"name": "Groep 5/6", "grades": ["5", "6"], "version": str(school_class.version)},
    )
    assert response.status_code == 303
    db.session.refresh(school_class)
    assert (school_class.name, school_class.grades) == ("Groep 5/6", [5, 6])
    client.post(f"/school/klassen/{school_class.id}/archiveren")
    db.session.refresh(school_class)
    assert school_class.is_archived
    client.post(f"/school/klassen/{school_class.id}/terugzetten")
    db.session.refresh(school_class)
    assert not school_class.is_archived


def test_a_stale_edit_is_refused_not_saved(db, regenboog, login) -> None:
    client = login(regenboog, "coordinator")
    client.post("/school/klassen/nieuw", data={"name": "Groep 5", "grades": ["5"]})
    school_class = db.session.scalar(select(SchoolClass))
    old_version = str(school_class.version)
    client.post(
        f"/school/klassen/{school_class.id}",
        data={"name": "Groep 5a", "grades": ["5"], "version": old_version},
    )
    response = english(client).post(
        f"/school/klassen/{school_class.id}",
        data={"name": "Groep 5b", "grades": ["5"], "version": old_version},
        follow_redirects=True,
    )
    assert "Someone else changed this class" in response.get_data(as_text=True)
    db.session.refresh(school_class)
    assert school_class.name == "Groep 5a"


def test_teachers_and_viewers_read_but_cannot_change_classes(db, regenboog, login) -> None:
    coordinator = login(regenboog, "coordinator")
    coordinator.post("/school/klassen/nieuw", data={"name": "Groep 4", "grades": ["4"]})
    class_id = db.session.scalar(select(SchoolClass.id))
    coordinator.post("/uitloggen")
    for role in ("teacher", "viewer"):
        client = login(regenboog, role)
        assert "Groep 4" in client.get("/school/klassen").get_data(as_text=True)
        assert (
            client.post("/school/klassen/nieuw", data={"name": "X", "grades": ["1"]}).status_code
            == 403
        )
        assert client.post(f"/school/klassen/{class_id}/archiveren").status_code == 403
        client.post("/uitloggen")


def test_another_schools_class_is_invisible(db, regenboog, make_school, login) -> None:
    vlinder = make_school("De Vlinder", "BE", "vlaanderen")
    login(vlinder, "coordinator").post(
        "/school/klassen/nieuw", data={"name": "K3", "grades": ["2"]}
    )
    foreign = db.session.scalar(select(SchoolClass.id))
    client = login(regenboog, "coordinator")
    assert client.get(f"/school/klassen/{foreign}").status_code == 404
    assert client.post(f"/school/klassen/{foreign}/archiveren").status_code == 404
    assert "K3" not in client.get("/school/klassen").get_data(as_text=True)
