"""One item as a school of one country sees it: the accessors the pages and exports use.

`variant(item, "BE")` gives the Flemish variant of a catalogue item (or of a parsed content
file): its slides, introduction, printables, protocol steps and free text with `[NL]` parts
left out and the item's Flemish word list applied, and its goals, conversation and needs
likewise. Titles and summaries are chosen by `title_for` / `summary_for`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from planner.catalogue.markdown import (
    Phase,
    Printable,
    Slide,
    parse_body,
    parse_steps,
    render_markdown,
)
from planner.catalogue.schema import ConversationQuestion, ItemContent


class HasContent(Protocol):
    """A catalogue item or a parsed content file: validated front matter and a body."""

    @property
    def content(self) -> ItemContent: ...

    body: str


@dataclass(frozen=True)
class ItemVariant:
    """An item's content for one country (NL or BE)."""

    content: ItemContent
    body: str
    country: str

    @property
    def slides(self) -> tuple[Slide, ...]:
        return parse_body(self.body, self.country, self.content.words).slides

    @property
    def intro(self) -> str:
        """The text before the first slide, for the teacher."""
        return parse_body(self.body, self.country, self.content.words).intro

    @property
    def printables(self) -> tuple[Printable, ...]:
        return parse_body(self.body, self.country, self.content.words).printables

    @property
    def phases(self) -> list[Phase]:
        """A protocol's phases and steps."""
        return parse_steps(self.body, self.country, self.content.words)

    @property
    def html(self) -> str:
        """A free-text body as HTML."""
        return render_markdown(self.body, self.country, self.content.words)

    @property
    def goals(self) -> list[str]:
        return self.content.goals_for(self.country)

    @property
    def needs(self) -> list[str]:
        return self.content.needs_for(self.country)

    @property
    def conversation(self) -> list[ConversationQuestion]:
        return self.content.conversation_for(self.country)


def variant(item: HasContent, country: str) -> ItemVariant:
    """The item as a school in `country` ("NL" or "BE") sees it."""
    if country not in ("NL", "BE"):
        raise ValueError(f"country must be NL or BE, not {country!r}")
    return ItemVariant(item.content, item.body, country)


def title_for(item: HasContent, locale: str, country: str) -> str:
    """The title a school sees: English in English, else Flemish wording for a Flemish
    school where there is one, else Dutch."""
    return item.content.title.for_school(locale, country)


def summary_for(item: HasContent, locale: str, country: str) -> str:
    """The summary a school sees, chosen as `title_for` chooses the title."""
    return item.content.summary.for_school(locale, country)
