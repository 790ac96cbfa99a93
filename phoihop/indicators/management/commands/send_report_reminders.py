import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from phoihop.indicators import reminders
from phoihop.orgs.selectors import today


class Command(BaseCommand):
    help = (
        "E-mail the units that have not sent a periodic report (3 days before the deadline, on "
        "the day, once when overdue). Safe to run more than once a day."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--today", help="Act as if today were this day (YYYY-MM-DD).")
        parser.add_argument("--dry-run", action="store_true", help="Count; send nothing.")

    def handle(self, *args, today: str | None = None, dry_run: bool = False, **options) -> None:
        day = self._day(today)
        run = reminders.report_reminders_send(today=day, dry_run=dry_run)
        verb = "Chạy thử, không gửi gì: sẽ gửi" if dry_run else "Đã gửi"
        self.stdout.write(
            f"{verb} {run.emails} thư nhắc cho {run.people} người "
            f"({run.reminders} lượt nhắc báo cáo, ngày {day:%d/%m/%Y})."
        )

    @staticmethod
    def _day(value: str | None) -> dt.date:
        if not value:
            return today()
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise CommandError(
                f"Ngày không hợp lệ: “{value}” (viết theo dạng YYYY-MM-DD)."
            ) from exc
