"""An Excel import of units, run in the background: its file, progress and outcome.

Imported from ``orgs/models.py`` so that Django finds the model.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from phoihop.core.models import ImportJob


class UnitImportJob(ImportJob):
    created_count = models.PositiveIntegerField(_("units created"), default=0)
    # The units a correct file gives (code, name, level, area, valid from), shown after a dry run.
    preview = models.JSONField(_("units"), default=list, blank=True)

    class Meta:
        verbose_name = _("unit import")
        verbose_name_plural = _("unit imports")
        indexes = [
            models.Index(fields=["created_by", "created_at"], name="orgs_importjob_user_idx")
        ]
