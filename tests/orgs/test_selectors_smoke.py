import pytest

from phoihop.orgs import selectors

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_subtree_of_root_contains_both_provinces(union_root, hanoi_union, danang_union):
    units = selectors.subtree(union_root)

    assert sorted(u.name for u in units) == sorted(
        [union_root.name, hanoi_union.name, danang_union.name]
    )
