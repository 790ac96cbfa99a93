"""The incremental roll-up data always equals a from-scratch computation, whatever sequence of
writes, approvals, unlocks, merges, splits and moves produced it (hypothesis)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phoihop.core.exceptions import DomainError
from phoihop.indicators import rollups, selectors, services
from phoihop.indicators.models import Category, Submission
from phoihop.indicators.services import ValueEntry
from phoihop.orgs import services as org_services
from tests.factories import accounts as account_factories
from tests.factories import indicators as indicator_factories
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PERIODS = ["2024S1", "2024S2", "2025S1", "2025S2"]
DAYS = [dt.date(2024, 3, 1), dt.date(2024, 9, 1), dt.date(2025, 7, 1), dt.date(2025, 10, 1)]

unit_index = st.integers(0, 11)
write = st.tuples(
    st.just("write"),
    st.integers(4, 11),  # districts and grassroots unions, where figures are entered
    st.integers(0, 2),  # indicator
    st.sampled_from(PERIODS[1:3]),
    st.integers(0, 1),  # category
    st.one_of(st.none(), st.integers(0, 500)),
    st.integers(0, 500),
)
merge = st.tuples(st.just("merge"), unit_index, unit_index, st.sampled_from(DAYS))
split = st.tuples(st.just("split"), unit_index, st.sampled_from(DAYS))
move = st.tuples(st.just("move"), unit_index, unit_index, st.sampled_from(DAYS))
approve = st.tuples(st.just("approve"), unit_index, st.sampled_from(PERIODS))
unlock = st.tuples(st.just("unlock"), unit_index, st.sampled_from(PERIODS))
operations = st.lists(
    st.one_of(write, write, write, merge, split, move, approve, unlock), min_size=1, max_size=25
)


def _build():
    unit = org_factories.unit
    d0 = dt.date(2020, 1, 1)
    root = unit("Tổng LĐLĐ", level_code="trung-uong", valid_from=d0)
    provinces = [unit(f"LĐLĐ tỉnh {n}", parent=root, valid_from=d0) for n in ("A", "B", "C")]
    districts = [
        unit(f"LĐLĐ huyện {p.pk}-{n}", level_code="huyen", parent=p, valid_from=d0)
        for p in provinces[:2]
        for n in (1, 2)
    ]
    leaves = [
        unit(f"CĐCS {d.pk}-{n}", level_code="co-so", parent=d, valid_from=d0)
        for d in districts
        for n in (1,)
    ] + [unit("CĐCS trực thuộc C", level_code="co-so", parent=provinces[2], valid_from=d0)]
    sex = list(Category.objects.filter(set__code="gioi-tinh").order_by("order"))
    indicators = [
        indicator_factories.indicator(disaggregation="gioi-tinh", aggregation="sum"),
        indicator_factories.indicator(value_type="percent", aggregation="ratio"),
        indicator_factories.indicator(value_type="decimal", aggregation="average"),
    ]
    form = indicator_factories.form(
        indicators, [org_factories.level("cong-doan", "co-so")], code="prop-form"
    )
    return [root, *provinces, *districts, *leaves], indicators, sex, form


def _run(op, units, indicators, sex, form, actor):
    kind = op[0]
    if kind == "write":
        _k, u, i, period, c, value, den = op
        indicator = indicators[i]
        number = None if value is None else Decimal(value)
        if indicator.value_type == "percent":
            services.value_save(
                unit=units[u],
                indicator=indicator,
                period=period,
                actor=actor,
                numerator=number,
                denominator=None if number is None else Decimal(max(den, value)),
            )
        elif indicator.disaggregation_id and den % 2:  # both categories at once
            services.values_save_batch(
                unit=units[u],
                period=period,
                actor=actor,
                entries=[
                    ValueEntry(indicator, sex[c], number),
                    ValueEntry(indicator, sex[1 - c], Decimal(den)),
                ],
            )
        elif indicator.disaggregation_id:
            services.value_save(
                unit=units[u],
                indicator=indicator,
                period=period,
                actor=actor,
                value=number,
                category=sex[c],
            )
        else:
            services.value_save(
                unit=units[u],
                indicator=indicator,
                period=period,
                actor=actor,
                value=None if number is None else number / 4,
            )
    elif kind == "merge":
        units[op[1]].refresh_from_db()
        units[op[2]].refresh_from_db()
        org_services.units_merge(sources=[units[op[1]]], target=units[op[2]], on=op[3], actor=actor)
    elif kind == "split":
        source = units[op[1]]
        source.refresh_from_db()
        parent = org_services.selectors.placement_on(source, op[2])
        parent_unit = parent.parent if parent else None
        targets = [
            org_factories.unit(
                f"{source.name} tách {n}",
                level_code=source.level.code,
                parent=parent_unit,
                valid_from=op[2],
            )
            for n in (1, 2)
        ]
        org_services.unit_split(source=source, targets=targets, on=op[2], actor=actor)
        units.extend(targets)
    elif kind == "move":
        units[op[1]].refresh_from_db()
        units[op[2]].refresh_from_db()
        org_services.unit_move(unit=units[op[1]], new_parent=units[op[2]], on=op[3], actor=actor)
    elif kind == "approve":
        services.submission_submit(unit=units[op[1]], form=form, period=op[2], actor=actor)
        submission = Submission.objects.get(unit=units[op[1]], form=form, period=op[2])
        services.submission_approve(submission=submission, actor=actor)
    elif kind == "unlock":
        submission = Submission.objects.filter(unit=units[op[1]], form=form, period=op[2]).first()
        if submission is None:
            raise DomainError("none")
        services.submission_unlock(submission=submission, reason="Sửa số liệu", actor=actor)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(ops=operations)
def test_incremental_rollups_equal_from_scratch(ops):
    with transaction.atomic():
        actor = account_factories.user(is_superuser=True)
        units, indicators, sex, form = _build()
        for op in ops:
            try:
                with transaction.atomic():
                    _run(op, units, indicators, sex, form, actor)
            except DomainError:
                pass
            assert rollups.rollup_stored() == rollups.rollup_expected(), op
        transaction.set_rollback(True)


def test_rollup_of_a_unit_equals_the_sum_over_its_subtree_in_both_structures(tree, sex):
    actor = account_factories.user(is_superuser=True)
    members = indicator_factories.indicator(disaggregation="gioi-tinh", aggregation="sum")
    for unit, value in ((tree.g1, 5), (tree.g2, 7), (tree.tg, 1), (tree.g3, 11)):
        services.value_save(
            unit=unit,
            indicator=members,
            period="2024S1",
            actor=actor,
            value=Decimal(value),
            category=sex["nu"],
        )

    values = {
        (unit.name, structure): selectors.rollup(
            unit=unit, period="2024S1", indicators=[members], structure=structure
        )[0].value
        for unit in (tree.root, tree.tg, tree.district, tree.dt, tree.g1)
        for structure in ("current", "as_of")
    }

    assert values == {
        (tree.root.name, "current"): Decimal(24),
        (tree.root.name, "as_of"): Decimal(24),
        (tree.tg.name, "current"): Decimal(13),
        (tree.tg.name, "as_of"): Decimal(13),
        (tree.district.name, "current"): Decimal(12),
        (tree.district.name, "as_of"): Decimal(12),
        (tree.dt.name, "current"): Decimal(11),
        (tree.dt.name, "as_of"): Decimal(11),
        (tree.g1.name, "current"): Decimal(5),
        (tree.g1.name, "as_of"): Decimal(5),
    }
