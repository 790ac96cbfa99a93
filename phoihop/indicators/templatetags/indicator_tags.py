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
