"""The API's page-number pagination, with the page number bounded (``core.ids.MAX_PAGE``)."""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

from phoihop.core.ids import MAX_PAGE


class Pages(PageNumberPagination):
    """Like ninja's, but ``?page=`` past MAX_PAGE is a 422 instead of an OFFSET the database
    cannot hold (a 500); a page past the last one is empty."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=500)
