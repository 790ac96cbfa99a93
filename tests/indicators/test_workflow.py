"""The whole workflow: enter, submit, return, bottom-up approval with waivers, lock, audited
unlock; and who may do what (editor enters, an approver of the level above decides)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from phoihop.core.audit import entries_for
from phoihop.core.exceptions import DomainError
from phoihop.core.models import AuditEntry
from phoihop.indicators import services
from phoihop.indicators.enums import SubmissionState
from phoihop.indicators.models import DataValue
from tests.factories import accounts as account_factories
from tests.factories import indicators as indicator_factories
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
P = "2024S1"


@pytest.fixture
def setup(tree):
    trainings = indicator_factories.indicator(aggregation="sum")
    levels = [org_factories.level("cong-doan", code) for code in ("co-so", "tinh")]
    form = indicator_factories.form([trainings], levels)
    people = {
        "g1_editor": account_factories.member(tree.g1, "editor", include_subunits=False),
        "tg_editor": account_factories.member(tree.tg, "editor", include_subunits=False),
        "tg_approver": account_factories.member(tree.tg, "approver"),
        "root_approver": account_factories.member(tree.root, "approver"),
    }
    return tree, trainings, form, people


def _state(unit, form):
    return unit and form.submissions.get(unit=unit).state


def test_bottom_up_approval_waits_for_the_units_below_or_their_waiver(setup):
    tree, trainings, form, who = setup
    services.value_save(
        unit=tree.g1, indicator=trainings, period=P, value=Decimal(3), actor=who["g1_editor"]
    )
    g1 = services.submission_submit(unit=tree.g1, form=form, period=P, actor=who["g1_editor"])
    services.submission_approve(submission=g1, actor=who["tg_approver"])
    tg = services.submission_submit(unit=tree.tg, form=form, period=P, actor=who["tg_editor"])

    with pytest.raises(DomainError, match="CĐCS Công ty May Cái Bè"):
        services.submission_approve(submission=tg, actor=who["root_approver"])
    services.submission_waive(
        unit=tree.g2, form=form, period=P, reason="Giải thể giữa kỳ", actor=who["tg_approver"]
    )
    services.submission_approve(submission=tg, actor=who["root_approver"])

    assert [_state(u, form) for u in (tree.g1, tree.g2, tree.tg)] == [
        SubmissionState.APPROVED,
        SubmissionState.WAIVED,
        SubmissionState.APPROVED,
    ]
    assert list(entries_for(tg).values_list("action", flat=True)) == [
        "phoihop.submission.approved",
        "phoihop.submission.submitted",
    ]


def test_approved_values_are_locked_until_an_approver_unlocks_them(setup):
    tree, trainings, form, who = setup
    services.value_save(
        unit=tree.g1, indicator=trainings, period=P, value=Decimal(3), actor=who["g1_editor"]
    )
    g1 = services.submission_submit(unit=tree.g1, form=form, period=P, actor=who["g1_editor"])
    services.submission_approve(submission=g1, actor=who["tg_approver"])

    with pytest.raises(DomainError, match=r"locked|khóa"):
        services.value_save(
            unit=tree.g1, indicator=trainings, period=P, value=Decimal(5), actor=who["g1_editor"]
        )
    with pytest.raises(DomainError):
        services.submission_unlock(submission=g1, reason="Sai số", actor=who["g1_editor"])
    services.submission_unlock(submission=g1, reason="Sai số liệu quý", actor=who["tg_approver"])
    services.value_save(
        unit=tree.g1, indicator=trainings, period=P, value=Decimal(5), actor=who["g1_editor"]
    )

    value = DataValue.objects.get(unit=tree.g1)
    assert (value.value, value.approved, _state(tree.g1, form)) == (
        Decimal(5),
        False,
        SubmissionState.RETURNED,
    )
    unlocked = AuditEntry.objects.get(action="phoihop.submission.unlocked")
    assert (unlocked.actor, unlocked.data["reason"]) == (who["tg_approver"], "Sai số liệu quý")
    assert [e.data["value"] for e in entries_for(value).order_by("pk")] == [
        {"old": None, "new": "3"},
        {"old": "3", "new": "5"},
    ]


def test_return_needs_a_comment_and_reopens_the_report(setup):
    tree, _trainings, form, who = setup
    g1 = services.submission_submit(unit=tree.g1, form=form, period=P, actor=who["g1_editor"])

    with pytest.raises(DomainError):
        services.submission_return(submission=g1, comment="  ", actor=who["tg_approver"])
    services.submission_return(submission=g1, comment="Thiếu số liệu", actor=who["tg_approver"])
    again = services.submission_submit(unit=tree.g1, form=form, period=P, actor=who["g1_editor"])

    assert (again.state, again.comment) == (SubmissionState.SUBMITTED, "Thiếu số liệu")


def test_an_editor_cannot_approve_and_cannot_enter_a_siblings_values(setup):
    tree, trainings, form, who = setup
    g1 = services.submission_submit(unit=tree.g1, form=form, period=P, actor=who["g1_editor"])

    with pytest.raises(DomainError):
        services.submission_approve(submission=g1, actor=who["g1_editor"])
    with pytest.raises(DomainError):
        services.value_save(
            unit=tree.g2, indicator=trainings, period=P, value=Decimal(1), actor=who["g1_editor"]
        )
    with pytest.raises(DomainError):  # an approver of the unit itself is not the level above
        services.submission_approve(
            submission=services.submission_submit(
                unit=tree.tg, form=form, period=P, actor=who["tg_editor"]
            ),
            actor=who["tg_approver"],
        )

    assert (DataValue.objects.count(), _state(tree.g1, form)) == (0, SubmissionState.SUBMITTED)


def test_submission_is_refused_while_a_hard_rule_is_broken(tree, admin_user):
    from phoihop.indicators.models import Indicator, ReportForm

    form = ReportForm.objects.get(code="nu-cong-6-thang")
    cdcs = Indicator.objects.get(code="cdcs")
    with_committee = Indicator.objects.get(code="cdcs-co-ban-nu-cong")
    sectors = {c.code: c for c in cdcs.disaggregation.categories.all()}
    services.value_save(
        unit=tree.tg,
        indicator=cdcs,
        period=P,
        value=Decimal(10),
        category=sectors["nha-nuoc"],
        actor=admin_user,
    )
    services.value_save(
        unit=tree.tg, indicator=with_committee, period=P, value=Decimal(12), actor=admin_user
    )

    with pytest.raises(DomainError, match="cdcs-co-ban-nu-cong"):
        services.submission_submit(unit=tree.tg, form=form, period=P, actor=admin_user)
    services.value_save(
        unit=tree.tg, indicator=with_committee, period=P, value=Decimal(9), actor=admin_user
    )
    submission = services.submission_submit(unit=tree.tg, form=form, period=P, actor=admin_user)

    assert submission.state == SubmissionState.SUBMITTED


def test_a_soft_rule_needs_a_comment_before_submission(tree, admin_user):
    from phoihop.indicators.models import Indicator, ReportForm

    form = ReportForm.objects.get(code="nu-cong-6-thang")
    awards = Indicator.objects.get(code="gvn-dvn")
    services.value_save(
        unit=tree.tg, indicator=awards, period="2023S2", value=Decimal(10), actor=admin_user
    )
    services.value_save(
        unit=tree.tg, indicator=awards, period=P, value=Decimal(40), actor=admin_user
    )

    with pytest.raises(DomainError, match="gvn-dvn"):
        services.submission_submit(unit=tree.tg, form=form, period=P, actor=admin_user)
    services.value_save(
        unit=tree.tg,
        indicator=awards,
        period=P,
        value=Decimal(40),
        comment="Tổ chức tuyên dương dịp 20/10",
        actor=admin_user,
    )

    assert (
        services.submission_submit(unit=tree.tg, form=form, period=P, actor=admin_user).state
        == SubmissionState.SUBMITTED
    )


def test_computed_indicators_cannot_be_typed(tree, admin_user):
    from phoihop.indicators.models import Indicator

    with pytest.raises(DomainError, match="hd-so-luong"):
        services.value_save(
            unit=tree.g1,
            indicator=Indicator.objects.get(code="hd-so-luong"),
            period=P,
            value=Decimal(3),
            actor=admin_user,
        )

    assert DataValue.objects.count() == 0


def test_target_allocation_checks_the_childrens_sum(tree, admin_user):
    committees = indicator_factories.indicator(aggregation="sum")
    parent = services.target_set(
        unit=tree.root, indicator=committees, period="2025", value=Decimal(50), actor=admin_user
    )

    with pytest.raises(DomainError, match="60"):
        services.target_allocate(
            parent=parent,
            allocations={tree.tg: Decimal(30), tree.dt: Decimal(30)},
            actor=admin_user,
        )
    children = services.target_allocate(
        parent=parent, allocations={tree.tg: Decimal(30), tree.dt: Decimal(15)}, actor=admin_user
    )

    from phoihop.indicators.selectors import target_allocation

    check = target_allocation(parent)
    assert ([c.parent_id for c in children], check.allocated, check.difference) == (
        [parent.pk, parent.pk],
        Decimal(45),
        Decimal(5),
    )
