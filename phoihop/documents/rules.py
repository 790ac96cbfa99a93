"""Who may do what with documents. Reading needs only a login; writing needs an editor role."""

from __future__ import annotations

from typing import Any

import rules

from phoihop.accounts import roles
from phoihop.accounts.selectors import units_reachable


@rules.predicate
def is_document_editor(user: Any) -> bool:
    """A superuser, or a user who may edit some unit."""
    if not user or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or units_reachable(user, roles.EDIT).exists()


rules.add_perm("documents.view_legaldocument", rules.is_authenticated & rules.is_active)
rules.add_perm("documents.add_legaldocument", is_document_editor)
rules.add_perm("documents.change_legaldocument", is_document_editor)
