import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from phoihop.accounts.permissions import SYSTEM
from phoihop.orgs import services
from phoihop.orgs.imports import HEADERS
from phoihop.orgs.models import OrgUnit

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def coded_hanoi_union(hanoi_union):
    return services.unit_update(unit=hanoi_union, actor=SYSTEM, code="LDLD-HN")


@pytest.fixture
def units_file(tmp_path):
    def write(*rows):
        workbook = Workbook()
        workbook.active.append(HEADERS)
        for row in rows:
            workbook.active.append(row)
        path = tmp_path / "don-vi.xlsx"
        workbook.save(path)
        return str(path)

    return write


def ward_row(code, name, parent="LDLD-HN"):
    return [code, name, "", "", "Công đoàn", "xa", parent, "", "6/3/2017"]


def test_import_org_units_creates_units_and_prints_a_summary(
    coded_hanoi_union, hanoi_union_officer, units_file
):
    path = units_file(
        ward_row("CD-BD", "Công đoàn phường Ba Đình"),
        ward_row("CD-HK", "Công đoàn phường Hoàn Kiếm"),
    )
    stdout = io.StringIO()

    call_command("import_org_units", path, user="hanoi_union_officer", stdout=stdout)

    assert stdout.getvalue().splitlines() == [
        "CD-BD\tCông đoàn phường Ba Đình",
        "CD-HK\tCông đoàn phường Hoàn Kiếm",
        "Đã nhập 2 đơn vị.",
    ]
    assert list(
        OrgUnit.objects.filter(code__startswith="CD-").order_by("code").values_list("code")
    ) == [("CD-BD",), ("CD-HK",)]


def test_import_org_units_dry_run_writes_nothing(
    coded_hanoi_union, hanoi_union_officer, units_file
):
    path = units_file(ward_row("CD-BD", "Công đoàn phường Ba Đình"))
    stdout = io.StringIO()

    call_command("import_org_units", path, "--dry-run", user="hanoi_union_officer", stdout=stdout)

    assert stdout.getvalue().splitlines() == [
        "CD-BD\tCông đoàn phường Ba Đình",
        "Kiểm tra thử: tệp hợp lệ, có thể nhập 1 đơn vị. Chưa ghi gì.",
    ]
    assert OrgUnit.objects.filter(code="CD-BD").count() == 0


def test_import_org_units_prints_each_error_and_fails_writing_nothing(
    coded_hanoi_union, danang_union_officer, units_file
):
    path = units_file(
        ward_row("CD-BD", "Công đoàn phường Ba Đình"),
        ward_row("CD-HK", "", parent="CD-BD"),
    )
    stdout = io.StringIO()

    with pytest.raises(CommandError) as excinfo:
        call_command("import_org_units", path, user="danang_union_officer", stdout=stdout)

    assert str(excinfo.value) == "2 lỗi: không nhập đơn vị nào."
    assert stdout.getvalue().splitlines() == [
        "Dòng 2, cột Mã đơn vị cấp trên: Không có quyền thêm đơn vị vào đơn vị có mã "
        "“LDLD-HN” (hoặc hệ thống Công đoàn không có đơn vị nào mang mã này).",
        "Dòng 3, cột Tên đầy đủ: Chưa điền (cột bắt buộc).",
    ]
    assert OrgUnit.objects.filter(code__startswith="CD-").count() == 0


def test_import_org_units_refuses_an_unknown_user(coded_hanoi_union, units_file):
    path = units_file(ward_row("CD-BD", "Công đoàn phường Ba Đình"))

    with pytest.raises(CommandError) as excinfo:
        call_command("import_org_units", path, user="nobody", stdout=io.StringIO())

    assert str(excinfo.value) == "Không có người dùng đang hoạt động tên “nobody”."


def test_import_org_units_refuses_a_missing_file(hanoi_union_officer, tmp_path):
    path = tmp_path / "khong-co.xlsx"

    with pytest.raises(CommandError) as excinfo:
        call_command("import_org_units", str(path), user="hanoi_union_officer")

    assert str(excinfo.value) == f"Không đọc được tệp {path}: No such file or directory."
