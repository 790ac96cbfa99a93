"""Validation of entered figures: one function (``values_check``) used by the grid, the API and
the Excel upload, before saving and before submitting.

Cell checks (``entry_errors``) refuse a value outright: not a number, a fraction where a whole
number is expected, a negative figure, a numerator above its denominator (a % over 100).
Rules (``ValidationRule``) compare figures: a HARD rule blocks submission; a SOFT one (a jump
of more than N× over the last period) is accepted once the value carries a comment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from phoihop.indicators.enums import Operator, RuleKind, Severity, ValueType
from phoihop.indicators.models import Category, DataValue, Indicator, ValidationRule
from phoihop.indicators.periods import parse_period

MAX_VALUE = Decimal("1e15")


@dataclass(frozen=True)
class Issue:
    """One problem with the figures of a unit and period."""

    indicator_code: str
    message: str
    severity: str = Severity.HARD
    rule: str = ""
    category_code: str = ""
    commented: bool = False

    @property
    def blocks(self) -> bool:
        """True when it prevents submission (hard, or soft without a comment)."""
        return self.severity == Severity.HARD or not self.commented


@dataclass
class Figure:
    """A value as entered (saved or pending), the input of the checks."""

    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    text: str = ""
    comment: str = ""


def parse_number(raw: Any) -> Decimal | None:
    """Vietnamese writing: "1.234.567" is a whole number, "61,5" a decimal; also plain numbers.

    Raises ``ValueError`` for anything else (TCVN3 garbage, words, "1.2.3,4,5").
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(str(raw))
    if isinstance(raw, int | Decimal):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(str(raw))
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if text.count(",") == 1 and "." not in text.split(",")[1]:
        whole, frac = text.split(",")
        text = whole.replace(".", "") + "." + frac
    elif text.count(".") > 1 or (text.count(".") == 1 and len(text.split(".")[1]) == 3):
        parts = text.split(".")
        if not all(len(p) == 3 for p in parts[1:]) or not 1 <= len(parts[0]) <= 3:
            raise ValueError(text)
        text = "".join(parts)
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not number.is_finite():
        raise ValueError(text)
    return number


def entry_errors(indicator: Indicator, figure: Figure) -> list[str]:
    """What makes a single entry impossible to store, in Vietnamese (empty when it is fine)."""
    errors = []
    kind = indicator.value_type
    if kind == ValueType.PERCENT:
        numbers = [figure.numerator, figure.denominator]
    elif kind == ValueType.TEXT:
        return [_("The text is too long.")] if len(figure.text) > 5000 else []
    else:
        numbers = [figure.value]
    for number in numbers:
        if number is None:
            continue
        if number < 0:
            errors.append(_("A figure cannot be negative."))
        elif number > MAX_VALUE:
            errors.append(_("The figure is too large."))
        elif kind in (ValueType.INTEGER, ValueType.PERCENT) and number != number.to_integral():
            errors.append(_("Enter a whole number."))
        elif kind == ValueType.YES_NO and number not in (0, 1):
            errors.append(_("Answer yes (1) or no (0)."))
    if kind == ValueType.PERCENT and not errors:
        num, den = figure.numerator, figure.denominator
        if (num is None) != (den is None):
            errors.append(_("Enter both the count and the total for a percentage."))
        elif num is not None and den is not None:
            if den == 0 and num > 0:
                errors.append(_("The total of a percentage cannot be 0."))
            elif num > den:
                errors.append(_("A percentage must be between 0 and 100%."))
    return errors


def _total(figures: dict[int | None, Figure], kind: str) -> Decimal | None:
    """The indicator's total from its uncategorised figure or the sum of its categories."""
    if None in figures:
        figure = figures[None]
        return figure.numerator if kind == ValueType.PERCENT else figure.value
    numbers = [
        (f.numerator if kind == ValueType.PERCENT else f.value)
        for f in figures.values()
        if (f.numerator if kind == ValueType.PERCENT else f.value) is not None
    ]
    return sum(numbers, Decimal(0)) if numbers else None


def _stored(unit_id: int, period: str, indicator_ids: Iterable[int]) -> dict:
    found: dict[int, dict[int | None, Figure]] = {}
    for row in DataValue.objects.filter(
        unit_id=unit_id, period=period, indicator_id__in=list(indicator_ids)
    ).values("indicator_id", "category_id", "value", "numerator", "denominator", "text", "comment"):
        found.setdefault(row["indicator_id"], {})[row["category_id"]] = Figure(
            row["value"], row["numerator"], row["denominator"], row["text"], row["comment"]
        )
    return found


def values_check(
    *,
    unit: Any,
    period: str,
    indicators: Iterable[Indicator] | None = None,
    pending: dict[tuple[int, int | None], Figure] | None = None,
) -> list[Issue]:
    """Every problem with the unit's figures for ``period``: the stored ones overlaid with
    ``pending`` (``{(indicator_id, category_id): Figure}``, not yet saved).

    ``indicators`` limits the rules to those whose left indicator is among them (a form).
    """
    pending = pending or {}
    rules = list(ValidationRule.objects.filter(active=True).select_related("left", "right"))
    by_id = {i.pk: i for i in (indicators or [])}
    ids = set(by_id) | {i for i, _c in pending}
    ids |= {r.left_id for r in rules} | {r.right_id for r in rules if r.right_id}
    missing = ids - set(by_id)
    by_id.update(Indicator.objects.in_bulk(list(missing)))
    current = _stored(unit.pk, period, ids)
    for (indicator_id, category_id), figure in pending.items():
        current.setdefault(indicator_id, {})[category_id] = figure
    categories = dict(Category.objects.values_list("pk", "code"))
    issues = []
    for indicator_id, figures in current.items():
        indicator = by_id.get(indicator_id)
        if indicator is None:
            continue
        for category_id, figure in figures.items():
            for message in entry_errors(indicator, figure):
                issues.append(
                    Issue(
                        indicator.code,
                        message,
                        rule="entry",
                        category_code=categories.get(category_id, ""),
                    )
                )
    limit = (
        set(by_id) if indicators is None else {i.pk for i in indicators} | {i for i, _c in pending}
    )
    previous = None
    for rule in rules:
        if rule.left_id not in limit:
            continue
        left = current.get(rule.left_id, {})
        left_total = _total(left, rule.left.value_type)
        if left_total is None:
            continue
        commented = any(f.comment.strip() for f in left.values())
        if rule.kind == RuleKind.COMPARE and rule.right_id:
            right_total = _total(current.get(rule.right_id, {}), rule.right.value_type)
            if right_total is None:
                continue
            broken = (
                left_total > right_total
                if rule.operator == Operator.LE
                else (left_total < right_total)
            )
        elif rule.kind == RuleKind.JUMP and rule.factor:
            if previous is None:
                previous = _stored(unit.pk, str(parse_period(period).previous()), by_id)
            before = _total(previous.get(rule.left_id, {}), rule.left.value_type)
            broken = bool(before) and left_total > before * rule.factor
        else:
            continue
        if broken:
            issues.append(
                Issue(
                    rule.left.code,
                    rule.name,
                    severity=rule.severity,
                    rule=rule.code,
                    commented=commented,
                )
            )
    return issues
