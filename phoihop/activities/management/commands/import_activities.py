from typing import Any

from phoihop.activities import imports
from phoihop.activities.models_imports import ImportJobStatus
from phoihop.core.commands import SpreadsheetImportCommand
from phoihop.core.spreadsheet import RowError


class Command(SpreadsheetImportCommand):
    help = (
        "Import activities from an .xlsx file made from the template (all rows or none), "
        "without the background worker. Permissions are those of --user."
    )
    noun = "hoạt động"

    def run_import(self, *, actor: Any, data: bytes, filename: str, dry_run: bool) -> int:
        job = imports.activity_import_job_create(
            actor=actor, data=data, filename=filename, dry_run=dry_run
        )
        imports.activity_import_run(job)

        if job.status != ImportJobStatus.DONE:
            self.fail([RowError(**error) for error in job.errors])
        return job.total_rows if dry_run else job.created_count
