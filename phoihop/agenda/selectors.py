"""Reads for the calendar: what a user may see between two dates, and who gets which reminder."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.urls import NoReverseMatch, reverse

from phoihop.accounts.models import Membership
from phoihop.accounts.roles import EDIT, roles_allowing
from phoihop.accounts.selectors import reach_condition
from phoihop.agenda.items import ACTIVITY, KEYDAY, MILESTONE, CalendarItem, ItemGroup, group_items
from phoihop.agenda.keydays import key_days_between
from phoihop.agenda.models import CalendarFeedToken
from phoihop.core.paths import path_prefix
from phoihop.orgs.enums import ReorgKind, ReorgRole
from phoihop.orgs.models import OrgPlacement, ReorgEventUnit
from phoihop.orgs.selectors import predecessor_ids
from phoihop.orgs.selectors import today as local_today
from phoihop.programs.enums import ENDED_STATES, ProgramState
from phoihop.programs.models import Milestone, Program, ProgramParty
from phoihop.programs.selectors import milestones_visible_to

__all__ = [
    "ACTIVITY_SOURCES",
    "CalendarFilters",
    "CalendarItem",
    "calendar_items_for",
    "calendar_month",
    "feed_user",
    "reminder_candidates",
    "reminder_recipients",
]

# The activities app registers its readers here (append at import time, e.g. in its
# AppConfig.ready): each returns the activities ``user`` may see between ``start`` and ``end``.
ActivitySource = Callable[[Any, dt.date, dt.date], list[CalendarItem]]
ACTIVITY_SOURCES: list[ActivitySource] = []

KIND_ORDER = {"keyday": 0, "milestone": 1, "activity": 2}


def program_url(program_id: int) -> str:
    """The program's page, once the programs app has pages; until then no link."""
    try:
        return reverse("programs:program_detail", args=[program_id])
    except NoReverseMatch:
        return ""


def _milestones(milestones: QuerySet[Milestone]) -> QuerySet[Milestone]:
    parties = ProgramParty.objects.select_related("unit").order_by("order", "pk")
    return milestones.select_related("program", "responsible__unit").prefetch_related(
        Prefetch("program__parties", queryset=parties)
    )


@dataclass(frozen=True)
class CalendarFilters:
    """What the calendar shows: only programs of the user's own units, one program (and the
    programs cascaded from it), one kind of item."""

    mine: bool = False
    program: int | None = None
    kind: str = ""


def milestone_item(milestone: Milestone, *, today: dt.date, editable: bool = False) -> CalendarItem:
    program = milestone.program
    parties = program.parties.all()
    responsible = milestone.responsible.unit if milestone.responsible_id else None
    return CalendarItem(
        date=milestone.due_on,
        end_date=milestone.due_on,
        title=milestone.title,
        kind=MILESTONE,
        uid=f"milestone-{milestone.pk}@phoihop",
        url=program_url(program.pk),
        overdue=milestone.is_overdue(today),
        done=milestone.done_on is not None,
        program_title=program.title,
        unit_names=(str(responsible),)
        if responsible
        else tuple(str(party.unit) for party in parties),
        object_id=milestone.pk,
        editable=editable,
    )


def _void(milestones: list[Milestone]) -> set[int]:
    """Milestones due after every party of their program ended with nothing carrying it on
    (district bodies abolished in 2025): no one is left to do them."""
    ended = {
        party.unit_id
        for m in milestones
        for party in m.program.parties.all()
        if party.unit.valid_to is not None
    }
    if not ended:
        return set()
    carried = set(
        ReorgEventUnit.objects.filter(
            unit_id__in=ended,
            role=ReorgRole.SOURCE,
            event__kind__in=[ReorgKind.MERGE, ReorgKind.SPLIT],
        ).values_list("unit_id", flat=True)
    )
    void = set()
    for m in milestones:
        units = [party.unit for party in m.program.parties.all()]
        if units and all(
            u.valid_to is not None and u.valid_to <= m.due_on and u.pk not in carried for u in units
        ):
            void.add(m.pk)
    return void


