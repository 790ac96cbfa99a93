"""Activities on the shared calendar (month view, list view, iCalendar feed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from phoihop.activities.selectors import activities_visible_to
from phoihop.agenda.items import ACTIVITY, CalendarItem


def activity_calendar_items(user: Any, start: dt.date, end: dt.date) -> list[CalendarItem]:
    activities = (
        activities_visible_to(user)
        .filter(starts_on__lte=end)
        .filter(Q(ends_on__gte=start) | Q(ends_on__isnull=True, starts_on__gte=start))
        .select_related("program")
        .prefetch_related("organizers__unit")
        .order_by("starts_on", "pk")[:2000]
    )
    return [
        CalendarItem(
            date=a.starts_on,
            end_date=a.ends_on or a.starts_on,
            title=a.title,
            kind=ACTIVITY,
            uid=f"activity-{a.pk}@phoihop",
            url=a.get_absolute_url(),
            program_title=a.program.title if a.program_id else "",
            unit_names=tuple(str(o.unit) for o in a.organizers.all()),
        )
        for a in activities
    ]
