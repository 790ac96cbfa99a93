import datetime as dt
import io
import unicodedata
import zipfile

import pytest
import time_machine
from django.test import override_settings
from openpyxl import Workbook, load_workbook

from phoihop.accounts.permissions import SYSTEM
from phoihop.core.models import AuditEntry
from phoihop.orgs import imports, services
from phoihop.orgs.imports import HEADERS, RowError
from phoihop.orgs.models import OrgPlacement, OrgUnit
from tests.factories import accounts as account_factories
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NOT_XLSX = (
    "Tệp không phải bảng tính Excel .xlsx. Hãy mở tệp bằng Excel và lưu lại dưới dạng "
    "“Sổ làm việc Excel (.xlsx)”, hoặc dùng tệp mẫu."
)
REQUIRED = "Chưa điền (cột bắt buộc)."


def xlsx(*rows, headers=HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if headers:
        sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row(
    code,
    name,
    *,
    short_name="",
    other_names="",
    system="Công đoàn",
    level="xa",
    parent="LDLD-HN",
    area="",
    valid_from=None,
):
    return [code, name, short_name, other_names, system, level, parent, area, valid_from]


def run(*rows, actor, dry_run=False):
    return imports.units_import(
        data=xlsx(*rows), filename="don-vi.xlsx", actor=actor, dry_run=dry_run
    )


@pytest.fixture
def coded_hanoi_union(hanoi_union):
    return services.unit_update(unit=hanoi_union, actor=SYSTEM, code="LDLD-HN")


@pytest.fixture
def admin():
    return account_factories.user("admin", is_superuser=True)


def test_units_import_creates_units_under_their_parents_with_audit_entries(
    union_root, coded_hanoi_union, hanoi_union_officer
):
    ward = org_factories.area("Phường Ba Đình", kind="ward", code="00004")

    result = run(
        row(
            "CD-BA-DINH",
            "Công đoàn phường Ba Đình",
            short_name="CĐ phường Ba Đình",
            other_names="CĐ Ba Đình ; ;CĐ P. Ba Đình",
            level="Công đoàn xã, phường, đặc khu",
            area="00004",
            valid_from="6/3/2017",
        ),
        row(
            "CDCS-PDP",
            "Công đoàn cơ sở Trường THPT Phan Đình Phùng",
            system="cong-doan",
            level="co-so",
            parent="CD-BA-DINH",
        ),
        actor=hanoi_union_officer,
    )

    assert (result.ok, result.errors) == (True, [])
    ward_union, school_union = result.created
    assert [
        (u.code, u.name, u.short_name, u.abbreviations, u.system.code, u.level.code, u.area)
        for u in result.created
    ] == [
        (
            "CD-BA-DINH",
            "Công đoàn phường Ba Đình",
            "CĐ phường Ba Đình",
            "CĐ Ba Đình; CĐ P. Ba Đình",
            "cong-doan",
            "xa",
            ward,
        ),
        (
            "CDCS-PDP",
            "Công đoàn cơ sở Trường THPT Phan Đình Phùng",
            "",
            "",
            "cong-doan",
            "co-so",
            None,
        ),
    ]
    assert [u.valid_from for u in result.created] == [dt.date(2017, 3, 6), None]
    assert list(
        OrgPlacement.objects.filter(unit__in=result.created)
        .order_by("unit_id")
        .values_list("parent_id", "path")
    ) == [
        (coded_hanoi_union.pk, f"{union_root.pk}.{coded_hanoi_union.pk}.{ward_union.pk}."),
        (
            ward_union.pk,
            f"{union_root.pk}.{coded_hanoi_union.pk}.{ward_union.pk}.{school_union.pk}.",
        ),
    ]
    assert sorted(
        AuditEntry.objects.filter(
            action="phoihop.orgunit.created", actor=hanoi_union_officer
        ).values_list("object_id", flat=True)
    ) == sorted([str(ward_union.pk), str(school_union.pk)])


def test_units_import_writes_nothing_and_lists_every_error(coded_hanoi_union, hanoi_union_officer):
    units_before, audit_before = OrgUnit.objects.count(), AuditEntry.objects.count()

    result = run(
        row("CD-OK", "Công đoàn phường Hoàn Kiếm"),
        row("", "", system="Công đoàn ngành ngân hàng"),
        row("CD-X", "Công đoàn xã X", level="phòng", area="99999", valid_from="32/1/2017"),
        [],  # blank rows are skipped but keep Excel's numbering
        row("CD-Y", "Công đoàn xã Y", level="Chi hội phụ nữ"),
        actor=hanoi_union_officer,
    )

    assert result.ok is False
    assert result.created == []
    assert result.errors == [
        RowError(3, "Mã đơn vị", REQUIRED),
        RowError(3, "Tên đầy đủ", REQUIRED),
        RowError(
            3,
            "Hệ thống",
            "Không có hệ thống “Công đoàn ngành ngân hàng”. Các hệ thống: Công đoàn; Hội LHPN; "
            "Đoàn TN; Hội Nông dân; MTTQ; Chính quyền; Doanh nghiệp; Nước ngoài.",
        ),
        RowError(
            4,
            "Cấp",
            "Hệ thống Công đoàn không có cấp “phòng”. Các cấp: Tổng Liên đoàn; "
            "LĐLĐ tỉnh, thành phố; Công đoàn ngành Trung ương và tương đương; "
            "LĐLĐ huyện, quận, thị xã, thành phố thuộc tỉnh; Công đoàn ngành địa phương; "
            "Công đoàn các khu công nghiệp, khu kinh tế; Công đoàn xã, phường, đặc khu; "
            "Công đoàn cơ sở, nghiệp đoàn cơ sở.",
        ),
        RowError(
            4,
            "Mã địa bàn",
            "Không có địa bàn mã “99999”. Ghi mã của Tổng cục Thống kê dạng văn bản, giữ các "
            "số 0 ở đầu (ví dụ “01”).",
        ),
        RowError(
            4,
            "Hiệu lực từ",
            "Ngày “32/1/2017” không hợp lệ: ghi ngày trước tháng, ví dụ 06/03/2017 hoặc "
            "“ngày 6 tháng 3 năm 2017”.",
        ),
        RowError(
            6,
            "Cấp",
            "Cấp “Chi hội phụ nữ” thuộc hệ thống Hội LHPN, không thuộc hệ thống Công đoàn.",
        ),
    ]
    assert (OrgUnit.objects.count(), AuditEntry.objects.count()) == (units_before, audit_before)


def test_row_error_reads_as_row_column_message():
    assert [
        str(RowError(4, "Cấp", "Sai.")),
        str(RowError(4, "", "Sai.")),
        str(RowError(0, "", "Sai.")),
    ] == ["Dòng 4, cột Cấp: Sai.", "Dòng 4: Sai.", "Sai."]


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"Ma don vi,Ten day du\nX,Y\n", "don-vi.xlsx", NOT_XLSX),  # a CSV renamed .xlsx
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "don-vi.xlsx", NOT_XLSX),  # .xls
        (xlsx(row("A", "B")), "don-vi.csv", NOT_XLSX),
        (
            _zip_without_workbook(),
            "don-vi.xlsx",
            "Không đọc được tệp: tệp .xlsx bị hỏng hoặc không phải bảng tính Excel.",
        ),
    ],
    ids=["csv-renamed", "xls-renamed", "wrong-extension", "zip-not-excel"],
)
def test_units_import_refuses_a_file_that_is_not_xlsx(admin, data, filename, message):
    result = imports.units_import(data=data, filename=filename, actor=admin)

    assert result.errors == [RowError(0, "", message)]


