"""Numbers as Vietnamese reports write them: ``1.234.567``, ``61,5%``, ``1.234,5``.

The thousands separator is a dot and the decimal separator a comma. Used by the pages, the
charts and the Excel sheets, so a figure reads the same everywhere.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = ["vi_number", "vi_percent"]


def _as_decimal(value: object) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return None


def _grouped(number: Decimal, decimals: int, trim: bool) -> str:
    rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    whole, _, fraction = f"{abs(rounded):,.{decimals}f}".partition(".")
    if trim:
        fraction = fraction.rstrip("0")
    sign = "-" if rounded < 0 else ""
    return sign + whole.replace(",", ".") + ("," + fraction if fraction else "")


def vi_number(value: object, decimals: int | None = None) -> str:
    """``1234567`` → ``"1.234.567"``; ``1234.5`` → ``"1.234,5"``; ``None`` → ``"—"``.

    Without ``decimals``, a value is written with at most two decimals, trailing zeros removed.
    """
    number = _as_decimal(value)
    if number is None or not number.is_finite():
        return "—"
    if decimals is None:
        return _grouped(number, 2, trim=True)
    return _grouped(number, decimals, trim=False)


def vi_percent(value: object, decimals: int = 1) -> str:
    """``61.5`` → ``"61,5%"`` (the value is already a percentage); ``None`` → ``"—"``."""
    number = _as_decimal(value)
    if number is None or not number.is_finite():
        return "—"
    return _grouped(number, decimals, trim=False) + "%"
