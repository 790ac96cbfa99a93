"""Completeness and timeliness; the home page's work items; computed indicators."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from phoihop.accounts.permissions import SYSTEM
from phoihop.activities import services as activity_services
from phoihop.activities.models import ActivityKind
from phoihop.indicators import selectors, services
from phoihop.indicators.models import Indicator
from phoihop.indicators.periods import parse_period
from tests.factories import accounts as account_factories
from tests.factories import indicators as indicator_factories
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
P = "2024S1"


@pytest.fixture
def form(tree):
    trainings = indicator_factories.indicator()
    return indicator_factories.form(
        [trainings], [org_factories.level("cong-doan", "co-so")], cutoff_day=15, deadline_days=10
    )


def _at(time_machine, day):
    time_machine.move_to(dt.datetime(day.year, day.month, day.day, 3, tzinfo=dt.UTC), tick=False)


def test_completeness_counts_expected_reported_on_time_approved_and_lists_the_missing(
    tree, form, admin_user, time_machine
):
    _at(time_machine, dt.date(2024, 6, 20))
    on_time = services.submission_submit(unit=tree.g1, form=form, period=P, actor=admin_user)
    services.submission_approve(submission=on_time, actor=admin_user)
    _at(time_machine, dt.date(2024, 7, 2))  # deadline: 15/6 + 10 days = 25/06/2024
    services.submission_submit(unit=tree.g2, form=form, period=P, actor=admin_user)

    report = selectors.completeness(tree.root, form, P)

    assert (
        report.expected,
        report.reported,
        report.on_time,
        report.approved,
        report.missing_count,
        report.deadline,
        report.rate,
    ) == (3, 2, 1, 1, 1, dt.date(2024, 6, 25), Decimal("66.7"))
    assert [u.name for u in report.missing] == ["CĐCS Bệnh viện Sa Đéc"]


def test_waived_units_are_not_missing(tree, form, admin_user):
    services.submission_waive(
        unit=tree.g3, form=form, period=P, reason="Đơn vị giải thể", actor=admin_user
    )

    report = selectors.completeness(tree.dt, form, P)

    assert (report.expected, report.waived, report.missing_count, report.missing) == (1, 1, 0, [])


def test_units_created_after_the_period_are_not_expected(tree, form):
    org_factories.unit(
        "CĐCS mới", level_code="co-so", parent=tree.dt, valid_from=dt.date(2025, 1, 1)
    )

    assert selectors.completeness(tree.dt, form, P).expected == 1


def test_work_items_show_what_to_enter_and_what_to_approve(tree, form, admin_user):
    editor = account_factories.member(tree.g1, "editor")
    approver = account_factories.member(tree.district, "approver")
    services.submission_submit(unit=tree.g2, form=form, period=P, actor=admin_user)
    services.submission_return(
        submission=selectors.submission_of(tree.g2, form, P), comment="Bổ sung", actor=admin_user
    )
    services.submission_submit(unit=tree.g2, form=form, period=P, actor=admin_user)
    services.submission_waive(
        unit=tree.g1, form=form, period=P, reason="Tạm dừng", actor=admin_user
    )
    services.submission_unlock(
        submission=selectors.submission_of(tree.g1, form, P),
        reason="Hoạt động lại",
        actor=admin_user,
    )

    mine, theirs = selectors.work_items_for(editor), selectors.work_items_for(approver)

    assert [s.unit for s in mine["to_enter"]] == [tree.g1]
    assert [s.unit for s in theirs["to_approve"]] == [tree.g2]


def test_computed_indicators_come_from_the_subtrees_activities(tree):
    kind = ActivityKind.objects.get(code="tap-huan")
    for unit, day, people in (
        (tree.g1, dt.date(2024, 3, 8), 40),
        (tree.g2, dt.date(2024, 5, 1), 60),
        (tree.g3, dt.date(2024, 3, 8), 99),
        (tree.g1, dt.date(2024, 7, 1), 10),
    ):
        activity_services.activity_create(
            actor=SYSTEM,
            organizers=[(unit, "lead")],
            title=f"Tập huấn {people}",
            kind=kind,
            starts_on=day,
            participants=people,
            participants_women=people // 2,
        )
    count = Indicator.objects.get(code="hd-tap-huan")
    women = Indicator.objects.get(code="hd-nu-tham-gia")

    items = selectors.rollup(unit=tree.tg, period=P, indicators=[count, women])

    assert [(i.indicator.code, i.value, i.computed) for i in items] == [
        ("hd-tap-huan", Decimal(2), True),
        ("hd-nu-tham-gia", Decimal(50), True),
    ]
    assert selectors.computed_value(tree.g1, count, parse_period("2024"), subtree=False) == 2


def test_completeness_without_the_list_gives_the_same_numbers(tree, form, admin_user):
    services.submission_submit(unit=tree.g1, form=form, period=P, actor=admin_user)

    full, numbers = (selectors.completeness(tree.root, form, P, limit=n) for n in (50, 0))

    assert (numbers.expected, numbers.reported, numbers.missing_count, numbers.missing) == (
        full.expected,
        full.reported,
        full.missing_count,
        [],
    )
    assert len(full.missing) == 2
