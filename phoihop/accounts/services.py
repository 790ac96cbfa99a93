"""Writes for users: memberships (audited), API tokens, login throttling."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts.models import ApiToken, LoginFailure, Membership, User
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


def login_is_locked(*, username: str, ip: str | None) -> bool:
    since = timezone.now() - dt.timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    failures = LoginFailure.objects.filter(created_at__gte=since)
    by_user = failures.filter(username=username.lower()).count()
    by_ip = failures.filter(ip=ip).count() if ip else 0
    # An IP gets more tries than a username: an office shares one address behind its NAT.
    return by_user >= settings.LOGIN_MAX_FAILURES or by_ip >= settings.LOGIN_MAX_FAILURES * 4


def login_failure_record(*, username: str, ip: str | None) -> None:
    LoginFailure.objects.create(username=username.lower()[:150], ip=ip)


def login_failures_clear(*, username: str) -> None:
    LoginFailure.objects.filter(username=username.lower()).delete()
