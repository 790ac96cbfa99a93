"""Reads: the catalog, forms, values visible to a user, roll-ups, targets, completeness."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum
from django.utils import timezone

from phoihop.accounts.selectors import reach_condition
from phoihop.indicators import rollups
from phoihop.indicators.enums import Aggregation, Source, Structure, SubmissionState, ValueType
from phoihop.indicators.models import (
    Category,
    DataValue,
    Indicator,
    ReportForm,
    Submission,
    Target,
)
from phoihop.indicators.periods import Period, parse_period
from phoihop.orgs.models import OrgPlacement, OrgUnit, valid_on

HUNDRED = Decimal(100)


# --- catalog ---------------------------------------------------------------------------------


def indicators_active() -> QuerySet[Indicator]:
    return (
        Indicator.objects.filter(active=True)
        .select_related("disaggregation")
        .prefetch_related("disaggregation__categories")
        .order_by("order", "code")
    )


def indicator_by_code(code: str) -> Indicator | None:
    return Indicator.objects.filter(code=code).select_related("disaggregation").first()


def forms_active() -> QuerySet[ReportForm]:
    return (
        ReportForm.objects.filter(active=True)
        .select_related("program")
        .prefetch_related("levels", "items__indicator")
        .order_by("code")
    )


def form_by_code(code: str) -> ReportForm | None:
    return forms_active().filter(code=code).first()


def form_indicators(form: ReportForm) -> list[Indicator]:
    """The form's indicators in order, with their categories prefetched."""
    return [
        item.indicator
        for item in form.items.select_related("indicator__disaggregation")
        .prefetch_related("indicator__disaggregation__categories")
        .order_by("order", "pk")
    ]


def forms_for_unit(unit: OrgUnit) -> QuerySet[ReportForm]:
    """Forms the unit must report (its level is among the reporting levels)."""
    return forms_active().filter(levels=unit.level_id)


def category_by_code(indicator: Indicator, code: str) -> Category | None:
    if indicator.disaggregation_id is None:
        return None
    return Category.objects.filter(set_id=indicator.disaggregation_id, code=code).first()


def program_visible(user: Any, pk: int) -> Any:
    from phoihop.programs.selectors import programs_visible_to

    return programs_visible_to(user).filter(pk=pk).first()


def categories_of(indicator: Indicator) -> list[Category]:
    if indicator.disaggregation_id is None:
        return []
    return list(indicator.disaggregation.categories.all())


# --- values ----------------------------------------------------------------------------------


def values_visible_to(user: Any) -> QuerySet[DataValue]:
    """Values of the units the user can see (their subtree), never a sibling's."""
    return DataValue.objects.filter(reach_condition(user, field="unit_id"))


def values_of(
    unit: OrgUnit, period: str, indicators: list[Indicator] | None = None
) -> dict[tuple[int, int | None], DataValue]:
    """The unit's stored values for ``period``, by (indicator id, category id)."""
    rows = DataValue.objects.filter(unit=unit, period=period)
    if indicators is not None:
        rows = rows.filter(indicator__in=indicators)
    return {(v.indicator_id, v.category_id): v for v in rows}


def submission_of(unit: OrgUnit, form: ReportForm, period: str) -> Submission | None:
    return Submission.objects.filter(unit=unit, form=form, period=period).first()


def submissions_visible_to(user: Any) -> QuerySet[Submission]:
    return Submission.objects.filter(reach_condition(user, field="unit_id"))


@dataclass
class GridRow:
    indicator: Indicator
    categories: list[Category]
    values: dict[int | None, DataValue]  # by category id (None = total)
    previous: dict[int | None, DataValue]
    computed: Decimal | None = None  # for computed indicators: the figure from activities

    @property
    def total(self) -> Decimal | None:
        if None in self.values:
            return self.values[None].value
        numbers = [v.value for v in self.values.values() if v.value is not None]
        return sum(numbers, Decimal(0)) if numbers else None


def grid(unit: OrgUnit, form: ReportForm, period: str) -> list[GridRow]:
    """One row per indicator of the form: this period's values, last period's, computed ones."""
    parsed = parse_period(period)
    indicators = form_indicators(form)
    current = values_of(unit, period, indicators)
    previous = values_of(unit, str(parsed.previous()), indicators)
    rows = []
    for indicator in indicators:
        row = GridRow(
            indicator=indicator,
            categories=categories_of(indicator),
            values={c: v for (i, c), v in current.items() if i == indicator.pk},
            previous={c: v for (i, c), v in previous.items() if i == indicator.pk},
        )
        if indicator.source == Source.COMPUTED:
            row.computed = computed_value(
                unit, indicator, parsed, cutoff_day=form.cutoff_day, subtree=False
            )
        rows.append(row)
    return rows


