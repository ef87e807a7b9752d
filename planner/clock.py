"""Time in one place, so that tests and code agree on what 'now' and 'today' mean.

Everything that needs the current moment asks this module; domain functions take `today` as
an argument and their callers (views, commands) ask here. The tests freeze this clock at a
known moment (tests/conftest.py) and move it where a test is about a particular day.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

# Dutch and Flemish schools share one time zone: a school day starts at the same moment.
SCHOOL_TIME_ZONE = ZoneInfo("Europe/Amsterdam")


def utcnow() -> datetime:
    """The current time in UTC, without tzinfo, as the database stores it."""
    return datetime.now(UTC).replace(tzinfo=None)


def today() -> date:
    """Today's date where the schools are (not the server's UTC date, which lags at night)."""
    return datetime.now(SCHOOL_TIME_ZONE).date()
