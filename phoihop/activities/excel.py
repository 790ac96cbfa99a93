"""Activities in Excel: the one column spec shared by the template, the import and the export.

The export can be imported again: a unit is written as its code (or its official name when it
has none), a program as "id – title", dates as date cells and amounts as number cells.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from phoihop.activities import selectors, selectors_excel
from phoihop.activities.enums import FundingSource, OrganizerRole
from phoihop.activities.models import Activity
from phoihop.core import spreadsheet
from phoihop.core.spreadsheet import Column, filled, number_text, text
from phoihop.orgs.models import OrgUnit
from phoihop.programs.models import Program

SHEET_TITLE = "Hoạt động"
TEMPLATE_FILENAME = "mau-nhap-hoat-dong.xlsx"
PARTNER_SEPARATOR = ";"
DATE_FORMAT = "DD/MM/YYYY"
NUMBER_FORMAT = "#,##0"
_DATE_HELP = (
    "Ghi ngày trước tháng: 6/3/2025, 06-03-2025 hoặc “ngày 6 tháng 3 năm 2025” "
    "(hoặc ô kiểu ngày của Excel)."
)
_NUMBER_HELP = "Số nguyên, có thể ghi 1.500.000 hoặc 1,500,000 (không có phần thập phân)."

COLUMNS = (
    Column(
        "title",
        "Tên hoạt động",
        required=True,
        width=45,
        help="Tên của hoạt động, như trong giấy mời hay biên bản.",
        example="Hội nghị sơ kết chương trình phối hợp 6 tháng đầu năm",
    ),
    Column(
        "kind",
        "Loại hoạt động",
        required=True,
        width=18,
        help="Chọn trong danh sách (ví dụ “Hội nghị”, “Tập huấn”).",
        example="Hội nghị",
    ),
    Column("starts_on", "Từ ngày", required=True, width=12, help=_DATE_HELP, example="6/3/2025"),
    Column(
        "ends_on",
        "Đến ngày",
        width=12,
        help="Ngày kết thúc, nếu hoạt động kéo dài nhiều ngày. " + _DATE_HELP,
        example="7/3/2025",
    ),
    Column("place", "Địa điểm", width=28, help="Nơi tổ chức.", example="Hội trường UBND phường"),
    Column(
        "area",
        "Mã địa bàn",
        width=12,
        help="Mã đơn vị hành chính theo Tổng cục Thống kê, ví dụ “01” (Hà Nội). Ghi dạng văn "
        "bản để giữ số 0 ở đầu.",
        example="01",
    ),
    Column(
        "lead_unit",
        "Đơn vị chủ trì",
        required=True,
        width=36,
        help="Chọn trong danh sách các đơn vị bạn được ghi hoạt động, hoặc ghi mã đơn vị hay "
        "tên chính thức đầy đủ của đơn vị.",
        example="Liên đoàn Lao động thành phố Hà Nội",
    ),
    Column(
        "partners",
        "Đơn vị phối hợp",
        width=36,
        help="Các đơn vị cùng tổ chức (mã hoặc tên chính thức), cách nhau bằng dấu chấm phẩy. "
        "Hoạt động chỉ ghi một dòng: nó được tính một lần và ghi công cho mọi đơn vị.",
        example="Hội Liên hiệp Phụ nữ thành phố Hà Nội",
    ),
    Column(
        "program",
        "Chương trình",
        width=36,
        help="Chương trình phối hợp mà hoạt động thực hiện: chọn trong danh sách, hoặc ghi mã "
        "số (số đầu dòng trong danh sách) hay số, ký hiệu của chương trình.",
        example="12 – Chương trình phối hợp giai đoạn 2023–2027",
    ),
    Column("participants", "Tổng số người tham dự", width=12, help=_NUMBER_HELP, example="120"),
    Column(
        "participants_women",
        "Trong đó nữ",
        width=12,
        help="Không lớn hơn tổng số người tham dự.",
        example="85",
    ),
    Column("beneficiaries", "Số người thụ hưởng", width=12, help=_NUMBER_HELP, example="30"),
    Column(
        "benefits",
        "Nội dung hỗ trợ",
        width=28,
        help="Những gì người thụ hưởng nhận được.",
        example="Quà, sổ tiết kiệm",
    ),
    Column(
        "benefits_value",
        "Giá trị hỗ trợ (đồng)",
        width=16,
        help=_NUMBER_HELP,
        example="15.000.000",
    ),
    Column("cost_union", "Kinh phí Công đoàn", width=16, help=_NUMBER_HELP, example="10.000.000"),
    Column("cost_women", "Kinh phí Hội LHPN", width=16, help=_NUMBER_HELP, example="5.000.000"),
    Column("cost_state", "Ngân sách nhà nước", width=16, help=_NUMBER_HELP),
    Column("cost_sponsor", "Tài trợ", width=16, help=_NUMBER_HELP, example="2.000.000"),
    Column("cost_other", "Nguồn khác", width=16, help=_NUMBER_HELP),
    Column("description", "Mô tả", width=45, help="Nội dung chính, kết quả."),
)
HEADERS = [column.header for column in COLUMNS]
HEADER = {column.key: column.header for column in COLUMNS}
TYPED = ("title", "place", "benefits", "description")  # free text, checked for TCVN3/VNI
DATE_KEYS = ("starts_on", "ends_on")
COST_KEYS = {
    "cost_union": FundingSource.UNION,
    "cost_women": FundingSource.WOMEN,
    "cost_state": FundingSource.STATE,
    "cost_sponsor": FundingSource.SPONSOR,
    "cost_other": FundingSource.OTHER,
}
NUMBER_KEYS = ("participants", "participants_women", "beneficiaries", "benefits_value", *COST_KEYS)
_TEXT_KEYS = ("area",)  # codes with leading zeros
# The format of whole columns in the template.
_NUMBER_FORMATS = {
    **dict.fromkeys(_TEXT_KEYS, "@"),
    **dict.fromkeys(DATE_KEYS, DATE_FORMAT),
    **dict.fromkeys(NUMBER_KEYS, NUMBER_FORMAT),
}
# The rows that end an export; importing an export skips them.
TOTALS_PREFIX = "Tổng cộng:"
NOTE_PREFIX = "Hoạt động do nhiều đơn vị cùng tổ chức chỉ tính một lần:"


def unit_reference(unit: OrgUnit) -> str:
    """How a sheet names a unit: its code, else its official name."""
    return unit.code or unit.name


def program_reference(program: Program) -> str:
    """How a sheet names a program: "id – title" (the import reads the id)."""
    title = program.title if len(program.title) <= 120 else program.title[:119] + "…"
    return f"{program.pk} – {title}"


def is_summary_row(values: dict[str, Any]) -> bool:
    """The totals row or the note below it, as ``export_rows`` writes them."""
    title = text(values.get("title"))
    return title.startswith((TOTALS_PREFIX, NOTE_PREFIX)) and not any(
        filled(values.get(key)) for key in ("kind", "starts_on", "lead_unit")
    )


# The template -------------------------------------------------------------------------------


def activities_template_workbook(user: Any) -> bytes:
    """An empty import sheet with drop-down lists of the kinds, the units the user may record
    activities for and the programs the user sees (on a hidden sheet "Danh mục"), and a guide."""
    workbook, sheet = spreadsheet.template_workbook(SHEET_TITLE)
    spreadsheet.write_header(sheet, COLUMNS, _NUMBER_FORMATS)
    spreadsheet.write_guide(
        workbook.create_sheet("Hướng dẫn"),
        heading="Hướng dẫn nhập danh sách hoạt động",
        intro=(
            f"Mỗi dòng của trang “{SHEET_TITLE}” là một hoạt động. Không sửa dòng tiêu đề "
            "(dòng 1).",
            "Hoạt động do nhiều đơn vị cùng tổ chức chỉ ghi một dòng: đơn vị chủ trì ở cột "
            "“Đơn vị chủ trì”, các đơn vị khác ở cột “Đơn vị phối hợp”. Hoạt động được tính một "
            "lần trong các bảng tổng hợp và ghi công cho mọi đơn vị.",
        ),
        noun="hoạt động",
        columns=COLUMNS,
        widths=(24, 10, 80, 40),
        examples=True,
    )
    lists = {
        "kind": [kind.name for kind in selectors_excel.kinds_in_use()],
        "lead_unit": _unit_choices(selectors_excel.units_editable_by(user)),
        "program": [program_reference(p) for p in selectors_excel.programs_listed_for(user)],
    }
    spreadsheet.write_lists(workbook.create_sheet("Danh mục"), sheet, COLUMNS, lists, titled=True)
    return spreadsheet.workbook_bytes(workbook)


def _unit_choices(units: list[OrgUnit]) -> list[str]:
    """Official names, or the code where two listed units share a name."""
    if len(units) > selectors_excel.MAX_LIST:
        return []
    names = [unit.name for unit in units]
    shared = (
        {name for name in names if names.count(name) > 1} if len(set(names)) < len(names) else set()
    )
    return [unit.code if unit.name in shared and unit.code else unit.name for unit in units]


# The export ---------------------------------------------------------------------------------


def activity_cells(activity: Activity) -> list[Any]:
    """One activity as the values of COLUMNS (organizers, costs and kind prefetched)."""
    organizers = sorted(
        activity.organizers.all(), key=lambda o: (o.role != OrganizerRole.LEAD, o.pk)
    )
    costs = {cost.source: cost.amount for cost in activity.costs.all()}
    values = {
        "title": activity.title,
        "kind": activity.kind.name,
        "starts_on": activity.starts_on,
        "ends_on": activity.ends_on,
        "place": activity.place,
        "area": activity.area.code if activity.area else "",
        "lead_unit": unit_reference(organizers[0].unit) if organizers else "",
        "partners": f"{PARTNER_SEPARATOR} ".join(unit_reference(o.unit) for o in organizers[1:]),
        "program": program_reference(activity.program) if activity.program else "",
        "participants": activity.participants,
        "participants_women": activity.participants_women,
        "beneficiaries": activity.beneficiaries,
        "benefits": activity.benefits,
        "benefits_value": activity.benefits_value,
        **{key: costs.get(source) for key, source in COST_KEYS.items()},
        "description": activity.description,
    }
    return [values[column.key] for column in COLUMNS]


def export_rows(activities: QuerySet[Activity]) -> Iterator[tuple[list[Any], bool]]:
    """(cells, is a total) for each row: the header, one row per activity (oldest first), then
    the totals, which count a joint activity once."""
    yield HEADERS, True
    benefits_value = 0
    value_index = HEADERS.index(HEADER["benefits_value"])
    details = selectors.with_details(activities).order_by("starts_on", "pk")
    for activity in details.iterator(chunk_size=2000):
        cells = activity_cells(activity)
        benefits_value += cells[value_index]
        yield cells, False
    totals = selectors.activity_totals(activities)
    costs = selectors.cost_by_source(activities)
    row: dict[str, Any] = {
        "title": f"{TOTALS_PREFIX} {number_text(totals.activities)} hoạt động",
        "participants": totals.participants,
        "participants_women": totals.women,
        "beneficiaries": totals.beneficiaries,
        "benefits_value": benefits_value,
        **{key: costs.get(source, 0) for key, source in COST_KEYS.items()},
    }
    yield [row.get(column.key) for column in COLUMNS], True
    if totals.double_counted:
        note = (
            f"{NOTE_PREFIX} {number_text(totals.activities)} hoạt động, ghi công "
            f"{number_text(totals.credits)} lượt cho các đơn vị tổ chức."
        )
        yield [note], False


def activities_export_workbook(activities: QuerySet[Activity]) -> bytes:
    """The activities as an .xlsx with the import's columns, native cells and a totals row."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    for values, bold in export_rows(activities):
        sheet.append([_cell(sheet, value, bold=bold) for value in values])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# The readable report: names, not codes, for sending upward (not meant to be re-imported).