# --- computed indicators ---------------------------------------------------------------------


def computed_value(
    unit: OrgUnit,
    indicator: Indicator,
    period: Period,
    *,
    cutoff_day: int | None = None,
    structure: str = Structure.CURRENT,
    subtree: bool = True,
) -> Decimal:
    """A computed indicator over the activities the unit (and, with ``subtree``, its sub-units)
    organised in the period's days. Each activity counts once."""
    from phoihop.activities.models import Activity, ActivityOrganizer
    from phoihop.orgs.selectors import subtree_ids

    if subtree:
        on = None if structure == Structure.CURRENT else period.reference_day
        units = subtree_ids(unit, on=on, include_inactive=True)
    else:
        units = [unit.pk]
    organised = ActivityOrganizer.objects.filter(unit_id__in=units).values("activity_id")
    activities = Activity.objects.filter(
        pk__in=organised,
        merged_into__isnull=True,
        starts_on__gte=period.start(cutoff_day),
        starts_on__lte=period.end(cutoff_day),
    )
    if indicator.activity_kind_id:
        activities = activities.filter(kind_id=indicator.activity_kind_id)
    if indicator.content_area_id:
        activities = activities.filter(content_areas=indicator.content_area_id)
    if indicator.activity_metric == "count":
        return Decimal(activities.count())
    total = activities.aggregate(total=Sum(indicator.activity_metric))["total"]
    return Decimal(total or 0)


# --- roll-ups --------------------------------------------------------------------------------


@dataclass
class RollupItem:
    indicator: Indicator
    value: Decimal | None
    categories: list[tuple[Category, Decimal | None]] = field(default_factory=list)
    count: int = 0  # how many unit values went into it
    target: Decimal | None = None
    computed: bool = False

    @property
    def achievement(self) -> Decimal | None:
        """Actual vs target, in % (None without a target)."""
        if self.value is None or not self.target:
            return None
        return (self.value * HUNDRED / self.target).quantize(Decimal("0.1"))


def _measure(aggregation: str, vec: list, approved_only: bool) -> Decimal | None:
    total, n, num, den = vec[4:8] if approved_only else vec[0:4]
    if not n:
        return None
    if aggregation == Aggregation.AVERAGE:
        return Decimal(total) / n
    if aggregation == Aggregation.RATIO:
        return Decimal(num) * HUNDRED / Decimal(den) if den else None
    return Decimal(total)


def _combine_over_time(
    aggregation: str, wanted: Period, found: dict[str, dict[int, list]], approved_only: bool
) -> dict[int, list]:
    """The vectors of ``wanted``: stored for that period itself, or built from its parts (sum and
    average add the parts up; last value and ratio take the latest part with data)."""
    nth = 5 if approved_only else 1
    if str(wanted) in found and found[str(wanted)].get(0, [0] * 8)[nth]:
        return found[str(wanted)]
    for parts in wanted.parts():
        with_data = [str(p) for p in parts if found.get(str(p), {}).get(0, [0] * 8)[nth]]
        if not with_data:
            continue
        if aggregation in (Aggregation.LAST, Aggregation.RATIO):
            return found[with_data[-1]]
        out: dict[int, list] = {}
        for period in with_data:
            for key, vec in found[period].items():
                cell = out.setdefault(key, list(rollups.ZERO))
                for i in range(8):
                    cell[i] += vec[i]
        return out
    return {}


