"""Fixtures shared across apps: two provinces' trees and the access trio.

``hanoi_union_officer`` (party A), ``hanoi_women_officer`` (party B) and ``danang_union_officer``
(the outsider) follow healthchecks' alice/bob/charlie: every view test has an outsider.
"""

from __future__ import annotations

import pytest

from phoihop.accounts.models import Membership
from tests.factories import accounts as account_factories
from tests.factories import orgs as org_factories


@pytest.fixture
def union_root():
    return org_factories.unit(
        "Tổng Liên đoàn Lao động Việt Nam", level_code="trung-uong", short_name="Tổng LĐLĐ Việt Nam"
    )


@pytest.fixture
def women_root():
    return org_factories.unit(
        "Hội Liên hiệp Phụ nữ Việt Nam", system_code="hoi-lhpn", level_code="trung-uong"
    )


@pytest.fixture
def hanoi_area():
    return org_factories.area("Thành phố Hà Nội", code="01", short_name="Hà Nội")


@pytest.fixture
def hanoi_union(union_root, hanoi_area):
    return org_factories.unit(
        "Liên đoàn Lao động thành phố Hà Nội",
        short_name="LĐLĐ thành phố Hà Nội",
        abbreviations="LĐLĐ Hà Nội",
        parent=union_root,
        area=hanoi_area,
    )


@pytest.fixture
def hanoi_women(women_root, hanoi_area):
    return org_factories.unit(
        "Hội Liên hiệp Phụ nữ thành phố Hà Nội",
        short_name="Hội LHPN thành phố Hà Nội",
        system_code="hoi-lhpn",
        parent=women_root,
        area=hanoi_area,
    )


@pytest.fixture
def danang_union(union_root):
    return org_factories.unit(
        "Liên đoàn Lao động thành phố Đà Nẵng",
        short_name="LĐLĐ thành phố Đà Nẵng",
        parent=union_root,
        area=org_factories.area("Thành phố Đà Nẵng", code="48", short_name="Đà Nẵng"),
    )


@pytest.fixture
def hanoi_union_officer(hanoi_union):
    return account_factories.member(hanoi_union, "editor", username="hanoi_union_officer")


@pytest.fixture
def hanoi_women_officer(hanoi_women):
    return account_factories.member(hanoi_women, "editor", username="hanoi_women_officer")


@pytest.fixture
def danang_union_officer(danang_union):
    return account_factories.member(danang_union, "editor", username="danang_union_officer")


@pytest.fixture
def hanoi_union_viewer(hanoi_union):
    """Sees what party A sees, changes nothing."""
    return account_factories.member(hanoi_union, "viewer", username="hanoi_union_viewer")


@pytest.fixture
def hanoi_joint_editor(hanoi_union, hanoi_women):
    """An editor of both Hà Nội parties (a joint coordination office): may merge their entries."""
    officer = account_factories.member(hanoi_union, "editor", username="hanoi_joint_editor")
    Membership.objects.create(user=officer, unit=hanoi_women, role="editor", include_subunits=True)
    return officer
