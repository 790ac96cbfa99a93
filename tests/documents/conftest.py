"""Fixtures shared by the registry's page and API tests: two documents and a viewer."""

from __future__ import annotations

import datetime as dt

import pytest

from phoihop.accounts.permissions import SYSTEM
from phoihop.documents import services
from phoihop.documents.enums import DocType
from tests.factories import accounts as account_factories


@pytest.fixture
def nq57():
    return services.document_create(
        actor=SYSTEM,
        doc_type=DocType.NGHI_QUYET,
        number="57/NQ-CP",
        issuer="Chính phủ",
        issued_on=dt.date(2009, 12, 1),
        summary="Chương trình hành động của Chính phủ",
    )


@pytest.fixture
def ct21():
    return services.document_create(
        actor=SYSTEM,
        doc_type=DocType.CHI_THI,
        number="21-CT/TW",
        issuer="Ban Bí thư",
        issued_on=dt.date(2018, 1, 20),
        summary="Tiếp tục đẩy mạnh công tác phụ nữ trong tình hình mới",
    )


@pytest.fixture
def viewer(hanoi_union):
    """A logged-in user with nothing to edit: any user reads the registry."""
    return account_factories.member(hanoi_union, "viewer", username="viewer")