@override_settings(MAX_UPLOAD_SIZE=5 * 1024)
def test_units_import_refuses_a_file_over_the_upload_limit(admin):
    data = xlsx(*[row(f"CD-{n}", f"Công đoàn xã {n}") for n in range(200)])

    result = imports.units_import(data=data, filename="don-vi.xlsx", actor=admin)

    assert result.errors == [
        RowError(0, "", f"Tệp quá lớn ({round(len(data) / 1024)} KB): chỉ nhận tệp đến 5 KB.")
    ]
    assert OrgUnit.objects.count() == 0


def test_units_import_names_missing_and_unknown_columns(admin):
    headers = [h for h in HEADERS if h != "Cấp"] + ["Ghi chú"]

    result = imports.units_import(
        data=xlsx(["A"] * len(headers), headers=headers), filename="don-vi.xlsx", actor=admin
    )

    assert result.errors == [
        RowError(
            0,
            "",
            "Dòng tiêu đề (dòng 1) không đúng mẫu: thiếu cột “Cấp”; có cột không thuộc mẫu "
            "“Ghi chú”. Các cột của mẫu: “Mã đơn vị”, “Tên đầy đủ”, “Tên viết tắt”, "
            "“Tên gọi khác”, “Hệ thống”, “Cấp”, “Mã đơn vị cấp trên”, “Mã địa bàn”, "
            "“Hiệu lực từ”.",
        )
    ]


