"""A signed two-party program with legal bases, content areas and signatories."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from docx import Document

from phoihop.accounts.permissions import SYSTEM
from phoihop.documents.models import LegalDocument
from phoihop.programs import services
from phoihop.programs.enums import PartyRole

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) or poppler-utils is not installed: PDF tests skipped",
)


def docx_lines(data: bytes) -> list[str]:
    """Every paragraph of the document, tables included (cell by cell), as text."""
    document = Document(io.BytesIO(data))
    lines: list[str] = []

    def walk(paragraphs, tables) -> None:
        lines.extend(p.text for p in paragraphs)
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    walk(cell.paragraphs, cell.tables)

    walk(document.paragraphs, document.tables)
    return [line for line in lines if line.strip()]


def docx_tables(data: bytes) -> list[list[list[str]]]:
    document = Document(io.BytesIO(data))
    return [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]


@pytest.fixture
def signed_program(hanoi_union, hanoi_women):
    decision = LegalDocument.objects.create(
        doc_type="Chỉ thị",
        number="21-CT/TW",
        number_key="21-CT/TW",
        issuer="Ban Bí thư",
        issued_on=dt.date(2018, 1, 20),
        summary="Tiếp tục đẩy mạnh công tác phụ nữ trong tình hình mới",
    )
    program = services.program_create(
        actor=SYSTEM,
        parties=[
            {
                "unit": hanoi_union,
                "role": PartyRole.LEAD,
                "signatory_name": "Phạm Quang Thanh",
                "signatory_title": "Chủ tịch LĐLĐ thành phố",
                "commitments": "Chỉ đạo các cấp công đoàn triển khai.",
            },
            {
                "unit": hanoi_women,
                "role": PartyRole.PARTNER,
                "signatory_name": "Lê Kim Anh",
                "signatory_title": "Phó Chủ tịch Hội LHPN thành phố",
            },
        ],
        content_areas=[
            {"title": "Tuyên truyền, giáo dục", "tasks": "Tổ chức hội thi; phát hành tài liệu"},
            {"title": "Chăm lo, bảo vệ quyền lợi", "responsible": 1},
        ],
        title="Chương trình phối hợp các hoạt động trong nữ CNVCLĐ giai đoạn 2023 - 2028",
        start_year=2023,
        end_year=2028,
        purpose="Nâng cao chất lượng hoạt động.",
        requirements="Phối hợp chặt chẽ.",
        coordination_methods="Họp định kỳ 6 tháng một lần.",
        legal_bases=[decision],
    )
    services.program_sign(
        program=program,
        signed_on=dt.date(2023, 3, 6),
        actor=SYSTEM,
        number="01/CTrPH-LĐLĐ-HLHPN",
    )
    program.refresh_from_db()
    return program


def pdf_facts(data: bytes) -> tuple[int, str]:
    """(page count, text of page 1) of a PDF, through poppler-utils."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "document.pdf"
        path.write_bytes(data)
        info = subprocess.run(  # noqa: S603
            [shutil.which("pdfinfo") or "pdfinfo", str(path)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        first = subprocess.run(  # noqa: S603
            [shutil.which("pdftotext") or "pdftotext", "-f", "1", "-l", "1", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    pages = next(line for line in info.splitlines() if line.startswith("Pages:"))
    return int(pages.split()[1]), first
