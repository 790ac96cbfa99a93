"""Listing a unit's activities skips the per-row visibility check only when it is safe."""

import datetime as dt

import pytest
from django.db.models import Q

from phoihop.accounts.permissions import SYSTEM
from phoihop.accounts.selectors import covers_subtree
from phoihop.activities import selectors, services
from phoihop.activities.models import Activity
from phoihop.activities.selectors import kind_by_code
from tests.factories import orgs as factories
from tests.factories.accounts import member

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def district(hanoi_union):
    return factories.unit("Liên đoàn Lao động quận Đống Đa", level_code="huyen", parent=hanoi_union)


def _activity(unit, title):
    return services.activity_create(
        actor=SYSTEM,
        organizers=[(unit, "lead")],
        title=title,
        kind=kind_by_code("hoi-nghi"),
        starts_on=dt.date(2025, 3, 8),
        participants=10,
    )


def test_a_subtree_role_covers_its_sub_units(hanoi_union, district):
    officer = member(hanoi_union, "viewer", include_subunits=True)

    assert (covers_subtree(officer, hanoi_union), covers_subtree(officer, district)) == (True, True)


def test_a_unit_only_role_does_not_cover_the_sub_units(hanoi_union, district):
    officer = member(hanoi_union, "viewer", include_subunits=False)

    assert (covers_subtree(officer, hanoi_union), covers_subtree(officer, district)) == (
        False,
        False,
    )


def test_listing_a_covered_unit_gives_what_the_visibility_check_gives(hanoi_union, district):
    officer = member(hanoi_union, "viewer", include_subunits=True)
    mine = _activity(district, "Hội nghị quận")
    _activity(hanoi_union, "Hội nghị thành phố")

    listed = selectors.activities_for_listing(officer, {"unit": district})
    checked = selectors.activities_filtered(selectors.activities_visible_to(officer), unit=district)

    assert list(listed) == list(checked) == [mine]


def test_a_unit_only_role_still_checks_visibility(hanoi_union, district):
    officer = member(hanoi_union, "viewer", include_subunits=False)
    _activity(district, "Hội nghị quận")
    at_city = _activity(hanoi_union, "Hội nghị thành phố")

    listed = selectors.activities_for_listing(officer, {"unit": hanoi_union})

    assert list(listed) == [at_city]


def test_an_area_filter_finds_the_area_and_the_areas_directly_inside_it(hanoi_union, hanoi_area):
    district = factories.area("Quận Đống Đa", kind="district", parent=hanoi_area)
    ward = factories.area("Phường Láng", kind="ward", parent=district)
    other = factories.area("Tỉnh Hà Nam", kind="province")
    for title, area in [
        ("city", hanoi_area),
        ("district", district),
        ("ward", ward),
        ("other", other),
        ("nowhere", None),
    ]:
        services.activity_update(
            activity=_activity(hanoi_union, title), actor=SYSTEM, area=area, title=title
        )
    officer = member(hanoi_union, "viewer", include_subunits=True)

    found = {}
    for chosen in (hanoi_area, district, ward, other):
        listing = selectors.activity_listing(officer, {"area": chosen})
        titles = sorted(a.title for a in listing.activities)
        # The same as asking for the area itself or an area whose parent it is.
        naive = Activity.objects.filter(Q(area=chosen) | Q(area__parent=chosen))
        assert titles == sorted(naive.values_list("title", flat=True))
        assert listing.totals.activities == len(titles)
        found[chosen.name] = titles

    assert found == {
        "Thành phố Hà Nội": ["city", "district"],
        "Quận Đống Đa": ["district", "ward"],
        "Phường Láng": ["ward"],
        "Tỉnh Hà Nam": ["other"],
    }
