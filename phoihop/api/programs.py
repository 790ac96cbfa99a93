"""Programs: search and filters, detail with parties and content areas, coverage, milestones."""

import datetime as dt
from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from phoihop.api.pagination import Pages
from phoihop.core.ids import Id, SmallInt
from phoihop.programs import selectors
from phoihop.programs.models import Program
from phoihop.reporting import exports

router = Router(tags=["programs"])


class PartyOut(Schema):
    unit_id: int
    unit_name: str = Field(..., alias="unit.name")
    name_as_signed: str
    role: str
    signatory_name: str
    signatory_title: str
    commitments: str


class ContentAreaOut(Schema):
    order: int
    title: str
    description: str
    tasks: str


class ProgramOut(Schema):
    id: int
    kind: str
    number: str
    title: str
    state: str
    start_year: int
    end_year: int | None
    signed_on: dt.date | None
    signed_place: str
    parent_id: int | None
    predecessor_id: int | None
    parties: list[PartyOut]
    content_areas: list[ContentAreaOut]

    @staticmethod
    def resolve_parties(program: Program) -> list:
        return list(program.parties.all())

    @staticmethod
    def resolve_content_areas(program: Program) -> list:
        return list(program.content_areas.all())


class CoverageOut(Schema):
    expected: int
    signed: int
    in_effect: int
    reviewed: int
    by_state: dict[str, int]


class LevelCoverageOut(CoverageOut):
    levels_down: int


class ProgramCoverageOut(Schema):
    program_id: int
    direct: CoverageOut
    by_level: list[LevelCoverageOut]
    unsigned: list[ProgramOut]


class MilestoneOut(Schema):
    id: int
    kind: str
    title: str
    due_on: dt.date
    done_on: dt.date | None
    overdue: bool


class ProgramFilters(Schema):
    q: str | None = None
    state: str | None = None
    kind: str | None = None
    year: SmallInt | None = None
    tier: SmallInt | None = None
    party: Id | None = None


def _programs(request: HttpRequest):
    return selectors.programs_with_details(selectors.programs_visible_to(request.user))


def _program(request: HttpRequest, program_id: Id) -> Program:
    return get_object_or_404(_programs(request), pk=program_id)


@router.get("", response=list[ProgramOut], summary="List and search programs")
@paginate(Pages, page_size=50)
def program_list(request: HttpRequest, filters: Query[ProgramFilters]):
    programs = selectors.programs_filtered(
        _programs(request), **{k: v for k, v in filters.dict().items() if v not in (None, "")}
    )
    return programs.order_by("-start_year", "search_text", "pk")


@router.get("/{program_id}", response=ProgramOut, summary="One program")
def program_detail(request: HttpRequest, program_id: Id) -> Program:
    return _program(request, program_id)


@router.get("/{program_id}/coverage", response=ProgramCoverageOut, summary="Cascade coverage")
def program_coverage(request: HttpRequest, program_id: Id) -> dict:
    program = _program(request, program_id)
    direct = selectors.program_coverage(program)
    return {
        "program_id": program.pk,
        "direct": direct.__dict__,
        "by_level": [
            {"levels_down": level, **coverage.__dict__}
            for level, coverage in selectors.program_coverage_by_level(program)
        ],
        "unsigned": list(selectors.derived_programs(program, state="unsigned")[:500]),
    }


@router.get("/{program_id}/milestones", response=list[MilestoneOut], summary="Milestones")
def program_milestones(request: HttpRequest, program_id: Id) -> list[dict]:
    program = _program(request, program_id)
    today = selectors.today()
    return [
        {
            "id": m.pk,
            "kind": m.kind,
            "title": m.title,
            "due_on": m.due_on,
            "done_on": m.done_on,
            "overdue": m.is_overdue(today),
        }
        for m in program.milestones.all()
    ]


class DocumentFormat(Schema):
    format: Literal["docx", "pdf"] = "docx"


@router.get(
    "/{program_id}/document",
    summary="The program as a document for signing (.docx or PDF, ND 30/2020 format)",
    response={200: None},
    openapi_extra={
        "responses": {
            "200": {
                "description": "The file",
                "content": {exports.DOCX: {}, exports.PDF: {}},
            }
        }
    },
)
def program_document(
    request: HttpRequest, program_id: int, params: Query[DocumentFormat]
) -> HttpResponse:
    program = _program(request, program_id)
    return exports.as_response(exports.program_document_file(program, params.format))


class PlanParams(Schema):
    year: int
    unit: int | None = None
    format: Literal["docx", "pdf"] = "docx"


@router.get(
    "/{program_id}/plan",
    summary="A party's annual plan (kế hoạch) implementing the program (.docx or PDF)",
    response={200: None},
    openapi_extra={
        "responses": {
            "200": {"description": "The file", "content": {exports.DOCX: {}, exports.PDF: {}}}
        }
    },
)
def program_plan(request: HttpRequest, program_id: int, params: Query[PlanParams]) -> HttpResponse:
    program = _program(request, program_id)
    return exports.as_response(
        exports.plan_document_file(program, params.unit, params.year, params.format)
    )
