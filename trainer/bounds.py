"""Numbers from a request, held to what the database can store.

PostgreSQL's `integer` holds -2**31 .. 2**31-1 and SQLite's 64 bits; a larger id or page number
used in a query fails inside the driver (a 500). Ids in the address go through the `int`
converter below, ids in forms and query strings through `db_int`, page numbers through
`page_number`: a number out of range is "not found" (404) or an invalid field, never a query.
"""

from __future__ import annotations

from flask import abort, request
from werkzeug.routing import IntegerConverter, Map

MIN_DB_INT = -(2**31)
MAX_DB_INT = 2**31 - 1


class DatabaseIntConverter(IntegerConverter):
    """`<int:...>` in a route: a non-negative integer up to MAX_DB_INT, else the route does
    not match (404)."""

    def __init__(self, map: Map, fixed_digits: int = 0, min: int | None = None,
                 max: int | None = MAX_DB_INT, signed: bool = False) -> None:
        super().__init__(map, fixed_digits, min, max, signed)


def db_int(text: str) -> int:
    """`text` as an integer the database holds; ValueError otherwise, so it serves as the
    `coerce` of a form field or the `type` of `request.args.get` (which then gives None)."""
    value = int(text)
    if not MIN_DB_INT <= value <= MAX_DB_INT:
        raise ValueError(f"{text} is out of range")
    return value


def page_number() -> int:
    """The `page` of the query string: 1 when absent or unreadable, 404 past MAX_DB_INT."""
    page = request.args.get("page", 1, type=int)
    if page > MAX_DB_INT:
        abort(404)
    return max(page, 1)
