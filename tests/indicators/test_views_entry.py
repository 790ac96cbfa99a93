"""The entry grid: who sees and changes which unit's figures, autosave, rules, submission."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from phoihop.core.models import AuditEntry
from phoihop.indicators import services
from phoihop.indicators.models import DataValue, Indicator, Submission
from phoihop.orgs.models import OrgLevel
from tests.factories import accounts as account_factories
from tests.factories import indicators as indicator_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PERIOD = "2024S1"


@pytest.fixture
def form():
    codes = ["doan-vien", "cdcs", "cdcs-co-ban-nu-cong", "ty-le-nu-bch", "hd-so-luong", "gvn-dvn"]
    indicators = [Indicator.objects.get(code=code) for code in codes]
    levels = list(OrgLevel.objects.filter(system__code="cong-doan", code__in=["huyen", "co-so"]))
    return indicator_factories.form(indicators, levels, code="bm-thu", cutoff_day=15)


@pytest.fixture
def editor(tree):
    return account_factories.member(tree.g1, "editor", username="g1_editor")


def _url(name, unit, form, period=PERIOD, **kw):
    return reverse(f"indicators:{name}", args=[unit.pk, form.code, period, *kw.values()])


def _ind(code):
    return Indicator.objects.get(code=code)


def _save(client, unit, form, data):
    return client.post(_url("entry_row_save", unit, form), data, HTTP_HX_REQUEST="true")


def test_grid_shows_last_period_and_computed_rows(client, tree, form, editor, sex, admin_user):
    services.value_save(unit=tree.g1, indicator=_ind("doan-vien"), period="2023S2",
                        actor=admin_user, value=Decimal(1234), category=sex["nu"])  # fmt: skip
    client.force_login(editor)

    response = client.get(_url("entry_grid", tree.g1, form))

    rows = {row.indicator.code: row for row in response.context["rows"]}
    assert [cell.previous for cell in rows["doan-vien"].cells] == ["", "1.234"]
    assert rows["hd-so-luong"].cells == []
    assert rows["hd-so-luong"].computed == "0"
    assert response.context["state"].editable is True
    assert "1.234" in response.content.decode()


def test_row_autosave_stores_the_split_and_derives_the_total(client, tree, form, editor, sex):
    client.force_login(editor)
    members = _ind("doan-vien")

    response = _save(client, tree.g1, form, {
        "indicator": members.pk,
        f"i{members.pk}-c{sex['nam'].pk}": "1.200",
        f"i{members.pk}-c{sex['nu'].pk}": "950",
    })  # fmt: skip

    stored = dict(
        DataValue.objects.filter(unit=tree.g1, indicator=members).values_list(
            "category__code", "value"
        )
    )
    assert stored == {"nam": Decimal(1200), "nu": Decimal(950)}
    body = response.content.decode()
    assert f'<span id="total-{members.pk}" hx-swap-oob="true">2.150</span>' in body
    assert "Đã lưu" in body or "Saved" in body


def test_row_autosave_refuses_garbage_and_saves_nothing(client, tree, form, editor, sex):
    client.force_login(editor)
    members = _ind("doan-vien")

    response = _save(client, tree.g1, form, {
        "indicator": members.pk,
        f"i{members.pk}-c{sex['nam'].pk}": "Mét tr¨m",  # TCVN3-garbled text
        f"i{members.pk}-c{sex['nu'].pk}": "950",
    })  # fmt: skip

    assert response.status_code == 200
    assert DataValue.objects.filter(unit=tree.g1).count() == 0
    assert "Mét tr¨m" in response.content.decode()


def test_percentage_row_saves_count_and_total_and_shows_the_rate(client, tree, form, editor):
    client.force_login(editor)
    share = _ind("ty-le-nu-bch")

    response = _save(client, tree.g1, form, {
        "indicator": share.pk, f"i{share.pk}-num": "8", f"i{share.pk}-den": "13"
    })  # fmt: skip

    value = DataValue.objects.get(unit=tree.g1, indicator=share)
    assert (value.numerator, value.denominator) == (Decimal(8), Decimal(13))
    assert (
        f'<span id="total-{share.pk}" hx-swap-oob="true">61,5%</span>' in response.content.decode()
    )


def test_forged_indicator_id_is_404_and_computed_cannot_be_typed(client, tree, form, editor):
    client.force_login(editor)
    outside = Indicator.objects.get(code="hoi-vien")  # not on the form
    computed = _ind("hd-so-luong")

    forged = _save(client, tree.g1, form, {"indicator": outside.pk, f"i{outside.pk}-v": "5"})
    typed = _save(client, tree.g1, form, {"indicator": computed.pk, f"i{computed.pk}-v": "5"})

    assert forged.status_code == 404
    assert typed.status_code == 200
    assert DataValue.objects.count() == 0


def test_sibling_and_outsider_get_404_and_see_nothing(client, tree, form, sex, admin_user):
    services.value_save(unit=tree.g1, indicator=_ind("doan-vien"), period=PERIOD,
                        actor=admin_user, value=Decimal(77), category=sex["nu"])  # fmt: skip
    sibling = account_factories.member(tree.g2, "editor")
    outsider = account_factories.member(tree.dt, "approver")

    for user in (sibling, outsider):
        client.force_login(user)
        assert client.get(_url("entry_grid", tree.g1, form)).status_code == 404
        assert client.get(_url("excel_download", tree.g1, form)).status_code == 404
        posted = _save(client, tree.g1, form, {"indicator": _ind("cdcs").pk})
        assert posted.status_code == 404

    assert DataValue.objects.filter(unit=tree.g1).count() == 1


def test_viewer_reads_but_cannot_save(client, tree, form, sex):
    viewer = account_factories.member(tree.district, "viewer")
    client.force_login(viewer)
    members = _ind("doan-vien")

    page = client.get(_url("entry_grid", tree.g1, form))
    posted = _save(client, tree.g1, form, {
        "indicator": members.pk, f"i{members.pk}-c{sex['nu'].pk}": "5"
    })  # fmt: skip

    assert page.context["state"].editable is False
    assert posted.status_code == 403
    assert DataValue.objects.count() == 0


def test_soft_rule_blocks_submission_until_commented(client, tree, form, editor, sex, admin_user):
    gvn = _ind("gvn-dvn")
    services.value_save(unit=tree.g1, indicator=gvn, period="2023S2", actor=admin_user,
                        value=Decimal(2))  # fmt: skip
    client.force_login(editor)
    _save(client, tree.g1, form, {"indicator": gvn.pk, f"i{gvn.pk}-v": "40"})

    refused = client.post(_url("entry_submit", tree.g1, form), follow=True)
    assert Submission.objects.filter(state="submitted").count() == 0
    assert "3 lần" in refused.content.decode()

    _save(client, tree.g1, form, {
        "indicator": gvn.pk, f"i{gvn.pk}-v": "40", f"i{gvn.pk}-comment": "Tổng kết 5 năm"
    })  # fmt: skip
    client.post(_url("entry_submit", tree.g1, form))

    assert Submission.objects.get(unit=tree.g1).state == "submitted"


def test_hard_rule_message_is_shown_on_the_row(client, tree, form, editor, sex):
    client.force_login(editor)
    total, with_committee = _ind("cdcs"), _ind("cdcs-co-ban-nu-cong")
    cats = {c.code: c for c in total.disaggregation.categories.all()}
    _save(client, tree.g1, form, {
        "indicator": total.pk, f"i{total.pk}-c{cats['nha-nuoc'].pk}": "2",
        f"i{total.pk}-c{cats['ngoai-nha-nuoc'].pk}": "1",
    })  # fmt: skip

    response = _save(client, tree.g1, form, {
        "indicator": with_committee.pk, f"i{with_committee.pk}-v": "5"
    })  # fmt: skip

    message = "Số CĐCS có Ban nữ công không thể lớn hơn tổng số CĐCS."
    body = response.content.decode()
    row_messages = body.split(f'id="msg-{with_committee.pk}"')[1].split('id="total-')[0]
    assert message in row_messages
    assert 'id="submit-report" class="btn primary" disabled' in body
    assert DataValue.objects.get(unit=tree.g1, indicator=with_committee).value == 5


def test_value_history_lists_old_and_new_with_who(client, tree, form, editor, sex):
    client.force_login(editor)
    members = _ind("doan-vien")
    name = f"i{members.pk}-c{sex['nu'].pk}"
    _save(client, tree.g1, form, {"indicator": members.pk, name: "10"})
    _save(client, tree.g1, form, {"indicator": members.pk, name: "12"})

    response = client.get(_url("value_history", tree.g1, form, indicator=members.pk))

    lines = [(x.who, x.category, x.old, x.new) for x in response.context["lines"]]
    assert lines == [("g1_editor", "Nữ", "10", "12"), ("g1_editor", "Nữ", "—", "10")]
    assert AuditEntry.objects.filter(action="phoihop.datavalue.changed").count() == 2


def test_save_all_is_all_or_nothing(client, tree, form, editor, sex):
    client.force_login(editor)
    members, gvn = _ind("doan-vien"), _ind("gvn-dvn")

    client.post(_url("entry_save_all", tree.g1, form), {
        f"i{members.pk}-c{sex['nu'].pk}": "10", f"i{gvn.pk}-v": "-3",
    })  # fmt: skip
    assert DataValue.objects.count() == 0

    client.post(_url("entry_save_all", tree.g1, form), {
        f"i{members.pk}-c{sex['nu'].pk}": "10", f"i{gvn.pk}-v": "3",
    })  # fmt: skip
    assert DataValue.objects.filter(value__isnull=False).count() == 2


def test_wrong_period_type_or_unknown_form_is_404(client, tree, form, editor):
    client.force_login(editor)

    assert client.get(_url("entry_grid", tree.g1, form, period="2024Q1")).status_code == 404
    assert client.get(_url("entry_grid", tree.g1, form, period="20x4")).status_code == 404
    url = reverse("indicators:entry_grid", args=[tree.g1.pk, "khong-co", PERIOD])
    assert client.get(url).status_code == 404
