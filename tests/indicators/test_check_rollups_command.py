from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from phoihop.indicators import rollups, services
from phoihop.indicators.models import RollupCell
from tests.factories import indicators as indicator_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_check_rollups_finds_and_repairs_a_damaged_cell(tree, admin_user):
    trainings = indicator_factories.indicator()
    services.value_save(
        unit=tree.g1, indicator=trainings, period="2024S1", value=Decimal(3), actor=admin_user
    )
    out = StringIO()
    call_command("check_rollups", stdout=out)
    RollupCell.objects.filter(ancestor_id=tree.tg.pk).update(total=99)

    with pytest.raises(CommandError, match="--repair"):
        call_command("check_rollups")
    call_command("check_rollups", "--repair", stdout=out)

    assert out.getvalue().splitlines()[0].startswith("Dữ liệu tổng hợp khớp")
    assert rollups.rollup_stored() == rollups.rollup_expected()
