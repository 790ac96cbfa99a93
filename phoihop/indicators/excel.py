"""The Excel round trip of a report form: download pre-filled for a unit and period, fill in
offline, upload back — validated as the grid validates, saved all or nothing.

The first sheet "Số liệu" has one row per figure (an indicator, or one category of a split
indicator); the sheet "Thông tin" names the unit, form and period the file belongs to, so a
file cannot be uploaded into another unit's or period's report by mistake. Messages are in
Vietnamese on purpose, as in ``core.spreadsheet``: they quote the sheet's own headers.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openpyxl import load_workbook
from openpyxl.styles import Font, PatternFill

from phoihop.core import spreadsheet
from phoihop.core.exceptions import DomainError
from phoihop.core.spreadsheet import Column, Refused, RowError, text
from phoihop.indicators import selectors, services
from phoihop.indicators.enums import Source, ValueType
from phoihop.indicators.models import Indicator, ReportForm
from phoihop.indicators.periods import Period
from phoihop.indicators.validation import Figure, entry_errors, parse_number
from phoihop.orgs.models import OrgUnit

SHEET_TITLE = "Số liệu"
INFO_TITLE = "Thông tin"
NUMBER_FORMAT = "#,##0.##"
COMPUTED_NOTE = "Tự tính từ hoạt động, không nhập"

COLUMNS = (
    Column("code", "Mã chỉ tiêu", required=True, width=22),
    Column("name", "Chỉ tiêu", width=50),
    Column("unit_label", "Đơn vị tính", width=12),
    Column("category", "Phân tổ", width=20),
    Column("category_code", "Mã phân tổ", width=14),
    Column("previous", "Kỳ trước", width=14),
    Column("value", "Số liệu", width=16),
    Column("numerator", "Tử số (số lượng)", width=16),
    Column("denominator", "Mẫu số (tổng số)", width=16),
    Column("comment", "Ghi chú", width=40),
)
HEADER = {column.key: column.header for column in COLUMNS}
INFO_KEYS = ("Mã đơn vị", "Mã biểu mẫu", "Kỳ báo cáo")
_GREY = PatternFill("solid", fgColor="EEF2F6")


def filename(unit: OrgUnit, form: ReportForm, period: Period) -> str:
    return f"{form.code}-{unit.pk}-{period}.xlsx"


def _number_cell(value: Decimal | None) -> Any:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _rows(unit: OrgUnit, form: ReportForm, period: Period) -> list[tuple[list[Any], bool]]:
    """(cells, computed) for every figure of the form, pre-filled with what is stored."""
    out = []
    for row in selectors.grid(unit, form, str(period)):
        ind = row.indicator
        base = [ind.code, ind.name, ind.unit_label]
        if ind.source == Source.COMPUTED:
            cells = [*base, "", "", None, _number_cell(row.computed), None, None, COMPUTED_NOTE]
            out.append((cells, True))
            continue
        comment = next((v.comment for v in row.values.values() if v.comment), "")
        if ind.value_type == ValueType.PERCENT:
            now, before = row.values.get(None), row.previous.get(None)
            previous = (
                f"{_plain(before.numerator)}/{_plain(before.denominator)}" if before else None
            )
            cells = [*base, "", "", previous, None,
                     _number_cell(now.numerator if now else None),
                     _number_cell(now.denominator if now else None), comment]  # fmt: skip
            out.append((cells, False))
        elif ind.value_type == ValueType.TEXT:
            now = row.values.get(None)
            out.append(([*base, "", "", None, now.text if now else "", None, None, comment], False))
        elif row.categories:
            for category in row.categories:
                now, before = row.values.get(category.pk), row.previous.get(category.pk)
                cells = [*base, category.name, category.code,
                         _number_cell(before.value if before else None),
                         _number_cell(now.value if now else None), None, None, comment]  # fmt: skip
                out.append((cells, False))
        else:
            now, before = row.values.get(None), row.previous.get(None)
            cells = [*base, "", "", _number_cell(before.value if before else None),
                     _number_cell(now.value if now else None), None, None, comment]  # fmt: skip
            out.append((cells, False))
    return out


def _plain(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def form_workbook(unit: OrgUnit, form: ReportForm, period: Period) -> bytes:
    """The form for ``unit`` and ``period``, pre-filled, with its "Thông tin" sheet."""
    workbook, sheet = spreadsheet.template_workbook(SHEET_TITLE)
    spreadsheet.write_header(
        sheet,
        COLUMNS,
        dict.fromkeys(("previous", "value", "numerator", "denominator"), NUMBER_FORMAT),
    )
    for cells, computed in _rows(unit, form, period):
        sheet.append(cells)
        if computed:
            for cell in sheet[sheet.max_row]:
                cell.fill = _GREY
    info = workbook.create_sheet(INFO_TITLE)
    for label, value in (
        ("Đơn vị", unit.name),
        ("Mã đơn vị", unit.pk),
        ("Biểu mẫu", form.name),
        ("Mã biểu mẫu", form.code),
        ("Kỳ báo cáo", str(period)),
        ("Tên kỳ", period.label()),
        ("Hạn nộp", selectors.deadline_of(form, str(period)).strftime("%d/%m/%Y")),
    ):
        info.append([label, value])
        info.cell(info.max_row, 1).font = Font(bold=True)
    info.append([])
    for line in (
        "Chỉ sửa các cột “Số liệu”, “Tử số (số lượng)”, “Mẫu số (tổng số)” và “Ghi chú”.",
        "Chỉ tiêu chia theo phân tổ (nam, nữ…) ghi từng dòng; tổng do phần mềm tự cộng.",
        "Chỉ tiêu tỷ lệ ghi tử số và mẫu số, không ghi phần trăm.",
        "Ô để trống là xóa số liệu đã có. Tệp chỉ được nhận khi mọi dòng đều đúng.",
        "Không đổi tên, mã đơn vị, mã biểu mẫu và kỳ báo cáo trên trang này.",
    ):
        info.append([line])
    info.column_dimensions["A"].width = 20
    info.column_dimensions["B"].width = 60
    return spreadsheet.workbook_bytes(workbook)


@dataclass
class UploadResult:
    saved: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _info(data: bytes) -> dict[str, str]:
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        if INFO_TITLE not in workbook.sheetnames:
            return {}
        return {
            text(row[0]): text(row[1])
            for row in workbook[INFO_TITLE].iter_rows(min_col=1, max_col=2, values_only=True)
            if row and row[0] is not None and len(row) > 1
        }
    finally:
        workbook.close()


def _check_info(data: bytes, unit: OrgUnit, form: ReportForm, period: Period) -> None:
    info = _info(data)
    expected = {"Mã đơn vị": str(unit.pk), "Mã biểu mẫu": form.code, "Kỳ báo cáo": str(period)}
    if not info:
        raise Refused(
            f"Tệp không có trang “{INFO_TITLE}”: hãy tải biểu mẫu về từ phần mềm rồi điền vào đó."
        )
    wrong = [key for key in INFO_KEYS if info.get(key, "") != expected[key]]
    if wrong:
        raise Refused(
            f"Tệp này là của {info.get('Đơn vị') or 'đơn vị khác'}, biểu mẫu "
            f"“{info.get('Mã biểu mẫu', '')}”, kỳ {info.get('Kỳ báo cáo', '')}; trang này nhận "
            f"số liệu của {unit.name}, biểu mẫu “{form.code}”, kỳ {period}. "
            "Hãy tải đúng biểu mẫu của đơn vị và kỳ này."
        )


def _decimal(raw: Any, key: str) -> Decimal | None:
    if isinstance(raw, str) and not raw.strip():
        return None
    try:
        return parse_number(raw)
    except ValueError:
        raise spreadsheet.Invalid(
            key, f"“{text(raw)[:30]}” không phải là số: ghi ví dụ 1.234.567 hoặc 61,5."
        ) from None


def _entry(
    values: Mapping[str, Any], indicators: dict[str, Indicator]
) -> services.ValueEntry | None:
    """The figure of one row (None for a computed indicator's row, which is not read)."""
    code = text(values.get("code"))
    indicator = indicators.get(code)
    if indicator is None:
        raise spreadsheet.Invalid("code", f"Chỉ tiêu mã “{code[:40]}” không có trong biểu mẫu.")
    if indicator.source == Source.COMPUTED:
        return None
    comment = text(values.get("comment"))
    if comment == COMPUTED_NOTE:
        comment = ""
    if indicator.value_type == ValueType.PERCENT:
        return services.ValueEntry(
            indicator,
            numerator=_decimal(values.get("numerator"), "numerator"),
            denominator=_decimal(values.get("denominator"), "denominator"),
            comment=comment,
        )
    if indicator.value_type == ValueType.TEXT:
        return services.ValueEntry(indicator, text=text(values.get("value")), comment=comment)
    category = None
    categories = {c.code: c for c in selectors.categories_of(indicator)}
    if categories:
        category = categories.get(text(values.get("category_code")))
        if category is None:
            raise spreadsheet.Invalid(
                "category_code",
                "Ghi mã phân tổ: " + ", ".join(f"“{c}”" for c in categories) + ".",
            )
    return services.ValueEntry(
        indicator, category=category, value=_decimal(values.get("value"), "value"),
        comment=comment,
    )  # fmt: skip


def form_upload(
    *, unit: OrgUnit, form: ReportForm, period: Period, data: bytes, filename: str, actor: Any
) -> UploadResult:
    """Read a filled-in form and save every figure through the service, all or nothing.

    Any problem (file, cell, rule) is returned as a per-cell error and nothing is written.
    Side effects: those of ``services.values_save_batch`` (audit, roll-ups).
    """
    try:
        rows = spreadsheet.read_rows(data, filename, COLUMNS, typed=("value", "comment"))
        _check_info(data, unit, form, period)
    except Refused as exc:
        return UploadResult(errors=[exc.error])
    indicators = {i.code: i for i in selectors.form_indicators(form)}
    entries: list[services.ValueEntry] = []
    numbers: list[int] = []
    errors: list[RowError] = []
    for number, values in rows:
        try:
            entry = _entry(values, indicators)
        except spreadsheet.Invalid as exc:
            errors.append(RowError(number, HEADER[exc.key], exc.message))
            continue
        if entry is None:
            continue
        figure = Figure(entry.value, entry.numerator, entry.denominator, entry.text)
        # Every cell's own problem is listed at once, not only after the others are fixed.
        for message in entry_errors(entry.indicator, figure):
            errors.append(RowError(number, _column([entry], 0), message))
        entries.append(entry)
        numbers.append(number)
    if errors:
        return UploadResult(errors=spreadsheet.sorted_errors(errors, list(HEADER.values())))
    try:
        services.values_save_batch(
            unit=unit, period=str(period), entries=entries, actor=actor, reject_hard_rules=True
        )
    except services.ValuesInvalid as exc:
        return UploadResult(
            errors=[
                RowError(
                    numbers[index] if index < len(numbers) else 0, _column(entries, index), msg
                )
                for index, msg in exc.errors
            ]
        )
    except DomainError as exc:
        return UploadResult(errors=[RowError(0, "", str(exc))])
    return UploadResult(saved=len(entries))


def _column(entries: list[services.ValueEntry], index: int) -> str:
    if index >= len(entries):
        return ""
    if entries[index].indicator.value_type == ValueType.PERCENT:
        return HEADER["numerator"]
    return HEADER["value"]
