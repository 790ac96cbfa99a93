"""The first screen of an official: what must I do, and where do we stand this year."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from phoihop.accounts.selectors import top_units_for
from phoihop.activities.selectors import activity_listing, recent_activities
from phoihop.activities.selectors_excel import failed_imports_of
from phoihop.agenda.items import group_items
from phoihop.agenda.selectors import milestone_items
from phoihop.indicators.selectors_home import due_for
from phoihop.orgs.selectors import today
from phoihop.programs.selectors import cascade_gaps, programs_awaiting

DUE_AHEAD_DAYS = 30
OVERDUE_BACK_DAYS = 90


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    day = today()
    items = milestone_items(
        user, day - dt.timedelta(days=OVERDUE_BACK_DAYS), day + dt.timedelta(days=DUE_AHEAD_DAYS)
    )
    open_items = [item for item in items if not item.done and item.editable]
    overdue = [item for item in open_items if item.overdue]
    coming = [item for item in open_items if not item.overdue and item.date >= day]
    unit = top_units_for(user).first() if not user.is_superuser else None
    year_filters = {"start": day.replace(month=1, day=1), "end": day.replace(month=12, day=31)}
    if unit is not None:
        year_filters["unit"] = unit
    totals = activity_listing(user, year_filters, page_size=0).totals
    query = {
        "start": year_filters["start"].strftime("%d/%m/%Y"),
        "end": year_filters["end"].strftime("%d/%m/%Y"),
        **({"unit": unit.pk} if unit else {}),
    }
    ctx = {
        "today": day,
        "unit": unit,
        "overdue": group_items(overdue),
        "coming": group_items(coming),
        "awaiting": programs_awaiting(user),
        "gaps": cascade_gaps(user),
        "failed_imports": failed_imports_of(user, since=timezone.now() - dt.timedelta(days=30)),
        "recent": recent_activities(user),
        "todo": due_for(user, day=day),
        "totals": totals,
        "year_url": f"{reverse('activities:activity_list')}?{urlencode(query)}",
        "calendar_url": f"{reverse('agenda:list')}?mine=1",
    }
    return render(request, "home/home.html", ctx)
