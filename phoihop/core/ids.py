"""Numbers that name database rows, from URLs, query strings and API bodies.

A row id is a 64-bit signed integer on both databases: anything past 2^63 - 1 (or written with
non-ASCII digits such as "²", which ``str.isdigit`` accepts and ``int`` refuses) names no row. It
is answered as "not found" (404), an invalid filter or a 422, never by a database error (500).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import Field

MAX_ID = 2**63 - 1
# A page past this is empty anyway; bounding it keeps OFFSET within 64 bits.
MAX_PAGE = 1_000_000

_ASCII_ID = re.compile(r"[0-9]{1,19}")

# For django-ninja path, query and body fields.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Page = Annotated[int, Field(ge=1, le=MAX_PAGE)]


def parse_id(value: Any) -> int | None:
    """``value`` as a row id (ASCII digits, 1 … 2^63 - 1), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1 <= value <= MAX_ID else None
    text = str(value).strip() if value is not None else ""
    if not _ASCII_ID.fullmatch(text):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


class IdConverter:
    """``<id:pk>`` in URL patterns: like ``<int:pk>``, but a number past 2^63 - 1 is a 404."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)  # the resolver then tries the next pattern, then 404s
        return number

    def to_url(self, value: Any) -> str:
        return str(value)


# Small whole numbers used as filters (a year, a tier): within PostgreSQL's smallint.
SmallInt = Annotated[int, Field(ge=0, le=32_767)]
