"""How URLs turn into view arguments."""

from __future__ import annotations

from werkzeug.routing import IntegerConverter, Map

# Ids are INTEGER columns: PostgreSQL's integer, and SQLite refuses anything beyond 64 bits.
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """`<int:...>` in a route: a number the database can hold as an id; larger ones are 404."""

    def __init__(
        self,
        map: Map,
        fixed_digits: int = 0,
        min: int | None = None,
        max: int | None = MAX_ID,
        signed: bool = False,
    ) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def parse_id(text: str) -> int | None:
    """An id sent as text, e.g. in a form field; None for anything that cannot be one."""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if number <= MAX_ID else None
