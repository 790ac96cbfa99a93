"""An Excel import of activities, run in the background: its file, progress and outcome.

Imported from ``activities/models.py`` so that Django finds the model.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJobStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportJobStage(models.TextChoices):
    """What a running job is doing: checking rows (with progress) or writing them (at once)."""

    CHECKING = "checking", _("Checking rows")
    WRITING = "writing", _("Writing")


class ActivityImportJob(models.Model):
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportJobStatus.choices, default=ImportJobStatus.PENDING
    )
    stage = models.CharField(_("stage"), max_length=10, choices=ImportJobStage.choices, blank=True)
    dry_run = models.BooleanField(_("check only"), default=False)
    filename = models.CharField(_("file name"), max_length=255)
    # The upload itself (at most MAX_UPLOAD_SIZE): kept in the database so that a worker on
    # another machine can read it, and so that a checked file can be imported without re-upload.
    data = models.BinaryField(_("file"), editable=False)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows checked"), default=0)
    created_count = models.PositiveIntegerField(_("activities created"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)  # [{row, column, message}]

    class Meta:
        verbose_name = _("activity import")
        verbose_name_plural = _("activity imports")
        indexes = [
            models.Index(fields=["created_by", "created_at"], name="activities_importjob_user_idx")
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.created_at:%d/%m/%Y %H:%M})" if self.created_at else ""

    @property
    def finished(self) -> bool:
        return self.status in {ImportJobStatus.DONE, ImportJobStatus.FAILED}

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 100 if self.finished else 0
        return min(100, self.processed_rows * 100 // self.total_rows)
