"""What every Excel import shares: checking the file, reading its rows, parsing cells, and
writing the template to fill in.

An import names its columns (``Column``), calls ``read_rows`` and gets the non-blank rows of the
first sheet as ``(Excel row number, {column key: cell value})``, or a ``Refused`` carrying the one
message that explains why the whole file cannot be read (too large, not .xlsx, wrong headers,
typed in a pre-Unicode encoding…). Cells are then parsed with ``parse_date``, ``parse_number``
and ``resolve_area``, which raise ``Invalid`` with the message to show in that cell's place.
A template is a workbook from ``template_workbook`` with ``write_header``, ``write_guide`` and
``write_lists`` applied, saved with ``workbook_bytes``.

Messages are written in Vietnamese on purpose: they quote the Vietnamese column headers of the
sheets, which are themselves in Vietnamese.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import time
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from openpyxl import Workbook, load_workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from phoihop.core.legacy import detect_legacy_encoding
from phoihop.core.numbers import NumberError, parse_whole_number
from phoihop.core.text import fold, nfc

MAX_ROWS = 20_000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_SIGNATURE = b"PK\x03\x04"
LEGACY_NAMES = {"tcvn3": "TCVN3 (ABC, phông .Vn…)", "vni": "VNI (phông VNI-…)"}
REQUIRED = "Chưa điền (cột bắt buộc)."

Rows = list[tuple[int, dict[str, Any]]]


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    width: int = 15
    help: str = ""
    example: str = ""  # shown in a template's guide


@dataclass(frozen=True)
class RowError:
    row: int  # the Excel row number; 0 for a problem with the whole file
    column: str  # the column header; "" for a problem with the whole file or row
    message: str

    def __str__(self) -> str:
        if not self.row:
            return self.message
        if not self.column:
            return f"Dòng {self.row}: {self.message}"
        return f"Dòng {self.row}, cột {self.column}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
    created: list[Any] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False  # with dry_run, ``created`` holds unsaved objects (pk None)

    @property
    def ok(self) -> bool:
        return not self.errors


class Refused(Exception):
    """The whole file is refused with one message."""

    def __init__(self, message: str, row: int = 0, column: str = "") -> None:
        super().__init__(message)
        self.error = RowError(row, column, message)


class Invalid(Exception):
    """One cell (the column ``key``) is wrong."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key, self.message = key, message


# Reading the file ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    """Hard limits on a workbook, checked before reading (zip members, declared dimension) and
    while reading (rows, columns, cells, string length, wall time): a file built to exhaust the
    worker's memory or time is refused early instead of holding the worker."""

    max_rows: int = MAX_ROWS  # non-blank data rows
    max_sheet_rows: int = 3 * MAX_ROWS  # row numbers, blank rows included
    max_columns: int = 64
    max_cells: int = 2_000_000  # cells read, blank ones included
    max_string: int = 32_767  # Excel's own limit on a cell's text
    # All zip members together, as declared. It also bounds the time openpyxl spends before the
    # first row: without a <dimension>, opening a sheet parses all of it (~0.1 s per MB).
    max_uncompressed: int = 40 * 1024 * 1024
    max_members: int = 500
    max_seconds: float = 60.0


DEFAULT_LIMITS = Limits()


def read_rows(
    data: bytes,
    filename: str,
    columns: Sequence[Column],
    *,
    typed: Iterable[str] = (),
    max_rows: int = MAX_ROWS,
    limits: Limits | None = None,
) -> Rows:
    """The non-blank data rows of the first sheet as (Excel row number, {column key: value}).

    ``typed`` are the keys of free-text columns, checked for legacy (TCVN3, VNI) encodings.
    Raises ``Refused`` when the file as a whole cannot be imported, or is over one of ``limits``.
    """
    limits = limits or replace(DEFAULT_LIMITS, max_rows=max_rows)
    if len(data) > settings.MAX_UPLOAD_SIZE:
        raise Refused(
            f"Tệp quá lớn ({size_text(len(data))}): chỉ nhận tệp đến "
            f"{size_text(settings.MAX_UPLOAD_SIZE)}."
        )
    if not filename.lower().endswith(".xlsx") or not data.startswith(ZIP_SIGNATURE):
        raise Refused(
            "Tệp không phải bảng tính Excel .xlsx. Hãy mở tệp bằng Excel và lưu lại dưới "
            "dạng “Sổ làm việc Excel (.xlsx)”, hoặc dùng tệp mẫu."
        )
    check_archive(data, limits)
    try:
        header, body = _load(data, limits)
    except Refused:
        raise
    except Exception as exc:  # openpyxl raises many kinds of errors on a damaged file
        raise Refused(
            "Không đọc được tệp: tệp .xlsx bị hỏng hoặc không phải bảng tính Excel."
        ) from exc
    if not any(filled(value) for value in header) and not body:
        raise Refused("Trang tính đầu tiên của tệp trống.")
    positions = header_positions(header, columns)
    if not body:
        raise Refused("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.")
    if len(body) > limits.max_rows:
        raise Refused(_too_many_rows(limits.max_rows))
    rows = [
        (number, {key: _cell(values, index) for key, index in positions.items()})
        for number, values in body
    ]
    check_legacy(rows, typed, {column.key: column.header for column in columns})
    return rows


