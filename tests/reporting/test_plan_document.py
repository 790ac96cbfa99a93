"""A party's annual plan (kế hoạch) implementing the program."""

import pytest
from django.urls import reverse

from tests.reporting.conftest import docx_lines, docx_tables

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_plan_is_issued_by_the_party_with_the_program_as_basis(
    client, signed_program, hanoi_women, hanoi_women_officer
):
    client.force_login(hanoi_women_officer)

    response = client.get(
        reverse("reporting:program_plan", args=[signed_program.pk]),
        {"unit": hanoi_women.pk, "year": "2025"},
    )

    lines = docx_lines(response.content)
    header = docx_tables(response.content)[0][0]
    assert header[0].split("\n")[:2] == [
        "HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM",
        "HỘI LIÊN HIỆP PHỤ NỮ THÀNH PHỐ HÀ NỘI",
    ]
    assert lines[lines.index("KẾ HOẠCH") + 1] == (
        "Thực hiện chương trình phối hợp các hoạt động trong nữ CNVCLĐ giai đoạn 2023 - 2028 "
        "năm 2025"
    )
    assert [line for line in lines if line.startswith("Căn cứ")] == [
        "Căn cứ Chương trình phối hợp số 01/CTrPH-LĐLĐ-HLHPN ngày 06/03/2023 giữa Hội Liên hiệp "
        "Phụ nữ thành phố Hà Nội và Liên đoàn Lao động thành phố Hà Nội;",
        "Căn cứ Chỉ thị 21-CT/TW ngày 20/01/2018 về tiếp tục đẩy mạnh công tác phụ nữ trong "
        "tình hình mới;",
    ]
    midterm = "- Sơ kết giữa kỳ chương trình phối hợp giai đoạn 2023–2028: trước ngày 31 tháng 12"
    assert f"{midterm} năm 2025." in lines


def test_plan_year_outside_the_phase_is_refused(client, signed_program, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    page = client.get(reverse("reporting:program_plan", args=[signed_program.pk]), {"year": "2035"})
    api = client.get(f"/api/v1/programs/{signed_program.pk}/plan?year=2035")

    assert (page.status_code, page.content.decode()) == (
        400,
        "Hãy chọn một năm trong giai đoạn của chương trình (2023–2028).",
    )
    assert (api.status_code, api.json()["detail"]) == (
        400,
        "Hãy chọn một năm trong giai đoạn của chương trình (2023–2028).",
    )


def test_plan_of_a_unit_that_is_not_a_party_is_refused(
    client, signed_program, danang_union, hanoi_union_officer
):
    client.force_login(hanoi_union_officer)

    api = client.get(f"/api/v1/programs/{signed_program.pk}/plan?year=2024&unit={danang_union.pk}")

    assert (api.status_code, api.json()["detail"]) == (400, "Hãy chọn một bên của chương trình.")


def test_outsider_cannot_get_the_plan(client, signed_program, danang_union_officer):
    client.force_login(danang_union_officer)

    api = client.get(f"/api/v1/programs/{signed_program.pk}/plan?year=2024")

    assert api.status_code == 404
