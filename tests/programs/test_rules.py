"""Who may do what with a program: roles reached on any of its party units."""

import pytest

from phoihop.accounts.permissions import SYSTEM
from phoihop.programs import services
from tests.factories import accounts as account_factories

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def program(hanoi_union, hanoi_women):
    return services.program_create(
        actor=SYSTEM,
        parties=[{"unit": hanoi_union}, {"unit": hanoi_women}],
        title="Chương trình phối hợp",
        start_year=2022,
        end_year=2027,
    )


def _perms(user, program) -> dict[str, bool]:
    return {
        action: user.has_perm(f"programs.{action}_program", program)
        for action in ("view", "change", "cascade", "transition")
    }


def test_change_program_editor_of_a_party_may_change(program, hanoi_union_officer):
    result = hanoi_union_officer.has_perm("programs.change_program", program)

    assert result is True


def test_change_program_editor_of_the_other_party_may_change(program, hanoi_women_officer):
    result = hanoi_women_officer.has_perm("programs.change_program", program)

    assert result is True


def test_change_program_viewer_of_a_party_may_not_change(program, hanoi_union):
    viewer = account_factories.member(hanoi_union, "viewer")

    result = viewer.has_perm("programs.change_program", program)

    assert result is False


def test_change_program_outsider_may_not_change(program, danang_union_officer):
    result = danang_union_officer.has_perm("programs.change_program", program)

    assert result is False


def test_change_program_editor_above_a_party_reaches_it_through_the_subtree(program, union_root):
    national = account_factories.member(union_root, "editor")

    result = national.has_perm("programs.change_program", program)

    assert result is True


def test_change_program_editor_of_the_unit_only_without_subunits_still_reaches_it(
    program, hanoi_union
):
    officer = account_factories.member(hanoi_union, "editor", include_subunits=False)

    result = officer.has_perm("programs.change_program", program)

    assert result is True


def test_transition_program_needs_an_approver(program, hanoi_union_officer, hanoi_women):
    approver = account_factories.member(hanoi_women, "approver")

    result = {
        "editor": hanoi_union_officer.has_perm("programs.transition_program", program),
        "approver": approver.has_perm("programs.transition_program", program),
    }

    assert result == {"editor": False, "approver": True}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("viewer", {"view": True, "change": False, "cascade": False, "transition": False}),
        ("editor", {"view": True, "change": True, "cascade": True, "transition": False}),
        ("approver", {"view": True, "change": True, "cascade": True, "transition": True}),
        ("unit_admin", {"view": True, "change": True, "cascade": True, "transition": True}),
    ],
)
def test_program_permissions_by_role_on_a_party(program, hanoi_union, role, expected):
    user = account_factories.member(hanoi_union, role)

    result = _perms(user, program)

    assert result == expected


def test_program_permissions_outsider_has_none(program, danang_union):
    outsider = account_factories.member(danang_union, "unit_admin")

    result = _perms(outsider, program)

    assert result == {"view": False, "change": False, "cascade": False, "transition": False}


def test_program_permissions_superuser_has_all(program):
    admin = account_factories.user("root", is_superuser=True)

    result = _perms(admin, program)

    assert result == {"view": True, "change": True, "cascade": True, "transition": True}


def test_program_permissions_inactive_approver_has_none(program, hanoi_union):
    approver = account_factories.member(hanoi_union, "approver")
    approver.is_active = False
    approver.save()

    result = _perms(approver, program)

    assert result == {"view": False, "change": False, "cascade": False, "transition": False}


def test_change_program_without_an_object_is_refused(hanoi_union_officer):
    result = hanoi_union_officer.has_perm("programs.change_program", None)

    assert result is False
