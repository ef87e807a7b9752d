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


@dataclass(frozen=True)
class EveningDeckInput:
    """What an evening deck shows, computed by the caller under the deck's locale."""

    title: str
    subtitle_lines: tuple[str, ...]
    programme: tuple[tuple[str, str], ...]  # (time, block title)
    modules: tuple[tuple[str, tuple[Slide, ...]], ...]  # (module title, its slides)
    agreements: tuple[tuple[str, tuple[str, ...]], ...]  # (heading, lines)
    helplines: Sequence[CatalogueItem]


def evening_deck(data: EveningDeckInput, options: DeckOptions) -> Deck:
    """A parent evening as a deck: title, programme, modules, agreements, help, questions."""
    with force_locale(options.locale):
        slides = [Slide(data.title, data.subtitle_lines, "", role="title")]
        if data.programme:
            slides.append(
                Slide(
                    _("Tonight's programme"),
                    tuple(f"{moment}  {title}" for moment, title in data.programme),
                    _("Walk through the evening and say when there is room for questions."),
                    role="goals",
                )
            )
        for _title, module_slides in data.modules:
            slides.extend(module_slides)
        for heading, lines in data.agreements:
            if lines:
                slides.append(
                    Slide(
                        heading,
                        tuple(lines),
                        _("These are the school's own agreements; invite parents to react."),
                    )
                )
        slides.append(help_slide(data.helplines, options, for_parents=True))
        slides.append(
            Slide(
                _("Questions?"),
                (),
                _("Start with the questions parents sent in with their response."),
                role="conversation",
            )
        )
        return Deck(data.title, tuple(slides), options.locale)
