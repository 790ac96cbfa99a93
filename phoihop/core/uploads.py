"""Attached files (evidence, report files): one check of type and size for every app."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from phoihop.core.exceptions import DomainError

ATTACHMENT_EXTENSIONS = {".jpg", ".jpeg", ".png", ".pdf", ".doc", ".docx", ".xls", ".xlsx"}


def check_attachment(upload: UploadedFile) -> str:
    """The file's own name (no folders) when its type and size are allowed; else DomainError."""
    name = Path(upload.name or "").name
    if Path(name).suffix.lower() not in ATTACHMENT_EXTENSIONS:
        raise DomainError(_("Only photos (JPG, PNG), PDF, Word and Excel files can be attached."))
    limit = settings.MAX_UPLOAD_SIZE
    if upload.size > limit:
        raise DomainError(_("The file is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)})
    return name
