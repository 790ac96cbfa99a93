"""The activities API: scoped lists and detail, de-duplicated totals with credits, creation."""

import datetime as dt
import json

import pytest

from phoihop.accounts.permissions import SYSTEM
from phoihop.activities import services
from phoihop.activities.models import Activity, ActivityKind
from phoihop.core.models import AuditEntry
from phoihop.programs import services as program_services
from tests.factories import accounts as account_factories
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/api/v1/activities"
DAY = dt.date(2017, 3, 6)


def _kind(code: str = "hoi-nghi") -> ActivityKind:
    return ActivityKind.objects.get(code=code)


def _create(*units, title="Hội nghị tuyên truyền pháp luật", **kw) -> Activity:
    values = {"kind": _kind(), "starts_on": DAY, "participants": 100, "participants_women": 60}
    return services.activity_create(
        actor=SYSTEM,
        organizers=[(unit, "lead" if i == 0 else "partner") for i, unit in enumerate(units)],
        title=title,
        **{**values, **kw},
    )


def _post(client, data):
    return client.post(URL, json.dumps(data), content_type="application/json")


def _titles(response) -> list[str]:
    return [a["title"] for a in response.json()["items"]]


@pytest.fixture
def district_union(hanoi_union):
    return org_factories.unit(
        "Liên đoàn Lao động quận Thanh Xuân", level_code="huyen", parent=hanoi_union
    )


@pytest.fixture
def program(hanoi_union, hanoi_women):
    return program_services.program_create(
        actor=SYSTEM,
        parties=[{"unit": hanoi_union}, {"unit": hanoi_women}],
        title="Chương trình phối hợp hoạt động trong nữ CNVCLĐ",
        start_year=2017,
        end_year=2022,
    )


@pytest.fixture
def catalogue(program, hanoi_union, hanoi_women, district_union, danang_union):
    """A joint activity, one by each party alone (one of them in a district), one elsewhere."""
    return {
        "joint": _create(
            hanoi_union,
            hanoi_women,
            title="Tọa đàm Ngày Quốc tế Phụ nữ",
            program=program,
            kind=_kind("toa-dam"),
            costs={"union": 1_000_000, "women": 500_000},
        ),
        "district": _create(
            district_union,
            title="Tập huấn an toàn lao động",
            kind=_kind("tap-huan"),
            starts_on=dt.date(2017, 5, 20),
            participants=50,
            participants_women=20,
        ),
        "women": _create(
            hanoi_women,
            title="Hội thi nấu ăn",
            starts_on=dt.date(2018, 10, 20),
            participants=30,
            participants_women=30,
        ),
        "danang": _create(danang_union, title="Hội nghị Đà Nẵng"),
    }


def test_anonymous_requests_are_refused(client, catalogue):
    responses = [client.get(URL), client.get(f"{URL}/totals"), _post(client, {})]

    assert [r.status_code for r in responses] == [401, 401, 401]


