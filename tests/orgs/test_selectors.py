"""Reads over the trees as of a date, around the 1 July 2025 reform.

The scenario mirrors the reform: the unions of Tiền Giang and the old Đồng Tháp merge into the
new Đồng Tháp union; their district unions are dissolved; the commune unions "Phường 5" and "xã
Đạo Thạnh" merge into the new "Công đoàn phường Đạo Thạnh", which takes over their grassroots
union and sits directly under the new province.
"""

import datetime as dt

import pytest

from phoihop.accounts.permissions import SYSTEM
from phoihop.core.text import fold
from phoihop.orgs import selectors, services
from phoihop.orgs.enums import ReorgKind, ReorgRole
from phoihop.orgs.models import AdminArea, OrgUnit
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

BEFORE = dt.date(2025, 6, 30)
REFORM = dt.date(2025, 7, 1)
AFTER = dt.date(2025, 9, 2)


def _area(name: str, **kw) -> AdminArea:
    area = org_factories.area(name, **kw)
    area.search_text = fold(name)  # as the loader stores it
    area.save(update_fields=["search_text"])
    return area


@pytest.fixture
def areas():
    return {
        "tg": _area("Tỉnh Tiền Giang", code="82", valid_to=REFORM),
        "dt_old": _area("Tỉnh Đồng Tháp", code="87", valid_to=REFORM),
        "dt": _area("Tỉnh Đồng Tháp", code="82", valid_from=REFORM),
    }


@pytest.fixture
def reform(union_root, areas):
    """The union trees of the two provinces before the reform, then the reform itself."""
    u = {"root": union_root}
    u["tg"] = org_factories.unit(
        "Liên đoàn Lao động tỉnh Tiền Giang",
        short_name="LĐLĐ tỉnh Tiền Giang",
        parent=union_root,
        area=areas["tg"],
    )
    u["my_tho"] = org_factories.unit(
        "Liên đoàn Lao động thành phố Mỹ Tho", level_code="huyen", parent=u["tg"]
    )
    u["phuong_5"] = org_factories.unit("Công đoàn Phường 5", level_code="xa", parent=u["my_tho"])
    u["xa_dao_thanh"] = org_factories.unit(
        "Công đoàn xã Đạo Thạnh", level_code="xa", parent=u["my_tho"]
    )
    u["cdcs"] = org_factories.unit(
        "Công đoàn cơ sở Công ty TNHH Đặng Gia", level_code="co-so", parent=u["phuong_5"]
    )
    u["dt_old"] = org_factories.unit(
        "Liên đoàn Lao động tỉnh Đồng Tháp",
        short_name="LĐLĐ tỉnh Đồng Tháp",
        parent=union_root,
        area=areas["dt_old"],
    )
    u["cao_lanh"] = org_factories.unit(
        "Liên đoàn Lao động thành phố Cao Lãnh", level_code="huyen", parent=u["dt_old"]
    )
    # The reform of 1 July 2025.
    u["dt"] = org_factories.unit(
        "Liên đoàn Lao động tỉnh Đồng Tháp (từ 2025)",
        short_name="LĐLĐ tỉnh Đồng Tháp",
        parent=union_root,
        area=areas["dt"],
        valid_from=REFORM,
    )
    u["dao_thanh"] = org_factories.unit(
        "Công đoàn phường Đạo Thạnh", level_code="xa", parent=u["dt"], valid_from=REFORM
    )
    u["commune_merge"] = services.units_merge(
        sources=[u["phuong_5"], u["xa_dao_thanh"]], target=u["dao_thanh"], on=REFORM, actor=SYSTEM
    )
    services.unit_dissolve(unit=u["my_tho"], on=REFORM, actor=SYSTEM)
    services.unit_dissolve(unit=u["cao_lanh"], on=REFORM, actor=SYSTEM)
    u["province_merge"] = services.units_merge(
        sources=[u["tg"], u["dt_old"]], target=u["dt"], on=REFORM, actor=SYSTEM
    )
    for value in u.values():
        value.refresh_from_db()
    return u


def _pick(u: dict, *names: str) -> set[OrgUnit]:
    return {u[name] for name in names}


# --- subtree ---------------------------------------------------------------------------------


def test_subtree_of_root_before_reform_is_the_old_tree(reform):
    result = selectors.subtree(reform["root"], on=BEFORE)

    assert set(result) == _pick(
        reform,
        "root",
        "tg",
        "my_tho",
        "phuong_5",
        "xa_dao_thanh",
        "cdcs",
        "dt_old",
        "cao_lanh",
    )


