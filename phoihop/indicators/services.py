"""Writes: values (single and batch, all or nothing), the submission workflow, targets.

Every function checks the permission itself, writes audit entries, and keeps the roll-up data
(``rollups``) up to date in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import roles
from phoihop.core.audit import log_action
from phoihop.core.exceptions import DomainError
from phoihop.indicators import rollups, selectors
from phoihop.indicators.enums import Aggregation, Source, SubmissionState, ValueType
from phoihop.indicators.models import (
    Category,
    DataValue,
    Indicator,
    ReportForm,
    Submission,
    Target,
)
from phoihop.indicators.periods import parse_period
from phoihop.indicators.rules import approver_unit, reaches
from phoihop.indicators.validation import Figure, entry_errors, values_check
from phoihop.orgs.models import OrgUnit

LOCKED_STATES = [SubmissionState.SUBMITTED, SubmissionState.APPROVED]
UNSEEN = object()


@dataclass
class ValueEntry:
    """One figure to save. Leave every number empty (and no text) to clear a value."""

    indicator: Indicator
    category: Category | None = None
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    text: str = ""
    comment: str = ""
    # The value the user saw before editing (the grid sends it): when given and the stored value
    # differs, someone else changed it meanwhile and the save is refused rather than overwriting.
    seen: Decimal | object | None = field(default=UNSEEN, compare=False)


class ValuesInvalid(DomainError):
    """Some entries were refused; nothing was saved. ``errors`` is ``[(index, message)]``, the
    index being the entry's position in the batch."""

    def __init__(self, errors: list[tuple[int, str]]) -> None:
        first = errors[0][1] if errors else ""
        super().__init__(
            _("%(n)d figures could not be saved: %(first)s") % {"n": len(errors), "first": first}
            if len(errors) > 1
            else first
        )
        self.errors = errors


def _require(user: Any, unit: OrgUnit, action: str) -> None:
    if not reaches(user, unit, action):
        raise DomainError(_("You do not have permission for this unit."))


def _require_approver(user: Any, unit: OrgUnit) -> None:
    if not reaches(user, approver_unit(unit), roles.APPROVE):
        raise DomainError(_("Only an approver of the level above can decide on this report."))


def _locked_by(unit: OrgUnit, period: str, indicator_ids: Iterable[int]) -> Submission | None:
    return (
        Submission.objects.filter(
            unit=unit,
            period=period,
            state__in=LOCKED_STATES,
            form__items__indicator_id__in=list(indicator_ids),
        )
        .select_related("form")
        .first()
    )


def _entry_problem(entry: ValueEntry) -> str | None:
    indicator = entry.indicator
    if indicator.source == Source.COMPUTED:
        return _("%(code)s is computed from activities and cannot be typed.") % {
            "code": indicator.code
        }
    if entry.category is not None and entry.category.set_id != indicator.disaggregation_id:
        return _("This category does not belong to %(code)s.") % {"code": indicator.code}
    if entry.category is None and indicator.disaggregation_id is not None:
        return _("Enter %(code)s by category; its total is derived.") % {"code": indicator.code}
    errors = entry_errors(indicator, _figure(entry))
    return errors[0] if errors else None


def _figure(entry: ValueEntry) -> Figure:
    return Figure(entry.value, entry.numerator, entry.denominator, entry.text, entry.comment)


def _fields(entry: ValueEntry) -> dict[str, Any]:
    kind = entry.indicator.value_type
    return {
        "value": entry.value if kind not in (ValueType.PERCENT, ValueType.TEXT) else None,
        "numerator": entry.numerator if kind == ValueType.PERCENT else None,
        "denominator": entry.denominator if kind == ValueType.PERCENT else None,
        "text": entry.text.strip() if kind == ValueType.TEXT else "",
        "comment": entry.comment.strip(),
    }


