"""A school's slide template is opened within limits and refused when decks cannot use it."""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile
from collections.abc import Callable

import pytest
from pptx import Presentation
from sqlalchemy import select

from planner.exports.models import DeckTemplate
from planner.exports.pptx import PptxOptions, check_template, render_deck
from tests.conftest import english, post_file

EN = {"Accept-Language": "en"}
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"


@pytest.fixture(autouse=True)
def _english_by_choice(client) -> None:
    """These tests read the English messages: for staff the school's language beats the
    browser's, so the person chooses English with the switch (a cookie)."""
    english(client)


def default_template() -> bytes:
    out = io.BytesIO()
    Presentation().save(out)
    return out.getvalue()


def rewritten(data: bytes, changes: dict[str, Callable[[bytes], bytes]]) -> bytes:
    """The package with some parts changed (a part changed to b"" is left out)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            if info.filename in changes:
                content = changes[info.filename](content)
                if not content:
                    continue
            target.writestr(info.filename, content)
    return out.getvalue()


def million_elements(layout: bytes) -> bytes:
    """Three million empty elements inside the layout's extension list."""
    filler = b"<p:extLst>" + b"<a:x/>" * 3_000_000 + b"</p:extLst>"
    return layout.replace(b"</p:sldLayout>", filler + b"</p:sldLayout>")


def without_titles(part: bytes) -> bytes:
    return re.sub(rb'<p:ph type="(ctrTitle|title)"', rb'<p:ph type="body"', part)


def upload(client, data: bytes):
    return post_file(client, "/school/presentatiesjabloon", "template", data, "sjabloon.pptx", **EN)


def test_a_small_template_with_millions_of_elements_is_refused_quickly(db, school, login):
    bomb = rewritten(default_template(), {LAYOUT: million_elements})
    assert len(bomb) < 200 * 1024
    client = login(school, "coordinator")
    tracemalloc.start()
    try:
        response = upload(client, bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert response.status_code == 400
    assert "far more complex than a template needs to be" in response.get_data(as_text=True)
    assert peak < 100 * 1024 * 1024  # python-pptx would have built all three million
    assert db.session.scalar(select(DeckTemplate)) is None


def test_a_template_without_a_layout_with_a_title_is_refused(db, school, login):
    layouts = {f"ppt/slideLayouts/slideLayout{n}.xml": without_titles for n in range(1, 12)}
    response = upload(login(school, "coordinator"), rewritten(default_template(), layouts))
    assert response.status_code == 400
    assert "no layout with a title that decks can use" in response.get_data(as_text=True)
    assert db.session.scalar(select(DeckTemplate)) is None


def test_a_template_with_a_broken_layout_is_refused(db, school, login):
    def broken(layout: bytes) -> bytes:
        return layout.replace(b'idx="1"', b'idx="een"')

    response = upload(login(school, "coordinator"), rewritten(default_template(), {LAYOUT: broken}))
    assert response.status_code == 400
    assert "one of its layouts is damaged" in response.get_data(as_text=True)
    assert db.session.scalar(select(DeckTemplate)) is None


def test_a_template_with_a_document_type_is_refused(app):
    def with_doctype(layout: bytes) -> bytes:
        declaration = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
        return layout.replace(b"?>", b"?>" + declaration, 1)

    with pytest.raises(ValueError, match="document type"):
        check_template(rewritten(default_template(), {LAYOUT: with_doctype}))


def test_a_stored_template_that_fails_the_checks_gives_the_apps_own_design(app):
    from planner.catalogue.content import Slide
    from planner.exports.deck import Deck

    deck = Deck("Les", (Slide("Les", role="title"), Slide("Inhoud", ("Een",))), "nl")
    bomb = rewritten(default_template(), {LAYOUT: million_elements})
    prs = Presentation(io.BytesIO(render_deck(deck, PptxOptions(template=bomb))))
    assert prs.slide_width == 12192000  # the app's own 16:9, not the template's 4:3
    assert len(prs.slides) == 2
