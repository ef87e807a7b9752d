"""Reading an uploaded content file, or a zip of content files, in memory and within limits.

Nothing is extracted to disk. A zip's members are read one at a time in small chunks, counting
what really comes out rather than what the headers claim, and the whole upload is refused at
the first sign of trouble: a path that leaves the archive, a link, an archive inside the
archive, an encrypted or exotically compressed member, or more data than the limits allow.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass

from planner.catalogue.content import SourceFile
from planner.errors import DomainError

CHUNK_BYTES = 64 * 1024
# Tiny members may compress very well without being a bomb; the ratio counts above this size.
RATIO_FLOOR_BYTES = 64 * 1024
# Stored and deflated members only: zlib can be told how much to produce per call, the
# bzip2 and lzma decoders in zipfile cannot, so one chunk of those could expand unbounded.
COMPRESSIONS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
ARCHIVE_SUFFIXES = (".zip", ".jar", ".gz", ".tgz", ".tar", ".7z", ".rar", ".bz2", ".xz")
ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"BZh")
# Left behind by the Finder when a Mac user zips a folder; not content, so skipped.
MAC_JUNK = re.compile(r"(^|/)(__MACOSX/|\._|\.DS_Store$)")
_DRIVE = re.compile(r"^[A-Za-z]:")
MAX_PATH = 200  # an item keeps the path it came from (catalogue_item.source_path: 300)


@dataclass(frozen=True)
class UploadLimits:
    """How much an upload may hold; the application reads these from its configuration."""

    max_bytes: int = 2 * 1024 * 1024  # the uploaded file as sent
    max_file_bytes: int = 1024 * 1024  # one content file, unpacked
    max_entries: int = 200  # members of a zip, folders included
    max_total_bytes: int = 8 * 1024 * 1024  # every member of a zip together, unpacked
    max_ratio: int = 100  # unpacked size over packed size, per member


class UploadError(DomainError):
    """The upload cannot be read safely: `code` and `params` say why (planner/web/messages.py),
    `status` which HTTP status (413 too large, 415 the wrong kind of file, else 400)."""

    def __init__(self, code: str, status: int = 400, **params: object) -> None:
        super().__init__(code, **params)
        self.status = status  # type: ignore[misc]


def read_upload(filename: str, data: bytes, limits: UploadLimits) -> list[SourceFile]:
    """The content files in an upload: one .md file, or the .md files of a .zip."""
    name = re.split(r"[\\/]", filename)[-1].strip()
    if not data:
        raise UploadError("upload.empty")
    if len(data) > limits.max_bytes:
        raise UploadError("upload.too_large", 413, size=_size(limits.max_bytes))
    lowered = name.lower()
    if lowered.endswith(".md"):
        if len(data) > limits.max_file_bytes:
            raise UploadError("upload.too_large", 413, size=_size(limits.max_file_bytes))
        return [SourceFile(name, name[: -len(".md")], None, data)]
    if lowered.endswith(".zip"):
        return _read_zip(data, limits)
    raise UploadError("upload.wrong_kind", 415)


def _size(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit / (1024 * 1024):g} MB"
    return f"{limit / 1024:g} kB"


def _read_zip(data: bytes, limits: UploadLimits) -> list[SourceFile]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise UploadError("upload.not_a_zip") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_entries:
            raise UploadError("upload.too_many_files", 413, n=limits.max_entries)
        if sum(info.file_size for info in infos) > limits.max_total_bytes:
            raise _unpacked_too_large(limits)
        sources: list[SourceFile] = []
        seen: set[str] = set()
        unpacked = 0
        for info in infos:
            _check_member(info, seen, limits)
            if info.is_dir() or _skipped(info.filename):
                continue
            content = _read_member(archive, info, limits, unpacked)
            unpacked += len(content)
            if content.startswith(ARCHIVE_MAGIC):
                raise _nested(info.filename)
            parts = info.filename.split("/")
            folder = parts[-2] if len(parts) > 1 else ""
            sources.append(SourceFile(info.filename, parts[-1][: -len(".md")], folder, content))
    if not sources:
        raise UploadError("upload.no_content")
    return sources


def _unpacked_too_large(limits: UploadLimits) -> UploadError:
    return UploadError("upload.unpacked_too_large", 413, size=_size(limits.max_total_bytes))


def _nested(name: str) -> UploadError:
    return UploadError("upload.nested", name=_shown(name))


def _shown(name: str) -> str:
    """A member name as safe to show: printable, and not endless."""
    printable = "".join(ch if ch.isprintable() else "?" for ch in name)
    return printable if len(printable) <= 120 else printable[:117] + "..."


def _check_member(info: zipfile.ZipInfo, seen: set[str], limits: UploadLimits) -> None:
    """Refuse a member whose name, type, encryption or size could do harm."""
    name = info.filename
    shown = _shown(name)
    if _unsafe_name(info):
        raise UploadError("upload.unsafe_path", name=shown)
    mode = info.external_attr >> 16
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise UploadError("upload.special_file", name=shown)
    if len(name) > MAX_PATH:
        raise UploadError("upload.path_too_long", name=shown, n=MAX_PATH)
    if name in seen:
        raise UploadError("upload.twice", name=shown)
    seen.add(name)
    if info.is_dir() or _skipped(name):
        return
    if name.lower().endswith(ARCHIVE_SUFFIXES):
        raise _nested(name)
    if not name.lower().endswith(".md"):
        raise UploadError("upload.not_markdown", name=shown)
    if info.flag_bits & 0x1:
        raise UploadError("upload.encrypted", name=shown)
    if info.compress_type not in COMPRESSIONS:
        raise UploadError("upload.compression", name=shown)
    if info.file_size > limits.max_file_bytes:
        raise _member_too_large(name, limits)
    if _too_compressed(info.file_size, info.compress_size, limits):
        raise _bomb(name)


def _member_too_large(name: str, limits: UploadLimits) -> UploadError:
    return UploadError(
        "upload.member_too_large", 413, name=_shown(name), size=_size(limits.max_file_bytes)
    )


def _unsafe_name(info: zipfile.ZipInfo) -> bool:
    name = info.filename
    if "\x00" in info.orig_filename or "\\" in name or not name:
        return True
    if name.startswith("/") or _DRIVE.match(name):
        return True
    parts = name.rstrip("/").split("/")
    return any(part in ("", ".", "..") for part in parts)


def _skipped(name: str) -> bool:
    """Members that are not content: Finder leftovers and README files."""
    return bool(MAC_JUNK.search(name)) or name.rsplit("/", 1)[-1].lower() == "readme.md"


def _too_compressed(unpacked: int, packed: int, limits: UploadLimits) -> bool:
    return unpacked > RATIO_FLOOR_BYTES and unpacked > limits.max_ratio * max(packed, 1)


def _bomb(name: str) -> UploadError:
    return UploadError("upload.bomb", 413, name=_shown(name))


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: UploadLimits, unpacked: int
) -> bytes:
    """A member's bytes, read in chunks and stopped as soon as any limit is passed."""
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK_BYTES):
                size += len(chunk)
                if size > limits.max_file_bytes:
                    raise _member_too_large(info.filename, limits)
                if unpacked + size > limits.max_total_bytes:
                    raise _unpacked_too_large(limits)
                if _too_compressed(size, info.compress_size, limits):
                    raise _bomb(info.filename)
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        raise UploadError("upload.damaged_member", name=_shown(info.filename)) from None
    return b"".join(chunks)
