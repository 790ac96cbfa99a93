"""Key days and campaigns: recurring yearly, anniversaries computed, Tết from the lunar calendar."""

import datetime as dt

import pytest

from phoihop.agenda import lunar
from phoihop.agenda.keydays import key_days_between

pytestmark = [pytest.mark.unit]


def spans(items):
    return [(item.date, item.end_date, item.title) for item in items]


def test_key_days_in_july_2025_with_anniversaries_counted_from_the_founding_year():
    items = key_days_between(dt.date(2025, 7, 1), dt.date(2025, 7, 31))

    assert spans(items) == [
        (
            dt.date(2025, 7, 27),
            dt.date(2025, 7, 27),
            "Kỷ niệm 78 năm Ngày Thương binh – Liệt sĩ (27/7/1947 – 27/7/2025)",
        ),
        (
            dt.date(2025, 7, 28),
            dt.date(2025, 7, 28),
            "Kỷ niệm 96 năm Ngày thành lập Công đoàn Việt Nam (28/7/1929 – 28/7/2025)",
        ),
    ]
    assert {item.kind for item in items} == {"keyday"}


@pytest.mark.parametrize(
    ("year", "title"),
    [
        (2024, "Kỷ niệm 95 năm Ngày thành lập Công đoàn Việt Nam (28/7/1929 – 28/7/2024)"),
        (2029, "Kỷ niệm 100 năm Ngày thành lập Công đoàn Việt Nam (28/7/1929 – 28/7/2029)"),
    ],
)
def test_union_anniversary_number_follows_the_year(year, title):
    items = key_days_between(dt.date(year, 7, 28), dt.date(year, 7, 28))

    assert [item.title for item in items] == [title]


def test_womens_union_95th_anniversary_in_2025():
    items = key_days_between(dt.date(2025, 10, 20), dt.date(2025, 10, 20))

    assert [item.title for item in items] == [
        "Kỷ niệm 95 năm Ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam – Ngày Phụ nữ Việt Nam "
        "(20/10/1930 – 20/10/2025)"
    ]


def test_campaign_spanning_two_months_shows_in_the_second_month():
    items = key_days_between(dt.date(2025, 12, 1), dt.date(2025, 12, 31))

    assert spans(items) == [
        (
            dt.date(2025, 11, 15),
            dt.date(2025, 12, 15),
            "Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
        ),
        (
            dt.date(2025, 11, 25),
            dt.date(2025, 12, 10),
            "16 ngày hành động chấm dứt bạo lực đối với phụ nữ và trẻ em gái",
        ),
        (
            dt.date(2025, 12, 22),
            dt.date(2025, 12, 22),
            "Kỷ niệm 81 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 – 22/12/2025)",
        ),
    ]


def test_may_holds_the_workers_month_and_the_safety_month():
    items = key_days_between(dt.date(2025, 5, 10), dt.date(2025, 5, 10))

    assert spans(items) == [
        (dt.date(2025, 5, 1), dt.date(2025, 5, 31), "Tháng Công nhân"),
        (
            dt.date(2025, 5, 1),
            dt.date(2025, 5, 31),
            "Tháng hành động về an toàn, vệ sinh lao động",
        ),
    ]


def test_campaigns_are_not_shown_before_they_were_first_held():
    items = key_days_between(dt.date(2010, 5, 1), dt.date(2010, 12, 31))

    titles = [item.title for item in items]
    assert ("Tháng Công nhân" in titles, any("bình đẳng giới" in t for t in titles)) == (
        False,
        False,
    )


def test_tet_is_a_key_day_with_the_year_name():
    items = key_days_between(dt.date(2026, 2, 1), dt.date(2026, 2, 28))

    assert spans(items) == [
        (
            dt.date(2026, 2, 3),
            dt.date(2026, 2, 3),
            "Kỷ niệm 96 năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930 – 3/2/2026)",
        ),
        (
            dt.date(2026, 2, 17),
            dt.date(2026, 2, 17),
            "Tết Nguyên đán Bính Ngọ (mùng 1 tháng Giêng)",
        ),
    ]


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2025, dt.date(2025, 1, 29)),  # DOMAIN.md §4
        (2026, dt.date(2026, 2, 17)),  # DOMAIN.md §4
        (1985, dt.date(1985, 1, 21)),  # a month before China's: the calendar is reckoned at UTC+7
        (2007, dt.date(2007, 2, 17)),  # China: 18/02/2007
        (2034, dt.date(2034, 2, 19)),  # after the leap 11th month of 2033
    ],
)
def test_tet_dates(year, expected):
    assert lunar.tet(year) == expected


def test_uids_are_stable_per_day_and_year():
    first = key_days_between(dt.date(2025, 3, 8), dt.date(2025, 3, 8))
    again = key_days_between(dt.date(2025, 3, 1), dt.date(2025, 3, 31))

    assert [item.uid for item in first] == ["keyday-quoc-te-phu-nu-2025@phoihop"]
    assert [item.uid for item in again] == [item.uid for item in first]
