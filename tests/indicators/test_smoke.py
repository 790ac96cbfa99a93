from decimal import Decimal

import pytest

from phoihop.indicators import rollups, selectors, services
from phoihop.indicators.models import Indicator

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_value_rolls_up_to_every_ancestor(tree, sex, admin_user):
    members = Indicator.objects.get(code="doan-vien")

    services.value_save(
        unit=tree.g1,
        indicator=members,
        period="2024S1",
        actor=admin_user,
        value=Decimal(30),
        category=sex["nu"],
    )
    services.value_save(
        unit=tree.g2,
        indicator=members,
        period="2024S1",
        actor=admin_user,
        value=Decimal(12),
        category=sex["nam"],
    )

    item = selectors.rollup(unit=tree.root, period="2024S1", indicators=[members])[0]
    assert item.value == Decimal(42)
    assert [(c.code, v) for c, v in item.categories] == [("nam", Decimal(12)), ("nu", Decimal(30))]
    assert rollups.rollup_stored() == rollups.rollup_expected()
