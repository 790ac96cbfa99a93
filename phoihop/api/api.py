"""One API for every app, at /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from phoihop.api.activities import router as activities_router
from phoihop.api.auth import BearerToken, SessionAuth
from phoihop.api.documents import router as documents_router
from phoihop.api.orgs import router as orgs_router
from phoihop.api.programs import router as programs_router
from phoihop.api.reviews import router as reviews_router
from phoihop.core.exceptions import DomainError

api = NinjaAPI(
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
api.add_router("/reviews", reviews_router)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=400)


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
