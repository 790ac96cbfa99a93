"""Workbooks built to hold the worker (issue 9, item 4) are refused quickly, before or while
reading, with a Vietnamese message; a normal workbook built the same way is read."""

import io
import time
import zipfile
from collections.abc import Iterable

import pytest
from django.conf import settings
from openpyxl import Workbook

from phoihop.core.spreadsheet import Column, Limits, Refused, read_rows

pytestmark = [pytest.mark.unit]

COLUMNS = [Column("title", "Tên", True)]
HEADER = b'<row r="1"><c r="A1" t="inlineStr"><is><t>T\xc3\xaan</t></is></c></row>'
SHEET = "xl/worksheets/sheet1.xml"
TOO_BIG = (
    "Tệp quá lớn để đọc khi giải nén (có thể do định dạng cả trang tính hoặc một ô chứa "
    "quá nhiều chữ): hãy chép riêng các dòng dữ liệu sang tệp mẫu rồi nhập lại."
)
TOO_MANY_ROWS = "Tệp có hơn 20.000 dòng dữ liệu: hãy chia thành nhiều tệp."
# Refused in well under a second on a quiet machine; the bound leaves room for a busy CI box
# (the issue measured 48 s of a held worker for these files).
QUICK = 5
TOO_MANY_COLUMNS = "Trang tính có hơn 64 cột: chỉ giữ các cột của tệp mẫu rồi nhập lại."


def xlsx(rows: Iterable[bytes], *, dimension: str = "", extra: dict | None = None) -> bytes:
    """An .xlsx whose first sheet is HEADER then ``rows`` (XML), streamed into the zip."""
    base = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(["x"])
    workbook.save(base)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(base) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
    ):
        for member in source.infolist():
            if member.filename != SHEET:
                target.writestr(member, source.read(member))
        with target.open(SHEET, "w", force_zip64=True) as sheet:
            sheet.write(
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>" + HEADER)
            for chunk in rows:
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
        for name, chunks in (extra or {}).items():
            with target.open(name, "w", force_zip64=True) as member:
                for chunk in chunks:
                    member.write(chunk)
    return out.getvalue()


def text_row(number: int, value: str) -> bytes:
    cell = f'<c r="A{number}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<row r="{number}">{cell}</row>'.encode()


def blank_rows(count: int) -> Iterable[bytes]:
    for start in range(2, count + 2, 100_000):
        yield b"".join(b'<row r="%d"/>' % n for n in range(start, min(start + 100_000, count + 2)))


def wide_rows(count: int, width: int = 16_384) -> Iterable[bytes]:
    row = b"<row>" + b"<c><v>1</v></c>" * width + b"</row>"
    for _ in range(count):
        yield row


def refusal(data: bytes, limits: Limits | None = None) -> tuple[str, float]:
    started = time.monotonic()
    with pytest.raises(Refused) as refused:
        read_rows(data, "tep.xlsx", COLUMNS, limits=limits)
    return refused.value.error.message, time.monotonic() - started


def test_read_rows_reads_a_normal_workbook_built_the_same_way():
    data = xlsx([text_row(2, "Hội nghị"), *blank_rows(10), text_row(13, "Tập huấn")])

    assert read_rows(data, "tep.xlsx", COLUMNS) == [
        (2, {"title": "Hội nghị"}),
        (13, {"title": "Tập huấn"}),
    ]


def test_read_rows_refuses_three_million_blank_rows_from_the_archive_sizes():
    data = xlsx(blank_rows(3_000_000))

    message, seconds = refusal(data)

    assert len(data) < settings.MAX_UPLOAD_SIZE
    assert (message, seconds < QUICK) == (TOO_BIG, True)


def test_read_rows_refuses_a_declared_million_rows_before_reading():
    data = xlsx(blank_rows(10), dimension="A1:A1000000")

    message, seconds = refusal(data)

    assert (message, seconds < QUICK) == (TOO_MANY_ROWS, True)


def test_read_rows_refuses_blank_rows_past_the_sheet_limit_while_reading():
    data = xlsx(blank_rows(100_000), dimension="A1:A1")  # a lying dimension

    message, seconds = refusal(data)

    assert (message, seconds < QUICK) == (TOO_MANY_ROWS, True)


def test_read_rows_refuses_1500_by_16384_cells_from_the_archive_sizes():
    data = xlsx(wide_rows(1_500))

    message, seconds = refusal(data)

    assert len(data) < settings.MAX_UPLOAD_SIZE
    assert (message, seconds < QUICK) == (TOO_BIG, True)


def test_read_rows_refuses_a_declared_sheet_of_16384_columns_before_reading():
    data = xlsx(wide_rows(3), dimension="A1:XFD1500")

    message, seconds = refusal(data)

    assert (message, seconds < QUICK) == (TOO_MANY_COLUMNS, True)


def test_read_rows_refuses_16384_columns_undeclared_on_the_first_wide_row():
    data = xlsx(wide_rows(3))

    message, seconds = refusal(data)

    assert (message, seconds < QUICK) == (TOO_MANY_COLUMNS, True)


def test_read_rows_refuses_one_300_mb_string_before_reading():
    huge = (b"A" * (1 << 20) for _ in range(300))
    data = xlsx([b'<row r="2"><c r="A2" t="inlineStr"><is><t>', *huge, b"</t></is></c></row>"])

    message, seconds = refusal(data)

    assert len(data) < settings.MAX_UPLOAD_SIZE
    assert (message, seconds < QUICK) == (TOO_BIG, True)


def test_read_rows_refuses_a_cell_longer_than_excel_allows_while_reading():
    data = xlsx([text_row(2, "A" * 40_000)])

    message, _seconds = refusal(data)

    assert message == "Có ô chứa hơn 32.767 ký tự: hãy rút ngắn nội dung ô đó rồi nhập lại."


def test_read_rows_refuses_a_zip_bomb_member_before_inflating_it():
    zeros = (bytes(1 << 20) for _ in range(200))
    data = xlsx([text_row(2, "Hội nghị")], extra={"xl/media/image1.png": zeros})

    message, seconds = refusal(data)

    assert len(data) < settings.MAX_UPLOAD_SIZE
    assert (message, seconds < QUICK) == (TOO_BIG, True)


def test_read_rows_refuses_a_file_that_takes_longer_than_the_time_limit():
    data = xlsx([text_row(2, "Hội nghị"), *blank_rows(1000)])

    message, _seconds = refusal(data, Limits(max_seconds=0))

    assert message == (
        "Đọc tệp quá lâu: tệp quá phức tạp. Hãy chép riêng các dòng dữ liệu sang tệp mẫu, "
        "hoặc chia thành nhiều tệp nhỏ hơn."
    )