def rollup(
    *,
    unit: OrgUnit,
    period: str,
    indicators: list[Indicator] | None = None,
    structure: str = Structure.CURRENT,
    approved_only: bool = False,
    program: Any = None,
) -> list[RollupItem]:
    """The value of each indicator over the unit's subtree for ``period``, by its rule, with the
    split by category and the target (of ``program`` if given) — read from the derived cells,
    so it costs the same for a commune and for the whole country.

    ``structure``: ``current`` (today's tree: merged units count under their successor) or
    ``as_of`` (the tree on the period's reference day).
    """
    wanted = parse_period(period)
    if indicators is None:
        indicators = list(indicators_active())
    typed = [i for i in indicators if i.source == Source.TYPED and i.value_type != ValueType.TEXT]
    periods = [str(wanted)] + [str(p) for parts in wanted.parts() for p in parts]
    struct = rollups.CURRENT if structure == Structure.CURRENT else rollups.AS_OF
    found: dict[int, dict[str, dict[int, list]]] = defaultdict(lambda: defaultdict(dict))
    # One statement reads the unit's cells, its own values and its targets.
    cells, own_rows, targets = rollups.read_unit(
        unit_id=unit.pk,
        structure=struct,
        periods=periods,
        indicator_ids=[i.pk for i in typed],
        target_period=str(wanted),
        target_indicator_ids=[i.pk for i in indicators],
        program_id=program.pk if program is not None else None,
    )
    for (indicator_id, cell_period, key), vec in cells.items():
        found[indicator_id][cell_period][key] = vec
    own = rollups.rows_contributions(own_rows, {i.pk: i.value_type for i in typed})
    for (indicator_id, own_period), contrib in own.items():
        for key, vec in contrib.items():
            cell = found[indicator_id][own_period].setdefault(key, list(rollups.ZERO))
            for i in range(8):
                cell[i] += vec[i]
    items = []
    for indicator in indicators:
        if indicator.source == Source.COMPUTED:
            value = computed_value(unit, indicator, wanted, structure=structure)
            items.append(
                RollupItem(indicator, value, target=targets.get(indicator.pk), computed=True)
            )
            continue
        vectors = _combine_over_time(
            indicator.aggregation, wanted, found.get(indicator.pk, {}), approved_only
        )
        total = vectors.get(0, list(rollups.ZERO))
        categories = [
            (
                category,
                _measure(indicator.aggregation, vectors[category.pk], approved_only)
                if category.pk in vectors
                else None,
            )
            for category in categories_of(indicator)
        ]
        items.append(
            RollupItem(
                indicator,
                _measure(indicator.aggregation, total, approved_only),
                categories=categories,
                count=int(total[5 if approved_only else 1]),
                target=targets.get(indicator.pk),
            )
        )
    return items


def rollup_by_children(
    *,
    unit: OrgUnit,
    period: str,
    indicators: list[Indicator],
    structure: str = Structure.CURRENT,
    approved_only: bool = False,
) -> list[tuple[OrgUnit, list[RollupItem]]]:
    """The roll-up of each child unit (for comparisons): today's children, or those on the
    period's reference day for ``as_of``."""
    from phoihop.orgs.selectors import children

    on = None if structure == Structure.CURRENT else parse_period(period).reference_day
    return [
        (
            child,
            rollup(
                unit=child,
                period=period,
                indicators=indicators,
                structure=structure,
                approved_only=approved_only,
            ),
        )
        for child in children(unit, on=on, include_inactive=structure == Structure.CURRENT)
    ]


def rollup_series(
    *,
    unit: OrgUnit,
    periods: list[str],
    indicators: list[Indicator],
    structure: str = Structure.CURRENT,
    approved_only: bool = False,
) -> dict[str, list[RollupItem]]:
    """The roll-up for each of ``periods`` (trends on dashboards)."""
    return {
        period: rollup(
            unit=unit,
            period=period,
            indicators=indicators,
            structure=structure,
            approved_only=approved_only,
        )
        for period in periods
    }


# --- targets ---------------------------------------------------------------------------------


def targets_of(
    unit: OrgUnit, period: str, indicators: list[Indicator], *, program: Any = None
) -> dict[int, Decimal]:
    rows = Target.objects.filter(unit=unit, period=period, indicator__in=indicators)
    rows = rows.filter(program=program) if program is not None else rows.filter(program=None)
    return dict(rows.values_list("indicator_id", "value"))


def targets_visible_to(user: Any) -> QuerySet[Target]:
    return Target.objects.filter(reach_condition(user, field="unit_id")).select_related(
        "indicator", "unit", "program"
    )


@dataclass
class AllocationCheck:
    target: Target
    allocated: Decimal
    children: list[Target]

    @property
    def difference(self) -> Decimal:
        """Target minus what the children were given (negative: over-allocated)."""
        return self.target.value - self.allocated

    @property
    def summable(self) -> bool:
        return self.target.indicator.aggregation in (Aggregation.SUM, Aggregation.LAST)


def target_allocation(target: Target) -> AllocationCheck:
    children = list(target.allocations.select_related("unit").order_by("unit__sort_key"))
    allocated = sum((c.value for c in children), Decimal(0))
    return AllocationCheck(target, allocated, children)


# --- completeness ----------------------------------------------------------------------------


