"""Writes to activities: create, update, merge duplicates, attach evidence. All audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.accounts.permissions import PermissionRefused, require
from phoihop.activities import selectors
from phoihop.activities.enums import FundingSource, OrganizerRole
from phoihop.activities.models import (
    Activity,
    ActivityCost,
    ActivityOrganizer,
    Evidence,
)
from phoihop.core import concurrency
from phoihop.core.audit import changes, log_action, snapshot
from phoihop.core.exceptions import DomainError
from phoihop.core.numbers import MAX_AMOUNT, MAX_COUNT, grouped
from phoihop.core.text import fold, nfc
from phoihop.core.uploads import check_attachment

ACTIVITY_FIELDS = [
    "title",
    "kind",
    "starts_on",
    "ends_on",
    "place",
    "area",
    "program",
    "participants",
    "participants_women",
    "union_members",
    "women_members",
    "workers",
    "beneficiaries",
    "benefits",
    "benefits_value",
    "description",
    "source",
    "source_ref",
]


COUNT_FIELDS = (
    "participants",
    "participants_women",
    "union_members",
    "women_members",
    "workers",
    "beneficiaries",
)


def _check_bounds(activity: Activity) -> None:
    """Every count and amount within ``core.numbers``' bounds (the database checks them too)."""
    limits = {**dict.fromkeys(COUNT_FIELDS, MAX_COUNT), "benefits_value": MAX_AMOUNT}
    for name, limit in limits.items():
        value = getattr(activity, name)
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= limit:
            raise DomainError(
                _("%(field)s must be a whole number from 0 to %(limit)s.")
                % {"field": Activity._meta.get_field(name).verbose_name, "limit": grouped(limit)},
                field=name,
            )


def _check_costs(costs: dict[str, int]) -> None:
    amounts = list(costs.values())
    if any(not 0 <= amount <= MAX_AMOUNT for amount in amounts) or sum(amounts) > MAX_AMOUNT:
        raise DomainError(
            _("The costs must be from 0 to %(limit)s VND, in all.")
            % {"limit": grouped(MAX_AMOUNT)},
            field="costs",
        )


def _validate(activity: Activity) -> None:
    _check_bounds(activity)
    if not activity.title.strip():
        raise DomainError(_("Enter the activity's title."), field="title")
    if activity.ends_on and activity.ends_on < activity.starts_on:
        raise DomainError(_("The activity cannot end before it starts."), field="ends_on")
    if activity.participants_women > activity.participants:
        raise DomainError(
            _("There cannot be more women (%(women)d) than participants (%(total)d).")
            % {"women": activity.participants_women, "total": activity.participants},
            field="participants_women",
        )
    for name in ("union_members", "women_members", "workers"):
        value = getattr(activity, name)
        if value is not None and value > activity.participants:
            raise DomainError(
                _("A group of participants cannot be larger than the total."), field=name
            )
    if activity.program_id and not (
        activity.program.start_year
        <= activity.starts_on.year
        <= (activity.program.end_year or activity.program.start_year)
    ):
        raise DomainError(
            _("The activity's date is outside the program's phase (%(phase)s).")
            % {"phase": activity.program.phase_label},
            field="program",
        )


def search_text_of(activity: Activity, unit_names: Sequence[str]) -> str:
    """The folded words an activity is found by: title, place, kind and every written form of
    every organizer (name, short name, abbreviations), so "Hội LHPN Hà Nội" finds the
    activities it co-organized."""
    names = [activity.title, activity.place, activity.kind.name, *unit_names]
    return fold(" ".join(n for n in names if n))


def organizer_copies(activity: Activity) -> dict[str, Any]:
    """What each organizer row keeps of its activity (``models.COPIED_FIELDS`` and the date)."""
    return {
        "starts_on": activity.starts_on,
        "counted": activity.merged_into_id is None,
        "kind_id": activity.kind_id,
        "participants": activity.participants,
        "participants_women": activity.participants_women,
        "beneficiaries": activity.beneficiaries,
        "total_cost": activity.total_cost,
        "search_text": activity.search_text,
    }


def _refresh_copies(activity: Activity) -> None:
    """Recompute the activity's search words and rewrite its organizer rows' copies; every
    service that changes an activity ends with this."""
    names = [o.unit.search_text for o in activity.organizers.select_related("unit")]
    activity.search_text = search_text_of(activity, names)
    Activity.objects.filter(pk=activity.pk).update(search_text=activity.search_text)
    ActivityOrganizer.objects.filter(activity=activity).update(**organizer_copies(activity))


