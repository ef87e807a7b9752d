"""Export speed and memory: a 30-slide deck, workbooks, a lesson deck's download.

- a 30-slide deck (slides of the curated lessons) rendered in-process, next to pandoc turning
  the same slides as Markdown into a .pptx (the reference; pandoc is a separate process);
- a school workbook of 24 classes;
- a board workbook of 1,000 classes in write-only mode, with its peak memory (tracemalloc),
  next to openpyxl's write-only mode writing the same cells directly, without any styling.

- a lesson's deck downloaded from the app, next to the bare Flask page's request.

Times are the best of a few runs in CPU seconds of this process. Prints figures and ratios;
asserts nothing.

    .venv/bin/python bench/export_bench.py
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REPEAT = 5
THEMES = ("Online gedrag", "Cyberpesten", "Privacy", "Groepsdruk", "Mediabalans")
GRADE_SETS = ((1, 2), (3,), (4,), (5,), (6,), (7, 8), (7,), (8,), (3, 4), (5, 6))


def best_of(work: Callable[[], object], repeat: int = REPEAT) -> float:
    """The fastest of a few runs, in seconds of this process's CPU time: the least disturbed
    by other work on the machine (everything measured here runs in this one thread)."""
    times = []
    for _run in range(repeat):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return min(times)


def peak_memory(work: Callable[[], object]) -> tuple[float, int]:
    """Seconds and the peak of Python allocations (bytes) of one run."""
    tracemalloc.start()
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return seconds, peak


# --- decks --------------------------------------------------------------------------------


def thirty_slides():
    """Thirty slides from the curated lessons, as the deck description holds them."""
    from planner.catalogue.content import Slide, parse_file, parse_slides

    slides = [
        Slide("Mediawijsheid in groep 7/8", ("Groep 7/8", "dinsdag"), "Welkom.", role="title")
    ]
    for path in sorted((ROOT / "lessons" / "lesson").glob("*.md")):
        item, _errors = parse_file(path)
        if item is not None:
            slides.extend(parse_slides(item.body))
        if len(slides) >= 30:
            break
    return slides[:30]


def as_markdown(slides, picture_dir: Path) -> str:
    """The same slides for pandoc: a level-2 heading per slide, its picture and the bullets'
    pictures (the same cached PNGs), speaker notes in a notes div."""
    from planner.catalogue import pictures

    def image(picture, px: int) -> str:
        return f"![{picture.alt}]({pictures.png_path(picture.slug, px, picture_dir)})"

    parts = [f"---\ntitle: {slides[0].title}\n---\n"]
    for slide in slides[1:]:
        parts.append(f"## {slide.title}\n")
        if slide.picture:
            parts.append(image(slide.picture, 512) + "\n")
        if slide.lead:
            parts.append(slide.lead + "\n")
        parts.extend(
            f"- {image(picture, 256) + ' ' if picture else ''}{bullet}"
            for bullet, picture in slide.bullet_items()
        )
        if slide.notes:
            parts.append(f"\n::: notes\n{slide.notes}\n:::\n")
        parts.append("")
    return "\n".join(parts)


def bench_decks() -> None:
    from planner.exports.deck import Deck
    from planner.exports.pptx import PptxOptions, render_deck

    slides = thirty_slides()
    deck = Deck(slides[0].title, tuple(slides), "nl")
    count = sum(len(slide.pictures()) for slide in slides)
    cache = Path(tempfile.mkdtemp(prefix="bench-pictures-"))
    options = PptxOptions(picture_dir=cache)
    started = time.perf_counter()
    render_deck(deck, options)  # the first deck rasterises its pictures into the cache
    cold = time.perf_counter() - started
    ours = best_of(lambda: render_deck(deck, options))
    print(f"{'30-slide deck, ' + str(count) + ' pictures, first time (rasterising)':58}", end="")
    print(f"{cold * 1000:>10.1f} ms")
    print(f"{'30-slide deck with pictures, in-process (python-pptx)':58}{ours * 1000:>10.1f} ms")
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print("pandoc is not installed: the reference is skipped (Debian package: pandoc,")
        print("  e.g. apt-get install -y pandoc)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "deck.md"
        source.write_text(as_markdown(slides, cache), encoding="utf-8")
        target = Path(tmp) / "deck.pptx"

        def run_pandoc() -> None:
            subprocess.run([pandoc, str(source), "-o", str(target)], check=True)

        reference = best_of(run_pandoc)
    version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout
    print(
        f"{'the same slides from Markdown, ' + version.split()[0] + ' ' + version.split()[1]:58}"
        f"{reference * 1000:>10.1f} ms"
    )
    print(f"{'ratio in-process / pandoc (target: at most 0.5)':58}{ours / reference:>10.2f} x")
    shutil.rmtree(cache, ignore_errors=True)


# --- workbooks ----------------------------------------------------------------------------


def board(classes: int) -> Iterator:
    """Classes with a year of twelve activities each, made one at a time."""
    from planner.exports.workbook import ClassPlan, GuestRow, PlanRow

    start = date(2026, 9, 1)
    for number in range(classes):
        name = f"Groep {number % 8 + 1} - {number // 8 + 1}"
        rows = []
        for n in range(12):
            day = start + timedelta(weeks=3 * n, days=number % 3)
            rows.append(
                PlanRow(
                    day,
                    day.isocalendar().week,
                    "dinsdag",
                    f"Les {n + 1}: samen online, ook als het spannend wordt",
                    "Les",
                    ", ".join(THEMES[n % 5 : n % 5 + 2]),
                    45,
                    "Gepland",
                    "=afgesproken met de klas" if n == 3 else "",
                )
            )
        guests = (GuestRow(rows[5].day, name, "Gastles cyberpesten", "Bureau", "Aangevraagd"),)
        yield ClassPlan(
            name, GRADE_SETS[number % len(GRADE_SETS)], tuple(rows), {"privacy": 2}, guests
        )


def ours(classes: int, labels) -> bytes:
    from planner.exports.workbook import render_workbook, school_workbook_sheets

    return render_workbook(school_workbook_sheets(board(classes), labels))


def plain_openpyxl(classes: int, labels) -> bytes:
    """The same cells with openpyxl's write-only mode and nothing else: no styles, tables,
    drop-downs or print settings. The floor for what streaming can cost."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    overview = workbook.create_sheet(labels.overview)
    overview_rows = []
    guests = []
    for school_class in board(classes):
        sheet = workbook.create_sheet(school_class.name)
        sheet.append(labels.plan_header)
        by_week: dict[int, list[str]] = {}
        for row in school_class.rows:
            sheet.append(
                (
                    row.day,
                    row.week,
                    row.weekday,
                    row.activity,
                    row.kind,
                    row.themes,
                    row.duration,
                    row.status,
                    row.note,
                )
            )
            by_week.setdefault(row.week, []).append(row.activity)
        overview_rows.append((school_class.name, by_week))
        guests.extend(school_class.guests)
    weeks = sorted({week for _name, by_week in overview_rows for week in by_week})
    overview.append((labels.class_, *weeks))
    for name, by_week in overview_rows:
        overview.append((name, *("\n".join(by_week.get(w, ())) for w in weeks)))
    coverage = workbook.create_sheet("coverage")
    coverage.append((labels.grade, *(label for _t, label in labels.theme_names)))
    for grade in range(1, 9):
        coverage.append((str(grade), *(0 for _t in labels.theme_names)))
    guest_sheet = workbook.create_sheet(labels.guest_sessions)
    for guest in guests:
        guest_sheet.append((guest.day, guest.class_name, guest.activity, guest.provider))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def bench_workbooks() -> None:
    from planner.exports.rows import workbook_labels

    labels = workbook_labels("nl", "NL")
    school = best_of(lambda: ours(24, labels))
    print(f"{'school workbook, 24 classes':58}{school * 1000:>10.1f} ms")

    seconds = best_of(lambda: ours(1000, labels), repeat=2)
    direct = best_of(lambda: plain_openpyxl(1000, labels), repeat=2)
    _traced, peak = peak_memory(lambda: ours(1000, labels))
    _traced, direct_peak = peak_memory(lambda: plain_openpyxl(1000, labels))
    size = len(ours(1000, labels))
    mb = 1024 * 1024
    print(
        f"{'board workbook, 1,000 classes, write-only (ours)':58}{seconds:>10.2f} s"
        f"{peak / mb:>10.1f} MB peak"
    )
    print(
        f"{'the same cells, openpyxl write-only, no styling':58}{direct:>10.2f} s"
        f"{direct_peak / mb:>10.1f} MB peak"
    )
    print(
        f"{'ratio ours / plain openpyxl':58}{seconds / direct:>10.2f} x"
        f"{peak / direct_peak:>10.2f} x"
    )
    print(f"{'size of the board workbook':58}{size / mb:>10.1f} MB")
    # Memory should hardly grow with the board: only the overview's few words per class and
    # the finished file itself are kept, not the classes' sheets.
    peaks = {n: peak_memory(lambda n=n: ours(n, labels))[1] for n in (250, 500)} | {1000: peak}
    print(
        f"{'peak memory, 250 / 500 / 1,000 classes (ours)':58}"
        + " / ".join(f"{value / mb:.1f}" for value in peaks.values())
        + " MB"
    )


