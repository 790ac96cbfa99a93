"""The program form has room for three parties and more, and a party can be removed."""

import pytest
from django.urls import reverse

from phoihop.programs.models import Program
from tests.factories import orgs as factories
from tests.programs.views.test_program_pages import party_form

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _data(total: int, *parties: dict) -> dict:
    data = {
        "kind": "program",
        "title": "Chương trình phối hợp ba bên giai đoạn 2017 - 2022",
        "start_year": "2017",
        "end_year": "2022",
        "report_frequency": "annual",
        "report_deadline_day": "15",
        "parties-TOTAL_FORMS": str(total),
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "2",
        "parties-MAX_NUM_FORMS": "8",
    }
    for party in parties:
        data.update(party)
    return data


@pytest.fixture
def youth(union_root, hanoi_area):
    return factories.unit("Thành đoàn Hà Nội", system_code="doan-tn", parent=None, area=hanoi_area)


def test_add_a_party_renders_one_more_row_and_saves_nothing(
    client, hanoi_union, hanoi_women, hanoi_union_officer
):
    client.force_login(hanoi_union_officer)
    data = _data(2, party_form(0, hanoi_union, "lead"), party_form(1, hanoi_women))

    response = client.post(reverse("programs:program_create"), {**data, "add_party": "1"})

    assert response.status_code == 200
    assert response.context["parties"].total_form_count() == 3
    assert Program.objects.count() == 0


def test_three_parties_are_saved(client, hanoi_union, hanoi_women, youth, hanoi_union_officer):
    client.force_login(hanoi_union_officer)
    data = _data(
        3,
        party_form(0, hanoi_union, "lead"),
        party_form(1, hanoi_women),
        party_form(2, youth),
    )

    client.post(reverse("programs:program_create"), data)

    program = Program.objects.get()
    assert [p.unit for p in program.parties.all()] == [hanoi_union, hanoi_women, youth]


def test_a_ticked_party_is_removed(client, hanoi_union, hanoi_women, youth, hanoi_union_officer):
    client.force_login(hanoi_union_officer)
    data = _data(
        3,
        party_form(0, hanoi_union, "lead"),
        party_form(1, hanoi_women),
        party_form(2, youth, DELETE="on"),
    )

    client.post(reverse("programs:program_create"), data)

    program = Program.objects.get()
    assert [p.unit for p in program.parties.all()] == [hanoi_union, hanoi_women]


def test_removing_down_to_one_party_is_refused(
    client, hanoi_union, hanoi_women, hanoi_union_officer
):
    client.force_login(hanoi_union_officer)
    data = _data(2, party_form(0, hanoi_union, "lead"), party_form(1, hanoi_women, DELETE="on"))

    response = client.post(reverse("programs:program_create"), data)

    assert response.status_code == 200
    assert Program.objects.count() == 0
