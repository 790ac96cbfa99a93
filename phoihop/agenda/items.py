"""What the calendar shows: one dated thing, whatever app it comes from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

MILESTONE = "milestone"
KEYDAY = "keyday"
ACTIVITY = "activity"


@dataclass(frozen=True)
class CalendarItem:
    """A day or a span of days. ``end_date`` is the last day, inclusive (= ``date`` for one day).

    ``uid`` is stable across renders, so calendar clients update an event instead of adding one.
    """

    date: dt.date
    end_date: dt.date
    title: str
    kind: str  # MILESTONE | KEYDAY | ACTIVITY
    uid: str
    url: str = ""
    overdue: bool = False
    done: bool = False
    program_title: str = ""
    unit_names: tuple[str, ...] = ()

    @property
    def is_span(self) -> bool:
        return self.end_date > self.date

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return self.date <= end and self.end_date >= start
