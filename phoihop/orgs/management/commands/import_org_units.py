from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from phoihop.accounts.models import User
from phoihop.orgs import imports


class Command(BaseCommand):
    help = (
        "Import org units from an .xlsx file made from the template (all rows or none). "
        "Permissions are those of --user."
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

        result = imports.units_import(data=data, filename=path.name, actor=actor, dry_run=dry_run)

        if not result.ok:
            for error in result.errors:
                self.stdout.write(str(error))
            raise CommandError(f"{len(result.errors)} lỗi: không nhập đơn vị nào.")
        for unit in result.created:
            self.stdout.write(f"{unit.code}\t{unit.name}")
        count = len(result.created)
        if dry_run:
            self.stdout.write(f"Kiểm tra thử: tệp hợp lệ, có thể nhập {count} đơn vị. Chưa ghi gì.")
        else:
            self.stdout.write(f"Đã nhập {count} đơn vị.")
