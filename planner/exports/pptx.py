"""Slide decks as PowerPoint files: a `Deck` in, the bytes of a .pptx out.

Text never runs out of its box: a slide with more bullets than fit continues on a next slide
with a "(continued)" title, and long titles get a smaller font (never below 24 pt). The
sizes are estimated from the box and the number of characters, because the renderer has no
font metrics; PowerPoint's own shrink-on-overflow is switched on as a second line of defence.

A school can upload its own template: its layouts are found by name (English or Dutch), then
by their placeholders, and the deck keeps the template's look. Without a template the deck
uses python-pptx's default template stretched to 16:9 in the app's colours.
"""

from __future__ import annotations

import io
import math
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from flask_babel import force_locale
from flask_babel import gettext as _
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE, MSO_THEME_COLOR
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide as PptxSlide
from pptx.slide import SlideLayout
from pptx.text.text import TextFrame
from pptx.util import Emu, Pt

from planner import clock
from planner.catalogue import pictures
from planner.catalogue.blocks import Picture
from planner.catalogue.content import MAX_BULLETS, Link, Slide
from planner.errors import DomainError
from planner.exports.deck import Deck
from planner.exports.package_limits import PackageLimitError, check_package

MAX_TEMPLATE_BYTES = 10 * 1024 * 1024
# A small zip can unpack into something huge; refuse templates that would.
MAX_TEMPLATE_UNPACKED_BYTES = 60 * 1024 * 1024

ACCENT = RGBColor(0x1D, 0x5C, 0x63)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
TEXT = RGBColor(0x22, 0x2B, 0x2D)
SUBTLE = RGBColor(0xD8, 0xEB, 0xEC)

SLIDE_WIDTH_16_9 = Emu(12192000)
SLIDE_HEIGHT_16_9 = Emu(6858000)

TITLE_SIZES = (40, 36, 32, 28, 24)
DECK_TITLE_SIZES = (48, 44, 40, 36, 32, 28, 24)
SUBTITLE_SIZE = 24
BULLET_SIZES = (32, 28, 24)  # the largest that fits a whole slide
PAGE_SIZE = 28  # the size of slides that had to be cut into pages
PROGRAMME_SIZES = (22, 20, 18, 16)  # a programme or a set of agreements stays on one slide
PROGRAMME_LINES = 12
BULLET_INDENT_PT = 30

TITLE_LAYOUT_NAMES = ("title slide", "titeldia")
CONTENT_LAYOUT_NAMES = ("title and content", "titel en object", "titel en inhoud")

_LANGUAGES = {
    "nl": MSO_LANGUAGE_ID.DUTCH,
    "nl_BE": MSO_LANGUAGE_ID.BELGIAN_DUTCH,
    "en": MSO_LANGUAGE_ID.ENGLISH_UK,
}

LANGUAGE_TAGS = {"nl": "nl-NL", "nl_BE": "nl-BE", "en": "en-GB"}

_PRESENTATION_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
_TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.template"
_TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_BODY_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
# Conservative average glyph width (as a share of the font size) and line height.
_CHAR_WIDTH = 0.55
_BOLD_CHAR_WIDTH = 0.7
_LINE_HEIGHT = 1.2
_PARAGRAPH_GAP = 0.35


class TemplateError(DomainError, ValueError):
    """An uploaded template that cannot be used; `code` says why (planner/web/messages.py,
    under "template."), `params` what was found (for a template that is too complex, the
    package limit passed)."""

    namespace = "template."

    @property
    def status(self) -> int:  # type: ignore[override]
        return 413 if self.code == "too_large" else 400


@dataclass(frozen=True)
class PptxOptions:
    """How to render: optionally in a school's own template (the bytes of a .pptx or .potx),
    with pictures from a cache folder (rasterised once, shared by every deck)."""

    template: bytes | None = None
    picture_dir: Path | None = None


@dataclass(frozen=True)
class TemplateLayouts:
    """What a template offers and which of its layouts the decks will use."""

    names: tuple[str, ...]
    title: str
    content: str
    title_by_name: bool
    content_by_name: bool


# What a template must be able to show: a title slide and a content slide with a link.
_TRIAL_DECK = Deck(
    "Template check",
    (
        Slide("Title", ("Subtitle",), role="title"),
        Slide("Content", ("One", "Two"), "Notes", (Link("One", "https://example.org/"),)),
    ),
    "nl",
)


def check_template(data: bytes) -> None:
    """Raise TemplateError unless the bytes are a presentation within the limits, with a
    layout that has a title, in which a deck can really be made."""
    prs = _open_template(data)
    if not any(_has_title(layout) for layout in prs.slide_layouts):
        raise TemplateError("no_layouts")
    try:
        render_deck(_TRIAL_DECK, PptxOptions(template=data))
    except TemplateError:
        raise
    except Exception as error:
        # Whatever a damaged layout makes python-pptx raise: refuse the template now, rather
        # than fail every deck of the school later.
        raise TemplateError("broken") from error


def _has_title(layout: SlideLayout) -> bool:
    return any(ph.placeholder_format.type in _TITLE_TYPES for ph in layout.placeholders)


