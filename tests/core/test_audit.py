"""The audit log: only changed fields, secrets masked, one entry per ``log_action`` call."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType

from phoihop.accounts.models import ApiToken
from phoihop.core.audit import changes, entries_for, log_action, snapshot
from phoihop.core.models import AuditEntry
from phoihop.orgs.models import OrgUnit
from tests.factories import accounts as account_factories

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_snapshot_reads_the_named_fields(hanoi_union):
    result = snapshot(hanoi_union, ["name", "short_name"])

    assert result == {
        "name": "Liên đoàn Lao động thành phố Hà Nội",
        "short_name": "LĐLĐ thành phố Hà Nội",
    }


def test_changes_records_only_changed_fields(hanoi_union):
    before = snapshot(hanoi_union, ["name", "short_name", "code"])
    hanoi_union.short_name = "LĐLĐ Hà Nội"

    result = changes(before, hanoi_union)

    assert result == {"short_name": {"old": "LĐLĐ thành phố Hà Nội", "new": "LĐLĐ Hà Nội"}}


def test_changes_nothing_changed_gives_empty_dict(hanoi_union):
    before = snapshot(hanoi_union, ["name", "short_name"])

    result = changes(before, hanoi_union)

    assert result == {}


def test_changes_serialises_dates_and_related_objects(hanoi_union, hanoi_area, danang_union):
    before = snapshot(hanoi_union, ["valid_to", "area"])
    hanoi_union.valid_to = dt.date(2025, 7, 1)
    hanoi_union.area = danang_union.area

    result = changes(before, hanoi_union)

    assert result == {
        "valid_to": {"old": None, "new": "2025-07-01"},
        "area": {
            "old": {"id": hanoi_area.pk, "repr": "Thành phố Hà Nội"},
            "new": {"id": danang_union.area.pk, "repr": "Thành phố Đà Nẵng"},
        },
    }


def test_changes_masks_password():
    user = account_factories.user("masked")
    before = snapshot(user, ["password", "first_name"])
    user.set_password("another-Secret-456")
    user.first_name = "Lan"

    result = changes(before, user)

    assert result == {
        "password": {"old": "***", "new": "***"},
        "first_name": {"old": "", "new": "Lan"},
    }


@pytest.mark.parametrize("field", ["token", "token_hash", "key"])
def test_changes_masks_secret_field_names(field):
    class Secretive:
        pass

    obj = Secretive()
    setattr(obj, field, "new-secret-value")

    result = changes({field: "old-secret-value"}, obj)

    assert result == {field: {"old": "***", "new": "***"}}


def test_changes_unchanged_secret_is_left_out():
    token = ApiToken(token_hash="a" * 64, prefix="ph_abcde")
    before = snapshot(token, ["token_hash", "name"])
    token.name = "script"

    result = changes(before, token)

    assert result == {"name": {"old": "", "new": "script"}}


def test_log_action_creates_one_entry_for_the_object(hanoi_union):
    actor = account_factories.user("auditor")
    count_before = AuditEntry.objects.count()

    entry = log_action(hanoi_union, "phoihop.orgunit.updated", actor=actor, data={"x": 1})

    assert AuditEntry.objects.count() == count_before + 1
    assert entry.action == "phoihop.orgunit.updated"
    assert entry.content_type == ContentType.objects.get_for_model(OrgUnit)
    assert entry.object_id == str(hanoi_union.pk)
    assert entry.object_repr == "LĐLĐ thành phố Hà Nội"
    assert entry.actor == actor
    assert entry.data == {"x": 1}


@pytest.mark.parametrize("actor", [None, AnonymousUser()])
def test_log_action_without_authenticated_actor_stores_no_actor(hanoi_union, actor):
    entry = log_action(hanoi_union, "phoihop.orgunit.updated", actor=actor)

    entry.refresh_from_db()
    assert entry.actor is None
    assert entry.data == {}


def test_log_action_makes_values_json_ready(hanoi_union, danang_union):
    data = {
        "effective_on": dt.date(2025, 7, 1),
        "amount": Decimal("1500000.50"),
        "units": [hanoi_union, danang_union],
        "unit": hanoi_union,
        "nested": {"old": "a", "new": "b"},
        "count": 3,
    }

    entry = log_action(hanoi_union, "phoihop.orgunit.merged", data=data)

    entry.refresh_from_db()
    assert entry.data == {
        "effective_on": "2025-07-01",
        "amount": "1500000.50",
        "units": [
            {"id": hanoi_union.pk, "repr": "LĐLĐ thành phố Hà Nội"},
            {"id": danang_union.pk, "repr": "LĐLĐ thành phố Đà Nẵng"},
        ],
        "unit": {"id": hanoi_union.pk, "repr": "LĐLĐ thành phố Hà Nội"},
        "nested": {"old": "a", "new": "b"},
        "count": 3,
    }


def test_log_action_truncates_long_repr(union_root):
    union_root.short_name = "Tổng Liên đoàn " * 30  # longer than the column, never saved

    entry = log_action(union_root, "phoihop.orgunit.updated")

    entry.refresh_from_db()
    assert entry.object_repr == ("Tổng Liên đoàn " * 30)[:300]


def test_entries_for_lists_only_that_object_newest_first(hanoi_union, danang_union):
    first = log_action(hanoi_union, "phoihop.orgunit.updated", data={"n": 1})
    log_action(danang_union, "phoihop.orgunit.updated", data={"n": 2})
    last = log_action(hanoi_union, "phoihop.orgunit.renamed", data={"n": 3})

    result = list(entries_for(hanoi_union))

    assert result[:2] == [last, first]
    assert [e.action for e in result] == [
        "phoihop.orgunit.renamed",
        "phoihop.orgunit.updated",
        "phoihop.orgunit.created",
    ]
