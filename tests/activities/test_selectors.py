"""Reads over activities: a joint activity counts once and is credited to every organizer."""

import datetime as dt

import pytest

from phoihop.accounts.permissions import SYSTEM
from phoihop.activities import selectors, services
from phoihop.activities.models import Activity, ActivityKind
from phoihop.orgs.selectors import subtree_ids
from phoihop.programs import services as program_services
from tests.factories import accounts as account_factories
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

DAY = dt.date(2017, 3, 6)


def _kind(code: str = "hoi-nghi") -> ActivityKind:
    return ActivityKind.objects.get(code=code)


def _create(*units, title="Hội nghị tuyên truyền pháp luật", costs=None, **fields) -> Activity:
    values = {"kind": _kind(), "starts_on": DAY, **fields}
    return services.activity_create(
        actor=SYSTEM,
        organizers=[(unit, "lead" if i == 0 else "partner") for i, unit in enumerate(units)],
        costs=costs,
        title=title,
        **values,
    )


def _live() -> Activity:
    return Activity.objects.filter(merged_into__isnull=True)


def _ids(activities) -> set[int]:
    return {a.pk for a in activities}


@pytest.fixture
def district_union(hanoi_union):
    area = org_factories.area("Quận Thanh Xuân", kind="district", short_name="Thanh Xuân")
    return org_factories.unit(
        "Liên đoàn Lao động quận Thanh Xuân", level_code="huyen", parent=hanoi_union, area=area
    )


@pytest.fixture
def youth_union(hanoi_area):
    root = org_factories.unit(
        "Trung ương Đoàn TNCS Hồ Chí Minh", system_code="doan-tn", level_code="trung-uong"
    )
    return org_factories.unit(
        "Thành Đoàn Hà Nội", system_code="doan-tn", parent=root, area=hanoi_area
    )


@pytest.fixture
def program(hanoi_union, hanoi_women):
    return program_services.program_create(
        actor=SYSTEM,
        parties=[{"unit": hanoi_union}, {"unit": hanoi_women}],
        content_areas=[{"title": "Tuyên truyền"}, {"title": "Thi đua"}],
        title="Chương trình phối hợp hoạt động trong nữ CNVCLĐ",
        start_year=2017,
        end_year=2022,
    )


# --- de-duplication and crediting -----------------------------------------------------------


@pytest.fixture
def two_parties(hanoi_union, hanoi_women):
    """LĐLĐ and Hội LHPN Hà Nội co-organize one activity; each also organizes one alone."""
    return {
        "joint": _create(
            hanoi_union,
            hanoi_women,
            participants=100,
            participants_women=60,
            beneficiaries=40,
            costs={"union": 1_000_000, "women": 500_000},
        ),
        "union": _create(
            hanoi_union,
            title="Tập huấn",
            participants=50,
            participants_women=20,
            costs={"union": 200_000},
        ),
        "women": _create(hanoi_women, title="Hội thi", participants=30, participants_women=30),
    }


def test_two_parties_joint_activity_counts_once_and_is_credited_twice(
    two_parties, hanoi_union, hanoi_women
):
    totals = selectors.activity_totals(_live(), scope=[hanoi_union.pk, hanoi_women.pk])

    assert (totals.activities, totals.credits, totals.double_counted) == (3, 4, 1)


def test_two_parties_each_credited_with_two(two_parties, hanoi_union, hanoi_women):
    credits = selectors.credits_by_unit(_live(), [hanoi_union, hanoi_women])

    assert credits == [(hanoi_union, 2), (hanoi_women, 2)]


def test_each_party_alone_has_no_double_counting(two_parties, hanoi_union):
    scope = subtree_ids(hanoi_union, include_inactive=True)
    own = selectors.activities_filtered(_live(), unit=hanoi_union)

    totals = selectors.activity_totals(own, scope=scope)

    assert (totals.activities, totals.credits, totals.double_counted) == (2, 2, 0)


def test_totals_sums_count_a_joint_activity_once(two_parties, hanoi_union, hanoi_women):
    totals = selectors.activity_totals(_live(), scope=[hanoi_union.pk, hanoi_women.pk])

    assert (
        totals.participants,
        totals.women,
        totals.men,
        totals.beneficiaries,
        totals.cost,
    ) == (180, 110, 70, 40, 1_700_000)


