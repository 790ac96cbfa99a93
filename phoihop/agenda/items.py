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
    object_id: int = 0  # the milestone's id, for ticking it done
    editable: bool = False  # the user may tick it done

    @property
    def is_span(self) -> bool:
        return self.end_date > self.date

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return self.date <= end and self.end_date >= start


@dataclass
class ItemGroup:
    """Items of one day that read the same (67 units' "Báo cáo kết quả … năm 2026"), shown as
    one line that opens to the list; a group of one is just that item."""

    items: list[CalendarItem]

    @property
    def first(self) -> CalendarItem:
        return self.items[0]

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def date(self) -> dt.date:
        return self.first.date

    @property
    def title(self) -> str:
        return self.first.title

    @property
    def kind(self) -> str:
        return self.first.kind

    @property
    def overdue(self) -> int:
        return sum(1 for item in self.items if item.overdue)

    @property
    def done(self) -> int:
        return sum(1 for item in self.items if item.done)


def group_items(items: list[CalendarItem]) -> list[ItemGroup]:
    """Milestones of the same day and title grouped, order kept (first occurrence)."""
    groups: dict[tuple, ItemGroup] = {}
    for item in items:
        key = (item.date, item.kind, item.title) if item.kind == MILESTONE else (item.uid,)
        if key in groups:
            groups[key].items.append(item)
        else:
            groups[key] = ItemGroup([item])
    return list(groups.values())
