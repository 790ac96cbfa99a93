from typing import Any

from phoihop.core.commands import SpreadsheetImportCommand
from phoihop.orgs import imports


class Command(SpreadsheetImportCommand):
    help = (
        "Import org units from an .xlsx file made from the template (all rows or none). "
        "Permissions are those of --user."
    )
    noun = "đơn vị"

    def run_import(self, *, actor: Any, data: bytes, filename: str, dry_run: bool) -> int:
        result = imports.units_import(data=data, filename=filename, actor=actor, dry_run=dry_run)

        if not result.ok:
            self.fail(result.errors)
        for unit in result.created:
            self.stdout.write(f"{unit.code}\t{unit.name}")
        return len(result.created)
