"""What every background import shares: the per-user quota of unfinished jobs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from phoihop.core.exceptions import DomainError
from phoihop.core.models import ImportJob, ImportJobStatus

UNFINISHED = (ImportJobStatus.PENDING, ImportJobStatus.RUNNING)
# A job still unfinished after this long was lost (a worker killed mid-run): it no longer
# counts, or its owner could never import again.
STALE_AFTER = dt.timedelta(hours=1)


def unfinished_import_jobs(user: Any) -> int:
    """The user's recent jobs waiting or running, over every kind of import."""
    since = timezone.now() - STALE_AFTER
    return sum(
        model.objects.filter(created_by=user, status__in=UNFINISHED, created_at__gte=since).count()
        for model in apps.get_models()
        if issubclass(model, ImportJob)
    )


def import_quota_check(user: Any) -> None:
    """Refuse one more job while the user already has ``MAX_IMPORT_JOBS_PER_USER`` unfinished,
    so that one person's uploads cannot fill the only worker's queue."""
    limit = settings.MAX_IMPORT_JOBS_PER_USER
    if unfinished_import_jobs(user) >= limit:
        raise DomainError(
            f"Bạn đang có {limit} tệp chờ hoặc đang được kiểm tra: hãy đợi các tệp đó xong rồi "
            "gửi tiếp."
        )
