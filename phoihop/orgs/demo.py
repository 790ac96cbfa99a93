"""Demo organization trees built from the real administrative data, with the 2025 reform applied.

Both systems get every province (63 before 1 July 2025, 34 after, through dated merges). The
places of the seed articles get deeper trees: Tiền Giang, Hà Nội (quận Thanh Xuân), Lào Cai,
Bắc Giang and Hải Phòng, plus the Công Thương branch unions of Hà Nội and Hải Phòng.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction

from phoihop.accounts.permissions import SYSTEM
from phoihop.orgs import services
from phoihop.orgs.areas import REFORM_DATE
from phoihop.orgs.enums import AreaKind
from phoihop.orgs.models import AdminArea, AreaSuccession, OrgLevel, OrgSystem, OrgUnit

UNION, WOMEN = "cong-doan", "hoi-lhpn"
# Legacy provinces (GSO codes) that get district and commune trees: Tiền Giang, Lào Cai,
# Bắc Giang, Hải Phòng; Hà Nội only for quận Thanh Xuân.
DEEP_PROVINCES = {"82", "10", "24", "31"}
DEEP_DISTRICTS = {"009"}  # Quận Thanh Xuân


@dataclass
class DemoTrees:
    roots: dict[str, OrgUnit] = field(default_factory=dict)
    provinces: dict[tuple[str, int], OrgUnit] = field(default_factory=dict)  # (system, area id)
    units: int = 0
    events: int = 0


def _place_word(area: AdminArea) -> str:
    """ "tỉnh Tiền Giang", "thành phố Hà Nội", "quận Thanh Xuân", "phường 5"."""
    kind = area.division_type
    if kind and area.name.startswith(kind):
        return kind.lower() + area.name[len(kind) :]
    return area.name


def _names(system: str, area: AdminArea, level: str) -> tuple[str, str, str]:
    place = _place_word(area)
    short_place = area.short_name
    if system == UNION:
        if level in {"tinh", "huyen"}:
            return (
                f"Liên đoàn Lao động {place}",
                f"LĐLĐ {place}",
                f"LĐLĐ {short_place}; Liên đoàn Lao động {short_place}",
            )
        if level == "xa":
            return (f"Công đoàn {place}", f"CĐ {place}", f"Công đoàn {short_place}")
        return (
            f"Công đoàn cơ sở cơ quan {place}",
            f"CĐCS {place}",
            f"CĐCS {short_place}",
        )
    return (
        f"Hội Liên hiệp Phụ nữ {place}",
        f"Hội LHPN {place}",
        f"Hội LHPN {short_place}; Hội Phụ nữ {place}",
    )


class _Builder:
    def __init__(self, actor) -> None:
        self.actor = actor
        self.systems = {s.code: s for s in OrgSystem.objects.all()}
        self.levels = {
            (lv.system.code, lv.code): lv for lv in OrgLevel.objects.select_related("system")
        }
        self.trees = DemoTrees()

    def unit(self, system: str, level: str, area: AdminArea | None, parent, **kw) -> OrgUnit:
        if area is not None and "name" not in kw:
            kw["name"], kw["short_name"], kw["abbreviations"] = _names(system, area, level)
        unit = services.unit_create(
            system=self.systems[system],
            level=self.levels[(system, level)],
            parent=parent,
            area=area,
            actor=self.actor,
            audit=False,
            **kw,
        )
        self.trees.units += 1
        return unit


def _ward_tree(b: _Builder, system: str, district_unit: OrgUnit, district: AdminArea) -> None:
    level = "co-so" if system == UNION else "xa"
    for ward in AdminArea.objects.filter(parent=district).order_by("code"):
        b.unit(system, level, ward, district_unit)


@transaction.atomic
def demo_trees_create(*, actor=SYSTEM) -> DemoTrees:
    """Build the demo trees. Expects the administrative areas to be loaded."""
    b = _Builder(actor)
    b.trees.roots[UNION] = b.unit(
        UNION,
        "trung-uong",
        None,
        None,
        name="Tổng Liên đoàn Lao động Việt Nam",
        short_name="Tổng LĐLĐ Việt Nam",
        abbreviations="TLĐ; Tổng Liên đoàn; TLĐLĐVN",
        code="TLD",
    )
    b.trees.roots[WOMEN] = b.unit(
        WOMEN,
        "trung-uong",
        None,
        None,
        name="Hội Liên hiệp Phụ nữ Việt Nam",
        short_name="Trung ương Hội LHPN Việt Nam",
        abbreviations="TW Hội LHPN; Hội LHPNVN; HLHPNVN",
        code="HLHPNVN",
    )
    legacy = AdminArea.objects.filter(kind=AreaKind.PROVINCE, valid_from__isnull=True).order_by(
        "code"
    )
    for province in legacy:
        for system in (UNION, WOMEN):
            unit = b.unit(
                system, "tinh", province, b.trees.roots[system], code=f"{system}-{province.code}"
            )
            b.trees.provinces[(system, province.pk)] = unit
            if province.code in DEEP_PROVINCES or province.code == "01":
                _district_trees(b, system, unit, province)
    _branch_unions(b)
    _reform_2025(b)
    _other_systems(b)
    return b.trees


def _legacy_province(code: str) -> AdminArea | None:
    """A province as it was before 2025 (None when only some provinces were loaded)."""
    return AdminArea.objects.filter(
        kind=AreaKind.PROVINCE, code=code, valid_from__isnull=True
    ).first()


def _district_trees(b: _Builder, system: str, province_unit: OrgUnit, province: AdminArea) -> None:
    districts = AdminArea.objects.filter(parent=province, kind=AreaKind.DISTRICT).order_by("code")
    for district in districts:
        if province.code == "01" and district.code not in DEEP_DISTRICTS:
            continue
        unit = b.unit(system, "huyen", district, province_unit)
        _ward_tree(b, system, unit, district)


def _branch_unions(b: _Builder) -> None:
    for code, place in (("01", "Hà Nội"), ("31", "Hải Phòng")):
        province = _legacy_province(code)
        if province is None:
            continue
        b.unit(
            UNION,
            "nganh-dia-phuong",
            None,
            b.trees.provinces[(UNION, province.pk)],
            name=f"Công đoàn ngành Công Thương thành phố {place}",
            short_name=f"Công đoàn ngành Công Thương {place}",
            abbreviations=f"CĐ ngành Công Thương {place}; Công đoàn Công Thương {place}",
            code=f"cd-cong-thuong-{code}",
        )
    b.unit(
        UNION,
        "nganh-tw",
        None,
        b.trees.roots[UNION],
        name="Công đoàn Công Thương Việt Nam",
        short_name="Công đoàn Công Thương VN",
        abbreviations="CĐ Công Thương Việt Nam",
        code="cd-cong-thuong-vn",
    )


def _reform_2025(b: _Builder) -> None:
    """Apply the 1 July 2025 reform: district level ends, merged provinces, new communes."""
    on = REFORM_DATE
    basis = "Nghị quyết 202/2025/QH15; Công văn 4173/TLĐ-ToC"
    # 1. New commune-level Women's Unions take over the old ones (by area succession), then the
    #    old district levels end (with the agency grassroots unions under them).
    new_province_units: dict[tuple[str, int], OrgUnit] = {}
    successions = AreaSuccession.objects.filter(
        new__kind=AreaKind.PROVINCE, effective_on=on
    ).select_related("old", "new")
    by_new: dict[int, list[AdminArea]] = defaultdict(list)
    for link in successions:
        by_new[link.new_id].append(link.old)
    new_provinces = {a.pk: a for a in AdminArea.objects.filter(pk__in=by_new)}
    for new_id, olds in by_new.items():
        new_area = new_provinces[new_id]
        for system in (UNION, WOMEN):
            unit = b.unit(
                system,
                "tinh",
                new_area,
                b.trees.roots[system],
                valid_from=on,
                code=f"{system}-{new_area.code}-2025",
            )
            new_province_units[(system, new_id)] = unit
            sources = [b.trees.provinces[(system, old.pk)] for old in olds]
            _new_communes(b, system, unit, sources, new_area)
            services.units_merge(
                sources=sources, target=unit, on=on, actor=b.actor, legal_basis=basis
            )
            b.trees.events += 1
    # Hà Nội is unchanged as a province but its districts end too.
    hanoi = _legacy_province("01")
    for system in (UNION, WOMEN) if hanoi else ():
        _new_communes(b, system, b.trees.provinces[(system, hanoi.pk)], [], hanoi)
    b.trees.provinces.update(new_province_units)


def _new_communes(
    b: _Builder, system: str, province_unit: OrgUnit, old_provinces: list[OrgUnit], area: AdminArea
) -> None:
    """Create commune-level units for the new wards that replace deep legacy trees."""
    on = REFORM_DATE
    sources = old_provinces or [province_unit]
    districts = [
        u
        for source in sources
        for u in OrgUnit.objects.filter(
            placements__parent=source, level__code__in=["huyen", "nganh-dia-phuong"]
        )
    ]
    if not districts:
        return
    old_wards = {
        u.area_id: u
        for d in districts
        for u in OrgUnit.objects.filter(placements__parent=d, area__kind=AreaKind.WARD)
    }
    links = AreaSuccession.objects.filter(
        old_id__in=old_wards, is_default=True, new__kind=AreaKind.WARD
    ).select_related("new")
    grouped: dict[int, list[OrgUnit]] = defaultdict(list)
    new_wards: dict[int, AdminArea] = {}
    for link in links:
        grouped[link.new_id].append(old_wards[link.old_id])
        new_wards[link.new_id] = link.new
    for new_id, olds in sorted(grouped.items()):
        commune = b.unit(system, "xa", new_wards[new_id], province_unit, valid_from=on)
        if system == WOMEN:
            services.units_merge(sources=olds, target=commune, on=on, actor=b.actor)
            b.trees.events += 1
    for district in districts:
        services.unit_dissolve(
            unit=district,
            on=on,
            actor=b.actor,
            cascade=True,
            legal_basis="Công văn 4173/TLĐ-ToC" if system == UNION else "Hướng dẫn 31-HD/BTCTW",
        )
        b.trees.events += 1


def _other_systems(b: _Builder) -> None:
    doan_root = b.unit(
        "doan-tn",
        "trung-uong",
        None,
        None,
        name="Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh",
        short_name="Trung ương Đoàn TNCS Hồ Chí Minh",
        abbreviations="TW Đoàn",
    )
    tien_giang = _legacy_province("82")
    doan_tien_giang = b.unit(
        "doan-tn",
        "tinh",
        tien_giang,
        doan_root,
        name="Tỉnh Đoàn Tiền Giang",
        short_name="Tỉnh Đoàn Tiền Giang",
        abbreviations="Đoàn TN tỉnh Tiền Giang",
    )
    # Tỉnh Đoàn Tiền Giang follows the 1 July 2025 merger like the other provincial bodies.
    dong_thap = _legacy_province("87")
    link = (
        AreaSuccession.objects.filter(
            old=tien_giang, new__kind=AreaKind.PROVINCE, effective_on=REFORM_DATE
        )
        .select_related("new")
        .first()
        if tien_giang
        else None
    )
    if dong_thap and link:
        old_dong_thap = b.unit(
            "doan-tn",
            "tinh",
            dong_thap,
            doan_root,
            name="Tỉnh Đoàn Đồng Tháp",
            short_name="Tỉnh Đoàn Đồng Tháp",
            abbreviations="Đoàn TN tỉnh Đồng Tháp",
        )
        merged = b.unit(
            "doan-tn",
            "tinh",
            link.new,
            doan_root,
            valid_from=REFORM_DATE,
            name="Tỉnh Đoàn Đồng Tháp",
            short_name="Tỉnh Đoàn Đồng Tháp",
            abbreviations="Đoàn TN tỉnh Đồng Tháp",
            code="doan-tn-dong-thap-2025",
        )
        services.units_merge(
            sources=[doan_tien_giang, old_dong_thap],
            target=merged,
            on=REFORM_DATE,
            actor=b.actor,
            legal_basis="Nghị quyết 202/2025/QH15",
        )
        b.trees.events += 1
    laos = b.unit(
        "nuoc-ngoai",
        "trung-uong",
        None,
        None,
        name="Liên hiệp Phụ nữ Lào",
        short_name="LHPN Lào",
        abbreviations="Lao Women's Union",
    )
    b.unit(
        "nuoc-ngoai",
        "tinh",
        None,
        laos,
        name="Hội Liên hiệp Phụ nữ tỉnh Xay Sổm Bun (Lào)",
        short_name="Hội LHPN tỉnh Xay Sổm Bun",
        abbreviations="LHPN Xay Sổm Bun; Hội Phụ nữ tỉnh Xaisomboun",
    )
