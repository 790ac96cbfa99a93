"""Who reaches which units: roles, subtree or unit-only memberships, merged history, rules."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from phoihop.accounts import roles
from phoihop.accounts.models import Membership, User
from phoihop.accounts.permissions import SYSTEM
from phoihop.accounts.selectors import (
    memberships_visible_to,
    top_units_for,
    unit_get_for_user,
    units_reachable,
    units_visible_to,
)
from phoihop.orgs import services
from phoihop.orgs.models import OrgUnit
from tests.factories import accounts as account_factories
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

REFORM = dt.date(2025, 7, 1)
ACTIONS = [roles.VIEW, roles.EDIT, roles.APPROVE, roles.ADMINISTER]


def _fresh(user: User) -> User:
    """The same user without the per-object reach cache."""
    return User.objects.get(pk=user.pk)


@pytest.fixture
def hanoi_district(hanoi_union):
    return org_factories.unit(
        "Liên đoàn Lao động quận Ba Đình", level_code="huyen", parent=hanoi_union
    )


@pytest.fixture
def hanoi_commune(hanoi_district):
    return org_factories.unit("Công đoàn phường Phúc Xá", level_code="xa", parent=hanoi_district)


@pytest.fixture
def danang_district(danang_union):
    return org_factories.unit(
        "Liên đoàn Lao động quận Hải Châu", level_code="huyen", parent=danang_union
    )


@pytest.fixture
def merged_provinces(union_root):
    """Tiền Giang and the old Đồng Tháp (each with a district) merged into a new province."""
    tg = org_factories.unit("LĐLĐ tỉnh Tiền Giang", parent=union_root)
    my_tho = org_factories.unit("LĐLĐ thành phố Mỹ Tho", level_code="huyen", parent=tg)
    dt_old = org_factories.unit("LĐLĐ tỉnh Đồng Tháp (cũ)", parent=union_root)
    cao_lanh = org_factories.unit("LĐLĐ thành phố Cao Lãnh", level_code="huyen", parent=dt_old)
    new_dt = org_factories.unit("LĐLĐ tỉnh Đồng Tháp", parent=union_root, valid_from=REFORM)
    services.unit_dissolve(unit=my_tho, on=REFORM, actor=SYSTEM)
    services.units_merge(sources=[tg, dt_old], target=new_dt, on=REFORM, actor=SYSTEM)
    return {"tg": tg, "my_tho": my_tho, "dt_old": dt_old, "cao_lanh": cao_lanh, "new_dt": new_dt}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("viewer", {roles.VIEW}),
        ("editor", {roles.VIEW, roles.EDIT}),
        ("approver", {roles.VIEW, roles.EDIT, roles.APPROVE}),
        ("unit_admin", {roles.VIEW, roles.EDIT, roles.APPROVE, roles.ADMINISTER}),
    ],
)
def test_units_reachable_actions_per_role(hanoi_union, hanoi_district, role, expected):
    user = account_factories.member(hanoi_union, role)

    result = {
        action
        for action in ACTIONS
        if set(units_reachable(user, action)) == {hanoi_union, hanoi_district}
    }
    unreached = {action for action in ACTIONS if not units_reachable(user, action).exists()}

    assert result == expected
    assert unreached == set(ACTIONS) - expected


def test_units_reachable_with_subunits_reaches_whole_subtree(
    hanoi_union, hanoi_district, hanoi_commune
):
    user = account_factories.member(hanoi_union, "viewer", include_subunits=True)

    result = set(units_reachable(user, roles.VIEW))

    assert result == {hanoi_union, hanoi_district, hanoi_commune}


def test_units_reachable_without_subunits_reaches_only_the_unit(
    hanoi_union, hanoi_district, hanoi_commune
):
    user = account_factories.member(hanoi_union, "editor", include_subunits=False)

    result = set(units_reachable(user, roles.EDIT))

    assert result == {hanoi_union}


def test_units_reachable_combines_memberships(hanoi_union, hanoi_district, danang_district):
    user = account_factories.member(hanoi_district, "viewer")
    Membership.objects.create(
        user=user, unit=danang_district, role="approver", include_subunits=False
    )

    view = set(units_reachable(user, roles.VIEW))
    approve = set(units_reachable(user, roles.APPROVE))

    assert view == {hanoi_district, danang_district}
    assert approve == {danang_district}


def test_units_reachable_outsider_reaches_nothing_of_another_province(
    hanoi_union, hanoi_district, hanoi_commune, danang_union, danang_district, danang_union_officer
):
    result = set(units_reachable(danang_union_officer, roles.VIEW))

    assert result == {danang_union, danang_district}


def test_units_reachable_does_not_reach_up_or_sideways(
    union_root, hanoi_union, hanoi_district, danang_union
):
    user = account_factories.member(hanoi_district, "unit_admin")

    result = set(units_reachable(user, roles.VIEW))

    assert result == {hanoi_district}


def test_units_reachable_other_system_in_same_area_not_reached(
    hanoi_union_officer, hanoi_union, hanoi_women
):
    result = set(units_reachable(hanoi_union_officer, roles.VIEW))

    assert result == {hanoi_union}


def test_units_reachable_subtree_role_on_merged_into_unit_reaches_sources_history(
    merged_provinces,
):
    user = account_factories.member(merged_provinces["new_dt"], "viewer")

    result = set(units_reachable(user, roles.VIEW))

    assert result == set(merged_provinces.values())


def test_units_reachable_role_on_old_province_keeps_its_history_only(merged_provinces):
    user = account_factories.member(merged_provinces["tg"], "viewer")

    result = set(units_reachable(user, roles.VIEW))

    assert result == {merged_provinces["tg"], merged_provinces["my_tho"]}


def test_units_reachable_superuser_reaches_every_unit(hanoi_union, danang_union, hanoi_women):
    admin = account_factories.user("root_admin", is_superuser=True)

    result = set(units_reachable(admin, roles.ADMINISTER))

    assert result == set(OrgUnit.objects.all())


def test_units_reachable_inactive_user_reaches_nothing(hanoi_union):
    user = account_factories.member(hanoi_union, "unit_admin")
    user.is_active = False
    user.save()

    result = list(units_reachable(_fresh(user), roles.VIEW))

    assert result == []


def test_units_reachable_inactive_superuser_reaches_nothing(hanoi_union):
    admin = account_factories.user("gone_admin", is_superuser=True, is_active=False)

    result = list(units_reachable(admin, roles.VIEW))

    assert result == []


@pytest.mark.parametrize("anonymous", [None, "anonymous"])
def test_units_reachable_anonymous_reaches_nothing(hanoi_union, anonymous):
    user = AnonymousUser() if anonymous else None

    result = list(units_reachable(user, roles.VIEW))

    assert result == []


def test_units_reachable_user_without_membership_reaches_nothing(hanoi_union):
    user = account_factories.user("nobody")

    result = list(units_reachable(user, roles.VIEW))

    assert result == []


def test_units_visible_to_is_view_reach(hanoi_union, hanoi_district):
    user = account_factories.member(hanoi_district, "viewer")

    result = set(units_visible_to(user))

    assert result == {hanoi_district}


def test_unit_get_for_user_outsider_gets_none(hanoi_union, danang_union_officer):
    result = unit_get_for_user(danang_union_officer, hanoi_union.pk)

    assert result is None


def test_unit_get_for_user_member_gets_unit(hanoi_union, hanoi_union_officer):
    result = unit_get_for_user(hanoi_union_officer, hanoi_union.pk)

    assert result == hanoi_union


def test_memberships_visible_to_excludes_other_provinces(
    hanoi_union_officer, danang_union_officer, hanoi_women_officer
):
    result = set(
        memberships_visible_to(hanoi_union_officer).values_list("user__username", flat=True)
    )

    assert result == {"hanoi_union_officer"}


def test_top_units_for_member_are_their_role_units(
    hanoi_union, hanoi_union_officer, hanoi_district
):
    result = list(top_units_for(hanoi_union_officer))

    assert result == [hanoi_union]


# --- rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("viewer", {"orgs.view_orgunit"}),
        ("editor", {"orgs.view_orgunit", "orgs.change_orgunit", "orgs.add_orgunit"}),
        ("approver", {"orgs.view_orgunit", "orgs.change_orgunit", "orgs.add_orgunit"}),
        (
            "unit_admin",
            {
                "orgs.view_orgunit",
                "orgs.change_orgunit",
                "orgs.add_orgunit",
                "orgs.reorganize_orgunit",
                "accounts.manage_membership",
            },
        ),
    ],
)
def test_has_perm_per_role_on_sub_unit(hanoi_union, hanoi_district, role, expected):
    user = account_factories.member(hanoi_union, role)
    perms = [
        "orgs.view_orgunit",
        "orgs.change_orgunit",
        "orgs.add_orgunit",
        "orgs.reorganize_orgunit",
        "accounts.manage_membership",
    ]

    result = {perm for perm in perms if user.has_perm(perm, hanoi_district)}

    assert result == expected


def test_has_perm_outsider_cannot_change_other_province(hanoi_union, danang_union_officer):
    result = danang_union_officer.has_perm("orgs.change_orgunit", hanoi_union)

    assert result is False


def test_has_perm_member_can_change_own_unit(hanoi_union, hanoi_union_officer):
    result = hanoi_union_officer.has_perm("orgs.change_orgunit", hanoi_union)

    assert result is True


def test_has_perm_party_b_cannot_change_party_a(hanoi_union, hanoi_women_officer):
    result = hanoi_women_officer.has_perm("orgs.change_orgunit", hanoi_union)

    assert result is False


def test_has_perm_without_object_is_false_for_members(hanoi_union_officer):
    result = hanoi_union_officer.has_perm("orgs.change_orgunit", None)

    assert result is False


def test_has_perm_superuser_on_any_unit(hanoi_union):
    admin = account_factories.user("root_admin", is_superuser=True)

    result = admin.has_perm("orgs.reorganize_orgunit", hanoi_union)

    assert result is True


def test_has_perm_inactive_user_denied(hanoi_union):
    user = account_factories.member(hanoi_union, "unit_admin")
    user.is_active = False
    user.save()

    result = _fresh(user).has_perm("orgs.view_orgunit", hanoi_union)

    assert result is False


def test_has_perm_merged_into_unit_admin_manages_source_history(merged_provinces):
    user = account_factories.member(merged_provinces["new_dt"], "unit_admin")

    result = user.has_perm("orgs.view_orgunit", merged_provinces["my_tho"])

    assert result is True
