"""The home page answers "what must I do" for the user's own units, and nothing of others'."""

import datetime as dt

import pytest
from django.urls import reverse

from phoihop.accounts.permissions import SYSTEM
from phoihop.activities import services as activity_services
from phoihop.activities.models import ActivityKind
from phoihop.activities.models_imports import ActivityImportJob, ImportJobStatus
from phoihop.programs import services as program_services
from tests.factories import accounts as account_factories
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TODAY = dt.date(2025, 7, 10)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(dt.datetime(2025, 7, 10, 2, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def program(hanoi_union, hanoi_women, hanoi_union_officer):
    program = program_services.program_create(
        actor=hanoi_union_officer,
        parties=[{"unit": hanoi_union}, {"unit": hanoi_women}],
        title="Chương trình phối hợp chăm lo nữ công nhân Hà Nội",
        start_year=2025,
        end_year=2027,
    )
    program_services.program_sign(program=program, signed_on=dt.date(2025, 1, 15), actor=SYSTEM)
    program_services.milestone_create(
        program=program, actor=SYSTEM, title="Báo cáo quý II", due_on=dt.date(2025, 7, 3)
    )
    program_services.milestone_create(
        program=program, actor=SYSTEM, title="Báo cáo 6 tháng", due_on=dt.date(2025, 7, 25)
    )
    return program


def _home(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("home:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_login_lands_on_home(client, hanoi_union_officer):
    response = client.post(
        reverse("accounts:login"),
        {"username": "hanoi_union_officer", "password": "pw-Secret-123"},
    )

    assert response.headers["Location"] == reverse("home:home")


def test_overdue_and_coming_milestones_of_my_units(client, hanoi_union_officer, program):
    page = _home(client, hanoi_union_officer)

    due = page.split('id="due"')[1].split('id="awaiting"')[0]
    overdue, coming = due.split("<h3")[1:3]
    assert "Báo cáo quý II" in overdue
    assert "Báo cáo 6 tháng" in coming


def test_an_outsider_sees_none_of_it(client, danang_union_officer, program):
    page = _home(client, danang_union_officer)

    assert "Báo cáo quý II" not in page
    assert "Chương trình phối hợp chăm lo" not in page


def test_drafts_await_an_approvers_signature_not_an_editors(
    client, hanoi_union, hanoi_women, hanoi_union_officer
):
    program_services.program_create(
        actor=hanoi_union_officer,
        parties=[{"unit": hanoi_union}, {"unit": hanoi_women}],
        title="Dự thảo chương trình 2026",
        start_year=2026,
        end_year=2030,
    )
    approver = account_factories.member(hanoi_union, "approver")

    assert "Dự thảo chương trình 2026" in _home(client, approver).split('id="awaiting"')[1]
    assert (
        "Dự thảo chương trình 2026"
        not in _home(client, hanoi_union_officer).split('id="awaiting"')[1].split('id="gaps"')[0]
    )


def test_cascade_gaps_count_unsigned_derived_programs(
    client, hanoi_union_officer, program, hanoi_union, hanoi_women
):
    from phoihop.orgs.enums import Tier
    from phoihop.programs.cascade import program_cascade

    area = org_factories.area("Quận Ba Đình", kind="district")
    org_factories.unit("LĐLĐ quận Ba Đình", level_code="huyen", parent=hanoi_union, area=area)
    org_factories.unit(
        "Hội LHPN quận Ba Đình",
        system_code="hoi-lhpn",
        level_code="huyen",
        parent=hanoi_women,
        area=area,
    )
    program_cascade(program=program, tier=Tier.DISTRICT, actor=hanoi_union_officer)

    gaps = _home(client, hanoi_union_officer).split('id="gaps"')[1]

    assert "1 derived program not signed yet" in gaps or "1 chương trình" in gaps


def test_figures_of_the_year_and_failed_imports(client, hanoi_union, hanoi_union_officer):
    activity_services.activity_create(
        actor=hanoi_union_officer,
        title="Tọa đàm bình đẳng giới",
        kind=ActivityKind.objects.get(code="toa-dam"),
        starts_on=dt.date(2025, 3, 6),
        organizers=[(hanoi_union, "lead")],
        participants=1200,
        participants_women=950,
    )
    ActivityImportJob.objects.create(
        created_by=hanoi_union_officer,
        filename="hoat-dong-quy-2.xlsx",
        status=ImportJobStatus.FAILED,
        data=b"",
    )

    page = _home(client, hanoi_union_officer)

    figures = page.split("home-figures")[1].split("</section>")[0]
    assert ">1<" in figures.replace("<strong>", ">").replace("</strong>", "<")
    assert "1.200" in figures
    assert "950" in figures
    assert "hoat-dong-quy-2.xlsx" in page
