"""E-mail reminders to units that have not sent a report: three days before the deadline, on
the day, and once when it has passed. The same mechanism as the milestone reminders
(``agenda.services.reminders_send``): each (form, unit, period, stage) is claimed with a unique
``ReportReminder`` row before sending, so overlapping runs never send twice."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from phoihop.accounts.models import Membership
from phoihop.accounts.roles import EDIT, roles_allowing
from phoihop.agenda.services import ReminderRun, base_url, stage_text
from phoihop.indicators.enums import SubmissionState
from phoihop.indicators.models import ReportForm, ReportReminder, Submission
from phoihop.indicators.periods import Period, period_containing
from phoihop.indicators.selectors import deadline_of
from phoihop.orgs.models import valid_on

OVERDUE_DAYS = 14  # the overdue reminder is sent once, within two weeks after the deadline


def _stage(days_left: int) -> str | None:
    if 1 <= days_left <= 3:
        return "before-3"
    if days_left == 0:
        return "due"
    if -OVERDUE_DAYS <= days_left < 0:
        return "overdue"
    return None


def reminder_candidates(today: dt.date) -> list[tuple[ReportForm, Period, str, dt.date]]:
    """(form, period, stage, deadline) for every active form whose deadline is near."""
    found = []
    for form in ReportForm.objects.filter(active=True).order_by("code"):
        current = period_containing(today, form.period_type, form.cutoff_day)
        for period in (current.previous().previous(), current.previous(), current):
            deadline = deadline_of(form, str(period))
            stage = _stage((deadline - today).days)
            if stage:
                found.append((form, period, stage, deadline))
    return found


def _claim(form: ReportForm, unit_id: int, period: str, stage: str, recipients: int) -> bool:
    try:
        with transaction.atomic():
            ReportReminder.objects.create(
                form=form, unit_id=unit_id, period=period, stage=stage, recipients=recipients
            )
    except IntegrityError:
        return False
    return True


def report_reminders_send(*, today: dt.date, dry_run: bool = False) -> ReminderRun:
    """Remind the editors of each unit that must report and has not (not submitted, approved or
    waived). One e-mail per person, listing all their reports.

    Side effects (unless ``dry_run``): one ``ReportReminder`` per (form, unit, period, stage),
    claimed before sending; e-mails sent.
    """
    per_user: dict[int, list[dict[str, Any]]] = defaultdict(list)
    users: dict[int, Any] = {}
    claimed = 0
    for form, period, stage, deadline in reminder_candidates(today):
        end = period.end(form.cutoff_day)
        done = Submission.objects.filter(
            form=form,
            period=str(period),
            state__in=[SubmissionState.SUBMITTED, SubmissionState.APPROVED, SubmissionState.WAIVED],
        ).values("unit_id")
        memberships = (
            Membership.objects.filter(
                role__in=roles_allowing(EDIT),
                user__is_active=True,
                unit__level__in=form.levels.all(),
            )
            .filter(valid_on(end, "unit__"))
            .exclude(user__email="")
            .exclude(unit_id__in=done)
            .select_related("user", "unit")
            .order_by("unit_id", "user__username")
        )
        by_unit: dict[int, list[Membership]] = defaultdict(list)
        for membership in memberships:
            by_unit[membership.unit_id].append(membership)
        for unit_id, rows in by_unit.items():
            if not dry_run and not _claim(form, unit_id, str(period), stage, len(rows)):
                continue
            claimed += 1
            for membership in rows:
                users[membership.user_id] = membership.user
                per_user[membership.user_id].append(
                    {
                        "form": form,
                        "unit": membership.unit,
                        "period": period,
                        "deadline": deadline,
                        "stage": stage_text(stage, (deadline - today).days),
                    }
                )
    messages = [_message(users[pk], rows, today) for pk, rows in per_user.items()]
    if messages and not dry_run:
        get_connection().send_messages(messages)
    return ReminderRun(claimed, len(messages), len(users), dry_run)


def _message(user: Any, rows: list[dict[str, Any]], today: dt.date) -> EmailMessage:
    ctx = {"user": user, "rows": rows, "today": today, "site": base_url()}
    subject = render_to_string("indicators/email/reminders_subject.txt", ctx).strip()
    body = render_to_string("indicators/email/reminders.txt", ctx)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
