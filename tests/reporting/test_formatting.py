import datetime as dt

import pytest

from phoihop.reporting.formatting import (
    date_words,
    number_line,
    place_date_line,
    vn_number,
    vn_percent,
)

pytestmark = [pytest.mark.unit]


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0"), (999, "999"), (1234567, "1.234.567"), (-1500, "-1.500"), (2.25, "2,3"), (None, "")],
)
def test_vn_number_groups_thousands_with_dots(value, text):
    assert vn_number(value) == text


@pytest.mark.parametrize(
    ("part", "whole", "text"), [(615, 1000, "61,5%"), (1, 2, "50%"), (1, 3, "33,3%"), (1, 0, "")]
)
def test_vn_percent_uses_a_decimal_comma(part, whole, text):
    assert vn_percent(part, whole) == text


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2023, 3, 16), "ngày 16 tháng 3 năm 2023"),
        (dt.date(2023, 2, 1), "ngày 01 tháng 02 năm 2023"),
        (dt.date(2023, 12, 9), "ngày 09 tháng 12 năm 2023"),
    ],
)
def test_date_words_pads_days_below_ten_and_months_one_and_two(day, text):
    assert date_words(day) == text


def test_place_date_line_is_the_official_form():
    assert place_date_line("Tiền Giang", dt.date(2023, 3, 16)) == (
        "Tiền Giang, ngày 16 tháng 3 năm 2023"
    )


def test_number_line_state_and_party_styles():
    assert (number_line("23/KH-LĐLĐ"), number_line("21-CT/TW", party_style=True)) == (
        "Số: 23/KH-LĐLĐ",
        "Số 21-CT/TW",
    )
