"""Object permissions for indicators (django-rules); services check the same predicates.

- ``indicators.enter_values`` (object: the unit): an editor reaching the unit.
- ``indicators.approve_submission`` (object: the reporting unit): an approver reaching the
  level above it (its parent today), or the unit itself when it has no parent.
"""

from __future__ import annotations

from typing import Any

import rules

from phoihop.accounts import roles
from phoihop.accounts.permissions import is_system
from phoihop.accounts.selectors import units_reachable


def reaches(user: Any, unit: Any, action: str) -> bool:
    if is_system(user):  # trusted internal code (demo, commands): see accounts.permissions
        return unit is not None
    if unit is None or user is None:
        return False
    return units_reachable(user, action).filter(pk=unit.pk).exists()


def approver_unit(unit: Any) -> Any:
    """The unit whose approvers decide on ``unit``'s reports: its parent, or itself at the top."""
    from phoihop.orgs.models import OrgPlacement

    placement = (
        OrgPlacement.objects.filter(unit=unit, valid_to__isnull=True)
        .select_related("parent")
        .order_by("-valid_from")
        .first()
    )
    return placement.parent if placement and placement.parent_id else unit


@rules.predicate
def can_enter(user: Any, unit: Any) -> bool:
    return reaches(user, unit, roles.EDIT)


@rules.predicate
def can_approve(user: Any, unit: Any) -> bool:
    return unit is not None and reaches(user, approver_unit(unit), roles.APPROVE)


@rules.predicate
def can_view(user: Any, unit: Any) -> bool:
    return reaches(user, unit, roles.VIEW)


rules.add_perm("indicators.view_values", can_view)
rules.add_perm("indicators.enter_values", can_enter)
rules.add_perm("indicators.approve_submission", can_approve)
