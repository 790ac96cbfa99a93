"""The indicator section of a review: the plug for the indicators app (issue 10).

The indicators app is being built on another branch. When it lands, replace the body of
``indicator_section`` with a call to its selectors; nothing else in reviews changes: the figures,
the page, the API, the .docx and the .xlsx annex all read the section through this function.
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

    Today, without the indicators app, the section is empty.
    """
    return {"rows": [], "unmet": []}