def milestone_items(
    user: Any, start: dt.date, end: dt.date, filters: CalendarFilters | None = None
) -> list[CalendarItem]:
    """Milestones of running programs the user sees, without those no one is left to do."""
    filters = filters or CalendarFilters()
    if filters.kind and filters.kind != MILESTONE:
        return []
    day = local_today()
    milestones = (
        _milestones(milestones_visible_to(user))
        .filter(due_on__range=(start, end))
        .exclude(program__state__in=ENDED_STATES)
    )
    if filters.mine:
        own = Membership.objects.filter(user=user).values_list("unit_id", flat=True)
        own_ids = [*own, *predecessor_ids(own)]
        milestones = milestones.filter(
            program__in=ProgramParty.objects.filter(unit_id__in=own_ids).values("program_id")
        )
    if filters.program:
        chosen = Program.objects.filter(pk=filters.program).values_list("path", flat=True).first()
        milestones = (
            milestones.filter(path_prefix(chosen, "program__path")) if chosen else milestones.none()
        )
    milestones = list(milestones.order_by("due_on", "pk"))
    if not milestones:
        return []
    void = _void(milestones)
    milestones = [m for m in milestones if m.pk not in void]
    program_ids = {m.program_id for m in milestones}
    if user.is_superuser:
        editable = program_ids
    else:
        editable = set(
            ProgramParty.objects.filter(
                reach_condition(user, EDIT), program_id__in=program_ids
            ).values_list("program_id", flat=True)
        )
    return [milestone_item(m, today=day, editable=m.program_id in editable) for m in milestones]


def calendar_items_for(
    user: Any, start: dt.date, end: dt.date, filters: CalendarFilters | None = None
) -> list[CalendarItem]:
    """Everything dated that ``user`` may see from ``start`` to ``end`` (inclusive), in order:
    visible milestones, the key days and campaigns, and what each activity source adds.
    """
    filters = filters or CalendarFilters()
    items = milestone_items(user, start, end, filters)
    if filters.program:  # one program: its milestones (and those of its cascade) only
        return items
    if not filters.kind or filters.kind == KEYDAY:
        items += key_days_between(start, end)
    if not filters.kind or filters.kind == ACTIVITY:
        for source in ACTIVITY_SOURCES:
            items += source(user, start, end)
    return sorted(items, key=lambda i: (i.date, KIND_ORDER.get(i.kind, 9), i.title, i.uid))


# A day cell shows at most this many lines; the rest is one "+N" link to the list of that day.
DAY_LINES = 4


@dataclass
class Day:
    date: dt.date
    in_month: bool
    is_today: bool
    groups: list[ItemGroup] = field(default_factory=list)

    @property
    def items(self) -> list[CalendarItem]:
        return [item for group in self.groups for item in group.items]

    @property
    def shown(self) -> list[ItemGroup]:
        return self.groups[:DAY_LINES]

    @property
    def hidden(self) -> int:
        return sum(group.count for group in self.groups[DAY_LINES:])


@dataclass
class Month:
    year: int
    month: int
    weeks: list[list[Day]]
    spans: list[CalendarItem]  # campaigns and other multi-day items overlapping the month
    previous: dt.date
    next: dt.date

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)


def calendar_month(
    user: Any, year: int, month: int, filters: CalendarFilters | None = None
) -> Month:
    """A Monday-first grid of the month (whole weeks), one-day items in their cells, the same
    milestones of a day grouped."""
    weeks_of_dates = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    start, end = weeks_of_dates[0][0], weeks_of_dates[-1][-1]
    items = calendar_items_for(user, start, end, filters)
    by_day: dict[dt.date, list[CalendarItem]] = defaultdict(list)
    for item in items:
        if not item.is_span:
            by_day[item.date].append(item)
    day = local_today()
    weeks = [
        [Day(d, d.month == month, d == day, group_items(by_day.get(d, []))) for d in week]
        for week in weeks_of_dates
    ]
    first = dt.date(year, month, 1)
    return Month(
        year=year,
        month=month,
        weeks=weeks,
        spans=[i for i in items if i.is_span and i.overlaps(first, _month_end(first))],
        previous=(first - dt.timedelta(days=1)).replace(day=1),
        next=_month_end(first) + dt.timedelta(days=1),
    )


