import datetime as dt
from typing import Any

from phoihop.core.commands import ReminderCommand
from phoihop.indicators import reminders


class Command(ReminderCommand):
    help = (
        "E-mail the units that have not sent a periodic report (3 days before the deadline, on "
        "the day, once when overdue). Safe to run more than once a day."
    )

    what = "lượt nhắc báo cáo"

    def send(self, *, today: dt.date, dry_run: bool) -> Any:
        return reminders.report_reminders_send(today=today, dry_run=dry_run)
