"""Time in one place, so that tests and code agree on what 'now' means."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """The current time in UTC, without tzinfo, as the database stores it."""
    return datetime.now(UTC).replace(tzinfo=None)