def test_list_shows_what_the_user_sees_newest_first(client, catalogue, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.get(URL)

    assert _titles(response) == ["Tập huấn an toàn lao động", "Tọa đàm Ngày Quốc tế Phụ nữ"]
    assert response.json()["count"] == 2


def test_list_item(client, catalogue, hanoi_union, hanoi_women, program, hanoi_women_officer):
    client.force_login(hanoi_women_officer)

    item = client.get(URL, {"q": "toa dam"}).json()["items"][0]

    assert item == {
        "id": catalogue["joint"].pk,
        "title": "Tọa đàm Ngày Quốc tế Phụ nữ",
        "kind": "Tọa đàm",
        "starts_on": "2017-03-06",
        "ends_on": None,
        "place": "",
        "area_code": None,
        "program_id": program.pk,
        "participants": 100,
        "participants_women": 60,
        "participants_men": 40,
        "beneficiaries": 0,
        "total_cost": 1_500_000,
        "source": "entered",
        "version": 1,
        "organizers": [
            {
                "unit_id": hanoi_union.pk,
                "unit_name": "Liên đoàn Lao động thành phố Hà Nội",
                "role": "lead",
            },
            {
                "unit_id": hanoi_women.pk,
                "unit_name": "Hội Liên hiệp Phụ nữ thành phố Hà Nội",
                "role": "partner",
            },
        ],
    }


def test_list_filters(client, catalogue, program, hanoi_union, hanoi_women, hanoi_women_officer):
    client.force_login(hanoi_women_officer)
    cases = {
        "all": {},
        "words": {"q": "HOI THI nau an"},
        "period": {"start": "2018-01-01", "end": "2018-12-31"},
        "unit": {"unit": hanoi_women.pk},
        "program": {"program": program.pk},
        "kind": {"kind": _kind("toa-dam").pk},
        "none": {"q": "khong co"},
    }

    found = {name: _titles(client.get(URL, params)) for name, params in cases.items()}

    assert found == {
        "all": ["Hội thi nấu ăn", "Tọa đàm Ngày Quốc tế Phụ nữ"],
        "words": ["Hội thi nấu ăn"],
        "period": ["Hội thi nấu ăn"],
        "unit": ["Hội thi nấu ăn", "Tọa đàm Ngày Quốc tế Phụ nữ"],
        "program": ["Tọa đàm Ngày Quốc tế Phụ nữ"],
        "kind": ["Tọa đàm Ngày Quốc tế Phụ nữ"],
        "none": [],
    }


def test_list_of_a_unit_the_user_cannot_see_is_404(
    client, catalogue, danang_union, hanoi_union_officer
):
    client.force_login(hanoi_union_officer)

    response = client.get(URL, {"unit": danang_union.pk})

    assert response.status_code == 404


def test_totals_of_both_parties_count_the_joint_activity_once(
    client, catalogue, hanoi_union_officer
):
    client.force_login(hanoi_union_officer)

    response = client.get(f"{URL}/totals")

    assert response.json() == {
        "activities": 2,
        "participants": 150,
        "women": 80,
        "men": 70,
        "beneficiaries": 0,
        "cost": 1_500_000,
        "credits": 3,
        "double_counted": 1,
    }


def test_totals_of_a_unit_credit_its_subtree(
    client, catalogue, hanoi_union, hanoi_women, district_union, hanoi_union_officer
):
    _create(district_union, hanoi_union, title="Hội nghị người lao động quận")
    client.force_login(hanoi_union_officer)

    by_unit = {
        unit.name: client.get(f"{URL}/totals", {"unit": unit.pk}).json()
        for unit in (hanoi_union, district_union)
    }

    assert {
        name: (t["activities"], t["credits"], t["double_counted"]) for name, t in by_unit.items()
    } == {
        hanoi_union.name: (3, 4, 1),
        district_union.name: (2, 2, 0),
    }


def test_totals_of_a_unit_the_user_cannot_see_is_404(
    client, catalogue, danang_union, hanoi_women_officer
):
    client.force_login(hanoi_women_officer)

    response = client.get(f"{URL}/totals", {"unit": danang_union.pk})

    assert response.status_code == 404


def test_detail(client, catalogue, hanoi_women_officer):
    client.force_login(hanoi_women_officer)

    response = client.get(f"{URL}/{catalogue['joint'].pk}")

    assert (response.json()["id"], response.json()["total_cost"]) == (
        catalogue["joint"].pk,
        1_500_000,
    )


@pytest.mark.parametrize("name", ["joint", "district", "women"])
def test_detail_for_an_outsider_is_404(client, catalogue, danang_union_officer, name):
    client.force_login(danang_union_officer)

    response = client.get(f"{URL}/{catalogue[name].pk}")

    assert response.status_code == 404


def test_detail_of_a_merged_duplicate_is_404(client, hanoi_union, hanoi_union_officer):
    keep, duplicate = _create(hanoi_union), _create(hanoi_union, title="Hội nghị tuyên truyền")
    services.activity_merge(keep=keep, duplicate=duplicate, actor=SYSTEM)
    client.force_login(hanoi_union_officer)

    response = client.get(f"{URL}/{duplicate.pk}")

    assert response.status_code == 404


# --- create ---------------------------------------------------------------------------------


def _payload(lead, **fields) -> dict:
    return {
        "title": "Hội nghị tuyên truyền pháp luật cho nữ công nhân",
        "kind": "hoi-nghi",
        "starts_on": "2017-03-06",
        "lead_unit_id": lead.pk,
        "participants": 120,
        "participants_women": 80,
        **fields,
    }


def test_create_answers_201_without_a_deprecation_warning(client, hanoi_union, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = _post(client, _payload(hanoi_union))

    assert response.status_code == 201


def test_create(client, program, hanoi_union, hanoi_women, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = _post(
        client, _payload(hanoi_union, partner_unit_ids=[hanoi_women.pk], program_id=program.pk)
    )

    activity = Activity.objects.get()
    body = response.json()
    assert response.status_code == 201
    assert (body["id"], body["program_id"], [o["role"] for o in body["organizers"]]) == (
        activity.pk,
        program.pk,
        ["lead", "partner"],
    )
    assert list(activity.organizers.order_by("role").values_list("unit_id", flat=True)) == [
        hanoi_union.pk,
        hanoi_women.pk,
    ]
    assert (
        activity.created_by,
        AuditEntry.objects.filter(action="phoihop.activity.created").count(),
    ) == (
        hanoi_union_officer,
        1,
    )


def test_create_for_a_lead_unit_outside_reach_is_403(client, hanoi_women, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = _post(client, _payload(hanoi_women))

    assert (response.status_code, Activity.objects.count()) == (403, 0)


def test_create_by_a_viewer_is_403(client, hanoi_union):
    client.force_login(account_factories.member(hanoi_union, "viewer"))

    response = _post(client, _payload(hanoi_union))

    assert (response.status_code, Activity.objects.count()) == (403, 0)


def test_create_with_a_partner_outside_candidates_is_404(
    client, hanoi_union, danang_union, hanoi_union_officer
):
    client.force_login(hanoi_union_officer)

    response = _post(client, _payload(hanoi_union, partner_unit_ids=[danang_union.pk]))

    assert (response.status_code, Activity.objects.count()) == (404, 0)


def test_create_under_a_program_the_user_cannot_see_is_404(
    client, hanoi_union, danang_union, union_root, hanoi_union_officer
):
    theirs = program_services.program_create(
        actor=SYSTEM,
        parties=[{"unit": danang_union}, {"unit": union_root}],
        title="Chương trình Đà Nẵng",
        start_year=2017,
    )
    client.force_login(hanoi_union_officer)

    response = _post(client, _payload(hanoi_union, program_id=theirs.pk))

    assert (response.status_code, Activity.objects.count()) == (404, 0)


def test_create_with_an_unknown_kind_is_422(client, hanoi_union, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = _post(client, _payload(hanoi_union, kind="khong-co"))

    assert (response.status_code, response.json()["detail"]) == (
        422,
        "Không có loại hoạt động “khong-co”.",
    )


def test_create_refused_by_a_business_rule_is_400(client, hanoi_union, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = _post(client, _payload(hanoi_union, participants_women=500))

    assert (response.status_code, response.json()["detail"]) == (
        400,
        "Số nữ (500) không được lớn hơn số người tham dự (120).",
    )
    assert Activity.objects.count() == 0


def test_create_naming_the_lead_as_partner_is_400(client, hanoi_union, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = _post(client, _payload(hanoi_union, partner_unit_ids=[hanoi_union.pk]))

    assert (response.status_code, Activity.objects.count()) == (400, 0)


def test_pages_of_a_unit_list_are_complete_and_newest_first(
    client, hanoi_union, district_union, hanoi_union_officer
):
    for i in range(55):
        _create(
            district_union if i % 2 else hanoi_union,
            title=f"Tập huấn {i}",
            starts_on=DAY + dt.timedelta(days=i % 40),
        )
    client.force_login(hanoi_union_officer)

    pages = [client.get(URL, {"unit": hanoi_union.pk, "page": n}).json() for n in (1, 2)]

    listed = [item["id"] for page in pages for item in page["items"]]
    assert [page["count"] for page in pages] == [55, 55]
    assert [len(page["items"]) for page in pages] == [50, 5]
    assert listed == list(
        Activity.objects.order_by("-starts_on", "-pk").values_list("pk", flat=True)
    )
