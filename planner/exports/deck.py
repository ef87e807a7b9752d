"""Deck descriptions: the neutral form of a slide deck.

The browser preview and every file renderer start from the same description, so what a
teacher sees in the browser is what they download.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from planner import grades as grade_map
from planner.catalogue.blocks import Picture
from planner.catalogue.content import Link, Slide
from planner.catalogue.models import CatalogueItem
from planner.catalogue.schema import ConversationQuestion
from planner.catalogue.variants import variant
from planner.schools.data import APP_NAME

# The line every child can call first; then at most MAX_THEME_LINES lines that fit the lesson.
FIRST_LINES = {"NL": "kindertelefoon", "BE": "awel"}
# For parents of the youngest: the country's general line for parents comes first.
FIRST_PARENT_LINES = {"NL": "ouders-en-onderwijs", "BE": "child-focus"}
MAX_THEME_LINES = 2
YOUNGEST_GRADE = 2  # groep 1-2 and the kleuterklassen: no phone numbers on the slide


@dataclass(frozen=True)
class DeckOptions:
    """What a deck is built for: language, country, and optionally a class, date, teacher."""

    locale: str = "nl"
    country: str = "NL"
    class_name: str | None = None
    day: date | None = None
    teacher: str | None = None


@dataclass(frozen=True)
class Deck:
    """A deck in one language: its title, its slides, and who made it (for the file's
    properties). `credit` is the pictures' licence line, shown at the end of a deck that has
    pictures."""

    title: str
    slides: tuple[Slide, ...]
    locale: str
    author: str = APP_NAME

    @property
    def credit(self) -> str | None:
        """The OpenMoji licence line, in the deck's language, if the deck has pictures."""
        if not any(slide.pictures() for slide in self.slides):
            return None
        with force_locale(self.locale):
            return _(
                "All emojis designed by %(openmoji)s – the open-source emoji and icon project. "
                "License: %(licence)s",
                openmoji="OpenMoji",
                licence="CC BY-SA 4.0",
            )

    def as_dicts(self) -> list[dict[str, object]]:
        return [slide.as_dict() for slide in self.slides]


def content_locale(item: CatalogueItem, country: str) -> str:
    """The language a lesson's slides are written in for a country: the deck's language."""
    if country == "BE":
        return "nl_BE"
    return item.language if item.language in ("nl", "nl_BE", "en") else "nl"


def lesson_deck(
    item: CatalogueItem,
    helplines: Sequence[CatalogueItem],
    options: DeckOptions,
    parent_lines: Sequence[CatalogueItem] = (),
    author: str = APP_NAME,
) -> Deck:
    """A lesson as a deck: title, goals, the lesson's slides with the class conversation
    before the closing slide, and the help slide for the class's age and country.

    `options.locale` is the deck's one language: the language the lesson is written in.
    """
    with force_locale(options.locale):
        title = item.title.get(options.locale)
        slides = [_title_slide(item, title, options)]
        content = variant(item, options.country)
        if content.goals:
            slides.append(_goals_slide(content.goals))
        body = list(content.slides)
        # The lesson's shape: ... core, class conversation, closing (what we agree), help.
        closing = body[-1:]
        slides.extend(body[:-1])
        if content.conversation:
            slides.append(_conversation_slide(content.conversation))
        slides.extend(closing)
        young = bool(item.grades) and max(item.grades) <= YOUNGEST_GRADE
        themes = item.values("theme")
        if young:
            first = FIRST_PARENT_LINES.get(options.country, "")
            slides.append(young_help_slide(choose_lines(parent_lines, themes, first)[:2], options))
        else:
            lines = choose_lines(helplines, themes, FIRST_LINES.get(options.country, ""))
            slides.append(help_slide(lines, options))
        return Deck(title, tuple(slides), options.locale, author)


def choose_lines(
    lines: Sequence[CatalogueItem], themes: Sequence[str], first: str
) -> list[CatalogueItem]:
    """The line every child may call (`first`), then at most two that share the most
    themes with the lesson (none that shares no theme)."""
    head = [line for line in lines if line.slug == first]
    scored = [
        (len(set(line.values("theme")) & set(themes)), index, line)
        for index, line in enumerate(lines)
        if line.slug != first
    ]
    fitting = [line for score, _i, line in sorted(scored, key=lambda s: (-s[0], s[1])) if score]
    return head + fitting[:MAX_THEME_LINES]


def line_label(line: CatalogueItem, locale: str) -> str:
    """A help line as one readable line: its name and its number, the number once."""
    name = line.title.get(locale)
    phone = line.content.phone
    if not phone or phone.replace(" ", "") in name.replace(" ", ""):
        return name
    return f"{name}: {phone}"