def template_layouts(data: bytes) -> TemplateLayouts | None:
    """The layouts of a stored template, for the settings page; None if it cannot be read."""
    try:
        prs = _open_template(data)
    except TemplateError:
        return None
    layouts = _Layouts.find(prs)
    if layouts is None:
        return None
    all_layouts = list(prs.slide_layouts)
    return TemplateLayouts(
        names=tuple(layout.name for layout in all_layouts),
        title=layouts.title.name,
        content=layouts.content.name,
        title_by_name=_by_name(all_layouts, TITLE_LAYOUT_NAMES) is not None,
        content_by_name=_by_name(all_layouts, CONTENT_LAYOUT_NAMES) is not None,
    )


def render_deck(deck: Deck, options: PptxOptions = PptxOptions()) -> bytes:
    """The deck as the bytes of a .pptx file, with speaker notes and live links."""
    if options.template is None:
        prs = _default_presentation()
        styled = True
    else:
        try:
            prs = _open_template(options.template)
        except TemplateError:  # stored before the checks of today: the app's own design
            prs, styled = _default_presentation(), True
        else:
            _remove_slides(prs)
            styled = False
    layouts = _Layouts.find(prs)
    if layouts is None:  # a template without any usable layout: fall back to the default
        prs, styled = _default_presentation(), True
        layouts = _Layouts.find(prs)
        assert layouts is not None
    with force_locale(deck.locale):
        continued = [_("%(title)s (continued)", title=s.title) for s in deck.slides]
    picture_dir = options.picture_dir or Path(tempfile.gettempdir()) / "planner-picture-cache"
    writer = _Writer(
        prs, layouts, styled, _LANGUAGES.get(deck.locale, MSO_LANGUAGE_ID.DUTCH), picture_dir
    )
    last = len(deck.slides) - 1
    for index, (slide, continued_title) in enumerate(zip(deck.slides, continued, strict=True)):
        writer.add(slide, continued_title, deck.credit if index == last else None)
    _set_properties(prs, deck)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _set_properties(prs: PresentationType, deck: Deck) -> None:
    """The file's own properties: the deck's title, language and maker, made now."""
    now = clock.utcnow().replace(microsecond=0)
    props = prs.core_properties
    props.title = deck.title
    props.subject = deck.title
    props.author = deck.author
    props.last_modified_by = deck.author
    props.language = LANGUAGE_TAGS.get(deck.locale, "nl-NL")
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.created = now
    props.modified = now
    props.revision = 1


# --- templates ----------------------------------------------------------------------------


