import datetime as dt

import pytest

from phoihop.core.exceptions import DomainError
from phoihop.indicators.periods import Period, parse_period, period_containing, periods_of_type

pytestmark = [pytest.mark.unit]


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2024", Period(2024)),
        ("2024S1", Period(2024, "S", 1)),
        ("2024s2", Period(2024, "S", 2)),
        (" 2024Q3 ", Period(2024, "Q", 3)),
    ],
)
def test_parse_period_reads_dhis2_periods_and_writes_them_back(text, period):
    parsed = parse_period(text)

    assert (parsed, str(parsed)) == (period, text.strip().upper())


@pytest.mark.parametrize("text", ["2024S3", "2024Q5", "24S1", "2024-06", "", "Quý 3", "1800"])
def test_parse_period_refuses_anything_else_in_vietnamese(text):
    with pytest.raises(DomainError) as caught:
        parse_period(text)

    assert "không phải là kỳ báo cáo" in str(caught.value) or "is not a period" in str(caught.value)


def test_cutoff_day_decides_which_days_a_half_year_covers():
    first, second = parse_period("2024S1"), parse_period("2024S2")

    assert (first.start(15), first.end(15)) == (dt.date(2023, 12, 16), dt.date(2024, 6, 15))
    assert (second.start(15), second.end(15)) == (dt.date(2024, 6, 16), dt.date(2024, 12, 15))
    assert (first.start(), first.end()) == (dt.date(2024, 1, 1), dt.date(2024, 6, 30))


def test_quarter_and_year_days_previous_next_and_parts():
    quarter = parse_period("2024Q1")

    assert (quarter.start(), quarter.end()) == (dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    assert (str(quarter.previous()), str(quarter.next())) == ("2023Q4", "2024Q2")
    assert [[str(p) for p in parts] for parts in parse_period("2024").parts()] == [
        ["2024S1", "2024S2"],
        ["2024Q1", "2024Q2", "2024Q3", "2024Q4"],
    ]


def test_period_containing_follows_the_cutoff():
    assert str(period_containing(dt.date(2024, 6, 20), "half", 15)) == "2024S2"
    assert str(period_containing(dt.date(2024, 12, 20), "half", 15)) == "2025S1"
    assert str(period_containing(dt.date(2024, 6, 20), "half")) == "2024S1"
    assert [str(p) for p in periods_of_type("half", Period(2023), Period(2024))] == [
        "2023S1",
        "2023S2",
        "2024S1",
        "2024S2",
    ]
