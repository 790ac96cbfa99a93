"""Searching for the name of a merged unit leads to what it became."""

import datetime as dt

import pytest

from phoihop.accounts.permissions import SYSTEM
from phoihop.orgs import services
from tests.factories import accounts as account_factories
from tests.factories import orgs as factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_a_merged_units_name_shows_it_below_with_its_successor(client, union_root):
    tien_giang = factories.unit(
        "Liên đoàn Lao động tỉnh Tiền Giang", parent=union_root, valid_from=dt.date(2000, 1, 1)
    )
    dong_thap = factories.unit(
        "Liên đoàn Lao động tỉnh Đồng Tháp", parent=union_root, valid_from=dt.date(2000, 1, 1)
    )
    services.units_merge(
        sources=[tien_giang], target=dong_thap, on=dt.date(2025, 7, 1), actor=SYSTEM
    )
    client.force_login(account_factories.member(union_root, "viewer"))

    page = client.get(
        "/units/search/", {"q": "Liên đoàn Lao động tỉnh Tiền Giang"}
    ).content.decode()

    assert "Liên đoàn Lao động tỉnh Tiền Giang" in page
    ended = page[page.index('class="table ended"') :]
    assert "Liên đoàn Lao động tỉnh Tiền Giang" in ended
    assert "Liên đoàn Lao động tỉnh Đồng Tháp" in ended
    assert "30/06/2025" in ended


def test_ended_units_outside_the_users_reach_stay_hidden(client, union_root, danang_union):
    tien_giang = factories.unit(
        "Liên đoàn Lao động tỉnh Tiền Giang", parent=union_root, valid_from=dt.date(2000, 1, 1)
    )
    services.unit_dissolve(unit=tien_giang, on=dt.date(2025, 7, 1), actor=SYSTEM)
    client.force_login(account_factories.member(danang_union, "viewer"))

    page = client.get("/units/search/", {"q": "Tiền Giang"}).content.decode()

    assert "Tiền Giang" not in page.split('id="results"', 1)[1]
