"""What parent evenings do: programme timing, invitation, responses, checklist."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask import current_app
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from sqlalchemy import func, select

from planner.catalogue.models import CatalogueItem
from planner.catalogue.operations import best_fit, items_by_slug, module_items
from planner.catalogue.variants import variant
from planner.clock import utcnow
from planner.core.text import storable
from planner.errors import DomainError
from planner.evenings.checklist import CHECKLIST_LABELS, STANDARD_CHECKLIST
from planner.evenings.models import (
    BlockedSender,
    ChecklistItem,
    EveningResponse,
    ParentEvening,
    ProgrammeBlock,
)
from planner.extensions import db
from planner.grades import GRADES, grade_label
from planner.i18n import locale_for_country
from planner.locking import lock_row
from planner.plans.models import PlanEntry
from planner.schools import operations as schools
from planner.schools.calendar import MissingCalendarError, SchoolYear
from planner.schools.models import School, SchoolClass

MAX_GUESTS_PER_RESPONSE = 6
RESPONSES_PER_SENDER_PER_HOUR = 3
QUESTION_MAX = 1000
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]+")  # what secrets.token_urlsafe makes


class EveningError(DomainError):
    """Something about an evening that cannot be done; its code names why."""


@dataclass(frozen=True)
class TimedBlock:
    block: ProgrammeBlock
    start: time
    end: time
    overruns: bool


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment)


def timed_programme(evening: ParentEvening) -> list[TimedBlock]:
    """Every block with its computed start and end; blocks past the planned end are marked."""
    clock = _at(evening.day, evening.start_time)
    planned_end = _at(evening.day, evening.end_time)
    timed = []
    for block in evening.blocks:
        end = clock + timedelta(minutes=block.minutes)
        timed.append(TimedBlock(block, clock.time(), end.time(), end > planned_end))
        clock = end
    return timed


def overrun_minutes(evening: ParentEvening) -> int:
    """How many minutes the programme runs past the planned end (0 when it fits)."""
    total = sum(block.minutes for block in evening.blocks)
    length = (_at(evening.day, evening.end_time) - _at(evening.day, evening.start_time)).seconds
    return max(0, total - length // 60)


def check_day(school: School, day: date) -> None:
    """An evening is not planned on a day off: weekend, holiday, public holiday, closure."""
    try:
        day_off = schools.day_off(school, day)
    except MissingCalendarError:
        raise EveningError(
            "calendar.unknown_choose",
            year=SchoolYear.containing(day, school.country).label,
            years=", ".join(year.label for year in schools.school_years(school)),
        ) from None
    if day_off is not None:
        raise EveningError("evening.day_off", day_off=day_off)


def create_evening(school: School, **fields: object) -> ParentEvening:
    """A new evening with the standard checklist; flushes."""
    check_day(school, fields["day"])  # type: ignore[arg-type]
    evening = ParentEvening(school_id=school.id, **fields)
    new_response_link(evening)
    evening.checklist = [
        ChecklistItem(position=index, key=key) for index, key in enumerate(STANDARD_CHECKLIST)
    ]
    db.session.add(evening)
    db.session.flush()
    return evening


def update_evening(evening: ParentEvening, school: School, **fields: object) -> None:
    check_day(school, fields["day"])  # type: ignore[arg-type]
    for name, value in fields.items():
        setattr(evening, name, value)
    db.session.flush()


def evenings_of(school: School, year: SchoolYear | None = None) -> list[ParentEvening]:
    statement = select(ParentEvening).where(ParentEvening.school_id == school.id)
    if year is not None:
        statement = statement.where(
            ParentEvening.day >= year.start(school.country),
            ParentEvening.day <= year.end(school.country),
        )
    return list(db.session.scalars(statement.order_by(ParentEvening.day)))


def evenings_for_class(school_class: SchoolClass, year: SchoolYear) -> list[ParentEvening]:
    """Evenings for the whole school or for at least one of the class's grades."""
    grades = set(school_class.grades)
    return [
        evening
        for evening in evenings_of(school_class.school, year)
        if not evening.grades or grades & set(evening.grades)
    ]


def evening_for_entry(entry: PlanEntry, evenings: Sequence[ParentEvening]) -> ParentEvening | None:
    """The real evening that a plan's parent-evening entry stands for: one of these evenings
    for the whole school or for some of the entry's grades, the nearest in date. None for
    other entries, and while no such evening is planned (the entry is only a suggestion)."""
    if entry.item is None or entry.item.kind != "parent_evening":
        return None
    grades = set(entry.item.grades)
    fitting = [e for e in evenings if not e.grades or grades & set(e.grades)]
    return min(fitting, key=lambda e: (abs((e.day - entry.day).days), e.id), default=None)


