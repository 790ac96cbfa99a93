"""Factories for org units: plain data, placed through the real service so paths are right."""

from __future__ import annotations

import datetime as dt

from phoihop.accounts.permissions import SYSTEM
from phoihop.orgs import services
from phoihop.orgs.models import AdminArea, OrgLevel, OrgSystem, OrgUnit
from phoihop.orgs.systems import create_default_systems

_counter = {"area": 0}


def system(code: str = "cong-doan") -> OrgSystem:
    if not OrgSystem.objects.exists():  # flushed by a transactional (browser) test
        create_default_systems(OrgSystem, OrgLevel)
    return OrgSystem.objects.get(code=code)


def level(system_code: str = "cong-doan", code: str = "tinh") -> OrgLevel:
    return OrgLevel.objects.get(system=system(system_code), code=code)


def area(name: str = "Tỉnh Tiền Giang", kind: str = "province", **kw) -> AdminArea:
    _counter["area"] += 1
    short = kw.pop("short_name", name.split(" ", 1)[-1])
    return AdminArea.objects.create(
        kind=kind,
        code=kw.pop("code", f"T{_counter['area']:04d}"),
        name=name,
        short_name=short,
        division_type=name.split(" ")[0],
        key=name,
        search_text=name.lower(),
        **kw,
    )


def unit(
    name: str,
    *,
    system_code: str = "cong-doan",
    level_code: str = "tinh",
    parent: OrgUnit | None = None,
    valid_from: dt.date | None = None,
    **kw,
) -> OrgUnit:
    return services.unit_create(
        system=system(system_code),
        level=level(system_code, level_code),
        name=name,
        parent=parent,
        valid_from=valid_from,
        actor=SYSTEM,
        **kw,
    )