def _title_slide(item: CatalogueItem, title: str, options: DeckOptions) -> Slide:
    lines = [
        options.class_name or grade_map.grade_label(item.grades, options.locale, options.country)
    ]
    if options.day:
        lines.append(format_date(options.day, format="full"))
    if options.teacher:
        lines.append(options.teacher)
    notes = _(
        "Introduce the lesson in your own words: %(summary)s",
        summary=item.summary.get(options.locale),
    )
    return Slide(title, tuple(line for line in lines if line), notes, role="title")


def _goals_slide(goals: Sequence[str]) -> Slide:
    notes = _(
        "Read the goals aloud and come back to them at the end of the lesson: "
        "can the class say what they learned?"
    )
    return Slide(
        _("What we learn today"),
        tuple(goals),
        notes,
        role="goals",
        picture=Picture("bullseye", _("A target")),
    )


def _conversation_slide(questions: Sequence[ConversationQuestion]) -> Slide:
    notes = "\n\n".join(
        f"{question.question}\n"
        + _("Answers you may hear: %(answers)s", answers="; ".join(question.answers))
        if question.answers
        else question.question
        for question in questions
    )
    return Slide(
        _("Let's talk about it"),
        tuple(question.question for question in questions),
        notes,
        role="conversation",
        picture=Picture("speech-balloon", _("A speech balloon")),
    )


def help_slide(
    helplines: Sequence[CatalogueItem], options: DeckOptions, *, for_parents: bool = False
) -> Slide:
    """Where children (or parents) can go for help in the school's country."""
    if for_parents:
        bullets = [_("Talk with the school: the teacher or the confidential adviser")]
    else:
        bullets = [_("Tell an adult you trust: your teacher, your parents")]
    links: list[Link] = []
    line_pictures: list[Picture | None] = [Picture("people-dialogue", _("Two people talking"))]
    for line in helplines:
        name = line.title.get(options.locale)
        bullets.append(line_label(line, options.locale))
        line_pictures.append(
            Picture("telephone-receiver", _("A telephone"))
            if line.content.phone
            else Picture("globe-with-meridians", _("The internet"))
        )
        if line.content.url:
            links.append(Link(name, line.content.url))
    if for_parents:
        notes = _(
            "Point parents to these numbers and sites; the handout lists them too. Say that "
            "they can always come to the school first."
        )
    elif options.country == "BE":
        notes = _(
            "If a child tells you something worrying, during or after the lesson: listen, "
            "do not promise to keep it secret, and follow the school's protocol. Involve the "
            "confidential adviser and the school's CLB."
        )
    else:
        notes = _(
            "If a child tells you something worrying, during or after the lesson: listen, "
            "do not promise to keep it secret, and follow the school's protocol and the "
            "meldcode. Involve the confidential adviser; Veilig Thuis (0800-2000) gives advice."
        )
    return Slide(
        _("Where can you go for help?"),
        tuple(bullets),
        notes,
        tuple(links),
        role="help",
        layout="help",
        bullet_pictures=tuple(line_pictures),
    )


def young_help_slide(parent_lines: Sequence[CatalogueItem], options: DeckOptions) -> Slide:
    """The help slide for groep 1-2 and the kleuterklassen: a grown-up you trust, in words and
    a picture; no phone number on the slide, the line for parents in the notes."""
    notes = [
        _(
            "Say: if something online makes you sad or scared, tell a grown-up you trust: "
            "the teacher, your mum or dad, grandma or grandpa. You are never in trouble for "
            "telling."
        )
    ]
    if parent_lines:
        notes.append(
            _(
                "For parents who want advice: %(lines)s.",
                lines="; ".join(line_label(line, options.locale) for line in parent_lines),
            )
        )
    notes.append(
        _(
            "If a child tells you something worrying, during or after the lesson: listen, "
            "do not promise to keep it secret, and follow the school's protocol. Involve the "
            "confidential adviser and the school's CLB."
        )
        if options.country == "BE"
        else _(
            "If a child tells you something worrying, during or after the lesson: listen, "
            "do not promise to keep it secret, and follow the school's protocol and the "
            "meldcode. Involve the confidential adviser; Veilig Thuis (0800-2000) gives advice."
        )
    )
    return Slide(
        _("Who can help you?"),
        (_("Your teacher"), _("Your mum or dad")),
        "\n\n".join(notes),
        role="help",
        layout="statement",
        lead=_("Tell a grown-up you trust."),
        picture=Picture("people-hugging", _("Two people hugging")),
        bullet_pictures=(
            Picture("teacher", _("A teacher")),
            Picture("family-adult-adult-child", _("A mum, a dad and a child")),
        ),
    )


