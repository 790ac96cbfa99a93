"""The checks shared by the grid, the API and the Excel upload; batches are all or nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from phoihop.core.models import AuditEntry
from phoihop.indicators import services
from phoihop.indicators.models import DataValue, Indicator
from phoihop.indicators.services import ValueEntry, ValuesInvalid
from phoihop.indicators.validation import Figure, entry_errors, parse_number, values_check
from tests.factories import indicators as indicator_factories

P = "2024S1"


@pytest.mark.unit
@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("1.234.567", Decimal(1234567)),
        ("61,5", Decimal("61.5")),
        ("12", Decimal(12)),
        (" 25 330 ", Decimal(25330)),
        ("0.5", Decimal("0.5")),
        (7, Decimal(7)),
        ("", None),
    ],
)
def test_parse_number_reads_vietnamese_writing(raw, number):
    assert parse_number(raw) == number


@pytest.mark.unit
@pytest.mark.parametrize("raw", ["mét", "1.23.4", "1,2,3", "NaN", "Infinity", "5%"])
def test_parse_number_refuses_garbage(raw):
    with pytest.raises(ValueError):  # noqa: PT011
        parse_number(raw)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value_type", "figure", "errors"),
    [
        ("int", Figure(value=Decimal("2.5")), 1),
        ("int", Figure(value=Decimal(-1)), 1),
        ("int", Figure(value=Decimal("1e16")), 1),
        ("int", Figure(value=Decimal(3)), 0),
        ("decimal", Figure(value=Decimal("2.5")), 0),
        ("yesno", Figure(value=Decimal(2)), 1),
        ("percent", Figure(numerator=Decimal(11), denominator=Decimal(10)), 1),  # 110 %
        ("percent", Figure(numerator=Decimal(3), denominator=None), 1),
        ("percent", Figure(numerator=Decimal(1), denominator=Decimal(0)), 1),
        ("percent", Figure(numerator=Decimal(0), denominator=Decimal(10)), 0),
    ],
)
def test_entry_errors(value_type, figure, errors):
    indicator = Indicator(code="x", value_type=value_type)

    assert len(entry_errors(indicator, figure)) == errors


@pytest.mark.django_db
def test_women_over_the_total_is_a_hard_issue_and_a_jump_a_soft_one(tree):
    members = Indicator.objects.get(code="doan-vien")
    committee = Indicator.objects.get(code="thanh-vien-ban-nu-cong")
    female = members.disaggregation.categories.get(code="nu")
    pending = {
        (members.pk, female.pk): Figure(value=Decimal(40)),
        (committee.pk, None): Figure(value=Decimal(50)),
    }

    issues = values_check(unit=tree.g1, period=P, pending=pending)

    assert [(i.indicator_code, i.rule, i.severity, i.blocks) for i in issues] == [
        ("thanh-vien-ban-nu-cong", "doan-vien-ge-thanh-vien", "hard", True)
    ]


@pytest.mark.django_db
def test_a_batch_with_one_bad_figure_saves_nothing(tree, admin_user):
    trainings = indicator_factories.indicator()
    share = indicator_factories.indicator(value_type="percent", aggregation="ratio")
    entries = [
        ValueEntry(trainings, value=Decimal(3)),
        ValueEntry(share, numerator=Decimal(12), denominator=Decimal(10)),
        ValueEntry(trainings, value=Decimal(4)),
    ]

    with pytest.raises(ValuesInvalid) as caught:
        services.values_save_batch(unit=tree.g1, period=P, entries=entries, actor=admin_user)

    assert [index for index, _message in caught.value.errors] == [1, 2]
    changes = AuditEntry.objects.filter(action="phoihop.datavalue.changed").count()
    assert (DataValue.objects.count(), changes) == (0, 0)


@pytest.mark.django_db
def test_reject_hard_rules_refuses_a_batch_that_breaks_one(tree, admin_user):
    cdcs = Indicator.objects.get(code="cdcs")
    with_committee = Indicator.objects.get(code="cdcs-co-ban-nu-cong")
    state = cdcs.disaggregation.categories.get(code="nha-nuoc")
    entries = [
        ValueEntry(cdcs, category=state, value=Decimal(4)),
        ValueEntry(with_committee, value=Decimal(5)),
    ]

    with pytest.raises(ValuesInvalid) as caught:
        services.values_save_batch(
            unit=tree.g1, period=P, entries=entries, actor=admin_user, reject_hard_rules=True
        )

    assert (caught.value.errors[0][0], DataValue.objects.count()) == (1, 0)


@pytest.mark.django_db
def test_a_split_indicator_needs_its_category_and_refuses_a_foreign_one(tree, admin_user):
    members = Indicator.objects.get(code="doan-vien")
    sector = Indicator.objects.get(code="cdcs").disaggregation.categories.first()

    with pytest.raises(ValuesInvalid):
        services.value_save(
            unit=tree.g1, indicator=members, period=P, value=Decimal(1), actor=admin_user
        )
    with pytest.raises(ValuesInvalid):
        services.value_save(
            unit=tree.g1,
            indicator=members,
            period=P,
            value=Decimal(1),
            category=sector,
            actor=admin_user,
        )

    assert DataValue.objects.count() == 0


@pytest.mark.django_db
def test_a_figure_changed_meanwhile_is_not_overwritten(tree, admin_user):
    trainings = indicator_factories.indicator()
    services.value_save(
        unit=tree.g1, indicator=trainings, period=P, value=Decimal(3), actor=admin_user
    )
    services.values_save_batch(
        unit=tree.g1,
        period=P,
        actor=admin_user,
        entries=[ValueEntry(trainings, value=Decimal(4), seen=Decimal(3))],
    )

    with pytest.raises(ValuesInvalid, match=r"reload|tải lại"):
        services.values_save_batch(
            unit=tree.g1,
            period=P,
            actor=admin_user,
            entries=[ValueEntry(trainings, value=Decimal(9), seen=Decimal(3))],
        )

    assert DataValue.objects.get().value == Decimal(4)
