"""Writes to the organization trees. Every change is audited; reorganisations keep history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from phoihop.accounts.permissions import require
from phoihop.core import concurrency
from phoihop.core.audit import changes, log_action, snapshot
from phoihop.core.exceptions import DomainError
from phoihop.core.paths import path_prefix
from phoihop.core.text import fold, nfc, vi_sort_key
from phoihop.orgs import selectors
from phoihop.orgs.enums import ReorgKind, ReorgRole
from phoihop.orgs.models import (
    AdminArea,
    OrgLevel,
    OrgPlacement,
    OrgSystem,
    OrgUnit,
    ReorgEvent,
    ReorgEventUnit,
    valid_on,
)
from phoihop.orgs.signals import placements_changed, unit_names_changed

EDITABLE_FIELDS = ["name", "short_name", "abbreviations", "code", "area", "level"]


def _require_reorganize(actor: Any, *units: OrgUnit | None) -> None:
    """A reorganisation needs the unit admin role on every unit it touches (a new parent of
    ``None``, the top of a tree, only for superusers)."""
    for unit in units:
        require(
            actor,
            "orgs.reorganize_orgunit",
            unit,
            _("Reorganising %(unit)s needs the unit administrator role on it.")
            % {"unit": unit or _("the top of the tree")},
        )


def refresh_search_fields(unit: OrgUnit) -> None:
    """Recompute the folded search text and the Vietnamese sort key from the written forms."""
    unit.name = nfc(unit.name)
    unit.short_name = nfc(unit.short_name)
    unit.abbreviations = "; ".join(nfc(a) for a in unit.abbreviations.split(";") if a.strip())
    unit.search_text = fold(" ".join(unit.written_forms))[:800]
    unit.sort_key = vi_sort_key(unit.name)[:800]


def _check_parent(*, system: OrgSystem, parent: OrgUnit | None, on: dt.date | None) -> None:
    if parent is None:
        return
    if parent.system_id != system.pk:
        raise DomainError(
            _("The parent unit belongs to another organization system."), field="parent"
        )
    day = on or selectors.today()
    if not parent.is_valid_on(day):
        raise DomainError(
            _("The parent unit does not exist on %(day)s.") % {"day": day.strftime("%d/%m/%Y")},
            field="parent",
        )


def _placement_path(parent: OrgUnit | None, on: dt.date | None) -> tuple[str, int]:
    if parent is None:
        return "", 0
    placement = (
        selectors.placement_on(parent, on)
        if on
        else OrgPlacement.objects.filter(unit=parent, valid_to__isnull=True).first()
    )
    if placement is None:
        raise DomainError(
            _("The parent unit has no place in the tree on that date."), field="parent"
        )
    return placement.path, placement.depth + 1


def _place_new(unit: OrgUnit, parent: OrgUnit | None, valid_from: dt.date | None) -> None:
    """Place a new unit under ``parent`` from ``valid_from`` on, following every later move of
    the parent (a unit back-dated to 2020 under a district moved in 2025 moves with it)."""
    if parent is None:
        OrgPlacement.objects.create(unit=unit, path=f"{unit.pk}.", depth=0, valid_from=valid_from)
        return
    _placement_path(parent, valid_from)  # refuses a parent with no place on that date
    parent_rows = OrgPlacement.objects.filter(unit=parent).order_by("valid_from")
    if valid_from is not None:
        parent_rows = parent_rows.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=valid_from))
    OrgPlacement.objects.bulk_create(
        OrgPlacement(
            unit=unit,
            parent=parent,
            path=f"{row.path}{unit.pk}.",
            depth=row.depth + 1,
            valid_from=max(filter(None, [row.valid_from, valid_from]), default=None),
            valid_to=row.valid_to,
        )
        for row in parent_rows
    )


@transaction.atomic
def unit_create(
    *,
    system: OrgSystem,
    level: OrgLevel,
    name: str,
    actor: Any,
    short_name: str = "",
    abbreviations: str = "",
    parent: OrgUnit | None = None,
    area: AdminArea | None = None,
    code: str | None = None,
    valid_from: dt.date | None = None,
    audit: bool = True,
) -> OrgUnit:
    """Create a unit and place it under ``parent`` from ``valid_from``.

    Side effects: audit entry ``phoihop.orgunit.created`` (unless ``audit=False`` for bulk
    loaders that log one entry for the whole batch).
    """
    require(
        actor,
        "orgs.add_orgunit",
        parent,
        _("You may only add units under a unit you can edit.")
        if parent
        else _("Only an administrator can add a unit at the top of a tree."),
    )
    if level.system_id != system.pk:
        raise DomainError(_("The level belongs to another organization system."), field="level")
    _check_parent(system=system, parent=parent, on=valid_from)
    if code and OrgUnit.objects.filter(system=system, code=code).exists():
        raise DomainError(_("Unit code %(code)s is already used.") % {"code": code}, field="code")
    unit = OrgUnit(
        system=system,
        level=level,
        name=name,
        short_name=short_name,
        abbreviations=abbreviations,
        area=area,
        code=code or None,
        valid_from=valid_from,
    )
    refresh_search_fields(unit)
    unit.save()
    _place_new(unit, parent, valid_from)
    if audit:
        log_action(
            unit,
            "phoihop.orgunit.created",
            actor=actor,
            data={"name": unit.name, "parent": str(parent) if parent else None},
        )
    return unit


@transaction.atomic
def unit_update(*, unit: OrgUnit, actor: Any, version: int | None = None, **fields: Any) -> OrgUnit:
    """Correct a unit's data (not a reorganisation: use ``unit_rename`` for a real rename).
    ``version`` is the one the editor was shown (``EditConflict`` if someone saved since).

    Side effects: audit entry ``phoihop.orgunit.updated`` with the changed fields before/after;
    the version goes up.
    """
    require(
        actor,
        "orgs.change_orgunit",
        unit,
        _("Only an editor of %(unit)s can change it.") % {"unit": unit},
    )
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(_("These fields cannot be changed here: %s") % ", ".join(sorted(unknown)))
    if "level" in fields and fields["level"].system_id != unit.system_id:
        raise DomainError(_("The level belongs to another organization system."), field="level")
    code = fields.get("code")
    if code and OrgUnit.objects.filter(system=unit.system, code=code).exclude(pk=unit.pk).exists():
        raise DomainError(_("Unit code %(code)s is already used.") % {"code": code}, field="code")
    concurrency.claim(unit, version, submitted=fields)
    before = snapshot(unit, list(fields))
    for name, value in fields.items():
        setattr(unit, name, value or None if name == "code" else value)
    refresh_search_fields(unit)
    diff = changes(before, unit)
    if not diff:
        return unit
    unit.save()
    log_action(unit, "phoihop.orgunit.updated", actor=actor, data=diff)
    if {"name", "short_name", "abbreviations"} & set(diff):
        unit_names_changed.send(sender=OrgUnit, unit=unit)
    return unit


def _move(unit: OrgUnit, new_parent: OrgUnit | None, on: dt.date) -> None:
    """Re-place ``unit`` and everything placed under it on ``on``; earlier placements are kept."""
    old = selectors.placement_on(unit, on)
    if old is None:
        raise DomainError(_("%(unit)s has no place in the tree on that date.") % {"unit": unit})
    new_prefix, depth = _placement_path(new_parent, on)
    new_path = f"{new_prefix}{unit.pk}."
    if new_path.startswith(old.path):
        raise DomainError(_("A unit cannot be placed under its own sub-unit."), field="parent")
    affected = list(OrgPlacement.objects.filter(valid_on(on), path_prefix(old.path)))
    depth_shift = depth - old.depth
    to_create, to_correct, to_close = [], [], []
    for placement in affected:
        parent_id = new_parent.pk if new_parent and placement.pk == old.pk else placement.parent_id
        if placement.pk == old.pk and new_parent is None:
            parent_id = None
        moved = OrgPlacement(
            unit_id=placement.unit_id,
            parent_id=parent_id,
            path=new_path + placement.path[len(old.path) :],
            depth=placement.depth + depth_shift,
            valid_from=on,
            valid_to=placement.valid_to,
        )
        if placement.valid_from == on:  # placed today: correct it rather than keep a 0-day row
            placement.path, placement.parent_id, placement.depth = (
                moved.path,
                moved.parent_id,
                moved.depth,
            )
            to_correct.append(placement)
        else:
            to_close.append(placement.pk)
            to_create.append(moved)
    # One UPDATE closes every old row: bulk_update would build a CASE per row (slow for a
    # province of thousands of placements).
    OrgPlacement.objects.filter(pk__in=to_close).update(valid_to=on)
    if to_correct:
        OrgPlacement.objects.bulk_update(to_correct, ["path", "parent", "depth"])
    OrgPlacement.objects.bulk_create(to_create, batch_size=1000)
    placements_changed.send(
        sender=OrgPlacement, unit_ids=[placement.unit_id for placement in affected], on=on
    )


def _event(
    kind: str, *, on: dt.date, title: str, legal_basis: str, actor: Any, links: Sequence[tuple]
) -> ReorgEvent:
    event = ReorgEvent.objects.create(
        kind=kind,
        effective_on=on,
        title=_clip(title, 255),  # a merge of many communes names them all
        legal_basis=_clip(legal_basis, 255),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    ReorgEventUnit.objects.bulk_create(
        ReorgEventUnit(event=event, unit=unit, role=role, data=data or {})
        for unit, role, data in links
    )
    return event


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _require_active(unit: OrgUnit, on: dt.date, *, ending: bool = False) -> None:
    if not unit.is_valid_on(on):
        raise DomainError(
            _("%(unit)s does not exist on %(day)s.")
            % {"unit": unit, "day": on.strftime("%d/%m/%Y")}
        )
    if ending and unit.valid_from == on:
        raise DomainError(_("%(unit)s cannot end on the day it was established.") % {"unit": unit})


@transaction.atomic
def unit_move(
    *, unit: OrgUnit, new_parent: OrgUnit | None, on: dt.date, actor: Any, legal_basis: str = ""
) -> ReorgEvent:
    """Move a unit (with its sub-units) under another parent from ``on``.

    Side effects: a MOVE event; audit entry ``phoihop.orgunit.moved``.
    """
    _require_reorganize(actor, unit, new_parent)
    _require_active(unit, on)
    _check_parent(system=unit.system, parent=new_parent, on=on)
    old_parent = selectors.placement_on(unit, on)
    _move(unit, new_parent, on)
    event = _event(
        ReorgKind.MOVE,
        on=on,
        title=_("%(unit)s moved under %(parent)s") % {"unit": unit, "parent": new_parent or "—"},
        legal_basis=legal_basis,
        actor=actor,
        links=[(unit, ReorgRole.SOURCE, {})]
        + ([(new_parent, ReorgRole.TARGET, {})] if new_parent else []),
    )
    log_action(
        unit,
        "phoihop.orgunit.moved",
        actor=actor,
        data={
            "parent": {
                "old": str(old_parent.parent) if old_parent and old_parent.parent else None,
                "new": str(new_parent) if new_parent else None,
            },
            "effective_on": on,
        },
    )
    return event


@transaction.atomic
def unit_rename(
    *,
    unit: OrgUnit,
    name: str,
    on: dt.date,
    actor: Any,
    short_name: str = "",
    legal_basis: str = "",
) -> ReorgEvent:
    """A real rename with a date: the old name stays on record for earlier dates.

    Side effects: a RENAME event; audit entry ``phoihop.orgunit.renamed``.
    """
    _require_reorganize(actor, unit)
    _require_active(unit, on)
    old = {"old_name": unit.name, "old_short_name": unit.short_name}
    before = snapshot(unit, ["name", "short_name", "abbreviations"])
    # The old written forms stay searchable: people keep using them for years.
    forms = dict.fromkeys(
        f.strip() for f in [*unit.abbreviations.split(";"), unit.name, unit.short_name] if f.strip()
    )
    # The column holds 255 characters: after several renames the oldest forms give way.
    while forms and len("; ".join(forms)) > 255:
        forms.pop(next(iter(forms)))
    unit.abbreviations = "; ".join(forms)
    unit.name, unit.short_name = name, short_name
    refresh_search_fields(unit)
    unit.save()
    concurrency.bump(unit)
    event = _event(
        ReorgKind.RENAME,
        on=on,
        title=_("%(old)s renamed %(new)s") % {"old": old["old_name"], "new": unit.name},
        legal_basis=legal_basis,
        actor=actor,
        links=[(unit, ReorgRole.SOURCE, old), (unit, ReorgRole.TARGET, {})],
    )
    log_action(unit, "phoihop.orgunit.renamed", actor=actor, data=changes(before, unit))
    unit_names_changed.send(sender=OrgUnit, unit=unit)
    return event


def _end(unit: OrgUnit, on: dt.date, action: str, actor: Any, **data: Any) -> None:
    before = snapshot(unit, ["valid_to"])
    unit.valid_to = on
    unit.save(update_fields=["valid_to", "updated_at"])
    log_action(unit, action, actor=actor, data={**changes(before, unit), **data})


@transaction.atomic
def unit_dissolve(
    *, unit: OrgUnit, on: dt.date, actor: Any, legal_basis: str = "", cascade: bool = False
) -> ReorgEvent:
    """End a unit on ``on``. Its placement is kept, so its recorded data still rolls up.

    With ``cascade`` its live sub-units end too; without it, live sub-units refuse the change.
    Side effects: a DISSOLVE event; audit entry ``phoihop.orgunit.dissolved`` per unit ended.
    """
    _require_reorganize(actor, unit)
    _require_active(unit, on, ending=True)
    live = list(selectors.subtree(unit, on=on).exclude(pk=unit.pk))
    if live and not cascade:
        raise DomainError(
            _("%(unit)s still has %(n)d active sub-units: move or dissolve them first.")
            % {"unit": unit, "n": len(live)}
        )
    ended = [unit, *live]
    event = _event(
        ReorgKind.DISSOLVE,
        on=on,
        title=_("%(unit)s dissolved") % {"unit": unit},
        legal_basis=legal_basis,
        actor=actor,
        links=[(u, ReorgRole.SOURCE, {}) for u in ended],
    )
    for each in ended:
        _end(each, on, "phoihop.orgunit.dissolved", actor)
    return event


@transaction.atomic
def units_merge(
    *,
    sources: Sequence[OrgUnit],
    target: OrgUnit,
    on: dt.date,
    actor: Any,
    title: str = "",
    legal_basis: str = "",
) -> ReorgEvent:
    """Merge ``sources`` into ``target`` (an existing unit, possibly new for the occasion).

    Live sub-units of the sources move under the target; each source ends on ``on`` and is
    placed under the target, so data recorded for it rolls up into the target from then on
    while queries about earlier dates still see it where it was.
    Side effects: a MERGE event; audit entries ``phoihop.orgunit.merged`` on every source.
    """
    sources = [s for s in sources if s.pk != target.pk]
    _require_reorganize(actor, target, *sources)
    if not sources:
        raise DomainError(_("Choose at least one unit to merge into the target."))
    _require_active(target, on)
    for source in sources:
        _require_active(source, on, ending=True)
        if source.system_id != target.system_id:
            raise DomainError(_("Units of different organization systems cannot be merged."))
    target_path = selectors.placement_on(target, on)
    for source in sources:
        source_path = selectors.placement_on(source, on)
        if target_path and source_path and target_path.path.startswith(source_path.path):
            raise DomainError(_("A unit cannot be merged into its own sub-unit."))
        for child in selectors.children(source, on=on):
            _move(child, target, on)
        _move(source, target, on)
        _end(source, on, "phoihop.orgunit.merged", actor, into=str(target))
    event = _event(
        ReorgKind.MERGE,
        on=on,
        title=title
        or _("%(sources)s merged into %(target)s")
        % {"sources": ", ".join(str(s) for s in sources), "target": target},
        legal_basis=legal_basis,
        actor=actor,
        links=[(s, ReorgRole.SOURCE, {}) for s in sources] + [(target, ReorgRole.TARGET, {})],
    )
    log_action(
        target,
        "phoihop.orgunit.merged",
        actor=actor,
        data={"sources": [str(s) for s in sources], "effective_on": on},
    )
    return event


@transaction.atomic
def unit_split(
    *,
    source: OrgUnit,
    targets: Sequence[OrgUnit],
    on: dt.date,
    actor: Any,
    legal_basis: str = "",
) -> ReorgEvent:
    """Split ``source`` into ``targets``; the first target carries its history (roll-up).

    Live sub-units must have been moved to the targets first.
    Side effects: a SPLIT event; audit entry ``phoihop.orgunit.split``.
    """
    _require_reorganize(actor, source, *targets)
    if len(targets) < 2:
        raise DomainError(_("A split needs at least two resulting units."))
    _require_active(source, on, ending=True)
    if selectors.subtree(source, on=on).exclude(pk=source.pk).exists():
        raise DomainError(_("Move the active sub-units to the new units before the split."))
    _move(source, targets[0], on)
    _end(source, on, "phoihop.orgunit.split", actor, into=[str(t) for t in targets])
    return _event(
        ReorgKind.SPLIT,
        on=on,
        title=_("%(source)s split into %(targets)s")
        % {"source": source, "targets": ", ".join(str(t) for t in targets)},
        legal_basis=legal_basis,
        actor=actor,
        links=[(source, ReorgRole.SOURCE, {})] + [(t, ReorgRole.TARGET, {}) for t in targets],
    )
