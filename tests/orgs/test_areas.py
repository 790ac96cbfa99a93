"""Loading the administrative areas before and after 1 July 2025 from ``vietnamadminunits``.

Expected numbers are read from the package's own data, never typed by hand.
"""

import io
import json
import sqlite3
from importlib import resources

import pytest
from django.core.management import call_command

from phoihop.orgs import selectors
from phoihop.orgs.areas import REFORM_DATE, LoadSummary, areas_load
from phoihop.orgs.enums import AreaChangeKind, AreaKind
from phoihop.orgs.models import AdminArea, AreaSuccession

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

NEW_DONG_THAP = "82"  # post-2025 Đồng Tháp = old Tiền Giang (82) + old Đồng Tháp (87)
HANOI = "01"


def _package_count(sql: str, *params: str) -> int:
    with resources.as_file(resources.files("vietnamadminunits") / "data" / "dataset.db") as db_path:
        connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            return connection.execute(sql, params).fetchone()[0]
        finally:
            connection.close()


def _converter() -> dict:
    path = resources.files("vietnamadminunits") / "data" / "converter_2025.json"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def dong_thap() -> LoadSummary:
    return areas_load(provinces=[NEW_DONG_THAP])


@pytest.fixture
def hanoi() -> LoadSummary:
    return areas_load(provinces=[HANOI])


def _new_province(code: str) -> AdminArea:
    return AdminArea.objects.get(kind=AreaKind.PROVINCE, code=code, valid_to__isnull=True)


def test_areas_load_new_province_valid_from_reform(dong_thap):
    province = _new_province(NEW_DONG_THAP)

    assert (province.name, province.short_name, province.key) == (
        "Tỉnh Đồng Tháp",
        "Đồng Tháp",
        "tinhdongthap",
    )
    assert (province.valid_from, province.valid_to) == (REFORM_DATE, None)
    assert province.division_type == "Tỉnh"


def test_areas_load_new_ward_count_matches_package(dong_thap):
    expected = _package_count(
        "SELECT COUNT(*) FROM admin_units WHERE provinceCode = ?", NEW_DONG_THAP
    )

    result = AdminArea.objects.filter(
        kind=AreaKind.WARD, parent=_new_province(NEW_DONG_THAP), valid_from=REFORM_DATE
    ).count()

    assert result == expected
    assert expected > 0


def test_areas_load_legacy_provinces_end_on_reform(dong_thap):
    legacy = AdminArea.objects.filter(kind=AreaKind.PROVINCE, valid_to=REFORM_DATE)

    result = sorted(legacy.values_list("name", "code", "valid_from"))

    assert result == [("Tỉnh Tiền Giang", "82", None), ("Tỉnh Đồng Tháp", "87", None)]


def test_areas_load_legacy_districts_and_wards_match_package(dong_thap):
    districts = _package_count(
        "SELECT COUNT(DISTINCT provinceKey || '/' || districtKey) FROM admin_units_legacy "
        "WHERE provinceKey IN ('tinhtiengiang', 'tinhdongthap')"  # both have a Châu Thành
    )
    wards = _package_count(
        "SELECT COUNT(*) FROM admin_units_legacy "
        "WHERE provinceKey IN ('tinhtiengiang', 'tinhdongthap') AND ward != ''"
    )

    result = (
        AdminArea.objects.filter(kind=AreaKind.DISTRICT, valid_to=REFORM_DATE).count(),
        AdminArea.objects.filter(kind=AreaKind.WARD, valid_to=REFORM_DATE).count(),
    )

    assert result == (districts, wards)


def test_areas_load_summary_counts_what_was_stored(dong_thap):
    result = LoadSummary(
        provinces=AdminArea.objects.filter(kind=AreaKind.PROVINCE).count(),
        districts=AdminArea.objects.filter(kind=AreaKind.DISTRICT).count(),
        wards=AdminArea.objects.filter(kind=AreaKind.WARD).count(),
        successions=AreaSuccession.objects.count(),
    )

    assert result == dong_thap
    assert dong_thap.provinces == 3


def test_areas_load_old_provinces_merged_into_new(dong_thap):
    links = AreaSuccession.objects.filter(old__kind=AreaKind.PROVINCE)

    result = sorted(
        links.values_list("old__name", "new__name", "new__valid_from", "kind", "effective_on")
    )

    assert result == [
        ("Tỉnh Tiền Giang", "Tỉnh Đồng Tháp", REFORM_DATE, AreaChangeKind.MERGED, REFORM_DATE),
        ("Tỉnh Đồng Tháp", "Tỉnh Đồng Tháp", REFORM_DATE, AreaChangeKind.MERGED, REFORM_DATE),
    ]


