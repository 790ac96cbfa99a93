"""Object permissions (django-rules). Views check ``user.has_perm("orgs.change_orgunit", unit)``."""

from __future__ import annotations

from typing import Any

import rules

from phoihop.accounts import roles
from phoihop.accounts.selectors import units_reachable


def _reaches(action: str):
    @rules.predicate(name=f"reaches_{action}")
    def predicate(user: Any, unit: Any) -> bool:
        if unit is None:
            return False
        return units_reachable(user, action).filter(pk=unit.pk).exists()

    return predicate


can_view = _reaches(roles.VIEW)
can_edit = _reaches(roles.EDIT)
can_approve = _reaches(roles.APPROVE)
can_administer = _reaches(roles.ADMINISTER)

rules.add_perm("orgs.view_orgunit", can_view)
rules.add_perm("orgs.change_orgunit", can_edit)
rules.add_perm("orgs.add_orgunit", can_edit)  # object = the parent unit
rules.add_perm("orgs.reorganize_orgunit", can_administer)
rules.add_perm("accounts.manage_membership", can_administer)  # object = the unit


@rules.predicate
def edits_somewhere(user: Any) -> bool:
    """An editor (or more) of at least one unit: a viewer may not upload a workbook."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or units_reachable(user, roles.EDIT).exists()


# No object: the rows of the file are checked one by one against the units they name.
rules.add_perm("orgs.import_orgunits", edits_somewhere)
rules.add_perm("activities.import_activities", edits_somewhere)