def next_evening(school: School, today: date) -> ParentEvening | None:
    upcoming = [e for e in evenings_of(school) if e.day >= today]
    return upcoming[0] if upcoming else None


# --- programme ----------------------------------------------------------------------------


def _renumber(evening: ParentEvening) -> None:
    for index, block in enumerate(evening.blocks):
        block.position = index


def fits_evening(evening: ParentEvening, item: CatalogueItem, country: str) -> bool:
    """Whether a module or ready-made evening is for the school's country and for the
    evening's audience (its grades overlap; an evening for the whole school takes all)."""
    if country not in {value.value for value in item.content.country}:
        return False
    return not evening.grades or not item.grades or bool(set(evening.grades) & set(item.grades))


def for_evening(
    evening: ParentEvening, items: Sequence[CatalogueItem], country: str
) -> list[CatalogueItem]:
    """The items that fit the evening's audience and the school's country, in their order."""
    return [item for item in items if fits_evening(evening, item, country)]


def add_block(
    evening: ParentEvening,
    *,
    item: CatalogueItem | None = None,
    title: str | None = None,
    minutes: int | None = None,
    country: str | None = None,
) -> ProgrammeBlock:
    """Add a module from the catalogue (its own length unless given) or a free block.

    With `country`, a module must be for that country and the evening's audience."""
    if item is not None and item.kind != "parent_module":
        raise EveningError("evening.modules_only")
    if item is not None and country is not None and not fits_evening(evening, item, country):
        raise EveningError("evening.module_not_for_audience")
    if item is None and not (title and title.strip()):
        raise EveningError("evening.module_or_title")
    length = minutes or (item.duration_minutes if item is not None else None) or 15
    block = ProgrammeBlock(
        position=len(evening.blocks),
        item=item,
        title=None if item else title.strip(),
        minutes=length,
    )
    evening.blocks.append(block)
    db.session.flush()
    return block


def start_from_ready_made(
    evening: ParentEvening, ready_made: CatalogueItem, country: str | None = None
) -> None:
    """Replace the programme with the modules of a ready-made evening from the catalogue.

    With `country`, the ready-made evening must be for that country and the audience, and
    its modules that are not (another country's, other grades) are left out."""
    if ready_made.kind != "parent_evening":
        raise EveningError("evening.not_ready_made")
    if country is not None and not fits_evening(evening, ready_made, country):
        raise EveningError("evening.module_not_for_audience")
    modules = module_items(ready_made)
    if country is not None:
        modules = for_evening(evening, modules, country)
    evening.blocks = []
    db.session.flush()
    for module in modules:
        add_block(evening, item=module)


def ready_made_for(
    evening: ParentEvening, ready_made: Sequence[CatalogueItem]
) -> CatalogueItem | None:
    """The ready-made evening that suits the audience best: the one that covers most of its
    grades with the fewest grades beyond them (for the whole school: the widest one)."""
    return best_fit(ready_made, evening.grades or GRADES)


def move_block(block: ProgrammeBlock, step: int) -> None:
    """Move a block one place up (-1) or down (+1)."""
    evening = block.evening
    blocks = list(evening.blocks)
    index = blocks.index(block)
    target = index + step
    if 0 <= target < len(blocks):
        # Swap the positions only: reassigning list items would orphan (delete) a block.
        blocks[index].position, blocks[target].position = target, index
        db.session.flush()
        db.session.expire(evening, ["blocks"])


def reorder_blocks(evening: ParentEvening, block_ids: Sequence[int]) -> bool:
    """Put the blocks in the order given (every block once); False, and nothing changed, when
    the ids are not exactly the evening's blocks (a colleague added or removed one)."""
    blocks = {block.id: block for block in evening.blocks}
    if sorted(block_ids) != sorted(blocks):
        return False
    for position, block_id in enumerate(block_ids):
        blocks[block_id].position = position
    db.session.flush()
    db.session.expire(evening, ["blocks"])
    return True


def remove_block(block: ProgrammeBlock) -> None:
    evening = block.evening
    evening.blocks.remove(block)
    _renumber(evening)
    db.session.flush()


# --- invitation ---------------------------------------------------------------------------


def audience_label(evening: ParentEvening, locale: str, country: str) -> str:
    """Who the evening is for, in the given language, with the grade names of the country."""
    with force_locale(locale):
        if not evening.grades:
            return _("all parents of the school")
        return _("parents of %(grades)s", grades=grade_label(evening.grades, locale, country))


def school_language(school: School) -> str:
    """What the school writes to parents in: its language, in its country's variant."""
    return locale_for_country(school.locale, school.country)