def test_cost_by_source_counts_a_joint_activity_once(two_parties):
    assert selectors.cost_by_source(_live()) == {"union": 1_200_000, "women": 500_000}


def test_totals_without_scope_count_every_organizer(two_parties):
    totals = selectors.activity_totals(_live())

    assert (totals.activities, totals.credits, totals.double_counted) == (3, 4, 1)


def test_totals_of_nothing_are_zero():
    totals = selectors.activity_totals(_live(), scope=[])

    assert totals == selectors.Totals()
    assert (totals.men, totals.double_counted) == (0, 0)


def test_three_parties(hanoi_union, hanoi_women, youth_union):
    _create(hanoi_union, hanoi_women, youth_union, title="Diễn đàn thanh niên")
    _create(hanoi_union, hanoi_women, title="Tọa đàm")
    _create(youth_union, title="Hội thi")
    parties = [hanoi_union, hanoi_women, youth_union]

    totals = selectors.activity_totals(_live(), scope=[u.pk for u in parties])
    credits = selectors.credits_by_unit(_live(), parties)

    assert (totals.activities, totals.credits, totals.double_counted) == (3, 6, 3)
    assert [n for _unit, n in credits] == [2, 2, 2]


def test_nested_units_count_once_in_the_city_subtree(hanoi_union, district_union, hanoi_women):
    _create(district_union, hanoi_union, title="Hội nghị người lao động quận Thanh Xuân")
    _create(district_union, title="Tập huấn an toàn lao động")
    _create(hanoi_women, title="Hội thi")
    city = selectors.activities_filtered(_live(), unit=hanoi_union)

    totals = selectors.activity_totals(city, scope=subtree_ids(hanoi_union, include_inactive=True))
    credits = selectors.credits_by_unit(_live(), [hanoi_union, district_union])

    assert (city.count(), totals.activities, totals.credits, totals.double_counted) == (2, 2, 3, 1)
    assert credits == [(hanoi_union, 2), (district_union, 2)]


def test_scope_leaves_out_other_units_credits(two_parties, hanoi_union):
    union_scope = subtree_ids(hanoi_union, include_inactive=True)

    totals = selectors.activity_totals(_live(), scope=union_scope)

    assert (totals.activities, totals.credits, totals.double_counted) == (3, 2, 0)


# --- visibility -----------------------------------------------------------------------------


def test_organizer_subtree_users_see_an_activity(hanoi_union, district_union, hanoi_union_officer):
    activity = _create(district_union)
    district_officer = account_factories.member(district_union, "viewer")

    seen = [
        _ids(selectors.activities_visible_to(user))
        for user in (hanoi_union_officer, district_officer)
    ]

    assert seen == [{activity.pk}, {activity.pk}]


def test_a_role_on_the_unit_alone_does_not_see_sub_units(hanoi_union, district_union):
    _create(district_union)
    own = _create(hanoi_union, title="Tập huấn")
    narrow = account_factories.member(hanoi_union, "viewer", include_subunits=False)

    assert _ids(selectors.activities_visible_to(narrow)) == {own.pk}


def test_a_program_party_sees_a_program_activity_organized_by_the_other(
    program, hanoi_union, hanoi_women_officer, danang_union_officer
):
    activity = _create(hanoi_union, program=program)
    _create(hanoi_union, title="Tập huấn")

    seen = [
        _ids(selectors.activities_visible_to(user))
        for user in (hanoi_women_officer, danang_union_officer)
    ]

    assert seen == [{activity.pk}, set()]


def test_an_outsider_sees_nothing(two_parties, danang_union_officer):
    assert list(selectors.activities_visible_to(danang_union_officer)) == []


def test_get_for_user(two_parties, hanoi_women_officer):
    joint, union_only = two_parties["joint"], two_parties["union"]

    found = [
        selectors.activity_get_for_user(hanoi_women_officer, a.pk) for a in (joint, union_only)
    ]

    assert found == [joint, None]


def test_a_superuser_sees_everything(two_parties):
    admin = account_factories.user("admin", is_superuser=True)

    assert selectors.activities_visible_to(admin).count() == 3


def test_merged_duplicates_are_not_visible(hanoi_union, hanoi_women, hanoi_union_officer):
    keep, duplicate = _create(hanoi_union), _create(hanoi_women, hanoi_union)
    services.activity_merge(keep=keep, duplicate=duplicate, actor=SYSTEM)

    assert _ids(selectors.activities_visible_to(hanoi_union_officer)) == {keep.pk}


