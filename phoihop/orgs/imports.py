"""Bulk import of organization units from an Excel (.xlsx) sheet: all rows or none.

Every row is checked first and every problem is reported with its Excel row number and column
header. Only a file without a single error is written, in one transaction, through
``services.unit_create`` (so each unit is audited and placed in its tree). A row may name as its
parent a unit that comes later in the file: units are created parents first.

Messages are written in Vietnamese here on purpose: they quote the Vietnamese column headers of
the sheet, which is itself in Vietnamese.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from phoihop.core.exceptions import DomainError
from phoihop.core.text import fold, nfc
from phoihop.importing.extraction.legacy import detect_legacy_encoding
from phoihop.orgs import selectors, services
from phoihop.orgs.models import AdminArea, OrgLevel, OrgSystem, OrgUnit

MAX_ROWS = 20_000
TEMPLATE_FILENAME = "mau-nhap-don-vi.xlsx"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_ZIP_SIGNATURE = b"PK\x03\x04"
_LEGACY_NAMES = {"tcvn3": "TCVN3 (ABC, phông .Vn…)", "vni": "VNI (phông VNI-…)"}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    width: int
    help: str


COLUMNS = (
    Column(
        "code",
        "Mã đơn vị",
        True,
        18,
        "Mã riêng của đơn vị, không trùng với đơn vị khác cùng hệ thống. "
        "Các dòng khác dùng mã này để chỉ đơn vị làm cấp trên.",
    ),
    Column(
        "name",
        "Tên đầy đủ",
        True,
        45,
        "Tên chính thức, ví dụ “Liên đoàn Lao động thành phố Hà Nội”.",
    ),
    Column("short_name", "Tên viết tắt", False, 28, "Ví dụ “LĐLĐ thành phố Hà Nội”."),
    Column(
        "abbreviations",
        "Tên gọi khác",
        False,
        30,
        "Các cách viết khác, cách nhau bằng dấu chấm phẩy, ví dụ “LĐLĐ Hà Nội; LĐLĐ HN”.",
    ),
    Column(
        "system",
        "Hệ thống",
        True,
        18,
        "Chọn trong danh sách (ví dụ “Công đoàn”, “Hội LHPN”) hoặc ghi mã hệ thống "
        "(“cong-doan”). Không phân biệt chữ hoa, chữ thường, có dấu hay không dấu.",
    ),
    Column(
        "level",
        "Cấp",
        True,
        36,
        "Tên hoặc mã của cấp trong hệ thống đã chọn (xem bảng “Hệ thống và cấp” bên dưới).",
    ),
    Column(
        "parent",
        "Mã đơn vị cấp trên",
        False,
        20,
        "Mã của đơn vị cấp trên cùng hệ thống: đơn vị đã có trong phần mềm, hoặc một dòng "
        "khác của tệp này (dòng trên hay dòng dưới đều được). Bạn phải có quyền thêm đơn vị "
        "vào đơn vị cấp trên đó. Chỉ quản trị viên được để trống (đơn vị cao nhất).",
    ),
    Column(
        "area",
        "Mã địa bàn",
        False,
        12,
        "Mã đơn vị hành chính theo Tổng cục Thống kê, ví dụ “01” (Hà Nội), “00004” "
        "(phường Ba Đình). Ghi dạng văn bản để giữ số 0 ở đầu. Nếu một mã có cả địa bàn cũ "
        "và địa bàn hiện hành, phần mềm chọn địa bàn hiện hành.",
    ),
    Column(
        "valid_from",
        "Hiệu lực từ",
        False,
        16,
        "Ngày đơn vị bắt đầu hoạt động, ghi ngày trước tháng: 6/3/2017, 06-03-2017 hoặc "
        "“ngày 6 tháng 3 năm 2017” (hoặc ô kiểu ngày của Excel). Để trống nếu không rõ.",
    ),
)
HEADERS = [column.header for column in COLUMNS]
_HEADER = {column.key: column.header for column in COLUMNS}
_TYPED = ("name", "short_name", "abbreviations")  # free text, as opposed to codes and lists
_MAX_LENGTH = {"code": 40, "name": 255, "short_name": 120, "abbreviations": 255}
# DomainError.field of services.unit_create → the column to blame.
_FIELD_COLUMN = {"parent": "parent", "code": "code", "level": "level"}


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


@dataclass
class ImportResult:
    created: list[OrgUnit] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False  # with dry_run, ``created`` holds unsaved units (pk None)

    @property
    def ok(self) -> bool:
        return not self.errors


class _Refused(Exception):
    """The whole file is refused with one message."""

    def __init__(self, message: str, row: int = 0, column: str = "") -> None:
        super().__init__(message)
        self.error = RowError(row, column, message)


@dataclass(eq=False)  # compared and hashed by identity: rows are graph nodes
class _Row:
    number: int
    code: str = ""
    name: str = ""
    short_name: str = ""
    abbreviations: str = ""
    parent_code: str = ""
    system: OrgSystem | None = None
    level: OrgLevel | None = None
    area: AdminArea | None = None
    valid_from: dt.date | None = None
    parent: OrgUnit | None = None  # an existing unit…
    parent_row: _Row | None = None  # …or a row of the same file


def units_import(*, data: bytes, filename: str, actor: Any, dry_run: bool = False) -> ImportResult:
    """Check every row of the .xlsx ``data``; if none has an error, create all the units.

    Side effects, only when no row has an error and not ``dry_run``: one unit and placement per
    row, and one audit entry ``phoihop.orgunit.created`` per unit, all in one transaction.
    """
    try:
        raw_rows = _read_sheet(data, filename)
    except _Refused as refusal:
        return ImportResult(errors=[refusal.error], dry_run=dry_run)
    errors: list[RowError] = []
    lookups = _Lookups(raw_rows)
    rows = [_parse_row(number, values, lookups, errors) for number, values in raw_rows]
    existing = _existing_units(rows)
    _check_codes(rows, existing, errors)
    _link_parents(rows, existing, actor, errors)
    _check_parent_dates(rows, errors)
    ordered = _parents_first(rows, errors)
    if errors:
        return ImportResult(errors=_sorted(errors), dry_run=dry_run)
    return _create(ordered, actor=actor, dry_run=dry_run)


# Reading the file ---------------------------------------------------------------------------


def _read_sheet(data: bytes, filename: str) -> list[tuple[int, dict[str, Any]]]:
    """The non-blank data rows of the first sheet as (Excel row number, {column key: value})."""
    if len(data) > settings.MAX_UPLOAD_SIZE:
        raise _Refused(
            f"Tệp quá lớn ({_size(len(data))}): chỉ nhận tệp đến {_size(settings.MAX_UPLOAD_SIZE)}."
        )
    if not filename.lower().endswith(".xlsx") or not data.startswith(_ZIP_SIGNATURE):
        raise _Refused(
            "Tệp không phải bảng tính Excel .xlsx. Hãy mở tệp bằng Excel và lưu lại dưới "
            "dạng “Sổ làm việc Excel (.xlsx)”, hoặc dùng tệp mẫu."
        )
    try:
        header, body = _load(data)
    except Exception as exc:  # openpyxl raises many kinds of errors on a damaged file
        raise _Refused(
            "Không đọc được tệp: tệp .xlsx bị hỏng hoặc không phải bảng tính Excel."
        ) from exc
    if not any(_filled(value) for value in header) and not body:
        raise _Refused("Trang tính đầu tiên của tệp trống.")
    positions = _header_positions(header)
    if not body:
        raise _Refused("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.")
    if len(body) > MAX_ROWS:
        raise _Refused(f"Tệp có hơn {_number(MAX_ROWS)} dòng dữ liệu: hãy chia thành nhiều tệp.")
    rows = [
        (number, {key: _cell(values, index) for key, index in positions.items()})
        for number, values in body
    ]
    _check_legacy(rows)
    return rows


def _load(data: bytes) -> tuple[tuple[Any, ...], list[tuple[int, tuple[Any, ...]]]]:
    """The header row and the non-blank rows below it (at most MAX_ROWS + 1 of them)."""
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some programs write a wrong size: read every row
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, ())
        body = []
        for number, values in enumerate(rows, start=2):
            if any(_filled(value) for value in values[: len(header)]):
                body.append((number, values))
                if len(body) > MAX_ROWS:
                    break
        return header, body
    finally:
        workbook.close()


def _header_positions(header: tuple[Any, ...]) -> dict[str, int]:
    by_folded = {fold(column.header): column for column in COLUMNS}
    positions: dict[str, int] = {}
    unknown = []
    for index, value in enumerate(header):
        text = _text(value)
        if not text:
            continue
        column = by_folded.get(fold(text))
        if column is None or column.key in positions:
            unknown.append(text)
        else:
            positions[column.key] = index
    missing = [column.header for column in COLUMNS if column.key not in positions]
    problems = []
    if missing:
        problems.append("thiếu cột " + ", ".join(f"“{header}”" for header in missing))
    if unknown:
        problems.append("có cột không thuộc mẫu " + ", ".join(f"“{text}”" for text in unknown))
    if problems:
        raise _Refused(
            "Dòng tiêu đề (dòng 1) không đúng mẫu: "
            + "; ".join(problems)
            + ". Các cột của mẫu: "
            + ", ".join(f"“{header}”" for header in HEADERS)
            + "."
        )
    return positions


def _check_legacy(rows: list[tuple[int, dict[str, Any]]]) -> None:
    """Refuse text typed with a pre-Unicode Vietnamese encoding: it would be stored garbled.

    Only the typed names are checked: the drop-down columns hold Unicode text that would hide
    a legacy name on the same row.
    """
    all_texts = []
    for number, values in rows:
        texts = {key: values[key] for key in _TYPED if isinstance(values[key], str)}
        all_texts.extend(texts.values())
        encoding = detect_legacy_encoding(" ".join(texts.values()))
        if encoding:
            column = next((key for key, text in texts.items() if detect_legacy_encoding(text)), "")
            raise _Refused(_legacy_message(encoding), number, _HEADER.get(column, ""))
    encoding = detect_legacy_encoding("\n".join(all_texts))
    if encoding:
        raise _Refused(_legacy_message(encoding))


def _legacy_message(encoding: str) -> str:
    return (
        f"Chữ trong tệp được gõ bằng bảng mã cũ {_LEGACY_NAMES[encoding]}, không phải Unicode. "
        "Hãy chuyển mã sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi nhập lại."
    )


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{_number(round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def _number(count: int) -> str:
    return f"{count:,}".replace(",", ".")  # Vietnamese thousands separator


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _cell(values: tuple[Any, ...], index: int) -> Any:
    return values[index] if index < len(values) else None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value))


# Checking the rows --------------------------------------------------------------------------


class _Lookups:
    """Systems, levels and areas named in the file, fetched once."""

    def __init__(self, raw_rows: list[tuple[int, dict[str, Any]]]) -> None:
        self.systems = list(OrgSystem.objects.order_by("order", "pk"))
        self.system_by_key: dict[str, OrgSystem] = {}
        for system in self.systems:
            for written in (system.code, system.name, system.short_name):
                self.system_by_key.setdefault(fold(written), system)
        self.levels = list(OrgLevel.objects.select_related("system").order_by("tier", "pk"))
        self.level_keys = [(level, {fold(level.code), fold(level.name)}) for level in self.levels]
        codes = {_text(values["area"]) for _number, values in raw_rows} - {""}
        self.areas: dict[str, list[AdminArea]] = {}
        for chunk in _chunks(sorted(codes)):
            for area in AdminArea.objects.filter(code__in=chunk).order_by("-valid_from", "pk"):
                self.areas.setdefault(area.code, []).append(area)

    def levels_matching(self, text: str) -> list[OrgLevel]:
        key = fold(text)
        return [level for level, keys in self.level_keys if key in keys]


def _parse_row(
    number: int, values: dict[str, Any], lookups: _Lookups, errors: list[RowError]
) -> _Row:
    def error(key: str, message: str) -> None:
        errors.append(RowError(number, _HEADER[key], message))

    row = _Row(
        number,
        code=_text(values["code"]),
        name=_text(values["name"]),
        short_name=_text(values["short_name"]),
        abbreviations="; ".join(
            part for part in (nfc(p) for p in _text(values["abbreviations"]).split(";")) if part
        ),
        parent_code=_text(values["parent"]),
    )
    for key in ("code", "name"):
        if not getattr(row, key):
            error(key, "Chưa điền (cột bắt buộc).")
    for key, limit in _MAX_LENGTH.items():
        if len(getattr(row, key)) > limit:
            error(key, f"Dài quá {limit} ký tự.")
    try:
        row.system = _system(_text(values["system"]), lookups)
        row.level = _level(_text(values["level"]), row.system, lookups)
    except _Invalid as invalid:
        error(invalid.key, invalid.message)
    try:
        row.area = _area(_text(values["area"]), lookups)
    except _Invalid as invalid:
        error(invalid.key, invalid.message)
    try:
        row.valid_from = _date(values["valid_from"])
    except _Invalid as invalid:
        error(invalid.key, invalid.message)
    return row


class _Invalid(Exception):
    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key, self.message = key, message


def _system(text: str, lookups: _Lookups) -> OrgSystem:
    if not text:
        raise _Invalid("system", "Chưa điền (cột bắt buộc).")
    system = lookups.system_by_key.get(fold(text))
    if system is None:
        names = "; ".join(s.short_name for s in lookups.systems)
        raise _Invalid("system", f"Không có hệ thống “{text}”. Các hệ thống: {names}.")
    return system


def _level(text: str, system: OrgSystem, lookups: _Lookups) -> OrgLevel:
    if not text:
        raise _Invalid("level", "Chưa điền (cột bắt buộc).")
    matching = lookups.levels_matching(text)
    own = [level for level in matching if level.system_id == system.pk]
    if own:
        return own[0]
    if matching:
        other = matching[0].system
        raise _Invalid(
            "level", f"Cấp “{text}” thuộc hệ thống {other}, không thuộc hệ thống {system}."
        )
    names = "; ".join(level.name for level in lookups.levels if level.system_id == system.pk)
    raise _Invalid("level", f"Hệ thống {system} không có cấp “{text}”. Các cấp: {names}.")


def _area(code: str, lookups: _Lookups) -> AdminArea | None:
    if not code:
        return None
    candidates = lookups.areas.get(code, [])
    if not candidates:
        raise _Invalid(
            "area",
            f"Không có địa bàn mã “{code}”. Ghi mã của Tổng cục Thống kê dạng văn bản, giữ "
            "các số 0 ở đầu (ví dụ “01”).",
        )
    today = selectors.today()
    current = [area for area in candidates if area.is_valid_on(today)]
    if len(current) > 1:
        names = "; ".join(area.name for area in current)
        raise _Invalid("area", f"Mã “{code}” ứng với nhiều địa bàn: {names}.")
    # Otherwise the area of today, else the most recent one (candidates are newest first).
    return current[0] if current else candidates[0]


_DAY_FIRST = re.compile(r"(?:ngay )?(\d{1,2}) (?:thang )?(\d{1,2}) (?:nam )?(\d{4})")
_YEAR_FIRST = re.compile(r"(\d{4}) (\d{1,2}) (\d{1,2})")


def _date(value: Any) -> dt.date | None:
    """An Excel date cell or day-first text: 6/3/2017, 06-03-2017, "ngày 6 tháng 3 năm 2017"."""
    if not _filled(value):
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
        raise _Invalid(
            "valid_from",
            f"Ngày “{_text(value)}” không hợp lệ: ghi ngày trước tháng, ví dụ 06/03/2017 "
            "hoặc “ngày 6 tháng 3 năm 2017”.",
        ) from None


def _existing_units(rows: list[_Row]) -> dict[tuple[int, str], OrgUnit]:
    """Units already in the database whose code is used in the file, by (system id, code).

    Visible or not: codes must be unique anyway, and parents are checked with ``has_perm``.
    """
    codes = sorted({code for row in rows for code in (row.code, row.parent_code) if code})
    found: dict[tuple[int, str], OrgUnit] = {}
    for chunk in _chunks(codes):
        for unit in OrgUnit.objects.filter(code__in=chunk).select_related("system"):
            found[(unit.system_id, unit.code or "")] = unit
    return found


def _check_codes(rows: list[_Row], existing: dict, errors: list[RowError]) -> None:
    first_row: dict[tuple[int, str], _Row] = {}
    for row in rows:
        if not row.code or row.system is None:
            continue
        key = (row.system.pk, row.code)
        if key in first_row:
            message = f"Mã “{row.code}” trùng với mã ở dòng {first_row[key].number}."
            errors.append(RowError(row.number, _HEADER["code"], message))
        elif key in existing:
            message = f"Mã “{row.code}” đã được dùng cho một đơn vị khác của hệ thống {row.system}."
            errors.append(RowError(row.number, _HEADER["code"], message))
        first_row.setdefault(key, row)


def _link_parents(rows: list[_Row], existing: dict, actor: Any, errors: list[RowError]) -> None:
    """Point each row at its parent (a row of the file first, else an existing unit).

    A parent the actor may not add under and a parent that does not exist get the same message,
    so the import does not reveal which units exist outside the actor's reach.
    """
    in_file: dict[tuple[int, str], _Row] = {}
    for row in rows:  # a code already in the database (an error) still names that unit
        if row.system is not None and row.code and (row.system.pk, row.code) not in existing:
            in_file.setdefault((row.system.pk, row.code), row)
    may_add: dict[int | None, bool] = {}
    for row in rows:
        if row.system is None:
            continue
        key = (row.system.pk, row.parent_code)
        if row.parent_code:
            if key in in_file:
                row.parent_row = in_file[key]
                continue
            parent = existing.get(key)
            if parent is not None and _may_add_under(actor, parent, may_add):
                row.parent = parent
                continue
            message = _no_permission(row.parent_code, row.system)
        elif _may_add_under(actor, None, may_add):
            continue
        else:
            message = "Không có quyền tạo đơn vị cao nhất: hãy điền mã đơn vị cấp trên."
        errors.append(RowError(row.number, _HEADER["parent"], message))


def _no_permission(code: str, system: OrgSystem) -> str:
    return (
        f"Không có quyền thêm đơn vị vào đơn vị có mã “{code}” (hoặc hệ thống {system} "
        "không có đơn vị nào mang mã này)."
    )


def _may_add_under(actor: Any, parent: OrgUnit | None, cache: dict[int | None, bool]) -> bool:
    key = parent.pk if parent else None
    if key not in cache:
        cache[key] = bool(actor.has_perm("orgs.add_orgunit", parent))
    return cache[key]


def _check_parent_dates(rows: list[_Row], errors: list[RowError]) -> None:
    """A unit can only be placed under a parent that exists on its first day."""
    today = selectors.today()
    for row in rows:
        day = row.valid_from or today
        if row.parent is not None and not row.parent.is_valid_on(day):
            message = f"Đơn vị cấp trên “{row.parent}” không hoạt động vào ngày {day:%d/%m/%Y}."
            errors.append(RowError(row.number, _HEADER["parent"], message))
        parent_from = row.parent_row.valid_from if row.parent_row else None
        if row.parent_row and parent_from and day < parent_from:
            message = (
                f"Đơn vị cấp trên (dòng {row.parent_row.number}) chỉ có hiệu lực từ "
                f"{parent_from:%d/%m/%Y}: đơn vị này không thể bắt đầu sớm hơn."
            )
            errors.append(RowError(row.number, _HEADER["valid_from"], message))


def _parents_first(rows: list[_Row], errors: list[RowError]) -> list[_Row]:
    """Order rows so that a parent always comes before its children; report cycles."""
    ordered: list[_Row] = []
    done: set[_Row] = set()
    for row in rows:
        chain: list[_Row] = []
        node: _Row | None = row
        while node is not None and node not in done and node not in chain:
            chain.append(node)
            node = node.parent_row
        if node is not None and node in chain:
            cycle = chain[chain.index(node) :]
            codes = " → ".join(member.code for member in [*cycle, node])
            for member in cycle:
                message = f"Các đơn vị cấp trên tạo thành vòng lặp: {codes}."
                errors.append(RowError(member.number, _HEADER["parent"], message))
        done.update(chain)
        ordered.extend(reversed(chain))
    return ordered


def _create(rows: list[_Row], *, actor: Any, dry_run: bool) -> ImportResult:
    units: dict[_Row, OrgUnit] = {}
    errors: list[RowError] = []
    with transaction.atomic():
        for row in rows:
            if row.system is None or row.level is None:  # such rows always have errors
                raise RuntimeError(f"Row {row.number} was not checked.")
            parent = units[row.parent_row] if row.parent_row is not None else row.parent
            try:
                units[row] = services.unit_create(
                    system=row.system,
                    level=row.level,
                    name=row.name,
                    short_name=row.short_name,
                    abbreviations=row.abbreviations,
                    code=row.code,
                    parent=parent,
                    area=row.area,
                    valid_from=row.valid_from,
                    actor=actor,
                )
            except DomainError as exc:  # a rule the checks above did not foresee
                column = _HEADER.get(_FIELD_COLUMN.get(exc.field or "", ""), "")
                errors.append(RowError(row.number, column, str(exc)))
                break
        if errors or dry_run:
            transaction.set_rollback(True)
    if errors:
        return ImportResult(errors=errors, dry_run=dry_run)
    created = [units[row] for row in sorted(units, key=lambda row: row.number)]
    if dry_run:
        for unit in created:
            unit.pk = None
    return ImportResult(created=created, dry_run=dry_run)


def _sorted(errors: list[RowError]) -> list[RowError]:
    order = {header: index for index, header in enumerate(["", *HEADERS])}
    return sorted(errors, key=lambda error: (error.row, order.get(error.column, 0)))


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# The template -------------------------------------------------------------------------------

_EXAMPLE = [
    "CD-P-BA-DINH",
    "Công đoàn phường Ba Đình",
    "Công đoàn phường Ba Đình",
    "CĐ phường Ba Đình; CĐ P. Ba Đình",
    "Công đoàn",
    "Công đoàn xã, phường, đặc khu",
    "LDLD-HN",
    "00004",
    dt.date(2025, 7, 1),
]
_TEXT_COLUMNS = ("code", "parent", "area")


def units_template_workbook() -> bytes:
    """An empty import sheet with drop-down lists, a "Hướng dẫn" sheet and one example row."""
    workbook = Workbook()
    sheet = workbook.active
    if not isinstance(sheet, Worksheet):  # a new workbook always has one
        raise TypeError(sheet)
    sheet.title = "Đơn vị"
    systems = list(OrgSystem.objects.order_by("order", "pk"))
    levels = list(OrgLevel.objects.select_related("system").order_by("system__order", "tier"))
    _write_units_sheet(sheet)
    _write_guide_sheet(workbook.create_sheet("Hướng dẫn"), levels)
    _write_lists(workbook.create_sheet("Danh mục"), sheet, systems, levels)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_units_sheet(sheet: Worksheet) -> None:
    sheet.append(HEADERS)
    sheet.append(_EXAMPLE)
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        header = sheet.cell(1, index)
        header.font = Font(bold=True)
        header.alignment = Alignment(wrap_text=True, vertical="center")
        if column.key in _TEXT_COLUMNS:
            sheet.column_dimensions[letter].number_format = "@"
            sheet.cell(2, index).number_format = "@"
    sheet.cell(2, len(COLUMNS)).number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "A2"


def _write_guide_sheet(sheet: Worksheet, levels: list[OrgLevel]) -> None:
    bold = Font(bold=True)
    sheet.append(["Hướng dẫn nhập danh sách đơn vị"])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in (
        "Mỗi dòng của trang “Đơn vị” là một đơn vị. Không sửa dòng tiêu đề (dòng 1).",
        "Xoá dòng ví dụ (dòng 2) trước khi nhập.",
        "Tệp chỉ được nhập khi mọi dòng đều đúng. Nếu có lỗi, phần mềm liệt kê từng lỗi theo "
        "dòng và cột, và không nhập đơn vị nào.",
        "Nên bấm “Kiểm tra thử” trước: phần mềm kiểm tra toàn bộ tệp mà không ghi gì.",
        "Gõ tiếng Việt bằng Unicode, không dùng bảng mã cũ TCVN3 (ABC) hay VNI.",
        f"Mỗi tệp tối đa {_number(MAX_ROWS)} dòng.",
    ):
        sheet.append([line])
    sheet.append([])
    sheet.append(["Cột", "Bắt buộc", "Cách điền"])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for column in COLUMNS:
        sheet.append([column.header, "Có" if column.required else "Không", column.help])
    sheet.append([])
    sheet.append(["Hệ thống và cấp"])
    sheet.cell(sheet.max_row, 1).font = bold
    sheet.append(["Hệ thống", "Mã hệ thống", "Cấp", "Mã cấp"])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for level in levels:
        sheet.append([level.system.short_name, level.system.code, level.name, level.code])
    for letter, width in zip("ABCD", (28, 14, 90, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _write_lists(
    lists: Worksheet, sheet: Worksheet, systems: list[OrgSystem], levels: list[OrgLevel]
) -> None:
    """Drop-down lists for "Hệ thống" and "Cấp", read from a hidden sheet.

    Level names contain commas, which an inline list would split, hence the sheet. A value not
    in the list only raises a warning, so codes ("cong-doan", "tinh") can still be typed.
    """
    lists.sheet_state = "hidden"
    level_names = list(dict.fromkeys(level.name for level in levels))
    for key, values in (("system", [s.short_name for s in systems]), ("level", level_names)):
        if not values:
            continue
        list_column = get_column_letter(1 if key == "system" else 2)
        for row, value in enumerate(values, start=1):
            lists[f"{list_column}{row}"] = value
        validation = DataValidation(
            type="list",
            formula1=f"'{lists.title}'!${list_column}$1:${list_column}${len(values)}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle=_HEADER[key],
            error="Giá trị không có trong danh sách: kiểm tra lại (xem trang “Hướng dẫn”).",
        )
        column = get_column_letter(HEADERS.index(_HEADER[key]) + 1)
        validation.add(f"{column}2:{column}{MAX_ROWS + 1}")
        sheet.add_data_validation(validation)
