import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from phoihop.accounts.permissions import SYSTEM
from phoihop.activities.excel import COLUMNS, HEADERS
from phoihop.activities.models import Activity
from phoihop.orgs import services as org_services

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def coded_hanoi_union(hanoi_union):
    return org_services.unit_update(unit=hanoi_union, actor=SYSTEM, code="LDLD-HN")


@pytest.fixture
def activities_file(tmp_path):
    def write(*rows):
        workbook = Workbook()
        workbook.active.append(HEADERS)
        for row in rows:
            workbook.active.append(row)
        path = tmp_path / "hoat-dong.xlsx"
        workbook.save(path)
        return str(path)

    return write


def activity_row(title, **values):
    cells = {"title": title, "kind": "Hội nghị", "starts_on": "6/3/2017", "lead_unit": "LDLD-HN"}
    return [{**cells, **values}.get(column.key) for column in COLUMNS]


def test_import_activities_creates_activities_and_prints_a_summary(
    coded_hanoi_union, hanoi_union_officer, activities_file
):
    path = activities_file(activity_row("Hội nghị"), activity_row("Tập huấn", kind="tap-huan"))
    stdout = io.StringIO()

    call_command("import_activities", path, user="hanoi_union_officer", stdout=stdout)

    assert stdout.getvalue().splitlines() == ["Đã nhập 2 hoạt động."]
    assert list(Activity.objects.order_by("pk").values_list("title", "starts_on")) == [
        ("Hội nghị", dt.date(2017, 3, 6)),
        ("Tập huấn", dt.date(2017, 3, 6)),
    ]


def test_import_activities_dry_run_writes_nothing(
    coded_hanoi_union, hanoi_union_officer, activities_file
):
    path = activities_file(activity_row("Hội nghị"))
    stdout = io.StringIO()

    call_command("import_activities", path, user="hanoi_union_officer", dry_run=True, stdout=stdout)

    assert stdout.getvalue().splitlines() == [
        "Kiểm tra thử: tệp hợp lệ, có thể nhập 1 hoạt động. Chưa ghi gì."
    ]
    assert Activity.objects.count() == 0


def test_import_activities_prints_every_error_and_fails(
    coded_hanoi_union, hanoi_union_officer, activities_file
):
    path = activities_file(
        activity_row("Hội nghị", participants="10", participants_women="11"),
        activity_row("", starts_on="2017"),
    )
    stdout = io.StringIO()

    with pytest.raises(CommandError) as failure:
        call_command("import_activities", path, user="hanoi_union_officer", stdout=stdout)

    assert stdout.getvalue().splitlines() == [
        "Dòng 2, cột Trong đó nữ: Số nữ (11) lớn hơn tổng số người tham dự (10).",
        "Dòng 3, cột Tên hoạt động: Chưa điền (cột bắt buộc).",
        "Dòng 3, cột Từ ngày: Ngày “2017” không hợp lệ: ghi ngày trước tháng, ví dụ 06/03/2017 "
        "hoặc “ngày 6 tháng 3 năm 2017”.",
    ]
    assert (str(failure.value), Activity.objects.count()) == (
        "3 lỗi: không nhập hoạt động nào.",
        0,
    )


def test_import_activities_refuses_an_unknown_user_and_a_missing_file(
    coded_hanoi_union, hanoi_union_officer, tmp_path
):
    with pytest.raises(CommandError) as no_user:
        call_command("import_activities", str(tmp_path / "x.xlsx"), user="ai")
    with pytest.raises(CommandError) as no_file:
        call_command("import_activities", str(tmp_path / "x.xlsx"), user="hanoi_union_officer")

    assert str(no_user.value) == "Không có người dùng đang hoạt động tên “ai”."
    assert str(no_file.value).startswith(f"Không đọc được tệp {tmp_path / 'x.xlsx'}:")
