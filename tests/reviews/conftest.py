"""Hà Nội's joint program cascaded to two districts, with activities at every level.

City program (LĐLĐ Hà Nội – Hội LHPN Hà Nội) 2023–2027, two content areas, cascaded to quận Ba
Đình and quận Thanh Xuân (counterpart pairs). Activities in 2023: one at the city level, two in
Ba Đình, one in Thanh Xuân, and one in January 2024 (outside the period) that must never be counted.
"""

from __future__ import annotations

import datetime as dt

import pytest

from phoihop.accounts.permissions import SYSTEM
from phoihop.activities import services as activity_services
from phoihop.activities.models import Activity, ActivityKind
from phoihop.orgs.enums import Tier
from phoihop.programs import cascade
from phoihop.programs import services as program_services
from phoihop.programs.enums import PartyRole
from phoihop.programs.models import Program
from tests.factories import accounts as account_factories
from tests.factories import orgs as org_factories

YEAR_START, YEAR_END = dt.date(2023, 1, 1), dt.date(2023, 12, 31)


def activity(
    program: Program,
    units,
    *,
    day,
    area_index=0,
    participants=0,
    women=0,
    cost=0,
    kind="hoi-nghi",
    title="Hội nghị tuyên truyền",
) -> Activity:
    areas = list(program.content_areas.order_by("order"))
    return activity_services.activity_create(
        actor=SYSTEM,
        organizers=[(u, "lead" if i == 0 else "partner") for i, u in enumerate(units)],
        costs={"union": cost} if cost else None,
        content_areas=[areas[area_index]] if area_index is not None else [],
        title=title,
        kind=ActivityKind.objects.get(code=kind),
        starts_on=day,
        program=program,
        participants=participants,
        participants_women=women,
    )


def _districts(hanoi_union, hanoi_women, hanoi_area) -> dict:
    result = {}
    for key, name in (("ba_dinh", "Ba Đình"), ("thanh_xuan", "Thanh Xuân")):
        area = org_factories.area(f"Quận {name}", kind="district", parent=hanoi_area)
        result[key] = {
            "union": org_factories.unit(
                f"Liên đoàn Lao động quận {name}",
                level_code="huyen",
                parent=hanoi_union,
                area=area,
            ),
            "women": org_factories.unit(
                f"Hội Liên hiệp Phụ nữ quận {name}",
                system_code="hoi-lhpn",
                level_code="huyen",
                parent=hanoi_women,
                area=area,
            ),
        }
    return result


@pytest.fixture
def districts(hanoi_union, hanoi_women, hanoi_area):
    return _districts(hanoi_union, hanoi_women, hanoi_area)


@pytest.fixture
def city_program(hanoi_union, hanoi_women, districts):
    program = program_services.program_create(
        actor=SYSTEM,
        parties=[
            {
                "unit": hanoi_union,
                "role": PartyRole.LEAD,
                "signatory_name": "Phạm Quang Thanh",
                "signatory_title": "Chủ tịch LĐLĐ thành phố",
            },
            {
                "unit": hanoi_women,
                "role": PartyRole.PARTNER,
                "signatory_name": "Lê Kim Anh",
                "signatory_title": "Chủ tịch Hội LHPN thành phố",
            },
        ],
        content_areas=[{"title": "Tuyên truyền, giáo dục"}, {"title": "Chăm lo đời sống"}],
        title="Chương trình phối hợp hoạt động trong nữ CNVCLĐ giai đoạn 2023 - 2027",
        start_year=2023,
        end_year=2027,
        number="01/CTrPH-LĐLĐ-HLHPN",
    )
    program_services.program_sign(program=program, signed_on=dt.date(2023, 1, 5), actor=SYSTEM)
    program_services.program_activate(program=program, actor=SYSTEM)
    cascade.program_cascade(
        program=program, tier=Tier.DISTRICT, on=dt.date(2023, 1, 10), actor=SYSTEM
    )
    program.refresh_from_db()
    return program


@pytest.fixture
def derived(city_program, districts) -> dict[str, Program]:
    result = {}
    for program in city_program.derived.all():
        unit_ids = {p.unit_id for p in program.parties.all()}
        for key, pair in districts.items():
            if pair["union"].pk in unit_ids:
                result[key] = program
    return result


@pytest.fixture
def activities(city_program, derived, districts, hanoi_union, hanoi_women) -> dict:
    ba_dinh, thanh_xuan = districts["ba_dinh"], districts["thanh_xuan"]
    return {
        "city": activity(
            city_program,
            [hanoi_union, hanoi_women],
            day=dt.date(2023, 3, 8),
            participants=500,
            women=400,
            cost=20_000_000,
        ),
        "ba_dinh_1": activity(
            derived["ba_dinh"],
            [ba_dinh["union"], ba_dinh["women"]],
            day=dt.date(2023, 4, 2),
            participants=120,
            women=100,
            cost=5_000_000,
        ),
        "ba_dinh_2": activity(
            derived["ba_dinh"],
            [ba_dinh["union"]],
            day=dt.date(2023, 6, 1),
            area_index=1,
            participants=80,
            women=30,
            cost=3_000_000,
            kind="tap-huan",
            title="Tập huấn",
        ),
        "thanh_xuan": activity(
            derived["thanh_xuan"],
            [thanh_xuan["women"]],
            day=dt.date(2023, 9, 9),
            participants=60,
            women=60,
            cost=0,
        ),
        "old": activity(
            derived["thanh_xuan"],
            [thanh_xuan["women"]],
            day=dt.date(2024, 1, 15),
            participants=999,
            women=999,
            cost=999,
        ),
    }


@pytest.fixture
def approver(hanoi_union, hanoi_women):
    return account_factories.member(hanoi_union, "approver", username="hanoi_approver")


@pytest.fixture
def ba_dinh_officer(districts):
    return account_factories.member(districts["ba_dinh"]["union"], "approver", username="ba_dinh")
