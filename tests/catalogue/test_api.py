"""The catalogue as JSON."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("loaded")

REQUIRED_FIELDS = {
    "slug",
    "kind",
    "title",
    "summary",
    "grades",
    "age_min",
    "age_max",
    "themes",
    "competences",
    "duration_minutes",
    "audience",
    "provider",
    "url",
    "country",
    "language",
}


def test_list_returns_items_and_total(client) -> None:
    response = client.get("/api/v1/catalogue")
    assert response.status_code == 200
    data = response.get_json()
    assert data["total"] == 12 == len(data["items"])
    for item in data["items"]:
        assert item.keys() >= REQUIRED_FIELDS


def test_filters_as_query_parameters(client) -> None:
    data = client.get("/api/v1/catalogue?kind=lesson&grade=7&theme=groepsdruk").get_json()
    assert [item["slug"] for item in data["items"]] == ["groepsapp-groep-7-8"]
    item = data["items"][0]
    assert item["grades"] == [7, 8]
    assert item["age_min"] == 10
    assert item["age_max"] == 12
    assert item["themes"] == ["groepsdruk", "cyberpesten"]
    data = client.get("/api/v1/catalogue?country=BE&audience=pupils&kind=helpline").get_json()
    assert [item["slug"] for item in data["items"]] == ["awel"]
    data = client.get("/api/v1/catalogue?lang=nl&q=werkboekje").get_json()
    assert data["total"] == 1
    data = client.get("/api/v1/catalogue?age=16").get_json()
    assert {item["slug"] for item in data["items"]} == {"wijs-magazine", "kindertelefoon", "awel"}
    data = client.get("/api/v1/catalogue?competence=verbinden").get_json()
    assert data["total"] == 2


def test_limit_and_offset_page_through_total(client) -> None:
    first = client.get("/api/v1/catalogue?limit=5").get_json()
    rest = client.get("/api/v1/catalogue?limit=50&offset=5").get_json()
    assert first["total"] == rest["total"] == 12
    slugs = [i["slug"] for i in first["items"]] + [i["slug"] for i in rest["items"]]
    assert len(set(slugs)) == 12


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("grade=0", "grade"),
        ("grade=abc", "grade"),
        ("kind=poster", "kind"),
        ("age=-1", "age"),
        ("theme=pesten", "theme"),
        ("country=FR", "country"),
        ("lang=de", "lang"),
        ("limit=0", "limit"),
        ("offset=x", "offset"),
        ("colour=red", "colour"),
    ],
)
def test_bad_parameter_gets_400_naming_it(client, query: str, parameter: str) -> None:
    response = client.get(f"/api/v1/catalogue?{query}")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["parameter"] == parameter
    assert error["message"]


def test_error_message_follows_the_language(client) -> None:
    dutch = client.get("/api/v1/catalogue?grade=x", headers={"Accept-Language": "nl"})
    english = client.get("/api/v1/catalogue?grade=x", headers={"Accept-Language": "en"})
    assert dutch.get_json()["error"]["message"] != english.get_json()["error"]["message"]


def test_one_item_with_body_and_slides(client) -> None:
    response = client.get("/api/v1/catalogue/groepsapp-groep-7-8")
    assert response.status_code == 200
    data = response.get_json()
    assert data["slug"] == "groepsapp-groep-7-8"
    assert "## Eruit gegooid" in data["body"]
    assert len(data["slides"]) == 6
    first = data["slides"][0]
    assert first["title"] == "Een nieuwe groepsapp"
    assert first["bullets"] == ["Wie zit erin?", "Wie niet?"]
    assert first["notes"].startswith("Begin met")
    assert data["slides"][4]["links"] == [{"text": "Meldknop", "url": "https://www.meldknop.nl"}]


def test_unknown_slug_is_404_json(client) -> None:
    response = client.get("/api/v1/catalogue/bestaat-niet")
    assert response.status_code == 404
    assert response.get_json()["error"]["status"] == 404


def test_title_follows_locale(client) -> None:
    data = client.get(
        "/api/v1/catalogue/groepsapp-groep-7-8", headers={"Accept-Language": "en"}
    ).get_json()
    assert data["title"] == "Who belongs in the group chat?"


def test_item_slides_carry_layouts_pictures_and_printables(client) -> None:
    data = client.get("/api/v1/catalogue/groepsapp-groep-7-8").get_json()
    slide = next(s for s in data["slides"] if s["role"] == "content")
    assert slide["layout"] == "bullets"
    assert {"lead", "picture", "bullet_pictures", "piles"} <= set(slide)
    assert data["for_country"] == "NL"
    assert [(p["kind"], p["title"]) for p in data["printables"]] == [("poster", "Onze appregels")]
    flemish = client.get(
        "/api/v1/catalogue/groepsapp-groep-7-8", headers={"Accept-Language": "nl-BE"}
    ).get_json()
    assert flemish["for_country"] == "BE"
