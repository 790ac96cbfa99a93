"""What each role may do. A permission is granted on a unit when a membership reaches it."""

from phoihop.accounts.enums import Role

VIEW = "view"
EDIT = "edit"
APPROVE = "approve"
ADMINISTER = "administer"

ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.VIEWER: frozenset({VIEW}),
    Role.EDITOR: frozenset({VIEW, EDIT}),
    Role.APPROVER: frozenset({VIEW, EDIT, APPROVE}),
    Role.UNIT_ADMIN: frozenset({VIEW, EDIT, APPROVE, ADMINISTER}),
}


def roles_allowing(action: str) -> list[str]:
    return [role for role, actions in ROLE_ACTIONS.items() if action in actions]
