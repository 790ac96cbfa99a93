"""Units: list/search as of a date, detail, subtree, ancestors, counterparts, history."""

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from phoihop.accounts.selectors import units_visible_to
from phoihop.api.pagination import Pages
from phoihop.core.ids import Id
from phoihop.orgs import selectors
from phoihop.orgs.models import OrgUnit, valid_on

router = Router(tags=["units"])


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    abbreviations: list[str] = Field(default_factory=list)
    code: str | None
    system: str = Field(..., alias="system.code")
    system_name: str = Field(..., alias="system.name")
    level: str = Field(..., alias="level.name")
    tier: int = Field(..., alias="level.tier")
    area_code: str | None = None
    area_name: str | None = None
    valid_from: dt.date | None
    valid_to: dt.date | None

    @staticmethod
    def resolve_abbreviations(unit: OrgUnit) -> list[str]:
        return [a.strip() for a in unit.abbreviations.split(";") if a.strip()]

    @staticmethod
    def resolve_area_code(unit: OrgUnit) -> str | None:
        return unit.area.code if unit.area_id else None

    @staticmethod
    def resolve_area_name(unit: OrgUnit) -> str | None:
        return unit.area.name if unit.area_id else None


class EventUnitOut(Schema):
    id: int
    name: str
    role: str


class HistoryOut(Schema):
    kind: str
    effective_on: dt.date
    title: str
    legal_basis: str
    role: str
    others: list[EventUnitOut]


class UnitFilters(Schema):
    q: str | None = None
    at: dt.date | None = None
    system: str | None = None
    include_inactive: bool = False


def _units(request: HttpRequest):
    return units_visible_to(request.user).select_related("system", "level", "area")


def _unit(request: HttpRequest, unit_id: Id) -> OrgUnit:
    return get_object_or_404(_units(request), pk=unit_id)


@router.get("", response=list[UnitOut], summary="List and search units")
@paginate(Pages, page_size=50)
def unit_list(request: HttpRequest, filters: Query[UnitFilters]):
    units = selectors.search_units(_units(request), filters.q)
    if filters.system:
        units = units.filter(system__code=filters.system)
    if not filters.include_inactive:
        units = units.filter(valid_on(filters.at or selectors.today()))
    return units.order_by("sort_key", "pk")


@router.get("/{unit_id}", response=UnitOut, summary="One unit")
def unit_detail(request: HttpRequest, unit_id: Id) -> OrgUnit:
    return _unit(request, unit_id)


@router.get("/{unit_id}/subtree", response=list[UnitOut], summary="The unit and all under it")
@paginate(Pages, page_size=500)
def unit_subtree(
    request: HttpRequest, unit_id: Id, at: dt.date | None = None, include_inactive: bool = False
):
    unit = _unit(request, unit_id)
    units = selectors.subtree(unit, on=at, include_inactive=include_inactive)
    return (
        units.filter(pk__in=_units(request))
        .select_related("system", "level", "area")
        .order_by("sort_key", "pk")
    )


@router.get("/{unit_id}/ancestors", response=list[UnitOut], summary="From the root down")
def unit_ancestors(request: HttpRequest, unit_id: Id, at: dt.date | None = None) -> list[OrgUnit]:
    return selectors.ancestors(_unit(request, unit_id), on=at)


@router.get("/{unit_id}/counterparts", response=list[UnitOut], summary="Counterparts")
def unit_counterparts(
    request: HttpRequest, unit_id: Id, at: dt.date | None = None
) -> list[OrgUnit]:
    return selectors.counterparts(_unit(request, unit_id), on=at)


@router.get("/{unit_id}/history", response=list[HistoryOut], summary="Reorganisations")
def unit_history(request: HttpRequest, unit_id: Id) -> list[dict]:
    rows = []
    for row in selectors.history(_unit(request, unit_id)):
        event = row["event"]
        rows.append(
            {
                "kind": event.kind,
                "effective_on": event.effective_on,
                "title": event.title,
                "legal_basis": event.legal_basis,
                "role": row["role"],
                "others": [
                    {"id": link.unit_id, "name": link.unit.name, "role": link.role}
                    for link in row["others"]
                ],
            }
        )
    return rows


@router.get("/{unit_id}/successors", response=list[UnitOut], summary="What it became")
def unit_successors(request: HttpRequest, unit_id: Id, at: dt.date | None = None) -> list[OrgUnit]:
    return selectors.current_successors(_unit(request, unit_id), on=at)
