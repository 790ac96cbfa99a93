"""Reads over the organization trees, always as of a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from phoihop.core.paths import path_prefix
from phoihop.core.text import search_tokens
from phoihop.orgs.enums import ReorgKind, ReorgRole
from phoihop.orgs.models import (
    AdminArea,
    OrgPlacement,
    OrgUnit,
    ReorgEvent,
    ReorgEventUnit,
    valid_on,
)
from phoihop.orgs.models_imports import UnitImportJob


def today() -> dt.date:
    return timezone.localdate()


def placement_on(unit: OrgUnit, day: dt.date) -> OrgPlacement | None:
    """The unit's place in its tree on ``day`` (None before it existed)."""
    return OrgPlacement.objects.filter(valid_on(day), unit=unit).first()


def subtree(
    unit: OrgUnit, *, on: dt.date | None = None, include_inactive: bool = False
) -> QuerySet[OrgUnit]:
    """The unit and everything under it on ``on`` (default today).

    ``include_inactive`` adds units that no longer exist on that day but whose history rolls up
    here (dissolved units, units merged into one of these): use it for roll-ups of recorded data.
    """
    day = on or today()
    placement = placement_on(unit, day)
    if placement is None:
        return OrgUnit.objects.none()
    units = OrgUnit.objects.filter(
        valid_on(day, "placements__"), path_prefix(placement.path, "placements__path")
    )
    if not include_inactive:
        units = units.filter(valid_on(day))
    return units


def subtree_ids(
    unit: OrgUnit, *, on: dt.date | None = None, include_inactive: bool = False
) -> QuerySet:
    """Unit ids of the subtree as a subquery, for filtering other tables.

    With ``include_inactive`` only the placements matter, so the subquery reads them alone (no
    join to the units: a province's roll-up then probes 4,000 fewer index entries).
    """
    if not include_inactive:
        return subtree(unit, on=on).values("pk")
    day = on or today()
    placement = placement_on(unit, day)
    if placement is None:
        return OrgPlacement.objects.none().values("unit_id")
    return OrgPlacement.objects.filter(valid_on(day), path_prefix(placement.path, "path")).values(
        "unit_id"
    )


def ancestors(unit: OrgUnit, *, on: dt.date | None = None) -> list[OrgUnit]:
    """From the root down to the unit's parent, as placed on ``on``."""
    placement = placement_on(unit, on or today())
    if placement is None:
        return []
    ids = placement.ancestor_ids
    by_id = OrgUnit.objects.select_related("system", "level").in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def children(
    unit: OrgUnit, *, on: dt.date | None = None, include_inactive: bool = False
) -> QuerySet[OrgUnit]:
    day = on or today()
    units = OrgUnit.objects.filter(
        valid_on(day, "placements__"), placements__parent=unit
    ).select_related("system", "level", "area")
    if not include_inactive:
        units = units.filter(valid_on(day))
    return units.order_by("level__tier", "sort_key", "pk")


def roots(*, on: dt.date | None = None) -> QuerySet[OrgUnit]:
    day = on or today()
    return (
        OrgUnit.objects.filter(
            valid_on(day), valid_on(day, "placements__"), placements__parent__isnull=True
        )
        .select_related("system", "level", "area")
        .order_by("system__order", "sort_key")
    )


def successors(unit: OrgUnit) -> list[tuple[ReorgEvent, list[OrgUnit]]]:
    """What the unit became, event by event, following merges and splits to the end."""
    chain: list[tuple[ReorgEvent, list[OrgUnit]]] = []
    frontier, seen = [unit.pk], {unit.pk}
    while frontier:
        links = (
            ReorgEventUnit.objects.filter(unit_id__in=frontier, role=ReorgRole.SOURCE)
            .exclude(event__kind__in=[ReorgKind.RENAME, ReorgKind.MOVE])
            .select_related("event")
            .order_by("event__effective_on", "event_id")
        )
        events = {link.event_id: link.event for link in links}
        frontier = []
        for event in events.values():
            targets = [
                target.unit
                for target in event.links.filter(role=ReorgRole.TARGET).select_related("unit")
                if target.unit_id not in seen
            ]
            seen.update(target.pk for target in targets)
            frontier.extend(target.pk for target in targets)
            chain.append((event, targets))
    return chain


def predecessor_ids(unit_ids: Iterable[int]) -> set[int]:
    """Units that the given ones carry on: the sources of the merges and splits that made them,
    followed back to the start (a rename or a move keeps the same unit, so it is not followed)."""
    found: set[int] = set()
    frontier = set(unit_ids)
    while frontier:
        events = ReorgEventUnit.objects.filter(unit_id__in=frontier, role=ReorgRole.TARGET).exclude(
            event__kind__in=[ReorgKind.RENAME, ReorgKind.MOVE]
        )
        sources = set(
            ReorgEventUnit.objects.filter(
                event__in=events.values("event_id"), role=ReorgRole.SOURCE
            ).values_list("unit_id", flat=True)
        )
        frontier = sources - found - set(unit_ids)
        found |= frontier
    return found


