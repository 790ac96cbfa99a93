"""Whole numbers as Vietnamese officials type them: "1.500.000", "1 500 000", "1.500.000 đ"."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

# ASCII digits only: "²" and "١٢" pass str.isdigit and \d, and then int() fails or guesses.
_DIGITS = re.compile(r"[0-9]+")
_GROUPED = re.compile(r"^[0-9]{1,3}(?:([.,  ])[0-9]{3})(?:\1[0-9]{3})*$")
_CURRENCY = re.compile(r"\s*(?:đồng|đ|₫|vnđ|vnd)\.?\s*$", re.IGNORECASE)


# Sane bounds on what one record may hold. A count of people: no single activity reaches a
# hundred million (the country's population); an amount in VND: a thousand billion đồng is far
# beyond any mass organization's activity. The bounds also keep every sum safe: a 64-bit total
# of counts would need 92 billion rows at the bound, of amounts 9.2 million activities.
MAX_COUNT = 100_000_000
MAX_AMOUNT = 1_000_000_000_000


def grouped(value: int) -> str:
    """``1000000`` → ``"1.000.000"`` (Vietnamese digit groups)."""
    return f"{value:,}".replace(",", ".")


class NumberError(ValueError):
    pass


def parse_whole_number(text: object) -> int | None:
    """``"1.234"`` and ``"1,234"`` and ``"1 234"`` are 1234 (digit groups); ``"1,5"`` is refused.

    Vietnamese writes the thousands separator as a dot and the decimal separator as a comma, but
    spreadsheets made on English-language Excel use commas for thousands: a separator followed by
    exactly three digits is therefore a digit group whichever it is. Anything else that is not a
    whole number is refused rather than guessed.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise NumberError(str(text))
    if isinstance(text, int):
        return text
    if isinstance(text, float):
        if text.is_integer():
            return int(text)
        raise NumberError(str(text))
    value = _CURRENCY.sub("", str(text).strip())
    if value == "":
        return None
    if _DIGITS.fullmatch(value):
        return int(value)
    if _GROUPED.match(value):
        return int(re.sub(r"[^0-9]", "", value))
    raise NumberError(value)


class WholeNumberField(forms.IntegerField):
    """An integer field that accepts digit groups ("1.500.000") and currency suffixes."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid": _("Enter a whole number, e.g. 1.500.000 (no decimals)."),
        "too_large": _("This number is too large: at most %(limit)s."),
    }

    def __init__(self, *, maximum: int = MAX_COUNT, **kwargs: object) -> None:
        kwargs.setdefault("min_value", 0)
        # At most what a database integer holds; fields set tighter bounds of their own.
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(**kwargs)
        self.maximum = maximum
        self.widget.attrs.setdefault("inputmode", "numeric")

    def to_python(self, value: object) -> int | None:
        try:
            return parse_whole_number(value)
        except NumberError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def validate(self, value: object) -> None:
        super().validate(value)
        if isinstance(value, int) and value > self.maximum:
            raise forms.ValidationError(
                self.error_messages["too_large"] % {"limit": grouped(self.maximum)},
                code="too_large",
            )
