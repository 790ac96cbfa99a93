"""Dashboards, targets and completeness as the pages show them (reads only).

Every figure comes from the engine's live roll-up (``selectors.rollup``), so a value saved a
second ago is already here; charts are drawn by ``charts`` from the same numbers as the tables.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from phoihop.indicators import charts, selectors
from phoihop.indicators.enums import Aggregation, Structure, ValueType
from phoihop.indicators.formatting import vi_number, vi_percent
from phoihop.indicators.models import Indicator, ReportForm, Target
from phoihop.indicators.pages import value_text
from phoihop.indicators.periods import Period, parse_period
from phoihop.orgs.models import OrgUnit
from phoihop.orgs.selectors import children


@dataclass
class KeyFigure:
    indicator: Indicator
    value: Decimal | None
    target: Decimal | None
    categories: list[tuple[str, str]] = field(default_factory=list)
    computed: bool = False

    @property
    def value_text(self) -> str:
        return value_text(self.indicator, self.value) or "—"

    @property
    def target_text(self) -> str:
        return value_text(self.indicator, self.target) if self.target is not None else "—"

    @property
    def achievement(self) -> Decimal | None:
        if self.value is None or not self.target:
            return None
        return (self.value * 100 / self.target).quantize(Decimal("0.1"))

    @property
    def achievement_text(self) -> str:
        return vi_percent(self.achievement) if self.achievement is not None else "—"

    @property
    def bar(self) -> int:
        """The achievement as a 0–100 width for the progress bar."""
        return int(min(self.achievement or 0, 100))


def _figure(item: selectors.RollupItem) -> KeyFigure:
    return KeyFigure(
        indicator=item.indicator,
        value=item.value,
        target=item.target,
        categories=[
            (category.name, value_text(item.indicator, value) or "—")
            for category, value in item.categories
        ],
        computed=item.computed,
    )


def key_figures(
    unit: OrgUnit,
    period: str,
    indicators: list[Indicator],
    *,
    structure: str = Structure.CURRENT,
    approved_only: bool = False,
    program: Any = None,
) -> list[KeyFigure]:
    items = selectors.rollup(
        unit=unit,
        period=period,
        indicators=indicators,
        structure=structure,
        approved_only=approved_only,
        program=program,
    )
    return [_figure(item) for item in items]


def chartable(indicators: list[Indicator]) -> list[Indicator]:
    return [i for i in indicators if i.value_type not in (ValueType.TEXT, ValueType.YES_NO)]


def trend_chart(
    unit: OrgUnit,
    indicator: Indicator,
    periods: list[Period],
    *,
    structure: str = Structure.CURRENT,
    approved_only: bool = False,
) -> tuple[list[tuple[Period, KeyFigure]], str]:
    """The indicator over ``periods`` (oldest first): the rows and the SVG line chart."""
    rows, chart = trend(unit, indicator, periods, structure=structure, approved_only=approved_only)
    return rows, charts.render_svg(chart)


def trend(
    unit: OrgUnit,
    indicator: Indicator,
    periods: list[Period],
    *,
    structure: str = Structure.CURRENT,
    approved_only: bool = False,
) -> tuple[list[tuple[Period, KeyFigure]], charts.LineChart]:
    """The rows and the chart (not yet drawn) of an indicator over ``periods``; documents draw
    it with ``charts.render_png``."""
    rows = []
    for period in periods:
        item = selectors.rollup(
            unit=unit,
            period=str(period),
            indicators=[indicator],
            structure=structure,
            approved_only=approved_only,
        )[0]
        rows.append((period, _figure(item)))
    latest_target = next((f.target for _p, f in reversed(rows) if f.target is not None), None)
    chart = charts.LineChart(
        title=indicator.name,
        periods=[_short_period(p) for p in periods],
        series=[charts.Series(str(unit), [_float(f.value) for _p, f in rows])],
        target=_float(latest_target),
        percent=indicator.value_type == ValueType.PERCENT,
    )
    return rows, chart


def children_chart(
    unit: OrgUnit,
    period: str,
    indicator: Indicator,
    *,
    structure: str = Structure.CURRENT,
    approved_only: bool = False,
) -> tuple[list[tuple[OrgUnit, KeyFigure]], str]:
    """The child units compared on one indicator: table rows and an SVG bar chart."""
    rows, chart = children_compared(
        unit, period, indicator, structure=structure, approved_only=approved_only
    )
    return rows, charts.render_svg(chart) if rows else ""


def children_compared(
    unit: OrgUnit,
    period: str,
    indicator: Indicator,
    *,
    structure: str = Structure.CURRENT,
    approved_only: bool = False,
) -> tuple[list[tuple[OrgUnit, KeyFigure]], charts.BarChart]:
    """The rows (child units with a figure) and the bar chart (not yet drawn)."""
    rows = [
        (child, _figure(items[0]))
        for child, items in selectors.rollup_by_children(
            unit=unit,
            period=period,
            indicators=[indicator],
            structure=structure,
            approved_only=approved_only,
        )
    ]
    rows = [(child, figure) for child, figure in rows if figure.value is not None]
    chart = charts.BarChart(
        title=indicator.name,
        labels=[str(child) for child, _f in rows],
        values=[_float(f.value) for _c, f in rows],
        targets=[_float(f.target) for _c, f in rows],
        percent=indicator.value_type == ValueType.PERCENT,
    )
    return rows, chart


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _short_period(period: Period) -> str:
    if period.kind == "S":
        return f"6T {'đầu' if period.number == 1 else 'cuối'} {period.year}"
    if period.kind == "Q":
        return f"Q{period.number}/{period.year}"
    return str(period.year)


def recent_periods(period: Period, count: int = 6) -> list[Period]:
    """``count`` periods ending with ``period`` (same kind), oldest first."""
    out = [period]
    while len(out) < count:
        out.insert(0, out[0].previous())
    return out


# --- completeness ----------------------------------------------------------------------------


@dataclass
class CompletenessRow:
    unit: OrgUnit
    numbers: selectors.Completeness


def completeness_drill(
    unit: OrgUnit, form: ReportForm, period: str
) -> tuple[selectors.Completeness, list[CompletenessRow]]:
    """The unit's completeness, and that of each unit directly below it that expects reports."""
    day = parse_period(period).end(form.cutoff_day)
    top = selectors.completeness(unit, form, period)
    rows = []
    for child in children(unit, on=day):
        numbers = selectors.completeness(child, form, period, limit=0)
        if numbers.expected:
            rows.append(CompletenessRow(child, numbers))
    return top, rows


