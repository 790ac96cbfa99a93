"""Background work of the orgs app: thin wrappers, ids in → fetch → call a service."""

from __future__ import annotations

import logging

from django_tasks import task

from phoihop.orgs import import_jobs
from phoihop.orgs.models_imports import UnitImportJob

logger = logging.getLogger(__name__)


@task()
def task_run_unit_import(*, job_id: int) -> None:
    job = UnitImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None:
        logger.warning("Unit import job %s no longer exists.", job_id)
        return
    import_jobs.unit_import_run(job)
