import datetime as dt
from typing import Any

from phoihop.agenda import services
from phoihop.core.commands import ReminderCommand


class Command(ReminderCommand):
    help = (
        "Send the daily milestone reminders (7 days and 1 day before, on the day, once when "
        "overdue). Safe to run more than once a day: each reminder is sent once."
    )

    what = "lượt nhắc mốc"

    def send(self, *, today: dt.date, dry_run: bool) -> Any:
        return services.reminders_send(today=today, dry_run=dry_run)
