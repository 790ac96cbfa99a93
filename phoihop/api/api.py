"""One API for every app, at /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from phoihop.accounts.permissions import PermissionRefused
from phoihop.api.activities import router as activities_router
from phoihop.api.auth import BearerToken, SessionAuth
from phoihop.api.documents import router as documents_router
from phoihop.api.indicators import router as indicators_router
from phoihop.api.orgs import router as orgs_router
from phoihop.api.programs import router as programs_router
from phoihop.api.reviews import router as reviews_router
from phoihop.core.concurrency import EditConflict
from phoihop.core.exceptions import DomainError

# Every operation may answer these; the OpenAPI says so (schemathesis checks the documented codes).
ERROR_RESPONSES = {
    "400": "Refused by a business rule",
    "401": "Not logged in, or no valid API token",
    "403": "Not allowed",
    "404": "Not found, or not visible to you",
    "409": "Changed by someone else meanwhile",
    "422": "Invalid input",
}
ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {
        "detail": {"title": "Detail", "type": "string"},
        "errors": {"title": "Errors", "type": "array", "items": {"type": "object"}},
    },
    "required": ["detail"],
}


class PhoihopAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        """ninja's schema, with the error responses declared for every operation."""
        schema = super().get_openapi_schema(**kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                # ninja keys some statuses as integers: one string key per status, or the
                # JSON would hold "404" twice (Swagger UI refuses such a document).
                responses: dict[str, Any] = {}
                for status, response in operation.get("responses", {}).items():
                    responses.setdefault(str(status), response)
                for status, description in ERROR_RESPONSES.items():
                    responses.setdefault(
                        str(status), {"description": description, "content": content}
                    )
                operation["responses"] = responses
        return schema


api = PhoihopAPI(
    title="phoihop API",
    version="1",
    description="Chương trình phối hợp: đơn vị, chương trình, hoạt động, chỉ tiêu.",
    auth=[BearerToken(), SessionAuth(csrf=True)],
    urls_namespace="api",
)
api.add_router("/units", orgs_router)
api.add_router("/programs", programs_router)
api.add_router("/documents", documents_router)
api.add_router("/activities", activities_router)
api.add_router("/indicators", indicators_router)
api.add_router("/reviews", reviews_router)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(EditConflict)
def edit_conflict(request: HttpRequest, exc: EditConflict) -> HttpResponse:
    body = {
        "detail": str(exc),
        "current_version": exc.current_version,
        "differences": [
            {"field": d.field, "yours": d.yours, "saved": d.saved} for d in exc.differences
        ],
    }
    return api.create_response(request, body, status=409)


@api.exception_handler(PermissionRefused)
def permission_refused(request: HttpRequest, exc: PermissionRefused) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Không tìm thấy."}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": "Cần đăng nhập hoặc mã truy cập API hợp lệ."}, status=401
    )


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": "Dữ liệu gửi lên không hợp lệ.", "errors": exc.errors}, status=422
    )


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"detail": "Bạn không có quyền thực hiện thao tác này."}, status=403
    )


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def out_of_range(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A number the database cannot hold (SQLite: OverflowError; PostgreSQL: DataError) that no
    schema bound caught: bad input (422), not a server error."""
    return api.create_response(
        request,
        {"detail": "Dữ liệu gửi lên không hợp lệ: có số quá lớn hoặc giá trị quá dài."},
        status=422,
    )


def path_not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other path under /api/v1/ (``/units/abc``): a JSON 404 like the API's own."""
    return JsonResponse({"detail": "Không tìm thấy."}, status=404)
