"""Who may do what with a review: a role reached on the reviewing unit, or, for a joint review,
on any party of the program (a joint review is written and approved by all the parties)."""

from __future__ import annotations

from typing import Any

import rules

from phoihop.accounts import roles
from phoihop.accounts.selectors import units_reachable


def _units_of(review: Any) -> list[int]:
    units = [review.unit_id]
    if review.joint:
        units += [p.unit_id for p in review.program.parties.all()]
    return units


def _on_review(action: str):
    @rules.predicate(name=f"review_{action}")
    def predicate(user: Any, review: Any) -> bool:
        if review is None:
            return False
        if user.is_superuser and user.is_active:
            return True
        return units_reachable(user, action).filter(pk__in=_units_of(review)).exists()

    return predicate


rules.add_perm("reviews.view_review", _on_review(roles.VIEW))
rules.add_perm("reviews.change_review", _on_review(roles.EDIT))
rules.add_perm("reviews.approve_review", _on_review(roles.APPROVE))
