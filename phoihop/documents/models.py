"""The legal document registry: the documents programs and activities cite as their basis."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from phoihop.core.models import TimeStampedModel, Versioned
from phoihop.documents.enums import DocType

ALLOWED_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "jpg", "png"]


def validate_file_size(file) -> None:  # type: ignore[no-untyped-def]
    """Refuse files above ``settings.MAX_UPLOAD_SIZE`` bytes."""
    limit = settings.MAX_UPLOAD_SIZE
    if file is not None and file.size is not None and file.size > limit:
        raise ValidationError(
            _("The file is too large (at most %(mb)s MB)."),
            code="file_too_large",
            params={"mb": limit // (1024 * 1024)},
        )


class LegalDocument(Versioned, TimeStampedModel):
    """One document: "Nghị quyết 57/NQ-CP ngày 01/12/2009 của Chính phủ".

    ``number`` keeps the number as written (spaces removed); ``number_key`` and ``search_text``
    are kept up to date by ``documents.services``.
    """

    doc_type = models.CharField(_("document type"), max_length=20, choices=DocType.choices)
    number = models.CharField(
        _("number and symbol"),
        max_length=80,
        help_text=_("As written on the document, e.g. 21-CT/TW, 57/NQ-CP, 30/2020/NĐ-CP or 938."),
    )
    number_key = models.CharField(max_length=80, db_index=True, editable=False)
    issuer = models.CharField(
        _("issuing body"),
        max_length=255,
        blank=True,
        help_text=_("E.g. Chính phủ, Ban Bí thư, Ban Thường vụ LĐLĐ tỉnh Lào Cai."),
    )
    issuer_unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("issuing unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    file = models.FileField(
        _("file"),
        upload_to="documents/%Y/",
        blank=True,
        max_length=255,
        validators=[FileExtensionValidator(ALLOWED_EXTENSIONS), validate_file_size],
    )
    valid_from = models.DateField(_("in force from"), null=True, blank=True)
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    search_text = models.CharField(max_length=1000, db_index=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        ordering = [F("issued_on").desc(nulls_last=True), "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["doc_type", "number_key", "issued_on"],
                name="documents_legaldocument_unique_number",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="documents_legaldocument_valid_range",
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.doc_type} {self.number}" if self.doc_type != DocType.KHAC else self.number
        if self.issued_on:
            return f"{label} ngày {self.issued_on:%d/%m/%Y}"
        return label

    def get_absolute_url(self) -> str:
        return reverse("documents:document_detail", args=[self.pk])
