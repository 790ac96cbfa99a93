"""Reads over activities: visibility, de-duplicated totals and credits, likely duplicates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.db import connections
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from phoihop.accounts.selectors import covers_subtree, partner_candidates, reach_condition
from phoihop.activities.models import (
    Activity,
    ActivityCost,
    ActivityKind,
    ActivityOrganizer,
    Evidence,
)
from phoihop.core.text import fold, search_tokens
from phoihop.orgs.models import AdminArea
from phoihop.orgs.selectors import predecessor_ids, subtree_ids
from phoihop.programs.models import ProgramParty

# Words too common in activity titles to say two titles are alike.
TITLE_STOPWORDS = frozenset(
    [
        "va",
        "cua",
        "cho",
        "cac",
        "voi",
        "trong",
        "tai",
        "nam",
        "ve",
        "to",
        "chuc",
        "hoat",
        "dong",
        "chuong",
        "trinh",
        "phoi",
        "hop",
        "nhan",
        "dip",
        "ngay",
        "thang",
        "tinh",
        "huyen",
        "xa",
        "phuong",
        "thanh",
        "pho",
        "quan",
        "nu",
        "cong",
        "nhan",
        "vien",
        "chuc",
        "lao",
        "dong",
    ]
)


def activities_visible_to(user: Any) -> QuerySet[Activity]:
    """Activities organized by a unit the user sees, or under a program the user sees.

    Merged duplicates are left out: their numbers live on in the activity they were merged into.
    """
    return _activities_reached(user).filter(merged_into__isnull=True)


def _activities_reached(user: Any) -> QuerySet[Activity]:
    """Activities the user reaches, merged duplicates included (for their evidence)."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return Activity.objects.all()
    # Correlated EXISTS, not ``pk IN (every organizer row the user reaches)`` nor ``program IN
    # (every program the user sees)``: PostgreSQL then probes the few candidate rows of a
    # filtered list (a program, a content area, the newest five) instead of hashing the 170,000
    # organizer rows of a province first, and the plans stay cheap enough not to be JIT-compiled
    # (bench/ACTIVITIES.md). A party of the program in reach is what ``programs_visible_to``
    # asks; an activity without a program has no party.
    organized = ActivityOrganizer.objects.filter(reach_condition(user), activity=OuterRef("pk"))
    party = ProgramParty.objects.filter(reach_condition(user), program=OuterRef("program_id"))
    return Activity.objects.filter(Exists(organized) | Exists(party))


def evidence_visible_for(user: Any, activity: Activity) -> QuerySet[Evidence]:
    """The evidence shown with ``activity``: its own, and that of the duplicates merged into it
    which the user could see themselves. Evidence of an entry the user never saw stays hidden,
    even after the entry was merged into an activity they see."""
    merged = _activities_reached(user).filter(merged_into=activity).values("pk")
    return Evidence.objects.filter(Q(activity=activity) | Q(activity__in=merged)).order_by(
        "uploaded_at", "pk"
    )


def plausibly_same_event(keep: Activity, duplicate: Activity) -> bool:
    """True when ``duplicate`` meets the likely-duplicate criteria seen from ``keep``: same
    days (±1), overlapping organizers or the same area (the activity's, or an organizer's: a
    counterpart in the same province), and a similar title."""
    organizers = list(keep.organizers.select_related("unit"))
    areas = dict.fromkeys([keep.area_id, *(o.unit.area_id for o in organizers)])
    return any(
        likely_duplicates(
            within=Activity.objects.filter(pk=duplicate.pk),
            title=keep.title,
            starts_on=keep.starts_on,
            unit_ids=[o.unit_id for o in organizers],
            area_id=area_id,
            exclude_pk=keep.pk,
            limit=1,
        )
        for area_id in areas
    )


def activity_get_for_user(user: Any, pk: int) -> Activity | None:
    return with_details(activities_visible_to(user)).filter(pk=pk).first()