@transaction.atomic
def values_save_batch(
    *,
    unit: OrgUnit,
    period: str,
    entries: list[ValueEntry],
    actor: Any,
    reject_hard_rules: bool = False,
) -> list[DataValue]:
    """Save the figures of one unit and period, all or nothing.

    Refuses (``ValuesInvalid``, nothing written) any entry that is not a valid figure, a computed
    indicator, a wrong category, values locked by a submitted or approved report, and with
    ``reject_hard_rules`` (Excel uploads) any hard-rule violation the batch would leave.
    Side effects: one ``phoihop.datavalue.changed`` audit entry per changed value (old → new);
    the roll-ups of every ancestor, in both structures, in the same transaction.
    """
    _require(actor, unit, roles.EDIT)
    period = str(parse_period(period))
    errors = [(i, msg) for i, e in enumerate(entries) if (msg := _entry_problem(e))]
    keys = [(e.indicator.pk, e.category.pk if e.category else None) for e in entries]
    errors += [(i, _("This figure appears twice.")) for i, k in enumerate(keys) if k in keys[:i]]
    if errors:
        raise ValuesInvalid(sorted(errors))
    locked = _locked_by(unit, period, {k[0] for k in keys})
    if locked:
        raise DomainError(
            _("The report “%(form)s” for %(period)s is %(state)s: its figures are locked.")
            % {"form": locked.form, "period": period, "state": locked.get_state_display().lower()}
        )
    if reject_hard_rules:
        pending = {k: _figure(e) for k, e in zip(keys, entries, strict=True)}
        hard = [
            i
            for i in values_check(unit=unit, period=period, pending=pending)
            if i.severity == "hard"
        ]
        if hard:
            index = {k[0]: n for n, k in enumerate(keys)}
            codes = {e.indicator.code: e.indicator.pk for e in entries}
            raise ValuesInvalid(
                [(index.get(codes.get(i.indicator_code), 0), i.message) for i in hard]
            )
    # Lock the unit's existing rows of these indicators, so concurrent saves queue up here.
    condition = Q(period=period, indicator_id__in={k[0] for k in keys})
    existing = {
        (v.indicator_id, v.category_id): v
        for v in DataValue.objects.select_for_update().filter(condition, unit=unit)
    }
    # Every row of these indicators is in ``existing``: the contributions before and after the
    # save come from memory, not from two more queries.
    types = {e.indicator.pk: e.indicator.value_type for e in entries}
    stale = [
        (i, _("Someone else changed this figure meanwhile: reload and check it."))
        for i, (key, entry) in enumerate(zip(keys, entries, strict=True))
        if entry.seen is not UNSEEN
        and _stored_number(existing.get(key), entry.indicator.value_type) != _plain(entry.seen)
    ]
    if stale:
        raise ValuesInvalid(stale)
    before = rollups.rows_contributions(existing.values(), types)
    saved = []
    try:
        with transaction.atomic():
            for key, entry in zip(keys, entries, strict=True):
                saved.append(_save_one(unit, period, entry, existing.get(key), actor))
                existing[key] = saved[-1]
    except IntegrityError as exc:  # a concurrent first save of the same figure won the race
        raise DomainError(
            _("Someone else saved these figures at the same moment: try again.")
        ) from exc
    after = rollups.rows_contributions(existing.values(), types)
    rollups.rollup_apply(unit_id=unit.pk, before=before, after=after)
    return saved


def _save_one(
    unit: OrgUnit, period: str, entry: ValueEntry, row: DataValue | None, actor: Any
) -> DataValue:
    fields = _fields(entry)
    if row is None:
        row = DataValue(
            unit=unit, indicator=entry.indicator, period=period, category=entry.category
        )
        old = dict.fromkeys(fields)
    else:
        old = {name: getattr(row, name) for name in fields}
    diff = {
        name: {"old": _plain(old[name]), "new": _plain(new)}
        for name, new in fields.items()
        if _plain(old[name]) != _plain(new)
    }
    if not diff:
        return row
    for name, new in fields.items():
        setattr(row, name, new)
    row.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    row.save()
    log_action(
        row,
        "phoihop.datavalue.changed",
        actor=actor,
        data={
            "indicator": entry.indicator.code,
            "period": period,
            "category": entry.category.code if entry.category else None,
            **diff,
        },
    )
    return row


def _stored_number(row: DataValue | None, kind: str) -> Any:
    if row is None:
        return None
    return _plain(row.numerator if kind == ValueType.PERCENT else row.value)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value if value != "" else None


def value_save(
    *,
    unit: OrgUnit,
    indicator: Indicator,
    period: str,
    actor: Any,
    value: Decimal | None = None,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    text: str = "",
    category: Category | None = None,
    comment: str = "",
) -> DataValue:
    """Save one figure (the grid's autosave). Same checks and side effects as the batch."""
    entry = ValueEntry(indicator, category, value, numerator, denominator, text, comment)
    return values_save_batch(unit=unit, period=period, entries=[entry], actor=actor)[0]


# --- workflow --------------------------------------------------------------------------------


def _submission(unit: OrgUnit, form: ReportForm, period: str) -> Submission:
    submission, _created = Submission.objects.select_for_update().get_or_create(
        unit=unit, form=form, period=period
    )
    return submission


def _log(submission: Submission, action: str, actor: Any, old: str, **data: Any) -> None:
    log_action(
        submission,
        f"phoihop.submission.{action}",
        actor=actor,
        data={"state": {"old": old, "new": submission.state}, **data},
    )