def _check_organizers(activity: Activity, organizers: Sequence[tuple[Any, str]]) -> None:
    units = [unit for unit, _role in organizers]
    if not units:
        raise DomainError(_("Name at least one organizing unit."), field="organizers")
    for unit in units:
        if not unit.is_valid_on(activity.starts_on):
            raise DomainError(
                _("%(unit)s did not exist on %(day)s: choose the unit that carried its work then.")
                % {"unit": unit, "day": activity.starts_on.strftime("%d/%m/%Y")},
                field="organizers",
            )
    if len({u.pk for u in units}) != len(units):
        raise DomainError(_("The same unit is listed twice among the organizers."))


def _write_organizers(activity: Activity, organizers: Sequence[tuple[Any, str]]) -> list[str]:
    _check_organizers(activity, organizers)
    units = [unit for unit, _role in organizers]
    activity.organizers.all().delete()
    ActivityOrganizer.objects.bulk_create(
        ActivityOrganizer(
            activity=activity,
            unit=unit,
            role=role or OrganizerRole.PARTNER,
            starts_on=activity.starts_on,
        )
        for unit, role in organizers
    )
    return [str(u) for u in units]


def _write_costs(activity: Activity, costs: dict[str, int]) -> dict[str, int]:
    clean = {source: int(amount) for source, amount in costs.items() if amount}
    _check_costs(clean)
    activity.costs.all().delete()
    ActivityCost.objects.bulk_create(
        ActivityCost(activity=activity, source=source, amount=amount)
        for source, amount in clean.items()
    )
    activity.total_cost = sum(clean.values())
    Activity.objects.filter(pk=activity.pk).update(total_cost=activity.total_cost)
    return clean


def _check_content_areas(activity: Activity, content_areas: Sequence[Any]) -> None:
    wrong = [a for a in content_areas if a.program_id != activity.program_id]
    if wrong:
        raise DomainError(_("A content area must belong to the activity's program."))


def _require_edit(actor: Any, activity: Activity) -> None:
    require(
        actor,
        "activities.change_activity",
        activity,
        _("Only an editor of one of the activity's organizers can change it."),
    )


def _require_an_organizer(actor: Any, organizers: Sequence[tuple[Any, str]]) -> None:
    if not organizers:
        return  # refused by _check_organizers with its own message
    permissions.require_any_unit(
        actor,
        permissions.EDIT,
        [unit for unit, _role in organizers],
        _("You can only record activities that one of your units organized."),
    )


def _require_organizer_removal(
    actor: Any, activity: Activity, organizers: Sequence[tuple[Any, str]]
) -> None:
    """An organizer is taken off a joint activity only by its own editor, or by an approver who
    reaches both the lead organizer and the one removed (as for a program's parties)."""
    kept = {unit.pk for unit, _role in organizers}
    current = list(activity.organizers.select_related("unit"))
    removed = [o.unit for o in current if o.unit_id not in kept]
    if not removed:
        return
    lead = next((o.unit for o in current if o.role == OrganizerRole.LEAD), current[0].unit)
    editable = permissions.units_allowed(actor, permissions.EDIT, [u.pk for u in removed])
    approvable = permissions.units_allowed(
        actor, permissions.APPROVE, [lead.pk, *(u.pk for u in removed)]
    )
    for unit in removed:
        if unit.pk not in editable and not {lead.pk, unit.pk} <= approvable:
            raise PermissionRefused(
                _("%(unit)s cannot be removed from this activity without its consent.")
                % {"unit": unit},
                field="organizers",
            )


@transaction.atomic
def activity_create(
    *,
    actor: Any,
    organizers: Sequence[tuple[Any, str]],
    costs: dict[str, int] | None = None,
    content_areas: Sequence[Any] = (),
    audit: bool = True,
    **fields: Any,
) -> Activity:
    """Record an activity with its organizers (each credited) and costs by funding source.

    Side effects: audit ``phoihop.activity.created`` (unless a bulk import logs its own).
    """
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise DomainError(_("Unknown activity fields: %s") % ", ".join(sorted(unknown)))
    _require_an_organizer(actor, organizers)
    activity = Activity(
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **{k: nfc(v) if isinstance(v, str) else v for k, v in fields.items()},
    )
    _validate(activity)
    activity.save()
    names = _write_organizers(activity, organizers)
    _write_costs(activity, costs or {})
    _check_content_areas(activity, content_areas)
    activity.content_areas.set(content_areas)
    _refresh_copies(activity)
    if audit:
        log_action(
            activity,
            "phoihop.activity.created",
            actor=actor,
            data={"title": activity.title, "organizers": names},
        )
    return activity