@dataclass
class Completeness:
    expected: int
    reported: int  # submitted or approved
    on_time: int
    approved: int
    waived: int
    missing: list[OrgUnit]  # the first ``limit`` units that have not reported
    missing_count: int
    deadline: dt.date

    @property
    def rate(self) -> Decimal | None:
        if not self.expected:
            return None
        return (Decimal(self.reported) * HUNDRED / self.expected).quantize(Decimal("0.1"))


def deadline_of(form: ReportForm, period: str) -> dt.date:
    return parse_period(period).end(form.cutoff_day) + dt.timedelta(days=form.deadline_days)


def expected_units(unit: OrgUnit, form: ReportForm, period: str) -> QuerySet[OrgUnit]:
    """Units of the unit's subtree (itself included) that must report ``form`` for ``period``:
    at one of its levels and existing on the period's last day (the tree of that day)."""
    from phoihop.orgs.selectors import subtree

    day = parse_period(period).end(form.cutoff_day)
    return subtree(unit, on=day).filter(level__in=form.levels.all())


def completeness(unit: OrgUnit, form: ReportForm, period: str, *, limit: int = 50) -> Completeness:
    """Expected, reported, on time, approved (as numbers) and the first ``limit`` units still
    missing (``limit=0``: the numbers only, about twice as fast for a whole country)."""
    expected = expected_units(unit, form, period)
    deadline = deadline_of(form, period)
    reported_states = [SubmissionState.SUBMITTED, SubmissionState.APPROVED]
    subs = Submission.objects.filter(form=form, period=period, unit_id__in=expected.values("pk"))
    counts = defaultdict(int)
    end_of_deadline = timezone.make_aware(
        dt.datetime.combine(deadline + dt.timedelta(days=1), dt.time.min)
    )
    for state, submitted_at in subs.values_list("state", "submitted_at"):
        counts[state] += 1
        if state in reported_states and submitted_at and submitted_at < end_of_deadline:
            counts["on_time"] += 1
    total = expected.count()
    missing = (
        expected.exclude(
            pk__in=subs.filter(state__in=[*reported_states, SubmissionState.WAIVED]).values(
                "unit_id"
            )
        )
        .select_related("level")
        .order_by("sort_key", "pk")
    )
    reported = counts[SubmissionState.SUBMITTED] + counts[SubmissionState.APPROVED]
    return Completeness(
        expected=total,
        reported=reported,
        on_time=counts["on_time"],
        approved=counts[SubmissionState.APPROVED],
        waived=counts[SubmissionState.WAIVED],
        missing=list(missing[:limit]) if limit else [],
        missing_count=total - reported - counts[SubmissionState.WAIVED],
        deadline=deadline,
    )


def reporting_children(unit: OrgUnit, form: ReportForm, period: str) -> list[OrgUnit]:
    """The expected units whose nearest expected ancestor is ``unit``: whose reports ``unit``'s
    approval waits for."""
    day = parse_period(period).end(form.cutoff_day)
    expected = {u.pk: u for u in expected_units(unit, form, period).exclude(pk=unit.pk)}
    if not expected:
        return []
    paths = dict(
        OrgPlacement.objects.filter(valid_on(day), unit_id__in=list(expected)).values_list(
            "unit_id", "path"
        )
    )
    out = []
    for pk, child in expected.items():
        ids = [int(p) for p in paths.get(pk, "").split(".") if p][:-1]
        below = ids[ids.index(unit.pk) + 1 :] if unit.pk in ids else ids
        if not any(i in expected for i in below):
            out.append(child)
    return sorted(out, key=lambda u: (u.sort_key, u.pk))


def work_items_for(user: Any, *, period: str | None = None) -> dict[str, list[Submission]]:
    """For the home page: submissions the user must still enter (draft or returned) and those
    waiting for the user's approval (submitted by a unit directly below one of the user's)."""
    from phoihop.accounts import roles
    from phoihop.indicators.rules import approver_unit

    subs = Submission.objects.select_related("unit", "form").order_by("period", "pk")
    if period:
        subs = subs.filter(period=period)
    to_enter = list(
        subs.filter(reach_condition(user, roles.EDIT, "unit_id")).filter(
            state__in=[SubmissionState.DRAFT, SubmissionState.RETURNED]
        )[:50]
    )
    waiting = subs.filter(
        reach_condition(user, roles.APPROVE, "unit_id"), state=SubmissionState.SUBMITTED
    )[:200]
    from phoihop.indicators.rules import reaches

    to_approve = [s for s in waiting if reaches(user, approver_unit(s.unit), roles.APPROVE)][:50]
    return {"to_enter": to_enter, "to_approve": to_approve}
