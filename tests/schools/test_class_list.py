"""Adding every class in one step: names typed or pasted, grades read from them and checked
before anything is saved; bad lines are named per line and nothing typed is lost."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from planner.grades import grades_from_name
from planner.schools.models import SchoolClass
from tests.conftest import english


@pytest.mark.parametrize(
    ("name", "grades"),
    [
        ("Groep 1/2", (1, 2)),
        ("Groep 5", (5,)),
        ("groep 7-8", (7, 8)),
        ("Groep 4b", (4,)),
        ("1ste leerjaar", (3,)),
        ("5de-6de leerjaar", (7, 8)),
        ("5de en 6de leerjaar", (7, 8)),
        ("3de kleuterklas", (2,)),
        ("2de kleuterklas", (1,)),
        ("K3/L1", (2, 3)),
        ("L5-6", (7, 8)),
        ("De Vlinders", ()),
    ],
)
def test_grades_are_read_from_the_names_of_both_countries(name, grades) -> None:
    assert grades_from_name(name).grades == grades


def test_the_first_nursery_year_is_named_not_guessed() -> None:
    read = grades_from_name("1ste kleuterklas")
    assert read.grades == ()
    assert read.nursery_one


def classes(db, school) -> dict[str, list[int]]:
    rows = db.session.scalars(select(SchoolClass).where(SchoolClass.school_id == school.id))
    return {c.name: c.grades for c in rows}


def test_a_dutch_list_is_read_confirmed_and_saved_in_one_go(db, make_school, login) -> None:
    school = make_school("De Regenboog")
    client = english(login(school, "coordinator"))
    text = "Groep 1/2, Groep 3\nGroep 4, Groep 5; Groep 6\n- Groep 7/8"
    read = client.post("/school/klassen/lijst", data={"text": text, "step": "read"})
    assert read.status_code == 200
    page = read.get_data(as_text=True)
    assert "Check the grades" in page
    assert "Save 6 classes" in page
    assert 'name="grades-6" value="8" checked' in page  # Groep 7/8 ticks 7 and 8
    assert classes(db, school) == {}  # nothing saved before the confirmation
    rows = {"text": text, "step": "save"}
    names = ["Groep 1/2", "Groep 3", "Groep 4", "Groep 5", "Groep 6", "Groep 7/8"]
    grades = [["1", "2"], ["3"], ["4"], ["5"], ["6"], ["7", "8"]]
    data = list(rows.items())
    for number, (name, ticked) in enumerate(zip(names, grades, strict=True), start=1):
        data += [("row", str(number)), (f"name-{number}", name)]
        data += [(f"grades-{number}", grade) for grade in ticked]
    data.append(("grades-5", "5"))  # the coordinator corrects a row before saving
    saved = client.post("/school/klassen/lijst", data=MultiDict(data))
    assert saved.status_code == 303
    assert saved.location.endswith("/jaarplan/")
    assert classes(db, school) == {
        "Groep 1/2": [1, 2],
        "Groep 3": [3],
        "Groep 4": [4],
        "Groep 5": [5],
        "Groep 6": [5, 6],
        "Groep 7/8": [7, 8],
    }
    announced = client.get(saved.location).get_data(as_text=True)
    assert "6 classes added. Next step: make the plans for every class." in announced
    assert "Make the plans for every class" in announced


def test_flemish_names_tick_flemish_grades(db, make_school, login) -> None:
    school = make_school("De Vlinder", "BE", "vlaanderen")
    client = login(school, "coordinator")
    text = "3de kleuterklas\n1ste leerjaar\n5de leerjaar"
    page = client.post("/school/klassen/lijst", data={"text": text}).get_data(as_text=True)
    assert 'name="grades-1" value="2" checked' in page
    assert 'name="grades-2" value="3" checked' in page
    assert 'name="grades-3" value="7" checked' in page
    assert "3de kleuterklas" in page
    assert "groep" not in page.lower().replace("klasgroep", "")


def test_bad_lines_get_a_message_each_and_the_text_stays(db, make_school, login) -> None:
    school = make_school("De Regenboog")
    client = english(login(school, "coordinator"))
    client.post("/school/klassen/lijst", data={"text": "Groep 3", "step": "read"})
    client.post(
        "/school/klassen/lijst",
        data={"text": "Groep 3", "step": "save", "row": "1", "name-1": "Groep 3", "grades-1": "3"},
    )
    text = "Groep 3\nDe Vlinders\nGroep 5\ngroep 5\n" + "Groep 8 " + "x" * 60
    response = client.post("/school/klassen/lijst", data={"text": text})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "There is already a class with this name." in page
    assert "The name does not say which grades: tick them." in page
    assert "This name is in the list twice." in page
    assert "This name is longer than 60 characters." in page
    assert "4 lines need your attention" in page
    # the text stays in the textarea, as typed
    assert "Groep 3\nDe Vlinders\nGroep 5\ngroep 5" in page.replace("\r\n", "\n")
    # Saving the table as it is refuses the same rows and saves nothing.
    data = [("text", text), ("step", "save")]
    for number, name in enumerate(["Groep 3", "De Vlinders", "Groep 5", "groep 5"], start=1):
        data += [("row", str(number)), (f"name-{number}", name)]
    refused = client.post("/school/klassen/lijst", data=MultiDict(data))
    assert refused.status_code == 400
    assert classes(db, school) == {"Groep 3": [3]}
    # Emptying a name leaves it out; ticking grades fixes a name that says none.
    data = [("text", text), ("step", "save")]
    for number, name, grade in ((2, "De Vlinders", "4"), (3, "Groep 5", "5"), (4, "", "")):
        data += [("row", str(number)), (f"name-{number}", name), (f"grades-{number}", grade)]
    assert client.post("/school/klassen/lijst", data=MultiDict(data)).status_code == 303
    assert classes(db, school) == {"Groep 3": [3], "De Vlinders": [4], "Groep 5": [5]}


def test_an_empty_list_is_refused_with_a_message(db, make_school, login) -> None:
    client = english(login(make_school("De Regenboog"), "coordinator"))
    response = client.post("/school/klassen/lijst", data={"text": " ,\n ; "})
    assert response.status_code == 400
    assert "Type at least one class name." in response.get_data(as_text=True)


def test_the_single_class_form_reads_grades_from_the_name(db, make_school, login) -> None:
    school = make_school("De Regenboog")
    client = english(login(school, "coordinator"))
    response = client.post("/school/klassen/nieuw", data={"name": "Groep 7/8"})
    assert response.status_code == 303
    assert classes(db, school) == {"Groep 7/8": [7, 8]}
    assert "Grades read from the name: groups 7-8" in client.get("/school/klassen").get_data(
        as_text=True
    )
    nameless = client.post("/school/klassen/nieuw", data={"name": "De Uilen"})
    assert nameless.status_code == 400
    assert "Choose at least one grade." in nameless.get_data(as_text=True)
