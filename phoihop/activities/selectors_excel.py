"""Reads for the Excel round trip: import jobs, and what a sheet's cells may refer to."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from phoihop.accounts.roles import EDIT
from phoihop.accounts.selectors import partner_candidates, units_reachable
from phoihop.activities.models import ActivityKind
from phoihop.activities.models_imports import ActivityImportJob, ImportJobStatus
from phoihop.core.spreadsheet import chunks
from phoihop.orgs.models import OrgUnit
from phoihop.programs.models import Program
from phoihop.programs.selectors import programs_visible_to

# Drop-down lists longer than this are left out of the template (a superuser reaches every
# unit): the column then takes typed codes or names only.
MAX_LIST = 5_000


def import_job_get_for_user(user: Any, pk: int) -> ActivityImportJob | None:
    """A job, only for the person who started it (a file may hold other units' data)."""
    if not user.is_authenticated:
        return None
    return ActivityImportJob.objects.filter(pk=pk, created_by=user).first()


def import_jobs_of(user: Any) -> QuerySet[ActivityImportJob]:
    return (
        ActivityImportJob.objects.filter(created_by=user)
        .defer("data", "errors")
        .order_by("-created_at", "-pk")
    )


def failed_imports_of(user: Any, *, since: Any, limit: int = 5) -> list[ActivityImportJob]:
    """The user's imports that stopped on errors since ``since`` (nothing was written)."""
    return list(
        import_jobs_of(user).filter(status=ImportJobStatus.FAILED, created_at__gte=since)[:limit]
    )


def kinds_in_use() -> list[ActivityKind]:
    return list(ActivityKind.objects.filter(active=True).order_by("order", "name"))


def units_editable_by(user: Any) -> list[OrgUnit]:
    """The units an activity can be recorded for, alphabetically (at most MAX_LIST + 1)."""
    return list(units_reachable(user, EDIT).order_by("sort_key", "pk")[: MAX_LIST + 1])


def programs_listed_for(user: Any) -> list[Program]:
    """The programs visible to the user, newest phase first (at most MAX_LIST + 1)."""
    return list(programs_visible_to(user).order_by("-start_year", "pk")[: MAX_LIST + 1])


def units_by_reference(references: Iterable[str]) -> dict[str, list[OrgUnit]]:
    """Units whose code or official name is one of ``references``, by reference.

    Every unit, reachable or not: the caller decides what the user may name (and must not
    say which of the others exist).
    """
    found: dict[str, list[OrgUnit]] = {}
    for chunk in chunks(sorted(set(references) - {""})):
        for unit in OrgUnit.objects.filter(Q(code__in=chunk) | Q(name__in=chunk)).order_by("pk"):
            for reference in {unit.code, unit.name} & set(chunk):
                found.setdefault(reference, []).append(unit)
    return found


def _ids_within(queryset: QuerySet[OrgUnit], ids: Iterable[int]) -> set[int]:
    within: set[int] = set()
    for chunk in chunks(sorted(set(ids))):
        within.update(queryset.filter(pk__in=chunk).values_list("pk", flat=True))
    return within


def unit_ids_editable(user: Any, ids: Iterable[int]) -> set[int]:
    """Those of ``ids`` the user may record an activity for (as its lead organizer)."""
    return _ids_within(units_reachable(user, EDIT), ids)


def unit_ids_partnerable(user: Any, ids: Iterable[int]) -> set[int]:
    """Those of ``ids`` the user may name as a co-organizer."""
    return _ids_within(partner_candidates(user), ids)


def programs_by_reference(
    user: Any, ids: Iterable[int], numbers: Iterable[str]
) -> tuple[dict[int, Program], dict[str, list[Program]]]:
    """Visible programs named by id, and by number and symbol ("5346/CTPH-…")."""
    visible = programs_visible_to(user)
    by_id: dict[int, Program] = {}
    for chunk in chunks(sorted(set(ids))):
        by_id.update((p.pk, p) for p in visible.filter(pk__in=chunk))
    by_number: dict[str, list[Program]] = {}
    for chunk in chunks(sorted(set(numbers) - {""})):
        for program in visible.filter(number__in=chunk).order_by("pk"):
            by_number.setdefault(program.number, []).append(program)
    return by_id, by_number
