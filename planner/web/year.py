"""The school year a member of staff is looking at: chosen in the top bar, kept in the session.

Every blueprint's pages ask `selected_year()` here; the choice itself is made on the schools
blueprint's year switch.
"""

from __future__ import annotations

from flask import session
from flask_login import current_user

from planner import clock
from planner.schools import operations
from planner.schools.calendar import SchoolYear

YEAR_SESSION_KEY = "school_year"


def selected_year() -> SchoolYear:
    """The school year the user is looking at: chosen in the top bar, else the current one."""
    school = current_user.school
    known = operations.school_years(school)
    chosen = session.get(YEAR_SESSION_KEY)
    for year in known:
        if year.label == chosen:
            return year
    current = operations.current_school_year(school, clock.today())
    return current if current in known or not known else known[-1]
