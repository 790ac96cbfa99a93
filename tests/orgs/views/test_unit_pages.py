"""Pages of the organization trees: what each member of the access trio sees."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from phoihop.accounts.permissions import SYSTEM
from phoihop.core.models import AuditEntry
from phoihop.orgs import services
from phoihop.orgs.models import OrgUnit
from tests.factories import orgs as factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def unit_links(response) -> list[str]:
    """Names of the units the page links to in the tree (what the user actually sees)."""
    return re.findall(r'class="unit-link">([^<]+)</a>', response.content.decode())


@pytest.fixture
def thanh_xuan(hanoi_union):
    return factories.unit(
        "Liên đoàn Lao động quận Thanh Xuân",
        short_name="LĐLĐ quận Thanh Xuân",
        level_code="huyen",
        parent=hanoi_union,
    )


def test_tree_starts_at_the_users_own_units(client, hanoi_union, danang_union, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("orgs:tree"))

    assert [u.name for u in response.context["units"]] == [hanoi_union.name]
    assert response.context["units"][0].has_children is False


def test_tree_children_are_lazy_loaded_as_a_partial(
    client, hanoi_union, thanh_xuan, hanoi_union_officer
):
    client.force_login(hanoi_union_officer)

    response = client.get(
        reverse("orgs:unit_children", args=[hanoi_union.pk]), HTTP_HX_REQUEST="true"
    )

    assert unit_links(response) == [thanh_xuan.name]
    assert b"<html" not in response.content


def test_tree_children_of_another_province_is_404(client, danang_union, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("orgs:unit_children", args=[danang_union.pk]))

    assert response.status_code == 404


def test_tree_as_of_a_date_typed_day_first(client, hanoi_union, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("orgs:tree"), {"at": "06/03/2017"})

    assert response.context["day"] == dt.date(2017, 3, 6)


def test_unit_detail_shows_history_counterparts_and_audit(
    client, hanoi_union, hanoi_women, hanoi_union_officer
):
    services.unit_rename(
        unit=hanoi_union,
        name="Liên đoàn Lao động Thủ đô Hà Nội",
        on=dt.date(2025, 7, 1),
        actor=SYSTEM,
    )
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("orgs:unit_detail", args=[hanoi_union.pk]), {"at": "01/01/2024"})

    assert response.context["name_then"] == "Liên đoàn Lao động thành phố Hà Nội"
    assert [u.pk for u in response.context["counterparts"]] == [hanoi_women.pk]
    assert [row["event"].kind for row in response.context["history"]] == ["rename"]
    assert [e.action for e in response.context["audit"]] == [
        "phoihop.orgunit.renamed",
        "phoihop.orgunit.created",
    ]
    assert "Liên đoàn Lao động Thủ đô Hà Nội" in response.content.decode()


def test_unit_detail_of_another_province_is_404(client, danang_union, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("orgs:unit_detail", args=[danang_union.pk]))

    assert response.status_code == 404
    assert danang_union.name not in response.content.decode()


def test_unit_detail_requires_login(client, hanoi_union):
    response = client.get(reverse("orgs:unit_detail", args=[hanoi_union.pk]))

    assert (response.status_code, response.url.split("?")[0]) == (302, reverse("accounts:login"))


def test_search_is_accent_insensitive_and_scoped(
    client, hanoi_union, thanh_xuan, danang_union, hanoi_union_officer
):
    client.force_login(hanoi_union_officer)

    results = {
        q: [u.name for u in client.get(reverse("orgs:unit_search"), {"q": q}).context["page"]]
        for q in ["thanh xuan", "THANH XUÂN", "ldld thanh xuan", "da nang"]
    }

    assert results == {
        "thanh xuan": [thanh_xuan.name],
        "THANH XUÂN": [thanh_xuan.name],
        "ldld thanh xuan": [thanh_xuan.name],
        "da nang": [],
    }


def test_search_htmx_request_gets_only_the_results(client, hanoi_union, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("orgs:unit_search"), {"q": "ha noi"}, HTTP_HX_REQUEST="true")

    assert b"<html" not in response.content
    assert [u.pk for u in response.context["page"]] == [hanoi_union.pk]


def test_edit_saves_through_the_service_and_audits(client, thanh_xuan, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.post(
        reverse("orgs:unit_edit", args=[thanh_xuan.pk]),
        {
            "name": "Liên đoàn Lao động quận Thanh Xuân",
            "short_name": "LĐLĐ Thanh Xuân",
            "abbreviations": "LĐLĐ TX",
            "level": thanh_xuan.level_id,
            "code": "TX",
            "area": "",
            "version": thanh_xuan.version,
        },
    )

    thanh_xuan.refresh_from_db()
    assert (response.status_code, thanh_xuan.short_name, thanh_xuan.code) == (
        302,
        "LĐLĐ Thanh Xuân",
        "TX",
    )
    entry = AuditEntry.objects.filter(action="phoihop.orgunit.updated").get()
    assert entry.data["short_name"] == {"old": "LĐLĐ quận Thanh Xuân", "new": "LĐLĐ Thanh Xuân"}


def test_viewer_cannot_edit(client, hanoi_union):
    from tests.factories.accounts import member

    viewer = member(hanoi_union, "viewer")
    client.force_login(viewer)

    response = client.post(reverse("orgs:unit_edit", args=[hanoi_union.pk]), {"name": "X"})

    assert response.status_code == 403
    assert OrgUnit.objects.get(pk=hanoi_union.pk).name == "Liên đoàn Lao động thành phố Hà Nội"


def test_outsider_cannot_edit_or_create_under_another_province(
    client, hanoi_union, danang_union_officer
):
    client.force_login(danang_union_officer)

    edit = client.post(reverse("orgs:unit_edit", args=[hanoi_union.pk]), {"name": "X"})
    create = client.post(reverse("orgs:unit_create", args=[hanoi_union.pk]), {"name": "X"})

    assert (edit.status_code, create.status_code) == (404, 404)
    assert OrgUnit.objects.filter(name="X").count() == 0


def test_create_sub_unit_places_it_under_the_parent(client, hanoi_union, hanoi_union_officer):
    client.force_login(hanoi_union_officer)
    level = factories.level("cong-doan", "huyen")

    response = client.post(
        reverse("orgs:unit_create", args=[hanoi_union.pk]),
        {"name": "Liên đoàn Lao động quận Đống Đa", "level": level.pk, "valid_from": "01/01/2020"},
    )

    unit = OrgUnit.objects.get(name="Liên đoàn Lao động quận Đống Đa")
    assert response.url == unit.get_absolute_url()
    assert (unit.valid_from, unit.placements.get().parent_id) == (
        dt.date(2020, 1, 1),
        hanoi_union.pk,
    )


def test_reorganize_merge_needs_unit_admin(client, hanoi_union, thanh_xuan, hanoi_union_officer):
    client.force_login(hanoi_union_officer)  # an editor, not a unit admin

    response = client.get(reverse("orgs:unit_reorganize", args=[thanh_xuan.pk]))

    assert response.status_code == 403


def test_reorganize_dissolve_by_unit_admin(client, hanoi_union, thanh_xuan):
    from tests.factories.accounts import member

    admin = member(hanoi_union, "unit_admin")
    client.force_login(admin)

    response = client.post(
        reverse("orgs:unit_reorganize", args=[thanh_xuan.pk]),
        {"kind": "dissolve", "effective_on": "01/07/2025", "legal_basis": "Công văn 4173/TLĐ-ToC"},
    )

    thanh_xuan.refresh_from_db()
    assert (response.status_code, thanh_xuan.valid_to) == (302, dt.date(2025, 7, 1))


def test_members_page_grants_and_revokes_with_audit(client, hanoi_union, hanoi_women_officer):
    from tests.factories.accounts import member

    admin = member(hanoi_union, "unit_admin")
    client.force_login(admin)

    client.post(
        reverse("orgs:unit_members", args=[hanoi_union.pk]),
        {"username": hanoi_women_officer.username, "role": "viewer", "include_subunits": "on"},
    )
    membership = hanoi_women_officer.memberships.get(unit=hanoi_union)
    client.post(reverse("orgs:membership_revoke", args=[hanoi_union.pk, membership.pk]))

    actions = list(
        AuditEntry.objects.filter(object_id=str(hanoi_union.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == ["phoihop.membership.granted", "phoihop.membership.revoked"]
    assert hanoi_women_officer.memberships.filter(unit=hanoi_union).count() == 0


@pytest.mark.parametrize("item_count", [1, 3])
def test_tree_children_query_count_is_constant(
    client, hanoi_union, hanoi_union_officer, item_count, django_assert_num_queries
):
    for i in range(item_count):
        factories.unit(f"Liên đoàn Lao động quận {i}", level_code="huyen", parent=hanoi_union)
    client.force_login(hanoi_union_officer)

    with django_assert_num_queries(6):
        client.get(reverse("orgs:unit_children", args=[hanoi_union.pk]))


@pytest.mark.parametrize("item_count", [1, 3])
def test_search_query_count_is_constant(
    client, hanoi_union, hanoi_union_officer, item_count, django_assert_num_queries
):
    for i in range(item_count):
        factories.unit(f"Liên đoàn Lao động quận {i}", level_code="huyen", parent=hanoi_union)
    client.force_login(hanoi_union_officer)

    # … and one for the matching units that no longer exist (shown below the current ones)
    with django_assert_num_queries(8):
        client.get(reverse("orgs:unit_search"), {"q": "quan"})
