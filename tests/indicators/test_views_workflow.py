"""Approval pages: the queue, approve bottom-up, return, waive, unlock; completeness."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from phoihop.core.models import AuditEntry
from phoihop.indicators import pages, selectors, services
from phoihop.indicators.models import DataValue, Indicator, Submission
from phoihop.orgs.models import OrgLevel
from tests.factories import accounts as account_factories
from tests.factories import indicators as indicator_factories
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PERIOD = "2024S1"


@pytest.fixture
def form():
    indicators = [Indicator.objects.get(code=c) for c in ("gvn-dvn", "mai-am")]
    levels = list(OrgLevel.objects.filter(system__code="cong-doan", code__in=["huyen", "co-so"]))
    return indicator_factories.form(indicators, levels, code="bm-duyet", cutoff_day=15)


@pytest.fixture
def people(tree):
    return {
        "g1": account_factories.member(tree.g1, "editor", username="g1_editor"),
        "g2": account_factories.member(tree.g2, "editor", username="g2_editor"),
        "district": account_factories.member(tree.district, "approver", username="cai_be"),
        "province": account_factories.member(tree.tg, "approver", username="tien_giang"),
        "outsider": account_factories.member(tree.dt, "approver", username="dong_thap"),
    }


def _submit(unit, form, user, value=3):
    services.value_save(unit=unit, indicator=Indicator.objects.get(code="gvn-dvn"),
                        period=PERIOD, actor=user, value=Decimal(value))  # fmt: skip
    return services.submission_submit(unit=unit, form=form, period=PERIOD, actor=user)


def _grid(unit, form):
    return reverse("indicators:entry_grid", args=[unit.pk, form.code, PERIOD])


def test_queue_lists_the_children_submissions_only_to_their_approver(client, tree, form, people):
    mine = _submit(tree.g1, form, people["g1"])
    _submit(tree.g3, form, account_factories.member(tree.g3, "editor"))  # Đồng Tháp: could leak

    client.force_login(people["district"])
    queue = client.get(reverse("indicators:approvals")).context["queue"]
    client.force_login(people["outsider"])
    other = client.get(reverse("indicators:approvals")).context["queue"]

    assert queue == [mine]
    assert [s.unit for s in other] == [tree.g3]


def test_approve_locks_the_figures_and_audits(client, tree, form, people):
    submission = _submit(tree.g1, form, people["g1"])
    client.force_login(people["district"])

    client.post(reverse("indicators:approve", args=[submission.pk]), {"next": "queue"})

    submission.refresh_from_db()
    assert submission.state == "approved"
    assert DataValue.objects.get(unit=tree.g1).approved is True
    client.force_login(people["g1"])
    page = client.get(_grid(tree.g1, form))
    assert page.context["state"].editable is False


def test_editor_and_outsider_cannot_approve(client, tree, form, people):
    submission = _submit(tree.g1, form, people["g1"])

    client.force_login(people["g1"])
    own = client.post(reverse("indicators:approve", args=[submission.pk]))
    client.force_login(people["outsider"])
    foreign = client.post(reverse("indicators:approve", args=[submission.pk]))

    assert (own.status_code, foreign.status_code) == (403, 404)
    submission.refresh_from_db()
    assert submission.state == "submitted"


def test_return_needs_a_comment_then_reopens_the_grid(client, tree, form, people):
    submission = _submit(tree.g1, form, people["g1"])
    client.force_login(people["district"])
    url = reverse("indicators:return", args=[submission.pk])

    client.post(url, {"comment": "   "})
    submission.refresh_from_db()
    assert submission.state == "submitted"

    client.post(url, {"comment": "Số lượt GVN-ĐVN chưa khớp danh sách"})
    submission.refresh_from_db()
    assert (submission.state, submission.comment) == (
        "returned",
        "Số lượt GVN-ĐVN chưa khớp danh sách",
    )
    client.force_login(people["g1"])
    page = client.get(_grid(tree.g1, form))
    assert page.context["state"].editable is True
    assert "Số lượt GVN-ĐVN chưa khớp danh sách" in page.content.decode()


def test_parent_approval_waits_for_children_then_waiver_unblocks(client, tree, form, people):
    _submit(tree.g1, form, people["g1"])
    district_sub = _submit(tree.district, form, people["district"])
    client.force_login(people["province"])

    client.post(reverse("indicators:approve", args=[district_sub.pk]))
    district_sub.refresh_from_db()
    assert district_sub.state == "submitted"

    client.force_login(people["district"])
    g1_sub = Submission.objects.get(unit=tree.g1)
    client.post(reverse("indicators:approve", args=[g1_sub.pk]))
    waive = reverse("indicators:submission_waive", args=[tree.g2.pk, form.code, PERIOD])
    client.post(waive, {"reason": ""})
    assert not Submission.objects.filter(unit=tree.g2, state="waived").exists()
    client.post(waive, {"reason": "CĐCS giải thể tháng 3/2024"})
    client.force_login(people["province"])
    client.post(reverse("indicators:approve", args=[district_sub.pk]))

    district_sub.refresh_from_db()
    assert district_sub.state == "approved"
    assert Submission.objects.get(unit=tree.g2).waiver_reason == "CĐCS giải thể tháng 3/2024"


def test_unlock_is_audited_with_its_reason(client, tree, form, people):
    submission = _submit(tree.g1, form, people["g1"])
    client.force_login(people["district"])
    client.post(reverse("indicators:approve", args=[submission.pk]))

    client.post(reverse("indicators:unlock", args=[submission.pk]), {"reason": "Sửa số liệu"})

    submission.refresh_from_db()
    assert submission.state == "returned"
    entry = AuditEntry.objects.filter(action="phoihop.submission.unlocked").get()
    assert (entry.actor, entry.data["reason"]) == (people["district"], "Sửa số liệu")


def test_completeness_counts_and_drills_down(client, tree, form, people):
    _submit(tree.g1, form, people["g1"])
    client.force_login(people["province"])

    response = client.get(reverse("indicators:completeness", args=[tree.tg.pk, form.code, PERIOD]))

    top = response.context["top"]
    assert (top.expected, top.reported, top.missing_count) == (3, 1, 2)
    assert [u.name for u in top.missing] == ["CĐCS Công ty May Cái Bè", "LĐLĐ huyện Cái Bè"]
    assert [(r.unit, r.numbers.expected) for r in response.context["rows"]] == [(tree.district, 3)]
    assert response.context["waivable"] == {tree.district.pk, tree.g2.pk}


def test_completeness_of_a_foreign_unit_is_404(client, tree, form, people):
    client.force_login(people["outsider"])

    response = client.get(reverse("indicators:completeness", args=[tree.tg.pk, form.code, PERIOD]))

    assert response.status_code == 404


def test_queue_follows_the_engine_rule_for_every_user(tree, form, people):
    for unit, user in ((tree.g1, people["g1"]), (tree.g2, people["g2"])):
        _submit(unit, form, user)
    _submit(tree.district, form, people["district"])
    _submit(tree.g3, form, account_factories.member(tree.g3, "editor"))
    root_approver = account_factories.member(tree.root, "approver")

    for user in [*people.values(), root_approver]:
        mine = {s.pk for s in pages.approval_queue(user)}
        engine = {s.pk for s in selectors.work_items_for(user)["to_approve"]}
        assert mine == engine


@pytest.mark.parametrize("item_count", [1, 3])
def test_approvals_page_query_count_is_constant(
    client, tree, form, people, item_count, django_assert_num_queries
):
    units = [tree.g1, tree.g2] + [
        org_factories.unit(f"CĐCS thêm {n}", level_code="co-so", parent=tree.district)
        for n in range(item_count - 2)
    ]
    for unit in units[:item_count]:
        _submit(unit, form, people["province"])
    client.force_login(people["district"])

    with django_assert_num_queries(6):
        response = client.get(reverse("indicators:approvals"))

    assert len(response.context["queue"]) == item_count
