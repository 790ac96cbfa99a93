"""Organizer rows keep a copy of their activity's date, figures and words, and the list's fast
path over those copies gives exactly what filtering and summing the activities gives."""

import datetime as dt

import pytest
from django.core.paginator import Paginator

from phoihop.accounts.permissions import SYSTEM
from phoihop.activities import selectors, services
from phoihop.activities.models import COPIED_FIELDS, Activity, ActivityOrganizer
from phoihop.activities.selectors import CreditedActivities, kind_by_code
from phoihop.orgs import services as org_services
from phoihop.orgs.selectors import subtree_ids
from tests.factories import orgs as factories
from tests.factories.accounts import member

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _mismatched_copies() -> list[tuple[int, str]]:
    """(organizer id, field) wherever a row's copy differs from its activity."""
    wrong = []
    for row in ActivityOrganizer.objects.select_related("activity"):
        activity = row.activity
        expected = {
            "starts_on": activity.starts_on,
            "counted": activity.merged_into_id is None,
            **{name: getattr(activity, name) for name in COPIED_FIELDS if name != "counted"},
        }
        wrong += [(row.pk, name) for name, value in expected.items() if getattr(row, name) != value]
    return wrong


@pytest.fixture
def districts(hanoi_union):
    return [
        factories.unit(f"Liên đoàn Lao động quận {name}", level_code="huyen", parent=hanoi_union)
        for name in ("Đống Đa", "Ba Đình")
    ]


def _activity(units, title, day, participants=10, women=4, costs=None, kind="hoi-nghi"):
    return services.activity_create(
        actor=SYSTEM,
        organizers=[(unit, "lead" if i == 0 else "partner") for i, unit in enumerate(units)],
        title=title,
        kind=kind_by_code(kind),
        starts_on=day,
        participants=participants,
        participants_women=women,
        beneficiaries=participants // 2,
        costs=costs or {"union": 1_000_000},
    )


def test_created_activities_copy_their_figures_onto_every_organizer(
    hanoi_union, hanoi_women, districts
):
    _activity([districts[0], hanoi_women], "Tọa đàm bình đẳng giới", dt.date(2025, 3, 8))

    rows = ActivityOrganizer.objects.order_by("pk")
    assert [(r.participants, r.participants_women, r.total_cost, r.counted) for r in rows] == [
        (10, 4, 1_000_000, True),
        (10, 4, 1_000_000, True),
    ]
    assert "toa dam binh dang gioi" in rows[0].search_text
    assert _mismatched_copies() == []


def test_updates_merges_and_renames_keep_the_copies_equal(hanoi_union, hanoi_women, districts):
    first = _activity([districts[0]], "Hội nghị tuyên truyền", dt.date(2025, 3, 8))
    # the same event entered by the women's side, naming the union district as partner
    second = _activity([hanoi_women, districts[1]], "Tọa đàm tuyên truyền", dt.date(2025, 3, 8))

    services.activity_update(
        activity=first,
        actor=SYSTEM,
        title="Tọa đàm tuyên truyền",
        starts_on=dt.date(2025, 3, 9),
        participants=80,
        participants_women=50,
        costs={"union": 2_000_000, "women": 500_000},
        organizers=[(districts[0], "lead"), (districts[1], "partner")],
    )
    assert _mismatched_copies() == []

    services.activity_merge(keep=first, duplicate=second, actor=SYSTEM)
    assert _mismatched_copies() == []
    assert list(
        ActivityOrganizer.objects.filter(activity=second).values_list("counted", flat=True)
    ) == [False, False]

    org_services.unit_rename(
        unit=districts[1],
        name="Liên đoàn Lao động quận Hoàn Kiếm",
        on=dt.date(2025, 6, 1),
        actor=SYSTEM,
    )
    assert _mismatched_copies() == []
    assert "hoan kiem" in ActivityOrganizer.objects.filter(activity=first).first().search_text


def test_an_excel_import_writes_the_copies_too(hanoi_union, districts):
    services.activities_bulk_create(
        actor=SYSTEM,
        rows=[
            {
                "title": f"Tập huấn {i}",
                "kind": kind_by_code("tap-huan"),
                "starts_on": dt.date(2025, 5, i + 1),
                "participants": 20 + i,
                "participants_women": i,
                "organizers": [(districts[i % 2], "lead"), (hanoi_union, "partner")],
                "costs": {"union": 100_000 * (i + 1)},
            }
            for i in range(4)
        ],
    )

    assert ActivityOrganizer.objects.count() == 8
    assert _mismatched_copies() == []


