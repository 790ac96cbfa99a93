"""What every background import shares: the per-user quota of unfinished jobs."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings

from phoihop.core.exceptions import DomainError
from phoihop.core.models import ImportJob, ImportJobStatus

UNFINISHED = (ImportJobStatus.PENDING, ImportJobStatus.RUNNING)


def unfinished_import_jobs(user: Any) -> int:
    """The user's jobs waiting or running, over every kind of import."""
    return sum(
        model.objects.filter(created_by=user, status__in=UNFINISHED).count()
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