# --- targets ---------------------------------------------------------------------------------


@dataclass
class TargetLine:
    target: Target
    actual: KeyFigure
    allocated: Decimal | None = None  # sum of the children's targets, when allocated
    over_allocated: bool = False

    @property
    def allocated_text(self) -> str:
        return vi_number(self.allocated) if self.allocated is not None else ""


def target_lines(targets: QuerySet[Target]) -> list[TargetLine]:
    """Each target with the actual figure of its unit and period (its achievement) and, for a
    target allocated to units below, what was allocated and whether it exceeds the target."""
    groups: dict[tuple, list[Target]] = defaultdict(list)
    for target in targets.select_related("indicator", "unit", "program").order_by(
        "period", "indicator__order", "pk"
    ):
        groups[(target.unit, target.period, target.program)].append(target)
    lines = []
    for (unit, period, program), group in groups.items():
        figures = key_figures(unit, period, [t.indicator for t in group], program=program)
        by_indicator = {f.indicator.pk: f for f in figures}
        for target in group:
            check = selectors.target_allocation(target)
            summable = target.indicator.aggregation in (Aggregation.SUM, Aggregation.LAST)
            lines.append(
                TargetLine(
                    target=target,
                    actual=by_indicator[target.indicator_id],
                    allocated=check.allocated if check.children else None,
                    over_allocated=bool(check.children) and summable and check.difference < 0,
                )
            )
    return lines


# --- lists for the pages ---------------------------------------------------------------------


def unit_targets(user: Any, unit: OrgUnit, program: Any = None) -> QuerySet[Target]:
    rows = selectors.targets_visible_to(user).filter(unit=unit)
    return rows.filter(program=program) if program is not None else rows


def target_indicators() -> QuerySet[Indicator]:
    """Indicators a target can be set for: figures, not text or yes/no."""
    return selectors.indicators_active().exclude(value_type__in=[ValueType.TEXT, ValueType.YES_NO])


def unit_programs(user: Any, unit: OrgUnit) -> QuerySet[Any]:
    """Programs the user sees in which the unit is a party (for a program's target)."""
    from phoihop.programs.selectors import programs_visible_to

    return programs_visible_to(user).filter(parties__unit=unit).distinct().order_by("-start_year")


def program_targets(user: Any, program: Any) -> QuerySet[Target]:
    return selectors.targets_visible_to(user).filter(program=program)


def program_forms(program: Any) -> list[ReportForm]:
    return list(selectors.forms_active().filter(program=program))


def program_lead_units(user: Any, program: Any) -> list[OrgUnit]:
    """The program's parties the user can see, lead first."""
    from phoihop.accounts.selectors import units_visible_to

    visible = set(
        units_visible_to(user)
        .filter(pk__in=program.parties.values("unit_id"))
        .values_list("pk", flat=True)
    )
    return [
        party.unit
        for party in program.parties.select_related("unit").order_by("role", "pk")
        if party.unit_id in visible
    ]


def forms_with_units(user: Any) -> list[tuple[ReportForm, list[OrgUnit]]]:
    """Each active form with the user's own units that report it (for the index page)."""
    from phoihop.accounts.models import Membership

    units = [
        m.unit for m in Membership.objects.filter(user=user).select_related("unit", "unit__level")
    ]
    out = []
    for form in selectors.forms_active():
        levels = {level.pk for level in form.levels.all()}
        out.append((form, [u for u in units if u.level_id in levels]))
    return out


def catalog(query: str = "") -> list[Indicator]:
    """The active indicators whose code or name holds every word of ``query`` (any accents);
    the catalog is small, so it is filtered here rather than with a stored search key."""
    from phoihop.core.text import fold

    tokens = fold(query).split()
    return [
        indicator
        for indicator in selectors.indicators_active()
        if all(token in fold(f"{indicator.code} {indicator.name}") for token in tokens)
    ]


def indicator_detail(code: str) -> Indicator | None:
    return selectors.indicator_by_code(code)


def forms_of_indicator(indicator: Indicator) -> list[ReportForm]:
    return list(selectors.forms_active().filter(items__indicator=indicator).distinct())
