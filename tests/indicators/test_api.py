"""/api/v1/indicators: catalog, forms, values (read and write with the same checks), roll-up,
completeness, workflow; a unit sees its subtree's values, never a sibling's."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from phoihop.indicators import services
from phoihop.indicators.models import DataValue, Indicator
from tests.factories import accounts as account_factories
from tests.factories import indicators as indicator_factories
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/api/v1/indicators"
P = "2024S1"


def _post(client, path, data):
    return client.post(URL + path, json.dumps(data), content_type="application/json")


@pytest.fixture
def figures(tree, sex, admin_user):
    members = Indicator.objects.get(code="doan-vien")
    for unit, women, men in ((tree.g1, 30, 10), (tree.g2, 20, 5), (tree.g3, 7, 1)):
        services.value_save(
            unit=unit,
            indicator=members,
            period=P,
            value=Decimal(women),
            category=sex["nu"],
            actor=admin_user,
        )
        services.value_save(
            unit=unit,
            indicator=members,
            period=P,
            value=Decimal(men),
            category=sex["nam"],
            actor=admin_user,
        )
    return members


def test_catalog_lists_seeded_indicators_with_their_split(client, tree):
    client.force_login(account_factories.member(tree.tg, "viewer"))

    rows = {row["code"]: row for row in client.get(URL).json()}

    assert rows["doan-vien"]["categories"] == [
        {"code": "nam", "name": "Nam"},
        {"code": "nu", "name": "Nữ"},
    ]
    assert (rows["hd-so-luong"]["computed"], rows["ty-le-nu-cnvcld"]["aggregation"]) == (
        True,
        "ratio",
    )


def test_forms_list_their_indicators_in_order(client, tree):
    client.force_login(account_factories.member(tree.tg, "viewer"))

    forms = {row["code"]: row for row in client.get(URL + "/forms").json()}

    assert (forms["phu-nu-6-thang"]["indicators"][:2], forms["nu-cong-6-thang"]["cutoff_day"]) == (
        ["hoi-vien", "ho-5k3s"],
        15,
    )


def test_values_show_the_subtree_and_never_a_sibling(client, tree, figures):
    client.force_login(account_factories.member(tree.tg, "viewer"))

    mine = client.get(URL + "/values", {"period": P}).json()["items"]
    sibling = client.get(URL + "/values", {"unit": tree.g3.pk})

    assert sorted({row["unit_id"] for row in mine}) == [tree.g1.pk, tree.g2.pk]
    assert sibling.status_code == 404


def test_rollup_gives_value_split_and_target(client, tree, figures, admin_user):
    services.target_set(
        unit=tree.tg, indicator=figures, period=P, value=Decimal(100), actor=admin_user
    )
    client.force_login(account_factories.member(tree.tg, "viewer"))

    rows = client.get(
        URL + "/rollup", {"unit": tree.tg.pk, "period": P, "indicators": "doan-vien"}
    ).json()
    sibling = client.get(URL + "/rollup", {"unit": tree.dt.pk, "period": P})

    assert rows == [
        {
            "code": "doan-vien",
            "name": "Đoàn viên công đoàn",
            "value": 65.0,
            "count": 2,
            "computed": False,
            "disaggregated": [
                {"category": "nam", "value": 15.0},
                {"category": "nu", "value": 50.0},
            ],
            "target": 100.0,
            "achievement": 65.0,
        }
    ]
    assert sibling.status_code == 404


def test_posting_values_uses_the_same_checks_all_or_nothing(client, tree):
    client.force_login(account_factories.member(tree.g1, "editor"))
    payload = {
        "unit": tree.g1.pk,
        "period": P,
        "values": [
            {"indicator": "doan-vien", "category": "nu", "value": "30"},
            {"indicator": "ty-le-nu-cnvcld", "numerator": 12, "denominator": 10},
        ],
    }

    refused = _post(client, "/values", payload)
    payload["values"][1]["numerator"] = 6
    saved = _post(client, "/values", payload)

    assert (refused.status_code, [e["index"] for e in refused.json()["errors"]]) == (400, [1])
    assert (saved.status_code, saved.json()["saved"]) == (200, 2)
    assert DataValue.objects.filter(unit=tree.g1).count() == 2


def test_posting_values_for_a_sibling_is_refused(client, tree):
    client.force_login(account_factories.member(tree.g1, "editor"))

    response = _post(
        client,
        "/values",
        {
            "unit": tree.g3.pk,
            "period": P,
            "values": [{"indicator": "cdcs-co-ban-nu-cong", "value": 1}],
        },
    )
    viewer = account_factories.member(tree.g3, "viewer")
    client.force_login(viewer)
    as_viewer = _post(
        client,
        "/values",
        {
            "unit": tree.g3.pk,
            "period": P,
            "values": [{"indicator": "cdcs-co-ban-nu-cong", "value": 1}],
        },
    )

    assert (response.status_code, as_viewer.status_code, DataValue.objects.count()) == (404, 403, 0)


@pytest.mark.parametrize("period", ["2024S3", "quý 1", ""])
def test_a_bad_period_is_a_clear_400(client, tree, period):
    client.force_login(account_factories.member(tree.g1, "editor"))

    response = _post(client, "/values", {"unit": tree.g1.pk, "period": period, "values": []})

    assert (response.status_code, "2024S1" in response.json()["detail"]) == (400, True)


def test_completeness_and_workflow_through_the_api(client, tree):
    trainings = indicator_factories.indicator(code="tap-huan-thu")
    form = indicator_factories.form(
        [trainings], [org_factories.level("cong-doan", "co-so")], code="bieu-thu"
    )
    editor = account_factories.member(tree.g1, "editor")
    approver = account_factories.member(tree.tg, "approver")
    client.force_login(editor)
    _post(
        client,
        "/values",
        {"unit": tree.g1.pk, "period": P, "values": [{"indicator": "tap-huan-thu", "value": 2}]},
    )
    submitted = _post(
        client,
        "/submissions",
        {"unit": tree.g1.pk, "form": "bieu-thu", "period": P, "action": "submit"},
    )
    client.force_login(approver)
    approved = _post(
        client,
        "/submissions",
        {"unit": tree.g1.pk, "form": "bieu-thu", "period": P, "action": "approve"},
    )
    report = client.get(
        URL + "/completeness", {"unit": tree.tg.pk, "form": form.code, "period": P}
    ).json()

    assert (submitted.json()["state"], approved.json()["state"]) == ("submitted", "approved")
    assert {k: report[k] for k in ("expected", "reported", "approved", "missing_count")} == {
        "expected": 2,
        "reported": 1,
        "approved": 1,
        "missing_count": 1,
    }
    assert [u["name"] for u in report["missing"]] == ["CĐCS Công ty May Cái Bè"]
