"""An activity may be changed by an editor of any of its organizing units."""

from __future__ import annotations

from typing import Any

import rules

from phoihop.accounts import roles
from phoihop.accounts.selectors import units_reachable


@rules.predicate
def edits_an_organizer(user: Any, activity: Any) -> bool:
    if activity is None:
        return False
    if user.is_superuser and user.is_active:
        return True
    units = [o.unit_id for o in activity.organizers.all()]
    return units_reachable(user, roles.EDIT).filter(pk__in=units).exists()


rules.add_perm("activities.change_activity", edits_an_organizer)
