"""Printable pages on paper: chromium prints them to A4 PDFs, and each PDF page is read back.

Cards come on as many sheets as the page says, a worksheet and a role-play script on one
sheet, no page is empty, cut lines are dashed borders (they print without background
graphics), tick boxes are characters that reach the PDF, and the back link and print button
stay off the paper.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from planner.catalogue.content import check_tree, parse_file
from planner.catalogue.variants import variant
from planner.web.printables import card_sheets
from tests.browser.conftest import DEMO_PASSWORD, ROOT

LESSONS = ROOT / "lessons"


def _printable(slug: str, kind: str):
    """The first printable of this kind in a curated lesson (NL), and its number."""
    item, errors = parse_file(LESSONS / "lesson" / f"{slug}.md", LESSONS)
    assert item is not None, errors
    pages = variant(item, "NL").printables
    number, printable = next((n, p) for n, p in enumerate(pages, 1) if p.kind == kind)
    return number, printable


def _pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of a PDF."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    count = int(
        next(line.split()[1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    )
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]


@pytest.fixture
def poppler() -> None:
    if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        if os.environ.get("CI"):
            pytest.fail("poppler-utils (pdftotext, pdfinfo) is not installed")
        pytest.skip("poppler-utils (pdftotext, pdfinfo) is not installed")


def _log_in(page, server: str, email: str) -> None:
    page.goto(server + "/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.locator("form.form").get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/inloggen" not in url)


@pytest.mark.usefixtures("poppler")
def test_cards_worksheet_and_script_print_on_a4(
    page, demo_server: str, tmp_path: Path, assert_accessible
) -> None:
    _log_in(page, demo_server, "leerkracht@deregenboog.example")

    def print_pdf(slug: str, number: int, name: str) -> list[str]:
        page.goto(f"{demo_server}/catalogus/{slug}/afdrukken/{number}")
        # Every picture arrived (they are inline SVG, drawn before printing).
        assert page.evaluate(
            "Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"
        )
        pdf = tmp_path / f"{name}.pdf"
        page.pdf(path=str(pdf), format="A4")
        texts = _pdf_pages(pdf)
        for number_, text in enumerate(texts, start=1):
            assert text.strip(), f"{name}: page {number_} of {len(texts)} is empty"
            assert "De Regenboog" in text  # the header on every sheet
            # The back link and the print button do not print, nor the teacher's notes.
            assert not re.search(r"^\s*(Terug|Afdrukken|Terug\s+Afdrukken)\s*$", text, re.M)
            assert "wordt niet afgedrukt" not in text
        return texts

    # A kleuter's picture cards: one sheet per 12, dashed cut lines, every card on paper.
    number, cards = _printable("robotje-spelen-groep-1", "cards")
    texts = print_pdf("robotje-spelen-groep-1", number, "kleuter-cards")
    assert len(texts) == len(card_sheets(cards))
    for text in texts:
        assert "Knip langs de stippellijnen." in text
    printed = set(" ".join(texts).split())
    for card in cards.items:
        assert set(card.text.split()) <= printed, card.text
    page.emulate_media(media="print")
    styles = page.evaluate(
        """() => Array.from(document.querySelectorAll('.pr-card')).map(card => {
            const s = getComputedStyle(card);
            return [s.borderRightStyle, s.borderBottomStyle, s.backgroundImage];
        })"""
    )
    assert styles
    assert all(style == ["dashed", "dashed", "none"] for style in styles), styles
    assert page.evaluate("getComputedStyle(document.querySelector('.pr-bar')).display") == "none"
    assert_accessible(page)

    # Twelve text cards: two sheets of cards, each with its own cut note and header.
    number, many = _printable("groepsdruk-groepsapp-groep-7-8", "cards")
    texts = print_pdf("groepsdruk-groepsapp-groep-7-8", number, "text-cards")
    assert len(card_sheets(many)) == 2
    assert len(texts) == 2
    assert "Vel 1 van 2" in texts[0]
    assert "Vel 2 van 2" in texts[1]

    # A worksheet: one sheet, a printed tick box for every item to tick.
    number, worksheet = _printable("klik-niet-zomaar-groep-3", "worksheet")
    texts = print_pdf("klik-niet-zomaar-groep-3", number, "worksheet")
    assert len(texts) == 1
    ticks = sum(1 for item in worksheet.items if item.tick)
    assert ticks >= 4
    assert texts[0].count("☐") == ticks
    assert worksheet.title in texts[0]
    assert_accessible(page)

    # A role-play script: one sheet, every role and line readable.
    number, script = _printable("ruzie-in-de-app-groep-6", "script")
    texts = print_pdf("ruzie-in-de-app-groep-6", number, "script")
    assert len(texts) == 1
    assert "Rollen:" in texts[0]
    printed = set(texts[0].split())
    for line in script.items:
        assert set(f"{line.role} {line.text}".split()) <= printed, line.text


@pytest.mark.slow
@pytest.mark.usefixtures("poppler")
@pytest.mark.parametrize(
    ("country", "email"),
    [("NL", "leerkracht@deregenboog.example"), ("BE", "leerkracht@devlinder.example")],
)
def test_every_curated_printable_fills_its_a4_pages(
    page, demo_server: str, tmp_path: Path, country: str, email: str
) -> None:
    """Cards on as many sheets as they are cut into, every other page on one sheet, and no
    page of any of them empty."""
    _log_in(page, demo_server, email)
    items, errors = check_tree(LESSONS / "lesson")
    assert errors == []
    wrong = []
    for item in items:
        if country not in [c.value for c in item.content.country]:
            continue
        for number, printable in enumerate(variant(item, country).printables, start=1):
            page.goto(f"{demo_server}/catalogus/{item.slug}/afdrukken/{number}")
            pdf = tmp_path / "page.pdf"
            page.pdf(path=str(pdf), format="A4")
            texts = _pdf_pages(pdf)
            expected = len(card_sheets(printable)) if printable.kind == "cards" else 1
            if len(texts) != expected or not all(text.strip() for text in texts):
                wrong.append((item.slug, number, len(texts), expected))
    assert wrong == []
