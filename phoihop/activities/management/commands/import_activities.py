from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from phoihop.accounts.models import User
from phoihop.activities import imports
from phoihop.activities.models_imports import ImportJobStatus
from phoihop.importing.spreadsheet import RowError


class Command(BaseCommand):
    help = (
        "Import activities from an .xlsx file made from the template (all rows or none), "
        "without the background worker. Permissions are those of --user."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="The .xlsx file.")
        parser.add_argument("--user", required=True, help="Username of the person importing.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row and write nothing."
        )

    def handle(self, *args, file: str, user: str, dry_run: bool, **options) -> None:
        actor = User.objects.filter(username=user, is_active=True).first()
        if actor is None:
            raise CommandError(f"Không có người dùng đang hoạt động tên “{user}”.")
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {path}: {exc.strerror}.") from exc

        job = imports.activity_import_job_create(
            actor=actor, data=data, filename=path.name, dry_run=dry_run
        )
        imports.activity_import_run(job)

        if job.status != ImportJobStatus.DONE:
            for error in job.errors:
                self.stdout.write(str(RowError(**error)))
            raise CommandError(f"{len(job.errors)} lỗi: không nhập hoạt động nào.")
        if dry_run:
            self.stdout.write(
                f"Kiểm tra thử: tệp hợp lệ, có thể nhập {job.total_rows} hoạt động. Chưa ghi gì."
            )
        else:
            self.stdout.write(f"Đã nhập {job.created_count} hoạt động.")
