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
from planner.catalogue.content import Link, Slide
from planner.catalogue.models import CatalogueItem
from planner.catalogue.schema import ConversationQuestion
from planner.catalogue.variants import variant


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
    title: str
    slides: tuple[Slide, ...]
    locale: str

    def as_dicts(self) -> list[dict[str, object]]:
        return [slide.as_dict() for slide in self.slides]


def lesson_deck(
    item: CatalogueItem, helplines: Sequence[CatalogueItem], options: DeckOptions
) -> Deck:
    """A lesson as a deck: title, goals, the lesson's slides with the class conversation
    before the closing slide, and the help lines of the country."""
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
        slides.append(help_slide(helplines, options))
        return Deck(title, tuple(slides), options.locale)


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
    return Slide(_("What we learn today"), tuple(goals), notes, role="goals")


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
    for line in helplines:
        name = line.title.get(options.locale)
        phone = line.content.phone
        bullets.append(f"{name}: {phone}" if phone else name)
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
    return Slide(_("Where can you go for help?"), tuple(bullets), notes, tuple(links), role="help")


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
