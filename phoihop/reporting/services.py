"""Writes of the reporting app: an administrator's replacement template for a system."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from docxtpl import DocxTemplate
from jinja2 import TemplateError

from phoihop.accounts.permissions import is_system
from phoihop.core.audit import log_action
from phoihop.core.exceptions import DomainError
from phoihop.reporting.content import IssuerBlock, OfficialDocument, Section, Signature
from phoihop.reporting.models import DocumentKind, DocumentTemplate

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024

SAMPLE = OfficialDocument(
    kind="report",
    doc_type="Báo cáo",
    summary="Kiểm tra mẫu văn bản",
    issuers=[IssuerBlock(name="Đơn vị", superior="Cấp trên")],
    number="01/BC",
    place="Hà Nội",
    date=None,
    sections=[Section("I. PHẦN MỘT", ["Nội dung."])],
    signatures=[Signature("TM. BAN THƯỜNG VỤ", "Chủ tịch", "Nguyễn Văn A")],
    recipients=["Cấp trên"],
)


def _check_template(data: bytes) -> None:
    """A readable .docx whose placeholders render with the built-in context."""
    if len(data) > MAX_TEMPLATE_BYTES:
        raise DomainError(_("The template is larger than 5 MB."))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DomainError(_("The template is not a .docx file."))
    try:
        template = DocxTemplate(io.BytesIO(data))
        template.render(SAMPLE.as_context(), autoescape=True)
    except (TemplateError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise DomainError(
            _("The template cannot be filled in: %(error)s") % {"error": str(exc)[:200]}
        ) from exc


@transaction.atomic
def document_template_set(
    *, system: Any, kind: str, data: bytes, filename: str, actor: Any
) -> DocumentTemplate:
    """Use ``data`` (a .docx with the built-in template's placeholders) for ``kind`` documents
    of ``system`` (every system when ``system`` is None). Only an administrator may.

    Side effects: audit ``phoihop.document_template.set``; the previous file is replaced.
    """
    if not is_system(actor) and not (actor is not None and actor.is_active and actor.is_superuser):
        raise PermissionDenied(_("Only an administrator may replace document templates."))
    if kind not in DocumentKind.values:
        raise DomainError(_("Unknown kind of document."))
    _check_template(data)
    template = DocumentTemplate.objects.filter(system=system, kind=kind).first()
    if template is None:
        template = DocumentTemplate(system=system, kind=kind)
    elif template.file:
        template.file.delete(save=False)
    template.uploaded_by = actor if getattr(actor, "is_authenticated", False) else None
    template.file.save(filename or f"{kind}.docx", ContentFile(data), save=False)
    template.save()
    log_action(
        template,
        "phoihop.document_template.set",
        actor=actor,
        data={"system": str(system or "*"), "kind": kind, "size": len(data)},
    )
    return template