def test_subtree_of_root_after_reform_is_the_new_tree(reform):
    result = selectors.subtree(reform["root"], on=REFORM)

    assert set(result) == _pick(reform, "root", "dt", "dao_thanh", "cdcs")


def test_subtree_of_root_after_reform_with_inactive_is_everything(reform):
    result = selectors.subtree(reform["root"], on=AFTER, include_inactive=True)

    assert set(result) == set(OrgUnit.objects.filter(system__code="cong-doan"))


def test_subtree_of_new_province_rolls_up_both_old_provinces(reform):
    result = selectors.subtree(reform["dt"], on=AFTER, include_inactive=True)

    assert set(result) == _pick(
        reform,
        "dt",
        "tg",
        "my_tho",
        "dt_old",
        "cao_lanh",
        "dao_thanh",
        "phuong_5",
        "xa_dao_thanh",
        "cdcs",
    )


def test_subtree_of_new_commune_rolls_up_merged_communes(reform):
    result = selectors.subtree(reform["dao_thanh"], on=AFTER, include_inactive=True)

    assert set(result) == _pick(reform, "dao_thanh", "phuong_5", "xa_dao_thanh", "cdcs")


def test_subtree_of_old_province_before_reform_unchanged(reform):
    result = selectors.subtree(reform["tg"], on=BEFORE)

    assert set(result) == _pick(reform, "tg", "my_tho", "phuong_5", "xa_dao_thanh", "cdcs")


def test_subtree_of_old_province_after_reform_has_no_live_units(reform):
    result = selectors.subtree(reform["tg"], on=AFTER)

    assert list(result) == []


def test_subtree_of_new_province_before_it_existed_is_empty(reform):
    result = selectors.subtree(reform["dt"], on=BEFORE)

    assert list(result) == []


def test_subtree_ids_filters_other_tables(reform):
    ids = selectors.subtree_ids(reform["dao_thanh"], on=AFTER)

    result = set(OrgUnit.objects.filter(pk__in=ids))

    assert result == _pick(reform, "dao_thanh", "cdcs")


# --- ancestors, children, roots --------------------------------------------------------------


def test_ancestors_of_grassroots_union_before_reform(reform):
    result = selectors.ancestors(reform["cdcs"], on=BEFORE)

    assert result == [reform["root"], reform["tg"], reform["my_tho"], reform["phuong_5"]]


def test_ancestors_of_grassroots_union_after_reform(reform):
    result = selectors.ancestors(reform["cdcs"], on=REFORM)

    assert result == [reform["root"], reform["dt"], reform["dao_thanh"]]


def test_ancestors_of_dissolved_district_roll_up_through_its_province(reform):
    result = selectors.ancestors(reform["my_tho"], on=AFTER)

    assert result == [reform["root"], reform["dt"], reform["tg"]]


def test_ancestors_before_unit_existed_is_empty(reform):
    result = selectors.ancestors(reform["dao_thanh"], on=BEFORE)

    assert result == []


def test_children_of_root_before_reform(reform):
    result = selectors.children(reform["root"], on=BEFORE)

    assert list(result) == [reform["dt_old"], reform["tg"]]


def test_children_of_root_after_reform(reform):
    result = selectors.children(reform["root"], on=REFORM)

    assert list(result) == [reform["dt"]]


def test_children_of_new_province_after_reform(reform):
    result = selectors.children(reform["dt"], on=REFORM)

    assert list(result) == [reform["dao_thanh"]]


def test_children_of_new_province_with_inactive_ordered_by_tier_then_name(reform):
    result = selectors.children(reform["dt"], on=REFORM, include_inactive=True)

    assert list(result) == [reform["dt_old"], reform["tg"], reform["dao_thanh"]]


def test_children_of_district_before_reform(reform):
    result = selectors.children(reform["my_tho"], on=BEFORE)

    assert list(result) == [reform["phuong_5"], reform["xa_dao_thanh"]]


def test_roots_by_system_order(union_root, women_root):
    mttq = org_factories.unit(
        "Ủy ban Trung ương MTTQ Việt Nam", system_code="mttq", level_code="trung-uong"
    )

    before = selectors.roots(on=BEFORE)
    after = selectors.roots(on=REFORM)

    assert list(before) == [union_root, women_root, mttq]
    assert list(after) == [union_root, women_root, mttq]


