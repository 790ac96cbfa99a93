"""Who may do what with a program: roles reached on any of its party units."""

from __future__ import annotations

from typing import Any

import rules

from phoihop.accounts import roles
from phoihop.accounts.selectors import units_reachable


def _on_a_party(action: str):
    @rules.predicate(name=f"program_party_{action}")
    def predicate(user: Any, program: Any) -> bool:
        if program is None:
            return False
        if user.is_superuser and user.is_active:
            return True
        party_units = [p.unit_id for p in program.parties.all()]
        return units_reachable(user, action).filter(pk__in=party_units).exists()

    return predicate


rules.add_perm("programs.view_program", _on_a_party(roles.VIEW))
rules.add_perm("programs.change_program", _on_a_party(roles.EDIT))
rules.add_perm("programs.cascade_program", _on_a_party(roles.EDIT))
rules.add_perm("programs.transition_program", _on_a_party(roles.APPROVE))
