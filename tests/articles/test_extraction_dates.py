import datetime as dt

import pytest

from phoihop.articles.extraction.dates import event_date, publication_date, resolve_day_month
from phoihop.articles.extraction.layout import build_article

pytestmark = [pytest.mark.unit]

BODY = (
    "Chiều ngày 08/9/2023, tại Hà Nội, Công đoàn ngành Công Thương hai thành phố tổ chức hội "
    "nghị tổng kết chương trình phối hợp công tác giai đoạn 2018 - 2023."
)


def test_publication_date_prefers_the_article_stamp_to_a_site_header_above_it():
    article = build_article(
        ["Hải Phòng 12/12/2024", "Hội nghị tổng kết", "Chủ nhật, 10/09/2023", BODY]
    )

    assert publication_date(article) == dt.date(2023, 9, 10)


def test_publication_date_prefers_a_labelled_publication_date():
    lines = ["Đăng ngày: 24/11/2023", "Thứ bảy, 25/11/2023", "Tiêu đề của bài viết mẫu", BODY]

    assert publication_date(build_article(lines)) == dt.date(2023, 11, 24)


def test_publication_date_reads_a_timestamp_inside_the_title_line():
    lines = ["Lễ ký kết chương trình phối hợp giai đoạn 2017-2022 (08:03 10/03/2017)", BODY]

    assert publication_date(build_article(lines)) == dt.date(2017, 3, 10)


def test_publication_date_is_overruled_by_an_event_it_would_precede():
    lines = ["Thứ Hai, 01/01/2018", "Tiêu đề của bài viết mẫu", "10/09/2023 08:00", BODY]
    article = build_article(lines)

    assert publication_date(article, dt.date(2023, 9, 8)) == dt.date(2023, 9, 10)


def test_publication_date_is_none_without_any_date_stamp():
    assert publication_date(build_article(["Tiêu đề của bài viết mẫu", BODY])) is None


@pytest.mark.parametrize(
    ("day", "month", "reference", "expected"),
    [
        (16, 3, dt.date(2023, 3, 16), dt.date(2023, 3, 16)),
        (27, 12, dt.date(2025, 1, 3), dt.date(2024, 12, 27)),
        (5, 1, dt.date(2024, 12, 31), dt.date(2025, 1, 5)),
        (31, 2, dt.date(2024, 3, 1), None),
        (16, 3, None, None),
    ],
)
def test_resolve_day_month_uses_the_dateline_year(day, month, reference, expected):
    assert resolve_day_month(day, month, reference) == expected


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("(ABO) Sáng 16-3, Ban Thường vụ LĐLĐ tỉnh tổ chức hội nghị", dt.date(2023, 3, 16)),
        ("Chiều ngày 08/9/2022, tại Hà Nội, hai đơn vị tổ chức hội nghị", dt.date(2022, 9, 8)),
        ("Ngày 06/3/2017, LĐLĐ quận tổ chức lễ ký kết", dt.date(2017, 3, 6)),
        ("Ngày 06 tháng 3 năm 2017, LĐLĐ huyện tổ chức lễ ký kết", dt.date(2017, 3, 6)),
        ("HÀ NỘI - Hôm qua (15/3), Thành đoàn tổ chức ngày hội", dt.date(2023, 3, 15)),
        ("Sáng nay, Hội LHPN tỉnh tổ chức lễ ra mắt", dt.date(2023, 3, 16)),
        ("Trong 2 ngày 14 và 15/3, Hội LHPN tỉnh tổ chức tập huấn", dt.date(2023, 3, 14)),
        ("LĐLĐ tỉnh đã tổ chức hội nghị vào sáng 10.3 tại hội trường", dt.date(2023, 3, 10)),
        ("Hội LHPN tỉnh vừa tổ chức hội nghị sơ kết", None),
        ("thực hiện Kế hoạch số 23/KH-LĐLĐ ngày 22/4/2016 của Ban Thường vụ", None),
        ("phát động Tháng hành động từ ngày 15/11/2020 đến ngày 15/12/2020", None),
    ],
)
def test_event_date_reads_the_day_the_lead_names(clause, expected):
    assert event_date([clause], dt.date(2023, 3, 16)) == expected
