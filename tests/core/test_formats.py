"""Day-first dates and Monday weeks in both interface languages (Django's vi/en defaults differ)."""

import datetime as dt

import pytest
from django import forms
from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.formats import date_format

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

LANGUAGES = ["vi", "en"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "typed", ["06/03/2017", "6/3/2017", "06/3/2017", "06-03-2017", "2017-03-06"]
)
def test_date_field_clean_reads_day_first(language, typed):
    field = forms.DateField()

    with translation.override(language):
        result = field.clean(typed)

    assert result == dt.date(2017, 3, 6)


@pytest.mark.parametrize("language", LANGUAGES)
def test_date_field_clean_refuses_month_first_impossible_day(language):
    field = forms.DateField()

    with translation.override(language), pytest.raises(forms.ValidationError):
        field.clean("03/16/2023")


@pytest.mark.parametrize("language", LANGUAGES)
def test_first_day_of_week_is_monday(language):
    with translation.override(language):
        result = formats.get_format("FIRST_DAY_OF_WEEK")

    assert result == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_short_date_format_is_zero_padded_day_month_year(language):
    with translation.override(language):
        result = date_format(dt.date(2023, 3, 16), "SHORT_DATE_FORMAT")

    assert result == "16/03/2023"


@pytest.mark.parametrize("language", LANGUAGES)
def test_date_format_is_day_first(language):
    with translation.override(language):
        result = date_format(dt.date(2023, 3, 6))

    assert result == "06/03/2023"


@pytest.mark.parametrize("language", LANGUAGES)
def test_decimal_separator_is_comma(language):
    with translation.override(language):
        result = formats.number_format(
            1234567.891, decimal_pos=3, use_l10n=True, force_grouping=True
        )

    assert result == "1.234.567,891"


def test_short_datetime_format_shows_vietnam_wall_clock():
    moment = dt.datetime(2025, 6, 30, 17, 0, tzinfo=dt.UTC)

    with translation.override("vi"):
        result = date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")

    assert result == "01/07/2025 00:00"


def test_settings_time_zone_is_ho_chi_minh():
    result = settings.TIME_ZONE

    assert result == "Asia/Ho_Chi_Minh"


def test_settings_default_language_is_vietnamese():
    result = settings.LANGUAGE_CODE

    assert result == "vi"
