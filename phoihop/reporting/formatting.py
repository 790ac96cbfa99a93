"""Vietnamese official formats: numbers (1.234.567, 61,5%), the place-and-date line, số/ký hiệu.

Pure functions with no database access, shared by the documents, the annex and the pages.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal


def vn_number(value: int | float | Decimal | None) -> str:
    """``1234567`` → ``"1.234.567"``; ``None`` → ``""``. Decimals keep one comma digit."""
    if value is None:
        return ""
    if isinstance(value, float | Decimal) and value != int(value):
        rounded = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        whole, frac = f"{rounded:.1f}".split(".")
        return f"{vn_number(int(whole))},{frac}"
    number = int(value)
    sign = "-" if number < 0 else ""
    return sign + f"{abs(number):,}".replace(",", ".")


def vn_percent(part: int | float, whole: int | float) -> str:
    """``vn_percent(615, 1000)`` → ``"61,5%"``; an empty whole gives ``""``."""
    if not whole:
        return ""
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    text = f"{value:.1f}".replace(".", ",")
    return (text[:-2] if text.endswith(",0") else text) + "%"


def date_words(day: dt.date) -> str:
    """``ngày 16 tháng 3 năm 2023``: a leading 0 for days below 10 and for months 1 and 2
    (ND 30/2020, Appendix I: it prevents adding a digit afterwards)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_date_line(place: str, day: dt.date | None) -> str:
    """``Tiền Giang, ngày 16 tháng 3 năm 2023``; without a date the day, month and year are left
    blank for the clerk to fill in by hand on signing."""
    words = date_words(day) if day else "ngày      tháng      năm 20   "
    return f"{place}, {words}" if place else words


def number_line(number: str, *, party_style: bool = False) -> str:
    """``Số: 23/KH-LĐLĐ`` (state style) or ``Số 21-CT/TW`` (Party style, no colon). An
    unnumbered draft leaves room for the clerk: ``Số:      /KH-LĐLĐ``."""
    label = "Số" if party_style else "Số:"
    return f"{label} {number}" if number else f"{label}      "


def draft_number(symbol: str) -> str:
    """The blank number of an unregistered draft with its ký hiệu: ``     /CTr-LĐLĐ``."""
    return f"     /{symbol}" if symbol else ""