REPORT_COLUMNS = (
    ("STT", 6),
    ("Ngày", 12),
    ("Tên hoạt động", 50),
    ("Loại hình", 16),
    ("Địa điểm", 26),
    ("Đơn vị chủ trì", 34),
    ("Đơn vị phối hợp", 40),
    ("Chương trình", 45),
    ("Số người tham dự", 12),
    ("Trong đó nữ", 12),
    ("Số người thụ hưởng", 12),
    ("Tổng kinh phí (đồng)", 16),
)


def report_rows(activities: QuerySet[Activity]) -> Iterator[tuple[list[Any], bool]]:
    """(cells, bold) of the readable report: header, one numbered row per activity (oldest
    first), and the de-duplicated totals."""
    yield [title for title, _width in REPORT_COLUMNS], True
    details = selectors.with_details(activities).order_by("starts_on", "pk")
    for number, activity in enumerate(details.iterator(chunk_size=2000), start=1):
        organizers = sorted(
            activity.organizers.all(), key=lambda o: (o.role != OrganizerRole.LEAD, o.pk)
        )
        yield (
            [
                number,
                activity.starts_on,
                activity.title,
                activity.kind.name,
                activity.place,
                organizers[0].unit.name if organizers else "",
                "; ".join(o.unit.name for o in organizers[1:]),
                str(activity.program) if activity.program else "",
                activity.participants,
                activity.participants_women,
                activity.beneficiaries,
                activity.total_cost,
            ],
            False,
        )
    totals = selectors.activity_totals(activities)
    yield (
        [
            None,
            None,
            f"{TOTALS_PREFIX} {number_text(totals.activities)} hoạt động",
            *([None] * 5),
            totals.participants,
            totals.women,
            totals.beneficiaries,
            totals.cost,
        ],
        True,
    )


def activities_report_workbook(activities: QuerySet[Activity]) -> bytes:
    """The activities as a readable report (.xlsx): names instead of codes, a totals row."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Báo cáo hoạt động")
    for index, (_title, width) in enumerate(REPORT_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    for values, bold in report_rows(activities):
        sheet.append([_cell(sheet, value, bold=bold) for value in values])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(sheet: Any, value: Any, *, bold: bool) -> Any:
    if value is None or value == "":
        return None
    cell = spreadsheet.as_text(WriteOnlyCell(sheet, value=value))
    if isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int):
        cell.number_format = NUMBER_FORMAT
    if bold:
        cell.font = Font(bold=True)
    return cell
