"""The Excel import page: the importer, a dry run, bad files, and the outsider."""

import io
import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from phoihop.accounts.permissions import SYSTEM
from phoihop.orgs import services
from phoihop.orgs.imports import HEADERS, RowError
from phoihop.orgs.models import OrgPlacement, OrgUnit

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def upload(*rows, name="don-vi.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    workbook.active.append(HEADERS)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def ward_row(code, name, parent="LDLD-HN"):
    return [code, name, "", "", "Công đoàn", "xa", parent, "", "06/03/2017"]


@pytest.fixture
def coded_hanoi_union(hanoi_union):
    return services.unit_update(unit=hanoi_union, actor=SYSTEM, code="LDLD-HN")


def test_unit_import_page_shows_the_form_and_the_template_link(client, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("orgs:unit_import"))

    assert (response.status_code, response.context["result"]) == (200, None)
    assert re.findall(r'href="([^"]+)" download', response.content.decode()) == [
        reverse("orgs:unit_import_template")
    ]


def test_unit_import_requires_login(client):
    response = client.get(reverse("orgs:unit_import"))

    assert response.url == f"{reverse('accounts:login')}?next={reverse('orgs:unit_import')}"


def test_unit_import_creates_units_and_redirects_to_the_tree(
    client, coded_hanoi_union, hanoi_union_officer
):
    client.force_login(hanoi_union_officer)

    response = client.post(
        reverse("orgs:unit_import"),
        {
            "file": upload(
                ward_row("CDCS-1", "Công đoàn cơ sở Công ty A", parent="CD-BD"),
                ward_row("CD-BD", "Công đoàn phường Ba Đình"),
            )
        },
    )

    assert response.url == reverse("orgs:tree")
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Đã nhập 2 đơn vị từ Excel."]
    assert list(
        OrgPlacement.objects.filter(unit__code__in=["CD-BD", "CDCS-1"])
        .order_by("depth")
        .values_list("unit__code", "parent__code")
    ) == [("CD-BD", "LDLD-HN"), ("CDCS-1", "CD-BD")]


def test_unit_import_dry_run_lists_the_units_and_writes_nothing(
    client, coded_hanoi_union, hanoi_union_officer
):
    client.force_login(hanoi_union_officer)

    response = client.post(
        reverse("orgs:unit_import"),
        {"file": upload(ward_row("CD-BD", "Công đoàn phường Ba Đình")), "dry_run": "1"},
    )

    assert response.status_code == 200
    assert [u.code for u in response.context["result"].created] == ["CD-BD"]
    assert re.findall(r"<h2>([^<]+)</h2>", response.content.decode()) == [
        "Tệp hợp lệ: có thể nhập 1 đơn vị."
    ]
    assert OrgUnit.objects.filter(code="CD-BD").count() == 0


def test_unit_import_shows_row_errors_with_status_200_and_writes_nothing(
    client, coded_hanoi_union, hanoi_union_officer
):
    client.force_login(hanoi_union_officer)

    response = client.post(
        reverse("orgs:unit_import"),
        {"file": upload(ward_row("CD-BD", "Công đoàn phường Ba Đình"), ward_row("CD-HK", ""))},
    )

    assert response.status_code == 200
    assert response.context["result"].errors == [
        RowError(3, "Tên đầy đủ", "Chưa điền (cột bắt buộc).")
    ]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", response.content.decode())
    assert cells == ["3", "Tên đầy đủ", "Chưa điền (cột bắt buộc)."]
    assert OrgUnit.objects.filter(code__startswith="CD-").count() == 0


def test_unit_import_refuses_a_file_that_is_not_excel(client, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.post(
        reverse("orgs:unit_import"),
        {"file": SimpleUploadedFile("don-vi.xlsx", b"Ma don vi;Ten\n")},
    )

    assert [str(e) for e in response.context["result"].errors] == [
        "Tệp không phải bảng tính Excel .xlsx. Hãy mở tệp bằng Excel và lưu lại dưới dạng "
        "“Sổ làm việc Excel (.xlsx)”, hoặc dùng tệp mẫu."
    ]


@override_settings(MAX_UPLOAD_SIZE=1024)
def test_unit_import_refuses_an_upload_over_the_limit(client, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.post(
        reverse("orgs:unit_import"),
        {"file": SimpleUploadedFile("don-vi.xlsx", b"PK\x03\x04" + b"0" * 2000)},
    )

    assert response.status_code == 200
    assert response.context["result"] is None
    errors = response.context["form"].errors.as_data()
    assert [(field, [e.code for e in errors[field]]) for field in errors] == [
        ("file", ["too_large"])
    ]


def test_unit_import_outsider_cannot_import_under_another_provinces_unit(
    client, coded_hanoi_union, danang_union_officer
):
    client.force_login(danang_union_officer)

    response = client.post(
        reverse("orgs:unit_import"),
        {"file": upload(ward_row("CD-BD", "Công đoàn phường Ba Đình"))},
    )

    assert response.context["result"].errors == [
        RowError(
            2,
            "Mã đơn vị cấp trên",
            "Không có quyền thêm đơn vị vào đơn vị có mã “LDLD-HN” (hoặc hệ thống Công đoàn "
            "không có đơn vị nào mang mã này).",
        )
    ]
    assert OrgUnit.objects.filter(code="CD-BD").count() == 0


def test_unit_import_template_downloads_the_xlsx(client, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("orgs:unit_import_template"))

    assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-don-vi.xlsx"'
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == HEADERS


def test_unit_import_template_requires_login(client):
    response = client.get(reverse("orgs:unit_import_template"))

    assert response.url == (
        f"{reverse('accounts:login')}?next={reverse('orgs:unit_import_template')}"
    )
