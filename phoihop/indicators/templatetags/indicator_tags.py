"""Vietnamese numbers in templates: ``{{ x|vnum }}`` → 1.234.567, ``{{ x|vpct }}`` → 61,5%."""

from __future__ import annotations

from django import template

from phoihop.indicators.formatting import vi_number, vi_percent

register = template.Library()


@register.filter
def vnum(value: object) -> str:
    return vi_number(value)


@register.filter
def vpct(value: object) -> str:
    return vi_percent(value)


@register.filter
def period_label(value: object) -> str:
    """``2024S1`` → "6 tháng đầu năm 2024" (the text unchanged when it is not a period)."""
    from phoihop.core.exceptions import DomainError
    from phoihop.indicators.periods import parse_period

    try:
        return parse_period(str(value)).label
    except DomainError:
        return str(value)
