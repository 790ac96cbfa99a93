"""What the indicator pages show, built on the engine's selectors (reads only).

The engine (``selectors``, ``services``, ``validation``) knows values, roll-ups and workflow;
this module shapes them for the pages: the rows and cells of the entry grid, the history of a
figure, the approver's queue, completeness drilled down the tree, dashboards.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from phoihop.accounts import roles
from phoihop.accounts.selectors import units_reachable, units_visible_to
from phoihop.core.models import AuditEntry
from phoihop.indicators import selectors
from phoihop.indicators.enums import Source, SubmissionState, ValueType
from phoihop.indicators.formatting import vi_number, vi_percent
from phoihop.indicators.models import (
    Category,
    DataValue,
    Indicator,
    ReportForm,
    Submission,
)
from phoihop.indicators.periods import Period, parse_period, period_containing
from phoihop.indicators.rules import approver_unit, reaches
from phoihop.indicators.services import ValueEntry
from phoihop.indicators.validation import Issue, parse_number, values_check
from phoihop.orgs.models import OrgPlacement, OrgUnit
from phoihop.orgs.selectors import today

# --- lookups ---------------------------------------------------------------------------------


def unit_for(user: Any, pk: int) -> OrgUnit | None:
    """A unit the user can see (else None: the page answers 404)."""
    return units_visible_to(user).select_related("level", "system").filter(pk=pk).first()


def form_for(code: str) -> ReportForm | None:
    return selectors.form_by_code(code)


def period_or_none(text: str) -> Period | None:
    try:
        return parse_period(text)
    except Exception:
        return None


def current_period(form: ReportForm, day: dt.date | None = None) -> Period:
    return period_containing(day or today(), form.period_type, form.cutoff_day)


def period_choices(form: ReportForm, around: Period, count: int = 8) -> list[Period]:
    """``count`` periods of the form's type, newest first: up to the one after today's, or
    around ``around`` when it is older than that."""
    last = current_period(form).next()
    window = [last]
    while len(window) < count:
        window.append(window[-1].previous())
    if around < window[-1] or around > last:
        last = around.next().next()
        window = [last]
        while len(window) < count:
            window.append(window[-1].previous())
    return window


def value_text(indicator: Indicator, value: Any) -> str:
    if value is None:
        return ""
    if indicator.value_type == ValueType.PERCENT:
        return vi_percent(value)
    if indicator.value_type == ValueType.YES_NO:
        return _("Yes") if value else _("No")
    return vi_number(value)


def percent_of(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return numerator * 100 / denominator


# --- the entry grid --------------------------------------------------------------------------


@dataclass
class Cell:
    name: str  # the input's name in the form
    label: str
    value: str  # as shown in the input
    previous: str = ""  # last period's figure, as text
    col: int = 0
    kind: str = "number"  # number, text, yesno


@dataclass
class EntryRow:
    index: int
    indicator: Indicator
    cells: list[Cell]
    comment: str
    total: str = ""  # derived total (split) or the percentage (percent)
    previous_total: str = ""
    computed: str = ""  # the figure computed from activities
    issues: list[Issue] = field(default_factory=list)

    @property
    def is_computed(self) -> bool:
        return self.indicator.source == Source.COMPUTED

    @property
    def has_soft(self) -> bool:
        return any(issue.severity == "soft" for issue in self.issues)


def _input(value: Decimal | None) -> str:
    """A stored figure as typed back in a cell: 1.234.567 and 61,5 (Vietnamese)."""
    return "" if value is None else vi_number(value, None)


def _cells(indicator: Indicator, row: selectors.GridRow) -> list[Cell]:
    pk = indicator.pk
    kind = indicator.value_type
    if kind == ValueType.TEXT:
        stored = row.values.get(None)
        return [Cell(f"i{pk}-text", _("Text"), stored.text if stored else "", kind="text")]
    if kind == ValueType.PERCENT:
        stored, before = row.values.get(None), row.previous.get(None)
        return [
            Cell(
                f"i{pk}-num",
                _("Count"),
                _input(stored.numerator if stored else None),
                _input(before.numerator if before else None),
                col=0,
            ),
            Cell(
                f"i{pk}-den",
                _("Of total"),
                _input(stored.denominator if stored else None),
                _input(before.denominator if before else None),
                col=1,
            ),
        ]
    if row.categories:
        return [
            Cell(
                f"i{pk}-c{category.pk}",
                category.name,
                _input(row.values[category.pk].value if category.pk in row.values else None),
                _input(row.previous[category.pk].value if category.pk in row.previous else None),
                col=index,
                kind="yesno" if kind == ValueType.YES_NO else "number",
            )
            for index, category in enumerate(row.categories)
        ]
    stored, before = row.values.get(None), row.previous.get(None)
    return [
        Cell(
            f"i{pk}-v",
            _("Value"),
            _input(stored.value if stored else None),
            value_text(indicator, before.value) if before else "",
            col=0,
            kind="yesno" if kind == ValueType.YES_NO else "number",
        )
    ]


def _totals(indicator: Indicator, row: selectors.GridRow) -> tuple[str, str]:
    """(this period, last period) of the derived figure: the sum of a split, or the %."""
    if indicator.value_type == ValueType.PERCENT:
        out = []
        for values in (row.values, row.previous):
            stored = values.get(None)
            share = percent_of(stored.numerator, stored.denominator) if stored else None
            out.append(vi_percent(share) if share is not None else "")
        return out[0], out[1]
    if row.categories:
        previous = [v.value for v in row.previous.values() if v.value is not None]
        before = vi_number(sum(previous, Decimal(0))) if previous else ""
        return (vi_number(row.total) if row.total is not None else ""), before
    return "", ""


def issues_by_indicator(unit: OrgUnit, form: ReportForm, period: str) -> dict[str, list[Issue]]:
    found: dict[str, list[Issue]] = defaultdict(list)
    indicators = selectors.form_indicators(form)
    for issue in values_check(unit=unit, period=period, indicators=indicators):
        found[issue.indicator_code].append(issue)
    return found


def entry_rows(unit: OrgUnit, form: ReportForm, period: str) -> list[EntryRow]:
    """One row per indicator of the form, with its cells, last period's figures and issues."""
    issues = issues_by_indicator(unit, form, period)
    rows = []
    for index, row in enumerate(selectors.grid(unit, form, period)):
        indicator = row.indicator
        total, previous_total = _totals(indicator, row)
        comments = [v.comment for v in row.values.values() if v.comment]
        rows.append(
            EntryRow(
                index=index,
                indicator=indicator,
                cells=[] if indicator.source == Source.COMPUTED else _cells(indicator, row),
                comment=comments[0] if comments else "",
                total=total,
                previous_total=previous_total,
                computed=value_text(indicator, row.computed) if row.computed is not None else "",
                issues=issues.get(indicator.code, []),
            )
        )
    return rows