def current_successors(unit: OrgUnit, *, on: dt.date | None = None) -> list[OrgUnit]:
    """The units that carry this one on ``on``: itself if it still exists, else its successors."""
    day = on or today()
    if unit.is_valid_on(day):
        return [unit]
    found: list[OrgUnit] = []
    for _event, targets in successors(unit):
        found.extend(t for t in targets if t.is_valid_on(day))
    return found


def history(unit: OrgUnit) -> list[dict]:
    """Every reorganisation event the unit took part in, oldest first, with the other units."""
    links = (
        ReorgEventUnit.objects.filter(unit=unit)
        .select_related("event")
        .prefetch_related("event__links__unit")
        .order_by("event__effective_on", "event_id", "role")
    )
    rows, seen = [], set()
    for link in links:
        if link.event_id in seen:  # a rename links the unit as both before and after
            continue
        seen.add(link.event_id)
        others = sorted(
            (other for other in link.event.links.all() if other.unit_id != unit.pk),
            key=lambda other: (other.role, other.unit_id),
        )
        everyone = sorted(link.event.links.all(), key=lambda other: other.unit_id)
        rows.append(
            {
                "event": link.event,
                "role": link.role,
                "data": link.data,
                "others": others,
                # The whole event, this unit included: "A, B → C" reads even when the old and
                # the new unit share a name (LĐLĐ Đồng Tháp before and after 1/7/2025).
                "sources": [o.unit for o in everyone if o.role == ReorgRole.SOURCE],
                "targets": [o.unit for o in everyone if o.role == ReorgRole.TARGET],
            }
        )
    return rows


def name_on(unit: OrgUnit, day: dt.date) -> str:
    """The unit's name as written on ``day`` (before a later rename)."""
    rename = (
        ReorgEventUnit.objects.filter(
            unit=unit, event__kind=ReorgKind.RENAME, event__effective_on__gt=day
        )
        .order_by("event__effective_on")
        .first()
    )
    if rename and rename.data.get("old_name"):
        return rename.data["old_name"]
    return unit.name


def counterparts(unit: OrgUnit, *, on: dt.date | None = None) -> list[OrgUnit]:
    """Units of other systems in the same area and nearest tier.

    LĐLĐ tỉnh X ↔ Hội LHPN tỉnh X; Công đoàn phường Y ↔ Hội LHPN phường Y.
    """
    if unit.area_id is None:
        return []
    day = on or today()
    candidates = list(
        OrgUnit.objects.filter(valid_on(day), area_id=unit.area_id)
        .exclude(system_id=unit.system_id)
        .select_related("system", "level")
        .order_by("system__order", "sort_key")
    )
    best: dict[int, list[OrgUnit]] = {}
    for candidate in candidates:
        distance = abs(candidate.level.tier - unit.level.tier)
        if distance > 1:
            continue
        current = best.get(candidate.system_id)
        if not current or abs(current[0].level.tier - unit.level.tier) > distance:
            best[candidate.system_id] = [candidate]
        elif abs(current[0].level.tier - unit.level.tier) == distance:
            current.append(candidate)
    return [u for units in best.values() for u in units]


def search_units(queryset: QuerySet[OrgUnit], query: str | None) -> QuerySet[OrgUnit]:
    """Accent- and case-insensitive: every typed word must appear in a written form."""
    for token in search_tokens(query):
        queryset = queryset.filter(search_text__contains=token)
    return queryset


def search_areas(query: str | None, *, on: dt.date | None = None) -> QuerySet[AdminArea]:
    areas = AdminArea.objects.all()
    if on:
        areas = areas.filter(valid_on(on))
    for token in search_tokens(query):
        areas = areas.filter(search_text__contains=token)
    return areas


def paths_of(units: Iterable[OrgUnit]) -> list[str]:
    """Every path (past and present) of the given units."""
    return list(
        OrgPlacement.objects.filter(unit__in=list(units)).values_list("path", flat=True).distinct()
    )


def unit_ids_under_paths(paths: Iterable[str]) -> QuerySet:
    """Ids (a subquery) of the units ever placed under one of ``paths``."""
    condition = Q()
    for path in paths:
        condition |= path_prefix(path)
    if not condition:
        return OrgPlacement.objects.none().values("unit_id")
    return OrgPlacement.objects.filter(condition).values("unit_id")


def units_under_paths(paths: Iterable[str]) -> QuerySet[OrgUnit]:
    """Units that were ever placed under one of ``paths``: the reach of a subtree role."""
    return OrgUnit.objects.filter(pk__in=unit_ids_under_paths(paths))


def with_child_flag(units: QuerySet[OrgUnit], day: dt.date) -> QuerySet[OrgUnit]:
    """Annotate ``has_children`` (on ``day``), so the tree shows an expander only where useful."""
    return units.annotate(
        has_children=Exists(OrgPlacement.objects.filter(valid_on(day), parent=OuterRef("pk")))
    )


def unit_import_job_get_for_user(user: Any, pk: int) -> UnitImportJob | None:
    """A unit import job, only for the person who started it (a file may hold other units)."""
    if not user.is_authenticated:
        return None
    return UnitImportJob.objects.filter(pk=pk, created_by=user).first()
