"""The month grid and the list: Monday first, overdue in red, day-first dates, no leaks."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.agenda.conftest import milestone

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def july(hanoi_program, danang_program):
    return {
        "overdue": milestone(hanoi_program, "Nộp báo cáo quý II", dt.date(2025, 7, 3)),
        "done": milestone(
            hanoi_program, "Gửi kế hoạch", dt.date(2025, 7, 1), done_on=dt.date(2025, 6, 30)
        ),
        "coming": milestone(hanoi_program, "Hội nghị sơ kết", dt.date(2025, 7, 20)),
        "leak": milestone(danang_program, "Báo cáo của Đà Nẵng", dt.date(2025, 7, 15)),
    }


def cell(response, day: dt.date):
    days = [d for week in response.context["cal"].weeks for d in week]
    return next(d for d in days if d.date == day)


def titles_by_day(response) -> dict[dt.date, list[tuple[str, bool]]]:
    return {
        d.date: [(item.title, item.overdue) for item in d.items]
        for week in response.context["cal"].weeks
        for d in week
        if d.items
    }


def test_month_grid_starts_on_monday_with_english_msgids(client, hanoi_union_officer, july):
    client.force_login(hanoi_union_officer)
    client.cookies["django_language"] = "en"

    response = client.get(reverse("agenda:month_of", args=[2025, 7]))

    weeks = response.context["cal"].weeks
    assert [week[0].date.weekday() for week in weeks] == [0] * 5
    assert (weeks[0][0].date, weeks[-1][-1].date) == (dt.date(2025, 6, 30), dt.date(2025, 8, 3))
    assert re.findall(r'<th scope="col">(\w+)</th>', response.content.decode()) == [
        "Mon",
        "Tue",
        "Wed",
        "Thu",
        "Fri",
        "Sat",
        "Sun",
    ]


def test_month_grid_flags_overdue_milestones_and_hides_other_provinces(
    client, hanoi_union_officer, july
):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("agenda:month_of", args=[2025, 7]))

    assert titles_by_day(response) == {
        dt.date(2025, 7, 1): [("Gửi kế hoạch", False)],
        dt.date(2025, 7, 3): [("Nộp báo cáo quý II", True)],
        dt.date(2025, 7, 20): [("Hội nghị sơ kết", False)],
        dt.date(2025, 7, 27): [
            ("Kỷ niệm 78 năm Ngày Thương binh – Liệt sĩ (27/7/1947 – 27/7/2025)", False)
        ],
        dt.date(2025, 7, 28): [
            ("Kỷ niệm 96 năm Ngày thành lập Công đoàn Việt Nam (28/7/1929 – 28/7/2025)", False)
        ],
    }
    html = response.content.decode()
    assert re.findall(r'class="cal-item kind-milestone overdue"', html) == [
        'class="cal-item kind-milestone overdue"'
    ]
    assert "Đà Nẵng" not in html


def test_month_grid_shows_the_other_province_to_its_own_officer(client, danang_union_officer, july):
    client.force_login(danang_union_officer)

    response = client.get(reverse("agenda:month_of", args=[2025, 7]))

    assert [item.title for item in cell(response, dt.date(2025, 7, 15)).items] == [
        "Báo cáo của Đà Nẵng"
    ]
    assert cell(response, dt.date(2025, 7, 3)).items == []


def test_month_grid_highlights_today(client, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("agenda:month"))

    today = [d.date for week in response.context["cal"].weeks for d in week if d.is_today]
    assert today == [dt.date(2025, 7, 10)]
    assert response.content.decode().count('aria-current="date"') == 1


def test_month_grid_lists_campaigns_above_the_grid(client, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("agenda:month_of", args=[2025, 12]))

    assert [(i.date, i.end_date) for i in response.context["cal"].spans] == [
        (dt.date(2025, 11, 15), dt.date(2025, 12, 15)),
        (dt.date(2025, 11, 25), dt.date(2025, 12, 10)),
    ]


def test_month_navigation_with_htmx_swaps_only_the_grid(client, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.get(
        reverse("agenda:month_of", args=[2025, 12]), headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert ("<html" in html, "<table" in html) == (False, True)
    assert re.findall(r'hx-get="([^"]+)" hx-target="#month"', html) == [
        reverse("agenda:month_of", args=[2025, 11]),
        reverse("agenda:month_of", args=[2026, 1]),
        reverse("agenda:month"),
    ]


@pytest.mark.parametrize("args", [(2025, 13), (1800, 1)])
def test_month_out_of_range_is_404(client, hanoi_union_officer, args):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("agenda:month_of", args=args))

    assert response.status_code == 404


def test_calendar_requires_login(client):
    response = client.get(reverse("agenda:month"))

    assert (response.status_code, response.url.split("?")[0]) == (302, reverse("accounts:login"))


def test_list_reads_dates_day_first(client, hanoi_union_officer, july):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("agenda:list"), {"from": "01/07/2025", "to": "05/08/2025"})

    assert (response.context["start"], response.context["end"]) == (
        dt.date(2025, 7, 1),
        dt.date(2025, 8, 5),
    )
    assert [(i.date, i.kind, i.overdue) for i in response.context["items"]] == [
        (dt.date(2025, 7, 1), "milestone", False),
        (dt.date(2025, 7, 3), "milestone", True),
        (dt.date(2025, 7, 20), "milestone", False),
        (dt.date(2025, 7, 27), "keyday", False),
        (dt.date(2025, 7, 28), "keyday", False),
    ]
    assert 'value="05/08/2025"' in response.content.decode()


def test_list_defaults_to_the_next_90_days(client, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("agenda:list"))

    assert (response.context["start"], response.context["end"]) == (
        dt.date(2025, 7, 10),
        dt.date(2025, 10, 8),
    )


def test_list_with_the_end_before_the_start_explains_and_shows_the_default(
    client, hanoi_union_officer
):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("agenda:list"), {"from": "10/08/2025", "to": "01/08/2025"})

    assert (response.context["start"], response.context["form"].non_field_errors()) == (
        dt.date(2025, 7, 10),
        ["Ngày kết thúc không được trước ngày bắt đầu."],
    )


def test_list_hides_other_provinces(client, hanoi_union_officer, july):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("agenda:list"), {"from": "15/07/2025", "to": "15/07/2025"})

    assert response.context["items"] == []


@pytest.mark.parametrize("item_count", [1, 3])
def test_month_and_list_query_counts_are_constant(
    client, hanoi_union_officer, hanoi_program, item_count, django_assert_num_queries
):
    for n in range(item_count):
        milestone(hanoi_program, f"Mốc {n}", dt.date(2025, 7, 3 + n))
    client.force_login(hanoi_union_officer)

    # session, user, memberships, reach (paths, units), milestones, their parties, activities,
    # which programs the user may tick milestones of (edit reach: memberships, paths; parties)
    # and the program menu of the filter (programs, their parties)
    with django_assert_num_queries(12):
        client.get(reverse("agenda:month_of", args=[2025, 7]))
    with django_assert_num_queries(12):
        client.get(reverse("agenda:list"), {"from": "01/07/2025", "to": "31/07/2025"})
