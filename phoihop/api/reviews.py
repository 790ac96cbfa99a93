"""Reviews (sơ kết, tổng kết): list by program, one review with its figures, its documents."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from phoihop.programs import selectors as program_selectors
from phoihop.reporting import exports
from phoihop.reviews import documents, selectors
from phoihop.reviews.models import Review

router = Router(tags=["reviews"])


class ReviewOut(Schema):
    id: int
    program_id: int
    unit_id: int
    unit_name: str = Field(..., alias="unit.name")
    kind: str
    state: str
    joint: bool
    period_start: dt.date
    period_end: dt.date
    number: str
    issued_on: dt.date | None
    milestone_id: int | None
    approved_at: dt.datetime | None


class ReviewDetailOut(ReviewOut):
    frozen: bool
    figures: dict
    hierarchy: dict
    narrative: dict
    document_status: str
    document_progress: int

    @staticmethod
    def resolve_frozen(review: Review) -> bool:
        return review.frozen is not None

    @staticmethod
    def resolve_figures(review: Review) -> dict:
        return selectors.review_figures(review)

    @staticmethod
    def resolve_hierarchy(review: Review) -> dict:
        return selectors.review_hierarchy(review)


class ReviewFilters(Schema):
    program: int


class ReviewDocumentFormat(Schema):
    format: Literal["docx", "pdf", "xlsx"] = "docx"


def _review(request: HttpRequest, review_id: int) -> Review:
    review = selectors.review_get_for_user(request.user, review_id)
    if review is None:
        raise Http404
    return review


@router.get("", response=list[ReviewOut], summary="Reviews of a program and of its cascade")
def review_list(request: HttpRequest, filters: Query[ReviewFilters]) -> list[Review]:
    program = program_selectors.program_get_for_user(request.user, filters.program)
    if program is None:
        raise Http404
    return list(selectors.reviews_of_program(request.user, program)[:500])


@router.get("/{review_id}", response=ReviewDetailOut, summary="One review with its figures")
def review_detail(request: HttpRequest, review_id: int) -> Review:
    return _review(request, review_id)


@router.get(
    "/{review_id}/document",
    summary="The review report (.docx, PDF) or its statistical annex (.xlsx)",
    response={200: None},
    openapi_extra={
        "responses": {
            "200": {
                "description": "The file",
                "content": {exports.DOCX: {}, exports.PDF: {}, exports.XLSX: {}},
            }
        }
    },
)
def review_document(
    request: HttpRequest, review_id: int, params: Query[ReviewDocumentFormat]
) -> HttpResponse:
    review = _review(request, review_id)
    return exports.as_response(documents.review_file(review, params.format))