def with_details(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    return activities.select_related("kind", "area", "program").prefetch_related(
        "organizers__unit", "costs", "content_areas"
    )


def unit_scope(filters: dict[str, Any]) -> Any:
    """The units the unit filter stands for: its subtree at the period's end (with the units
    merged into it), or, when ``subunits`` is False, the unit alone with its predecessors."""
    unit = filters["unit"]
    if filters.get("subunits") is False:
        return [unit.pk, *predecessor_ids([unit.pk])]
    return subtree_ids(unit, on=filters.get("end"), include_inactive=True)


def _subtree_rows(filters: dict[str, Any]) -> QuerySet[ActivityOrganizer]:
    """Organizer rows of the unit filter's subtree (the tree at the period's end) in the period.

    The period is applied to the rows' copied date: the index (unit, starts_on) then reads only
    the period's rows of the subtree, not every year of them.
    """
    rows = ActivityOrganizer.objects.filter(unit__in=unit_scope(filters))
    if filters.get("start"):
        rows = rows.filter(starts_on__gte=filters["start"])
    if filters.get("end"):
        rows = rows.filter(starts_on__lte=filters["end"])
    return rows


def activities_filtered(activities: QuerySet[Activity], **filters: Any) -> QuerySet[Activity]:
    """Filters of the list, the export and the API: period, unit subtree, program, content
    area, kind, area, words."""
    if filters.get("start"):
        activities = activities.filter(starts_on__gte=filters["start"])
    if filters.get("end"):
        activities = activities.filter(starts_on__lte=filters["end"])
    if filters.get("unit"):
        activities = activities.filter(pk__in=_subtree_rows(filters).values("activity_id"))
    if filters.get("program"):
        activities = activities.filter(program=filters["program"])
    if filters.get("content_area"):
        activities = activities.filter(content_areas=filters["content_area"])
    if filters.get("kind"):
        activities = activities.filter(kind=filters["kind"])
    if filters.get("area"):
        # The area or an area directly inside it, as one id list: ``area = x OR area.parent = x``
        # joins every activity to its area, while this reads the activities' area index.
        area = getattr(filters["area"], "pk", filters["area"])
        within = AdminArea.objects.filter(Q(pk=area) | Q(parent_id=area)).values("pk")
        activities = activities.filter(area__in=within)
    for token in search_tokens(filters.get("q")):
        activities = activities.filter(search_text__contains=token)
    return activities


@dataclass
class Totals:
    activities: int = 0
    participants: int = 0
    women: int = 0
    beneficiaries: int = 0
    cost: int = 0
    credits: int = 0  # organizer rows in scope: what the sum of each unit's own figures gives

    @property
    def men(self) -> int:
        return self.participants - self.women

    @property
    def double_counted(self) -> int:
        """How many more activities the units' own reports add up to than really took place."""
        return max(self.credits - self.activities, 0)


def activity_totals(activities: QuerySet[Activity], *, scope: Any = None) -> Totals:
    """Totals over distinct activities (a joint activity counts once).

    ``scope`` (a queryset of unit ids) gives the credits: how many organizer rows of these
    activities belong to units in scope, i.e. what adding up each unit's own list would give.
    """
    # One query: each activity once, with how many of its organizers are in scope.
    credited = Count(
        "organizers", filter=Q(organizers__unit__in=scope) if scope is not None else Q()
    )
    row = (
        activities.order_by()
        .annotate(credited=credited)
        .aggregate(
            activities=Count("pk"),
            participants=Coalesce(Sum("participants"), 0),
            women=Coalesce(Sum("participants_women"), 0),
            beneficiaries=Coalesce(Sum("beneficiaries"), 0),
            cost=Coalesce(Sum("total_cost"), 0),
            credits=Coalesce(Sum("credited"), 0),
        )
    )
    return Totals(**row)


def credits_by_unit(activities: QuerySet[Activity], units: list[Any]) -> list[tuple[Any, int]]:
    """For each unit, how many of ``activities`` it is credited with (itself or its subtree)."""
    result = []
    ids = activities.order_by().values("pk")
    for unit in units:
        subtree = subtree_ids(unit, include_inactive=True)
        count = (
            ActivityOrganizer.objects.filter(activity__in=ids, unit__in=subtree)
            .values("activity_id")
            .distinct()
            .count()
        )
        result.append((unit, count))
    return result


def cost_by_source(activities: QuerySet[Activity]) -> dict[str, int]:
    rows = (
        ActivityCost.objects.filter(activity__in=activities.order_by().values("pk"))
        .values("source")
        .annotate(total=Sum("amount"))
    )
    return {row["source"]: row["total"] for row in rows}


def _title_words(title: str) -> set[str]:
    return {w for w in fold(title).split() if w not in TITLE_STOPWORDS and len(w) > 1}


def title_similarity(a: str, b: str) -> float:
    """Share of distinctive words in common (Jaccard), accent- and case-insensitive."""
    words_a, words_b = _title_words(a), _title_words(b)
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / len(words_a | words_b)


def duplicate_candidates(user: Any) -> QuerySet[Activity]:
    """Where a user's likely duplicates may come from: what they see, and what their possible
    partners (counterparts in the same areas) recorded, since the same event entered by both
    sides is exactly what must be caught. Nothing from elsewhere is ever shown."""
    partners = ActivityOrganizer.objects.filter(unit__in=partner_candidates(user)).values(
        "activity_id"
    )
    return Activity.objects.filter(
        Q(pk__in=activities_visible_to(user).values("pk")) | Q(pk__in=partners),
        merged_into__isnull=True,
    )


def likely_duplicates(
    *,
    within: QuerySet[Activity],
    title: str,
    starts_on: dt.date,
    unit_ids: list[int],
    area_id: int | None = None,
    exclude_pk: int | None = None,
    limit: int = 5,
) -> list[tuple[Activity, float]]:
    """Activities of ``within`` that are probably the same event entered by another organizer.

    Same date (±1 day), overlapping organizers or same area, and a similar title.
    """
    nearby = within.filter(
        merged_into__isnull=True,
        starts_on__gte=starts_on - dt.timedelta(days=1),
        starts_on__lte=starts_on + dt.timedelta(days=1),
    )
    if exclude_pk:
        nearby = nearby.exclude(pk=exclude_pk)
    same_units = Q(organizers__unit_id__in=unit_ids)
    if area_id:
        same_units |= Q(area_id=area_id) | Q(organizers__unit__area_id=area_id)
    candidates = with_details(nearby.filter(same_units).distinct())[:50]
    scored = [(a, title_similarity(title, a.title)) for a in candidates]
    scored = [(a, s) for a, s in scored if s >= 0.4]
    return sorted(scored, key=lambda pair: -pair[1])[:limit]


def last_activity_of(user: Any) -> Activity | None:
    """The user's most recently entered activity, for "duplicate from last time"."""
    return (
        with_details(Activity.objects.filter(created_by=user, merged_into__isnull=True))
        .order_by("-created_at", "-pk")
        .first()
    )


def kind_by_code(code: str) -> ActivityKind | None:
    return ActivityKind.objects.filter(code=code, active=True).first()


def activities_for_listing(user: Any, filters: dict[str, Any]) -> QuerySet[Activity]:
    """The visible activities matching ``filters``. When the unit filter lies inside one of the
    user's subtree roles, every activity of that subtree is visible anyway, so the per-row
    visibility check is skipped (it costs a scan of every organizer row the user reaches)."""
    unit = filters.get("unit")
    if unit is not None and covers_subtree(user, unit):
        base = Activity.objects.filter(merged_into__isnull=True)
    else:
        base = activities_visible_to(user)
    return activities_filtered(base, **filters)


# Filters the organizer rows can answer alone (they copy the date, the figures and the words).
CREDIT_FILTERS = frozenset({"unit", "subunits", "start", "end", "kind", "q"})


@dataclass
class Listing:
    """What the list page and the API show: the totals and the activities, newest first (a
    queryset, or ``CreditedActivities``; both can be counted and sliced by a paginator)."""

    totals: Totals
    activities: Any


def activity_listing(user: Any, filters: dict[str, Any], *, page_size: int = 30) -> Listing:
    """The visible activities matching ``filters``, with their de-duplicated totals; with a unit
    filter, the credits are those of that unit's subtree.

    When the filters are a unit the user's subtree role covers, a period, a kind and words, the
    subtree's organizer rows answer alone (on PostgreSQL from one covering index, never reading
    the wide activity rows), in one statement that also gives the first ``page_size`` rows;
    otherwise the activities are filtered and summed directly. Both give the same rows and
    figures (tests/activities/test_credits.py).
    """
    unit = filters.get("unit")
    used = {name for name, value in filters.items() if value not in (None, "")}
    if unit is not None and used <= CREDIT_FILTERS and covers_subtree(user, unit):
        rows = credited_rows(filters)
        totals, head = credit_summary(rows, head=page_size)
        return Listing(totals, CreditedActivities(rows, totals.activities, head=head))
    activities = activities_for_listing(user, filters)
    scope = unit_scope(filters) if unit else None
    return Listing(
        activity_totals(activities, scope=scope),
        with_details(activities).order_by("-starts_on", "-pk"),
    )


def credited_rows(filters: dict[str, Any]) -> QuerySet[ActivityOrganizer]:
    """The organizer rows of the unit filter's subtree (the tree at the period's end) whose
    activity counts (not merged), lies in the period, is of the kind and has the words."""
    rows = _subtree_rows(filters).filter(counted=True)
    if filters.get("kind"):
        rows = rows.filter(kind=filters["kind"])
    for token in search_tokens(filters.get("q")):
        rows = rows.filter(search_text__contains=token)
    return rows


def credit_summary(rows: QuerySet[ActivityOrganizer], *, head: int) -> tuple[Totals, list[int]]:
    """Totals of the activities of ``rows`` (each counted once; the credits are the rows) and
    the ids of the newest ``head`` of them, in one pass over the rows: the totals are window
    sums carried by each of the first rows."""
    grouped = (
        rows.order_by()
        .values("activity_id", "starts_on")
        .annotate(
            credited=Count("activity_id"),
            each_participants=Max("participants"),
            each_women=Max("participants_women"),
            each_beneficiaries=Max("beneficiaries"),
            each_cost=Max("total_cost"),
        )
    )
    sql, params = grouped.query.sql_with_params()
    # In the order of Totals' fields: activities, participants, women, beneficiaries, cost,
    # credits.
    sums = ", ".join(
        f"SUM(g.{column}) OVER ()"
        for column in (
            "each_participants",
            "each_women",
            "each_beneficiaries",
            "each_cost",
            "credited",
        )
    )
    # Only the ORM's own parameterized SQL and fixed column names are put together here.
    statement = (
        f"SELECT g.activity_id, COUNT(*) OVER (), {sums} "  # noqa: S608
        f"FROM ({sql}) g ORDER BY g.starts_on DESC, g.activity_id DESC LIMIT %s"
    )
    with connections[grouped.db].cursor() as cursor:
        cursor.execute(statement, [*params, max(head, 1)])
        found = cursor.fetchall()
    if not found:
        return Totals(), []
    return Totals(*map(int, found[0][1:])), [row[0] for row in found[:head]]


class CreditedActivities:
    """The activities of some organizer rows, newest first, read a page at a time: what a
    paginator needs (``count()``, ``len()`` and slicing) without loading the others."""

    def __init__(
        self, rows: QuerySet[ActivityOrganizer], count: int, *, head: Sequence[int] = ()
    ) -> None:
        self._rows = rows
        self._count = count
        self._head = list(head)  # ids of the first rows, already known

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, key: int) -> Activity: ...

    @overload
    def __getitem__(self, key: slice) -> list[Activity]: ...

    def __getitem__(self, key: int | slice) -> Activity | list[Activity]:
        if isinstance(key, int):
            found = self[key : key + 1]
            if not found:
                raise IndexError(key)
            return found[0]
        _start, stop, step = key.indices(self._count)
        if (step == 1 and stop <= len(self._head)) or len(self._head) == self._count:
            ids = self._head[key]
        else:
            pairs = (
                self._rows.order_by("-starts_on", "-activity_id")
                .values_list("activity_id", "starts_on")
                .distinct()[key]
            )
            ids = [pk for pk, _day in pairs]
        found = {a.pk: a for a in with_details(Activity.objects.filter(pk__in=ids))}
        return [found[pk] for pk in ids if pk in found]


def recent_activities(user: Any, *, limit: int = 5) -> list[Activity]:
    """The activities most recently recorded that the user sees."""
    return list(with_details(activities_visible_to(user)).order_by("-created_at", "-pk")[:limit])