def test_roots_exclude_units_not_yet_established_or_ended(union_root):
    later_root = org_factories.unit(
        "Mặt trận Tổ quốc Việt Nam (mới)",
        system_code="mttq",
        level_code="trung-uong",
        valid_from=REFORM,
    )
    ended_root = org_factories.unit(
        "Cơ quan cũ", system_code="chinh-quyen", level_code="trung-uong"
    )
    services.unit_dissolve(unit=ended_root, on=REFORM, actor=SYSTEM)

    before = selectors.roots(on=BEFORE)
    after = selectors.roots(on=REFORM)

    assert list(before) == [union_root, ended_root]
    assert list(after) == [union_root, later_root]


def test_with_child_flag_marks_units_with_children_on_the_day(reform):
    units = OrgUnit.objects.filter(pk__in=[reform["my_tho"].pk, reform["dao_thanh"].pk])

    before = {u.pk: u.has_children for u in selectors.with_child_flag(units, BEFORE)}
    after = {u.pk: u.has_children for u in selectors.with_child_flag(units, AFTER)}

    assert before == {reform["my_tho"].pk: True, reform["dao_thanh"].pk: False}
    assert after == {reform["my_tho"].pk: False, reform["dao_thanh"].pk: True}


# --- successors and history ------------------------------------------------------------------


def test_successors_of_merged_province(reform):
    result = selectors.successors(reform["tg"])

    assert result == [(reform["province_merge"], [reform["dt"]])]


def test_successors_of_dissolved_district_has_no_targets(reform):
    result = selectors.successors(reform["my_tho"])

    assert [(event.kind, targets) for event, targets in result] == [(ReorgKind.DISSOLVE, [])]


def test_successors_follow_a_chain_of_merges(reform):
    later = org_factories.unit(
        "Liên đoàn Lao động vùng Đồng bằng", parent=reform["root"], valid_from=dt.date(2030, 1, 1)
    )
    second = services.units_merge(
        sources=[reform["dt"]], target=later, on=dt.date(2030, 1, 1), actor=SYSTEM
    )

    result = selectors.successors(reform["tg"])

    assert result == [(reform["province_merge"], [reform["dt"]]), (second, [later])]
    assert selectors.current_successors(reform["tg"], on=dt.date(2030, 6, 1)) == [later]


def test_current_successors_of_merged_province_is_new_province(reform):
    result = selectors.current_successors(reform["tg"])

    assert result == [reform["dt"]]


def test_current_successors_before_reform_is_the_unit_itself(reform):
    result = selectors.current_successors(reform["tg"], on=BEFORE)

    assert result == [reform["tg"]]


def test_current_successors_of_merged_commune(reform):
    result = selectors.current_successors(reform["phuong_5"], on=AFTER)

    assert result == [reform["dao_thanh"]]


def test_current_successors_of_dissolved_unit_is_empty(reform):
    result = selectors.current_successors(reform["my_tho"], on=AFTER)

    assert result == []


def test_history_of_merged_province(reform):
    rows = selectors.history(reform["tg"])

    assert [(row["event"], row["role"]) for row in rows] == [
        (reform["province_merge"], ReorgRole.SOURCE)
    ]
    assert [(link.unit, link.role) for link in rows[0]["others"]] == [
        (reform["dt_old"], ReorgRole.SOURCE),
        (reform["dt"], ReorgRole.TARGET),
    ]


def test_history_of_new_commune_lists_its_sources(reform):
    rows = selectors.history(reform["dao_thanh"])

    assert [(row["event"], row["role"]) for row in rows] == [
        (reform["commune_merge"], ReorgRole.TARGET)
    ]
    assert [link.unit for link in rows[0]["others"]] == [
        reform["phuong_5"],
        reform["xa_dao_thanh"],
    ]


def test_history_oldest_first(reform):
    event = services.unit_rename(
        unit=reform["dt"], name="LĐLĐ Đồng Tháp", on=dt.date(2026, 1, 1), actor=SYSTEM
    )

    rows = selectors.history(reform["dt"])

    assert [row["event"] for row in rows] == [reform["province_merge"], event]


def test_history_of_renamed_unit_has_one_row_per_event(hanoi_union):
    event = services.unit_rename(unit=hanoi_union, name="Công đoàn Thủ đô", on=REFORM, actor=SYSTEM)

    rows = selectors.history(hanoi_union)

    assert [(row["event"], row["data"]) for row in rows] == [
        (
            event,
            {
                "old_name": "Liên đoàn Lao động thành phố Hà Nội",
                "old_short_name": "LĐLĐ thành phố Hà Nội",
            },
        )
    ]


