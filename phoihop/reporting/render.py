"""Render an ``OfficialDocument`` to .docx (docxtpl), PDF (LibreOffice headless) and an annex to
.xlsx (openpyxl, native number cells). Nothing here reads the database except the template
choice."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from phoihop.core.exceptions import DomainError
from phoihop.reporting.content import OfficialDocument
from phoihop.reporting.selectors import template_path

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_TIMEOUT_SECONDS = 120


def render_docx(document: OfficialDocument) -> bytes:
    template = DocxTemplate(
        str(template_path(kind=document.kind, system_code=document.system_code))
    )
    context = document.as_context()
    for section in context["sections"]:  # PNG bytes become images of the full text width
        if section["chart"]:
            section["chart"] = InlineImage(template, io.BytesIO(section["chart"]), width=Mm(160))
    template.render(context, autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes) -> bytes:
    """Convert with LibreOffice in headless mode. Each call gets its own profile directory, so
    concurrent conversions (web and worker) do not lock each other out."""
    soffice = soffice_path()
    if soffice is None:
        raise DomainError(_("PDF output needs LibreOffice, which is not installed on the server."))
    with tempfile.TemporaryDirectory(prefix="phoihop-pdf-") as tmp:
        source = Path(tmp) / "document.docx"
        source.write_bytes(data)
        profile = Path(tmp) / "profile"
        result = subprocess.run(  # noqa: S603
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(source),
            ],
            capture_output=True,
            timeout=PDF_TIMEOUT_SECONDS,
            check=False,
        )
        target = Path(tmp) / "document.pdf"
        if result.returncode != 0 or not target.exists():
            raise DomainError(_("The PDF could not be produced from the document."))
        return target.read_bytes()


def render_pdf(document: OfficialDocument) -> bytes:
    return docx_to_pdf(render_docx(document))


@dataclass
class Annex:
    """A statistical annex (phụ lục): a title, a header, rows whose figures are numbers, and a
    total row computed here from those rows."""

    title: str
    subtitle: str
    headers: list[str]
    rows: list[list[str | int]]
    sheet: str = "Phụ lục"
    total_label: str = "Tổng cộng"
    notes: list[str] = field(default_factory=list)
    total: list[int] | None = None  # when the column sums would double count (given, not summed)

    def totals(self) -> list[int]:
        if self.total is not None:
            return self.total
        width = len(self.headers) - 1
        return [sum(int(row[i + 1] or 0) for row in self.rows) for i in range(width)]


def render_xlsx(annexes: list[Annex]) -> bytes:
    """One sheet per annex table: title, subtitle, header, rows (native numbers), total row."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for annex in annexes:
        _write_sheet(workbook.create_sheet(annex.sheet[:31]), annex)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _write_sheet(sheet, annex: Annex) -> None:
    bold = Font(name="Times New Roman", bold=True, size=13)
    normal = Font(name="Times New Roman", size=12)
    sheet.append([annex.title])
    sheet["A1"].font = bold
    sheet.append([annex.subtitle])
    sheet["A2"].font = Font(name="Times New Roman", italic=True, size=12)
    sheet.append([])
    sheet.append(annex.headers)
    for cell in sheet[sheet.max_row]:
        cell.font = bold
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in annex.rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            cell.font = normal
            if isinstance(cell.value, int):
                cell.number_format = "#,##0"
    sheet.append([annex.total_label, *annex.totals()])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
        if isinstance(cell.value, int):
            cell.number_format = "#,##0"
    for note in annex.notes:
        sheet.append([note])
    sheet.column_dimensions["A"].width = 48
    for letter in "BCDEFGH":
        sheet.column_dimensions[letter].width = 16
