"""Index ("Việc cần làm"), catalog, dashboards and targets pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from phoihop.indicators import services
from phoihop.indicators.models import Indicator, Target
from phoihop.indicators.selectors_home import due_for
from phoihop.orgs.models import OrgLevel
from tests.factories import accounts as account_factories
from tests.factories import indicators as indicator_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def form():
    indicators = [Indicator.objects.get(code=c) for c in ("doan-vien", "gvn-dvn", "ty-le-nu-bch")]
    levels = list(OrgLevel.objects.filter(system__code="cong-doan", code__in=["huyen", "co-so"]))
    return indicator_factories.form(indicators, levels, code="bm-dash", cutoff_day=15)


def _value(unit, code, value, admin, period="2024S1", **kw):
    return services.value_save(unit=unit, indicator=Indicator.objects.get(code=code),
                               period=period, actor=admin, value=Decimal(value), **kw)  # fmt: skip


def test_index_lists_what_to_enter_and_to_approve(client, tree, form, admin_user):
    editor = account_factories.member(tree.g1, "editor", username="g1_editor")
    approver = account_factories.member(tree.district, "approver")
    services.submission_submit(unit=tree.g2, form=form, period="2024S1", actor=admin_user)

    todo = due_for(editor, day=dt.date(2024, 6, 30))
    approvals = due_for(approver, day=dt.date(2024, 6, 30)).to_approve
    client.force_login(editor)
    page = client.get(reverse("indicators:index"))

    assert [(i.unit, i.form.code, str(i.period), i.overdue) for i in todo.to_enter] == [
        (tree.g1, "bm-dash", "2024S1", True),
        (tree.g1, "nu-cong-6-thang", "2024S1", True),  # the seeded form, due at every level
    ]
    assert [s.unit for s in approvals] == [tree.g2]
    assert page.status_code == 200
    assert page.context["todo"].to_approve == []


def test_due_for_drops_sent_reports_and_keeps_returned_ones(tree, form, admin_user):
    editor = account_factories.member(tree.g1, "editor")
    day = dt.date(2024, 6, 20)
    sent = services.submission_submit(unit=tree.g1, form=form, period="2024S1", actor=admin_user)

    assert [i.form.code for i in due_for(editor, day=day).to_enter] == ["nu-cong-6-thang"]

    services.submission_return(submission=sent, comment="Thiếu số liệu", actor=admin_user)

    items = due_for(editor, day=day).to_enter
    assert [(i.form.code, str(i.period), i.state, i.comment) for i in items] == [
        ("bm-dash", "2024S1", "returned", "Thiếu số liệu"),
        ("nu-cong-6-thang", "2024S1", "draft", ""),
    ]


def test_catalog_searches_without_accents(client, tree):
    client.force_login(account_factories.member(tree.g1, "viewer"))

    response = client.get(reverse("indicators:catalog"), {"q": "mai am"})
    detail = client.get(reverse("indicators:indicator_detail", args=["mai-am"]))

    assert [i.code for i in response.context["indicators"]] == ["mai-am"]
    assert detail.context["indicator"].name == "Mái ấm Công đoàn xây mới, sửa chữa"


def test_dashboard_shows_rollup_targets_children_and_charts(client, tree, form, admin_user, sex):
    _value(tree.g1, "doan-vien", 1200, admin_user, category=sex["nu"])
    _value(tree.g2, "doan-vien", 34, admin_user, category=sex["nu"])
    _value(tree.g3, "doan-vien", 999, admin_user, category=sex["nu"])  # Đồng Tháp
    services.target_set(unit=tree.district, indicator=Indicator.objects.get(code="doan-vien"),
                        period="2024S1", value=Decimal(2000), actor=admin_user)  # fmt: skip
    client.force_login(account_factories.member(tree.district, "viewer"))

    response = client.get(
        reverse("indicators:unit_dashboard", args=[tree.district.pk]),
        {"form": form.code, "period": "2024S1", "indicator": "doan-vien"},
    )

    figures = {f.indicator.code: f for f in response.context["figures"]}
    assert (figures["doan-vien"].value_text, figures["doan-vien"].target_text) == (
        "1.234",
        "2.000",
    )
    assert figures["doan-vien"].achievement_text == "61,7%"
    assert [(c.name, f.value_text) for c, f in response.context["kids"]] == [
        ("CĐCS Công ty May Cái Bè", "34"),
        ("CĐCS Trường THPT Cái Bè", "1.200"),
    ]
    body = response.content.decode()
    assert "<svg" in body
    assert ">1.200<" in body
    assert (">999<" in body, "Sa Đéc" in body) == (False, False)


def test_dashboard_of_a_sibling_province_is_404(client, tree):
    client.force_login(account_factories.member(tree.tg, "approver"))

    response = client.get(reverse("indicators:unit_dashboard", args=[tree.dt.pk]))

    assert response.status_code == 404


def test_targets_page_shows_achievement_and_over_allocation(client, tree, admin_user):
    indicator = Indicator.objects.get(code="ban-nu-cong-moi")
    parent = services.target_set(unit=tree.tg, indicator=indicator, period="2024",
                                 value=Decimal(50), actor=admin_user)  # fmt: skip
    services.target_allocate(parent=parent, allocations={tree.district: Decimal(50)},
                             actor=admin_user)  # fmt: skip
    _value(tree.g1, "ban-nu-cong-moi", 20, admin_user, period="2024S1")
    client.force_login(account_factories.member(tree.tg, "viewer"))

    response = client.get(reverse("indicators:unit_targets", args=[tree.tg.pk]))

    (line,) = response.context["lines"]
    assert (line.actual.value_text, line.actual.target_text, line.actual.achievement_text) == (
        "20",
        "50",
        "40,0%",
    )
    assert (line.allocated_text, line.over_allocated) == ("50", False)


def test_trend_rows_and_png_for_documents(tree, admin_user):
    from phoihop.indicators import dashboards
    from phoihop.indicators.charts import render_png
    from phoihop.indicators.periods import parse_period

    _value(tree.g1, "gvn-dvn", 1500, admin_user, period="2023S2")
    _value(tree.g2, "gvn-dvn", 25, admin_user, period="2024S1")
    _value(tree.g1, "gvn-dvn", 1700, admin_user, period="2024S1")
    periods = [parse_period(p) for p in ("2023S1", "2023S2", "2024S1")]

    rows, chart = dashboards.trend(tree.tg, Indicator.objects.get(code="gvn-dvn"), periods)

    assert [(str(p), f.value_text) for p, f in rows] == [
        ("2023S1", "—"),
        ("2023S2", "1.500"),
        ("2024S1", "1.725"),
    ]
    assert chart.periods == ["6T đầu 2023", "6T cuối 2023", "6T đầu 2024"]
    assert render_png(chart)[:4] == b"\x89PNG"


def test_editor_sets_a_target_viewer_cannot(client, tree):
    url = reverse("indicators:unit_targets", args=[tree.district.pk])
    data = {"indicator": "gvn-dvn", "period": "2025", "value": "1.500", "program": ""}
    client.force_login(account_factories.member(tree.district, "viewer"))
    refused = client.post(url, data)

    client.force_login(account_factories.member(tree.district, "editor"))
    bad = client.post(url, {**data, "value": "nhiều"})
    client.post(url, data)

    assert refused.status_code == 403
    assert bad.context["form"].errors == {"value": ["Hãy ghi một số, ví dụ 1.234 hoặc 61,5."]}
    target = Target.objects.get()
    assert (target.unit, target.indicator.code, target.period, target.value) == (
        tree.district,
        "gvn-dvn",
        "2025",
        Decimal(1500),
    )
