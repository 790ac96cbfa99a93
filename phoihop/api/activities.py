"""Activities: filtered lists, de-duplicated totals with credits, detail, creation."""

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from phoihop.accounts.selectors import partner_candidates, unit_get_for_user, units_reachable
from phoihop.activities import selectors, services
from phoihop.activities.models import Activity
from phoihop.api.pagination import Pages
from phoihop.core.ids import Id
from phoihop.core.numbers import MAX_COUNT
from phoihop.programs.selectors import programs_visible_to

router = Router(tags=["activities"])


class OrganizerOut(Schema):
    unit_id: int
    unit_name: str = Field(..., alias="unit.name")
    role: str


class ActivityOut(Schema):
    id: int
    title: str
    kind: str = Field(..., alias="kind.name")
    starts_on: dt.date
    ends_on: dt.date | None
    place: str
    area_code: str | None = None
    program_id: int | None
    participants: int
    participants_women: int
    participants_men: int
    beneficiaries: int
    total_cost: int
    source: str
    version: int = Field(..., description="Send it back with a change (PATCH).")
    organizers: list[OrganizerOut]

    @staticmethod
    def resolve_organizers(activity: Activity) -> list:
        return list(activity.organizers.all())

    @staticmethod
    def resolve_area_code(activity: Activity) -> str | None:
        return activity.area.code if activity.area_id else None


class ActivityFilters(Schema):
    q: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    unit: Id | None = None
    subunits: bool = Field(True, description="With the unit: include its sub-units (default)")
    program: Id | None = None
    kind: Id | None = None


class TotalsOut(Schema):
    activities: int
    participants: int
    women: int
    men: int
    beneficiaries: int
    cost: int
    credits: int
    double_counted: int


class ActivityIn(Schema):
    title: str
    kind: str = Field(..., description="Kind code, e.g. hoi-nghi, tap-huan")
    starts_on: dt.date
    ends_on: dt.date | None = None
    place: str = ""
    program_id: Id | None = None
    lead_unit_id: Id
    partner_unit_ids: list[Id] = Field(default_factory=list, max_length=50)
    participants: int = Field(0, ge=0, le=MAX_COUNT)
    participants_women: int = Field(0, ge=0, le=MAX_COUNT)
    beneficiaries: int = Field(0, ge=0, le=MAX_COUNT)
    description: str = ""


class ActivityPatch(Schema):
    """The fields to change, and the ``version`` the client read: if someone saved the activity
    since, the answer is 409 with what they saved, and nothing is changed."""

    version: int = Field(..., ge=1, le=2**31 - 1)
    title: str | None = Field(None, min_length=1, max_length=300)
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    place: str | None = Field(None, max_length=255)
    participants: int | None = Field(None, ge=0, le=MAX_COUNT)
    participants_women: int | None = Field(None, ge=0, le=MAX_COUNT)
    beneficiaries: int | None = Field(None, ge=0, le=MAX_COUNT)
    description: str | None = None


def _filters(request: HttpRequest, filters: ActivityFilters) -> dict:
    data = {k: v for k, v in filters.dict().items() if v not in (None, "")}
    if "unit" not in data:
        data.pop("subunits", None)
    if "unit" in data:
        data["unit"] = unit_get_for_user(request.user, data["unit"])
        if data["unit"] is None:
            raise HttpError(404, "Không tìm thấy.")
    return data


@router.get("", response=list[ActivityOut], summary="List activities")
@paginate(Pages, page_size=50)
def activity_list(request: HttpRequest, filters: Query[ActivityFilters]):
    listing = selectors.activity_listing(request.user, _filters(request, filters), page_size=50)
    return listing.activities


@router.get("/totals", response=TotalsOut, summary="De-duplicated totals")
def activity_totals(request: HttpRequest, filters: Query[ActivityFilters]) -> dict:
    totals = selectors.activity_listing(request.user, _filters(request, filters)).totals
    return {**totals.__dict__, "men": totals.men, "double_counted": totals.double_counted}


@router.get("/{activity_id}", response=ActivityOut, summary="One activity")
def activity_detail(request: HttpRequest, activity_id: Id) -> Activity:
    return get_object_or_404(
        selectors.with_details(selectors.activities_visible_to(request.user)), pk=activity_id
    )


@router.post("", response={201: ActivityOut}, summary="Record an activity")
def activity_create(request: HttpRequest, payload: ActivityIn) -> Status:
    lead = units_reachable(request.user, "edit").filter(pk=payload.lead_unit_id).first()
    if lead is None:
        raise HttpError(403, "Bạn không có quyền nhập hoạt động cho đơn vị này.")
    partners = list(partner_candidates(request.user).filter(pk__in=payload.partner_unit_ids))
    if len(partners) != len(set(payload.partner_unit_ids)):
        raise HttpError(404, "Không tìm thấy đơn vị phối hợp.")
    program = None
    if payload.program_id:
        program = get_object_or_404(programs_visible_to(request.user), pk=payload.program_id)
    kind = selectors.kind_by_code(payload.kind)
    if kind is None:
        raise HttpError(422, f"Không có loại hoạt động “{payload.kind}”.")
    activity = services.activity_create(
        actor=request.user,
        organizers=[(lead, "lead")] + [(p, "partner") for p in partners],
        title=payload.title,
        kind=kind,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        place=payload.place,
        program=program,
        participants=payload.participants,
        participants_women=payload.participants_women,
        beneficiaries=payload.beneficiaries,
        description=payload.description,
    )
    return Status(201, selectors.activity_get_for_user(request.user, activity.pk))


@router.patch(
    "/{activity_id}",
    response={200: ActivityOut, 403: dict, 404: dict, 409: dict},
    summary="Change an activity (optimistic concurrency)",
)
def activity_update(request: HttpRequest, activity_id: int, payload: ActivityPatch) -> Activity:
    activity = selectors.activity_get_for_user(request.user, activity_id)
    if activity is None:
        raise HttpError(404, "Không tìm thấy.")
    fields = payload.dict(exclude_unset=True)
    version = fields.pop("version")
    fields = {k: v for k, v in fields.items() if v is not None or k == "ends_on"}
    services.activity_update(activity=activity, actor=request.user, version=version, **fields)
    return selectors.activity_get_for_user(request.user, activity_id)