def _as_submitted(
    fields: dict[str, Any],
    organizers: Sequence[tuple[Any, str]] | None,
    costs: dict[str, int] | None,
) -> dict[str, Any]:
    submitted = dict(fields)
    if organizers is not None:
        submitted["organizers"] = [str(unit) for unit, _role in organizers]
    if costs is not None:
        submitted["costs"] = _costs_shown({s: int(a) for s, a in costs.items() if a})
    return submitted


def _costs_shown(costs: dict[str, int]) -> list[str]:
    return [f"{FundingSource(s).label}: {grouped(a)}" for s, a in sorted(costs.items())]


def _saved_values(current: Any) -> dict[str, Any]:
    return {
        "organizers": [str(o.unit) for o in current.organizers.select_related("unit")],
        "costs": _costs_shown({c.source: c.amount for c in current.costs.all()}),
    }


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    actor: Any,
    organizers: Sequence[tuple[Any, str]] | None = None,
    costs: dict[str, int] | None = None,
    content_areas: Sequence[Any] | None = None,
    version: int | None = None,
    **fields: Any,
) -> Activity:
    """Change an activity. ``version`` is the one the editor was shown: if someone saved the
    activity since, ``EditConflict`` lists what they saved and nothing is written.

    Side effects: audit ``phoihop.activity.updated`` (changed fields); the version goes up."""
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise DomainError(_("Unknown activity fields: %s") % ", ".join(sorted(unknown)))
    _require_edit(actor, activity)
    if activity.merged_into_id:
        raise DomainError(_("This activity was merged into another one and cannot be changed."))
    if organizers is not None:
        _require_an_organizer(actor, organizers)
        _require_organizer_removal(actor, activity, organizers)
    concurrency.claim(
        activity,
        version,
        submitted=_as_submitted(fields, organizers, costs),
        saved_values=_saved_values,
        labels={"organizers": _("Organizers"), "costs": _("Costs")},
    )
    before = snapshot(activity, list(fields))
    for name, value in fields.items():
        setattr(activity, name, nfc(value) if isinstance(value, str) else value)
    _validate(activity)
    diff = changes(before, activity)
    activity.save()
    if organizers is not None:
        old = [str(o.unit) for o in activity.organizers.select_related("unit")]
        new = _write_organizers(activity, organizers)
        if old != new:
            diff["organizers"] = {"old": old, "new": new}
    if costs is not None:
        old_costs = {c.source: c.amount for c in activity.costs.all()}
        new_costs = _write_costs(activity, costs)
        if old_costs != new_costs:
            diff["costs"] = {"old": old_costs, "new": new_costs}
    if content_areas is not None:
        _check_content_areas(activity, content_areas)
        activity.content_areas.set(content_areas)
    _refresh_copies(activity)
    if diff:
        log_action(activity, "phoihop.activity.updated", actor=actor, data=diff)
    return activity


@transaction.atomic
def activity_merge(*, keep: Activity, duplicate: Activity, actor: Any) -> Activity:
    """Two organizers entered the same event: keep one, credit both.

    Needs edit rights on both activities, and the two must look like the same event (the
    likely-duplicate criteria: same days, shared organizers or area, similar title).
    The kept activity gains the duplicate's organizers, content areas and missing costs; the
    duplicate stays on record as merged (and out of every total) and keeps its evidence, which
    is shown with the kept activity to those who could see the duplicate
    (``selectors.evidence_visible_for``).
    Side effects: audit ``phoihop.activity.merged`` on both.
    """
    if keep.pk == duplicate.pk:
        raise DomainError(_("An activity cannot be merged with itself."))
    for activity in (keep, duplicate):
        require(
            actor,
            "activities.change_activity",
            activity,
            _("Merging needs edit rights on both activities: you cannot edit “%(title)s”.")
            % {"title": activity.title},
        )
    if keep.merged_into_id or duplicate.merged_into_id:
        raise DomainError(_("One of these activities has already been merged."))
    if not selectors.plausibly_same_event(keep, duplicate):
        raise DomainError(
            _(
                "These two entries do not look like the same event (same days, a shared "
                "organizer or area, a similar title): they cannot be merged."
            )
        )
    present = set(keep.organizers.values_list("unit_id", flat=True))
    added = [o for o in duplicate.organizers.select_related("unit") if o.unit_id not in present]
    ActivityOrganizer.objects.bulk_create(
        ActivityOrganizer(activity=keep, unit=o.unit, role=o.role, starts_on=keep.starts_on)
        for o in added
    )
    costs = {c.source: c.amount for c in keep.costs.all()}
    for cost in duplicate.costs.all():
        costs.setdefault(cost.source, cost.amount)
    _write_costs(keep, costs)
    keep.content_areas.add(*duplicate.content_areas.filter(program_id=keep.program_id))
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into", "updated_at"])
    concurrency.bump(keep)
    concurrency.bump(duplicate)
    _refresh_copies(keep)
    _refresh_copies(duplicate)  # its organizer rows stop counting
    log_action(
        keep,
        "phoihop.activity.merged",
        actor=actor,
        data={"absorbed": str(duplicate), "organizers_added": [str(o.unit) for o in added]},
    )
    log_action(duplicate, "phoihop.activity.merged", actor=actor, data={"into": str(keep)})
    return keep


