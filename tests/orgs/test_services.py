"""Writes to the organization trees: creation, corrections and dated reorganisations."""

import datetime as dt
import unicodedata

import pytest

from phoihop.accounts.permissions import SYSTEM
from phoihop.core.audit import entries_for
from phoihop.core.exceptions import DomainError
from phoihop.core.models import AuditEntry
from phoihop.orgs import selectors, services
from phoihop.orgs.enums import ReorgKind, ReorgRole
from phoihop.orgs.models import OrgPlacement, OrgUnit, ReorgEvent, ReorgEventUnit
from tests.factories import accounts as account_factories
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

BEFORE = dt.date(2025, 6, 30)
REFORM = dt.date(2025, 7, 1)
AFTER = dt.date(2025, 8, 1)
MOVE_DAY = dt.date(2025, 3, 1)


def _state() -> dict:
    """Everything a refused change must leave untouched."""
    return {
        "placements": list(
            OrgPlacement.objects.order_by("pk").values_list(
                "pk", "unit_id", "parent_id", "path", "depth", "valid_from", "valid_to"
            )
        ),
        "units": list(
            OrgUnit.objects.order_by("pk").values_list("pk", "name", "valid_from", "valid_to")
        ),
        "events": ReorgEvent.objects.count(),
        "event_links": ReorgEventUnit.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def _names(units) -> set[str]:
    return {unit.name for unit in units}


@pytest.fixture
def actor():
    return account_factories.user("org_admin", is_staff=True, is_superuser=True)


@pytest.fixture
def hanoi_district(hanoi_union):
    return org_factories.unit(
        "Liên đoàn Lao động quận Ba Đình", level_code="huyen", parent=hanoi_union
    )


@pytest.fixture
def hanoi_commune(hanoi_district):
    return org_factories.unit("Công đoàn phường Phúc Xá", level_code="xa", parent=hanoi_district)


@pytest.fixture
def tree(union_root):
    """Two old provinces, each with districts and communes, and the new province of 2025."""
    tg = org_factories.unit(
        "Liên đoàn Lao động tỉnh Tiền Giang", short_name="LĐLĐ tỉnh Tiền Giang", parent=union_root
    )
    my_tho = org_factories.unit("LĐLĐ thành phố Mỹ Tho", level_code="huyen", parent=tg)
    phuong_5 = org_factories.unit("Công đoàn Phường 5", level_code="xa", parent=my_tho)
    go_cong = org_factories.unit("LĐLĐ thị xã Gò Công", level_code="huyen", parent=tg)
    go_cong_commune = org_factories.unit("Công đoàn xã Bình Xuân", level_code="xa", parent=go_cong)
    dt_old = org_factories.unit(
        "Liên đoàn Lao động tỉnh Đồng Tháp", short_name="LĐLĐ tỉnh Đồng Tháp", parent=union_root
    )
    cao_lanh = org_factories.unit("LĐLĐ thành phố Cao Lãnh", level_code="huyen", parent=dt_old)
    new_dt = org_factories.unit(
        "Liên đoàn Lao động tỉnh Đồng Tháp (mới)", parent=union_root, valid_from=REFORM
    )
    return {
        "root": union_root,
        "tg": tg,
        "my_tho": my_tho,
        "phuong_5": phuong_5,
        "go_cong": go_cong,
        "go_cong_commune": go_cong_commune,
        "dt_old": dt_old,
        "cao_lanh": cao_lanh,
        "new_dt": new_dt,
    }


@pytest.fixture
def merged(tree, actor):
    """Gò Công dissolved, then Tiền Giang and old Đồng Tháp merged into the new province."""
    services.unit_dissolve(unit=tree["go_cong"], on=REFORM, actor=actor, cascade=True)
    event = services.units_merge(
        sources=[tree["tg"], tree["dt_old"]],
        target=tree["new_dt"],
        on=REFORM,
        actor=actor,
        legal_basis="NQ 202/2025/QH15",
    )
    for unit in tree.values():
        unit.refresh_from_db()
    return {**tree, "event": event}


# --- unit_create -----------------------------------------------------------------------------


def test_unit_create_root_has_own_path_at_depth_zero(union_root):
    placement = union_root.placements.get()

    assert placement.path == f"{union_root.pk}."
    assert placement.depth == 0
    assert placement.parent is None


def test_unit_create_child_path_is_chain_of_pks(union_root, hanoi_union, hanoi_district):
    placement = hanoi_district.placements.get()

    assert placement.path == f"{union_root.pk}.{hanoi_union.pk}.{hanoi_district.pk}."
    assert placement.depth == 2
    assert placement.parent == hanoi_union
    assert placement.valid_from is None


def test_unit_create_placement_starts_on_valid_from(hanoi_union):
    unit = org_factories.unit(
        "Công đoàn phường Hồng Hà", level_code="xa", parent=hanoi_union, valid_from=REFORM
    )

    placement = unit.placements.get()
    assert placement.valid_from == REFORM
    assert unit.valid_from == REFORM


def test_unit_create_writes_created_audit_entry(hanoi_union, actor):
    unit = services.unit_create(
        system=org_factories.system(),
        level=org_factories.level(code="huyen"),
        name="LĐLĐ quận Hoàn Kiếm",
        parent=hanoi_union,
        actor=actor,
    )

    entries = list(entries_for(unit))
    assert [(e.action, e.actor, e.data) for e in entries] == [
        (
            "phoihop.orgunit.created",
            actor,
            {"name": "LĐLĐ quận Hoàn Kiếm", "parent": "LĐLĐ thành phố Hà Nội"},
        )
    ]


def test_unit_create_without_audit_writes_no_entry(hanoi_union, actor):
    count_before = AuditEntry.objects.count()

    services.unit_create(
        system=org_factories.system(),
        level=org_factories.level(code="huyen"),
        name="LĐLĐ quận Tây Hồ",
        parent=hanoi_union,
        actor=actor,
        audit=False,
    )

    assert AuditEntry.objects.count() == count_before


def test_unit_create_normalises_and_indexes_written_forms(hanoi_union):
    decomposed = unicodedata.normalize("NFD", "Liên đoàn Lao động  quận Đống Đa ")

    unit = org_factories.unit(
        decomposed, level_code="huyen", parent=hanoi_union, abbreviations=" LĐLĐ Đống Đa ;; "
    )

    assert unit.name == "Liên đoàn Lao động quận Đống Đa"
    assert unit.abbreviations == "LĐLĐ Đống Đa"
    assert unit.search_text == "lien doan lao dong quan dong da ldld dong da"


def test_unit_create_refuses_parent_of_another_system(women_root):
    state_before = _state()

    with pytest.raises(DomainError) as error:
        org_factories.unit("LĐLĐ tỉnh Bắc Ninh", parent=women_root)

    assert error.value.field == "parent"
    assert _state() == state_before


def test_unit_create_refuses_level_of_another_system(union_root, actor):
    state_before = _state()

    with pytest.raises(DomainError) as error:
        services.unit_create(
            system=org_factories.system(),
            level=org_factories.level("hoi-lhpn", "tinh"),
            name="LĐLĐ tỉnh Bắc Ninh",
            parent=union_root,
            actor=actor,
        )

    assert error.value.field == "level"
    assert _state() == state_before


def test_unit_create_refuses_duplicate_code_in_same_system(union_root):
    org_factories.unit("LĐLĐ tỉnh Bắc Ninh", parent=union_root, code="BN")
    state_before = _state()

    with pytest.raises(DomainError) as error:
        org_factories.unit("LĐLĐ tỉnh Bắc Giang", parent=union_root, code="BN")

    assert error.value.field == "code"
    assert _state() == state_before


def test_unit_create_same_code_allowed_in_another_system(union_root, women_root):
    org_factories.unit("LĐLĐ tỉnh Bắc Ninh", parent=union_root, code="BN")

    unit = org_factories.unit(
        "Hội LHPN tỉnh Bắc Ninh", system_code="hoi-lhpn", parent=women_root, code="BN"
    )

    assert unit.code == "BN"


def test_unit_create_refuses_parent_not_yet_established(tree):
    state_before = _state()

    with pytest.raises(DomainError) as error:
        org_factories.unit(
            "Công đoàn phường Đạo Thạnh",
            level_code="xa",
            parent=tree["new_dt"],
            valid_from=BEFORE,
        )

    assert error.value.field == "parent"
    assert _state() == state_before


def test_unit_create_refuses_parent_already_ended(merged):
    state_before = _state()

    with pytest.raises(DomainError) as error:
        org_factories.unit(
            "LĐLĐ huyện Châu Thành", level_code="huyen", parent=merged["tg"], valid_from=AFTER
        )

    assert error.value.field == "parent"
    assert _state() == state_before


def test_unit_create_backdated_under_moved_parent_follows_parent(merged):
    unit = org_factories.unit(
        "Công đoàn cơ sở Trường THCS Mỹ Tho",
        level_code="co-so",
        parent=merged["my_tho"],
        valid_from=dt.date(2020, 1, 1),
    )

    on_before = selectors.ancestors(unit, on=BEFORE)
    on_after = selectors.ancestors(unit, on=AFTER)

    assert on_before == [merged["root"], merged["tg"], merged["my_tho"]]
    assert on_after == [merged["root"], merged["new_dt"], merged["my_tho"]]


# --- unit_update -----------------------------------------------------------------------------


def test_unit_update_audits_only_changed_fields(hanoi_union, actor):
    services.unit_update(
        unit=hanoi_union,
        actor=actor,
        name="Liên đoàn Lao động thành phố Hà Nội",
        short_name="LĐLĐ Hà Nội",
    )

    entry = entries_for(hanoi_union).first()
    assert entry.action == "phoihop.orgunit.updated"
    assert entry.actor == actor
    assert entry.data == {"short_name": {"old": "LĐLĐ thành phố Hà Nội", "new": "LĐLĐ Hà Nội"}}


def test_unit_update_saves_and_reindexes(hanoi_union, actor):
    services.unit_update(unit=hanoi_union, actor=actor, abbreviations="LĐLĐ HN")

    hanoi_union.refresh_from_db()
    found = list(selectors.search_units(OrgUnit.objects.all(), "ldld hn"))
    assert hanoi_union.abbreviations == "LĐLĐ HN"
    assert found == [hanoi_union]


def test_unit_update_area_recorded_as_id_and_name(hanoi_union, hanoi_area, actor):
    new_area = org_factories.area("Tỉnh Hà Tây", code="HT")

    services.unit_update(unit=hanoi_union, actor=actor, area=new_area)

    entry = entries_for(hanoi_union).first()
    assert entry.data == {
        "area": {
            "old": {"id": hanoi_area.pk, "repr": "Thành phố Hà Nội"},
            "new": {"id": new_area.pk, "repr": "Tỉnh Hà Tây"},
        }
    }


def test_unit_update_nothing_changed_writes_no_entry(hanoi_union, actor):
    count_before = AuditEntry.objects.count()

    services.unit_update(
        unit=hanoi_union,
        actor=actor,
        name=unicodedata.normalize("NFD", hanoi_union.name),
        short_name=hanoi_union.short_name,
    )

    assert AuditEntry.objects.count() == count_before


def test_unit_update_empty_code_stored_as_null(union_root, actor):
    unit = org_factories.unit("LĐLĐ tỉnh Bắc Ninh", parent=union_root, code="BN")

    services.unit_update(unit=unit, actor=actor, code="")

    unit.refresh_from_db()
    assert unit.code is None


def test_unit_update_refuses_field_not_editable(hanoi_union, actor):
    state_before = _state()

    with pytest.raises(DomainError):
        services.unit_update(unit=hanoi_union, actor=actor, valid_to=REFORM)

    assert _state() == state_before


def test_unit_update_refuses_duplicate_code(union_root, actor):
    org_factories.unit("LĐLĐ tỉnh Bắc Ninh", parent=union_root, code="BN")
    other = org_factories.unit("LĐLĐ tỉnh Bắc Giang", parent=union_root, code="BG")
    state_before = _state()

    with pytest.raises(DomainError) as error:
        services.unit_update(unit=other, actor=actor, code="BN")

    assert error.value.field == "code"
    assert _state() == state_before


def test_unit_update_refuses_level_of_another_system(hanoi_union, actor):
    state_before = _state()

    with pytest.raises(DomainError) as error:
        services.unit_update(
            unit=hanoi_union, actor=actor, level=org_factories.level("hoi-lhpn", "tinh")
        )

    assert error.value.field == "level"
    assert _state() == state_before


# --- unit_move -------------------------------------------------------------------------------


def test_unit_move_rewrites_descendant_paths_from_the_date(
    union_root, danang_union, hanoi_district, hanoi_commune, actor
):
    services.unit_move(unit=hanoi_district, new_parent=danang_union, on=MOVE_DAY, actor=actor)

    placement = selectors.placement_on(hanoi_commune, MOVE_DAY)
    assert placement.path == (
        f"{union_root.pk}.{danang_union.pk}.{hanoi_district.pk}.{hanoi_commune.pk}."
    )
    assert placement.depth == 3
    assert placement.parent == hanoi_district
    assert placement.valid_from == MOVE_DAY


def test_unit_move_keeps_old_placements_for_earlier_dates(
    union_root, hanoi_union, danang_union, hanoi_district, hanoi_commune, actor
):
    services.unit_move(unit=hanoi_district, new_parent=danang_union, on=MOVE_DAY, actor=actor)

    earlier = selectors.ancestors(hanoi_commune, on=MOVE_DAY - dt.timedelta(days=1))
    later = selectors.ancestors(hanoi_commune, on=MOVE_DAY)
    assert earlier == [union_root, hanoi_union, hanoi_district]
    assert later == [union_root, danang_union, hanoi_district]
    assert OrgPlacement.objects.filter(unit=hanoi_commune).count() == 2


def test_unit_move_subtrees_before_and_after(
    hanoi_union, danang_union, hanoi_district, hanoi_commune, actor
):
    services.unit_move(unit=hanoi_district, new_parent=danang_union, on=MOVE_DAY, actor=actor)

    hanoi_before = selectors.subtree(hanoi_union, on=MOVE_DAY - dt.timedelta(days=1))
    hanoi_after = selectors.subtree(hanoi_union, on=MOVE_DAY)
    danang_after = selectors.subtree(danang_union, on=MOVE_DAY)
    assert set(hanoi_before) == {hanoi_union, hanoi_district, hanoi_commune}
    assert set(hanoi_after) == {hanoi_union}
    assert set(danang_after) == {danang_union, hanoi_district, hanoi_commune}


def test_unit_move_shifts_depth(union_root, danang_union, hanoi_commune, actor):
    services.unit_move(unit=hanoi_commune, new_parent=danang_union, on=MOVE_DAY, actor=actor)

    placement = selectors.placement_on(hanoi_commune, MOVE_DAY)
    assert placement.path == f"{union_root.pk}.{danang_union.pk}.{hanoi_commune.pk}."
    assert placement.depth == 2


def test_unit_move_to_top_level_makes_a_root(hanoi_union, actor):
    services.unit_move(unit=hanoi_union, new_parent=None, on=MOVE_DAY, actor=actor)

    placement = selectors.placement_on(hanoi_union, MOVE_DAY)
    assert placement.path == f"{hanoi_union.pk}."
    assert placement.depth == 0
    assert placement.parent is None
    assert list(selectors.roots(on=MOVE_DAY).filter(pk=hanoi_union.pk)) == [hanoi_union]


def test_unit_move_records_event_and_audit(hanoi_union, danang_union, hanoi_district, actor):
    event = services.unit_move(
        unit=hanoi_district, new_parent=danang_union, on=MOVE_DAY, actor=actor, legal_basis="QĐ 1"
    )

    links = sorted((link.unit_id, link.role) for link in event.links.all())
    entry = entries_for(hanoi_district).first()
    assert (event.kind, event.effective_on, event.legal_basis, event.created_by) == (
        ReorgKind.MOVE,
        MOVE_DAY,
        "QĐ 1",
        actor,
    )
    assert links == sorted(
        [(hanoi_district.pk, ReorgRole.SOURCE), (danang_union.pk, ReorgRole.TARGET)]
    )
    assert entry.action == "phoihop.orgunit.moved"
    assert entry.data == {
        "parent": {"old": "LĐLĐ thành phố Hà Nội", "new": "LĐLĐ thành phố Đà Nẵng"},
        "effective_on": "2025-03-01",
    }


def test_unit_move_on_the_day_placed_corrects_the_placement(hanoi_union, danang_union, actor):
    unit = org_factories.unit(
        "Công đoàn phường Hồng Hà", level_code="xa", parent=hanoi_union, valid_from=MOVE_DAY
    )

    services.unit_move(unit=unit, new_parent=danang_union, on=MOVE_DAY, actor=actor)

    placements = list(unit.placements.values_list("parent_id", "valid_from", "valid_to"))
    assert placements == [(danang_union.pk, MOVE_DAY, None)]


def test_unit_move_under_own_sub_unit_refused(hanoi_district, hanoi_commune, actor):
    state_before = _state()

    with pytest.raises(DomainError):
        services.unit_move(unit=hanoi_district, new_parent=hanoi_commune, on=MOVE_DAY, actor=actor)

    assert _state() == state_before


def test_unit_move_under_itself_refused(hanoi_district, actor):
    state_before = _state()

    with pytest.raises(DomainError):
        services.unit_move(unit=hanoi_district, new_parent=hanoi_district, on=MOVE_DAY, actor=actor)

    assert _state() == state_before


def test_unit_move_under_parent_of_another_system_refused(hanoi_district, hanoi_women, actor):
    state_before = _state()

    with pytest.raises(DomainError) as error:
        services.unit_move(unit=hanoi_district, new_parent=hanoi_women, on=MOVE_DAY, actor=actor)

    assert error.value.field == "parent"
    assert _state() == state_before


def test_unit_move_of_ended_unit_refused(merged, actor):
    state_before = _state()

    with pytest.raises(DomainError):
        services.unit_move(unit=merged["tg"], new_parent=merged["root"], on=AFTER, actor=actor)

    assert _state() == state_before


# --- unit_rename -----------------------------------------------------------------------------


def test_unit_rename_name_on_earlier_dates_is_the_old_name(hanoi_union, actor):
    services.unit_rename(
        unit=hanoi_union,
        name="Công đoàn thành phố Hà Nội",
        short_name="CĐ Hà Nội",
        on=REFORM,
        actor=actor,
    )

    assert selectors.name_on(hanoi_union, BEFORE) == "Liên đoàn Lao động thành phố Hà Nội"
    assert selectors.name_on(hanoi_union, REFORM) == "Công đoàn thành phố Hà Nội"
    assert hanoi_union.name == "Công đoàn thành phố Hà Nội"


def test_unit_rename_twice_each_period_has_its_name(hanoi_union, actor):
    services.unit_rename(unit=hanoi_union, name="Tên thứ hai", on=MOVE_DAY, actor=actor)
    services.unit_rename(unit=hanoi_union, name="Tên thứ ba", on=REFORM, actor=actor)

    result = [
        selectors.name_on(hanoi_union, day)
        for day in (MOVE_DAY - dt.timedelta(days=1), MOVE_DAY, BEFORE, REFORM)
    ]

    assert result == [
        "Liên đoàn Lao động thành phố Hà Nội",
        "Tên thứ hai",
        "Tên thứ hai",
        "Tên thứ ba",
    ]


@pytest.mark.parametrize(
    "query", ["Liên đoàn Lao động thành phố Hà Nội", "ldld thanh pho ha noi", "ldld ha noi"]
)
def test_unit_rename_old_written_forms_stay_searchable(hanoi_union, actor, query):
    services.unit_rename(unit=hanoi_union, name="Công đoàn Thủ đô", on=REFORM, actor=actor)

    found = list(selectors.search_units(OrgUnit.objects.all(), query))

    assert found == [hanoi_union]


def test_unit_rename_records_event_with_old_name_and_audit(hanoi_union, actor):
    event = services.unit_rename(
        unit=hanoi_union, name="Công đoàn Thủ đô", short_name="CĐ Thủ đô", on=REFORM, actor=actor
    )

    source = event.links.get(role=ReorgRole.SOURCE)
    entry = entries_for(hanoi_union).first()
    assert event.kind == ReorgKind.RENAME
    assert source.data == {
        "old_name": "Liên đoàn Lao động thành phố Hà Nội",
        "old_short_name": "LĐLĐ thành phố Hà Nội",
    }
    assert entry.action == "phoihop.orgunit.renamed"
    assert entry.data["name"] == {
        "old": "Liên đoàn Lao động thành phố Hà Nội",
        "new": "Công đoàn Thủ đô",
    }
    assert entry.data["short_name"] == {"old": "LĐLĐ thành phố Hà Nội", "new": "CĐ Thủ đô"}


def test_unit_rename_of_ended_unit_refused(merged, actor):
    state_before = _state()

    with pytest.raises(DomainError):
        services.unit_rename(unit=merged["tg"], name="X", on=AFTER, actor=actor)

    assert _state() == state_before


# --- unit_dissolve ---------------------------------------------------------------------------


def test_unit_dissolve_with_live_sub_units_refused(hanoi_district, hanoi_commune, actor):
    state_before = _state()

    with pytest.raises(DomainError):
        services.unit_dissolve(unit=hanoi_district, on=REFORM, actor=actor)

    assert _state() == state_before


def test_unit_dissolve_cascade_ends_sub_units(hanoi_union, hanoi_district, hanoi_commune, actor):
    event = services.unit_dissolve(unit=hanoi_district, on=REFORM, actor=actor, cascade=True)

    hanoi_district.refresh_from_db()
    hanoi_commune.refresh_from_db()
    assert (hanoi_district.valid_to, hanoi_commune.valid_to) == (REFORM, REFORM)
    assert event.kind == ReorgKind.DISSOLVE
    assert {link.unit for link in event.links.all()} == {hanoi_district, hanoi_commune}
    assert entries_for(hanoi_commune).first().action == "phoihop.orgunit.dissolved"


def test_unit_dissolve_keeps_placement_for_roll_up(
    hanoi_union, hanoi_district, hanoi_commune, actor
):
    services.unit_dissolve(unit=hanoi_district, on=REFORM, actor=actor, cascade=True)

    live = selectors.subtree(hanoi_union, on=REFORM)
    rolled_up = selectors.subtree(hanoi_union, on=REFORM, include_inactive=True)
    earlier = selectors.subtree(hanoi_union, on=BEFORE)
    assert set(live) == {hanoi_union}
    assert set(rolled_up) == {hanoi_union, hanoi_district, hanoi_commune}
    assert set(earlier) == {hanoi_union, hanoi_district, hanoi_commune}
    assert selectors.placement_on(hanoi_district, AFTER).parent == hanoi_union


def test_unit_dissolve_audit_records_end_date(hanoi_commune, actor):
    services.unit_dissolve(unit=hanoi_commune, on=REFORM, actor=actor, legal_basis="QĐ 2")

    entry = entries_for(hanoi_commune).first()
    assert entry.action == "phoihop.orgunit.dissolved"
    assert entry.actor == actor
    assert entry.data == {"valid_to": {"old": None, "new": "2025-07-01"}}


def test_unit_dissolve_already_ended_refused(hanoi_commune, actor):
    services.unit_dissolve(unit=hanoi_commune, on=REFORM, actor=actor)
    state_before = _state()

    with pytest.raises(DomainError):
        services.unit_dissolve(unit=hanoi_commune, on=AFTER, actor=actor)

    assert _state() == state_before


def test_unit_dissolve_on_founding_day_refused_as_domain_error(hanoi_union, actor):
    unit = org_factories.unit(
        "Công đoàn phường Hồng Hà", level_code="xa", parent=hanoi_union, valid_from=REFORM
    )

    with pytest.raises(DomainError):
        services.unit_dissolve(unit=unit, on=REFORM, actor=actor)


# --- units_merge -----------------------------------------------------------------------------


def test_units_merge_sources_end_on_the_date(merged):
    result = (merged["tg"].valid_to, merged["dt_old"].valid_to, merged["new_dt"].valid_to)

    assert result == (REFORM, REFORM, None)


def test_units_merge_live_children_move_to_target(merged):
    result = selectors.children(merged["new_dt"], on=REFORM)

    assert list(result) == [merged["cao_lanh"], merged["my_tho"]]


def test_units_merge_target_rolls_up_sources_and_dissolved_descendants(merged):
    result = selectors.subtree(merged["new_dt"], on=AFTER, include_inactive=True)

    assert set(result) == {
        merged["new_dt"],
        merged["tg"],
        merged["my_tho"],
        merged["phuong_5"],
        merged["go_cong"],
        merged["go_cong_commune"],
        merged["dt_old"],
        merged["cao_lanh"],
    }


def test_units_merge_target_live_subtree_has_only_live_units(merged):
    result = selectors.subtree(merged["new_dt"], on=AFTER)

    assert set(result) == {
        merged["new_dt"],
        merged["my_tho"],
        merged["phuong_5"],
        merged["cao_lanh"],
    }


def test_units_merge_source_subtree_before_unchanged(tree, actor):
    before_merge = set(selectors.subtree(tree["tg"], on=BEFORE))
    services.unit_dissolve(unit=tree["go_cong"], on=REFORM, actor=actor, cascade=True)

    services.units_merge(
        sources=[tree["tg"], tree["dt_old"]], target=tree["new_dt"], on=REFORM, actor=actor
    )

    assert set(selectors.subtree(tree["tg"], on=BEFORE)) == before_merge
    assert before_merge == {
        tree["tg"],
        tree["my_tho"],
        tree["phuong_5"],
        tree["go_cong"],
        tree["go_cong_commune"],
    }


def test_units_merge_ancestors_of_grandchild_before_and_after(merged):
    before = selectors.ancestors(merged["phuong_5"], on=BEFORE)
    after = selectors.ancestors(merged["phuong_5"], on=REFORM)

    assert before == [merged["root"], merged["tg"], merged["my_tho"]]
    assert after == [merged["root"], merged["new_dt"], merged["my_tho"]]


def test_units_merge_source_placed_under_target(merged):
    placement = selectors.placement_on(merged["tg"], AFTER)

    assert placement.parent == merged["new_dt"]
    assert placement.path == f"{merged['root'].pk}.{merged['new_dt'].pk}.{merged['tg'].pk}."


def test_units_merge_successors_of_source(merged):
    result = selectors.successors(merged["tg"])

    assert result == [(merged["event"], [merged["new_dt"]])]


def test_units_merge_records_event_links(merged):
    event = merged["event"]

    links = sorted((link.unit_id, link.role) for link in event.links.all())

    assert (event.kind, event.effective_on, event.legal_basis) == (
        ReorgKind.MERGE,
        REFORM,
        "NQ 202/2025/QH15",
    )
    assert links == sorted(
        [
            (merged["tg"].pk, ReorgRole.SOURCE),
            (merged["dt_old"].pk, ReorgRole.SOURCE),
            (merged["new_dt"].pk, ReorgRole.TARGET),
        ]
    )


def test_units_merge_audits_sources_and_target(merged, actor):
    source_entry = entries_for(merged["tg"]).first()
    target_entry = entries_for(merged["new_dt"]).first()

    assert (source_entry.action, source_entry.actor) == ("phoihop.orgunit.merged", actor)
    assert source_entry.data == {
        "valid_to": {"old": None, "new": "2025-07-01"},
        "into": "Liên đoàn Lao động tỉnh Đồng Tháp (mới)",
    }
    assert target_entry.action == "phoihop.orgunit.merged"
    assert target_entry.data == {
        "sources": ["LĐLĐ tỉnh Tiền Giang", "LĐLĐ tỉnh Đồng Tháp"],
        "effective_on": "2025-07-01",
    }


def test_units_merge_across_systems_refused(tree, women_root, actor):
    women_unit = org_factories.unit(
        "Hội LHPN tỉnh Tiền Giang", system_code="hoi-lhpn", parent=women_root
    )
    state_before = _state()

    with pytest.raises(DomainError):
        services.units_merge(sources=[women_unit], target=tree["new_dt"], on=REFORM, actor=actor)

    assert _state() == state_before


def test_units_merge_into_own_sub_unit_refused(tree, actor):
    state_before = _state()

    with pytest.raises(DomainError):
        services.units_merge(
            sources=[tree["dt_old"], tree["tg"]], target=tree["my_tho"], on=REFORM, actor=actor
        )

    assert _state() == state_before


def test_units_merge_without_other_sources_refused(tree, actor):
    state_before = _state()

    with pytest.raises(DomainError):
        services.units_merge(
            sources=[tree["new_dt"]], target=tree["new_dt"], on=REFORM, actor=actor
        )

    assert _state() == state_before


def test_units_merge_into_target_not_yet_established_refused(tree, actor):
    state_before = _state()

    with pytest.raises(DomainError):
        services.units_merge(sources=[tree["tg"]], target=tree["new_dt"], on=BEFORE, actor=actor)

    assert _state() == state_before


def test_units_merge_of_ended_source_refused(merged, actor):
    state_before = _state()

    with pytest.raises(DomainError):
        services.units_merge(sources=[merged["tg"]], target=merged["new_dt"], on=AFTER, actor=actor)

    assert _state() == state_before


# --- unit_split ------------------------------------------------------------------------------


@pytest.fixture
def split_targets(union_root):
    return [
        org_factories.unit("LĐLĐ tỉnh Cần Thơ (phần 1)", parent=union_root, valid_from=REFORM),
        org_factories.unit("LĐLĐ tỉnh Cần Thơ (phần 2)", parent=union_root, valid_from=REFORM),
    ]


def test_unit_split_ends_source_and_rolls_up_into_first_target(danang_union, split_targets, actor):
    event = services.unit_split(source=danang_union, targets=split_targets, on=REFORM, actor=actor)

    danang_union.refresh_from_db()
    first, second = split_targets
    assert danang_union.valid_to == REFORM
    assert selectors.placement_on(danang_union, REFORM).parent == first
    assert set(selectors.subtree(first, on=REFORM, include_inactive=True)) == {first, danang_union}
    assert selectors.successors(danang_union) == [(event, [first, second])]
    assert selectors.current_successors(danang_union, on=REFORM) == [first, second]


def test_unit_split_records_event_and_audit(danang_union, split_targets, actor):
    event = services.unit_split(source=danang_union, targets=split_targets, on=REFORM, actor=actor)

    entry = entries_for(danang_union).first()
    assert event.kind == ReorgKind.SPLIT
    assert sorted((link.unit_id, link.role) for link in event.links.all()) == sorted(
        [
            (danang_union.pk, ReorgRole.SOURCE),
            (split_targets[0].pk, ReorgRole.TARGET),
            (split_targets[1].pk, ReorgRole.TARGET),
        ]
    )
    assert entry.action == "phoihop.orgunit.split"
    assert entry.data == {
        "valid_to": {"old": None, "new": "2025-07-01"},
        "into": ["LĐLĐ tỉnh Cần Thơ (phần 1)", "LĐLĐ tỉnh Cần Thơ (phần 2)"],
    }


def test_unit_split_needs_two_targets(danang_union, split_targets, actor):
    state_before = _state()

    with pytest.raises(DomainError):
        services.unit_split(source=danang_union, targets=split_targets[:1], on=REFORM, actor=actor)

    assert _state() == state_before


def test_unit_split_with_live_sub_units_refused(hanoi_union, hanoi_district, split_targets, actor):
    state_before = _state()

    with pytest.raises(DomainError):
        services.unit_split(source=hanoi_union, targets=split_targets, on=REFORM, actor=actor)

    assert _state() == state_before


def test_merging_many_units_keeps_the_event_title_within_its_column(union_root):
    target = org_factories.unit(
        "Công đoàn phường Hồng Hà",
        level_code="xa",
        parent=union_root,
        valid_from=dt.date(2025, 7, 1),
    )
    sources = [
        org_factories.unit(
            f"Công đoàn cơ sở cơ quan phường Phúc Xá số {i}", level_code="co-so", parent=union_root
        )
        for i in range(12)
    ]

    event = services.units_merge(
        sources=sources, target=target, on=dt.date(2025, 7, 1), actor=SYSTEM
    )

    event.refresh_from_db()
    assert (len(event.title), event.title[-1]) == (255, "…")


def test_renaming_many_times_keeps_the_written_forms_within_their_column(hanoi_union):
    for year in range(2000, 2012):
        services.unit_rename(
            unit=hanoi_union,
            name=f"Liên đoàn Lao động thành phố Hà Nội giai đoạn {year} với tên rất dài",
            on=dt.date(year, 1, 1) + dt.timedelta(days=1),
            actor=SYSTEM,
        )

    hanoi_union.refresh_from_db()
    assert len(hanoi_union.abbreviations) <= 255
    assert hanoi_union.abbreviations.endswith(
        "Liên đoàn Lao động thành phố Hà Nội giai đoạn 2010 với tên rất dài"
    )