def _too_many_rows(count: int) -> str:
    return f"Tệp có hơn {number_text(count)} dòng dữ liệu: hãy chia thành nhiều tệp."


def _too_big() -> str:
    return (
        "Tệp quá lớn để đọc khi giải nén (có thể do định dạng cả trang tính hoặc một ô chứa "
        "quá nhiều chữ): hãy chép riêng các dòng dữ liệu sang tệp mẫu rồi nhập lại."
    )


def check_archive(data: bytes, limits: Limits) -> None:
    """Refuse a zip bomb before reading: the sizes the archive declares for its members.

    ``zipfile`` never inflates a member past its declared size, so the declared total bounds
    what openpyxl can read.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise Refused(
            "Không đọc được tệp: tệp .xlsx bị hỏng hoặc không phải bảng tính Excel."
        ) from exc
    if len(members) > limits.max_members:
        raise Refused(_too_big())
    if sum(member.file_size for member in members) > limits.max_uncompressed:
        raise Refused(_too_big())


def _check_declared(sheet: Any, limits: Limits) -> None:
    """The size the sheet declares (``<dimension ref="A1:XFD1048576">``), before reading it."""
    rows, columns = sheet.max_row or 0, sheet.max_column or 0
    if columns > limits.max_columns:
        raise Refused(_too_many_columns(limits.max_columns))
    if rows > limits.max_sheet_rows or rows * columns > limits.max_cells:
        raise Refused(_too_many_rows(limits.max_rows))


def _too_many_columns(count: int) -> str:
    return f"Trang tính có hơn {number_text(count)} cột: chỉ giữ các cột của tệp mẫu rồi nhập lại."


def _load(data: bytes, limits: Limits) -> tuple[tuple[Any, ...], list[tuple[int, tuple[Any, ...]]]]:
    """The header row and the non-blank rows below it (at most max_rows + 1 of them).

    Raises ``Refused`` as soon as the sheet goes over one of ``limits``.
    """
    deadline = time.monotonic() + limits.max_seconds
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        _check_declared(sheet, limits)
        sheet.reset_dimensions()  # some programs write a wrong size: read every row
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, ())
        _check_row(header, limits)
        cells = len(header)
        body = []
        for number, values in enumerate(rows, start=2):
            cells += len(values)
            if number > limits.max_sheet_rows or cells > limits.max_cells:
                raise Refused(_too_many_rows(limits.max_rows))
            if time.monotonic() > deadline:
                raise Refused(
                    "Đọc tệp quá lâu: tệp quá phức tạp. Hãy chép riêng các dòng dữ liệu sang "
                    "tệp mẫu, hoặc chia thành nhiều tệp nhỏ hơn."
                )
            _check_row(values, limits)
            if any(filled(value) for value in values[: len(header)]):
                body.append((number, values))
                if len(body) > limits.max_rows:
                    break
        return header, body
    finally:
        workbook.close()


def _check_row(values: tuple[Any, ...], limits: Limits) -> None:
    if len(values) > limits.max_columns:
        raise Refused(_too_many_columns(limits.max_columns))
    for value in values:
        if isinstance(value, str) and len(value) > limits.max_string:
            raise Refused(
                f"Có ô chứa hơn {number_text(limits.max_string)} ký tự: hãy rút ngắn nội dung "
                "ô đó rồi nhập lại."
            )


def header_positions(header: tuple[Any, ...], columns: Sequence[Column]) -> dict[str, int]:
    """{column key: index} from the header row: any order, case and accents; all required."""
    by_folded = {fold(column.header): column for column in columns}
    positions: dict[str, int] = {}
    unknown = []
    for index, value in enumerate(header):
        written = text(value)
        if not written:
            continue
        column = by_folded.get(fold(written))
        if column is None or column.key in positions:
            unknown.append(written)
        else:
            positions[column.key] = index
    missing = [column.header for column in columns if column.key not in positions]
    problems = []
    if missing:
        problems.append("thiếu cột " + ", ".join(f"“{header}”" for header in missing))
    if unknown:
        problems.append("có cột không thuộc mẫu " + ", ".join(f"“{value}”" for value in unknown))
    if problems:
        raise Refused(
            "Dòng tiêu đề (dòng 1) không đúng mẫu: "
            + "; ".join(problems)
            + ". Các cột của mẫu: "
            + ", ".join(f"“{column.header}”" for column in columns)
            + "."
        )
    return positions


def check_legacy(rows: Rows, typed: Iterable[str], headers: dict[str, str]) -> None:
    """Refuse text typed with a pre-Unicode Vietnamese encoding: it would be stored garbled.

    Only the typed (free-text) columns are checked: the drop-down columns hold Unicode text
    that would hide a legacy name on the same row.
    """
    keys = list(typed)
    all_texts = []
    for number, values in rows:
        texts = {key: values[key] for key in keys if isinstance(values.get(key), str)}
        all_texts.extend(texts.values())
        encoding = detect_legacy_encoding(" ".join(texts.values()))
        if encoding:
            column = next(
                (key for key, value in texts.items() if detect_legacy_encoding(value)), ""
            )
            raise Refused(legacy_message(encoding), number, headers.get(column, ""))
    encoding = detect_legacy_encoding("\n".join(all_texts))
    if encoding:
        raise Refused(legacy_message(encoding))


def legacy_message(encoding: str) -> str:
    return (
        f"Chữ trong tệp được gõ bằng bảng mã cũ {LEGACY_NAMES[encoding]}, không phải Unicode. "
        "Hãy chuyển mã sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi nhập lại."
    )


# Cells --------------------------------------------------------------------------------------


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{number_text(round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def number_text(count: int) -> str:
    return f"{count:,}".replace(",", ".")  # Vietnamese thousands separator


def filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _cell(values: tuple[Any, ...], index: int) -> Any:
    return values[index] if index < len(values) else None


def text(value: Any) -> str:
    """A cell as text: NFC, spaces collapsed, 12.0 written 12."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value))


