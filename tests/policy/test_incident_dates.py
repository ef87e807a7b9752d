"""The incident date rule lives once, in the domain: the form and the operations share it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from planner.clock import utcnow
from planner.policy.errors import PolicyError
from planner.policy.incidents import date_problems, record_incident
from planner.policy.models import IncidentKind
from tests.policy.conftest import klas, user

DAY = date(2026, 11, 10)


def test_the_rule_names_the_field_it_concerns() -> None:
    assert date_problems(DAY, None, DAY) == {}
    assert date_problems(DAY, DAY, DAY) == {}
    assert date_problems(DAY + timedelta(days=1), None, DAY) == {
        "happened_on": "policy.incident_in_future"
    }
    assert date_problems(DAY, DAY - timedelta(days=1), DAY) == {
        "follow_up_on": "policy.follow_up_before_incident"
    }


def test_recording_an_incident_in_the_future_is_refused_by_the_domain_too(db, school) -> None:
    today = utcnow().date()
    with pytest.raises(PolicyError) as refused:
        record_incident(
            klas(db, school, "Groep 7/8"),
            happened_on=today + timedelta(days=2),
            kind=IncidentKind.OTHER,
            summary=None,
            follow_up_on=None,
            recorded_by=user(db, school, "teacher"),
            today=today,
        )
    assert refused.value.code == "policy.incident_in_future"
