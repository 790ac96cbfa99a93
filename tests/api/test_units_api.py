"""The units API: scoped by permissions, accent-insensitive search, dates, bearer tokens."""

import datetime as dt

import pytest

from phoihop.accounts.permissions import SYSTEM
from phoihop.accounts.services import api_token_create
from phoihop.orgs import services
from tests.factories import orgs as factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def tien_giang(union_root):
    return factories.unit(
        "Liên đoàn Lao động tỉnh Tiền Giang",
        short_name="LĐLĐ tỉnh Tiền Giang",
        parent=union_root,
        code="cd-82",
    )


@pytest.fixture
def dong_thap(union_root):
    return factories.unit(
        "Liên đoàn Lao động tỉnh Đồng Tháp",
        short_name="LĐLĐ tỉnh Đồng Tháp",
        parent=union_root,
        valid_from=dt.date(2025, 7, 1),
    )


@pytest.fixture
def merged(tien_giang, dong_thap):
    """Tiền Giang's union, with one district, merged into Đồng Tháp's on 1 July 2025."""
    district = factories.unit(
        "Liên đoàn Lao động thành phố Mỹ Tho",
        level_code="huyen",
        parent=tien_giang,
        valid_from=dt.date(2010, 1, 1),
    )
    services.unit_dissolve(unit=district, on=dt.date(2025, 7, 1), actor=SYSTEM)
    services.units_merge(
        sources=[tien_giang], target=dong_thap, on=dt.date(2025, 7, 1), actor=SYSTEM
    )
    return district


def names(response) -> list[str]:
    return [item["name"] for item in response.json()["items"]]


def test_list_searches_without_accents_and_only_visible_units(
    client, union_root, tien_giang, hanoi_union
):
    officer = factories_member(tien_giang)
    client.force_login(officer)

    results = {
        q: names(client.get("/api/v1/units", {"q": q}))
        for q in ["tien giang", "TIỀN GIANG", "ldld tien giang", "ha noi"]
    }

    assert results == {
        "tien giang": ["Liên đoàn Lao động tỉnh Tiền Giang"],
        "TIỀN GIANG": ["Liên đoàn Lao động tỉnh Tiền Giang"],
        "ldld tien giang": ["Liên đoàn Lao động tỉnh Tiền Giang"],
        "ha noi": [],
    }


def test_list_as_of_a_date(client, merged, dong_thap, tien_giang):
    client.force_login(factories_member(dong_thap))

    before = names(client.get("/api/v1/units", {"q": "lao dong", "at": "2024-01-01"}))
    after = names(client.get("/api/v1/units", {"q": "lao dong", "at": "2026-01-01"}))

    assert before == ["Liên đoàn Lao động thành phố Mỹ Tho", "Liên đoàn Lao động tỉnh Tiền Giang"]
    assert after == ["Liên đoàn Lao động tỉnh Đồng Tháp"]


def test_subtree_before_and_after_a_merge(client, merged, tien_giang, dong_thap):
    client.force_login(factories_member(dong_thap))

    before = client.get(f"/api/v1/units/{tien_giang.pk}/subtree", {"at": "2024-01-01"}).json()
    after = client.get(
        f"/api/v1/units/{dong_thap.pk}/subtree", {"at": "2026-01-01", "include_inactive": "true"}
    ).json()

    assert [u["name"] for u in before["items"]] == [
        "Liên đoàn Lao động thành phố Mỹ Tho",
        "Liên đoàn Lao động tỉnh Tiền Giang",
    ]
    assert [u["name"] for u in after["items"]] == [
        "Liên đoàn Lao động thành phố Mỹ Tho",
        "Liên đoàn Lao động tỉnh Đồng Tháp",
        "Liên đoàn Lao động tỉnh Tiền Giang",
    ]


def test_ancestors_follow_the_date(client, merged, tien_giang, dong_thap, union_root):
    client.force_login(factories_member(dong_thap))

    before = client.get(f"/api/v1/units/{merged.pk}/ancestors", {"at": "2024-01-01"}).json()
    after = client.get(f"/api/v1/units/{merged.pk}/ancestors", {"at": "2026-01-01"}).json()

    assert [u["id"] for u in before] == [union_root.pk, tien_giang.pk]
    assert [u["id"] for u in after] == [union_root.pk, dong_thap.pk, tien_giang.pk]


def test_history_and_successors(client, merged, tien_giang, dong_thap):
    client.force_login(factories_member(dong_thap))

    history = client.get(f"/api/v1/units/{tien_giang.pk}/history").json()
    successors = client.get(f"/api/v1/units/{tien_giang.pk}/successors").json()

    assert [(h["kind"], h["effective_on"], h["role"]) for h in history] == [
        ("merge", "2025-07-01", "source")
    ]
    assert [u["id"] for u in successors] == [dong_thap.pk]


def test_detail_of_an_invisible_unit_is_404(client, tien_giang, hanoi_union):
    client.force_login(factories_member(tien_giang))

    responses = [
        client.get(f"/api/v1/units/{hanoi_union.pk}{suffix}")
        for suffix in ["", "/subtree", "/ancestors", "/history", "/counterparts"]
    ]

    assert [r.status_code for r in responses] == [404, 404, 404, 404, 404]
    assert all(hanoi_union.name not in r.content.decode() for r in responses)


def test_bearer_token_authenticates_scripts(client, tien_giang):
    officer = factories_member(tien_giang)
    _token, raw = api_token_create(user=officer)

    response = client.get("/api/v1/units", {"q": "tien giang"}, HTTP_AUTHORIZATION=f"Bearer {raw}")
    refused = client.get("/api/v1/units", HTTP_AUTHORIZATION="Bearer wrong")

    assert names(response) == ["Liên đoàn Lao động tỉnh Tiền Giang"]
    assert (refused.status_code, refused.json()["detail"]) == (
        401,
        "Cần đăng nhập hoặc mã truy cập API hợp lệ.",
    )


def test_anonymous_is_refused(client, tien_giang):
    response = client.get("/api/v1/units")

    assert response.status_code == 401


def test_openapi_schema_lists_the_unit_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()

    assert sorted(p for p in schema["paths"] if p.startswith("/api/v1/units")) == [
        "/api/v1/units",
        "/api/v1/units/{unit_id}",
        "/api/v1/units/{unit_id}/ancestors",
        "/api/v1/units/{unit_id}/counterparts",
        "/api/v1/units/{unit_id}/history",
        "/api/v1/units/{unit_id}/subtree",
        "/api/v1/units/{unit_id}/successors",
    ]


def factories_member(unit, role="viewer"):
    from tests.factories.accounts import member

    return member(unit, role)