# --- the parent-evening deck -------------------------------------------------------------

# About one slide per 3.3 minutes of programme: a 90-minute evening gets 27 slides, 100 minutes
# 30. Sections, the title, the programme, the agreements and the closing count too.
MINUTES_PER_SLIDE = 3.3
# The school's agreements: one slide per set in smaller type (the handout has them too), cut
# only when a set is longer than a slide holds.
AGREEMENT_CHARS_PER_SLIDE = 700
AGREEMENT_LINES_PER_SLIDE = 8
# Layouts that get the room talking; kept first when a module is cut to fit its time.
_ACTIVE_LAYOUTS = ("choice", "sort", "statement", "steps", "picture")


@dataclass(frozen=True)
class EveningBlock:
    """One block of the programme with its times and the slides of its module (if any)."""

    title: str
    start: str  # "19:40"
    end: str
    minutes: int
    slides: tuple[Slide, ...] = ()
    summary: str = ""  # what the module is about, for the speaker


@dataclass(frozen=True)
class EveningDeckInput:
    """What an evening deck shows, computed by the caller under the deck's locale."""

    title: str
    school: str
    day: date
    start: str
    end: str
    place: str
    blocks: tuple[EveningBlock, ...]
    agreements: tuple[tuple[str, tuple[str, ...]], ...]  # (heading, lines)
    contacts: tuple[str, ...]  # "Anti-bullying coordinator: name, e-mail"
    school_contact: str  # who parents ask after tonight
    helplines: Sequence[CatalogueItem]


def evening_deck(data: EveningDeckInput, options: DeckOptions) -> Deck:
    """A parent evening as a deck that tells the evening in order.

    Title (date, time, place); the programme with start and end times on one slide; per
    block a section slide and the module's slides, cut to what fits its minutes; the school's
    agreements and contacts; one closing slide with the help lines of the country and the
    school's contact. A slide that would appear twice (same title and text) is shown once, and
    module slides that only repeat the closing slide's help lines are left out.
    """
    with force_locale(options.locale):
        closing = _closing_slide(data, options)
        before = [_evening_title_slide(data)]
        if data.blocks:
            before.append(_programme_slide(data.blocks))
        after = _agreement_slides(data.agreements)
        if data.contacts:
            after.append(
                Slide(
                    _("Who to contact at school"),
                    data.contacts,
                    _("Introduce the people by name if they are in the room."),
                    role="contacts",
                )
            )
        sections = [_section_slide(block) for block in data.blocks]
        minutes = sum(block.minutes for block in data.blocks)
        target = round(minutes / MINUTES_PER_SLIDE)
        room = max(0, target - len(before) - len(after) - len(sections) - 1)
        helpline_names = [line.title.get(options.locale) for line in data.helplines]
        seen = {_identity(slide) for slide in (*before, *after, closing)}
        chosen = _fit_modules(data.blocks, room, helpline_names, seen)
        slides = list(before)
        for section, module_slides in zip(sections, chosen, strict=True):
            slides.append(section)
            slides.extend(module_slides)
        slides.extend(after)
        slides.append(closing)
        return Deck(data.title, tuple(slides), options.locale)


def _identity(slide: Slide) -> tuple[str, tuple[str, ...], str]:
    return (slide.title.strip().casefold(), slide.bullets, slide.lead)


def _evening_title_slide(data: EveningDeckInput) -> Slide:
    lines = (
        data.school,
        format_date(data.day, format="full"),
        f"{data.start}–{data.end} · {data.place}",
    )
    notes = _("Welcome the parents and say who you are before you start.")
    return Slide(data.title, lines, notes, role="title")


def _programme_slide(blocks: Sequence[EveningBlock]) -> Slide:
    return Slide(
        _("Tonight's programme"),
        tuple(f"{block.start}–{block.end}  {block.title}" for block in blocks),
        _("Walk through the evening and say when there is room for questions."),
        role="programme",
    )


def _section_slide(block: EveningBlock) -> Slide:
    return Slide(
        block.title,
        (f"{block.start}–{block.end}",),
        "\n\n".join(
            part
            for part in (
                _("%(minutes)d minutes for this part.", minutes=block.minutes),
                block.summary,
            )
            if part
        ),
        role="section",
    )