@transaction.atomic
def submission_submit(*, unit: OrgUnit, form: ReportForm, period: str, actor: Any) -> Submission:
    """Send the unit's report to the level above (draft or returned → submitted).

    Refused while a hard rule is broken or a soft one has no comment. The figures are then
    locked. Side effects: audit ``phoihop.submission.submitted``.
    """
    _require(actor, unit, roles.EDIT)
    period = str(parse_period(period))
    submission = _submission(unit, form, period)
    if submission.state not in (SubmissionState.DRAFT, SubmissionState.RETURNED):
        raise DomainError(
            _("This report has already been %(state)s.")
            % {"state": submission.get_state_display().lower()}
        )
    blocking = [
        i
        for i in values_check(unit=unit, period=period, indicators=selectors.form_indicators(form))
        if i.blocks
    ]
    if blocking:
        raise DomainError(
            _("The report cannot be sent: %(issues)s")
            % {"issues": "; ".join(f"{i.indicator_code}: {i.message}" for i in blocking[:5])}
        )
    old = submission.state
    submission.state = SubmissionState.SUBMITTED
    submission.submitted_at = timezone.now()
    submission.submitted_by = actor if getattr(actor, "is_authenticated", False) else None
    submission.save()
    _log(submission, "submitted", actor, old)
    return submission


@transaction.atomic
def submission_return(*, submission: Submission, comment: str, actor: Any) -> Submission:
    """Send a submitted report back to its unit with a comment (submitted → returned).

    Side effects: audit ``phoihop.submission.returned`` with the comment.
    """
    _require_approver(actor, submission.unit)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.state != SubmissionState.SUBMITTED:
        raise DomainError(_("Only a submitted report can be returned."))
    if not comment.strip():
        raise DomainError(_("Say why the report is returned."), field="comment")
    old = submission.state
    submission.state = SubmissionState.RETURNED
    submission.comment = comment.strip()
    submission.decided_at, submission.decided_by = timezone.now(), _user(actor)
    submission.save()
    _log(submission, "returned", actor, old, comment=submission.comment)
    return submission


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _set_approved(submission: Submission, approved: bool) -> None:
    """Flag the report's values approved (or not) and move them in the approved roll-ups."""
    indicator_ids = list(submission.form.items.values_list("indicator_id", flat=True))
    condition = Q(period=submission.period, indicator_id__in=indicator_ids)
    before = rollups.unit_contributions(submission.unit_id, condition)
    DataValue.objects.filter(condition, unit_id=submission.unit_id).update(approved=approved)
    after = rollups.unit_contributions(submission.unit_id, condition)
    rollups.rollup_apply(unit_id=submission.unit_id, before=before, after=after)


@transaction.atomic
def submission_approve(*, submission: Submission, actor: Any) -> Submission:
    """Approve a submitted report (submitted → approved); its figures stay locked.

    Refused until every reporting unit directly below is approved or waived with a reason.
    Side effects: the values are flagged approved (the "approved data only" roll-ups change in
    the same transaction); audit ``phoihop.submission.approved``.
    """
    _require_approver(actor, submission.unit)
    submission = (
        Submission.objects.select_related("form", "unit").select_for_update().get(pk=submission.pk)
    )
    if submission.state != SubmissionState.SUBMITTED:
        raise DomainError(_("Only a submitted report can be approved."))
    children = selectors.reporting_children(submission.unit, submission.form, submission.period)
    done = set(
        Submission.objects.filter(
            form=submission.form,
            period=submission.period,
            unit__in=children,
            state__in=[SubmissionState.APPROVED, SubmissionState.WAIVED],
        ).values_list("unit_id", flat=True)
    )
    waiting = [c for c in children if c.pk not in done]
    if waiting:
        raise DomainError(
            _("Approve or waive the reports of the units below first: %(units)s")
            % {"units": ", ".join(str(u) for u in waiting[:5]) + (" …" if len(waiting) > 5 else "")}
        )
    old = submission.state
    submission.state = SubmissionState.APPROVED
    submission.decided_at, submission.decided_by = timezone.now(), _user(actor)
    submission.save()
    _set_approved(submission, True)
    _log(submission, "approved", actor, old)
    return submission