def test_units_import_accepts_headers_in_any_order_case_and_accents(coded_hanoi_union, admin):
    headers = ["cap", "MÃ ĐƠN VỊ", *HEADERS[1:5], *HEADERS[6:]]
    values = row("CD-HK", "Công đoàn phường Hoàn Kiếm")

    result = imports.units_import(
        data=xlsx([values[5], *values[:5], *values[6:]], headers=headers),
        filename="DON-VI.XLSX",
        actor=admin,
    )

    assert [(u.code, u.level.code) for u in result.created] == [("CD-HK", "xa")]


@pytest.mark.parametrize(
    ("headers", "rows", "message"),
    [
        (None, [], "Trang tính đầu tiên của tệp trống."),
        (
            HEADERS,
            [[None] * len(HEADERS), ["  "]],
            "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.",
        ),
    ],
    ids=["no-header", "header-only"],
)
def test_units_import_refuses_an_empty_sheet(admin, headers, rows, message):
    result = imports.units_import(
        data=xlsx(*rows, headers=headers), filename="don-vi.xlsx", actor=admin
    )

    assert result.errors == [RowError(0, "", message)]


def test_units_import_refuses_more_than_20000_rows(admin):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADERS)
    for n in range(imports.MAX_ROWS + 1):
        sheet.append([f"CD-{n}"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = imports.units_import(data=buffer.getvalue(), filename="don-vi.xlsx", actor=admin)

    assert result.errors == [
        RowError(0, "", "Tệp có hơn 20.000 dòng dữ liệu: hãy chia thành nhiều tệp.")
    ]


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("Liªn ®oµn Lao ®éng quËn Ba §×nh", "TCVN3 (ABC, phông .Vn…)"),
        ("Coâng ñoaøn phöôøng Ba Ñình", "VNI (phông VNI-…)"),
    ],
    ids=["tcvn3", "vni"],
)
def test_units_import_refuses_legacy_encoded_text(coded_hanoi_union, admin, name, encoding):
    result = run(row("CD-OK", "Công đoàn phường Hoàn Kiếm"), row("CD-BD", name), actor=admin)

    assert result.errors == [
        RowError(
            3,
            "Tên đầy đủ",
            f"Chữ trong tệp được gõ bằng bảng mã cũ {encoding}, không phải Unicode. Hãy chuyển "
            "mã sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi nhập lại.",
        )
    ]
    assert OrgUnit.objects.filter(code__startswith="CD-").count() == 0


