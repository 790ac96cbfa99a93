"""For the home page: what the user must enter or approve, most urgent first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from phoihop.accounts import roles
from phoihop.accounts.models import Membership
from phoihop.indicators import pages, selectors
from phoihop.indicators.enums import SubmissionState
from phoihop.indicators.models import ReportForm, Submission
from phoihop.indicators.periods import Period, parse_period, period_containing
from phoihop.orgs.models import OrgUnit
from phoihop.orgs.selectors import today

DUE_SOON_DAYS = 15
DONE = {SubmissionState.SUBMITTED, SubmissionState.APPROVED, SubmissionState.WAIVED}


@dataclass
class DueItem:
    unit: OrgUnit
    form: ReportForm
    period: Period
    deadline: dt.date
    state: str  # the submission's state, "draft" when none was started
    comment: str = ""  # why it was returned
    day: dt.date = dt.date.min  # the day the list was made for

    @property
    def overdue(self) -> bool:
        return self.day > self.deadline


@dataclass
class Todo:
    to_enter: list[DueItem]
    to_approve: list[Submission]

    @property
    def count(self) -> int:
        return len(self.to_enter) + len(self.to_approve)


def _due_periods(form: ReportForm, day: dt.date) -> list[Period]:
    """The periods whose report is due now: the last one ended (until its deadline has long
    passed, it is overdue) and the current one when it ends within ``DUE_SOON_DAYS``."""
    current = period_containing(day, form.period_type, form.cutoff_day)
    due = [current.previous()]
    if (current.end(form.cutoff_day) - day).days <= DUE_SOON_DAYS:
        due.append(current)
    return due


def due_for(user: Any, *, day: dt.date | None = None, limit: int = 30) -> Todo:
    """The reports the user's own units must send (due or overdue, not yet sent; returned ones
    too) and the reports waiting for the user's approval.

    Only the units of the user's editor roles report here: a province officer is not asked to
    fill in the reports of every commune below, which have their own officers.
    """
    day = day or today()
    units = [
        m.unit
        for m in Membership.objects.filter(
            user=user, role__in=roles.roles_allowing(roles.EDIT)
        ).select_related("unit")
    ] if user.is_authenticated else []  # fmt: skip
    items: list[DueItem] = []
    for unit in units:
        for form in selectors.forms_for_unit(unit):
            for period in _due_periods(form, day):
                sub = selectors.submission_of(unit, form, str(period))
                if sub is not None and sub.state in DONE:
                    continue
                items.append(
                    DueItem(
                        unit=unit,
                        form=form,
                        period=period,
                        deadline=selectors.deadline_of(form, str(period)),
                        state=sub.state if sub else SubmissionState.DRAFT,
                        comment=sub.comment if sub and sub.state == "returned" else "",
                        day=day,
                    )
                )
    work = selectors.work_items_for(user) if user.is_authenticated else {}
    returned = work.get("to_enter", [])
    seen = {(i.unit.pk, i.form.pk, str(i.period)) for i in items}
    for sub in returned:
        key = (sub.unit_id, sub.form_id, sub.period)
        if sub.state == SubmissionState.RETURNED and key not in seen:
            items.append(
                DueItem(
                    unit=sub.unit,
                    form=sub.form,
                    period=parse_period(sub.period),
                    deadline=selectors.deadline_of(sub.form, sub.period),
                    state=sub.state,
                    comment=sub.comment,
                    day=day,
                )
            )
    items.sort(key=lambda i: (i.state != SubmissionState.RETURNED, i.deadline, i.unit.sort_key))
    to_approve = pages.approval_queue(user, limit) if user.is_authenticated else []
    return Todo(to_enter=items[:limit], to_approve=to_approve)