@pytest.fixture
def season(hanoi_union, hanoi_women, districts):
    """Activities of 2025 in the Hà Nội union's subtree, and some that must not count."""
    d1, d2 = districts
    made = {
        "joint_with_women": _activity(
            [d1, hanoi_women], "Tọa đàm bình đẳng giới", dt.date(2025, 3, 8)
        ),
        "two_in_subtree": _activity(
            [d1, d2], "Hội nghị an toàn lao động", dt.date(2025, 4, 2), 120, 30
        ),
        "city": _activity(
            [hanoi_union], "Tọa đàm chăm lo nữ công nhân", dt.date(2025, 10, 20), 60, 60
        ),
        "last_year": _activity([d2], "Tọa đàm năm trước", dt.date(2024, 12, 31)),
        "women_only": _activity([hanoi_women], "Tọa đàm của Hội", dt.date(2025, 5, 5)),
    }
    duplicate = _activity([d2, d1], "Tọa đàm bình đẳng giới (trùng)", dt.date(2025, 3, 8))
    services.activity_merge(keep=made["joint_with_women"], duplicate=duplicate, actor=SYSTEM)
    for i in range(33):  # enough for two pages
        made[f"training {i}"] = _activity(
            [d1 if i % 2 else d2],
            f"Tập huấn kỹ năng {i}",
            dt.date(2025, 6, 1 + i % 28),
            5,
            1,
            kind="tap-huan",
        )
    return made


def _generic(user, filters):
    """What filtering and summing the activities themselves gives."""
    activities = selectors.activities_for_listing(user, filters)
    scope = subtree_ids(filters["unit"], on=filters.get("end"), include_inactive=True)
    totals = selectors.activity_totals(activities, scope=scope)
    return totals, list(activities.order_by("-starts_on", "-pk").values_list("pk", flat=True))


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"start": dt.date(2025, 1, 1), "end": dt.date(2025, 12, 31)},
        {"start": dt.date(2025, 1, 1), "end": dt.date(2025, 12, 31), "q": "toa dam"},
        {"q": "Tọa   ĐÀM"},
        {"end": dt.date(2025, 3, 31)},
        {"q": "khong co chu nay"},
        {"kind": "tap-huan", "start": dt.date(2025, 6, 10)},
        {"kind": "toa-dam", "q": "binh dang"},
    ],
)
def test_the_credit_path_gives_what_the_activities_give(hanoi_union, season, extra):
    officer = member(hanoi_union, "viewer", include_subunits=True)
    filters = {"unit": hanoi_union, **extra}
    if "kind" in filters:
        filters["kind"] = kind_by_code(filters["kind"])

    listing = selectors.activity_listing(officer, filters)
    totals, order = _generic(officer, filters)

    assert isinstance(listing.activities, CreditedActivities)
    assert listing.totals == totals
    assert [a.pk for a in listing.activities[: len(order) + 5]] == order
    assert len(listing.activities) == len(order)


def test_joint_and_merged_activities_are_counted_once_and_credited_in_the_subtree(
    hanoi_union, season
):
    officer = member(hanoi_union, "viewer", include_subunits=True)
    filters = {"unit": hanoi_union, "start": dt.date(2025, 1, 1), "end": dt.date(2025, 12, 31)}

    totals = selectors.activity_listing(officer, {**filters, "q": "toa dam"}).totals
    everything = selectors.activity_listing(officer, filters).totals

    # Tọa đàm: the joint one (the merged duplicate left out, its district now credited on the
    # one kept) and the city's; not last year's, not the Women's Union's own.
    assert (totals.activities, totals.participants, totals.women, totals.credits) == (
        2,
        70,
        64,
        3,
    )
    # 3 + 33 trainings; the joint one and the district pair are each credited twice inside.
    assert (everything.activities, everything.credits, everything.double_counted) == (36, 38, 2)


def test_pages_of_the_credit_path_are_newest_first_without_gaps(hanoi_union, season):
    officer = member(hanoi_union, "viewer", include_subunits=True)
    listing = selectors.activity_listing(officer, {"unit": hanoi_union})
    paginator = Paginator(listing.activities, 30)

    first, second = paginator.page(1), paginator.page(2)
    seen = [a.pk for a in first.object_list] + [a.pk for a in second.object_list]

    assert (paginator.count, len(first.object_list), len(second.object_list)) == (37, 30, 7)
    assert seen == list(
        Activity.objects.filter(pk__in=seen)
        .order_by("-starts_on", "-pk")
        .values_list("pk", flat=True)
    )
    assert len(set(seen)) == 37


def test_other_filters_and_unit_only_roles_take_the_activity_path(
    hanoi_union, hanoi_area, districts, season
):
    officer = member(hanoi_union, "viewer", include_subunits=True)
    narrow = member(hanoi_union, "viewer", include_subunits=False)
    services.activity_update(activity=season["city"], actor=SYSTEM, area=hanoi_area)

    by_area = selectors.activity_listing(officer, {"unit": hanoi_union, "area": hanoi_area})
    unit_only = selectors.activity_listing(narrow, {"unit": hanoi_union})

    assert not isinstance(by_area.activities, CreditedActivities)
    assert [a.title for a in by_area.activities] == ["Tọa đàm chăm lo nữ công nhân"]
    assert (by_area.totals.activities, by_area.totals.women) == (1, 60)
    assert not isinstance(unit_only.activities, CreditedActivities)
    # Without the subtree role, only what the Hà Nội union itself organized is visible.
    assert [a.title for a in unit_only.activities] == ["Tọa đàm chăm lo nữ công nhân"]
