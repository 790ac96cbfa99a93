"""An Excel import of activities, run in the background: its file, progress and outcome.

Imported from ``activities/models.py`` so that Django finds the model.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from phoihop.core.models import ImportJob, ImportJobStage, ImportJobStatus

__all__ = ["ActivityImportJob", "ImportJobStage", "ImportJobStatus"]


class ActivityImportJob(ImportJob):
    created_count = models.PositiveIntegerField(_("activities created"), default=0)

    class Meta:
        verbose_name = _("activity import")
        verbose_name_plural = _("activity imports")
        indexes = [
            models.Index(fields=["created_by", "created_at"], name="activities_importjob_user_idx")
        ]
