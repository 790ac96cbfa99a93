"""Program pages: list, detail, create/edit, lifecycle buttons, cascade, coverage; scoped."""

import datetime as dt

import pytest
from django.urls import reverse

from phoihop.accounts.permissions import SYSTEM
from phoihop.core.models import AuditEntry
from phoihop.programs import cascade, services
from phoihop.programs.models import Program
from tests.factories import orgs as factories
from tests.factories.accounts import member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def district_pair(hanoi_union, hanoi_women):
    area = factories.area("Quận Thanh Xuân", kind="district", short_name="Thanh Xuân")
    union = factories.unit(
        "Liên đoàn Lao động quận Thanh Xuân", level_code="huyen", parent=hanoi_union, area=area
    )
    women = factories.unit(
        "Hội Liên hiệp Phụ nữ quận Thanh Xuân",
        system_code="hoi-lhpn",
        level_code="huyen",
        parent=hanoi_women,
        area=area,
    )
    return union, women


@pytest.fixture
def city_program(hanoi_union, hanoi_women):
    return services.program_create(
        actor=SYSTEM,
        parties=[
            {"unit": hanoi_union, "signatory_name": "Nguyễn Phi Thường"},
            {"unit": hanoi_women, "signatory_name": "Lê Kim Anh"},
        ],
        content_areas=[{"title": "Tuyên truyền, giáo dục"}, {"title": "Thi đua"}],
        title="Chương trình phối hợp hoạt động trong nữ CNVCLĐ",
        number="01/CTrPH-LĐLĐ-HLHPN",
        start_year=2017,
        end_year=2022,
    )


def party_form(prefix_index, unit, role="partner", **extra):
    data = {
        f"parties-{prefix_index}-unit": unit.pk,
        f"parties-{prefix_index}-role": role,
    }
    data.update({f"parties-{prefix_index}-{k}": v for k, v in extra.items()})
    return data


def test_list_shows_only_programs_with_a_visible_party(
    client, city_program, danang_union, union_root, hanoi_union_officer
):
    services.program_create(
        actor=SYSTEM,
        parties=[{"unit": danang_union}, {"unit": union_root}],
        title="Chương trình Đà Nẵng",
        start_year=2023,
    )
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("programs:program_list"))

    assert [p.pk for p in response.context["page"]] == [city_program.pk]


def test_list_search_without_accents(client, city_program, hanoi_women_officer):
    client.force_login(hanoi_women_officer)

    found = [
        [p.pk for p in client.get(reverse("programs:program_list"), {"q": q}).context["page"]]
        for q in ["nu cnvcld", "ldld ha noi", "01/ctrph", "khong co"]
    ]

    assert found == [[city_program.pk], [city_program.pk], [city_program.pk], []]


def test_detail_of_an_outsider_is_404(client, city_program, danang_union_officer):
    client.force_login(danang_union_officer)

    response = client.get(reverse("programs:program_detail", args=[city_program.pk]))

    assert response.status_code == 404


def test_detail_shows_parties_contents_and_milestones(client, city_program, hanoi_union_officer):
    services.program_sign(program=city_program, signed_on=dt.date(2017, 3, 1), actor=SYSTEM)
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("programs:program_detail", args=[city_program.pk]))

    html = response.content.decode()
    assert [row["party"].signatory_name for row in response.context["parties"]] == [
        "Nguyễn Phi Thường",
        "Lê Kim Anh",
    ]
    assert "Tuyên truyền, giáo dục" in html
    assert response.context["milestones"][-1].kind == "final_review"
    assert len(response.context["overdue"]) == len(response.context["milestones"])


def test_create_program_with_two_parties(client, hanoi_union, hanoi_women, hanoi_union_officer):
    client.force_login(hanoi_union_officer)
    data = {
        "kind": "program",
        "title": "Chương trình phối hợp giai đoạn 2025 - 2030",
        "number": "",
        "start_year": "2025",
        "end_year": "2030",
        "report_frequency": "semiannual",
        "report_deadline_day": "15",
        "content_areas_text": "1. Tuyên truyền\n2. Chăm lo đời sống\n",
        "parties-TOTAL_FORMS": "2",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "2",
        "parties-MAX_NUM_FORMS": "8",
        **party_form(0, hanoi_union, "lead", signatory_name="A"),
        **party_form(1, hanoi_women, signatory_name="B"),
    }

    response = client.post(reverse("programs:program_create"), data)

    program = Program.objects.get()
    assert response.url == program.get_absolute_url()
    assert [p.unit_id for p in program.parties.all()] == [hanoi_union.pk, hanoi_women.pk]
    assert list(program.content_areas.values_list("title", flat=True)) == [
        "Tuyên truyền",
        "Chăm lo đời sống",
    ]
    assert AuditEntry.objects.filter(action="phoihop.program.created").count() == 1


def test_create_refuses_a_single_party(client, hanoi_union, hanoi_union_officer):
    client.force_login(hanoi_union_officer)
    data = {
        "kind": "program",
        "title": "X",
        "start_year": "2025",
        "report_frequency": "annual",
        "report_deadline_day": "15",
        "parties-TOTAL_FORMS": "1",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "2",
        "parties-MAX_NUM_FORMS": "8",
        **party_form(0, hanoi_union, "lead"),
    }

    response = client.post(reverse("programs:program_create"), data)

    assert response.status_code == 200
    assert Program.objects.count() == 0