def test_name_on_without_rename_is_current_name(reform):
    result = selectors.name_on(reform["tg"], BEFORE)

    assert result == "Liên đoàn Lao động tỉnh Tiền Giang"


# --- counterparts ----------------------------------------------------------------------------


def test_counterparts_same_area_same_tier_other_system(hanoi_union, hanoi_women, danang_union):
    result = selectors.counterparts(hanoi_union)

    assert result == [hanoi_women]


def test_counterparts_nearest_tier_wins_per_system(hanoi_union, hanoi_women, hanoi_area):
    org_factories.unit(
        "Hội LHPN quận Ba Đình",
        system_code="hoi-lhpn",
        level_code="huyen",
        area=hanoi_area,
        parent=hanoi_women,
    )
    youth = org_factories.unit(
        "Thành Đoàn Hà Nội", system_code="doan-tn", level_code="huyen", area=hanoi_area
    )

    result = selectors.counterparts(hanoi_union)

    assert result == [hanoi_women, youth]


def test_counterparts_too_far_apart_not_paired(hanoi_union, hanoi_women, hanoi_area):
    org_factories.unit(
        "Đoàn phường Hồng Hà", system_code="doan-tn", level_code="xa", area=hanoi_area
    )

    result = selectors.counterparts(hanoi_union)

    assert result == [hanoi_women]


def test_counterparts_other_way_round(hanoi_union, hanoi_women):
    result = selectors.counterparts(hanoi_women)

    assert result == [hanoi_union]


def test_counterparts_same_system_excluded(hanoi_union, hanoi_area, union_root):
    org_factories.unit(
        "Công đoàn ngành Hà Nội", level_code="nganh-tw", area=hanoi_area, parent=union_root
    )

    result = selectors.counterparts(hanoi_union)

    assert result == []


def test_counterparts_without_area_is_empty(union_root, women_root):
    result = selectors.counterparts(union_root)

    assert result == []


def test_counterparts_only_units_existing_on_the_day(reform, women_root, areas):
    old_women = org_factories.unit(
        "Hội LHPN tỉnh Tiền Giang", system_code="hoi-lhpn", parent=women_root, area=areas["tg"]
    )
    services.unit_dissolve(unit=old_women, on=REFORM, actor=SYSTEM)

    before = selectors.counterparts(reform["tg"], on=BEFORE)
    after = selectors.counterparts(reform["tg"], on=AFTER)

    assert before == [old_women]
    assert after == []


# --- search ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "tien giang",
        "Tiền Giang",
        "TIEN GIANG",
        "ldld tien giang",
        "LĐLĐ TIỀN GIANG",
        "giang tien",
        "  tiền   giang ",
    ],
)
def test_search_units_is_accent_and_case_insensitive(reform, query):
    result = selectors.search_units(OrgUnit.objects.all(), query)

    assert list(result) == [reform["tg"]]


def test_search_units_dang_matches_d_with_stroke(reform):
    result = selectors.search_units(OrgUnit.objects.all(), "dang")

    assert list(result) == [reform["cdcs"]]


def test_search_units_every_word_must_match(reform):
    result = selectors.search_units(OrgUnit.objects.all(), "tien giang dong thap")

    assert list(result) == []


def test_search_units_empty_query_keeps_queryset(reform):
    queryset = OrgUnit.objects.filter(pk=reform["tg"].pk)

    result = selectors.search_units(queryset, "  ")

    assert list(result) == [reform["tg"]]


def test_search_areas_on_a_date(areas):
    before = selectors.search_areas("dong thap", on=BEFORE)
    after = selectors.search_areas("Đồng Tháp", on=AFTER)
    any_day = selectors.search_areas("DONG THAP")

    assert list(before) == [areas["dt_old"]]
    assert list(after) == [areas["dt"]]
    assert set(any_day) == {areas["dt_old"], areas["dt"]}


# --- paths -----------------------------------------------------------------------------------


def test_paths_of_lists_past_and_present_paths(reform):
    result = set(selectors.paths_of([reform["tg"]]))

    root, tg, dt_new = reform["root"].pk, reform["tg"].pk, reform["dt"].pk
    assert result == {f"{root}.{tg}.", f"{root}.{dt_new}.{tg}."}


def test_units_under_paths_reaches_everything_ever_placed_below(reform):
    paths = selectors.paths_of([reform["tg"]])

    result = set(selectors.units_under_paths(paths))

    assert result == _pick(reform, "tg", "my_tho", "phuong_5", "xa_dao_thanh", "cdcs")


def test_units_under_no_paths_is_empty():
    result = selectors.units_under_paths([])

    assert list(result) == []