def _agreement_slides(agreements: Sequence[tuple[str, Sequence[str]]]) -> list[Slide]:
    """The school's agreements, a few lines a slide (long lines: fewer)."""
    slides = []
    notes = _("These are the school's own agreements; invite parents to react.")
    for heading, lines in agreements:
        pages = _even_pages(list(lines))
        for number, page in enumerate(pages, 1):
            title = heading if len(pages) == 1 else f"{heading} ({number}/{len(pages)})"
            slides.append(Slide(title, tuple(page), notes, role="agreements"))
    return slides


def _fits(page: Sequence[str]) -> bool:
    return (
        len(page) <= AGREEMENT_LINES_PER_SLIDE and sum(map(len, page)) <= AGREEMENT_CHARS_PER_SLIDE
    )


def _even_pages(lines: list[str]) -> list[list[str]]:
    """Lines cut into as few slides as hold them, spread evenly (4 + 3, not 6 + 1)."""
    greedy: list[list[str]] = []
    for line in lines:
        if greedy and _fits([*greedy[-1], line]):
            greedy[-1].append(line)
        else:
            greedy.append([line])
    if len(greedy) <= 1:
        return greedy
    per_page = -(-len(lines) // len(greedy))
    even = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    return even if len(even) == len(greedy) and all(map(_fits, even)) else greedy


def _closing_slide(data: EveningDeckInput, options: DeckOptions) -> Slide:
    """Thanks, the school's contact and the country's help lines for parents, once."""
    bullets = [data.school_contact]
    links: list[Link] = []
    for line in data.helplines:
        name = line.title.get(options.locale)
        phone = line.content.phone
        bullets.append(f"{name}: {phone}" if phone and phone not in name else name)
        if line.content.url:
            links.append(Link(name, line.content.url))
    notes = _(
        "Thank the parents for coming. Answer the questions parents sent in with their "
        "response and those on the cards; point parents to these numbers and sites (the "
        "handout lists them too) and say that they can always come to the school first."
    )
    return Slide(
        _("Questions? Where to find help"), tuple(bullets), notes, tuple(links), role="closing"
    )


def _fit_modules(
    blocks: Sequence[EveningBlock],
    room: int,
    helpline_names: Sequence[str],
    seen: set[tuple[str, tuple[str, ...], str]],
) -> list[list[Slide]]:
    """Each block's slides, cut to its share of `room` (by minutes) and without repeats."""
    candidates: list[list[tuple[int, Slide]]] = []
    for block in blocks:
        kept = []
        for index, slide in enumerate(block.slides):
            key = _identity(slide)
            if key in seen or _only_repeats_help(slide, helpline_names):
                continue
            seen.add(key)
            kept.append((index, slide))
        candidates.append(kept)
    shares = _shares(
        [block.minutes if kept else 0 for block, kept in zip(blocks, candidates, strict=True)],
        [len(kept) for kept in candidates],
        room,
    )
    chosen = []
    for kept, share in zip(candidates, shares, strict=True):
        ranked = sorted(kept, key=lambda pair: _rank(pair, helpline_names))[:share]
        chosen.append([slide for _index, slide in sorted(ranked, key=lambda pair: pair[0])])
    return chosen


def _rank(pair: tuple[int, Slide], helpline_names: Sequence[str]) -> tuple[int, int]:
    """Which slides of a module stay first: its opening, then the ones that get parents
    talking, then the rest in order; slides about help lines (the closing has them) last."""
    index, slide = pair
    if _mentions(slide, helpline_names):
        return (3, index)
    if index == 0:
        return (0, index)
    return (1 if slide.layout in _ACTIVE_LAYOUTS else 2, index)


def _mentions(slide: Slide, names: Sequence[str]) -> list[str]:
    return [bullet for bullet in slide.bullets if any(name in bullet for name in names)]


def _only_repeats_help(slide: Slide, names: Sequence[str]) -> bool:
    """A slide whose text is a help line of the closing slide with at most one remark."""
    mentioned = _mentions(slide, names)
    return bool(mentioned) and len(slide.bullets) - len(mentioned) <= 1


def _shares(weights: Sequence[int], limits: Sequence[int], room: int) -> list[int]:
    """`room` slides divided by weight (largest remainder), at least one for every block with
    slides, never more than a block has."""
    shares = [min(1, limit) for limit in limits]
    left = room - sum(shares)
    while left > 0:
        open_ = [i for i, weight in enumerate(weights) if weight and shares[i] < limits[i]]
        if not open_:
            break
        # The block furthest below its fair share gets the next slide.
        best = max(open_, key=lambda i: (weights[i] / (shares[i] + 1), -i))
        shares[best] += 1
        left -= 1
    return shares