def test_units_import_refuses_legacy_text_spread_over_short_cells(coded_hanoi_union, admin):
    rows = [row(f"CD-{n}", "Hµ Néi") for n in range(5)]

    result = run(*rows, actor=admin)

    assert [(e.row, e.column, e.message[:40]) for e in result.errors] == [
        (0, "", "Chữ trong tệp được gõ bằng bảng mã cũ TC")
    ]


@pytest.mark.parametrize(
    "value",
    [
        dt.datetime(2017, 3, 6),  # noqa: DTZ001 (an Excel date cell has no time zone)
        dt.date(2017, 3, 6),
        "6/3/2017",
        "06/03/2017",
        "06-03-2017",
        "6.3.2017",
        "ngày 6 tháng 3 năm 2017",
        "Ngày 06 tháng 03 năm 2017",
        "2017-03-06",
    ],
)
def test_units_import_reads_dates_day_first(coded_hanoi_union, admin, value):
    result = run(row("CD-BD", "Công đoàn phường Ba Đình", valid_from=value), actor=admin)

    assert [u.valid_from for u in result.created] == [dt.date(2017, 3, 6)]


@pytest.mark.parametrize("value", ["6/3/17", "29/02/2017", "2017", "ngày mai", "6/3/0217", 42800])
def test_units_import_refuses_invalid_dates(coded_hanoi_union, admin, value):
    result = run(row("CD-BD", "Công đoàn phường Ba Đình", valid_from=value), actor=admin)

    assert result.errors == [
        RowError(
            2,
            "Hiệu lực từ",
            f"Ngày “{value}” không hợp lệ: ghi ngày trước tháng, ví dụ 06/03/2017 hoặc "
            "“ngày 6 tháng 3 năm 2017”.",
        )
    ]


@pytest.mark.parametrize(
    "system", ["Công đoàn", "CÔNG ĐOÀN", "cong doan", "cong-doan", "Công đoàn Việt Nam"]
)
def test_units_import_matches_systems_without_accents_or_case(coded_hanoi_union, admin, system):
    result = run(row("CD-BD", "Công đoàn phường Ba Đình", system=system, level="XÃ"), actor=admin)

    assert [(u.system.code, u.level.code) for u in result.created] == [("cong-doan", "xa")]


def test_units_import_reads_women_union_rows(hanoi_women, admin):
    services.unit_update(unit=hanoi_women, actor=SYSTEM, code="HPN-HN")

    result = run(
        row("HPN-BD", "Hội LHPN phường Ba Đình", system="Hội LHPN", level="xa", parent="HPN-HN"),
        row("CH-1", "Chi hội phụ nữ tổ 1", system="hoi lhpn", level="chi hội", parent="HPN-BD"),
        actor=admin,
    )

    assert [(u.system.code, u.level.code) for u in result.created] == [
        ("hoi-lhpn", "xa"),
        ("hoi-lhpn", "chi-hoi"),
    ]


def test_units_import_refuses_a_parent_the_actor_may_not_add_under(
    coded_hanoi_union, danang_union_officer
):
    result = run(
        row("CD-BD", "Công đoàn phường Ba Đình", parent="LDLD-HN"),
        row("CD-X", "Công đoàn xã X", parent="KHONG-CO"),  # does not exist: same answer
        row("CD-Y", "Công đoàn xã Y", parent=""),
        actor=danang_union_officer,
    )

    assert result.errors == [
        RowError(
            2,
            "Mã đơn vị cấp trên",
            "Không có quyền thêm đơn vị vào đơn vị có mã “LDLD-HN” (hoặc hệ thống Công đoàn "
            "không có đơn vị nào mang mã này).",
        ),
        RowError(
            3,
            "Mã đơn vị cấp trên",
            "Không có quyền thêm đơn vị vào đơn vị có mã “KHONG-CO” (hoặc hệ thống Công đoàn "
            "không có đơn vị nào mang mã này).",
        ),
        RowError(
            4,
            "Mã đơn vị cấp trên",
            "Không có quyền tạo đơn vị cao nhất: hãy điền mã đơn vị cấp trên.",
        ),
    ]
    assert OrgUnit.objects.filter(code__startswith="CD-").count() == 0


