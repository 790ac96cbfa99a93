"""Bad numbers in URLs, query strings and forms are a 404, an ignored filter or a Vietnamese form
error, never a server error (issue 9, item 8)."""

import datetime as dt

import pytest
from django.urls import reverse

from phoihop.accounts.permissions import SYSTEM
from phoihop.accounts.services import api_token_create
from phoihop.activities import services as activity_services
from phoihop.activities.models import Activity, ActivityKind
from phoihop.programs import services as program_services
from tests.factories import accounts as account_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HUGE = "99999999999999999999"
PAST_BIGINT = str(2**63)
BAD_NUMBERS = [HUGE, PAST_BIGINT, "²", "١٢", "abc", "-1", "1.5", "0"]


@pytest.fixture
def data(hanoi_union, hanoi_women):
    program = program_services.program_create(
        actor=SYSTEM,
        parties=[{"unit": hanoi_union}, {"unit": hanoi_women}],
        title="Chương trình thử",
        start_year=2024,
        end_year=2030,
    )
    activity = activity_services.activity_create(
        actor=SYSTEM,
        organizers=[(hanoi_union, "lead")],
        title="Hội nghị thử",
        kind=ActivityKind.objects.get(code="hoi-nghi"),
        starts_on=dt.date(2025, 3, 8),
        program=program,
        participants=10,
    )
    return program, activity


PAGES = [
    ("programs:program_list", ["page", "party", "area", "year", "tier", "system"]),
    ("activities:activity_list", ["page", "unit", "program", "kind", "content_area", "area"]),
    ("activities_excel:activity_export", ["unit", "program", "kind", "area"]),
    ("activities:activity_create", ["copy", "program"]),
    ("activities:content_area_choices", ["program"]),
    ("documents:document_list", ["page", "doc_type"]),
    ("orgs:tree", ["at"]),
    ("orgs:unit_search", ["q", "page"]),
    ("agenda:list", ["from", "to"]),
    ("programs:program_create", ["parent", "predecessor", "copy"]),
]


@pytest.mark.parametrize(("name", "params"), PAGES, ids=[name for name, _ in PAGES])
def test_pages_answer_bad_numbers_in_query_parameters_without_server_error(
    client, data, hanoi_union_officer, name, params
):
    client.force_login(hanoi_union_officer)

    statuses = {
        (param, value): client.get(reverse(name), {param: value}).status_code
        for param in params
        for value in BAD_NUMBERS
    }

    assert {key: status for key, status in statuses.items() if status >= 500} == {}


@pytest.mark.parametrize(
    "path",
    [
        f"/units/{HUGE}/",
        f"/units/{PAST_BIGINT}/",
        f"/programs/{PAST_BIGINT}/",
        f"/activities/{PAST_BIGINT}/edit/",
        f"/documents/{HUGE}/",
        f"/activities/excel/import/{PAST_BIGINT}/",
        f"/programs/{PAST_BIGINT}/milestones/{HUGE}/",
        f"/calendar/{HUGE}/1/",
    ],
)
def test_ids_past_64_bits_in_urls_are_not_found(client, hanoi_union_officer, path):
    client.force_login(hanoi_union_officer)

    assert client.get(path).status_code == 404


def test_a_page_number_past_64_bits_shows_the_last_page(client, data, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("activities:activity_list"), {"page": HUGE})

    assert (response.status_code, response.context["page"].number) == (200, 1)


@pytest.mark.parametrize(
    ("url", "status"),
    [
        (f"/api/v1/units?page={HUGE}", 422),
        ("/api/v1/units?page=100000", 200),
        (f"/api/v1/activities?unit={PAST_BIGINT}", 422),
        ("/api/v1/activities?unit=²", 422),
        (f"/api/v1/programs?year={HUGE}", 422),
        (f"/api/v1/units/{PAST_BIGINT}", 422),
        ("/api/v1/units/abc", 422),
        ("/api/v1/programs/1,2/coverage", 422),
        ("/api/v1/units/1/abc/def", 404),
    ],
)
def test_api_answers_bad_numbers_with_404_or_422(client, data, url, status):
    admin = account_factories.user("admin", is_superuser=True)
    token = api_token_create(user=admin)[1]

    response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")

    assert (response.status_code, response["Content-Type"].split(";")[0]) == (
        status,
        "application/json",
    )


@pytest.mark.parametrize(
    "body",
    [
        {"lead_unit_id": 2**63},
        {"partner_unit_ids": [2**63]},
        {"program_id": 2**64},
        {"participants": 2**63},
    ],
)
def test_api_refuses_numbers_past_the_database_range_in_a_body(
    client, data, hanoi_union, hanoi_union_officer, body
):
    token = api_token_create(user=hanoi_union_officer)[1]
    payload = {
        "title": "Tập huấn",
        "kind": "hoi-nghi",
        "starts_on": "2025-03-08",
        "lead_unit_id": hanoi_union.pk,
        **body,
    }

    response = client.post(
        "/api/v1/activities",
        payload,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )

    assert (response.status_code, Activity.objects.count()) == (422, 1)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("participants", "²"),
        ("participants", "١٢٠"),
        ("cost_union", "1.500.00²"),
        ("participants", "9.223.372.036.854.775.808"),
        ("cost_union", PAST_BIGINT),
        ("kind", PAST_BIGINT),
        ("lead_unit", HUGE),
        ("partners", PAST_BIGINT),
        ("program", "²"),
        ("content_areas", HUGE),
        ("area", HUGE),
    ],
)
def test_activity_form_shows_a_field_error_for_a_bad_number(
    client, data, hanoi_union, hanoi_union_officer, field, value
):
    client.force_login(hanoi_union_officer)
    form = {
        "title": "Hội nghị tuyên truyền",
        "kind": ActivityKind.objects.get(code="hoi-nghi").pk,
        "starts_on": "06/03/2025",
        "lead_unit": hanoi_union.pk,
        "participants": "120",
        field: value,
    }

    response = client.post(reverse("activities:activity_create"), form)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert Activity.objects.count() == 1
