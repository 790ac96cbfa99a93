"""Load Vietnam's administrative areas, before and after the 1 July 2025 reform.

The data comes from the ``vietnamadminunits`` package (MIT): its SQLite dataset holds the 63
provinces / 696 districts / 10,040 wards valid until 30 June 2025 and the 34 provinces / 3,321
wards valid from 1 July 2025; its converter JSON links old to new. Nothing is typed by hand.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from django.db import transaction

from phoihop.core.text import fold
from phoihop.orgs.enums import AreaChangeKind, AreaKind
from phoihop.orgs.models import AdminArea, AreaSuccession

REFORM_DATE = dt.date(2025, 7, 1)


@dataclass
class LoadSummary:
    provinces: int = 0
    districts: int = 0
    wards: int = 0
    successions: int = 0


def _data_file(name: str):
    return resources.files("vietnamadminunits") / "data" / name


def _rows(table: str) -> list[dict]:
    path = _data_file("dataset.db")
    with resources.as_file(path) as db_path:
        connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        connection.row_factory = sqlite3.Row
        try:
            return [dict(row) for row in connection.execute(f"SELECT * FROM {table}")]  # noqa: S608
        finally:
            connection.close()


def _division_type(name: str) -> str:
    for prefix in (
        "Thành phố",
        "Tỉnh",
        "Quận",
        "Huyện",
        "Thị xã",
        "Phường",
        "Xã",
        "Thị trấn",
        "Đặc khu",
    ):
        if name.startswith(prefix):
            return prefix
    return ""


def _area(kind: str, code: str, name: str, short: str, key: str, lat, lon, **extra) -> AdminArea:
    return AdminArea(
        kind=kind,
        code=code,
        name=name,
        short_name=short,
        division_type=_division_type(name),
        key=key,
        latitude=lat,
        longitude=lon,
        search_text=fold(f"{name} {short}")[:400],
        **extra,
    )


@transaction.atomic
def areas_load(*, provinces: Iterable[str] | None = None) -> LoadSummary:
    """Load all areas (or only the new provinces with these GSO codes and their predecessors).

    Idempotent: provinces already loaded are skipped.
    """
    wanted = set(provinces) if provinces else None
    legacy, current = _rows("admin_units_legacy"), _rows("admin_units")
    with resources.as_file(_data_file("converter_2025.json")) as path:
        converter = json.loads(path.read_text(encoding="utf-8"))
    new_by_key = {r["provinceKey"]: r for r in current}
    if wanted is not None:
        keys = {k for k, r in new_by_key.items() if r["provinceCode"] in wanted}
    else:
        keys = set(new_by_key)
    keys -= set(
        AdminArea.objects.filter(kind=AreaKind.PROVINCE, valid_to__isnull=True).values_list(
            "key", flat=True
        )
    )
    summary = LoadSummary()
    for new_key in sorted(keys):
        _load_province(new_key, converter, legacy, current, summary)
    return summary


def _load_province(
    new_key: str, converter: dict, legacy: list, current: list, s: LoadSummary
) -> None:
    old_keys = converter["DICT_PROVINCE"][new_key]
    new_rows = [r for r in current if r["provinceKey"] == new_key]
    first = new_rows[0]
    unchanged = old_keys == [new_key]
    new_province = _area(
        AreaKind.PROVINCE,
        first["provinceCode"],
        first["province"],
        first["provinceShort"],
        new_key,
        first["provinceLat"],
        first["provinceLon"],
        valid_from=None if unchanged else REFORM_DATE,
    )
    new_province.save()
    s.provinces += 1
    old_wards: dict[str, AdminArea] = {}
    for old_key in old_keys:
        rows = [r for r in legacy if r["provinceKey"] == old_key]
        if unchanged:
            old_province = new_province
        else:
            old_province = _area(
                AreaKind.PROVINCE,
                rows[0]["provinceCode"],
                rows[0]["province"],
                rows[0]["provinceShort"],
                old_key,
                rows[0]["provinceLat"],
                rows[0]["provinceLon"],
                valid_to=REFORM_DATE,
            )
            old_province.save()
            AreaSuccession.objects.create(
                old=old_province,
                new=new_province,
                kind=AreaChangeKind.MERGED if len(old_keys) > 1 else AreaChangeKind.RENAMED,
                effective_on=REFORM_DATE,
            )
            s.provinces += 1
            s.successions += 1
        old_wards.update(_load_legacy_children(old_key, old_province, rows, s))
    new_wards = AdminArea.objects.bulk_create(
        _area(
            AreaKind.WARD,
            r["wardCode"],
            r["ward"],
            r["wardShort"],
            r["wardKey"],
            r["wardLat"],
            r["wardLon"],
            parent=new_province,
            valid_from=REFORM_DATE,
        )
        for r in new_rows
    )
    s.wards += len(new_wards)
    _link_wards(new_key, converter, old_wards, {w.key: w for w in new_wards}, s)


def _load_legacy_children(old_key: str, province: AdminArea, rows: list, s: LoadSummary) -> dict:
    districts: dict[str, AdminArea] = {}
    for r in rows:
        if r["districtKey"] not in districts:
            districts[r["districtKey"]] = _area(
                AreaKind.DISTRICT,
                r["districtCode"],
                r["district"],
                r["districtShort"],
                r["districtKey"],
                r["districtLat"],
                r["districtLon"],
                parent=province,
                valid_to=REFORM_DATE,
            )
    AdminArea.objects.bulk_create(districts.values())
    s.districts += len(districts)
    wards = AdminArea.objects.bulk_create(
        _area(
            AreaKind.WARD,
            r["wardCode"],
            r["ward"],
            r["wardShort"],
            f"{old_key}_{r['districtKey']}_{r['wardKey']}",
            r["wardLat"],
            r["wardLon"],
            parent=districts[r["districtKey"]],
            valid_to=REFORM_DATE,
        )
        for r in rows
        if r["ward"]  # island districts (Bạch Long Vĩ, Hoàng Sa…) had no wards
    )
    s.wards += len(wards)
    return {w.key: w for w in wards}


def _link_wards(new_key: str, converter: dict, old: dict, new: dict, s: LoadSummary) -> None:
    links: dict[tuple[int, int], AreaSuccession] = {}

    def add(
        old_area: AdminArea | None, new_area: AdminArea | None, kind: str, default: bool
    ) -> None:
        if old_area is None or new_area is None:
            return
        links.setdefault(
            (old_area.pk, new_area.pk),
            AreaSuccession(
                old=old_area, new=new_area, kind=kind, effective_on=REFORM_DATE, is_default=default
            ),
        )

    for new_ward_key, old_keys in (
        converter["DICT_PROVINCE_WARD_NO_DIVIDED"].get(new_key, {}).items()
    ):
        kind = AreaChangeKind.MERGED if len(old_keys) > 1 else AreaChangeKind.UNCHANGED
        for old_key in old_keys:
            add(old.get(old_key), new.get(new_ward_key), kind, True)
    for old_key, targets in converter["DICT_PROVINCE_WARD_DIVIDED"].get(new_key, {}).items():
        for target in targets:
            add(
                old.get(old_key),
                new.get(target["newWardKey"]),
                AreaChangeKind.DIVIDED,
                target["isDefaultNewWard"],
            )
    AreaSuccession.objects.bulk_create(links.values())
    s.successions += len(links)