def test_units_import_lets_a_viewer_add_nothing(coded_hanoi_union):
    viewer = account_factories.member(coded_hanoi_union, "viewer")

    result = run(row("CD-BD", "Công đoàn phường Ba Đình"), actor=viewer)

    assert [e.message[:40] for e in result.errors] == ["Không có quyền thêm đơn vị vào đơn vị có"]


def test_units_import_lets_a_superuser_create_a_top_level_unit(admin):
    result = run(
        row("VGCL", "Tổng Liên đoàn Lao động Việt Nam", level="trung-uong", parent=""),
        actor=admin,
    )

    assert [(u.code, OrgPlacement.objects.get(unit=u).depth) for u in result.created] == [
        ("VGCL", 0)
    ]


def test_units_import_creates_a_parent_given_on_a_later_row_first(coded_hanoi_union, admin):
    result = run(
        row("CDCS-1", "Công đoàn cơ sở Công ty A", level="co-so", parent="CD-BD"),
        row("CD-BD", "Công đoàn phường Ba Đình"),
        actor=admin,
    )

    school, ward = result.created
    assert [u.code for u in result.created] == ["CDCS-1", "CD-BD"]
    assert OrgPlacement.objects.get(unit=school).parent == ward


def test_units_import_reports_a_cycle_of_parents(coded_hanoi_union, admin):
    result = run(
        row("CD-A", "Công đoàn A", parent="CD-B"),
        row("CD-B", "Công đoàn B", parent="CD-A"),
        row("CD-C", "Công đoàn C", parent="CD-C"),
        actor=admin,
    )

    assert result.errors == [
        RowError(
            2, "Mã đơn vị cấp trên", "Các đơn vị cấp trên tạo thành vòng lặp: CD-A → CD-B → CD-A."
        ),
        RowError(
            3, "Mã đơn vị cấp trên", "Các đơn vị cấp trên tạo thành vòng lặp: CD-A → CD-B → CD-A."
        ),
        RowError(4, "Mã đơn vị cấp trên", "Các đơn vị cấp trên tạo thành vòng lặp: CD-C → CD-C."),
    ]


def test_units_import_refuses_duplicate_codes_in_the_file_and_in_the_database(
    coded_hanoi_union, hanoi_women, admin
):
    services.unit_update(unit=hanoi_women, actor=SYSTEM, code="HPN-HN")

    result = run(
        row("CD-BD", "Công đoàn phường Ba Đình"),
        row("CD-BD", "Công đoàn phường Ba Đình (lần hai)"),
        row("LDLD-HN", "Liên đoàn Lao động Hà Nội"),
        row("HPN-HN", "Công đoàn mang mã của Hội"),  # other system: allowed
        actor=admin,
    )

    assert result.errors == [
        RowError(3, "Mã đơn vị", "Mã “CD-BD” trùng với mã ở dòng 2."),
        RowError(
            4, "Mã đơn vị", "Mã “LDLD-HN” đã được dùng cho một đơn vị khác của hệ thống Công đoàn."
        ),
    ]


def test_units_import_refuses_a_child_older_than_its_parent(coded_hanoi_union, admin):
    services.unit_dissolve(unit=coded_hanoi_union, on=dt.date(2025, 7, 1), actor=SYSTEM)

    result = run(
        row("CD-A", "Công đoàn A", valid_from="1/1/2020"),
        row("CD-B", "Công đoàn B", valid_from="1/8/2025"),
        row("CD-C", "Công đoàn C", parent="CD-A", valid_from="31/12/2019"),
        actor=admin,
    )

    assert result.errors == [
        RowError(
            3,
            "Mã đơn vị cấp trên",
            "Đơn vị cấp trên “LĐLĐ thành phố Hà Nội” không hoạt động vào ngày 01/08/2025.",
        ),
        RowError(
            4,
            "Hiệu lực từ",
            "Đơn vị cấp trên (dòng 2) chỉ có hiệu lực từ 01/01/2020: đơn vị này không thể bắt "
            "đầu sớm hơn.",
        ),
    ]


