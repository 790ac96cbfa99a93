"""Calendar pages and the personal iCalendar feed."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from phoihop.agenda import ical, selectors, services
from phoihop.agenda.forms import CalendarFilterForm, RangeForm
from phoihop.agenda.items import group_items
from phoihop.core.links import absolute_url
from phoihop.orgs.selectors import today
from phoihop.programs.selectors import programs_for_entry

YEARS = range(1900, 2201)
FEED_PAST_DAYS = 90
FEED_FUTURE_DAYS = 365


@login_required
@require_GET
def calendar_month(
    request: HttpRequest, year: int | None = None, month: int | None = None
) -> HttpResponse:
    day = today()
    year, month = year or day.year, month or day.month
    if year not in YEARS or not 1 <= month <= 12:
        raise Http404
    form = _filter_form(request)
    ctx = {
        "cal": selectors.calendar_month(request.user, year, month, form.filters()),
        "today": day,
        "filter_form": form,
        "query": _filter_query(request),
    }
    template = "agenda/month.html#grid" if request.htmx else "agenda/month.html"
    return render(request, template, ctx)


def _filter_form(request: HttpRequest) -> CalendarFilterForm:
    return CalendarFilterForm(request.GET or None, programs=programs_for_entry(request.user))


def _filter_query(request: HttpRequest) -> str:
    """The calendar filter of this request, to carry on every link of the page."""
    kept = request.GET.copy()
    for name in ("from", "to", "page"):
        kept.pop(name, None)
    return f"?{kept.urlencode()}" if kept else ""


@login_required
@require_GET
def calendar_list(request: HttpRequest) -> HttpResponse:
    form = RangeForm(request.GET or None)
    start, end = form.period(today())
    filter_form = _filter_form(request)
    items = selectors.calendar_items_for(request.user, start, end, filter_form.filters())
    ctx = {
        "form": form,
        "filter_form": filter_form,
        "start": start,
        "end": end,
        "items": items,
        "groups": group_items(items),
        "today": today(),
        "query": _filter_query(request),
        "period": [("from", start.strftime("%d/%m/%Y")), ("to", end.strftime("%d/%m/%Y"))],
    }
    return render(request, "agenda/list.html", ctx)


@login_required
@require_GET
def feed(request: HttpRequest) -> HttpResponse:
    ctx = {"token": selectors.feed_token_of(request.user), "feed_url": ""}
    return render(request, "agenda/feed.html", ctx)


@login_required
@require_POST
def feed_regenerate(request: HttpRequest) -> HttpResponse:
    raw = services.feed_token_regenerate(user=request.user)
    ctx = {
        "token": selectors.feed_token_of(request.user),
        "feed_url": absolute_url(reverse("agenda:ical", args=[raw])),
    }
    template = "agenda/feed.html#feed" if request.htmx else "agenda/feed.html"
    return render(request, template, ctx)


@require_GET
def ical_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No login: calendar apps cannot log in. The secret link is the credential."""
    user = selectors.feed_user(token)
    if user is None:
        raise Http404
    day = today()
    items = selectors.calendar_items_for(
        user, day - dt.timedelta(days=FEED_PAST_DAYS), day + dt.timedelta(days=FEED_FUTURE_DAYS)
    )
    body = ical.render_calendar(
        items, now=timezone.now(), base_url=services.base_url(), name=f"phoihop · {user}"
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="phoihop.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
