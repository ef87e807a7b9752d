"""Filtering and searching the catalogue, on the page and through the operations."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from planner.catalogue.operations import QueryError, parse_query, search


def slugs(args: dict[str, list[str] | str]) -> set[str]:
    query = parse_query(MultiDict(args).to_dict(flat=False))
    return {item.slug for item in search(query).items}


@pytest.mark.usefixtures("loaded")
class TestFilters:
    def test_no_filter_returns_everything_active(self) -> None:
        assert len(slugs({})) == 12

    @pytest.mark.parametrize(
        ("args", "expected"),
        [
            ({"kind": "helpline"}, {"kindertelefoon", "awel"}),
            ({"grade": "1"}, {"vriendelijk-online-groep-1-2", "evaluatie-protocol"}),
            ({"theme": "mediabalans"}, {"wijs-magazine"}),
            ({"competence": "slo-gedigitaliseerde-wereld"}, {"groepsapp-groep-7-8"}),
            (
                {"duration": "16-30"},
                {"vriendelijk-online-groep-1-2", "signalen", "klasthermometer"},
            ),
            ({"duration": "61-"}, set()),
            ({"audience": "parents"}, {"wijs-magazine", "signalen", "ouderavond"}),
            ({"country": "BE", "kind": "helpline"}, {"awel"}),
            ({"lang": "nl", "kind": "protocol"}, {"eerste-stappen"}),
            ({"moment": "safer-internet-day"}, {"groepsapp-groep-7-8"}),
            ({"provider": "Ziggo"}, {"slim-online"}),
        ],
    )
    def test_each_filter(self, args: dict[str, str], expected: set[str]) -> None:
        assert slugs(args) == expected

    def test_values_within_a_filter_are_alternatives(self) -> None:
        assert slugs({"kind": ["helpline", "protocol"]}) == {
            "kindertelefoon",
            "awel",
            "eerste-stappen",
        }
        assert slugs({"kind": "helpline,protocol"}) == {"kindertelefoon", "awel", "eerste-stappen"}

    def test_filters_combine(self) -> None:
        assert slugs({"kind": "lesson", "grade": "7", "theme": "cyberpesten"}) == {
            "groepsapp-groep-7-8"
        }
        assert slugs({"kind": "lesson", "grade": "7", "theme": "mediabalans"}) == set()

    def test_age_filter_uses_the_age_range(self) -> None:
        found = slugs({"age": "16", "kind": "material"})
        assert found == {"wijs-magazine"}  # groep 7-8 material stops at 12
        assert "slim-online" in slugs({"age": "11"})

    def test_grade_derived_from_ages(self) -> None:
        # WIJS is for ages 5-17: groep 2 (5-6) fits, groep 1 (4-5) does not.
        assert "wijs-magazine" in slugs({"grade": "2"})
        assert "wijs-magazine" not in slugs({"grade": "1"})


@pytest.mark.usefixtures("loaded")
class TestSearch:
    def test_search_title_summary_and_body(self) -> None:
        assert slugs({"q": "groepsapp"}) >= {"groepsapp-groep-7-8"}
        assert slugs({"q": "werkboekje"}) == {"slim-online"}  # body only
        assert slugs({"q": "Kindertelefoon"}) == {"kindertelefoon"}

    def test_search_ignores_case_and_accents(self) -> None:
        assert slugs({"q": "PRIVEBERICHT"}) == slugs({"q": "privébericht"})

    def test_all_words_must_match(self) -> None:
        assert slugs({"q": "pien tablet"}) == {"vriendelijk-online-groep-1-2"}
        assert slugs({"q": "pien jeugdagent"}) == set()

    def test_like_wildcards_are_literal(self) -> None:
        assert slugs({"q": "pien"}) == {"vriendelijk-online-groep-1-2"}
        assert slugs({"q": "p_en"}) == set()  # "_" is not a wildcard
        assert slugs({"q": "%"}) == slugs({})  # punctuation alone searches for nothing

    def test_search_combines_with_filters(self) -> None:
        assert slugs({"q": "ouders", "kind": "protocol"}) == {"eerste-stappen"}


@pytest.mark.usefixtures("loaded")
def test_facet_counts_ignore_their_own_filter() -> None:
    query = parse_query({"kind": ["helpline"]})
    result = search(query)
    kinds = {f.value: f.count for f in result.facets["kind"]}
    assert kinds["lesson"] == 2  # other kinds still counted, so the user can add them
    assert {f.value for f in result.facets["kind"] if f.selected} == {"helpline"}
    countries = {f.value: f.count for f in result.facets["country"]}
    assert countries == {"NL": 1, "BE": 1}  # within the helplines
    grades = [f.value for f in result.facets["grade"]]
    assert grades == sorted(grades, key=int)


@pytest.mark.parametrize(
    ("args", "param"),
    [
        ({"grade": ["9"]}, "grade"),
        ({"grade": ["zeven"]}, "grade"),
        ({"kind": ["poster"]}, "kind"),
        ({"age": ["oud"]}, "age"),
        ({"age": ["200"]}, "age"),
        ({"age": ["7", "8"]}, "age"),
        ({"q": ["x" * 201]}, "q"),
        ({"q": ["a\x00b"]}, "q"),
        ({"duration": ["lang"]}, "duration"),
        ({"lang": ["fr"]}, "lang"),
    ],
)
def test_bad_parameters_name_the_parameter(args: dict[str, list[str]], param: str) -> None:
    with pytest.raises(QueryError) as raised:
        parse_query(args)
    assert raised.value.param == param


def test_unknown_parameter_only_refused_when_strict() -> None:
    assert parse_query({"utm_source": ["x"]}).is_empty
    with pytest.raises(QueryError) as raised:
        parse_query({"utm_source": ["x"]}, strict=True)
    assert raised.value.param == "utm_source"
