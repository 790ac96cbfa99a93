from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class Versioned(models.Model):
    """A record edited through forms and the API: its ``version`` guards against lost updates
    (``core.concurrency``)."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Only core.concurrency moves the version, with a conditional UPDATE: a full save of an
        # instance loaded earlier must not write its (possibly stale) version back.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "version"
            ]
        super().save(*args, **kwargs)


class AuditEntry(models.Model):
    """One change to one object: who, what, when, and the changed fields before/after."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    action = models.CharField(_("action"), max_length=100)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    data = models.JSONField(_("changes"), default=dict, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}"


class ImportJobStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportJobStage(models.TextChoices):
    """What a running job is doing: checking rows (with progress) or writing them (at once)."""

    CHECKING = "checking", _("Checking rows")
    WRITING = "writing", _("Writing")


class ImportJob(models.Model):
    """An uploaded workbook read in the background: its file, progress and outcome.

    Every concrete subclass counts towards a user's quota of unfinished jobs
    (``core.jobs.import_quota_check``).
    """

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
    created_count = models.PositiveIntegerField(_("created"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)  # [{row, column, message}]

    class Meta:
        abstract = True

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
