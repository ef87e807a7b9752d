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
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import gettext as _
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide as PptxSlide
from pptx.slide import SlideLayout
from pptx.text.text import TextFrame
from pptx.util import Emu, Pt

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

TITLE_LAYOUT_NAMES = ("title slide", "titeldia")
CONTENT_LAYOUT_NAMES = ("title and content", "titel en object", "titel en inhoud")

_LANGUAGES = {
    "nl": MSO_LANGUAGE_ID.DUTCH,
    "nl_BE": MSO_LANGUAGE_ID.BELGIAN_DUTCH,
    "en": MSO_LANGUAGE_ID.ENGLISH_UK,
}

_PRESENTATION_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
_TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.template"
_TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_BODY_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
# Conservative average glyph width (as a share of the font size) and line height.
_CHAR_WIDTH = 0.55
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
    """How to render: optionally in a school's own template (the bytes of a .pptx or .potx)."""

    template: bytes | None = None


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
    writer = _Writer(prs, layouts, styled, _LANGUAGES.get(deck.locale, MSO_LANGUAGE_ID.DUTCH))
    for slide, continued_title in zip(deck.slides, continued, strict=True):
        writer.add(slide, continued_title)
    prs.core_properties.title = deck.title
    prs.core_properties.language = deck.locale.replace("_", "-")
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


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
    indent = 30
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


class _Writer:
    def __init__(
        self, prs: PresentationType, layouts: _Layouts, styled: bool, language: MSO_LANGUAGE_ID
    ) -> None:
        self.prs = prs
        self.layouts = layouts
        self.styled = styled
        self.language = language

    def add(self, slide: Slide, continued_title: str) -> None:
        if slide.role in ("title", "section"):
            self._title_slide(slide)
            return
        bullets = _bullets_with_links(slide)
        layout = self.layouts.content
        most = (
            PROGRAMME_LINES if slide.role in ("programme", "agreements", "closing") else MAX_BULLETS
        )
        size, pages = (
            _pages(self._body_box(layout), bullets, most) if bullets else (PAGE_SIZE, [[]])
        )
        for number, page in enumerate(pages):
            title = slide.title if number == 0 else continued_title
            self._content_slide(layout, title, page, slide.links, size, slide.notes)

    def _body_box(self, layout: SlideLayout) -> _Box:
        for shape in layout.placeholders:
            if shape.placeholder_format.type in _BODY_TYPES:
                return _Box(shape.width, shape.height)
        return _Box(self.prs.slide_width * 11 // 12, self.prs.slide_height * 2 // 3)

    def _title_slide(self, slide: Slide) -> None:
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
        _set_notes(pptx_slide, slide.notes)

    def _content_slide(
        self,
        layout: SlideLayout,
        title: str,
        bullets: Sequence[str],
        links: Sequence[Link],
        size: int,
        notes: str,
    ) -> None:
        pptx_slide = self.prs.slides.add_slide(layout)
        title_shape = self._title_shape(pptx_slide)
        box = _Box(title_shape.width, title_shape.height)
        colour = ACCENT if self.styled else None
        self._write(title_shape.text_frame, [title], _title_size(box, title), colour, bold=True)
        body = _placeholder(pptx_slide, _BODY_TYPES)
        if body is None and bullets:
            body = self._textbox_below(pptx_slide, title_shape)
        if body is not None:
            self._write(
                body.text_frame, list(bullets), size, TEXT if self.styled else None, links=links
            )
        _set_notes(pptx_slide, notes)

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
        for index, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            for text, url in _segments(line, links):
                run = paragraph.add_run()
                run.text = text
                run.font.size = Pt(size)
                run.font.language_id = self.language
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


def _set_notes(pptx_slide: PptxSlide, notes: str) -> None:
    if notes:
        pptx_slide.notes_slide.notes_text_frame.text = notes


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
