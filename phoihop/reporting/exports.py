"""A document as a downloadable file: the one place that picks the renderer for a format."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.translation import gettext as _

from phoihop.core.exceptions import DomainError
from phoihop.programs.models import Program
from phoihop.reporting.content import OfficialDocument
from phoihop.reporting.programs import plan_document, program_document
from phoihop.reporting.render import DOCX, PDF, XLSX, docx_to_pdf, render_docx

__all__ = ["DOCX", "PDF", "XLSX"]

PROGRAM_FORMATS = ("docx", "pdf")


@dataclass
class FileResult:
    filename: str
    content_type: str
    data: bytes


def document_file(document: OfficialDocument, fmt: str) -> FileResult:
    """.docx or PDF of ``document``; any other format is refused with a clear message."""
    if fmt not in PROGRAM_FORMATS:
        raise DomainError(_("Unknown document format: choose docx or pdf."))
    data = render_docx(document)
    if fmt == "pdf":
        return FileResult(f"{document.filename}.pdf", PDF, docx_to_pdf(data))
    return FileResult(f"{document.filename}.docx", DOCX, data)


def program_document_file(program: Program, fmt: str) -> FileResult:
    """The program for signing (the caller has already checked the user sees it)."""
    return document_file(program_document(program), fmt)


def as_response(result: FileResult) -> HttpResponse:
    response = HttpResponse(result.data, content_type=result.content_type)
    response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    return response


def plan_document_file(
    program: Program, unit_id: int | None, year: int | None, fmt: str
) -> FileResult:
    """A party's annual plan implementing the program; the unit must be a party and the year
    inside the program's phase."""
    party_units = {p.unit_id: p.unit for p in program.parties.select_related("unit")}
    unit = party_units.get(unit_id) if unit_id else next(iter(party_units.values()), None)
    if unit is None:
        raise DomainError(_("Choose one of the program's parties."))
    last = program.end_year or program.start_year
    if year is None or not program.start_year <= year <= last:
        raise DomainError(
            _("Choose a year of the program's phase (%(phase)s).") % {"phase": program.phase_label}
        )
    return document_file(plan_document(program, unit, year), fmt)
