from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int = 50) -> Page:
    """Server-side pagination; an out-of-range or malformed ``?page=`` shows the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
