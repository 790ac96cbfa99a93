"""A small union tree: the confederation, two provinces (Tiền Giang with a district and two
grassroots unions, Đồng Tháp with one grassroots union) and officers at each level."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from phoihop.indicators.models import Category
from tests.factories import accounts as account_factories
from tests.factories import orgs as org_factories

D0 = dt.date(2020, 1, 1)


@pytest.fixture
def tree():
    unit = org_factories.unit
    root = unit("Tổng Liên đoàn Lao động Việt Nam", level_code="trung-uong", valid_from=D0)
    tg = unit("LĐLĐ tỉnh Tiền Giang", parent=root, valid_from=D0)
    dt_ = unit("LĐLĐ tỉnh Đồng Tháp", parent=root, valid_from=D0)
    district = unit("LĐLĐ huyện Cái Bè", level_code="huyen", parent=tg, valid_from=D0)
    g1 = unit("CĐCS Trường THPT Cái Bè", level_code="co-so", parent=district, valid_from=D0)
    g2 = unit("CĐCS Công ty May Cái Bè", level_code="co-so", parent=district, valid_from=D0)
    g3 = unit("CĐCS Bệnh viện Sa Đéc", level_code="co-so", parent=dt_, valid_from=D0)
    return SimpleNamespace(root=root, tg=tg, dt=dt_, district=district, g1=g1, g2=g2, g3=g3)


@pytest.fixture
def sex():
    return {c.code: c for c in Category.objects.filter(set__code="gioi-tinh")}


@pytest.fixture
def admin_user():
    return account_factories.user("admin", is_superuser=True)