@transaction.atomic
def submission_waive(
    *, unit: OrgUnit, form: ReportForm, period: str, reason: str, actor: Any
) -> Submission:
    """Excuse a unit from reporting (e.g. dissolved mid-period), so the level above can approve.

    Side effects: audit ``phoihop.submission.waived`` with the reason.
    """
    _require_approver(actor, unit)
    if not reason.strip():
        raise DomainError(_("Give the reason for the waiver."), field="reason")
    submission = _submission(unit, form, str(parse_period(period)))
    if submission.state == SubmissionState.APPROVED:
        raise DomainError(_("An approved report cannot be waived; unlock it first."))
    old = submission.state
    submission.state = SubmissionState.WAIVED
    submission.waiver_reason = reason.strip()
    submission.decided_at, submission.decided_by = timezone.now(), _user(actor)
    submission.save()
    _log(submission, "waived", actor, old, reason=submission.waiver_reason)
    return submission


@transaction.atomic
def submission_unlock(*, submission: Submission, reason: str, actor: Any) -> Submission:
    """Reopen an approved (or waived) report for correction (→ returned), by an approver.

    Side effects: values no longer count as approved; audit ``phoihop.submission.unlocked``
    with the reason.
    """
    _require_approver(actor, submission.unit)
    submission = (
        Submission.objects.select_related("form", "unit").select_for_update().get(pk=submission.pk)
    )
    if submission.state not in (SubmissionState.APPROVED, SubmissionState.WAIVED):
        raise DomainError(_("Only an approved or waived report can be unlocked."))
    if not reason.strip():
        raise DomainError(_("Say why the report is unlocked."), field="reason")
    old = submission.state
    submission.state = SubmissionState.RETURNED
    submission.comment = reason.strip()
    submission.decided_at, submission.decided_by = timezone.now(), _user(actor)
    submission.save()
    if old == SubmissionState.APPROVED:
        _set_approved(submission, False)
    _log(submission, "unlocked", actor, old, reason=submission.comment)
    return submission


# --- targets ---------------------------------------------------------------------------------


@transaction.atomic
def target_set(
    *,
    unit: OrgUnit,
    indicator: Indicator,
    period: str,
    value: Decimal,
    actor: Any,
    program: Any = None,
) -> Target:
    """Set (or change) a target. Side effects: audit ``phoihop.target.set`` (old → new)."""
    _require(actor, unit, roles.EDIT)
    period = str(parse_period(period))
    if value is None or value < 0 or value > Decimal("1e15"):
        raise DomainError(_("Enter a target of 0 or more."), field="value")
    if indicator.aggregation == Aggregation.RATIO and value > 100:
        raise DomainError(_("A percentage target must be between 0 and 100%."), field="value")
    target, _created = Target.objects.select_for_update().get_or_create(
        unit=unit,
        indicator=indicator,
        period=period,
        program=program,
        defaults={"value": value},
    )
    old = None if _created else target.value
    if not _created and target.value != value:
        target.value = value
        target.save()
    log_action(
        target,
        "phoihop.target.set",
        actor=actor,
        data={"value": {"old": _plain(old), "new": _plain(value)}, "period": period},
    )
    return target


@transaction.atomic
def target_allocate(
    *, parent: Target, allocations: Mapping[OrgUnit, Decimal], actor: Any
) -> list[Target]:
    """Allocate a parent's target to units below it (all or nothing).

    For summable indicators the children's targets may not add up to more than the parent's.
    Side effects: one ``phoihop.target.set`` per child (through ``target_set``), linked to the
    parent; audit ``phoihop.target.allocated``.
    """
    from phoihop.orgs.selectors import subtree

    _require(actor, parent.unit, roles.EDIT)
    below = set(subtree(parent.unit).values_list("pk", flat=True))
    strangers = [u for u in allocations if u.pk not in below or u.pk == parent.unit_id]
    if strangers:
        raise DomainError(
            _("%(unit)s is not below %(parent)s.") % {"unit": strangers[0], "parent": parent.unit}
        )
    total = sum(allocations.values(), Decimal(0))
    others = parent.allocations.exclude(unit__in=list(allocations))
    total += sum(others.values_list("value", flat=True), Decimal(0))
    summable = parent.indicator.aggregation in (Aggregation.SUM, Aggregation.LAST)
    if summable and total > parent.value:
        raise DomainError(
            _("The units' targets add up to %(total)s, more than the target of %(parent)s.")
            % {"total": _plain(total), "parent": _plain(parent.value)}
        )
    children = []
    for unit, value in allocations.items():
        child = target_set(
            unit=unit,
            indicator=parent.indicator,
            period=parent.period,
            value=value,
            actor=actor,
            program=parent.program,
        )
        if child.parent_id != parent.pk:
            child.parent = parent
            child.save(update_fields=["parent", "updated_at"])
        children.append(child)
    log_action(
        parent,
        "phoihop.target.allocated",
        actor=actor,
        data={"units": {str(u): str(v) for u, v in allocations.items()}},
    )
    return children