def bench_deck_download(app) -> None:
    """A lesson's deck downloaded from the app, next to the bare page's request (both through
    Flask's test client, in this process)."""
    from bench.bare_app import app as bare_app

    with app.app_context():
        from planner.catalogue.models import CatalogueItem
        from planner.extensions import db

        slug = db.session.scalar(
            db.select(CatalogueItem.slug)
            .where(CatalogueItem.kind == "lesson")
            .order_by(CatalogueItem.slug)
        )
    client, bare = app.test_client(), bare_app.test_client()
    path = f"/catalogus/{slug}/dia.pptx"

    def download() -> None:
        response = client.get(path, headers={"Accept-Language": "nl"})
        assert response.status_code == 200, response.status_code

    download()
    deck = best_of(download)
    page = best_of(lambda: bare.get("/"), repeat=50)
    print(f"{'lesson deck download (' + slug + ')':58}{deck * 1000:>10.1f} ms")
    print(f"{'bare Flask page, 50 rows':58}{page * 1000:>10.1f} ms")
    print(f"{'ratio deck download / bare page':58}{deck / page:>10.1f} x")


def main() -> None:
    from planner import create_app

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(tmp) / 'bench.sqlite3'}",
                "SECRET_KEY": "bench",
            }
        )
        with app.app_context():
            from flask_migrate import upgrade

            from planner.catalogue.operations import sync_catalogue
            from planner.extensions import db

            upgrade()
            sync_catalogue(ROOT / "lessons")
            db.session.commit()
            bench_decks()
            print()
            bench_workbooks()
        print()
        bench_deck_download(app)


if __name__ == "__main__":
    main()