class CellError(Exception):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name, self.message = name, message


def _number(data: Mapping[str, Any], name: str, label: str) -> Decimal | None:
    raw = str(data.get(name, "") or "").strip()
    if raw.lower() in {"có", "co", "yes"}:
        return Decimal(1)
    if raw.lower() in {"không", "khong", "no"}:
        return Decimal(0)
    try:
        return parse_number(raw)
    except ValueError:
        raise CellError(
            name,
            _("“%(text)s” is not a number (%(label)s): write 1.234.567 or 61,5.")
            % {"text": raw[:30], "label": label},
        ) from None


def row_entries(indicator: Indicator, data: Mapping[str, Any]) -> list[ValueEntry]:
    """The figures of one grid row as typed (``i<pk>-…`` fields), ready for the service.

    Raises ``CellError`` for a cell that is not a number. The row's comment goes with each of
    its figures, so a soft rule sees it whichever category it checks.
    """
    pk = indicator.pk
    comment = str(data.get(f"i{pk}-comment", "") or "")[:2000]
    kind = indicator.value_type
    if kind == ValueType.TEXT:
        text = str(data.get(f"i{pk}-text", "") or "")
        return [ValueEntry(indicator, text=text, comment=comment)]
    if kind == ValueType.PERCENT:
        return [
            ValueEntry(
                indicator,
                numerator=_number(data, f"i{pk}-num", _("Count")),
                denominator=_number(data, f"i{pk}-den", _("Of total")),
                comment=comment,
            )
        ]
    categories = selectors.categories_of(indicator)
    if categories:
        return [
            ValueEntry(
                indicator,
                category=category,
                value=_number(data, f"i{pk}-c{category.pk}", category.name),
                comment=comment,
            )
            for category in categories
        ]
    return [ValueEntry(indicator, value=_number(data, f"i{pk}-v", indicator.name), comment=comment)]


def form_indicator(form: ReportForm, pk: Any) -> Indicator | None:
    """The indicator ``pk`` if it is on the form (a forged id gives None)."""
    if not str(pk).isdigit():
        return None
    return next((i for i in selectors.form_indicators(form) if i.pk == int(pk)), None)


# --- submission state and permissions --------------------------------------------------------


