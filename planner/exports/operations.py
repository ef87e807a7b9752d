"""A school's slide template and its calendar subscriptions."""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import select

from planner.accounts.models import User
from planner.clock import utcnow
from planner.exports.models import CalendarFeed, DeckTemplate
from planner.exports.pptx import check_template
from planner.extensions import db
from planner.schools.models import School, SchoolClass

FEED_USE_RESOLUTION = timedelta(hours=1)  # how precisely "last used" is kept


def deck_template(school: School) -> DeckTemplate | None:
    return db.session.scalar(select(DeckTemplate).where(DeckTemplate.school_id == school.id))


def save_template(school: School, filename: str, data: bytes, user: User) -> DeckTemplate:
    """Check and keep the school's template, replacing an earlier one.

    Raises `TemplateError` (with a code) when the bytes are not a usable presentation."""
    check_template(data)
    template = deck_template(school) or DeckTemplate(school_id=school.id)
    template.filename = _plain_filename(filename)
    template.data = data
    template.size = len(data)
    template.uploaded_by_id = user.id
    template.uploaded_at = utcnow()
    db.session.add(template)
    return template


def remove_template(school: School) -> bool:
    template = deck_template(school)
    if template is None:
        return False
    db.session.delete(template)
    return True


def _plain_filename(filename: str) -> str:
    """Only the last part of a name, without folders or control characters."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[:200] or "template.pptx"


def create_feed(
    school: School, school_class: SchoolClass | None, user: User, locale: str
) -> tuple[CalendarFeed, str]:
    """A new subscription link; the token itself is returned once and only its hash kept."""
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed(
        school_id=school.id,
        class_id=school_class.id if school_class else None,
        token_hash=CalendarFeed.hash_token(token),
        locale=locale,
        created_by_id=user.id,
    )
    db.session.add(feed)
    db.session.flush()
    return feed, token


def feeds_of(school: School, user: User | None = None) -> list[CalendarFeed]:
    """The school's live subscriptions (only the user's own when a user is given)."""
    query = select(CalendarFeed).where(
        CalendarFeed.school_id == school.id, CalendarFeed.revoked_at.is_(None)
    )
    if user is not None:
        query = query.where(CalendarFeed.created_by_id == user.id)
    return list(db.session.scalars(query.order_by(CalendarFeed.created_at, CalendarFeed.id)))


def find_feed(token: str) -> CalendarFeed | None:
    """The live subscription behind a token; None for unknown or revoked ones."""
    if not token or len(token) > 100:
        return None
    feed = db.session.scalar(
        select(CalendarFeed).where(CalendarFeed.token_hash == CalendarFeed.hash_token(token))
    )
    if feed is None or feed.revoked_at is not None:
        return None
    return feed


def note_feed_use(feed: CalendarFeed) -> None:
    """Remember roughly when a calendar program last fetched the feed."""
    now = utcnow()
    if feed.last_used_at is None or now - feed.last_used_at >= FEED_USE_RESOLUTION:
        feed.last_used_at = now


def revoke_feed(feed: CalendarFeed) -> None:
    feed.revoked_at = utcnow()
