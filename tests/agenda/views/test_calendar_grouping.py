"""A calendar that stays readable: grouped milestones, filters, no chasing of ended work,
and ticking a milestone done from the list (issue 12, item 5)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from phoihop.accounts.permissions import SYSTEM
from phoihop.orgs import services as org_services
from phoihop.programs import services as program_services
from tests.agenda.conftest import milestone, signed_program
from tests.factories import accounts as account_factories
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DUE = dt.date(2025, 7, 20)


@pytest.fixture
def districts(hanoi_union, hanoi_women, hanoi_union_officer):
    """Five district programs with the same yearly report milestone on the same day."""
    programs = []
    for n in range(5):
        union = org_factories.unit(f"LĐLĐ quận {n}", level_code="huyen", parent=hanoi_union)
        women = org_factories.unit(
            f"Hội LHPN quận {n}", system_code="hoi-lhpn", level_code="huyen", parent=hanoi_women
        )
        program = signed_program(hanoi_union_officer, union, women, title=f"CTPH quận {n}")
        milestone(program, "Báo cáo kết quả năm 2025", DUE)
        programs.append(program)
    return programs


def test_same_milestones_of_a_day_are_one_group(client, hanoi_union_officer, districts):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("agenda:month_of", args=[2025, 7]))

    day = next(d for week in response.context["cal"].weeks for d in week if d.date == DUE)
    assert [(g.count, g.title) for g in day.groups] == [(5, "Báo cáo kết quả năm 2025")]
    assert "LĐLĐ quận 3" in response.content.decode()  # the units are listed in the group


def test_mine_shows_only_programs_of_the_users_own_units(
    client, hanoi_union, hanoi_women, hanoi_union_officer, districts
):
    own = signed_program(hanoi_union_officer, hanoi_union, hanoi_women, title="CTPH thành phố")
    milestone(own, "Báo cáo của thành phố", DUE)
    client.force_login(hanoi_union_officer)

    response = client.get(
        reverse("agenda:list"), {"from": "20/07/2025", "to": "20/07/2025", "mine": "1"}
    )

    assert [g.title for g in response.context["groups"]] == ["Báo cáo của thành phố"]


def test_program_and_kind_filters(client, hanoi_union_officer, districts):
    client.force_login(hanoi_union_officer)
    params = {"from": "01/07/2025", "to": "31/07/2025"}

    by_program = client.get(reverse("agenda:list"), {**params, "program": districts[2].pk})
    keydays = client.get(reverse("agenda:list"), {**params, "kind": "keyday"})

    assert {i.program_title for i in by_program.context["items"]} == {"CTPH quận 2"}
    assert {i.kind for i in keydays.context["items"]} <= {"keyday"}


def test_milestones_of_superseded_programs_and_dissolved_units_are_dropped(
    client, hanoi_union_officer, districts
):
    program_services.program_activate(program=districts[0], actor=SYSTEM)
    program_services.program_close(program=districts[0], actor=SYSTEM)
    for party in districts[1].parties.all():
        org_services.unit_dissolve(unit=party.unit, on=dt.date(2025, 7, 1), actor=SYSTEM)
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("agenda:list"), {"from": "20/07/2025", "to": "20/07/2025"})

    titles = {i.program_title for i in response.context["items"]}
    assert titles == {"CTPH quận 2", "CTPH quận 3", "CTPH quận 4"}


def test_a_closed_phases_open_milestone_is_not_overdue(hanoi_union_officer, districts):
    late = milestone(districts[0], "Báo cáo quý I", dt.date(2025, 4, 1))
    program_services.program_activate(program=districts[0], actor=SYSTEM)
    assert late.is_overdue(dt.date(2025, 7, 10))

    program_services.program_close(program=districts[0], actor=SYSTEM)
    late.refresh_from_db()

    assert not late.is_overdue(dt.date(2025, 7, 10))


def _tick(client, item, **files):
    return client.post(
        reverse("programs:milestone_done", args=[item.pk]),
        {"next": "/calendar/list/", **files},
    )


def test_an_editor_ticks_a_milestone_done_with_the_report_file(
    client, hanoi_union_officer, districts
):
    item = districts[0].milestones.get(title="Báo cáo kết quả năm 2025")
    client.force_login(hanoi_union_officer)

    response = _tick(client, item, report_file=SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4"))

    item.refresh_from_db()
    assert response.status_code == 302
    assert item.done_on == dt.date(2025, 7, 10)
    assert item.report_file.name.endswith(".pdf")


@pytest.mark.parametrize("who", ["viewer", "outsider"])
def test_viewers_and_outsiders_cannot_tick(client, hanoi_union, danang_union, districts, who):
    item = districts[0].milestones.get(title="Báo cáo kết quả năm 2025")
    user = account_factories.member(hanoi_union if who == "viewer" else danang_union, "viewer")
    client.force_login(user)

    response = _tick(client, item)

    item.refresh_from_db()
    assert response.status_code in {302, 404}
    assert item.done_on is None


def test_a_file_of_a_wrong_type_is_refused_and_nothing_changes(
    client, hanoi_union_officer, districts
):
    item = districts[0].milestones.get(title="Báo cáo kết quả năm 2025")
    client.force_login(hanoi_union_officer)

    response = _tick(client, item, report_file=SimpleUploadedFile("virus.exe", b"MZ"))

    item.refresh_from_db()
    assert item.done_on is None
    assert "PDF" in response.wsgi_request._messages._queued_messages[0].message
