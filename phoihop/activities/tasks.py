"""Background work of the activities app: thin wrappers, ids in → fetch → call a service."""

from __future__ import annotations

import logging

from django_tasks import task

from phoihop.activities import imports
from phoihop.activities.models_imports import ActivityImportJob

logger = logging.getLogger(__name__)


@task()
def task_run_activity_import(*, job_id: int) -> None:
    job = ActivityImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None:
        logger.warning("Activity import job %s no longer exists.", job_id)
        return
    imports.activity_import_run(job)
