"""Which characters stored text may hold."""

from __future__ import annotations

import unicodedata


def storable(ch: str) -> bool:
    """Line feeds, tabs and printable text; not other control characters (PostgreSQL refuses
    NUL) nor noncharacters such as U+FFFF (XML refuses both, so no slides or workbook)."""
    if ch in "\n\t":
        return True
    code = ord(ch)
    noncharacter = 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE
    return not noncharacter and unicodedata.category(ch) != "Cc"