def _open_template(data: bytes) -> PresentationType:
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateError("too_large", mb=MAX_TEMPLATE_BYTES // (1024 * 1024))
    not_a_presentation = TemplateError("not_a_presentation")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_TEMPLATE_UNPACKED_BYTES:
                raise TemplateError("too_large", mb=MAX_TEMPLATE_BYTES // (1024 * 1024))
            check_package(archive)
            data = _as_presentation(archive, data)
        return Presentation(io.BytesIO(data))
    except TemplateError:
        raise
    except PackageLimitError as exc:
        raise TemplateError("too_complex", problem=exc.code, **exc.params) from exc
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, OSError) as exc:
        raise not_a_presentation from exc


def _as_presentation(archive: zipfile.ZipFile, data: bytes) -> bytes:
    """A PowerPoint template (.potx) differs from a .pptx only in its declared content type."""
    types = archive.read("[Content_Types].xml")
    if _TEMPLATE_TYPE.encode() not in types:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in archive.infolist():
            content = archive.read(info)
            if info.filename == "[Content_Types].xml":
                content = content.replace(_TEMPLATE_TYPE.encode(), _PRESENTATION_TYPE.encode())
            copy.writestr(info, content)
    return out.getvalue()


def _remove_slides(prs: PresentationType) -> None:
    """A template's own example slides are not part of the deck."""
    id_list = prs.slides._sldIdLst
    for slide_id in list(id_list):
        id_list.remove(slide_id)
        prs.part.drop_rel(slide_id.rId)


def _default_presentation() -> PresentationType:
    """python-pptx's default template at 16:9, the title layout in the app's accent colour."""
    prs = Presentation()
    scale = SLIDE_WIDTH_16_9 / prs.slide_width
    prs.slide_width, prs.slide_height = SLIDE_WIDTH_16_9, SLIDE_HEIGHT_16_9
    for shapes in [prs.slide_master.shapes, *(layout.shapes for layout in prs.slide_layouts)]:
        # Only shapes with a position of their own; the others inherit the master's.
        for shape in (shape for shape in shapes if shape._element.xfrm is not None):
            shape.left, shape.width = round(shape.left * scale), round(shape.width * scale)
    title_layout = prs.slide_layouts[0]
    title_layout.background.fill.solid()
    title_layout.background.fill.fore_color.rgb = ACCENT
    return prs


@dataclass(frozen=True)
class _Layouts:
    title: SlideLayout
    content: SlideLayout

    @classmethod
    def find(cls, prs: PresentationType) -> _Layouts | None:
        layouts = list(prs.slide_layouts)
        if not layouts:
            return None
        title = (
            _by_name(layouts, TITLE_LAYOUT_NAMES)
            or _by_placeholders(layouts, need_subtitle=True)
            or layouts[0]
        )
        content = (
            _by_name(layouts, CONTENT_LAYOUT_NAMES)
            or _by_placeholders(layouts, need_subtitle=False)
            or layouts[min(1, len(layouts) - 1)]
        )
        return cls(title, content)


def _by_name(layouts: Sequence[SlideLayout], names: Sequence[str]) -> SlideLayout | None:
    for name in names:
        for layout in layouts:
            if layout.name.strip().casefold() == name:
                return layout
    return None


def _by_placeholders(layouts: Sequence[SlideLayout], need_subtitle: bool) -> SlideLayout | None:
    """The first layout with a title and a subtitle (title slide) or a body (content)."""
    for layout in layouts:
        types = {ph.placeholder_format.type for ph in layout.placeholders}
        if need_subtitle:
            if PP_PLACEHOLDER.CENTER_TITLE in types and PP_PLACEHOLDER.SUBTITLE in types:
                return layout
        elif PP_PLACEHOLDER.TITLE in types and types & set(_BODY_TYPES):
            return layout
    return None


# --- fitting text -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Box:
    width: int
    height: int

    def lines(self, text: str, size: int, indent_pt: float = 0) -> int:
        usable = Emu(self.width).pt - 15 - indent_pt  # the box's own insets
        per_line = max(1, int(usable / (size * _CHAR_WIDTH)))
        return max(1, math.ceil(len(text) / per_line * 1.08)) if text else 1

    def holds(self, texts: Sequence[str], size: int, indent_pt: float = 0) -> bool:
        usable = Emu(self.height).pt - 8
        needed = sum(
            self.lines(text, size, indent_pt) * size * _LINE_HEIGHT + size * _PARAGRAPH_GAP
            for text in texts
        )
        return needed <= usable


def _title_size(box: _Box, title: str, sizes: Sequence[int] = TITLE_SIZES) -> int:
    """The largest font size at which the title fits its box, never below the last size."""
    for size in sizes:
        if box.holds([title], size):
            return size
    return sizes[-1]


def _pages(
    box: _Box, bullets: Sequence[str], max_bullets: int = MAX_BULLETS
) -> tuple[int, list[list[str]]]:
    """The bullets cut into slides that fit, and the font size to use."""
    indent = BULLET_INDENT_PT
    for size in BULLET_SIZES:
        if len(bullets) <= max_bullets and box.holds(bullets, size, indent):
            return size, [list(bullets)]
    if max_bullets > MAX_BULLETS and len(bullets) <= max_bullets:
        # A list that belongs on one slide (the evening's programme): smaller, not cut.
        for size in PROGRAMME_SIZES:
            if box.holds(bullets, size, indent):
                return size, [list(bullets)]
    size = PAGE_SIZE
    greedy: list[list[str]] = [[]]
    for bullet in bullets:
        page = greedy[-1]
        if page and (len(page) >= MAX_BULLETS or not box.holds([*page, bullet], size, indent)):
            greedy.append([])
        greedy[-1].append(bullet)
    # Spread the bullets evenly over as many slides as the greedy cut needed: 4 + 3, not 6 + 1.
    count = len(greedy)
    per_page = math.ceil(len(bullets) / count)
    even = [list(bullets[i : i + per_page]) for i in range(0, len(bullets), per_page)]
    if len(even) == count and all(
        box.holds(page, size, indent) and len(page) <= MAX_BULLETS for page in even
    ):
        return size, even
    return size, greedy


# --- writing slides -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Rect:
    """A part of a slide, in EMU."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def box(self) -> _Box:
        return _Box(self.w, self.h)


INCH = 914400
GAP = INCH // 8
ROW_SIZES = (40, 36, 32, 28, 24, 22, 20, 18)
CARD_SIZES = (32, 28, 24, 22, 20, 18, 16)  # cards to sort: read out by the teacher too
STATEMENT_SIZES = (54, 48, 44, 40, 36, 32, 28)
LEAD_SIZES = (36, 32, 28, 24, 22, 20)
CAPTION_SIZES = (44, 40, 36, 32, 28, 24)
MARK_SIZES = (48, 44, 40, 36, 32, 28, 24, 20)
PILE_SIZES = (32, 28, 24, 20, 18, 16)
CREDIT_SIZE = 11
ICON_PX = 256
LARGE_PX = 512
# Four corners of the room: each option its own colour (and letter), in the app's design;
# a school's template gives its theme's accent colours instead.
OPTION_COLOURS = (
    RGBColor(0xB0, 0x3A, 0x2E),  # A red
    RGBColor(0x1F, 0x5F, 0xAD),  # B blue
    RGBColor(0x2E, 0x7D, 0x32),  # C green
    RGBColor(0x8A, 0x4F, 0x00),  # D brown-orange
)
OPTION_THEME_COLOURS = (
    MSO_THEME_COLOR.ACCENT_1,
    MSO_THEME_COLOR.ACCENT_2,
    MSO_THEME_COLOR.ACCENT_3,
    MSO_THEME_COLOR.ACCENT_4,
)
CARD_FILL = RGBColor(0xF4, 0xF7, 0xF7)
LETTERS = "ABCD"


def _fit(box: _Box, texts: Sequence[str], sizes: Sequence[int]) -> int:
    """The largest size at which all texts fit the box (each text on its own)."""
    for size in sizes:
        if all(box.holds([text], size) for text in texts):
            return size
    return sizes[-1]


def text_fits(
    width: int, height: int, paragraphs: Sequence[str], size: float, indent_pt: float = 0
) -> bool:
    """Whether paragraphs at a font size fit a text shape of this size (EMU), by the same
    estimate the renderer uses to choose its sizes (`indent_pt`: a bullet's indent)."""
    return _Box(width, height).holds(paragraphs, round(size), indent_pt)


class _Writer:
    def __init__(
        self,
        prs: PresentationType,
        layouts: _Layouts,
        styled: bool,
        language: MSO_LANGUAGE_ID,
        picture_dir: Path,
    ) -> None:
        self.prs = prs
        self.layouts = layouts
        self.styled = styled
        self.language = language
        self.picture_dir = picture_dir

    def add(self, slide: Slide, continued_title: str, credit: str | None = None) -> None:
        if slide.role in ("title", "section"):
            pptx_slide = self._title_slide(slide)
        elif slide.layout == "bullets" and not any(slide.bullet_pictures):
            pptx_slide = self._bullet_slides(slide, continued_title)
        else:
            pptx_slide = self._drawn_slide(slide)
        if credit:
            self._credit(pptx_slide, credit)

    # --- regions ---

    def _region(self, layout: SlideLayout) -> _Rect:
        """Where a slide's body goes: the layout's body placeholder, else below the title."""
        for shape in layout.placeholders:
            if shape.placeholder_format.type in _BODY_TYPES:
                return _Rect(shape.left, shape.top, shape.width, shape.height)
        margin = self.prs.slide_width // 24
        top = self.prs.slide_height // 6 + margin
        return _Rect(
            margin, top, self.prs.slide_width - 2 * margin, self.prs.slide_height - top - margin
        )

    def _body_box(self, layout: SlideLayout) -> _Box:
        return self._region(layout).box()

    # --- title and bullet slides ---

    def _title_slide(self, slide: Slide) -> PptxSlide:
        pptx_slide = self.prs.slides.add_slide(self.layouts.title)
        title_shape = self._title_shape(pptx_slide)
        box = _Box(title_shape.width, title_shape.height)
        colour = WHITE if self.styled else None
        self._write(
            title_shape.text_frame,
            [slide.title],
            _title_size(box, slide.title, DECK_TITLE_SIZES),
            colour,
            bold=True,
        )
        subtitle = _placeholder(pptx_slide, (PP_PLACEHOLDER.SUBTITLE, *_BODY_TYPES))
        if subtitle is None and slide.bullets:
            subtitle = self._textbox_below(pptx_slide, title_shape)
        if subtitle is not None:
            self._write(
                subtitle.text_frame, list(slide.bullets), SUBTITLE_SIZE, SUBTLE if colour else None
            )
        self._notes(pptx_slide, slide.notes)
        return pptx_slide

    def _bullet_slides(self, slide: Slide, continued_title: str) -> PptxSlide:
        """Bullets in the layout's body, cut into pages that fit; the slide's picture beside
        them on the right."""
        bullets = _bullets_with_links(slide)
        layout = self.layouts.content
        region = self._region(layout)
        picture_rect = None
        if slide.picture:
            side = min(region.h * 3 // 4, region.w // 4)
            picture_rect = _Rect(region.right - side, region.y + (region.h - side) // 2, side, side)
            region = _Rect(region.x, region.y, region.w - side - GAP, region.h)
        box = region.box()
        most = (
            PROGRAMME_LINES if slide.role in ("programme", "agreements", "closing") else MAX_BULLETS
        )
        size, pages = _pages(box, bullets, most) if bullets else (PAGE_SIZE, [[]])
        pptx_slide = None
        for number, page in enumerate(pages):
            title = slide.title if number == 0 else continued_title
            pptx_slide = self._content_slide(layout, title, page, slide.links, size, slide.notes)
            if picture_rect is not None and slide.picture is not None:
                body = _placeholder(pptx_slide, _BODY_TYPES)
                if body is not None:
                    body.left, body.top = region.x, region.y
                    body.width, body.height = region.w, region.h
                self._picture(pptx_slide, slide.picture, picture_rect, LARGE_PX)
        assert pptx_slide is not None
        return pptx_slide

    def _content_slide(
        self,
        layout: SlideLayout,
        title: str,
        bullets: Sequence[str],
        links: Sequence[Link],
        size: int,
        notes: str,
    ) -> PptxSlide:
        pptx_slide = self.prs.slides.add_slide(layout)
        self._slide_title(pptx_slide, title)
        body = _placeholder(pptx_slide, _BODY_TYPES)
        if body is None and bullets:
            body = self._textbox_below(pptx_slide, self._title_shape(pptx_slide))
        if body is not None:
            self._write(
                body.text_frame, list(bullets), size, TEXT if self.styled else None, links=links
            )
        self._notes(pptx_slide, notes)
        return pptx_slide

    def _slide_title(self, pptx_slide: PptxSlide, title: str) -> None:
        title_shape = self._title_shape(pptx_slide)
        box = _Box(title_shape.width, title_shape.height)
        colour = ACCENT if self.styled else None
        self._write(title_shape.text_frame, [title], _title_size(box, title), colour, bold=True)

    # --- drawn layouts: statement, choice, sort, steps, picture, help ---

    def _drawn_slide(self, slide: Slide) -> PptxSlide:
        layout = self.layouts.content
        region = self._region(layout)
        pptx_slide = self.prs.slides.add_slide(layout)
        self._slide_title(pptx_slide, slide.title)
        body = _placeholder(pptx_slide, _BODY_TYPES)
        if body is not None:  # the shapes below take its place
            body._element.getparent().remove(body._element)
        items = list(slide.bullet_items())
        shown = " ".join([slide.lead, *slide.bullets])
        items += [
            (link.text, None)
            for link in slide.links
            if link.text and link.text not in shown and link.text not in slide.title
        ]
        draw = {
            "statement": self._statement,
            "choice": self._choice,
            "sort": self._sort,
            "steps": self._steps,
            "picture": self._picture_slide,
            "help": self._help,
        }.get(slide.layout, self._rows_slide)
        draw(pptx_slide, slide, region, items)
        self._notes(pptx_slide, slide.notes)
        return pptx_slide

    def _lead_and_rest(
        self, pptx_slide: PptxSlide, slide: Slide, region: _Rect, share: float = 0.22
    ) -> _Rect:
        """The lead text across the top of the region (with the slide's picture before it);
        what is left of the region below it."""
        if not slide.lead:
            return region
        height = int(region.h * share)
        x = region.x
        if slide.picture:
            self._picture(pptx_slide, slide.picture, _Rect(x, region.y, height, height), ICON_PX)
            x += height + GAP
        self._text(
            pptx_slide,
            _Rect(x, region.y, region.right - x, height),
            [slide.lead],
            LEAD_SIZES,
            bold=True,
            anchor=MSO_ANCHOR.MIDDLE,
        )
        top = region.y + height + GAP
        return _Rect(region.x, top, region.w, region.bottom - top)

    def _rows_slide(self, pptx_slide: PptxSlide, slide: Slide, region: _Rect, items: list) -> None:
        """Bullets with pictures: one row per bullet, its picture before its text."""
        if slide.picture and not slide.lead:
            side = min(region.h * 3 // 5, region.w // 4)
            self._picture(
                pptx_slide,
                slide.picture,
                _Rect(region.right - side, region.y + (region.h - side) // 2, side, side),
                LARGE_PX,
            )
            region = _Rect(region.x, region.y, region.w - side - GAP, region.h)
        rest = self._lead_and_rest(pptx_slide, slide, region)
        self._rows(pptx_slide, rest, items)

    def _statement(self, pptx_slide: PptxSlide, slide: Slide, region: _Rect, items: list) -> None:
        """A big statement or question, centred, its picture large beside it; bullets (how
        to answer) small below."""
        many = len(items) > 2
        text_h = int(region.h * (0.45 if many else 0.62)) if items else region.h
        x = region.x
        if slide.picture:
            side = min(text_h if many else int(region.h * 0.7), region.w // 3)
            top = region.y + (int(region.h * (0.5 if items else 1.0)) - side) // 2
            self._picture(pptx_slide, slide.picture, _Rect(x, max(region.y, top), side, side))
            x += side + GAP
        self._text(
            pptx_slide,
            _Rect(x, region.y, region.right - x, text_h),
            [slide.lead],
            STATEMENT_SIZES,
            bold=True,
            align=PP_ALIGN.CENTER,
            anchor=MSO_ANCHOR.MIDDLE,
        )
        if items:
            top = region.y + text_h + GAP
            left = region.x if many else x
            below = _Rect(left, top, region.right - left, region.bottom - top)
            short = all(len(text) <= 24 for text, _p in items)
            if short and len(items) <= 4:  # how to answer, side by side: thumbs up, down
                self._grid(pptx_slide, below, items, len(items))
            else:
                self._grid(pptx_slide, below, items, 2 if len(items) > 3 else 1)

    def _choice(self, pptx_slide: PptxSlide, slide: Slide, region: _Rect, items: list) -> None:
        """The question, then two to four options, each its own colour and letter (the
        corners of the room)."""
        rest = self._lead_and_rest(pptx_slide, slide, region, share=0.26)
        count = len(items)
        columns = {2: 2, 4: 2}.get(count, 1)
        rows = math.ceil(count / columns)
        card_w = (rest.w - GAP * (columns - 1)) // columns
        card_h = (rest.h - GAP * (rows - 1)) // rows
        mark = min(card_h * 7 // 10, INCH)
        cards = []
        for index, (text, picture) in enumerate(items[: len(LETTERS)]):
            column, row = index % columns, index // columns
            card = _Rect(
                rest.x + column * (card_w + GAP), rest.y + row * (card_h + GAP), card_w, card_h
            )
            self._card(pptx_slide, card, index)
            pad = GAP // 2
            self._mark(
                pptx_slide,
                _Rect(card.x + pad, card.y + (card.h - mark) // 2, mark, mark),
                LETTERS[index],
                index,
            )
            x = card.x + pad + mark + pad
            if picture:
                side = min(card.h - 2 * pad, INCH * 5 // 4, card.w // 4)
                self._icon_in(pptx_slide, card, x, side, picture)
                x += side + pad
            cards.append((_Rect(x, card.y + pad, card.right - pad - x, card.h - 2 * pad), text))
        self._texts_alike(pptx_slide, cards, ROW_SIZES)

    def _sort(self, pptx_slide: PptxSlide, slide: Slide, region: _Rect, items: list) -> None:
        """Two piles on the left and right, the items to sort between them as cards."""
        crowded = len(items) > 6
        rest = self._lead_and_rest(pptx_slide, slide, region, share=0.14 if crowded else 0.18)
        pile_w = rest.w * (12 if crowded else 14) // 100
        piles = list(slide.piles[:2]) or ["", ""]
        # The pile names as large as fits, in a heading as high as they need.
        size, heading_h = PILE_SIZES[-1], rest.h // 2
        longest = max((len(word) for name in piles for word in name.split()), default=1)
        for size in PILE_SIZES:
            # Bold glyphs are wider than the usual estimate; whole words wrap.
            per_line = max(1, int((Emu(pile_w).pt - 15) / (size * _BOLD_CHAR_WIDTH)))
            if longest > per_line and size != PILE_SIZES[-1]:
                continue  # a word would break in two
            lines = max(math.ceil(len(name) * 1.3 / per_line) for name in piles)
            heading_h = int(Pt(lines * size * _LINE_HEIGHT + size * _PARAGRAPH_GAP + 12))
            if heading_h <= rest.h // 2:
                break
        heading_h = max(heading_h, INCH * 3 // 4)
        for index, name in enumerate(piles):
            x = rest.x if index == 0 else rest.right - pile_w
            pile = _Rect(x, rest.y, pile_w, rest.h)
            self._card(pptx_slide, pile, index * 2, dashed=True)
            heading = _Rect(x, rest.y, pile_w, heading_h)
            self._mark(
                pptx_slide,
                heading,
                name,
                index * 2,
                shape=MSO_SHAPE.ROUNDED_RECTANGLE,
                sizes=(size,),
            )
        middle = _Rect(rest.x + pile_w + GAP, rest.y, rest.w - 2 * (pile_w + GAP), rest.h)
        if slide.picture and not slide.lead and not any(slide.bullet_pictures):
            side = min(INCH, middle.h // 5)
            self._picture(pptx_slide, slide.picture, _Rect(middle.x, middle.y, middle.w, side))
            middle = _Rect(middle.x, middle.y + side + GAP, middle.w, middle.h - side - GAP)
        columns = 1 if len(items) <= 4 else 2
        self._grid(pptx_slide, middle, items, columns)

    def _steps(self, pptx_slide: PptxSlide, slide: Slide, region: _Rect, items: list) -> None:
        """Numbered steps: a big number, the step's picture and its text per row."""
        if slide.picture and not slide.lead:
            side = min(region.h // 2, region.w // 5)
            self._picture(
                pptx_slide, slide.picture, _Rect(region.right - side, region.y, side, side)
            )
            region = _Rect(region.x, region.y, region.w - side - GAP, region.h)
        rest = self._lead_and_rest(pptx_slide, slide, region, share=0.18)
        self._rows(pptx_slide, rest, items, numbered=True)

    def _picture_slide(
        self, pptx_slide: PptxSlide, slide: Slide, region: _Rect, items: list
    ) -> None:
        """One large picture to talk about, with a short caption beside it."""
        side = min(region.h, region.w * 45 // 100)
        if slide.picture:
            self._picture(
                pptx_slide,
                slide.picture,
                _Rect(region.x, region.y + (region.h - side) // 2, side, side),
            )
        x = region.x + side + GAP * 2
        text_h = region.h * 3 // 5 if items else region.h
        self._text(
            pptx_slide,
            _Rect(x, region.y, region.right - x, text_h),
            [slide.lead],
            CAPTION_SIZES,
            bold=True,
            anchor=MSO_ANCHOR.MIDDLE,
        )
        if items:
            top = region.y + text_h + GAP
            self._rows(pptx_slide, _Rect(x, top, region.right - x, region.bottom - top), items)

    def _help(self, pptx_slide: PptxSlide, slide: Slide, region: _Rect, items: list) -> None:
        """Where to go for help: each place on its own card, a telephone before a number."""
        rest = self._lead_and_rest(pptx_slide, slide, region)
        self._rows(pptx_slide, rest, items, cards=True, links=slide.links)

    # --- shapes ---

    def _rows(
        self,
        pptx_slide: PptxSlide,
        rect: _Rect,
        items: Sequence[tuple[str, Picture | None]],
        *,
        numbered: bool = False,
        cards: bool = False,
        links: Sequence[Link] = (),
    ) -> None:
        if not items:
            return
        count = len(items)
        gap = GAP if count < 6 else GAP // 2
        row_h = min((rect.h - gap * (count - 1)) // count, INCH * 3 // 2)
        has_pictures = any(picture for _text, picture in items)
        mark = min(row_h, INCH) if numbered else 0
        icon = min(row_h, INCH * 5 // 4) if has_pictures else 0
        pad = GAP // 2 if cards else 0
        text_x = rect.x + pad + (mark + GAP if mark else 0) + (icon + GAP if icon else 0)
        text_rect = _Rect(text_x, 0, rect.right - pad - text_x, row_h)
        size = min(_fit(text_rect.box(), [text], ROW_SIZES) for text, _p in items)
        for index, (text, picture) in enumerate(items):
            y = rect.y + index * (row_h + gap)
            if cards:
                self._card(pptx_slide, _Rect(rect.x, y, rect.w, row_h), 0 if index else 1)
            x = rect.x + pad
            if mark:
                self._mark(
                    pptx_slide, _Rect(x, y + (row_h - mark) // 2, mark, mark), str(index + 1), 0
                )
                x += mark + GAP
            if icon:
                if picture:
                    self._picture(
                        pptx_slide, picture, _Rect(x, y + (row_h - icon) // 2, icon, icon), ICON_PX
                    )
                x += icon + GAP
            self._text(
                pptx_slide,
                _Rect(text_x, y, text_rect.w, row_h),
                [text],
                (size,),
                anchor=MSO_ANCHOR.MIDDLE,
                links=links,
                bold=cards and index > 0,
            )

    def _grid(
        self,
        pptx_slide: PptxSlide,
        rect: _Rect,
        items: Sequence[tuple[str, Picture | None]],
        columns: int,
    ) -> None:
        """Items as cards in a grid, each with its picture and its text."""
        rows = math.ceil(len(items) / columns)
        card_w = (rect.w - GAP * (columns - 1)) // columns
        card_h = min((rect.h - GAP * (rows - 1)) // rows, INCH * 3 // 2)
        pad = GAP // 2
        icon = min(card_h - 2 * pad, INCH * 3 // 4, card_w // 4) if any(p for _t, p in items) else 0
        texts = []
        for index, (text, picture) in enumerate(items):
            column, row = index % columns, index // columns
            card = _Rect(
                rect.x + column * (card_w + GAP), rect.y + row * (card_h + GAP), card_w, card_h
            )
            self._card(pptx_slide, card, None)
            x = card.x + pad
            if icon:
                if picture:
                    self._icon_in(pptx_slide, card, x, icon, picture)
                x += icon + pad
            texts.append((_Rect(x, card.y + pad, card.right - pad - x, card.h - 2 * pad), text))
        self._texts_alike(pptx_slide, texts, CARD_SIZES)

    def _icon_in(
        self, pptx_slide: PptxSlide, card: _Rect, x: int, side: int, picture: Picture
    ) -> None:
        """A card's picture at `x`, `side` wide, centred top to bottom."""
        self._picture(
            pptx_slide, picture, _Rect(x, card.y + (card.h - side) // 2, side, side), ICON_PX
        )

    def _texts_alike(
        self, pptx_slide: PptxSlide, texts: Sequence[tuple[_Rect, str]], sizes: Sequence[int]
    ) -> None:
        """Texts in their boxes, all at the largest size at which every one of them fits."""
        size = min(_fit(rect.box(), [text], sizes) for rect, text in texts)
        for rect, text in texts:
            self._text(pptx_slide, rect, [text], (size,), anchor=MSO_ANCHOR.MIDDLE)

    def _fill(self, fill, index: int | None, light: bool = False) -> None:
        if index is None:
            if self.styled:
                fill.solid()
                fill.fore_color.rgb = CARD_FILL
            else:
                fill.background()
            return
        fill.solid()
        if self.styled:
            fill.fore_color.rgb = CARD_FILL if light else OPTION_COLOURS[index % 4]
        elif light:
            fill.background()
        else:
            fill.fore_color.theme_color = OPTION_THEME_COLOURS[index % 4]

    def _line(self, line, index: int | None, dashed: bool = False) -> None:
        line.width = Pt(3)
        if index is None:
            if self.styled:
                line.color.rgb = SUBTLE
            else:
                line.color.theme_color = MSO_THEME_COLOR.TEXT_1
                line.width = Pt(1)
        elif self.styled:
            line.color.rgb = OPTION_COLOURS[index % 4]
        else:
            line.color.theme_color = OPTION_THEME_COLOURS[index % 4]
        if dashed:
            line.dash_style = MSO_LINE.DASH

    def _card(
        self, pptx_slide: PptxSlide, rect: _Rect, index: int | None, *, dashed: bool = False
    ) -> None:
        shape = pptx_slide.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE, rect.x, rect.y, rect.w, rect.h
        )
        shape.adjustments[0] = 0.08
        self._fill(shape.fill, index, light=True)
        self._line(shape.line, index, dashed)
        shape.shadow.inherit = False

    def _mark(
        self,
        pptx_slide: PptxSlide,
        rect: _Rect,
        text: str,
        index: int,
        *,
        shape: MSO_SHAPE = MSO_SHAPE.OVAL,
        sizes: Sequence[int] = MARK_SIZES,
    ) -> None:
        """A letter, number or pile name in white on its own colour."""
        mark = pptx_slide.shapes.add_shape(shape, rect.x, rect.y, rect.w, rect.h)
        self._fill(mark.fill, index)
        mark.line.fill.background()
        mark.shadow.inherit = False
        frame = mark.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        self._runs(
            frame,
            [text],
            _fit(rect.box(), [text], sizes),
            WHITE,
            bold=True,
            align=PP_ALIGN.CENTER,
        )

    def _picture(
        self, pptx_slide: PptxSlide, picture: Picture, rect: _Rect, px: int = LARGE_PX
    ) -> None:
        try:
            path = pictures.png_path(picture.slug, px, self.picture_dir)
        except pictures.UnknownPictureError:  # the catalogue check keeps these out of content
            return
        side = min(rect.w, rect.h)
        shape = pptx_slide.shapes.add_picture(
            str(path), rect.x + (rect.w - side) // 2, rect.y + (rect.h - side) // 2, side, side
        )
        shape._element.nvPicPr.cNvPr.set("descr", picture.alt)

    def _text(
        self,
        pptx_slide: PptxSlide,
        rect: _Rect,
        lines: Sequence[str],
        sizes: Sequence[int],
        *,
        bold: bool = False,
        align: PP_ALIGN | None = None,
        anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
        links: Sequence[Link] = (),
    ) -> None:
        box = pptx_slide.shapes.add_textbox(rect.x, rect.y, rect.w, rect.h)
        frame = box.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = anchor
        size = _fit(rect.box(), ["\n".join(lines)], sizes) if len(sizes) > 1 else sizes[0]
        while len(lines) > 1 and size > sizes[-1] and not rect.box().holds(lines, size):
            size = next((s for s in sizes if s < size), sizes[-1])
        self._runs(
            frame, lines, size, TEXT if self.styled else None, bold=bold, align=align, links=links
        )

    def _credit(self, pptx_slide: PptxSlide, credit: str) -> None:
        """The pictures' licence in small print along the bottom of the last slide."""
        height = Pt(CREDIT_SIZE * 3)
        margin = self.prs.slide_width // 24
        box = pptx_slide.shapes.add_textbox(
            margin,
            self.prs.slide_height - height,
            self.prs.slide_width - 2 * margin,
            height,
        )
        box.text_frame.word_wrap = True
        colour = TEXT if self.styled else None
        self._runs(box.text_frame, [credit], CREDIT_SIZE, colour, align=PP_ALIGN.RIGHT)

    def _notes(self, pptx_slide: PptxSlide, notes: str) -> None:
        if notes:
            frame = pptx_slide.notes_slide.notes_text_frame
            self._runs(frame, notes.split("\n"), 12, None, plain=True)

    def _title_shape(self, pptx_slide: PptxSlide):
        shape = _placeholder(pptx_slide, _TITLE_TYPES)
        if shape is not None:
            return shape
        margin = Emu(self.prs.slide_width // 24)
        return pptx_slide.shapes.add_textbox(
            margin, margin, self.prs.slide_width - 2 * margin, Emu(self.prs.slide_height // 6)
        )

    def _textbox_below(self, pptx_slide: PptxSlide, title_shape):
        top = title_shape.top + title_shape.height
        margin = Emu(self.prs.slide_width // 24)
        return pptx_slide.shapes.add_textbox(
            margin, top, self.prs.slide_width - 2 * margin, self.prs.slide_height - top - margin
        )

    def _write(
        self,
        frame: TextFrame,
        lines: Sequence[str],
        size: int,
        colour: RGBColor | None,
        *,
        bold: bool = False,
        links: Sequence[Link] = (),
    ) -> None:
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        self._runs(frame, lines, size, colour, bold=bold, links=links)

    def _runs(
        self,
        frame: TextFrame,
        lines: Sequence[str],
        size: int,
        colour: RGBColor | None,
        *,
        bold: bool = False,
        align: PP_ALIGN | None = None,
        links: Sequence[Link] = (),
        plain: bool = False,
    ) -> None:
        """The lines as paragraphs of runs, each run tagged with the deck's language."""
        for index, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            if align is not None:
                paragraph.alignment = align
            for text, url in _segments(line, links):
                run = paragraph.add_run()
                run.text = text
                run.font.language_id = self.language
                if plain:
                    continue
                run.font.size = Pt(size)
                if bold:
                    run.font.bold = True
                if url:
                    run.hyperlink.address = url
                    run.font.underline = True
                if colour is not None:
                    run.font.color.rgb = ACCENT if url and colour == TEXT else colour


def _placeholder(pptx_slide: PptxSlide, types: Sequence[PP_PLACEHOLDER]):
    for shape in pptx_slide.placeholders:
        if shape.placeholder_format.type in types:
            return shape
    return None


def _bullets_with_links(slide: Slide) -> list[str]:
    """The slide's text under the title and its bullets, plus one bullet per link whose text
    no bullet contains. (Until the layouts are drawn, the lead text is the first line.)"""
    shown = [*([slide.lead] if slide.lead else []), *slide.bullets]
    loose = [
        link.text
        for link in slide.links
        if link.text and not any(link.text in line for line in shown)
    ]
    return [*shown, *dict.fromkeys(loose)]


def _segments(text: str, links: Sequence[Link]) -> Iterator[tuple[str, str | None]]:
    """Split a line into runs: plain text, and the text of each link with its address."""
    found: list[tuple[int, int, str]] = []
    for link in links:
        if not link.text or not link.url:
            continue
        start = text.find(link.text)
        end = start + len(link.text)
        if start >= 0 and not any(s < end and start < e for s, e, _url in found):
            found.append((start, end, link.url))
    position = 0
    for start, end, url in sorted(found):
        if start > position:
            yield text[position:start], None
        yield text[start:end], url
        position = end
    if position < len(text) or not found:
        yield text[position:], None
