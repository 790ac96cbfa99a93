"""Fixtures shared by the program tests: a fixed today, an officer, Hà Nội's counterpart pairs.

Counterparts are the union's and the women's unit of one area: a cascade pairs them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from tests.factories import accounts as account_factories
from tests.factories import orgs as org_factories

REFORM = dt.date(2025, 7, 1)


@pytest.fixture
def frozen_today(time_machine):
    """Today is 16/03/2026 (12:00 in Hà Nội); modules ask for it with ``usefixtures``."""
    time_machine.move_to(dt.datetime(2026, 3, 16, 5, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def actor():
    return account_factories.user("program_officer", is_superuser=True)


def _counterparts(name: str, area, union_parent, women_parent, level_code: str, **kw) -> dict:
    prefix = "Liên đoàn Lao động" if level_code == "huyen" else "Công đoàn"
    return {
        "union": org_factories.unit(
            f"{prefix} {name}", level_code=level_code, parent=union_parent, area=area, **kw
        ),
        "women": org_factories.unit(
            f"Hội Liên hiệp Phụ nữ {name}",
            system_code="hoi-lhpn",
            level_code=level_code,
            parent=women_parent,
            area=area,
            **kw,
        ),
    }


@pytest.fixture
def counterparts() -> Callable[..., dict]:
    """``counterparts(name, area, union_parent, women_parent, level_code, **kw)``: the union's
    and the women's unit of one area, as {"union": …, "women": …}."""
    return _counterparts


@pytest.fixture
def tree(hanoi_union, hanoi_women, hanoi_area):
    """Ba Đình and Thanh Xuân districts, each with both units: counterparts."""
    return {
        key: _counterparts(
            f"quận {name}",
            org_factories.area(f"Quận {name}", kind="district", parent=hanoi_area),
            hanoi_union,
            hanoi_women,
            "huyen",
        )
        for key, name in (("ba_dinh", "Ba Đình"), ("thanh_xuan", "Thanh Xuân"))
    }


@pytest.fixture
def wards(tree) -> dict[str, dict]:
    """Phúc Xá and Trúc Bạch, two wards of Ba Đình with both units, by name."""
    ba_dinh = tree["ba_dinh"]
    return {
        name: _counterparts(
            f"phường {name}",
            org_factories.area(f"Phường {name}", kind="ward", parent=ba_dinh["union"].area),
            ba_dinh["union"],
            ba_dinh["women"],
            "xa",
        )
        for name in ("Phúc Xá", "Trúc Bạch")
    }


@pytest.fixture
def tien_giang(union_root, women_root):
    """Tiền Giang's union and women's union, and those of the new Đồng Tháp (from 01/07/2025)
    they merge into."""
    old_area = org_factories.area("Tỉnh Tiền Giang", code="82")
    new_area = org_factories.area("Tỉnh Đồng Tháp", code="87", valid_from=REFORM)
    return {
        "union": org_factories.unit(
            "Liên đoàn Lao động tỉnh Tiền Giang", parent=union_root, area=old_area
        ),
        "women": org_factories.unit(
            "Hội Liên hiệp Phụ nữ tỉnh Tiền Giang",
            system_code="hoi-lhpn",
            parent=women_root,
            area=old_area,
        ),
        "new_union": org_factories.unit(
            "Liên đoàn Lao động tỉnh Đồng Tháp",
            parent=union_root,
            area=new_area,
            valid_from=REFORM,
        ),
        "new_women": org_factories.unit(
            "Hội Liên hiệp Phụ nữ tỉnh Đồng Tháp",
            system_code="hoi-lhpn",
            parent=women_root,
            area=new_area,
            valid_from=REFORM,
        ),
    }
