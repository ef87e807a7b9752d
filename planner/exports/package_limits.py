"""Opening an Office package (a .pptx or .potx) within limits, before python-pptx parses it.

A few hundred kilobytes of zip can hold millions of XML elements, and python-pptx parses every
XML part of a presentation each time a deck is made. Every XML part is therefore first streamed
through lxml (no DTD, no entities, no network, no huge trees), counting elements and stopping
at the first limit passed, so a hostile template costs a fraction of a second once and is
refused, instead of seconds for every deck.
"""

from __future__ import annotations

import zipfile

from lxml import etree

from planner.errors import DomainError

# A school's template, example slides included, holds some tens of thousands of elements.
MAX_XML_ELEMENTS = 200_000
MAX_XML_PART_BYTES = 8 * 1024 * 1024
MAX_PARTS = 2_000
XML_SUFFIXES = (".xml", ".rels", ".vml")


class PackageLimitError(DomainError):
    """The package is beyond a limit, or its XML cannot be read safely; `code` says which
    (planner/web/messages.py), `params` the part and the limit."""


def check_package(archive: zipfile.ZipFile) -> None:
    """Raise PackageLimitError unless every XML part is well-formed, without a DTD, and all of
    them together stay within the element limit."""
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise PackageLimitError("package.too_many_parts", n=MAX_PARTS)
    elements = 0
    for info in infos:
        if not info.filename.lower().endswith(XML_SUFFIXES):
            continue
        if info.file_size > MAX_XML_PART_BYTES:
            raise PackageLimitError(
                "package.part_too_large", part=info.filename, n=MAX_XML_PART_BYTES
            )
        elements = _count_elements(archive, info, elements)


def _count_elements(archive: zipfile.ZipFile, info: zipfile.ZipInfo, counted: int) -> int:
    """Add the part's elements to the count, stopping as soon as the limit is passed."""
    try:
        with archive.open(info) as stream:
            parts = etree.iterparse(
                stream,
                events=("end",),
                resolve_entities=False,
                load_dtd=False,
                no_network=True,
                huge_tree=False,
            )
            for _event, element in parts:
                counted += 1
                if counted > MAX_XML_ELEMENTS:
                    raise PackageLimitError("package.too_many_elements", n=MAX_XML_ELEMENTS)
                # Memory stays flat however long the part: drop what was counted.
                element.clear(keep_tail=True)
                while element.getprevious() is not None:
                    del element.getparent()[0]
            tree = parts.root.getroottree() if parts.root is not None else None
    except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError, RuntimeError):
        raise PackageLimitError("package.unreadable", part=info.filename) from None
    if tree is not None and tree.docinfo.doctype:
        raise PackageLimitError("package.doctype", part=info.filename)
    return counted