# --- filters --------------------------------------------------------------------------------


@pytest.fixture
def catalogue(program, hanoi_union, hanoi_women, district_union):
    return {
        "march": _create(
            hanoi_union,
            hanoi_women,
            title="Tọa đàm Ngày Quốc tế Phụ nữ",
            place="Cung Văn hóa Lao động",
            program=program,
            kind=_kind("toa-dam"),
            starts_on=dt.date(2017, 3, 6),
        ),
        "may": _create(
            district_union,
            title="Tập huấn an toàn vệ sinh lao động",
            kind=_kind("tap-huan"),
            starts_on=dt.date(2017, 5, 20),
        ),
        "next_year": _create(
            hanoi_women,
            title="Hội thi nấu ăn",
            program=program,
            kind=_kind("hoi-thi"),
            starts_on=dt.date(2018, 10, 20),
        ),
    }


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, {"march", "may", "next_year"}),
        ({"start": dt.date(2017, 3, 7)}, {"may", "next_year"}),
        ({"end": dt.date(2017, 12, 31)}, {"march", "may"}),
        ({"start": dt.date(2017, 3, 6), "end": dt.date(2017, 3, 6)}, {"march"}),
        ({"kind": "tap-huan"}, {"may"}),
        ({"q": "toa dam quoc te"}, {"march"}),
        ({"q": "TỌA ĐÀM"}, {"march"}),
        ({"q": "cung van hoa"}, {"march"}),
        ({"q": "thanh xuan"}, {"may"}),
        ({"q": "hoi lien hiep phu nu"}, {"march", "next_year"}),
        ({"q": "toa dam nau an"}, set()),
    ],
)
def test_filters(catalogue, filters, expected):
    if "kind" in filters:
        filters = {**filters, "kind": _kind(filters["kind"])}

    found = selectors.activities_filtered(_live(), **filters)

    assert _ids(found) == {catalogue[name].pk for name in expected}


def test_filter_by_unit_takes_its_subtree(catalogue, hanoi_union, hanoi_women, district_union):
    found = {
        unit.name: _ids(selectors.activities_filtered(_live(), unit=unit))
        for unit in (hanoi_union, hanoi_women, district_union)
    }

    assert found == {
        hanoi_union.name: {catalogue["march"].pk, catalogue["may"].pk},
        hanoi_women.name: {catalogue["march"].pk, catalogue["next_year"].pk},
        district_union.name: {catalogue["may"].pk},
    }


def test_filter_by_program_and_content_area(catalogue, program):
    area = program.content_areas.get(title="Thi đua")
    catalogue["next_year"].content_areas.add(area)

    by_program = selectors.activities_filtered(_live(), program=program)
    by_area = selectors.activities_filtered(_live(), content_area=area)

    assert (_ids(by_program), _ids(by_area)) == (
        {catalogue["march"].pk, catalogue["next_year"].pk},
        {catalogue["next_year"].pk},
    )


def test_filter_by_area_includes_its_districts(hanoi_union, hanoi_area):
    district = org_factories.area("Quận Ba Đình", kind="district", parent=hanoi_area)
    in_city = _create(hanoi_union, area=hanoi_area)
    in_district = _create(hanoi_union, area=district, title="Tập huấn")
    _create(hanoi_union, title="Hội thi")

    found = selectors.activities_filtered(_live(), area=hanoi_area)

    assert _ids(found) == {in_city.pk, in_district.pk}


def test_unit_filter_with_the_joint_activity_does_not_inflate_totals(
    catalogue, hanoi_union, program
):
    found = selectors.activities_filtered(_live(), unit=hanoi_union, program=program)

    totals = selectors.activity_totals(found, scope=subtree_ids(hanoi_union))

    assert (totals.activities, totals.credits) == (1, 1)


# --- likely duplicates ----------------------------------------------------------------------


@pytest.fixture
def womens_entry(hanoi_women):
    """The women's union entered the event; the trade union is about to enter it too."""
    return _create(hanoi_women, title="Hội nghị tuyên truyền pháp luật cho nữ công nhân")


def _duplicates(title, day, units, area=None, **kw):
    return [
        (a.pk, round(score, 2))
        for a, score in selectors.likely_duplicates(
            within=Activity.objects.all(),
            title=title,
            starts_on=day,
            unit_ids=[u.pk for u in units],
            area_id=area.pk if area else None,
            **kw,
        )
    ]