def evidence_add(*, activity: Activity, upload: UploadedFile, kind: str, actor: Any) -> Evidence:
    """Attach a photo, minutes or attendance list, within the size and type limits.

    Side effects: the file is stored; audit ``phoihop.activity.evidence_added``.
    """
    _require_edit(actor, activity)
    name = check_attachment(upload)
    evidence = Evidence.objects.create(
        activity=activity,
        kind=kind,
        file=upload,
        original_name=name[:255],
        size=upload.size,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    log_action(
        activity,
        "phoihop.activity.evidence_added",
        actor=actor,
        data={"file": name, "kind": kind, "size": upload.size},
    )
    return evidence


def activity_copy_initial(activity: Activity, *, today: dt.date) -> dict[str, Any]:
    """Form initial data copied from an earlier activity (recurring events), dated today."""
    return {
        "title": activity.title,
        "kind": activity.kind_id,
        "starts_on": today,
        "place": activity.place,
        "area": activity.area.code if activity.area_id else "",
        "program": activity.program_id,
        "participants": activity.participants,
        "participants_women": activity.participants_women,
        "benefits": activity.benefits,
    }


def activities_refresh_search_for_unit(*, unit: Any) -> int:
    """Refresh the search keys of the activities a renamed unit organized."""
    activities = Activity.objects.filter(organizers__unit=unit).select_related("kind").distinct()
    for activity in activities:
        _refresh_copies(activity)
    return len(activities)


class RowRefused(DomainError):
    """A bulk write refused one row; ``index`` says which (0-based, in the order given)."""

    def __init__(self, index: int, error: DomainError) -> None:
        super().__init__(error.message, field=error.field)
        self.index = index


@transaction.atomic
def activities_bulk_create(*, actor: Any, rows: Sequence[dict[str, Any]]) -> list[Activity]:
    """Create many activities at once (Excel imports): the same rules as ``activity_create``,
    a handful of INSERTs for the whole batch instead of about ten queries per activity.

    Each row holds ``activity_create``'s keyword arguments (``organizers``, ``costs``, fields).
    Side effects: none beyond the rows; the caller writes one audit entry for the batch.
    Raises ``RowRefused`` (nothing written) when a row breaks a rule.
    """
    creator = actor if getattr(actor, "is_authenticated", False) else None
    editable = permissions.units_allowed(
        actor,
        permissions.EDIT,
        {unit.pk for row in rows for unit, _role in row.get("organizers") or []},
    )
    activities, extras = [], []
    for index, row in enumerate(rows):
        fields = {k: v for k, v in row.items() if k not in {"organizers", "costs", "content_areas"}}
        unknown = set(fields) - set(ACTIVITY_FIELDS)
        if unknown:
            raise DomainError(_("Unknown activity fields: %s") % ", ".join(sorted(unknown)))
        activity = Activity(
            created_by=creator,
            **{k: nfc(v) if isinstance(v, str) else v for k, v in fields.items()},
        )
        organizers = list(row.get("organizers") or [])
        costs = {s: int(a) for s, a in (row.get("costs") or {}).items() if a}
        try:
            _check_costs(costs)
            if not any(unit.pk in editable for unit, _role in organizers):
                raise PermissionRefused(
                    _("You can only record activities that one of your units organized.")
                )
            _validate(activity)
            _check_organizers(activity, organizers)
        except DomainError as error:
            raise RowRefused(index, error) from error
        activity.total_cost = sum(costs.values())
        activity.search_text = search_text_of(
            activity, [unit.search_text for unit, _role in organizers]
        )
        activities.append(activity)
        extras.append((organizers, costs))
    Activity.objects.bulk_create(activities, batch_size=500)
    ActivityOrganizer.objects.bulk_create(
        (
            ActivityOrganizer(
                activity=a, unit=unit, role=role or OrganizerRole.PARTNER, **organizer_copies(a)
            )
            for a, (organizers, _costs) in zip(activities, extras, strict=True)
            for unit, role in organizers
        ),
        batch_size=1000,
    )
    ActivityCost.objects.bulk_create(
        (
            ActivityCost(activity=a, source=source, amount=amount)
            for a, (_organizers, costs) in zip(activities, extras, strict=True)
            for source, amount in costs.items()
        ),
        batch_size=1000,
    )
    return activities
