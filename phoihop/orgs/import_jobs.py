"""The unit import from a web upload, run in the background worker (never in the request).

The upload becomes a ``UnitImportJob``; ``task_run_unit_import`` runs ``imports.units_import``
on it (with the hard limits of ``core.spreadsheet``) and stores the outcome, which the job's page
polls. The command line (``import_org_units``) still calls ``imports.units_import`` directly.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from phoihop.core.audit import log_action
from phoihop.core.exceptions import DomainError
from phoihop.core.jobs import import_quota_check
from phoihop.core.models import ImportJobStage, ImportJobStatus
from phoihop.core.spreadsheet import RowError
from phoihop.orgs import imports
from phoihop.orgs.models_imports import UnitImportJob

logger = logging.getLogger(__name__)

UNEXPECTED = (
    "Lỗi ngoài dự kiến khi nhập tệp: không nhập đơn vị nào. Hãy thử lại hoặc báo cho quản trị viên."
)


def unit_import_start(*, actor: Any, data: bytes, filename: str, dry_run: bool) -> UnitImportJob:
    """Record the upload as a job and run it in the background.

    Refuses a viewer (``PermissionDenied``) and a user who already has the maximum of unfinished
    jobs (``DomainError``). Side effects: a pending ``UnitImportJob``; after commit,
    ``task_run_unit_import`` is enqueued.
    """
    from phoihop.orgs.tasks import task_run_unit_import  # tasks import this module

    if not actor.has_perm("orgs.import_orgunits"):
        raise PermissionDenied
    import_quota_check(actor)
    job = UnitImportJob.objects.create(
        created_by=actor, data=data, filename=Path(filename).name[:255], dry_run=dry_run
    )
    transaction.on_commit(lambda: task_run_unit_import.enqueue(job_id=job.pk))
    return job


def unit_import_confirm(*, job: UnitImportJob, actor: Any) -> UnitImportJob:
    """Import the file of a successful dry run, without uploading it again."""
    if not (job.dry_run and job.status == ImportJobStatus.DONE and not job.errors):
        raise DomainError("Chỉ nhập lại được tệp đã kiểm tra thử và không có lỗi.")
    return unit_import_start(
        actor=actor, data=bytes(job.data), filename=job.filename, dry_run=False
    )


def unit_import_run(job: UnitImportJob) -> UnitImportJob:
    """Check the job's file and, unless it is a dry run and if no row has an error, create the
    units (``imports.units_import``: all rows or none).

    Claims the job (pending → running) first, so a job enqueued twice runs once.
    Side effects: the job's outcome; when written, the units with their audit entries and one
    entry ``phoihop.orgunit.imported`` on the job.
    """
    claimed = UnitImportJob.objects.filter(pk=job.pk, status=ImportJobStatus.PENDING).update(
        status=ImportJobStatus.RUNNING, stage=ImportJobStage.CHECKING
    )
    if not claimed:
        logger.info("Unit import job %s was already run.", job.pk)
        return job
    job.status, job.stage = ImportJobStatus.RUNNING, ImportJobStage.CHECKING
    try:
        result = imports.units_import(
            data=bytes(job.data), filename=job.filename, actor=job.created_by, dry_run=job.dry_run
        )
        if not result.ok:
            _finish(job, ImportJobStatus.FAILED, errors=result.errors)
            return job
        preview = [_preview(unit) for unit in result.created]
        count = len(preview)
        if not job.dry_run:
            log_action(
                job,
                "phoihop.orgunit.imported",
                actor=job.created_by,
                data={"file": job.filename, "units": count},
            )
        _finish(job, ImportJobStatus.DONE, created_count=count, preview=preview, rows=count)
    except Exception:
        # Whatever went wrong, the page polling this job must stop waiting.
        _finish(job, ImportJobStatus.FAILED, errors=[RowError(0, "", UNEXPECTED)])
        raise
    return job


def _preview(unit: Any) -> dict[str, str]:
    return {
        "code": unit.code,
        "name": unit.name,
        "level": str(unit.level),
        "area": str(unit.area or ""),
        "valid_from": f"{unit.valid_from:%d/%m/%Y}" if unit.valid_from else "",
    }


def _finish(
    job: UnitImportJob,
    status: str,
    *,
    errors: list[RowError] | tuple[()] = (),
    created_count: int = 0,
    preview: list[dict[str, str]] | None = None,
    rows: int = 0,
) -> None:
    fields = {
        "status": status,
        "stage": "",
        "errors": [error.as_dict() for error in errors],
        "created_count": created_count if not job.dry_run else 0,
        "preview": preview or [],
        "total_rows": rows,
        "processed_rows": rows,
        "finished_at": timezone.now(),
    }
    for name, value in fields.items():
        setattr(job, name, value)
    UnitImportJob.objects.filter(pk=job.pk).update(**fields)
