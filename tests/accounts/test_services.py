"""Writes for users: audited memberships, hashed API tokens."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings

from phoihop.accounts import services
from phoihop.accounts.models import ApiToken, Membership
from phoihop.core.audit import entries_for
from phoihop.core.exceptions import DomainError
from phoihop.core.models import AuditEntry
from tests.factories import accounts as account_factories

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

START = dt.datetime(2025, 7, 1, 8, 0, tzinfo=dt.UTC)
WINDOW = dt.timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)


@pytest.fixture
def officer():
    return account_factories.user("lan.nguyen", full_name="Nguyễn Thị Lan")


@pytest.fixture
def admin():
    return account_factories.user("province_admin", is_superuser=True)


# --- memberships -----------------------------------------------------------------------------


def test_membership_grant_creates_membership(hanoi_union, officer, admin):
    membership = services.membership_grant(
        user=officer, unit=hanoi_union, role="approver", include_subunits=False, actor=admin
    )

    membership.refresh_from_db()
    assert (membership.user, membership.unit, membership.role, membership.include_subunits) == (
        officer,
        hanoi_union,
        "approver",
        False,
    )


def test_membership_grant_is_audited_on_the_unit(hanoi_union, officer, admin):
    services.membership_grant(user=officer, unit=hanoi_union, role="editor", actor=admin)

    entry = entries_for(hanoi_union).first()
    assert (entry.action, entry.actor) == ("phoihop.membership.granted", admin)
    assert entry.data == {"user": "lan.nguyen", "role": "editor", "include_subunits": True}


def test_membership_grant_duplicate_refused(hanoi_union, officer, admin):
    services.membership_grant(user=officer, unit=hanoi_union, role="editor", actor=admin)
    counts_before = (Membership.objects.count(), AuditEntry.objects.count())

    with pytest.raises(DomainError):
        services.membership_grant(user=officer, unit=hanoi_union, role="editor", actor=admin)

    assert (Membership.objects.count(), AuditEntry.objects.count()) == counts_before


def test_membership_grant_other_role_on_same_unit_allowed(hanoi_union, officer, admin):
    services.membership_grant(user=officer, unit=hanoi_union, role="editor", actor=admin)

    services.membership_grant(user=officer, unit=hanoi_union, role="unit_admin", actor=admin)

    roles = sorted(Membership.objects.filter(user=officer).values_list("role", flat=True))
    assert roles == ["editor", "unit_admin"]


def test_membership_revoke_deletes_and_audits_on_the_unit(hanoi_union, officer, admin):
    membership = services.membership_grant(
        user=officer, unit=hanoi_union, role="viewer", include_subunits=False, actor=admin
    )

    services.membership_revoke(membership=membership, actor=admin)

    entry = entries_for(hanoi_union).first()
    assert Membership.objects.filter(user=officer).count() == 0
    assert (entry.action, entry.actor) == ("phoihop.membership.revoked", admin)
    assert entry.data == {"user": "lan.nguyen", "role": "viewer", "include_subunits": False}


def test_membership_grant_and_revoke_leave_two_entries(hanoi_union, officer, admin):
    membership = services.membership_grant(
        user=officer, unit=hanoi_union, role="viewer", actor=admin
    )
    services.membership_revoke(membership=membership, actor=admin)

    result = [e.action for e in entries_for(hanoi_union)][:2]

    assert result == ["phoihop.membership.revoked", "phoihop.membership.granted"]


# --- API tokens ------------------------------------------------------------------------------


def test_api_token_create_stores_only_the_hash(officer):
    token, raw = services.api_token_create(user=officer, name="Báo cáo tự động")

    token.refresh_from_db()
    assert token.token_hash == ApiToken.hash(raw)
    assert token.token_hash != raw
    assert token.prefix == raw[:8]
    assert token.name == "Báo cáo tự động"
    assert ApiToken.objects.filter(token_hash=raw).count() == 0


def test_api_token_create_raw_is_never_persisted(officer):
    _token, raw = services.api_token_create(user=officer)

    stored = [
        value
        for row in ApiToken.objects.values_list("name", "token_hash", "prefix")
        for value in row
    ]
    audit_data = [str(entry.data) for entry in AuditEntry.objects.all()]

    assert [value for value in stored if raw in value] == []
    assert [data for data in audit_data if raw in data] == []


def test_api_token_create_tokens_are_unique(officer):
    raws = {services.api_token_create(user=officer)[1] for _ in range(3)}

    result = len(raws)

    assert result == 3


def test_api_token_create_is_audited_on_the_user(officer):
    token, _raw = services.api_token_create(user=officer)

    entry = entries_for(officer).first()
    assert (entry.action, entry.actor) == ("phoihop.apitoken.created", officer)
    assert entry.data == {"prefix": token.prefix}


def test_api_token_user_returns_owner_and_marks_use(officer):
    token, raw = services.api_token_create(user=officer)

    with time_machine.travel(START, tick=False):
        result = services.api_token_user(raw)

    token.refresh_from_db()
    assert result == officer
    assert token.last_used_at == START


@pytest.mark.parametrize("raw", ["", "ph_wrong", "not-a-token"])
def test_api_token_user_unknown_token_is_none(officer, raw):
    services.api_token_create(user=officer)

    result = services.api_token_user(raw)

    assert result is None


def test_api_token_user_hash_itself_does_not_authenticate(officer):
    token, _raw = services.api_token_create(user=officer)

    result = services.api_token_user(token.token_hash)

    assert result is None


def test_api_token_user_inactive_owner_is_none(officer):
    _token, raw = services.api_token_create(user=officer)
    officer.is_active = False
    officer.save()

    result = services.api_token_user(raw)

    assert result is None
