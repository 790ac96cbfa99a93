"""A unit sees its subtree's values, never a sibling's; permissions as django-rules says."""

from __future__ import annotations

from decimal import Decimal

import pytest

from phoihop.indicators import selectors, services
from tests.factories import accounts as account_factories
from tests.factories import indicators as indicator_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def everywhere(tree, admin_user):
    trainings = indicator_factories.indicator()
    for unit in (tree.tg, tree.g1, tree.g2, tree.dt, tree.g3):  # data that could leak
        services.value_save(
            unit=unit, indicator=trainings, period="2024S1", value=Decimal(1), actor=admin_user
        )
        services.target_set(
            unit=unit, indicator=trainings, period="2024S1", value=Decimal(2), actor=admin_user
        )
    return trainings


def test_values_and_targets_visible_to_a_province_are_its_subtree(tree, everywhere):
    viewer = account_factories.member(tree.tg, "viewer")

    values = {v.unit_id for v in selectors.values_visible_to(viewer)}
    targets = {t.unit_id for t in selectors.targets_visible_to(viewer)}

    assert values == targets == {tree.tg.pk, tree.g1.pk, tree.g2.pk}


def test_a_grassroots_union_sees_only_itself(tree, everywhere):
    viewer = account_factories.member(tree.g1, "viewer")

    assert [v.unit_id for v in selectors.values_visible_to(viewer)] == [tree.g1.pk]


def test_permissions_follow_the_roles(tree):
    editor = account_factories.member(tree.g1, "editor")
    approver = account_factories.member(tree.tg, "approver")

    assert [
        editor.has_perm("indicators.enter_values", tree.g1),
        editor.has_perm("indicators.enter_values", tree.g2),
        editor.has_perm("indicators.approve_submission", tree.g1),
        approver.has_perm("indicators.approve_submission", tree.g1),
        approver.has_perm("indicators.approve_submission", tree.tg),
        approver.has_perm("indicators.view_values", tree.g3),
    ] == [True, False, False, True, False, False]
