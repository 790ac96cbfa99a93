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
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from openpyxl.worksheet.worksheet import Worksheet

from phoihop.core import spreadsheet
from phoihop.core.exceptions import DomainError
from phoihop.core.spreadsheet import XLSX_CONTENT_TYPE as XLSX_CONTENT_TYPE
from phoihop.core.spreadsheet import (
    Column,
    ImportResult,
    Invalid,
    Refused,
    RowError,
    chunks,
    text,
)
from phoihop.core.text import fold, nfc
from phoihop.orgs import area_codes, selectors, services
from phoihop.orgs.models import AdminArea, OrgLevel, OrgSystem, OrgUnit

MAX_ROWS = spreadsheet.MAX_ROWS
TEMPLATE_FILENAME = "mau-nhap-don-vi.xlsx"


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
        raw_rows = spreadsheet.read_rows(data, filename, COLUMNS, typed=_TYPED, max_rows=MAX_ROWS)
    except Refused as refusal:
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
        return ImportResult(errors=spreadsheet.sorted_errors(errors, HEADERS), dry_run=dry_run)
    return _create(ordered, actor=actor, dry_run=dry_run)


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
        self.areas = area_codes.areas_by_code(text(values["area"]) for _n, values in raw_rows)

    def levels_matching(self, written: str) -> list[OrgLevel]:
        key = fold(written)
        return [level for level, keys in self.level_keys if key in keys]


def _parse_row(
    number: int, values: dict[str, Any], lookups: _Lookups, errors: list[RowError]
) -> _Row:
    def error(key: str, message: str) -> None:
        errors.append(RowError(number, _HEADER[key], message))

    row = _Row(
        number,
        code=text(values["code"]),
        name=text(values["name"]),
        short_name=text(values["short_name"]),
        abbreviations="; ".join(
            part for part in (nfc(p) for p in text(values["abbreviations"]).split(";")) if part
        ),
        parent_code=text(values["parent"]),
    )
    for key in ("code", "name"):
        if not getattr(row, key):
            error(key, spreadsheet.REQUIRED)
    for key, limit in _MAX_LENGTH.items():
        if len(getattr(row, key)) > limit:
            error(key, f"Dài quá {limit} ký tự.")
    try:
        row.system = _system(text(values["system"]), lookups)
        row.level = _level(text(values["level"]), row.system, lookups)
    except Invalid as invalid:
        error(invalid.key, invalid.message)
    try:
        row.area = area_codes.resolve_area(text(values["area"]), lookups.areas, "area")
    except Invalid as invalid:
        error(invalid.key, invalid.message)
    try:
        row.valid_from = spreadsheet.parse_date(values["valid_from"], "valid_from")
    except Invalid as invalid:
        error(invalid.key, invalid.message)
    return row


def _system(written: str, lookups: _Lookups) -> OrgSystem:
    if not written:
        raise Invalid("system", spreadsheet.REQUIRED)
    system = lookups.system_by_key.get(fold(written))
    if system is None:
        names = "; ".join(s.short_name for s in lookups.systems)
        raise Invalid("system", f"Không có hệ thống “{written}”. Các hệ thống: {names}.")
    return system


def _level(written: str, system: OrgSystem, lookups: _Lookups) -> OrgLevel:
    if not written:
        raise Invalid("level", spreadsheet.REQUIRED)
    matching = lookups.levels_matching(written)
    own = [level for level in matching if level.system_id == system.pk]
    if own:
        return own[0]
    if matching:
        other = matching[0].system
        raise Invalid(
            "level", f"Cấp “{written}” thuộc hệ thống {other}, không thuộc hệ thống {system}."
        )
    names = "; ".join(level.name for level in lookups.levels if level.system_id == system.pk)
    raise Invalid("level", f"Hệ thống {system} không có cấp “{written}”. Các cấp: {names}.")


def _existing_units(rows: list[_Row]) -> dict[tuple[int, str], OrgUnit]:
    """Units already in the database whose code is used in the file, by (system id, code).

    Visible or not: codes must be unique anyway, and parents are checked with ``has_perm``.
    """
    codes = sorted({code for row in rows for code in (row.code, row.parent_code) if code})
    found: dict[tuple[int, str], OrgUnit] = {}
    for chunk in chunks(codes):
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
    workbook, sheet = spreadsheet.template_workbook("Đơn vị")
    systems = list(OrgSystem.objects.order_by("order", "pk"))
    levels = list(OrgLevel.objects.select_related("system").order_by("system__order", "tier"))
    _write_units_sheet(sheet)
    spreadsheet.write_guide(
        workbook.create_sheet("Hướng dẫn"),
        heading="Hướng dẫn nhập danh sách đơn vị",
        intro=(
            "Mỗi dòng của trang “Đơn vị” là một đơn vị. Không sửa dòng tiêu đề (dòng 1).",
            "Xoá dòng ví dụ (dòng 2) trước khi nhập.",
        ),
        noun="đơn vị",
        columns=COLUMNS,
        widths=(28, 14, 90, 14),
        max_rows=MAX_ROWS,
        tables=[
            (
                "Hệ thống và cấp",
                ["Hệ thống", "Mã hệ thống", "Cấp", "Mã cấp"],
                [[lv.system.short_name, lv.system.code, lv.name, lv.code] for lv in levels],
            )
        ],
    )
    # Codes ("cong-doan", "tinh") can still be typed: a value not in a list only warns.
    lists = {
        "system": [system.short_name for system in systems],
        "level": list(dict.fromkeys(level.name for level in levels)),
    }
    spreadsheet.write_lists(
        workbook.create_sheet("Danh mục"), sheet, COLUMNS, lists, max_rows=MAX_ROWS
    )
    return spreadsheet.workbook_bytes(workbook)


def _write_units_sheet(sheet: Worksheet) -> None:
    spreadsheet.write_header(sheet, COLUMNS, dict.fromkeys(_TEXT_COLUMNS, "@"))
    sheet.append(spreadsheet.safe_row(sheet, _EXAMPLE))
    for index, column in enumerate(COLUMNS, start=1):
        if column.key in _TEXT_COLUMNS:
            sheet.cell(2, index).number_format = "@"
    sheet.cell(2, len(COLUMNS)).number_format = "DD/MM/YYYY"