@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_likely_duplicate_by_the_counterpart_in_the_same_area(
    womens_entry, hanoi_union, hanoi_area, offset
):
    found = _duplicates(
        "Hội nghị tuyên truyền pháp luật cho nữ CNLĐ",
        DAY + dt.timedelta(days=offset),
        [hanoi_union],
        hanoi_area,
    )

    assert found == [(womens_entry.pk, 0.86)]


def test_likely_duplicate_with_an_overlapping_organizer(womens_entry, hanoi_women):
    found = _duplicates("Hội nghị tuyên truyền pháp luật", DAY, [hanoi_women])

    assert found == [(womens_entry.pk, 1.0)]


@pytest.mark.parametrize(
    ("title", "offset"),
    [
        ("Hội thi nấu ăn ngon", 0),
        ("Hội nghị tuyên truyền pháp luật cho nữ công nhân", 3),
        ("Hội nghị tuyên truyền pháp luật cho nữ công nhân", -2),
    ],
    ids=["different-title", "three-days-later", "two-days-before"],
)
def test_not_a_likely_duplicate(womens_entry, hanoi_union, hanoi_area, title, offset):
    found = _duplicates(title, DAY + dt.timedelta(days=offset), [hanoi_union], hanoi_area)

    assert found == []


def test_not_a_likely_duplicate_without_a_shared_organizer_or_area(womens_entry, danang_union):
    found = _duplicates("Hội nghị tuyên truyền pháp luật cho nữ công nhân", DAY, [danang_union])

    assert found == []


def test_likely_duplicates_leave_out_itself_and_merged_entries(
    womens_entry, hanoi_union, hanoi_women
):
    merged = _create(hanoi_women, title="Hội nghị tuyên truyền pháp luật cho nữ công nhân")
    services.activity_merge(keep=womens_entry, duplicate=merged, actor=SYSTEM)

    found = _duplicates(womens_entry.title, DAY, [hanoi_women], exclude_pk=womens_entry.pk)

    assert found == []


def test_likely_duplicates_best_first(womens_entry, hanoi_women):
    closer = _create(hanoi_women, title="Hội nghị tuyên truyền pháp luật cho nữ CNLĐ")

    found = _duplicates("Hội nghị tuyên truyền pháp luật cho CNLĐ", DAY, [hanoi_women])

    assert found == [(closer.pk, 1.0), (womens_entry.pk, 0.86)]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Hội nghị tuyên truyền pháp luật", "HOI NGHI TUYEN TRUYEN PHAP LUAT", 1.0),
        (
            "Hội nghị tuyên truyền pháp luật cho nữ công nhân",
            "Hội nghị tuyên truyền pháp luật cho nữ CNLĐ",
            0.86,
        ),
        ("Tọa đàm kỷ niệm ngày Quốc tế Phụ nữ 8/3", "Tọa đàm kỷ niệm 8/3", 0.57),
        ("Tọa đàm kỷ niệm ngày Quốc tế Phụ nữ", "Hội thi nấu ăn ngày Quốc tế Phụ nữ", 0.27),
        ("Hội thi nấu ăn ngon", "Tập huấn kỹ năng sống", 0.0),
        ("Hoạt động phối hợp", "Chương trình phối hợp công nhân", 0.0),
        ("", "Hội nghị", 0.0),
    ],
)
def test_title_similarity(a, b, expected):
    assert round(selectors.title_similarity(a, b), 2) == expected


# --- small helpers --------------------------------------------------------------------------


def test_last_activity_of_a_user(hanoi_union, hanoi_union_officer):
    services.activity_create(
        actor=hanoi_union_officer,
        organizers=[(hanoi_union, "lead")],
        title="Lần trước",
        kind=_kind(),
        starts_on=DAY,
    )
    last = services.activity_create(
        actor=hanoi_union_officer,
        organizers=[(hanoi_union, "lead")],
        title="Lần gần nhất",
        kind=_kind(),
        starts_on=dt.date(2016, 1, 1),
    )
    _create(hanoi_union, title="Người khác nhập")

    assert selectors.last_activity_of(hanoi_union_officer) == last


def test_kind_by_code_only_in_use():
    ActivityKind.objects.filter(code="khac").update(active=False)

    found = [selectors.kind_by_code(code) for code in ("tap-huan", "khac", "khong-co")]

    assert found == [_kind("tap-huan"), None, None]