@dataclass
class EntryState:
    submission: Submission | None
    can_enter: bool
    can_approve: bool
    deadline: dt.date

    @property
    def state(self) -> str:
        return self.submission.state if self.submission else SubmissionState.DRAFT

    @property
    def locked(self) -> bool:
        return self.state in (SubmissionState.SUBMITTED, SubmissionState.APPROVED)

    @property
    def editable(self) -> bool:
        return self.can_enter and not self.locked and self.state != SubmissionState.WAIVED

    @property
    def overdue(self) -> bool:
        return not self.locked and today() > self.deadline


def entry_state(user: Any, unit: OrgUnit, form: ReportForm, period: str) -> EntryState:
    return EntryState(
        submission=selectors.submission_of(unit, form, period),
        can_enter=reaches(user, unit, roles.EDIT),
        can_approve=reaches(user, approver_unit(unit), roles.APPROVE),
        deadline=selectors.deadline_of(form, period),
    )


def submission_for(user: Any, pk: int) -> Submission | None:
    """A submission of a unit the user can see."""
    return (
        selectors.submissions_visible_to(user)
        .select_related("unit", "form", "submitted_by", "decided_by")
        .filter(pk=pk)
        .first()
    )


# --- history ---------------------------------------------------------------------------------


@dataclass
class HistoryLine:
    when: dt.datetime
    who: str
    category: str
    field: str
    old: str
    new: str


FIELD_LABELS = {
    "value": "Value",
    "numerator": "Count",
    "denominator": "Of total",
    "text": "Text",
    "comment": "Comment",
}


def value_history(unit: OrgUnit, indicator: Indicator, period: str) -> list[HistoryLine]:
    """Every change of the unit's figures for one indicator and period, newest first."""
    values = DataValue.objects.filter(unit=unit, indicator=indicator, period=period)
    names = dict(
        Category.objects.filter(set_id=indicator.disaggregation_id).values_list("code", "name")
    )
    entries = (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(DataValue),
            object_id__in=[str(pk) for pk in values.values_list("pk", flat=True)],
        )
        .select_related("actor")
        .order_by("-created_at", "-pk")
    )
    lines = []
    for entry in entries:
        data = entry.data or {}
        for key, label in FIELD_LABELS.items():
            change = data.get(key)
            if not isinstance(change, dict):
                continue
            lines.append(
                HistoryLine(
                    when=entry.created_at,
                    who=str(entry.actor) if entry.actor else _("system"),
                    category=names.get(data.get("category") or "", ""),
                    field=_(label),
                    old=_shown(change.get("old")),
                    new=_shown(change.get("new")),
                )
            )
    return lines


def _shown(raw: Any) -> str:
    if raw in (None, ""):
        return "—"
    try:
        return vi_number(Decimal(str(raw)))
    except ArithmeticError:
        return str(raw)


def submission_history(submission: Submission) -> QuerySet[AuditEntry]:
    return (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Submission),
            object_id=str(submission.pk),
        )
        .select_related("actor")
        .order_by("-created_at", "-pk")
    )


# --- approver's queue ------------------------------------------------------------------------


def _decided_by(user: Any) -> Q:
    """Submissions whose unit the user approves for: the unit's parent today (its open
    placement) is within the user's approver reach, or the unit is a root the user reaches.
    The same rule as ``rules.approver_unit``, as one condition instead of a check per row."""
    approvers = units_reachable(user, roles.APPROVE).values("pk")
    open_placements = OrgPlacement.objects.filter(valid_to__isnull=True)
    under = open_placements.filter(parent__in=approvers).values("unit_id")
    roots = open_placements.filter(parent__isnull=True, unit__in=approvers).values("unit_id")
    return Q(unit_id__in=under) | Q(unit_id__in=roots)


def approval_queue(user: Any, limit: int = 200) -> list[Submission]:
    """Reports submitted by units the user approves for, oldest period first."""
    return list(
        Submission.objects.filter(_decided_by(user), state=SubmissionState.SUBMITTED)
        .select_related("unit", "form")
        .order_by("period", "submitted_at", "pk")[:limit]
    )


def decided_recently(user: Any, limit: int = 20) -> list[Submission]:
    """Approved, returned or waived reports the user decided on or may unlock."""
    return list(
        Submission.objects.filter(
            _decided_by(user),
            state__in=[SubmissionState.APPROVED, SubmissionState.WAIVED, SubmissionState.RETURNED],
        )
        .select_related("unit", "form", "decided_by")
        .order_by("-decided_at", "-pk")[:limit]
    )