_DAY_FIRST = re.compile(r"(?:ngay )?(\d{1,2}) (?:thang )?(\d{1,2}) (?:nam )?(\d{4})")
_YEAR_FIRST = re.compile(r"(\d{4}) (\d{1,2}) (\d{1,2})")


def parse_date(value: Any, key: str) -> dt.date | None:
    """An Excel date cell or day-first text: 6/3/2017, 06-03-2017, "ngày 6 tháng 3 năm 2017"."""
    if not filled(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    folded = fold(str(value))  # "/", "-", "." and accents fold away: "ngay 6 thang 3 nam 2017"
    day_first, year_first = _DAY_FIRST.fullmatch(folded), _YEAR_FIRST.fullmatch(folded)
    try:
        if day_first:
            day, month, year = map(int, day_first.groups())
        elif year_first:
            year, month, day = map(int, year_first.groups())
        else:
            raise ValueError(value)
        if not 1900 <= year <= 2100:
            raise ValueError(year)
        return dt.date(year, month, day)
    except ValueError:
        raise Invalid(
            key,
            f"Ngày “{text(value)}” không hợp lệ: ghi ngày trước tháng, ví dụ 06/03/2017 "
            "hoặc “ngày 6 tháng 3 năm 2017”.",
        ) from None


def parse_number(value: Any, key: str) -> int | None:
    """A whole number ≥ 0: a number cell, or text with digit groups ("1.234", "1,234")."""
    if isinstance(value, str) and not value.strip():
        return None
    try:
        number = parse_whole_number(value)
    except NumberError:
        number = -1
    if number is not None and number < 0:
        raise Invalid(
            key,
            f"“{text(value)}” không phải số nguyên không âm: ghi số nguyên, ví dụ 1.500.000 "
            "(không có phần thập phân).",
        )
    return number


def chunks(items: list[Any], size: int = 500) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def sorted_errors(errors: list[RowError], headers: Sequence[str]) -> list[RowError]:
    """By row, then in the order of the sheet's columns (file-level errors first)."""
    order = {header: index for index, header in enumerate(["", *headers])}
    return sorted(errors, key=lambda error: (error.row, order.get(error.column, 0)))


# Writing cells ------------------------------------------------------------------------------

# A text starting with one of these would be read by Excel (or by a CSV import) as a formula:
# "=HYPERLINK(…)" typed as a title would run in the workbook of everyone who downloads it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def starts_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_cell(sheet: Worksheet | WriteOnlyWorksheet, value: Any) -> Any:
    """``value`` ready for ``sheet.append``: text that would start a formula becomes a text cell
    with Excel's quote prefix (what typing ``'=…`` gives), so it is shown and edited as text and
    read back unchanged. Every writer of a workbook goes through this."""
    if not starts_formula(value):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    return as_text(cell)


def as_text(cell: Cell) -> Cell:
    """The cell kept as text whatever it starts with (see ``safe_cell``)."""
    if starts_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def safe_row(sheet: Worksheet | WriteOnlyWorksheet, values: Iterable[Any]) -> list[Any]:
    return [safe_cell(sheet, value) for value in values]


def set_text(sheet: Worksheet, coordinate: str, value: Any) -> None:
    """``sheet[coordinate] = value``, with text that would start a formula kept as text."""
    sheet[coordinate] = value
    as_text(sheet[coordinate])


# Writing a template -------------------------------------------------------------------------


def template_workbook(title: str) -> tuple[Workbook, Worksheet]:
    """A new workbook and its one sheet, named ``title``: the sheet to fill in."""
    workbook = Workbook()
    sheet = workbook.active
    if not isinstance(sheet, Worksheet):  # a new workbook always has one
        raise TypeError(sheet)
    sheet.title = title
    return workbook, sheet


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def column_letter(columns: Sequence[Column], key: str) -> str:
    """The letter of the column ``key`` in a sheet with ``columns`` in that order."""
    return get_column_letter([column.key for column in columns].index(key) + 1)


def write_header(
    sheet: Worksheet, columns: Sequence[Column], number_formats: Mapping[str, str]
) -> None:
    """The bold header row (frozen), the column widths and the formats of whole columns."""
    sheet.append(safe_row(sheet, [column.header for column in columns]))
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        header = sheet.cell(1, index)
        header.font = Font(bold=True)
        header.alignment = Alignment(wrap_text=True, vertical="center")
        if column.key in number_formats:
            sheet.column_dimensions[letter].number_format = number_formats[column.key]
    sheet.freeze_panes = "A2"


def _append_bold(sheet: Worksheet, values: list[Any]) -> None:
    sheet.append(safe_row(sheet, values))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def write_guide(
    sheet: Worksheet,
    *,
    heading: str,
    intro: Sequence[str],
    noun: str,
    columns: Sequence[Column],
    widths: Sequence[int],
    examples: bool = False,
    max_rows: int = MAX_ROWS,
    tables: Sequence[tuple[str, list[str], list[list[Any]]]] = (),
) -> None:
    """The "Hướng dẫn" sheet: ``heading``, the ``intro`` lines, the rules of every import
    (``noun`` is what a row is: "đơn vị", "hoạt động"), a table of the columns (with their
    examples if ``examples``), then each of ``tables`` as (title, header, rows)."""
    sheet.append(safe_row(sheet, [heading]))
    sheet["A1"].font = Font(bold=True, size=14)
    for line in (
        *intro,
        "Tệp chỉ được nhập khi mọi dòng đều đúng. Nếu có lỗi, phần mềm liệt kê từng lỗi theo "
        f"dòng và cột, và không nhập {noun} nào.",
        "Nên bấm “Kiểm tra thử” trước: phần mềm kiểm tra toàn bộ tệp mà không ghi gì.",
        "Gõ tiếng Việt bằng Unicode, không dùng bảng mã cũ TCVN3 (ABC) hay VNI.",
        f"Mỗi tệp tối đa {number_text(max_rows)} dòng.",
    ):
        sheet.append(safe_row(sheet, [line]))
    sheet.append([])
    _append_bold(sheet, ["Cột", "Bắt buộc", "Cách điền", *(["Ví dụ"] if examples else [])])
    for column in columns:
        row = [column.header, "Có" if column.required else "Không", column.help]
        sheet.append(safe_row(sheet, [*row, column.example] if examples else row))
    for title, header, rows in tables:
        sheet.append([])
        sheet.append(safe_row(sheet, [title]))
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        _append_bold(sheet, header)
        for values in rows:
            sheet.append(safe_row(sheet, values))
    for letter, width in zip("ABCD", widths, strict=True):
        sheet.column_dimensions[letter].width = width
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def write_lists(
    lists: Worksheet,
    sheet: Worksheet,
    columns: Sequence[Column],
    values: Mapping[str, list[str]],
    *,
    titled: bool = False,
    max_rows: int = MAX_ROWS,
) -> None:
    """Drop-down lists for the columns ``values`` names, read from the hidden sheet ``lists``.

    Names contain commas, which an inline list would split, hence the sheet: one column a list,
    under its column's header if ``titled``. A value not in a list only raises a warning, so
    codes can still be typed.
    """
    lists.sheet_state = "hidden"
    headers = {column.key: column.header for column in columns}
    first = 2 if titled else 1
    for index, (key, items) in enumerate(values.items(), start=1):
        list_column = get_column_letter(index)
        if titled:
            set_text(lists, f"{list_column}1", headers[key])
        if not items:
            continue
        for row, value in enumerate(items, start=first):
            set_text(lists, f"{list_column}{row}", value)
        last = first + len(items) - 1
        validation = DataValidation(
            type="list",
            formula1=f"'{lists.title}'!${list_column}${first}:${list_column}${last}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle=headers[key],
            error="Giá trị không có trong danh sách: kiểm tra lại (xem trang “Hướng dẫn”).",
        )
        letter = column_letter(columns, key)
        validation.add(f"{letter}2:{letter}{max_rows + 1}")
        sheet.add_data_validation(validation)