def generated_invitation(evening: ParentEvening, school: School, response_url: str) -> str:
    """The invitation in the school's language: what, when, where, why, programme, respond."""
    locale = school_language(school)
    with force_locale(locale):
        programme = "\n".join(
            f"- {t.start:%H:%M} {block_title(t.block, locale)}" for t in timed_programme(evening)
        )
        parts = [
            _("Dear parents,"),
            _(
                'We warmly invite you to our evening "%(title)s" on %(day)s from %(start)s '
                "to %(end)s in %(place)s. The evening is for %(audience)s.",
                title=evening.title,
                day=format_date(evening.day, format="full"),
                start=f"{evening.start_time:%H:%M}",
                end=f"{evening.end_time:%H:%M}",
                place=evening.place,
                audience=audience_label(evening, locale, school.country),
            ),
            _(
                "Children spend a lot of their time online: gaming, chatting, watching videos. "
                "That is fun and useful, and sometimes it goes wrong. At school we work on it "
                "all year; at home you make the difference. Tonight we share what we do, what "
                "you can do and where you can find help."
            ),
        ]
        if programme:
            parts.append(_("The programme:") + "\n" + programme)
        parts.append(
            _(
                "Please let us know how many of you will come, and send us your question if you "
                "have one, through this link: %(url)s",
                url=response_url,
            )
        )
        parts.append(_("Kind regards,") + "\n" + school.name)
    return "\n\n".join(parts)


def block_title(block: ProgrammeBlock, locale: str) -> str:
    return block.item.title.get(locale) if block.item is not None else (block.title or "")


# --- responses ----------------------------------------------------------------------------


def _keyed(value: str) -> str:
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, value.encode(), hashlib.sha256).hexdigest()


def sender_key(address: str) -> str:
    """A keyed hash of the address a response came from; no address is stored. Only the
    address counts, never a header the sender chooses; an IPv6 address counts by its /64
    network, which one household or phone usually has to itself."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return _keyed(f"address|{address}")
    if parsed.version == 6:
        return _keyed(f"address|{ipaddress.ip_network(f'{parsed}/64', strict=False)}")
    return _keyed(f"address|{parsed}")


def new_browser_key() -> str:
    """The random key a parent's browser keeps (in a cookie) for its response."""
    return secrets.token_urlsafe(24)


def browser_key(key: str) -> str | None:
    """What is stored of a browser's key: its keyed hash; None for a key we did not make."""
    if not 16 <= len(key) <= 64 or not TOKEN_PATTERN.fullmatch(key):
        return None
    return _keyed(f"browser|{key}")


def find_by_token(token: str) -> ParentEvening | None:
    if len(token) > 64 or not TOKEN_PATTERN.fullmatch(token):
        return None  # not a link we made (and PostgreSQL refuses text with NUL in a query)
    return db.session.scalar(select(ParentEvening).where(ParentEvening.response_token == token))


class TooManyResponsesError(EveningError):
    """The same sender answered too often in a short time."""


def is_past(evening: ParentEvening, today: date) -> bool:
    """The evening has taken place: its response link has expired."""
    return evening.day < today


def new_response_link(evening: ParentEvening) -> None:
    """Give the evening a new response link; the old one stops working at once."""
    evening.response_token = secrets.token_urlsafe(24)


def response_of(evening: ParentEvening, browser: str | None) -> EveningResponse | None:
    """The response this browser gave for the evening, if any."""
    if browser is None:
        return None
    return db.session.scalar(
        select(EveningResponse).where(
            EveningResponse.evening_id == evening.id, EveningResponse.browser == browser
        )
    )


def respond(
    evening: ParentEvening,
    guests: int,
    question: str | None,
    sender: str,
    browser: str,
    today: date,
) -> EveningResponse:
    """Record a response, or change the one this browser gave; refuses when closed, past,
    blocked, full, out of range or sent too often. Flushes.

    The seats are counted and taken in one transaction that holds the evening's row, so
    parents answering at the same moment cannot take more seats than there are."""
    if is_past(evening, today):
        raise EveningError("evening.past")
    if not evening.responses_open:
        raise EveningError("evening.closed")
    if not 1 <= guests <= MAX_GUESTS_PER_RESPONSE:
        raise EveningError("evening.guests_range", n=MAX_GUESTS_PER_RESPONSE)
    lock_row(ParentEvening, evening.id)
    if _blocked(evening, sender, browser):
        raise EveningError("evening.blocked")
    mine = response_of(evening, browser)
    if mine is None:
        _check_rate(sender)
    _check_seats(evening, guests - (mine.guests if mine else 0))
    text = clean_text(question or "", QUESTION_MAX) or None
    if mine is None:
        mine = EveningResponse(
            evening_id=evening.id,
            guests=guests,
            question=text,
            sender=sender,
            browser=browser,
            created_at=utcnow(),
        )
        db.session.add(mine)
    else:
        mine.guests, mine.question = guests, text
    db.session.flush()
    db.session.expire(evening, ["responses"])
    return mine


