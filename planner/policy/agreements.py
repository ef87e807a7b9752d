"""The school's agreements on online behaviour (own texts or the country's defaults), and
the handout for parents that shows them with the contacts and help lines.

Operations flush, never commit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from planner.catalogue import operations as catalogue
from planner.catalogue.vocab import Audience
from planner.extensions import db
from planner.policy import content
from planner.policy.contacts import contacts_of
from planner.policy.models import (
    Agreement,
    AgreementAudience,
)
from planner.schools.models import School

PRIMARY_AGES = (4, 12)

AUDIENCE_LABELS = {
    AgreementAudience.PUPILS: _l("Agreements for pupils"),
    AgreementAudience.PARENTS: _l("Agreements for parents"),
    AgreementAudience.STAFF: _l("Agreements for staff"),
    AgreementAudience.PHONE: _l("Phone rules"),
}


@dataclass(frozen=True)
class AgreementText:
    audience: AgreementAudience
    text: str
    is_default: bool

    @property
    def lines(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]


def agreements_of(school: School) -> dict[AgreementAudience, AgreementText]:
    """Each set of agreements: the school's own text, or the default for its country."""
    stored = {
        row.audience: row
        for row in db.session.scalars(select(Agreement).where(Agreement.school_id == school.id))
    }
    result = {}
    for audience in AgreementAudience:
        row = stored.get(audience.value)
        if row is not None:
            result[audience] = AgreementText(audience, row.text, False)
        else:
            result[audience] = AgreementText(
                audience, default_agreement(school.country, audience), True
            )
    return result


def save_agreements(school: School, texts: Mapping[AgreementAudience, str]) -> None:
    """Store the school's own agreements (one per line); flushes."""
    stored = {
        row.audience: row
        for row in db.session.scalars(select(Agreement).where(Agreement.school_id == school.id))
    }
    for audience, text in texts.items():
        cleaned = "\n".join(line.strip() for line in text.splitlines() if line.strip())
        row = stored.get(audience.value)
        if row is None:
            db.session.add(Agreement(school_id=school.id, audience=audience.value, text=cleaned))
        elif row.text != cleaned:
            row.text = cleaned
    db.session.flush()


def default_agreement(country: str, audience: AgreementAudience) -> str:
    """The default text of one set of agreements for a Dutch or a Flemish school
    (planner/policy/data/agreements.yaml), one agreement per line."""
    defaults = content.default_agreements()
    return "\n".join((defaults.BE if country == "BE" else defaults.NL)[audience])


def handout_context(school: School) -> dict[str, object]:
    """What the handout for parents shows: agreements, the school's contacts and the help
    lines of its country. The parent-evening pages reuse it."""
    agreements = agreements_of(school)
    low, high = PRIMARY_AGES
    return {
        "handout_school": school,
        "handout_agreements": [
            agreements[AgreementAudience.PARENTS],
            agreements[AgreementAudience.PHONE],
        ],
        "handout_contacts": contacts_of(school, handout_only=True),
        "handout_helplines_parents": catalogue.helplines_for(
            school.country, low, high, Audience.PARENTS.value
        ),
        "handout_helplines_pupils": catalogue.helplines_for(
            school.country, low, high, Audience.PUPILS.value
        ),
    }
