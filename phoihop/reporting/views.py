"""Download the program as a document for signing (.docx or PDF)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.views.decorators.http import require_GET

from phoihop.core.exceptions import DomainError
from phoihop.programs import selectors as program_selectors
from phoihop.reporting import exports


@login_required
@require_GET
def program_document(request: HttpRequest, pk: int) -> HttpResponse:
    program = program_selectors.program_get_for_user(request.user, pk)
    if program is None:
        raise Http404
    try:
        result = exports.program_document_file(program, request.GET.get("format", "docx"))
    except DomainError as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    return exports.as_response(result)


@login_required
@require_GET
def program_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """A party's annual plan (kế hoạch) implementing the program."""
    program = program_selectors.program_get_for_user(request.user, pk)
    if program is None:
        raise Http404
    unit, year = request.GET.get("unit", ""), request.GET.get("year", "")
    try:
        result = exports.plan_document_file(
            program,
            int(unit) if unit.isdigit() else None,
            int(year) if year.isdigit() and len(year) == 4 else None,
            request.GET.get("format", "docx"),
        )
    except DomainError as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    return exports.as_response(result)