def withdraw(evening: ParentEvening, browser: str | None) -> bool:
    """Take back this browser's response; whether there was one."""
    mine = response_of(evening, browser)
    if mine is None:
        return False
    db.session.delete(mine)
    db.session.flush()
    db.session.expire(evening, ["responses"])
    return True


def _blocked(evening: ParentEvening, sender: str, browser: str) -> bool:
    return (
        db.session.scalar(
            select(func.count())
            .select_from(BlockedSender)
            .where(
                BlockedSender.evening_id == evening.id,
                (BlockedSender.sender == sender) | (BlockedSender.browser == browser),
            )
        )
        or 0
    ) > 0


def _check_rate(sender: str) -> None:
    since = utcnow() - timedelta(hours=1)
    recent = db.session.scalar(
        select(func.count())
        .select_from(EveningResponse)
        .where(EveningResponse.sender == sender, EveningResponse.created_at >= since)
    )
    if (recent or 0) >= RESPONSES_PER_SENDER_PER_HOUR:
        raise TooManyResponsesError("evening.too_many_responses")


def _check_seats(evening: ParentEvening, extra: int) -> None:
    """Refuse more guests than there are seats left, counted in the database now."""
    if evening.max_guests is None or extra <= 0:
        return
    taken = db.session.scalar(
        select(func.coalesce(func.sum(EveningResponse.guests), 0)).where(
            EveningResponse.evening_id == evening.id
        )
    )
    left = evening.max_guests - int(taken or 0)
    if left <= 0:
        raise EveningError("evening.full")
    if extra > left:
        raise EveningError("evening.places_left", num=left)


def remove_response(response: EveningResponse, *, block: bool, now: datetime) -> None:
    """The coordinator removes a response (spam, a double); blocking keeps its sender's
    address and browser from answering this evening again."""
    if block:
        db.session.add(
            BlockedSender(
                evening_id=response.evening_id,
                sender=response.sender,
                browser=response.browser,
                created_at=now,
            )
        )
    db.session.delete(response)
    db.session.flush()


def clean_text(text: str, limit: int) -> str:
    """Text without control characters (line breaks kept), trimmed to a limit. Joiners and
    direction marks stay: they hold emoji and right-to-left names together."""
    kept = "".join(ch for ch in text if storable(ch))
    return kept.strip()[:limit]


def set_responses_open(evening: ParentEvening, open_: bool) -> None:
    evening.responses_open = open_
    db.session.flush()


# --- checklist ----------------------------------------------------------------------------


def checklist_label(item: ChecklistItem) -> str:
    return str(CHECKLIST_LABELS.get(item.key or "", item.label or ""))


def tick(item: ChecklistItem, who: str) -> None:
    item.done_by, item.done_at = who, utcnow()
    db.session.flush()


def untick(item: ChecklistItem) -> None:
    item.done_by, item.done_at = None, None
    db.session.flush()


def add_checklist_item(evening: ParentEvening, label: str) -> ChecklistItem:
    item = ChecklistItem(position=len(evening.checklist), label=clean_text(label, 150))
    evening.checklist.append(item)
    db.session.flush()
    return item


def key_points(
    evening: ParentEvening, locale: str, country: str
) -> list[tuple[str, Sequence[str]]]:
    """For the handout: each module's title with its slide titles (as the school's country
    sees them) as the key points; modules not for this audience or country are left out."""
    points = []
    for block in evening.blocks:
        if block.item is not None and fits_evening(evening, block.item, country):
            slides = variant(block.item, country).slides
            points.append((block_title(block, locale), [slide.title for slide in slides]))
    return points


def seed_demo_evening(school: School, day: date) -> ParentEvening:
    """A planned evening on a given school day with a full programme, for the demo schools."""
    ready_made = "infoavond-lager" if school.country == "BE" else "ouderavond-bovenbouw"
    title = (
        "Infoavond: online opgroeien" if school.country == "BE" else "Ouderavond: online opgroeien"
    )
    evening = create_evening(
        school,
        title=title,
        day=day,
        start_time=time(19, 30),
        end_time=time(21, 15),
        place="Aula",
        grades=[5, 6, 7, 8],
        speaker=None,
        max_guests=80,
    )
    items = items_by_slug([ready_made])
    if ready_made in items:
        start_from_ready_made(evening, items[ready_made], school.country)
    return evening
