"""Each aggregation rule and the disaggregation, over units and over time; roll-ups across a
merge and a split in both structures; approved-only; targets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from phoihop.accounts.permissions import SYSTEM
from phoihop.indicators import rollups, selectors, services
from phoihop.indicators.models import Submission
from phoihop.orgs import services as org_services
from tests.factories import indicators as indicator_factories
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

REFORM = dt.date(2025, 7, 1)


def _value(unit, indicator, period="2024S1", structure="current", approved_only=False):
    return selectors.rollup(
        unit=unit,
        period=period,
        indicators=[indicator],
        structure=structure,
        approved_only=approved_only,
    )[0]


def _save(actor, unit, indicator, period="2024S1", **kw):
    kw = {k: Decimal(v) if isinstance(v, int | str) else v for k, v in kw.items()}
    return services.value_save(unit=unit, indicator=indicator, period=period, actor=actor, **kw)


def test_sum_adds_units_and_periods(tree, admin_user):
    trainings = indicator_factories.indicator(aggregation="sum")
    _save(admin_user, tree.g1, trainings, value=3)
    _save(admin_user, tree.g2, trainings, value=4)
    _save(admin_user, tree.g1, trainings, period="2024S2", value=10)

    assert (_value(tree.tg, trainings).value, _value(tree.tg, trainings, "2024").value) == (
        Decimal(7),
        Decimal(17),
    )


def test_last_value_adds_units_and_takes_the_last_period(tree, admin_user):
    members = indicator_factories.indicator(aggregation="last")
    _save(admin_user, tree.g1, members, value=30)
    _save(admin_user, tree.g2, members, value=20)
    _save(admin_user, tree.g1, members, period="2024S2", value=35)
    _save(admin_user, tree.g2, members, period="2024S2", value=22)

    assert (_value(tree.district, members).value, _value(tree.district, members, "2024").value) == (
        Decimal(50),
        Decimal(57),
    )


def test_average_is_the_mean_of_the_units(tree, admin_user):
    income = indicator_factories.indicator(value_type="decimal", aggregation="average")
    _save(admin_user, tree.g1, income, value="7000000")
    _save(admin_user, tree.g2, income, value="8000000")
    _save(admin_user, tree.g3, income, value="9500000")

    assert (_value(tree.district, income).value, _value(tree.root, income).value) == (
        Decimal(7500000),
        Decimal("8166666.666666666666666666667"),
    )


def test_ratio_divides_the_sums_and_never_averages_percentages(tree, admin_user):
    share = indicator_factories.indicator(value_type="percent", aggregation="ratio")
    _save(admin_user, tree.g1, share, numerator=1, denominator=1)  # 100 %
    _save(admin_user, tree.g2, share, numerator=1, denominator=9)  # 11,1 %

    item = _value(tree.district, share)

    assert (item.value, item.count) == (Decimal(20), 2)  # 2 / 10, not (100 + 11,1) / 2


def test_yes_no_counts_the_units_answering_yes(tree, admin_user):
    has_committee = indicator_factories.indicator(value_type="yesno", aggregation="sum")
    _save(admin_user, tree.g1, has_committee, value=1)
    _save(admin_user, tree.g2, has_committee, value=0)
    _save(admin_user, tree.g3, has_committee, value=1)

    assert (_value(tree.root, has_committee).value, _value(tree.root, has_committee).count) == (
        Decimal(2),
        3,
    )


def test_sex_split_gives_each_category_and_the_derived_total(tree, sex, admin_user):
    members = indicator_factories.indicator(disaggregation="gioi-tinh", aggregation="last")
    _save(admin_user, tree.g1, members, value=30, category=sex["nu"])
    _save(admin_user, tree.g1, members, value=12, category=sex["nam"])
    _save(admin_user, tree.g2, members, value=5, category=sex["nu"])

    item = _value(tree.tg, members)

    assert (item.value, [(c.code, v) for c, v in item.categories], item.count) == (
        Decimal(47),
        [("nam", Decimal(12)), ("nu", Decimal(35))],
        2,
    )


def test_average_with_a_split_averages_the_units_totals(tree, sex, admin_user):
    size = indicator_factories.indicator(disaggregation="gioi-tinh", aggregation="average")
    _save(admin_user, tree.g1, size, value=30, category=sex["nu"])
    _save(admin_user, tree.g1, size, value=10, category=sex["nam"])
    _save(admin_user, tree.g2, size, value=20, category=sex["nu"])

    item = _value(tree.district, size)

    assert (item.value, [(c.code, v) for c, v in item.categories]) == (
        Decimal(30),  # (40 + 20) / 2 units
        [("nam", Decimal(10)), ("nu", Decimal(25))],
    )


def test_clearing_a_value_removes_it_from_every_ancestor(tree, admin_user):
    trainings = indicator_factories.indicator(aggregation="sum")
    _save(admin_user, tree.g1, trainings, value=3)

    _save(admin_user, tree.g1, trainings, value=None)

    assert (_value(tree.root, trainings).value, rollups.rollup_stored()) == (None, {})


def test_approved_only_counts_approved_reports(tree, admin_user):
    trainings = indicator_factories.indicator(aggregation="sum")
    form = indicator_factories.form([trainings], [org_factories.level("cong-doan", "co-so")])
    _save(admin_user, tree.g1, trainings, value=3)
    _save(admin_user, tree.g2, trainings, value=4)
    services.submission_submit(unit=tree.g1, form=form, period="2024S1", actor=admin_user)
    services.submission_approve(submission=Submission.objects.get(unit=tree.g1), actor=admin_user)

    assert (
        _value(tree.district, trainings).value,
        _value(tree.district, trainings, approved_only=True).value,
    ) == (Decimal(7), Decimal(3))


def test_a_merged_province_counts_under_its_successor_today_and_under_itself_as_it_was(
    tree, admin_user
):
    members = indicator_factories.indicator(aggregation="last")
    _save(admin_user, tree.g1, members, value=30)
    _save(admin_user, tree.g3, members, value=8)

    org_services.units_merge(sources=[tree.tg], target=tree.dt, on=REFORM, actor=admin_user)
    _save(admin_user, tree.g2, members, value=5)  # entered after the merge, for 2024

    figures = {
        (unit.name, structure): _value(unit, members, structure=structure).value
        for unit in (tree.tg, tree.dt, tree.root)
        for structure in ("current", "as_of")
    }
    assert figures == {
        (tree.tg.name, "current"): None,
        (tree.tg.name, "as_of"): Decimal(35),
        (tree.dt.name, "current"): Decimal(43),
        (tree.dt.name, "as_of"): Decimal(8),
        (tree.root.name, "current"): Decimal(43),
        (tree.root.name, "as_of"): Decimal(43),
    }
    assert rollups.rollup_stored() == rollups.rollup_expected()


def test_a_split_unit_rolls_up_into_its_first_successor_today_only(tree, admin_user):
    members = indicator_factories.indicator(aggregation="last")
    _save(admin_user, tree.g2, members, value=20)
    _save(admin_user, tree.g2, members, period="2025S2", value=24)
    first = org_factories.unit(
        "CĐCS May Cái Bè 1", level_code="co-so", parent=tree.district, valid_from=REFORM
    )
    second = org_factories.unit(
        "CĐCS May Cái Bè 2", level_code="co-so", parent=tree.district, valid_from=REFORM
    )

    org_services.unit_split(source=tree.g2, targets=[first, second], on=REFORM, actor=admin_user)

    assert [
        _value(first, members, period, structure).value
        for period in ("2024S1", "2025S2")
        for structure in ("current", "as_of")
    ] == [Decimal(20), None, Decimal(24), Decimal(24)]
    assert _value(second, members, "2024S1").value is None
    assert _value(tree.district, members, "2024S1", "as_of").value == Decimal(20)
    assert rollups.rollup_stored() == rollups.rollup_expected()


def test_rollup_gives_the_target_and_the_achievement(tree, admin_user):
    committees = indicator_factories.indicator(aggregation="sum")
    _save(admin_user, tree.g1, committees, value=30)
    services.target_set(
        unit=tree.tg, indicator=committees, period="2024S1", value=Decimal(40), actor=admin_user
    )

    item = _value(tree.tg, committees)

    assert (item.value, item.target, item.achievement) == (
        Decimal(30),
        Decimal(40),
        Decimal("75.0"),
    )


def test_rollup_by_children_compares_the_units_below(tree, admin_user):
    trainings = indicator_factories.indicator(aggregation="sum")
    _save(admin_user, tree.g1, trainings, value=3)
    _save(admin_user, tree.g3, trainings, value=5)

    rows = selectors.rollup_by_children(unit=tree.root, period="2024S1", indicators=[trainings])

    assert [(unit.name, items[0].value) for unit, items in rows] == [
        ("LĐLĐ tỉnh Đồng Tháp", Decimal(5)),
        ("LĐLĐ tỉnh Tiền Giang", Decimal(3)),
    ]


def test_rollup_series_gives_each_period(tree, admin_user):
    trainings = indicator_factories.indicator(aggregation="sum")
    _save(admin_user, tree.g1, trainings, value=3)
    _save(admin_user, tree.g1, trainings, period="2024S2", value=5)

    series = selectors.rollup_series(
        unit=tree.root, periods=["2023S2", "2024S1", "2024S2"], indicators=[trainings]
    )

    assert {period: items[0].value for period, items in series.items()} == {
        "2023S2": None,
        "2024S1": Decimal(3),
        "2024S2": Decimal(5),
    }


def test_a_programs_target_is_kept_apart_from_the_units_own(tree, admin_user):
    from phoihop.programs import services as program_services

    women = org_factories.unit("Hội LHPN tỉnh Tiền Giang", system_code="hoi-lhpn")
    program = program_services.program_create(
        actor=SYSTEM,
        parties=[{"unit": tree.tg}, {"unit": women}],
        title="Chương trình phối hợp 2022–2027",
        start_year=2022,
        end_year=2027,
    )
    committees = indicator_factories.indicator(aggregation="sum")
    _save(admin_user, tree.g1, committees, period="2025", value=30)
    services.target_set(
        unit=tree.tg,
        indicator=committees,
        period="2025",
        value=Decimal(50),
        actor=admin_user,
        program=program,
    )
    services.target_set(
        unit=tree.tg, indicator=committees, period="2025", value=Decimal(40), actor=admin_user
    )

    items = [
        selectors.rollup(unit=tree.tg, period="2025", indicators=[committees], program=p)[0]
        for p in (program, None)
    ]

    assert [(i.value, i.target, i.achievement) for i in items] == [
        (Decimal(30), Decimal(50), Decimal("60.0")),
        (Decimal(30), Decimal(40), Decimal("75.0")),
    ]


def test_a_moved_units_split_total_still_counts_the_unit_once(tree, sex, admin_user):
    members = indicator_factories.indicator(disaggregation="gioi-tinh", aggregation="average")
    for code, value in (("nam", 3), ("nu", 5)):
        _save(admin_user, tree.g1, members, value=value, category=sex[code])

    org_services.units_merge(sources=[tree.tg], target=tree.dt, on=REFORM, actor=admin_user)

    assert (_value(tree.dt, members).value, _value(tree.dt, members).count) == (Decimal(8), 1)
    assert rollups.rollup_stored() == rollups.rollup_expected()
