"""Writes for users: memberships (audited), API tokens."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts.models import ApiToken, Membership, User
from phoihop.accounts.permissions import require
from phoihop.core.audit import log_action
from phoihop.core.exceptions import DomainError
from phoihop.orgs.models import OrgUnit


def _require_manage(actor: Any, unit: OrgUnit) -> None:
    require(
        actor,
        "accounts.manage_membership",
        unit,
        _("Only a unit administrator of this unit can change who has a role on it."),
    )


@transaction.atomic
def membership_grant(
    *, user: User, unit: OrgUnit, role: str, include_subunits: bool = True, actor: Any
) -> Membership:
    """Give ``user`` a role on ``unit``. Side effects: audit ``phoihop.membership.granted``."""
    _require_manage(actor, unit)
    if Membership.objects.filter(user=user, unit=unit, role=role).exists():
        raise DomainError(_("This user already has that role on this unit."))
    membership = Membership.objects.create(
        user=user, unit=unit, role=role, include_subunits=include_subunits
    )
    log_action(
        unit,
        "phoihop.membership.granted",
        actor=actor,
        data={"user": user.username, "role": role, "include_subunits": include_subunits},
    )
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership, actor: Any) -> None:
    """Remove a role. Side effects: audit ``phoihop.membership.revoked`` on the unit."""
    _require_manage(actor, membership.unit)
    log_action(
        membership.unit,
        "phoihop.membership.revoked",
        actor=actor,
        data={
            "user": membership.user.username,
            "role": membership.role,
            "include_subunits": membership.include_subunits,
        },
    )
    membership.delete()


def api_token_create(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Create a token; the raw value is returned once and never stored."""
    raw = "ph_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, token_hash=ApiToken.hash(raw), prefix=raw[:8]
    )
    log_action(user, "phoihop.apitoken.created", actor=user, data={"prefix": token.prefix})
    return token, raw


def api_token_user(raw: str) -> User | None:
    token = ApiToken.objects.select_related("user").filter(token_hash=ApiToken.hash(raw)).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