def test_units_import_stores_text_in_nfc(coded_hanoi_union, admin):
    name = unicodedata.normalize("NFD", "Công đoàn phường  Ba Đình ")

    result = run(row("CD-BD", name), actor=admin)

    assert OrgUnit.objects.get(pk=result.created[0].pk).name == "Công đoàn phường Ba Đình"


@time_machine.travel(dt.date(2025, 8, 1), tick=False)
def test_units_import_prefers_the_area_valid_today(coded_hanoi_union, admin):
    org_factories.area("Phường Trúc Bạch", kind="ward", code="00004", valid_to=dt.date(2025, 7, 1))
    current = org_factories.area(
        "Phường Ba Đình", kind="ward", code="00004", valid_from=dt.date(2025, 7, 1)
    )

    result = run(row("CD-BD", "Công đoàn phường Ba Đình", area="00004"), actor=admin)

    assert [u.area for u in result.created] == [current]


def test_units_import_dry_run_checks_everything_and_writes_nothing(coded_hanoi_union, admin):
    units_before, audit_before = OrgUnit.objects.count(), AuditEntry.objects.count()

    result = run(
        row("CD-BD", "Công đoàn phường Ba Đình"),
        row("CDCS-1", "Công đoàn cơ sở Công ty A", level="co-so", parent="CD-BD"),
        actor=admin,
        dry_run=True,
    )

    assert (result.ok, result.dry_run) == (True, True)
    assert [(u.pk, u.code) for u in result.created] == [(None, "CD-BD"), (None, "CDCS-1")]
    assert (OrgUnit.objects.count(), AuditEntry.objects.count()) == (units_before, audit_before)


def test_units_template_workbook_has_headers_lists_guide_and_example():
    book = load_workbook(io.BytesIO(imports.units_template_workbook()))

    sheet = book["Đơn vị"]
    assert book.sheetnames == ["Đơn vị", "Hướng dẫn", "Danh mục"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert [cell.font.bold for cell in sheet[1]] == [True] * len(HEADERS)
    assert sheet.freeze_panes == "A2"
    assert [(str(v.sqref), v.formula1) for v in sheet.data_validations.dataValidation] == [
        ("E2:E20001", "'Danh mục'!$A$1:$A$8"),
        ("F2:F20001", "'Danh mục'!$B$1:$B$32"),
    ]
    guide = book["Hướng dẫn"].iter_rows(min_row=9, max_row=18, max_col=2, values_only=True)
    assert list(guide) == [
        ("Cột", "Bắt buộc"),
        ("Mã đơn vị", "Có"),
        ("Tên đầy đủ", "Có"),
        ("Tên viết tắt", "Không"),
        ("Tên gọi khác", "Không"),
        ("Hệ thống", "Có"),
        ("Cấp", "Có"),
        ("Mã đơn vị cấp trên", "Không"),
        ("Mã địa bàn", "Không"),
        ("Hiệu lực từ", "Không"),
    ]
    assert book["Danh mục"].sheet_state == "hidden"


def test_units_template_example_row_imports_once_its_parent_and_area_exist(
    coded_hanoi_union, admin
):
    ward = org_factories.area("Phường Ba Đình", kind="ward", code="00004")

    result = imports.units_import(
        data=imports.units_template_workbook(), filename="mau-nhap-don-vi.xlsx", actor=admin
    )

    assert [(u.code, u.level.code, u.area, u.valid_from) for u in result.created] == [
        ("CD-P-BA-DINH", "xa", ward, dt.date(2025, 7, 1))
    ]
