"""Every domain error the code raises has a sentence, in each of the three languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask_babel import force_locale

from planner.catalogue.operations import QueryError
from planner.catalogue.upload import UploadError, UploadLimits, read_upload
from planner.errors import DomainError
from planner.exports.pptx import TemplateError
from planner.web.messages import MESSAGES, describe

PLANNER = Path(__file__).resolve().parent.parent / "planner"
# The code of a domain error where it is raised, e.g. QueryError(param, "query.between", ...).
CODE = re.compile(
    r"[A-Z]\w*Error\(\s*(?:(?:[\w.]+|\"\w+\"),\s*)?(?:\w+,\s*)?\"([a-z_]+\.[a-z_]+)\""
)
TEMPLATE_CODE = re.compile(r"TemplateError\(\s*\"([a-z_]+)\"")


def raised_codes() -> set[str]:
    codes: set[str] = set()
    for path in PLANNER.rglob("*.py"):
        if path.name == "messages.py":
            continue
        text = path.read_text(encoding="utf-8").replace("ContentError(", "")
        codes |= set(CODE.findall(text))
        codes |= {f"template.{code}" for code in TEMPLATE_CODE.findall(text)}
    return codes


def test_every_code_the_code_raises_has_a_sentence() -> None:
    codes = raised_codes()
    assert {"upload.bomb", "query.between", "template.too_complex", "policy.identifiers"} <= codes
    # describe() words these itself: a day off, a wait in minutes, the places left.
    worded = {"plan.day_off", "evening.day_off", "account.too_many_attempts", "evening.places_left"}
    assert codes - set(MESSAGES) - worded == set()


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("nl", "Het bestand is leeg."),
        ("nl_BE", "Het bestand is leeg."),
        ("en", "The file is empty."),
    ],
)
def test_an_upload_error_carries_a_code_and_is_said_in_the_users_language(
    app, locale: str, expected: str
) -> None:
    with pytest.raises(UploadError) as refused:
        read_upload("les.md", b"", UploadLimits())
    error = refused.value
    assert isinstance(error, DomainError)
    assert (error.code, error.status) == ("upload.empty", 400)
    with app.test_request_context(), force_locale(locale):
        assert describe(error) == expected


def test_errors_carry_parameters_not_sentences(app) -> None:
    error = QueryError("age", "query.between", low=0, high=99)
    assert error.params == {"param": "age", "low": 0, "high": 99}
    template = TemplateError("too_large", mb=10)
    assert template.status == 413
    with app.test_request_context(), force_locale("en"):
        assert describe(error) == "must be between 0 and 99"
        assert "at most 10 MB" in describe(template)
