"""Reviews (sơ kết, tổng kết) of a program by a reviewing unit, for a period.

A review is pre-filled from the activities and from the approved reviews of the level below;
on approval its figures, the hierarchy and the activities behind them are frozen into JSON, so
the approved report is reproducible whatever is entered or reorganised later.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from phoihop.core.models import TimeStampedModel
from phoihop.reviews.enums import DocumentStatus, ReviewKind, ReviewState


def review_document_path(instance: Review, filename: str) -> str:
    return f"reviews/{instance.pk}/{filename}"


class Review(TimeStampedModel):
    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("program"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("reviewing unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReviewKind.choices)
    joint = models.BooleanField(
        _("joint review"), default=False, help_text=_("Written and signed by all the parties.")
    )
    state = models.CharField(
        _("status"), max_length=20, choices=ReviewState.choices, default=ReviewState.DRAFT
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    milestone = models.OneToOneField(
        "programs.Milestone",
        verbose_name=_("milestone"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="review",
    )
    number = models.CharField(_("number and symbol"), max_length=80, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    issued_on = models.DateField(_("date of the report"), null=True, blank=True)
    signatory_name = models.CharField(_("signatory"), max_length=150, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=200, blank=True)
    narrative = models.JSONField(_("sections"), default=dict, blank=True)
    # Frozen on approval: the figures, the hierarchy (child rows) and the activity ids behind them.
    frozen = models.JSONField(null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    document_file = models.FileField(upload_to=review_document_path, blank=True, editable=False)
    document_format = models.CharField(max_length=10, blank=True, editable=False)
    document_status = models.CharField(
        max_length=10, choices=DocumentStatus.choices, blank=True, default="", editable=False
    )
    document_progress = models.PositiveSmallIntegerField(default=0, editable=False)
    document_error = models.CharField(max_length=300, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-period_end", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="reviews_review_period_ordered",
            )
        ]
        indexes = [
            models.Index(fields=["program", "state"], name="reviews_program_state_idx"),
            models.Index(fields=["unit", "period_end"], name="reviews_unit_period_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:review_detail", args=[self.pk])

    @property
    def is_final(self) -> bool:
        return self.kind == ReviewKind.FINAL