def _month_end(first: dt.date) -> dt.date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def feed_user(raw_token: str) -> Any | None:
    """The active user whose feed link this is; None for an unknown or replaced link."""
    token = (
        CalendarFeedToken.objects.select_related("user")
        .filter(token_hash=CalendarFeedToken.hash(raw_token))
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    return token.user


def feed_token_of(user: Any) -> CalendarFeedToken | None:
    return CalendarFeedToken.objects.filter(user=user).first()


# --- reminders ---------------------------------------------------------------------------

REMINDED_STATES = (ProgramState.SIGNED, ProgramState.IN_EFFECT, ProgramState.UNDER_REVIEW)
# Overdue milestones older than this are history (e.g. an imported past phase), not news.
OVERDUE_WINDOW_DAYS = 30


def reminder_stage(due_on: dt.date, today: dt.date) -> str | None:
    """The reminder a milestone is due for today.

    Windows rather than exact days, so a day the command did not run is caught up the next day:
    7…2 days ahead "before-7", 1 day ahead "before-1", on the day "due", after it "overdue".
    """
    days = (due_on - today).days
    if 2 <= days <= 7:
        return "before-7"
    if days == 1:
        return "before-1"
    if days == 0:
        return "due"
    if -OVERDUE_WINDOW_DAYS <= days < 0:
        return "overdue"
    return None


def reminder_candidates(today: dt.date) -> list[tuple[Milestone, str]]:
    """Open milestones of running programs with a stage not reminded yet: (milestone, stage)."""
    milestones = _milestones(
        Milestone.objects.filter(
            done_on__isnull=True,
            due_on__range=(
                today - dt.timedelta(days=OVERDUE_WINDOW_DAYS),
                today + dt.timedelta(days=7),
            ),
            program__state__in=REMINDED_STATES,
        )
    ).prefetch_related("reminders")
    candidates = []
    for milestone in milestones.order_by("due_on", "pk"):
        stage = reminder_stage(milestone.due_on, today)
        sent = {log.stage for log in milestone.reminders.all()}
        if stage and stage not in sent:
            candidates.append((milestone, stage))
    return candidates


def _target_units(milestone: Milestone) -> list[int]:
    """The responsible party's unit; when none is set, every party's unit."""
    if milestone.responsible_id:
        return [milestone.responsible.unit_id]
    return [party.unit_id for party in milestone.program.parties.all()]


def reminder_recipients(milestones: Iterable[Milestone]) -> dict[int, list[Any]]:
    """Milestone id → active users with an e-mail address who may edit for its unit.

    The same reach as ``units_reachable(user, "edit")``, computed for all milestones at once:
    a membership on the unit itself, or a subtree membership on a unit it was ever placed under.
    """
    milestones = list(milestones)
    targets = {m.pk: _target_units(m) for m in milestones}
    unit_ids = {unit_id for ids in targets.values() for unit_id in ids}
    above: dict[int, set[int]] = defaultdict(set)
    for unit_id, path in OrgPlacement.objects.filter(unit_id__in=unit_ids).values_list(
        "unit_id", "path"
    ):
        above[unit_id].update(int(part) for part in path.split(".") if part)
    ancestor_ids = set().union(*above.values()) if above else set()
    memberships = (
        Membership.objects.filter(role__in=roles_allowing(EDIT), user__is_active=True)
        .exclude(user__email="")
        .filter(Q(unit_id__in=unit_ids) | Q(unit_id__in=ancestor_ids, include_subunits=True))
        .select_related("user")
        .order_by("user__username", "pk")
    )
    memberships = list(memberships)
    recipients: dict[int, list[Any]] = {}
    for milestone_id, units in targets.items():
        users: dict[int, Any] = {}
        for m in memberships:
            if any(
                m.unit_id == unit_id or (m.include_subunits and m.unit_id in above[unit_id])
                for unit_id in units
            ):
                users.setdefault(m.user_id, m.user)
        recipients[milestone_id] = list(users.values())
    return recipients
