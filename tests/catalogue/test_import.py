"""A school's own items: uploading content files, refusing hostile ones, and who sees what."""

from __future__ import annotations

import html
import io
import re
import stat
import warnings
import zipfile
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import select

from planner.catalogue.content import check_tree
from planner.catalogue.models import CatalogueItem
from planner.catalogue.operations import school_items, sync_catalogue
from planner.core.limits import UPLOAD_SLACK_BYTES
from planner.evenings.operations import create_evening
from planner.plans import operations as plans
from planner.schools.calendar import SchoolYear
from planner.schools.models import SchoolClass
from planner.schools.operations import save_class
from tests.conftest import BEFORE_THE_YEAR, FIXTURE_CATALOGUE, english, post_file

pytestmark = pytest.mark.usefixtures("loaded")

UPLOAD = "/catalogus/importeren"


def lesson(title: str = "Onze eigen gameregels", grades: str = "[5, 6]") -> str:
    """A valid lesson of the school's own; 'zebravink' is a word no curated item uses."""
    slides = "\n".join(
        f"## Dia {n}\n- Een punt over gamen\n\n> Vraag de klas naar zebravink {n}.\n"
        for n in range(1, 7)
    )
    return f"""---
kind: lesson
title:
  nl: {title}
summary:
  nl: De klas maakt afspraken over samen gamen, met de zebravink als voorbeeld.
grades: {grades}
themes: [gamen]
competences: [reflecteren]
audience: [pupils]
country: [NL, BE]
duration_minutes: 45
source: eigen les van het team
goals:
  - Ik weet wat eerlijk spelen online is.
conversation:
  - question: Wat doe je als iemand vals speelt?
    answers: [Ik zeg er iets van]
---
Een les die ons team zelf schreef.

{slides}"""


MODULE = """---
kind: parent_module
title:
  nl: Gamen thuis
summary:
  nl: Wat ouders kunnen afspreken over gamen.
grades: [5, 6]
themes: [gamen]
audience: [parents]
country: [NL, BE]
duration_minutes: 15
source: eigen module
---
## Wat speelt je kind?
- Vraag het eens

> Laat ouders vertellen welke games ze kennen.
"""

EVENING = """---
kind: parent_evening
title:
  nl: Onze eigen ouderavond
summary:
  nl: Een avond met onze eigen module en een uit de catalogus.
grades: [5, 6]
themes: [gamen]
audience: [parents]
country: [NL, BE]
source: eigen avond
modules: [gamen-thuis, signalen]
---
Zo bouwen wij de avond op.
"""


