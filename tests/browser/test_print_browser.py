"""Every print view on A4 paper: the school and year on top, no empty pages, ticked boxes that
print without background graphics, each class on a page of its own."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import DEMO_PASSWORD

SCHOOL_AND_YEAR = "De Regenboog · Schooljaar 2026-2027"


def pdf_pages(page, url: str, path: Path) -> list[str]:
    """The page at url printed to an A4 PDF (backgrounds left out, as browsers print by
    default); the text of each printed page."""
    page.goto(url)
    page.pdf(path=str(path), format="A4", print_background=False)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    count = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
    return [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]


@pytest.fixture
def coordinator(page, demo_server: str):
    page.goto(demo_server + "/inloggen")
    page.get_by_label("E-mailadres").fill("coordinator@deregenboog.example")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.locator("form.form").get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/$"))
    return page


def _first_id(page, url: str, pattern: str) -> str:
    page.goto(url)
    return re.search(pattern, page.content()).group(1)


def test_every_print_view_fills_its_a4_pages(coordinator, demo_server: str, tmp_path) -> None:
    page = coordinator
    class_id = _first_id(page, demo_server + "/jaarplan/", r'href="/jaarplan/klas/(\d+)"')
    evening_id = _first_id(page, demo_server + "/ouderavonden/", r'href="/ouderavonden/(\d+)"')
    views = {
        "class plan": f"/jaarplan/klas/{class_id}/afdrukken",
        "school overview": "/jaarplan/overzicht/afdrukken",
        "all class plans": "/jaarplan/afdrukken",
        "invitation": f"/ouderavonden/{evening_id}/uitnodiging/afdrukken",
        "handout": f"/ouderavonden/{evening_id}/handout",
        "policy check": "/school/beleid/afdrukken",
        "policy handout": "/school/beleid/handout",
        "protocol": "/catalogus/schoolprotocol-cyberpesten",
    }
    printed = {}
    for name, path in views.items():
        pages = pdf_pages(page, demo_server + path, tmp_path / f"{name}.pdf")
        printed[name] = pages
        assert pages, name
        assert all(text.strip() for text in pages), f"{name}: an empty page"
        assert SCHOOL_AND_YEAR in pages[0], name
    assert len(printed["school overview"]) <= 3
    # Done entries print as ticked: the ✓ is text, not a background colour.
    assert "✓" in "".join(printed["class plan"])
    # Each class starts on a page of its own, with the school and year on top.
    classes = printed["all class plans"]
    starts = [text for text in classes if "Jaarplan " in text and "· 2026-2027" in text]
    assert len(starts) == 6
    assert all(SCHOOL_AND_YEAR in text for text in starts)
    assert all(text.count("Jaarplan Groep") <= 1 for text in classes)
    # A help line's name never runs into its description.
    handout = "".join(printed["handout"])
    assert "Veilig Thuis\n" in handout
    assert "Veilig ThuisAdvies" not in handout


def test_the_plans_print_view_has_a_way_back_and_a_print_button(
    coordinator, demo_server: str
) -> None:
    page = coordinator
    class_id = _first_id(page, demo_server + "/jaarplan/", r'href="/jaarplan/klas/(\d+)"')
    page.goto(f"{demo_server}/jaarplan/klas/{class_id}/afdrukken")
    assert page.get_by_role("button", name="Afdrukken").is_visible()
    page.get_by_role("link", name="Terug").click()
    page.wait_for_url(re.compile(rf"/jaarplan/klas/{class_id}$"))