def test_create_refuses_a_party_outside_reach(
    client, hanoi_union, danang_union, hanoi_union_officer
):
    client.force_login(hanoi_union_officer)
    data = {
        "kind": "program",
        "title": "X",
        "start_year": "2025",
        "report_frequency": "annual",
        "report_deadline_day": "15",
        "parties-TOTAL_FORMS": "2",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "2",
        "parties-MAX_NUM_FORMS": "8",
        **party_form(0, hanoi_union, "lead"),
        **party_form(1, danang_union),
    }

    response = client.post(reverse("programs:program_create"), data)

    assert response.status_code == 200
    assert list(response.context["parties"].forms[1].errors["unit"]) == [
        "Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong các lựa chọn khả thi."
    ]
    assert Program.objects.count() == 0


def test_sign_then_illegal_transition_is_refused(client, city_program, hanoi_union):
    approver = member(hanoi_union, "approver")
    client.force_login(approver)
    url = reverse("programs:program_transition", args=[city_program.pk, "sign"])

    client.post(url, {"signed_on": "01/03/2017", "number": "01/CTrPH"}, follow=True)
    again = client.post(url, {"signed_on": "02/03/2017"}, follow=True)

    city_program.refresh_from_db()
    assert (city_program.state, city_program.signed_on) == ("signed", dt.date(2017, 3, 1))
    assert [str(m) for m in again.context["messages"]] == [
        "Chương trình đang ở trạng thái “Đã ký” không thể chuyển sang “Đã ký”."
    ]


def test_editor_cannot_sign(client, city_program, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.post(
        reverse("programs:program_transition", args=[city_program.pk, "sign"]),
        {"signed_on": "01/03/2017"},
    )

    city_program.refresh_from_db()
    assert (response.status_code, city_program.state) == (403, "draft")


def test_cascade_and_coverage_move(
    client, city_program, district_pair, hanoi_union, hanoi_union_officer
):
    services.program_sign(program=city_program, signed_on=dt.date(2017, 3, 1), actor=SYSTEM)
    client.force_login(hanoi_union_officer)

    client.post(
        reverse("programs:program_cascade", args=[city_program.pk]),
        {"tier": "2", "on": "01/03/2017"},
    )
    before = client.get(reverse("programs:program_detail", args=[city_program.pk])).context[
        "coverage"
    ]
    derived = city_program.derived.get()
    services.program_sign(program=derived, signed_on=dt.date(2017, 3, 6), actor=SYSTEM)
    after = client.get(reverse("programs:program_detail", args=[city_program.pk])).context[
        "coverage"
    ]
    unsigned = client.get(
        reverse("programs:program_coverage", args=[city_program.pk]), {"state": "unsigned"}
    )

    assert (before.expected, before.signed, after.expected, after.signed) == (1, 0, 1, 1)
    assert "Mọi chương trình dự kiến đều đã được ký." in unsigned.content.decode()
    assert [p.unit_id for p in derived.parties.all()] == [district_pair[0].pk, district_pair[1].pk]


def test_renew_drafts_the_next_phase(client, city_program, hanoi_union):
    services.program_sign(program=city_program, signed_on=dt.date(2017, 3, 1), actor=SYSTEM)
    services.program_activate(program=city_program, actor=SYSTEM)
    client.force_login(member(hanoi_union, "approver"))

    response = client.post(reverse("programs:program_renew", args=[city_program.pk]))

    renewal = Program.objects.get(predecessor=city_program)
    assert response.url == renewal.get_absolute_url()
    assert (renewal.start_year, renewal.end_year, renewal.state) == (2022, 2027, "draft")


def test_milestone_edit_marks_done(client, city_program, hanoi_union_officer):
    services.program_sign(program=city_program, signed_on=dt.date(2017, 3, 1), actor=SYSTEM)
    milestone = city_program.milestones.first()
    client.force_login(hanoi_union_officer)

    client.post(
        reverse("programs:milestone_edit", args=[city_program.pk, milestone.pk]),
        {
            "title": milestone.title,
            "due_on": milestone.due_on.strftime("%d/%m/%Y"),
            "done_on": "10/12/2017",
        },
    )

    milestone.refresh_from_db()
    assert (milestone.done_on, milestone.generated) == (dt.date(2017, 12, 10), False)


def test_legal_basis_preview_parses_without_writing(client, hanoi_union_officer):
    from phoihop.documents.models import LegalDocument

    client.force_login(hanoi_union_officer)

    response = client.post(
        reverse("programs:legal_basis_preview"),
        {"legal_basis_text": "Căn cứ Chỉ thị số 21-CT/TW ngày 20/01/2018 của Ban Bí thư"},
    )

    assert [p.citation.number for p in response.context["proposals"]] == ["21-CT/TW"]
    assert LegalDocument.objects.count() == 0


@pytest.mark.parametrize("item_count", [1, 3])
def test_list_query_count_is_constant(
    client, hanoi_union, hanoi_women, hanoi_union_officer, item_count, django_assert_num_queries
):
    for i in range(item_count):
        services.program_create(
            actor=SYSTEM,
            parties=[{"unit": hanoi_union}, {"unit": hanoi_women}],
            content_areas=[{"title": "Nội dung"}],
            title=f"Chương trình {i}",
            start_year=2020 + i,
        )
    client.force_login(hanoi_union_officer)

    with django_assert_num_queries(8):
        client.get(reverse("programs:program_list"))


def test_cascade_service_used_by_the_page_is_idempotent(city_program, district_pair):
    services.program_sign(program=city_program, signed_on=dt.date(2017, 3, 1), actor=SYSTEM)

    first = cascade.program_cascade(
        program=city_program, tier=2, actor=SYSTEM, on=dt.date(2017, 3, 1)
    )
    second = cascade.program_cascade(
        program=city_program, tier=2, actor=SYSTEM, on=dt.date(2017, 3, 1)
    )

    assert (len(first.created), len(second.created), second.existing) == (1, 0, 1)
