"""A review's indicator section reads the indicators app: targets of the program, approved
figures only, computed indicators left to the review's own tables."""

import datetime as dt
from decimal import Decimal

import pytest

from phoihop.accounts.permissions import SYSTEM
from phoihop.indicators import services as indicator_services
from phoihop.indicators.enums import Source, ValueType
from phoihop.indicators.models import Indicator
from phoihop.reviews.indicators import indicator_section

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

YEAR = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


@pytest.fixture
def indicator():
    return (
        Indicator.objects.filter(
            source=Source.TYPED, value_type=ValueType.INTEGER, disaggregation__isnull=True
        ).first()
        or Indicator.objects.filter(source=Source.TYPED).first()
    )


def test_a_program_target_appears_without_a_figure_until_one_is_approved(
    city_program, hanoi_union, indicator
):
    indicator_services.target_set(
        unit=hanoi_union,
        indicator=indicator,
        period="2023",
        value=Decimal(50),
        actor=SYSTEM,
        program=city_program,
    )
    indicator_services.value_save(
        unit=hanoi_union, indicator=indicator, period="2023S2", actor=SYSTEM, value=Decimal(45)
    )

    section = indicator_section(program=city_program, unit=hanoi_union, start=YEAR[0], end=YEAR[1])

    rows = {row["code"]: row for row in section["rows"]}
    assert rows[indicator.code]["target"] == 50.0
    assert rows[indicator.code]["value"] is None  # entered, not approved: not in a review
    assert section["unmet"] == []
    assert all(Indicator.objects.get(code=code).source != Source.COMPUTED for code in rows)