def test_areas_load_known_ward_merge_is_linked(dong_thap):
    old_keys = _converter()["DICT_PROVINCE_WARD_NO_DIVIDED"]["tinhdongthap"]["phuongdaothanh"]
    new_ward = AdminArea.objects.get(
        kind=AreaKind.WARD, key="phuongdaothanh", parent=_new_province(NEW_DONG_THAP)
    )

    result = set(
        AreaSuccession.objects.filter(new=new_ward, kind=AreaChangeKind.MERGED).values_list(
            "old__key", flat=True
        )
    )

    assert result == set(old_keys)
    assert len(old_keys) > 1
    assert new_ward.name == "Phường Đạo Thạnh"


def test_areas_load_divided_ward_has_one_default_successor(dong_thap):
    divided = _converter()["DICT_PROVINCE_WARD_DIVIDED"]["tinhdongthap"]
    old_key, targets = next(iter(sorted(divided.items())))
    old_ward = AdminArea.objects.get(kind=AreaKind.WARD, key=old_key)

    result = sorted(
        AreaSuccession.objects.filter(old=old_ward).values_list("new__key", "kind", "is_default")
    )

    assert result == sorted(
        (t["newWardKey"], AreaChangeKind.DIVIDED, t["isDefaultNewWard"]) for t in targets
    )


def test_areas_load_legacy_ward_sits_under_its_district(dong_thap):
    ward = AdminArea.objects.get(kind=AreaKind.WARD, key="tinhtiengiang_thanhphomytho_phuong5")

    result = (ward.parent.kind, ward.parent.name, ward.parent.parent.name)

    assert result == (AreaKind.DISTRICT, "Thành phố Mỹ Tho", "Tỉnh Tiền Giang")
    assert ward.valid_to == REFORM_DATE


def test_areas_load_is_idempotent(dong_thap):
    count_before = (AdminArea.objects.count(), AreaSuccession.objects.count())

    second = areas_load(provinces=[NEW_DONG_THAP])

    assert second == LoadSummary()
    assert (AdminArea.objects.count(), AreaSuccession.objects.count()) == count_before


def test_areas_load_search_areas_by_date(dong_thap):
    provinces = AdminArea.objects.filter(kind=AreaKind.PROVINCE)

    before = selectors.search_areas("tien giang", on=REFORM_DATE.replace(day=1, month=6))
    after = selectors.search_areas("Tiền Giang", on=REFORM_DATE)

    assert list(before.filter(pk__in=provinces)) == [
        AdminArea.objects.get(kind=AreaKind.PROVINCE, key="tinhtiengiang")
    ]
    assert list(after.filter(pk__in=provinces)) == []


def test_areas_load_unchanged_province_is_one_row_without_bounds(hanoi):
    rows = AdminArea.objects.filter(kind=AreaKind.PROVINCE, key="thanhphohanoi")

    result = list(rows.values_list("code", "name", "valid_from", "valid_to"))

    assert result == [(HANOI, "Thành phố Hà Nội", None, None)]
    assert AreaSuccession.objects.filter(old__kind=AreaKind.PROVINCE).count() == 0


def test_areas_load_unchanged_province_districts_end_on_reform(hanoi):
    expected = _package_count(
        "SELECT COUNT(DISTINCT districtKey) FROM admin_units_legacy WHERE provinceKey = ?",
        "thanhphohanoi",
    )
    districts = AdminArea.objects.filter(kind=AreaKind.DISTRICT)

    result = set(districts.values_list("valid_from", "valid_to", "parent__key"))

    assert result == {(None, REFORM_DATE, "thanhphohanoi")}
    assert districts.count() == expected


def test_areas_load_unchanged_province_new_wards_directly_under_it(hanoi):
    expected = _package_count("SELECT COUNT(*) FROM admin_units WHERE provinceCode = ?", HANOI)
    province = _new_province(HANOI)

    result = province.adminarea_set.filter(kind=AreaKind.WARD).count()

    assert result == expected


def test_areas_load_hanoi_phuc_xa_became_hong_ha(hanoi):
    old_ward = AdminArea.objects.get(key="thanhphohanoi_quanbadinh_phuongphucxa")

    result = list(AreaSuccession.objects.filter(old=old_ward).values_list("new__name", "kind"))

    assert result == [("Phường Hồng Hà", AreaChangeKind.MERGED)]


def test_load_admin_areas_command_reports_counts():
    out = io.StringIO()

    call_command("load_admin_areas", "--province", HANOI, stdout=out)

    assert out.getvalue().strip() == (
        f"Đã nạp 1 tỉnh/thành, "
        f"{AdminArea.objects.filter(kind=AreaKind.DISTRICT).count()} quận/huyện, "
        f"{AdminArea.objects.filter(kind=AreaKind.WARD).count()} xã/phường, "
        f"{AreaSuccession.objects.count()} liên kết chuyển đổi."
    )


def test_load_admin_areas_command_second_run_loads_nothing():
    call_command("load_admin_areas", "--province", HANOI, stdout=io.StringIO())
    out = io.StringIO()

    call_command("load_admin_areas", "--province", HANOI, stdout=out)

    assert out.getvalue().strip() == (
        "Đã nạp 0 tỉnh/thành, 0 quận/huyện, 0 xã/phường, 0 liên kết chuyển đổi."
    )
