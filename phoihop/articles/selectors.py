"""Reads: which articles a user may see, and the facts of an extraction as the pages show them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from phoihop.activities.models import Activity
from phoihop.activities.selectors import activities_visible_to
from phoihop.articles.enums import EventKind, RecordRole
from phoihop.articles.models import Article, ArticleRecord
from phoihop.programs.models import Program
from phoihop.programs.selectors import programs_visible_to


def articles_visible_to(user: Any) -> QuerySet[Article]:
    """The articles a user received, and those whose records (a program, an activity) the user
    can see; administrators see all. An article someone else is still reviewing stays theirs."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return Article.objects.all()
    if not (user.is_authenticated and user.is_active):
        return Article.objects.none()
    types = ContentType.objects.get_for_models(Program, Activity)
    records = ArticleRecord.objects.filter(
        Q(
            content_type=types[Program],
            object_id__in=programs_visible_to(user).values("pk"),
        )
        | Q(
            content_type=types[Activity],
            object_id__in=activities_visible_to(user).values("pk"),
        )
    )
    return Article.objects.filter(Q(created_by=user) | Q(pk__in=records.values("article_id")))


def article_already_read(user: Any, text_hash: str) -> Article | None:
    """The earlier reading of the same text that this user can see, if any."""
    return (
        articles_visible_to(user).filter(text_hash=text_hash).order_by("created_at", "pk").first()
    )


def article_records(article: Article) -> list[tuple[str, ArticleRecord]]:
    """(role label, record) for each record the article gave."""
    return [(_role_label(record.role), record) for record in article.records.all().order_by("pk")]


def _role_label(role: str) -> str:
    return str(RecordRole(role).label) if role in RecordRole.values else role


def _day(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return None


def _years(phase: dict | None) -> str | None:
    if not phase or not phase.get("start"):
        return None
    start, end = phase.get("start"), phase.get("end")
    return f"{start}–{end}" if end and end != start else str(start)


@dataclass(frozen=True)
class ExtractionSummary:
    event: str  # "Ký kết · 16/03/2023"
    published: str | None
    phase: str | None
    previous_phase: str | None
    next_phase: str | None
    missing: list[str]  # what the reader left for the official to fill


def extraction_summary(extraction: dict) -> ExtractionSummary:
    """The extraction's codes and dates in the user's language (``Ký kết · 16/03/2023``)."""
    kind = extraction.get("event_kind")
    label = str(EventKind(kind).label) if kind in EventKind.values else _("Other event")
    day = _day(extraction.get("event_date"))
    checks = [
        ("event_date", _("the event's date")),
        ("publication_date", _("the publication date")),
        ("parties", _("the organizations")),
        ("phase", _("the phase")),
        ("signatories", _("the signatories")),
        ("content_areas", _("the content areas")),
        ("locations", _("the place")),
    ]
    missing = [str(name) for key, name in checks if not extraction.get(key)]
    return ExtractionSummary(
        event=f"{label} · {day}" if day else label,
        published=_day(extraction.get("publication_date")),
        phase=_years(extraction.get("phase")),
        previous_phase=_years(extraction.get("previous_phase")),
        next_phase=_years(extraction.get("next_phase")),
        missing=missing,
    )
