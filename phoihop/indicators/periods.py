"""Reporting periods written as DHIS2 writes them: ``2024``, ``2024S1``, ``2024S2``, ``2024Q3``.

A period is a year, a half-year or a quarter. Which days it covers depends on the form's cut-off
day: with a cut-off on the 15th, ``2024S1`` runs from 16/12/2023 to 15/06/2024. Without one it
follows the calendar (01/01–30/06). ``reference_day`` (the calendar end) is the day on which the
"structure at the time" is read for a period.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from phoihop.core.exceptions import DomainError

PERIOD_RE = re.compile(r"^(\d{4})(?:([SQ])([1-4]))?$")
MONTHS_PER = {"Y": 12, "S": 6, "Q": 3}
KIND_OF_TYPE = {"year": "Y", "half": "S", "quarter": "Q"}


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str = "Y"  # "Y", "S" or "Q"
    number: int = 1

    def __str__(self) -> str:
        return str(self.year) if self.kind == "Y" else f"{self.year}{self.kind}{self.number}"

    @property
    def period_type(self) -> str:
        return {"Y": "year", "S": "half", "Q": "quarter"}[self.kind]

    @property
    def last_month(self) -> int:
        return self.number * MONTHS_PER[self.kind] if self.kind != "Y" else 12

    def end(self, cutoff_day: int | None = None) -> dt.date:
        """The last day the period covers (the cut-off day of its last month, or month end)."""
        month = self.last_month
        last = calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, min(cutoff_day or last, last))

    def start(self, cutoff_day: int | None = None) -> dt.date:
        return self.previous().end(cutoff_day) + dt.timedelta(days=1)

    @property
    def reference_day(self) -> dt.date:
        return self.end()

    def previous(self) -> Period:
        if self.kind == "Y":
            return Period(self.year - 1)
        if self.number == 1:
            return Period(self.year - 1, self.kind, 12 // MONTHS_PER[self.kind])
        return Period(self.year, self.kind, self.number - 1)

    def next(self) -> Period:
        if self.kind == "Y":
            return Period(self.year + 1)
        if self.number == 12 // MONTHS_PER[self.kind]:
            return Period(self.year + 1, self.kind, 1)
        return Period(self.year, self.kind, self.number + 1)

    def parts(self) -> list[list[Period]]:
        """The finer periods that make up this one, coarsest first: for a year, its halves, then
        its quarters; for a half-year, its quarters."""
        if self.kind == "Y":
            return [
                [Period(self.year, "S", n) for n in (1, 2)],
                [Period(self.year, "Q", n) for n in (1, 2, 3, 4)],
            ]
        if self.kind == "S":
            first = (self.number - 1) * 2
            return [[Period(self.year, "Q", first + 1), Period(self.year, "Q", first + 2)]]
        return []

    def label(self) -> str:
        """Vietnamese label: "6 tháng đầu năm 2024", "Quý III/2024", "Năm 2024"."""
        if self.kind == "Y":
            return _("Year %(year)d") % {"year": self.year}
        if self.kind == "S":
            if self.number == 1:
                return _("First six months of %(year)d") % {"year": self.year}
            return _("Last six months of %(year)d") % {"year": self.year}
        roman = ["I", "II", "III", "IV"][self.number - 1]
        return _("Quarter %(q)s/%(year)d") % {"q": roman, "year": self.year}


def parse_period(text: str) -> Period:
    """``"2024S1"`` → Period(2024, "S", 1); anything else raises a DomainError in Vietnamese."""
    match = PERIOD_RE.match((text or "").strip().upper())
    if not match:
        raise DomainError(
            _("“%(text)s” is not a period: write 2024, 2024S1, 2024S2 or 2024Q3.")
            % {"text": (text or "")[:20]},
            field="period",
        )
    year, kind, number = int(match[1]), match[2] or "Y", int(match[3] or 1)
    if not 1900 <= year <= 2100 or (kind == "S" and number > 2):
        raise DomainError(
            _("“%(text)s” is not a period: write 2024, 2024S1, 2024S2 or 2024Q3.")
            % {"text": text[:20]},
            field="period",
        )
    return Period(year, kind, number)


def periods_of_type(period_type: str, first: Period, last: Period) -> list[Period]:
    """Every period of ``period_type`` from the one containing ``first`` to ``last``'s."""
    kind = KIND_OF_TYPE[period_type]
    months = MONTHS_PER[kind]
    first_month = first.last_month - MONTHS_PER[first.kind] + 1
    current = Period(first.year, kind, 1 if kind == "Y" else (first_month - 1) // months + 1)
    out = []
    while current.end() <= last.end():
        out.append(current)
        current = current.next()
    return out


def period_containing(day: dt.date, period_type: str, cutoff_day: int | None = None) -> Period:
    """The period of ``period_type`` whose days (with the cut-off) include ``day``."""
    kind = KIND_OF_TYPE[period_type]
    months = MONTHS_PER[kind]
    guess = Period(day.year, kind, 1 if kind == "Y" else (day.month - 1) // months + 1)
    while guess.start(cutoff_day) > day:
        guess = guess.previous()
    while guess.end(cutoff_day) < day:
        guess = guess.next()
    return guess
