"""Sane bounds on every count and amount (issue 9, item 5): the form, the API, the Excel import
and the services refuse a number out of range with a Vietnamese message; the database checks
the same bounds; the lists and totals never overflow."""

import datetime as dt
import io
import json

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import Workbook

from phoihop.accounts.permissions import SYSTEM
from phoihop.activities import excel, imports, services
from phoihop.activities.models import Activity, ActivityCost, ActivityKind
from phoihop.core.exceptions import DomainError
from phoihop.core.numbers import MAX_AMOUNT, MAX_COUNT
from phoihop.orgs import services as org_services

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HUGE = 9_223_372_036_854_775_807  # the count the tester typed


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 16, 3, 0, tzinfo=dt.UTC), tick=False)


def _kind() -> ActivityKind:
    return ActivityKind.objects.get(code="hoi-nghi")


def _create(unit, **fields) -> Activity:
    values = {"title": "Hội nghị", "kind": _kind(), "starts_on": dt.date(2017, 3, 6)}
    return services.activity_create(actor=SYSTEM, organizers=[(unit, "lead")], **values, **fields)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("participants", str(HUGE), "Số này quá lớn: tối đa 100.000.000."),
        ("participants", "100.000.001", "Số này quá lớn: tối đa 100.000.000."),
        ("beneficiaries", "9" * 40, "Số này quá lớn: tối đa 100.000.000."),
        ("cost_union", "1.000.000.000.001", "Số này quá lớn: tối đa 1.000.000.000.000."),
    ],
)
def test_activity_form_answers_a_huge_number_with_a_field_error(
    client, hanoi_union, hanoi_union_officer, field, value, message
):
    client.force_login(hanoi_union_officer)
    data = {
        "title": "Hội nghị",
        "kind": _kind().pk,
        "starts_on": "06/03/2017",
        "lead_unit": hanoi_union.pk,
        "participants": "120",
        field: value,
    }

    response = client.post(reverse("activities:activity_create"), data)

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert Activity.objects.count() == 0


def test_the_largest_numbers_are_accepted_and_listed(client, hanoi_union, hanoi_union_officer):
    for _ in range(3):
        _create(
            hanoi_union,
            participants=MAX_COUNT,
            participants_women=MAX_COUNT,
            beneficiaries=MAX_COUNT,
            costs={"union": MAX_AMOUNT},
        )
    client.force_login(hanoi_union_officer)

    page = client.get(reverse("activities:activity_list"))
    api = client.get(reverse("api:activity_totals"))

    assert (page.context["totals"].participants, page.context["totals"].cost) == (
        3 * MAX_COUNT,
        3 * MAX_AMOUNT,
    )
    assert (api.json()["participants"], api.json()["cost"]) == (3 * MAX_COUNT, 3 * MAX_AMOUNT)


@pytest.mark.parametrize(
    "fields",
    [
        {"participants": HUGE},
        {"participants": MAX_COUNT + 1},
        {"beneficiaries": -1},
        {"workers": MAX_COUNT + 1, "participants": 10},
        {"benefits_value": MAX_AMOUNT + 1},
    ],
)
def test_the_service_refuses_a_number_out_of_range(hanoi_union, fields):
    with pytest.raises(DomainError) as refused:
        _create(hanoi_union, **fields)

    assert (refused.value.field, Activity.objects.count()) == (next(iter(fields)), 0)


def test_the_service_refuses_costs_above_the_bound_even_as_a_sum(hanoi_union):
    with pytest.raises(DomainError) as refused:
        _create(hanoi_union, costs={"union": MAX_AMOUNT, "women": 1})

    assert str(refused.value) == "Chi phí phải từ 0 đến 1.000.000.000.000 đồng (cả tổng cộng)."
    assert Activity.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value", "status"),
    [("participants", HUGE, 422), ("participants", -1, 422), ("beneficiaries", MAX_COUNT, 201)],
)
def test_api_bounds_the_counts(client, hanoi_union, hanoi_union_officer, field, value, status):
    client.force_login(hanoi_union_officer)
    body = {
        "title": "Hội nghị",
        "kind": "hoi-nghi",
        "starts_on": "2017-03-06",
        "lead_unit_id": hanoi_union.pk,
        field: value,
    }

    response = client.post(
        reverse("api:activity_create"), json.dumps(body), content_type="application/json"
    )

    assert (response.status_code, Activity.objects.count()) == (status, int(status == 201))


def test_excel_import_refuses_a_huge_number_in_its_row(hanoi_union, hanoi_union_officer):
    org_services.unit_update(unit=hanoi_union, actor=SYSTEM, code="LDLD-HN")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([column.header for column in excel.COLUMNS])
    cells = {
        "title": "Hội nghị",
        "kind": "Hội nghị",
        "starts_on": "6/3/2017",
        "lead_unit": "LDLD-HN",
        "participants": HUGE,
        "cost_state": 2 * MAX_AMOUNT,
    }
    sheet.append([cells.get(column.key) for column in excel.COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = imports.activity_import_job_create(
        actor=hanoi_union_officer, data=buffer.getvalue(), filename="a.xlsx", dry_run=False
    )

    imports.activity_import_run(job)

    job.refresh_from_db()
    assert [(e["column"], e["message"]) for e in job.errors] == [
        # a number cell holds a float: 2**63 - 1 is read as 2**63
        (excel.HEADER["participants"], "Số 9.223.372.036.854.775.808 quá lớn: tối đa 100.000.000."),
        (
            excel.HEADER["cost_state"],
            "Số 2.000.000.000.000 quá lớn: tối đa 1.000.000.000.000.",
        ),
    ]
    assert Activity.objects.count() == 0


def test_the_database_checks_the_bounds_too(hanoi_union):
    activity = _create(hanoi_union, participants=10, costs={"union": 5})

    refused = []
    for model, values in (
        (Activity, {"participants": MAX_COUNT + 1}),
        (Activity, {"total_cost": MAX_AMOUNT + 1}),
        (ActivityCost, {"amount": MAX_AMOUNT + 1}),
    ):
        try:
            with transaction.atomic():
                model.objects.filter(pk=activity.pk if model is Activity else None).update(
                    **values
                ) if model is Activity else ActivityCost.objects.filter(activity=activity).update(
                    **values
                )
        except IntegrityError:
            refused.append(next(iter(values)))

    assert refused == ["participants", "total_cost", "amount"]
