"""The indicator section of a review, read from the indicators app's live roll-ups.

The figures, the page, the API, the .docx and the .xlsx annex all read the section through
``indicator_section``, so they agree with the indicator pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypedDict


class IndicatorRow(TypedDict):
    code: str
    name: str
    unit: str  # unit of measure, e.g. "người", "%"
    target: float | None
    value: float | None
    met: bool | None


class IndicatorSection(TypedDict):
    rows: list[IndicatorRow]
    unmet: list[str]  # names of the indicators below their target (carried to the next phase)


def indicator_section(*, program: Any, unit: Any, start: dt.date, end: dt.date) -> IndicatorSection:
    """The indicators of ``program`` reported by ``unit``'s subtree in [start, end], against
    their targets: one row per indicator (code, name, unit of measure, target, value, met).

    Contract for the indicators app: the values must be the ones its selectors show on screen
    (approved periodic reports of the period, rolled up over the unit's subtree), so the review,
    the API and the documents agree with the indicator pages. ``unmet`` lists the names of the
    indicators whose value is below target; ``review_draft_next_program`` carries them over.

    The period read is the one the review closes: the six months for a review of half a year
    or less, else the calendar year of its last day (a year sums its halves and quarters).
    Only approved reports count; indicators computed from activities (already in the review's
    own figures) and those with neither a figure nor a target are left out.
    """
    from phoihop.indicators import selectors as indicator_selectors
    from phoihop.indicators.enums import PeriodType
    from phoihop.indicators.periods import period_containing

    period_type = PeriodType.HALF_YEAR if (end - start).days <= 200 else PeriodType.YEAR
    period = str(period_containing(end, period_type))
    items = indicator_selectors.rollup(
        unit=unit, period=period, approved_only=True, program=program
    )
    rows: list[IndicatorRow] = []
    unmet: list[str] = []
    for item in items:
        # Figures computed from activities are already in the review's own tables.
        if item.computed or (item.value is None and item.target is None):
            continue
        value = float(item.value) if item.value is not None else None
        target = float(item.target) if item.target is not None else None
        met = None if value is None or target is None else value >= target
        rows.append(
            {
                "code": item.indicator.code,
                "name": item.indicator.name,
                "unit": item.indicator.unit_label,
                "target": target,
                "value": value,
                "met": met,
            }
        )
        if met is False:
            unmet.append(item.indicator.name)
    return {"rows": rows, "unmet": unmet}