def zip_of(entries: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload(client, filename: str, data: bytes | str):
    raw = data.encode() if isinstance(data, str) else data
    return post_file(english(client), UPLOAD, "file", raw, filename)


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def own_items(school) -> list[CatalogueItem]:
    return school_items(school.id)


def titles(page: str) -> list[str]:
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', page)


@pytest.fixture
def regenboog(make_school):
    return make_school("De Regenboog", "NL", "midden")


@pytest.fixture
def vlinder(make_school):
    return make_school("De Vlinder", "BE", "vlaanderen")


@pytest.fixture
def imported(regenboog, login) -> CatalogueItem:
    """De Regenboog's own lesson, uploaded by its coordinator."""
    response = upload(login(regenboog, "coordinator"), "onze-les.md", lesson())
    assert response.status_code == 200, text(response)[:2000]
    (item,) = own_items(regenboog)
    return item


# --- valid uploads ------------------------------------------------------------------------


def test_a_single_md_file_becomes_the_schools_own_item(db, regenboog, login) -> None:
    client = login(regenboog, "coordinator")
    response = upload(client, "onze-les.md", lesson())
    assert response.status_code == 200
    page = text(response)
    assert "Added" in page
    assert "Onze eigen gameregels" in page
    (item,) = own_items(regenboog)
    assert item.slug == f"{regenboog.id}--onze-les"
    assert item.origin == "school"
    assert item.school_id == regenboog.id
    assert item.kind == "lesson"
    assert item.grades == [5, 6]
    assert item.source_path == "onze-les.md"
    detail = english(client).get(f"/catalogus/{item.slug}")
    assert detail.status_code == 200
    assert "Vraag de klas naar zebravink 1." in text(detail)


def test_a_zip_of_kind_folders_is_imported_whole(db, regenboog, login) -> None:
    client = login(regenboog, "coordinator")
    data = zip_of(
        {
            "onze-lessen/": b"",
            "onze-lessen/lesson/onze-les.md": lesson(),
            "onze-lessen/parent_module/gamen-thuis.md": MODULE,
            "onze-lessen/parent_evening/onze-avond.md": EVENING,
            "onze-lessen/README.md": "Uitleg voor het team, geen item.",
            "__MACOSX/onze-lessen/lesson/._onze-les.md": b"\x00\x05\x16\x07",
        }
    )
    response = upload(client, "onze-lessen.zip", data)
    assert response.status_code == 200, text(response)[:2000]
    stored = {item.slug: item for item in own_items(regenboog)}
    prefix = f"{regenboog.id}--"
    assert set(stored) == {prefix + "onze-les", prefix + "gamen-thuis", prefix + "onze-avond"}
    assert stored[prefix + "onze-les"].source_path == "onze-lessen/lesson/onze-les.md"
    # The evening's modules: the school's own one and the curated one, in the file's order.
    evening = english(client).get(f"/catalogus/{prefix}onze-avond")
    programme = re.findall(r'href="/catalogus/([^"]+)">', text(evening).split("Programme")[1])
    assert programme[:2] == [prefix + "gamen-thuis", "signalen"]


def test_uploading_the_same_slug_again_updates_the_item(db, regenboog, login, imported) -> None:
    client = login(regenboog, "coordinator")
    response = upload(client, "onze-les.md", lesson(title="Eerlijk gamen"))
    assert response.status_code == 200
    page = text(response)
    assert "Updated" in page
    assert "Added" not in page
    (item,) = own_items(regenboog)
    assert item.id == imported.id
    assert item.title.nl == "Eerlijk gamen"
    again = text(upload(client, "onze-les.md", lesson(title="Eerlijk gamen")))
    assert "Unchanged" in again
    assert "Updated" not in again


def test_two_schools_may_use_the_same_file_name(db, regenboog, vlinder, login, imported) -> None:
    response = upload(login(vlinder, "coordinator"), "onze-les.md", lesson(title="Andere les"))
    assert response.status_code == 200
    assert [item.title.nl for item in own_items(vlinder)] == ["Andere les"]
    assert [item.title.nl for item in own_items(regenboog)] == ["Onze eigen gameregels"]


def test_a_slug_a_curated_item_uses_is_stored_apart(db, regenboog, login) -> None:
    curated = db.session.scalar(select(CatalogueItem).where(CatalogueItem.slug == "slim-online"))
    before = (curated.content_hash, curated.data)
    response = upload(login(regenboog, "coordinator"), "slim-online.md", lesson())
    assert response.status_code == 200
    db.session.refresh(curated)
    assert (curated.content_hash, curated.data) == before
    assert curated.school_id is None
    assert [item.slug for item in own_items(regenboog)] == [f"{regenboog.id}--slim-online"]


# --- the error report ---------------------------------------------------------------------

BROKEN = lesson(grades="[5, 12]").replace("themes: [gamen]\n", "themes: [gamen, koken]\n")


def test_every_problem_names_file_line_and_field_and_nothing_is_stored(
    db, regenboog, login, tmp_path: Path
) -> None:
    entries = {
        "lessons/lesson/goede-les.md": lesson(title="Een goede les"),
        "lessons/lesson/kapotte-les.md": BROKEN,
        "lessons/team/verkeerde-map.md": MODULE,
        "lessons/lesson/Hoofdletters.md": lesson(title="Nog een les"),
    }
    response = upload(login(regenboog, "coordinator"), "lessen.zip", zip_of(entries))
    assert response.status_code == 400
    page = text(response)
    assert "Nothing was stored." in page
    rows = re.findall(
        r'<tr class="problem"><td>([^<]*)</td><td>(\d+)</td><td>([^<]*)</td><td>([^<]*)</td>',
        page,
    )
    # The same checker as `flask catalogue check`: the same problems, file by file.
    for name, content in entries.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    _items, expected = check_tree(tmp_path / "lessons")
    assert sorted(rows) == sorted(
        (error.path, str(error.line), error.field, error.message) for error in expected
    )
    grades_line = BROKEN.splitlines().index("grades: [5, 12]") + 1
    themes_line = BROKEN.splitlines().index("themes: [gamen, koken]") + 1
    broken = "lessons/lesson/kapotte-les.md"
    fields = {(path, line, field) for path, line, field, _message in rows}
    assert (broken, str(grades_line), "grades.1") in fields
    assert (broken, str(themes_line), "themes.1") in fields
    assert ("lessons/team/verkeerde-map.md", "2", "kind") in fields
    assert ("lessons/lesson/Hoofdletters.md", "1", "slug") in fields
    assert own_items(regenboog) == []


def test_a_single_file_with_errors_is_reported_too(db, regenboog, login) -> None:
    response = upload(login(regenboog, "coordinator"), "kapot.md", BROKEN)
    assert response.status_code == 400
    line = BROKEN.splitlines().index("grades: [5, 12]") + 1
    assert f"<td>kapot.md</td><td>{line}</td><td>grades.1</td>" in text(response)
    assert own_items(regenboog) == []


def test_an_evening_naming_an_unknown_module_is_refused(db, regenboog, login) -> None:
    evening = EVENING.replace("[gamen-thuis, signalen]", "[bestaat-niet, signalen]")
    response = upload(login(regenboog, "coordinator"), "onze-avond.md", evening)
    assert response.status_code == 400
    assert "no parent module with slug 'bestaat-niet'" in text(response)
    assert own_items(regenboog) == []


def test_non_utf8_text_is_reported_as_a_problem(db, regenboog, login) -> None:
    data = lesson(title="Café").encode("latin-1")
    response = upload(login(regenboog, "coordinator"), "latijn.md", data)
    assert response.status_code == 400
    assert re.search(
        r"<td>latijn.md</td><td>1</td><td>file</td><td>cannot be read as UTF-8", text(response)
    )
    zipped = upload(login(regenboog, "coordinator"), "z.zip", zip_of({"lesson/latijn.md": data}))
    assert zipped.status_code == 400
    assert "<td>lesson/latijn.md</td><td>1</td><td>file</td>" in text(zipped)
    assert own_items(regenboog) == []


# --- refused uploads ----------------------------------------------------------------------


def hostile(
    name: str, data: bytes | str, compress_type: int = zipfile.ZIP_DEFLATED, **attributes: int
) -> bytes:
    """A zip with one member whose central directory says what the attacker wants."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo(name)
        info.compress_type = compress_type
        archive.writestr(info, data)
        for key, value in attributes.items():  # after writing: zipfile resets some of them
            setattr(info, key, value)
    return buffer.getvalue()


def symlink_zip() -> bytes:
    return hostile("lesson/link.md", "/etc/passwd", external_attr=(stat.S_IFLNK | 0o777) << 16)


def bomb_zip() -> bytes:
    return zip_of({"lesson/bom.md": b"-" * 900_000})  # about 1 kB packed: a ratio near 1000


def many_zip() -> bytes:
    return zip_of({f"lesson/les-{n}.md": b"x" for n in range(201)})


def nested_zip() -> bytes:
    return zip_of({"lesson/binnen.zip": zip_of({"lesson/onze-les.md": lesson()})})


def disguised_zip() -> bytes:
    return zip_of({"lesson/vermomd.md": zip_of({"lesson/onze-les.md": lesson()})})


def duplicate_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns about the duplicate
        archive.writestr("lesson/onze-les.md", lesson())
        archive.writestr("lesson/onze-les.md", lesson(title="Stiekem anders"))
    return buffer.getvalue()


def lying_zip() -> bytes:
    """The central directory claims 100 bytes; the member holds far more."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("lesson/klein.md", lesson() * 20)
        archive.getinfo("lesson/klein.md").file_size = 100
    return buffer.getvalue()


REFUSALS = {
    "not a zip": ("lessen.zip", b"PK but not really a zip file", 400, "not a zip file"),
    "other type": ("foto.png", b"\x89PNG\r\n", 415, "Upload a .md file or a .zip file"),
    "no extension": ("onze-les", lesson(), 415, "Upload a .md file or a .zip file"),
    "empty .md": ("leeg.md", b"", 400, "The file is empty."),
    "empty .zip": ("leeg.zip", b"", 400, "The file is empty."),
    "too large .md": ("groot.md", b"a" * (2 * 1024 * 1024 + 1), 413, "too large: at most 2 MB"),
    "zip bomb": ("bom.zip", bomb_zip(), 413, "lesson/bom.md: unpacks to far more"),
    "too many entries": ("veel.zip", many_zip(), 413, "more than 200 files"),
    "parent path": ("pad.zip", hostile("../x.md", lesson()), 400, "../x.md: paths in the zip"),
    "deep parent path": (
        "pad.zip",
        hostile("lesson/../../x.md", lesson()),
        400,
        "lesson/../../x.md: paths in the zip",
    ),
    "absolute path": ("pad.zip", hostile("/abs.md", lesson()), 400, "/abs.md: paths in the zip"),
    "drive letter": ("pad.zip", hostile("C:/x.md", lesson()), 400, "C:/x.md: paths in the zip"),
    "backslashes": (
        "pad.zip",
        hostile("lesson\\..\\..\\x.md", lesson()),
        400,
        "paths in the zip file must stay inside it",
    ),
    "symlink": ("link.zip", symlink_zip(), 400, "lesson/link.md: links and special files"),
    "long path": (
        "z.zip",
        zip_of({"map/" * 60 + "lesson/onze-les.md": lesson()}),
        400,
        "the path is longer than 200 characters",
    ),
    "nested zip": ("nest.zip", nested_zip(), 400, "lesson/binnen.zip: a zip file may not"),
    "disguised zip": ("nest.zip", disguised_zip(), 400, "lesson/vermomd.md: a zip file may not"),
    "other file in zip": ("z.zip", zip_of({"lesson/foto.png": b"x"}), 400, "only .md files"),
    "no content in zip": ("z.zip", zip_of({"lesson/README.md": "x"}), 400, "holds no .md"),
    "duplicate member": ("z.zip", duplicate_zip(), 400, "is in the zip file twice"),
    "encrypted member": (
        "z.zip",
        hostile("lesson/geheim.md", lesson(), flag_bits=0x1),
        400,
        "encrypted files cannot be imported",
    ),
    "exotic compression": (
        "z.zip",
        hostile("lesson/bz.md", lesson(), compress_type=zipfile.ZIP_BZIP2),
        400,
        "not supported",
    ),
    "lying header": ("z.zip", lying_zip(), 400, "lesson/klein.md: cannot be read"),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_hostile_or_unusable_uploads_are_refused(db, regenboog, login, case: str) -> None:
    filename, data, status, message = REFUSALS[case]
    response = upload(login(regenboog, "coordinator"), filename, data)
    assert response.status_code == status
    page = text(response)
    assert message in page
    assert 'class="field__error"' in page  # next to the field, the form still there
    assert own_items(regenboog) == []


def test_a_zip_too_large_when_unpacked_is_refused(app, db, regenboog, login) -> None:
    app.config["CONTENT_UPLOAD_MAX_UNPACKED_BYTES"] = 10_000
    files = {f"lesson/les-{n}.md": lesson(title=f"Les {n}") for n in range(20)}
    response = upload(login(regenboog, "coordinator"), "lessen.zip", zip_of(files))
    assert response.status_code == 413
    assert "too large when unpacked" in text(response)
    assert own_items(regenboog) == []


def test_a_member_larger_than_the_file_limit_is_refused(app, db, regenboog, login) -> None:
    app.config["CONTENT_UPLOAD_MAX_FILE_BYTES"] = 500
    response = upload(login(regenboog, "coordinator"), "z.zip", zip_of({"lesson/a.md": lesson()}))
    assert response.status_code == 413
    assert "lesson/a.md: the file is too large" in text(response)


def test_a_missing_file_is_refused(db, regenboog, login) -> None:
    client = login(regenboog, "coordinator")
    response = english(client).post(UPLOAD, data={}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Choose a .md file or a .zip file" in text(response)
    assert own_items(regenboog) == []


def test_a_text_field_instead_of_a_file_is_refused(db, regenboog, login) -> None:
    client = login(regenboog, "coordinator")
    response = english(client).post(UPLOAD, data={"file": lesson()})
    assert response.status_code == 400
    assert "Choose a .md file or a .zip file" in text(response)
    assert own_items(regenboog) == []


def test_a_body_over_the_request_limit_gets_a_friendly_413(app, db, regenboog, login) -> None:
    huge = b"a" * (app.config["CONTENT_UPLOAD_MAX_BYTES"] + UPLOAD_SLACK_BYTES + 1)
    response = upload(login(regenboog, "coordinator"), "huge.zip", huge)
    assert response.status_code == 413
    assert "The file is too large." in text(response)
    assert own_items(regenboog) == []


def test_the_upload_needs_a_csrf_token(db, database_url, tmp_path, make_school) -> None:
    from tests.conftest import make_test_app

    school = make_school("De Regenboog")
    app = make_test_app(database_url, tmp_path, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    with app.app_context():
        try:
            _upload_with_and_without_token(client)
        finally:
            db.session.remove()
            db.engine.dispose()  # this second app's connections, before they are collected
    assert [item.title.nl for item in school_items(school.id)] == ["Onze eigen gameregels"]


def _upload_with_and_without_token(client) -> None:
    login_page = client.get("/inloggen").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page)
    assert token is not None
    credentials = {"email": "coordinator@deregenboog.example", "password": "lang-genoeg-wachtwoord"}
    client.post("/inloggen", data={**credentials, "csrf_token": token.group(1)})
    form = client.get(UPLOAD).get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form)
    assert token is not None
    file = (io.BytesIO(lesson().encode()), "onze-les.md")
    refused = client.post(UPLOAD, data={"file": file}, content_type="multipart/form-data")
    assert refused.status_code == 400
    file = (io.BytesIO(lesson().encode()), "onze-les.md")
    accepted = client.post(
        UPLOAD,
        data={"file": file, "csrf_token": token.group(1)},
        content_type="multipart/form-data",
    )
    assert accepted.status_code == 200


# --- who sees a school's own items --------------------------------------------------------


def test_the_upload_page_is_for_coordinators_and_linked_from_the_catalogue(
    regenboog, login
) -> None:
    client = login(regenboog, "coordinator")
    assert f'href="{UPLOAD}"' in client.get("/catalogus/").get_data(as_text=True)
    assert client.get(UPLOAD).status_code == 200
    client = login(regenboog, "teacher")
    assert f'href="{UPLOAD}"' not in client.get("/catalogus/").get_data(as_text=True)
    assert client.get(UPLOAD).status_code == 403
    assert upload(client, "onze-les.md", lesson()).status_code == 403
    assert own_items(regenboog) == []


def lesson_count(page: str) -> int:
    found = re.search(
        r'name="kind" value="lesson"[^>]*>\s*<span>[^<]*</span>\s*'
        r'<span class="chip__count">(\d+)</span>',
        page,
    )
    assert found is not None
    return int(found.group(1))


def test_own_staff_see_the_item_in_list_search_facets_and_api(
    app, regenboog, vlinder, login, imported
) -> None:
    anonymous = lesson_count(app.test_client().get("/catalogus/").get_data(as_text=True))
    for role in ("teacher", "viewer", "coordinator"):
        staff = login(regenboog, role)
        page = staff.get("/catalogus/").get_data(as_text=True)
        assert "Onze eigen gameregels" in titles(page)
        assert lesson_count(page) == anonymous + 1
        assert titles(staff.get("/catalogus/?q=zebravink").get_data(as_text=True)) == [
            "Onze eigen gameregels"
        ]
        assert staff.get(f"/catalogus/{imported.slug}").status_code == 200
        listed = staff.get("/api/v1/catalogue?kind=lesson").get_json()
        assert imported.slug in [item["slug"] for item in listed["items"]]
        assert staff.get(f"/api/v1/catalogue/{imported.slug}").get_json()["slug"] == imported.slug
        assert staff.get(f"/catalogus/{imported.slug}/dia.pptx").status_code == 200


@pytest.mark.parametrize("role", ["anonymous", "teacher", "coordinator"])
def test_other_schools_and_visitors_cannot_see_the_item(
    app, regenboog, vlinder, login, imported, role: str
) -> None:
    own_page = login(regenboog, "teacher").get("/catalogus/").get_data(as_text=True)
    client = app.test_client() if role == "anonymous" else login(vlinder, role)
    page = client.get("/catalogus/").get_data(as_text=True)
    assert "Onze eigen gameregels" not in titles(page)
    assert lesson_count(page) == lesson_count(own_page) - 1
    assert titles(client.get("/catalogus/?q=zebravink").get_data(as_text=True)) == []
    assert client.get(f"/catalogus/{imported.slug}").status_code == 404
    assert client.get(f"/catalogus/{imported.slug}/dia.pptx").status_code == 404
    listed = client.get("/api/v1/catalogue?limit=1000").get_json()
    assert imported.slug not in [item["slug"] for item in listed["items"]]
    assert listed["total"] == len(listed["items"])
    assert client.get(f"/api/v1/catalogue/{imported.slug}").status_code == 404
    assert client.get("/api/v1/catalogue?q=zebravink").get_json()["total"] == 0


def test_the_start_page_counts_only_curated_items(app, imported) -> None:
    page = english(app.test_client()).get("/").get_data(as_text=True)
    lessons = re.search(r'kind-tile--lesson".*?kind-tile__count">(\d+)<', page, re.S)
    assert lessons is not None
    assert int(lessons.group(1)) == len(list((FIXTURE_CATALOGUE / "lesson").glob("*.md")))


def _as(login, school, role: str):
    """Logged in, looking at school year 2026-2027."""
    client = login(school, role)
    assert client.post("/schooljaar", data={"year": "2026-2027"}).status_code == 303
    return client


def _class(db, school, name: str = "Groep 5") -> SchoolClass:
    school_class = save_class(
        school, SchoolClass(), name=name, grades=[5], head_count=25, teachers=[]
    )
    db.session.commit()
    return school_class


def test_plan_pickers_and_generation_offer_only_own_items(
    db, regenboog, vlinder, login, imported
) -> None:
    own_class, other_class = _class(db, regenboog), _class(db, vlinder)
    year = SchoolYear.parse("2026-2027")
    own_page = _as(login, regenboog, "coordinator").get(f"/jaarplan/klas/{own_class.id}")
    assert f'<option value="{imported.slug}">' in own_page.get_data(as_text=True)
    other_page = _as(login, vlinder, "coordinator").get(f"/jaarplan/klas/{other_class.id}")
    assert imported.slug not in other_page.get_data(as_text=True)
    # The only lesson on gaming for groep 5: the generator picks it for its own school only.
    plans.generate_school(regenboog, year, BEFORE_THE_YEAR)
    plans.generate_school(vlinder, year, BEFORE_THE_YEAR)
    db.session.commit()
    own_slugs = {e.item.slug for e in plans.get_plan(own_class, year).entries if e.item}
    other_slugs = {e.item.slug for e in plans.get_plan(other_class, year).entries if e.item}
    assert imported.slug in own_slugs
    assert imported.slug not in other_slugs
    assert all(slug.split("--")[0] != str(regenboog.id) for slug in other_slugs)


def test_another_schools_item_cannot_be_added_to_a_plan(
    db, regenboog, vlinder, login, imported
) -> None:
    other_class = _class(db, vlinder)
    client = _as(login, vlinder, "coordinator")
    for path, data in (
        (f"/jaarplan/klas/{other_class.id}/toevoegen", {"day": "2026-11-17"}),
        ("/jaarplan/toevoegen", {"class_id": str(other_class.id), "day": "2026-11-17"}),
    ):
        response = client.post(path, data={**data, "slug": imported.slug})
        assert response.status_code in (303, 404)
    plan = plans.get_plan(other_class, SchoolYear.parse("2026-2027"))
    assert plan is None or all(entry.item_id != imported.id for entry in plan.entries)
    own_class = _class(db, regenboog)
    response = _as(login, regenboog, "coordinator").post(
        f"/jaarplan/klas/{own_class.id}/toevoegen",
        data={"day": "2026-11-17", "slug": imported.slug},
    )
    assert response.status_code == 303
    plan = plans.get_plan(own_class, SchoolYear.parse("2026-2027"))
    assert [entry.item_id for entry in plan.entries] == [imported.id]


def _evening(db, school):
    evening = create_evening(
        school,
        title="Ouderavond",
        day=date(2026, 11, 17),
        start_time=time(19, 30),
        end_time=time(21, 0),
        place="Aula",
        grades=[5, 6],
    )
    db.session.commit()
    return evening


def test_evening_pickers_offer_only_own_modules(db, regenboog, vlinder, login) -> None:
    client = login(regenboog, "coordinator")
    data = zip_of({"parent_module/gamen-thuis.md": MODULE, "parent_evening/avond.md": EVENING})
    assert upload(client, "avond.zip", data).status_code == 200
    module_slug = f"{regenboog.id}--gamen-thuis"
    evening_slug = f"{regenboog.id}--avond"
    own, other = _evening(db, regenboog), _evening(db, vlinder)
    page = client.get(f"/ouderavonden/{own.id}").get_data(as_text=True)
    assert f'<option value="{module_slug}">' in page
    assert f'<option value="{evening_slug}"' in page
    response = client.post(f"/ouderavonden/{own.id}/kant-en-klaar", data={"slug": evening_slug})
    assert response.status_code == 303
    db.session.refresh(own)
    assert [block.item.slug for block in own.blocks] == [module_slug, "signalen"]
    other_client = login(vlinder, "coordinator")
    page = other_client.get(f"/ouderavonden/{other.id}").get_data(as_text=True)
    assert module_slug not in page
    assert evening_slug not in page
    other_client.post(f"/ouderavonden/{other.id}/blokken", data={"module": module_slug})
    other_client.post(f"/ouderavonden/{other.id}/kant-en-klaar", data={"slug": evening_slug})
    db.session.refresh(other)
    assert all(block.item is None or block.item.school_id is None for block in other.blocks)


# --- sync and removal ---------------------------------------------------------------------


def test_sync_leaves_school_items_alone(db, regenboog, imported, catalogue_dir: Path) -> None:
    before = (imported.slug, imported.content_hash, imported.updated_at, imported.data)
    (catalogue_dir / "lesson" / "groepsapp-groep-7-8.md").unlink()
    report = sync_catalogue(catalogue_dir)
    db.session.commit()
    assert report.archived == ["groepsapp-groep-7-8"]
    assert all("--" not in slug for slug in report.created + report.updated + report.archived)
    db.session.refresh(imported)
    assert (imported.slug, imported.content_hash, imported.updated_at, imported.data) == before
    assert imported.archived_at is None
    assert imported.origin == "school"
    assert imported.school_id == regenboog.id


def test_a_coordinator_removes_an_own_item(db, regenboog, vlinder, login, imported) -> None:
    url = f"{UPLOAD}/{imported.id}/verwijderen"
    assert login(regenboog, "teacher").post(url).status_code == 403
    assert login(vlinder, "coordinator").post(url).status_code == 404
    db.session.refresh(imported)
    assert imported.archived_at is None
    client = login(regenboog, "coordinator")
    response = client.post(url)
    assert response.status_code == 303
    db.session.refresh(imported)
    assert imported.is_archived
    assert "Onze eigen gameregels" not in titles(client.get("/catalogus/").get_data(as_text=True))
    assert imported.slug not in client.get(UPLOAD).get_data(as_text=True).split("<tbody>")[-1]
    # Uploading the file again brings it back.
    assert "Updated" in text(upload(client, "onze-les.md", lesson()))
    db.session.refresh(imported)
    assert not imported.is_archived


def test_curated_items_cannot_be_removed_this_way(db, regenboog, login) -> None:
    curated = db.session.scalar(select(CatalogueItem).where(CatalogueItem.slug == "slim-online"))
    response = login(regenboog, "coordinator").post(f"{UPLOAD}/{curated.id}/verwijderen")
    assert response.status_code == 404
    db.session.refresh(curated)
    assert curated.archived_at is None
