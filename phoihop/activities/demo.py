"""Demo activities under the demo programs: deterministic, some joint, some entered twice.

Each running program whose parties are counterpart pairs gets a few activities a year of its
phase (up to today), alternately organized alone and jointly, so the lists show credits and the
reconciliation line; one event is entered by both sides, to show the duplicate warning and merge.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction

from phoihop.accounts.permissions import SYSTEM
from phoihop.activities import services
from phoihop.activities.models import Activity, ActivityKind
from phoihop.orgs.selectors import current_successors, today
from phoihop.programs.enums import ProgramState
from phoihop.programs.models import Program

TEMPLATES = [
    ("hoi-nghi", "Hội nghị triển khai chương trình phối hợp năm {year}", 120, 0.7),
    ("tap-huan", "Tập huấn kỹ năng tuyên truyền pháp luật cho nữ công nhân lao động", 80, 0.85),
    ("toa-dam", "Tọa đàm “Bình đẳng giới trong doanh nghiệp” nhân ngày 8/3", 60, 0.8),
    ("tham-tang-qua", "Thăm, tặng quà nữ công nhân có hoàn cảnh khó khăn dịp Tết", 40, 0.9),
    ("hoi-thi", "Hội thi “Nữ công nhân khéo tay” năm {year}", 200, 0.75),
    (
        "truyen-thong",
        "Truyền thông phòng chống bạo lực gia đình, Tháng hành động vì bình đẳng giới",
        150,
        0.6,
    ),
]


@dataclass
class DemoActivities:
    activities: int = 0
    joint: int = 0


@transaction.atomic
def demo_activities_create(*, per_year: int = 3) -> DemoActivities:
    rng = random.Random(2023)  # noqa: S311 - demo data, fixed seed
    kinds = {k.code: k for k in ActivityKind.objects.all()}
    result = DemoActivities()
    running = [
        ProgramState.IN_EFFECT,
        ProgramState.UNDER_REVIEW,
        ProgramState.CLOSED,
        ProgramState.SUPERSEDED,
    ]
    programs = Program.objects.filter(state__in=running).prefetch_related(
        "parties__unit", "content_areas"
    )
    for program in programs.order_by("pk"):
        parties = [p.unit for p in program.parties.all()]
        areas = list(program.content_areas.all())
        last_year = min(program.end_year or program.start_year, today().year)
        for year in range(program.start_year, last_year + 1):
            for n in range(per_year):
                kind_code, title, size, women_share = TEMPLATES[
                    (program.pk + year + n) % len(TEMPLATES)
                ]
                day = dt.date(year, 1 + (3 * n + program.pk) % 12, 1 + (program.pk * 7 + n) % 27)
                if day > today():
                    continue
                # After a merger the successor unit carries the program's work.
                carriers = [c for p in parties for c in current_successors(p, on=day)[:1]]
                if not carriers:
                    continue
                joint = (n + year) % 2 == 0 and len(carriers) > 1
                lead = carriers[n % len(carriers)]
                organizers = [(lead, "lead")] + (
                    [(p, "partner") for p in carriers if p != lead] if joint else []
                )
                participants = size + rng.randint(0, size)
                services.activity_create(
                    actor=SYSTEM,
                    audit=False,
                    organizers=organizers,
                    title=title.format(year=year),
                    kind=kinds[kind_code],
                    starts_on=day,
                    place=f"Hội trường {lead.short_name or lead.name}",
                    area=lead.area,
                    program=program,
                    content_areas=[areas[n % len(areas)]] if areas else [],
                    participants=participants,
                    participants_women=int(participants * women_share),
                    beneficiaries=participants if kind_code == "tham-tang-qua" else 0,
                    benefits="Quà Tết, mỗi suất 500.000 đồng"
                    if kind_code == "tham-tang-qua"
                    else "",
                    benefits_value=participants * 500_000 if kind_code == "tham-tang-qua" else 0,
                    costs={"union": 5_000_000 + 1_000_000 * n, "women": 3_000_000 if joint else 0},
                )
                result.activities += 1
                result.joint += int(joint)
    _entered_twice(kinds)
    return result


def _entered_twice(kinds: dict[str, ActivityKind]) -> None:
    """The same 8/3 talk entered by each side, to show the duplicate warning and the merge."""
    program = (
        Program.objects.filter(state=ProgramState.IN_EFFECT, parent__isnull=False)
        .order_by("pk")
        .first()
    )
    if program is None:
        return
    day = dt.date(min(today().year, program.end_year or program.start_year), 3, 8)
    for party in program.parties.all()[:2]:
        if not party.unit.is_valid_on(day):
            continue
        if Activity.objects.filter(
            title__startswith="Tọa đàm kỷ niệm Ngày Quốc tế Phụ nữ 8/3", organizers__unit=party.unit
        ).exists():
            continue
        services.activity_create(
            actor=SYSTEM,
            audit=False,
            organizers=[(party.unit, "lead")],
            title=f"Tọa đàm kỷ niệm Ngày Quốc tế Phụ nữ 8/3 năm {day.year}",
            kind=kinds["toa-dam"],
            starts_on=day,
            area=party.unit.area,
            program=program,
            participants=90,
            participants_women=80,
        )
