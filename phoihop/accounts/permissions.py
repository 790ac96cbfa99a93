"""The one permission check every write service makes, whatever path calls it.

A service calls ``require(actor, "app.perm", obj)`` before it changes anything. Pages and the
API check the same permission first (to answer 403 early), but the service's check is the one
that counts: the Excel and article imports, merges and commands go through it too.

``SYSTEM`` is the actor of trusted code that no user drives (the demo seed, data fixtures). It
must be passed explicitly: a missing actor (``None``) is refused like any user without rights.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from phoihop.accounts import roles
from phoihop.accounts.selectors import units_reachable
from phoihop.core.exceptions import DomainError


class SystemActor:
    """Trusted internal code. It may do anything; the audit log records no user for it."""

    is_authenticated = False
    is_active = True
    is_superuser = False
    is_staff = False
    pk = None

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return True

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = SystemActor()


class PermissionRefused(DomainError):
    """The actor may not make this change (the API answers 403)."""


def is_system(actor: Any) -> bool:
    return isinstance(actor, SystemActor)


def _usable(actor: Any) -> bool:
    return (
        actor is not None
        and getattr(actor, "is_authenticated", False)
        and getattr(actor, "is_active", False)
    )


def require(actor: Any, perm: str, obj: Any = None, message: str | None = None) -> None:
    """Raise ``PermissionRefused`` unless ``actor`` has ``perm`` (on ``obj``)."""
    if is_system(actor):
        return
    if not _usable(actor) or not actor.has_perm(perm, obj):
        raise PermissionRefused(message or _("You do not have permission to make this change."))


def units_allowed(actor: Any, action: str, unit_ids: Iterable[int]) -> set[int]:
    """Which of ``unit_ids`` the actor reaches with ``action`` (one query)."""
    ids = {pk for pk in unit_ids if pk is not None}
    if is_system(actor) or (_usable(actor) and actor.is_superuser):
        return ids
    if not _usable(actor) or not ids:
        return set()
    return set(units_reachable(actor, action).filter(pk__in=ids).values_list("pk", flat=True))


def require_unit(actor: Any, action: str, unit: Any, message: str | None = None) -> None:
    """Raise unless the actor reaches ``unit`` with ``action`` (view/edit/approve/administer)."""
    if unit is None or unit.pk not in units_allowed(actor, action, [unit.pk]):
        raise PermissionRefused(message or _("You do not have permission to make this change."))


def require_any_unit(actor: Any, action: str, units: Iterable[Any], message: str) -> None:
    """Raise unless the actor reaches at least one of ``units`` with ``action``."""
    if not units_allowed(actor, action, [u.pk for u in units]):
        raise PermissionRefused(message)


EDIT = roles.EDIT
APPROVE = roles.APPROVE
ADMINISTER = roles.ADMINISTER
