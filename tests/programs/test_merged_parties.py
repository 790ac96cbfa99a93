"""Programs follow mergers: the successor's officials and filters find earlier programs."""

import datetime as dt

import pytest

from phoihop.accounts.permissions import SYSTEM
from phoihop.orgs import services as org_services
from phoihop.programs import services
from phoihop.programs.selectors import programs_filtered, programs_visible_to
from tests.factories import accounts as account_factories
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

REFORM = dt.date(2025, 7, 1)


@pytest.fixture
def merged(union_root, women_root, actor):
    """LĐLĐ Quảng Nam and the old LĐLĐ Đà Nẵng merge into a new LĐLĐ Đà Nẵng on 1/7/2025."""
    old_danang = org_factories.unit(
        "Liên đoàn Lao động thành phố Đà Nẵng (cũ)",
        parent=union_root,
        valid_from=dt.date(2000, 1, 1),
    )
    quang_nam = org_factories.unit(
        "Liên đoàn Lao động tỉnh Quảng Nam", parent=union_root, valid_from=dt.date(2000, 1, 1)
    )
    women = org_factories.unit(
        "Hội Liên hiệp Phụ nữ thành phố Đà Nẵng", system_code="hoi-lhpn", parent=women_root
    )
    new_danang = org_factories.unit(
        "Liên đoàn Lao động thành phố Đà Nẵng", parent=union_root, valid_from=REFORM
    )
    old_program = services.program_create(
        actor=actor,
        parties=[{"unit": old_danang}, {"unit": women}],
        title="Chương trình phối hợp giai đoạn 2023 - 2028",
        start_year=2023,
        end_year=2028,
    )
    other = services.program_create(
        actor=actor,
        parties=[{"unit": quang_nam}, {"unit": women}],
        title="Chương trình phối hợp của Quảng Nam",
        start_year=2023,
        end_year=2028,
    )
    org_services.units_merge(
        sources=[old_danang, quang_nam], target=new_danang, on=REFORM, actor=SYSTEM
    )
    return {"new": new_danang, "old": old_danang, "program": old_program, "other": other}


@pytest.mark.parametrize("include_subunits", [True, False], ids=["subtree role", "unit-only role"])
def test_successor_officials_see_predecessors_programs(merged, include_subunits):
    officer = account_factories.member(merged["new"], "viewer", include_subunits=include_subunits)

    visible = set(programs_visible_to(officer))

    assert {merged["program"], merged["other"]} <= visible


def test_party_filter_with_the_successor_finds_predecessors_programs(merged):
    found = programs_filtered(
        programs_visible_to(account_factories.user(is_superuser=True)), party=merged["new"].pk
    )

    assert set(found) == {merged["program"], merged["other"]}


def test_predecessors_officials_do_not_gain_the_successor(merged, danang_union):
    """The link only runs from a successor to what it carries on, never sideways."""
    outsider = account_factories.member(danang_union, "viewer")

    assert merged["program"] not in set(programs_visible_to(outsider))
