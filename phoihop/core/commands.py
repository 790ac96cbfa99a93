"""What the spreadsheet import commands share: the arguments, the user, the file, the report.

A command sets ``noun`` (what one row is, as the messages say it) and ``help``, and implements
``run_import``: it returns how many rows were (or, with ``dry_run``, could be) imported, or
calls ``fail`` with the errors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from phoihop.core.spreadsheet import RowError


class SpreadsheetImportCommand(BaseCommand):
    noun = ""  # "đơn vị", "hoạt động"

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="The .xlsx file.")
        parser.add_argument("--user", required=True, help="Username of the person importing.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row and write nothing."
        )

    def handle(self, *args, file: str, user: str, dry_run: bool, **options) -> None:
        actor = get_user_model().objects.filter(username=user, is_active=True).first()
        if actor is None:
            raise CommandError(f"Không có người dùng đang hoạt động tên “{user}”.")
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {path}: {exc.strerror}.") from exc

        count = self.run_import(actor=actor, data=data, filename=path.name, dry_run=dry_run)

        if dry_run:
            self.stdout.write(
                f"Kiểm tra thử: tệp hợp lệ, có thể nhập {count} {self.noun}. Chưa ghi gì."
            )
        else:
            self.stdout.write(f"Đã nhập {count} {self.noun}.")

    def run_import(self, *, actor: Any, data: bytes, filename: str, dry_run: bool) -> int:
        raise NotImplementedError

    def fail(self, errors: Sequence[RowError]) -> NoReturn:
        """Print every error, one a line, and stop: nothing was imported."""
        for error in errors:
            self.stdout.write(str(error))
        raise CommandError(f"{len(errors)} lỗi: không nhập {self.noun} nào.")


class ReminderCommand(BaseCommand):
    """A daily reminder command: ``--today YYYY-MM-DD`` and ``--dry-run``, then one line of
    counts. Subclasses give ``send(today, dry_run)`` (returning emails, people, reminders) and
    ``what`` (the reminders' name in the summary, e.g. "lượt nhắc mốc")."""

    what = "lượt nhắc"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--today", help="Act as if today were this day (YYYY-MM-DD).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be sent; write and send nothing.",
        )

    def send(self, *, today: dt.date, dry_run: bool) -> Any:
        raise NotImplementedError

    def handle(self, *args: Any, today: str | None = None, dry_run: bool = False, **options: Any):
        day = self._day(today)
        run = self.send(today=day, dry_run=dry_run)
        verb = "Chạy thử, không gửi gì: sẽ gửi" if dry_run else "Đã gửi"
        self.stdout.write(
            f"{verb} {run.emails} thư nhắc cho {run.people} người "
            f"({run.reminders} {self.what}, ngày {day:%d/%m/%Y})."
        )

    @staticmethod
    def _day(value: str | None) -> dt.date:
        if not value:
            return timezone.localdate()
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise CommandError(
                f"Ngày không hợp lệ: “{value}” (viết theo dạng YYYY-MM-DD)."
            ) from exc
