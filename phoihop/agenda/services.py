"""Writes for the calendar: the feed link, and the daily reminder e-mails."""

from __future__ import annotations

import datetime as dt
import secrets
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from phoihop.agenda import selectors
from phoihop.agenda.models import CalendarFeedToken
from phoihop.core.audit import log_action
from phoihop.core.links import site_url
from phoihop.programs.models import Milestone, ReminderLog


def stage_text(stage: str, days_left: int) -> str:
    """How the e-mail (Vietnamese, like milestone titles) says where a milestone stands."""
    if stage == "before-7":
        return f"còn {days_left} ngày"
    if stage == "before-1":
        return "đến hạn ngày mai"
    if stage == "due":
        return "đến hạn hôm nay"
    return f"quá hạn {-days_left} ngày"


def base_url() -> str:
    """The public address links in e-mails and feeds start with (``SITE_URL``)."""
    return site_url()


@transaction.atomic
def feed_token_regenerate(*, user: Any) -> str:
    """Give ``user`` a new feed link; the old one stops working. The raw token is returned once.

    Side effects: the previous CalendarFeedToken is deleted; audit entry
    ``phoihop.calendar_feed.created``.
    """
    CalendarFeedToken.objects.filter(user=user).delete()
    raw = secrets.token_urlsafe(32)
    CalendarFeedToken.objects.create(user=user, token_hash=CalendarFeedToken.hash(raw))
    log_action(user, "phoihop.calendar_feed.created", actor=user)
    return raw


@dataclass
class ReminderRun:
    reminders: int  # (milestone, stage) pairs claimed
    emails: int
    people: int
    dry_run: bool


def _claim(milestone: Milestone, stage: str, recipients: int) -> bool:
    """Create the ReminderLog row; if another run created it first, this one must not send."""
    try:
        with transaction.atomic():
            ReminderLog.objects.create(milestone=milestone, stage=stage, recipients=recipients)
    except IntegrityError:
        return False
    return True


def reminders_send(*, today: dt.date, dry_run: bool = False) -> ReminderRun:
    """Send today's milestone reminders: one e-mail per person listing all their milestones.

    Side effects (unless ``dry_run``): one ReminderLog per (milestone, stage) sent, claimed before
    sending, so a reminder is sent at most once even when two runs overlap; e-mails sent.
    """
    candidates = selectors.reminder_candidates(today)
    recipients = selectors.reminder_recipients(m for m, _stage in candidates)
    per_user: dict[int, list[tuple[Milestone, str]]] = defaultdict(list)
    users: dict[int, Any] = {}
    claimed = 0
    for milestone, stage in candidates:
        people = recipients.get(milestone.pk, [])
        if not dry_run and not _claim(milestone, stage, len(people)):
            continue
        claimed += 1
        for user in people:
            users[user.pk] = user
            per_user[user.pk].append((milestone, stage))
    messages = [_message(users[pk], rows, today) for pk, rows in per_user.items()]
    if messages and not dry_run:
        get_connection().send_messages(messages)
    return ReminderRun(claimed, len(messages), len(users), dry_run)


def _message(user: Any, rows: list[tuple[Milestone, str]], today: dt.date) -> EmailMessage:
    root = base_url()
    lines = []
    for milestone, stage in sorted(rows, key=lambda row: (row[0].due_on, row[0].pk)):
        url = selectors.program_url(milestone.program_id) or reverse("agenda:list")
        lines.append(
            {
                "milestone": milestone,
                "stage": stage_text(stage, (milestone.due_on - today).days),
                "url": root + url,
            }
        )
    ctx = {
        "user": user,
        "rows": lines,
        "today": today,
        "calendar_url": root + reverse("agenda:month"),
    }
    subject = render_to_string("agenda/email/reminders_subject.txt", ctx).strip()
    body = render_to_string("agenda/email/reminders.txt", ctx)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
