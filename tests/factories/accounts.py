from __future__ import annotations

from phoihop.accounts.models import Membership, User
from phoihop.orgs.models import OrgUnit

_counter = {"user": 0}


def user(username: str | None = None, **kw) -> User:
    _counter["user"] += 1
    return User.objects.create_user(
        username=username or f"user{_counter['user']}", password="pw-Secret-123", **kw
    )


def member(
    unit: OrgUnit,
    role: str = "editor",
    *,
    include_subunits: bool = True,
    username: str | None = None,
) -> User:
    officer = user(username)
    Membership.objects.create(user=officer, unit=unit, role=role, include_subunits=include_subunits)
    return officer
