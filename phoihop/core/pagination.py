from __future__ import annotations

from collections.abc import Sized

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def paginate(request: HttpRequest, queryset: Sized, per_page: int = 50) -> Page:
    """Server-side pagination of a queryset (or anything with ``count()``/``len()`` and
    slicing); an out-of-range or malformed ``?page=`` shows the nearest page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
