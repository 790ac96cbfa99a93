"""Demo figures, targets and report workflow for the indicators pages (run by seed_demo_data).

Everything is written through ``indicators.services``, so the demo has the same audit trail and
roll-up data as entered figures:

- Tiền Giang 2022–2027: LĐLĐ tỉnh Tiền Giang, its districts and three grassroots unions report
  the half-yearly women's-affairs form 2022S1–2025S1. The grassroots reports are approved by
  their district, one of them after a return and a resubmission; the district's other units are
  excused (waived) in the earlier periods so the district is approved too; other districts are
  submitted and wait, a few late, and one has not reported the last period. Since 1 July 2025 the
  figures roll up into LĐLĐ tỉnh Đồng Tháp (today's structure) and stay under Tiền Giang "as it
  was". The program's yearly targets are set for the province and allocated to two districts.
- Lào Cai 2020: targets of the plan for Ban nữ công quần chúng (50 new committees, 100% of
  eligible CĐCS) and the province's two half-year reports.
- The national program 2023–2028 at province level: targets and 2024 figures for a dozen
  provinces, some approved by the confederation, some waiting.

Submissions are stamped with the time they are made; the demo then moves ``submitted_at`` back
to a day around the period's deadline (a few days after it for the late units), since demo data
describes reports sent in the past.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from phoihop.accounts.models import User
from phoihop.indicators import selectors, services
from phoihop.indicators.models import Indicator, ReportForm, Submission
from phoihop.orgs.models import OrgUnit
from phoihop.orgs.selectors import children
from phoihop.programs.models import Program

FORM = "nu-cong-6-thang"
PERIODS = ["2022S1", "2022S2", "2023S1", "2023S2", "2024S1", "2024S2", "2025S1"]
D = dt.date


@dataclass
class DemoIndicators:
    values: int = 0
    targets: int = 0
    submissions: int = 0
    skipped: str = ""


def _unit(code: str) -> OrgUnit | None:
    return OrgUnit.objects.filter(code=code).first()


def _program(unit: OrgUnit, start_year: int) -> Program | None:
    return (
        Program.objects.filter(parties__unit=unit, start_year=start_year, parent__isnull=True)
        .order_by("pk")
        .first()
    )


class _Writer:
    def __init__(self, actor: User, form: ReportForm) -> None:
        self.actor, self.form = actor, form
        self.indicators = {i.code: i for i in selectors.form_indicators(form)}
        self.categories = {
            (i.code, c.code): c
            for i in self.indicators.values()
            for c in selectors.categories_of(i)
        }
        self.result = DemoIndicators()

    def figures(self, unit: OrgUnit, period: str, size: int, rng: random.Random) -> None:
        """A plausible set of the form's figures for a unit of ``size`` workers."""
        women = int(size * rng.uniform(0.55, 0.66))
        members = int(size * rng.uniform(0.82, 0.9))
        members_women = int(members * women / size)
        cdcs = max(1, size // 60)
        with_committee = max(1, int(cdcs * rng.uniform(0.6, 0.85)))
        bch = max(3, size // 40)
        bch_women = int(bch * rng.uniform(0.35, 0.5))
        e = services.ValueEntry
        ind, cat = self.indicators, self.categories
        entries = [
            e(ind["cnvcld"], cat[("cnvcld", "nam")], Decimal(size - women)),
            e(ind["cnvcld"], cat[("cnvcld", "nu")], Decimal(women)),
            e(ind["doan-vien"], cat[("doan-vien", "nam")], Decimal(members - members_women)),
            e(ind["doan-vien"], cat[("doan-vien", "nu")], Decimal(members_women)),
            e(ind["doan-vien-nu-moi"], value=Decimal(int(members_women * rng.uniform(0.01, 0.04)))),
            e(ind["cdcs"], cat[("cdcs", "nha-nuoc")], Decimal(cdcs // 2)),
            e(ind["cdcs"], cat[("cdcs", "ngoai-nha-nuoc")], Decimal(cdcs - cdcs // 2)),
            e(ind["cdcs-co-ban-nu-cong"], value=Decimal(with_committee)),
            e(
                ind["ty-le-cdcs-ban-nu-cong"],
                numerator=Decimal(with_committee),
                denominator=Decimal(max(with_committee, int(cdcs * 0.9))),
            ),
            e(ind["ban-nu-cong-moi"], value=Decimal(rng.randint(0, max(1, with_committee // 40)))),
            e(ind["thanh-vien-ban-nu-cong"], value=Decimal(with_committee * rng.randint(3, 7))),
            e(ind["nu-bch"], value=Decimal(bch_women)),
            e(ind["ty-le-nu-bch"], numerator=Decimal(bch_women), denominator=Decimal(bch)),
            e(ind["nu-chu-tich"], value=Decimal(rng.randint(0, bch_women))),
            e(ind["gvn-dvn"], value=Decimal(int(women * rng.uniform(0.05, 0.12)))),
            e(ind["ho-tro-nu-kho-khan"], value=Decimal(int(women * rng.uniform(0.005, 0.02)))),
            e(ind["tien-ho-tro-nu"], value=Decimal(rng.randint(5, 120) * 500_000)),
            e(ind["mai-am"], value=Decimal(rng.randint(0, 3))),
        ]
        services.values_save_batch(unit=unit, period=period, entries=entries, actor=self.actor)
        self.result.values += len(entries)

    def submit(self, unit: OrgUnit, period: str, *, late_days: int = -3) -> Submission:
        sub = services.submission_submit(unit=unit, form=self.form, period=period,
                                         actor=self.actor)  # fmt: skip
        deadline = selectors.deadline_of(self.form, period)
        when = timezone.make_aware(dt.datetime.combine(deadline, dt.time(9, 30)))
        # Demo history: the report was sent around its deadline, not today.
        Submission.objects.filter(pk=sub.pk).update(
            submitted_at=when + dt.timedelta(days=late_days)
        )
        self.result.submissions += 1
        return sub

    def target(self, unit: OrgUnit, code: str, period: str, value: int, program: Any) -> Any:
        self.result.targets += 1
        return services.target_set(unit=unit, indicator=Indicator.objects.get(code=code),
                                   period=period, value=Decimal(value), actor=self.actor,
                                   program=program)  # fmt: skip


def _tien_giang(w: _Writer) -> None:
    province = _unit("cong-doan-82")
    if province is None:
        return
    rng = random.Random(82)  # noqa: S311 - demo figures, not secrets
    on = D(2025, 6, 15)
    districts = list(children(province, on=on).filter(level__code="huyen"))
    if not districts:
        return
    home = districts[0]
    grassroots = list(children(home, on=on).filter(level__code="co-so")[:3])
    sizes = {province.pk: 900, **{d.pk: rng.randint(5000, 14000) for d in districts}}
    sizes.update({g.pk: rng.randint(120, 900) for g in grassroots})
    for index, period in enumerate(PERIODS):
        last = period == PERIODS[-1]
        for unit in [province, *districts, *grassroots]:
            growth = 1 + 0.02 * index
            w.figures(unit, period, int(sizes[unit.pk] * growth), rng)
        for n, unit in enumerate(grassroots):
            if period == "2024S2" and n == 2:
                _return_and_resubmit(w, unit, period)
                continue
            sub = w.submit(unit, period, late_days=-2 if n else 4)
            if not last or n == 0:
                services.submission_approve(submission=sub, actor=w.actor)
        if not last:
            # The district's other grassroots unions report on paper: excused online.
            for other in children(home, on=selectors.deadline_of(w.form, period)):
                if other not in grassroots and other.level.code == "co-so":
                    services.submission_waive(
                        unit=other, form=w.form, period=period, actor=w.actor,
                        reason="Báo cáo bằng văn bản, tổng hợp vào số liệu của LĐLĐ huyện",
                    )  # fmt: skip
        for n, district in enumerate(districts):
            if last and n % 4 == 3:
                continue  # has not reported the last period yet
            sub = w.submit(district, period, late_days=6 if n % 5 == 2 else -1)
            if district == home and not last:
                services.submission_approve(submission=sub, actor=w.actor)
        if not last:
            w.submit(province, period)
    program = _program(province, 2022)
    if program is None:
        return
    for year, new_committees, share in ((2023, 40, 70), (2024, 45, 75), (2025, 50, 80)):
        w.target(province, "ban-nu-cong-moi", str(year), new_committees, program)
        w.target(province, "ty-le-nu-bch", str(year), share, program)
        w.target(province, "gvn-dvn", str(year), 9000 + 500 * (year - 2023), program)
    # Since the merge the program goes on in LĐLĐ tỉnh Đồng Tháp, which allocates its 2026
    # target to units below it (allocation reads today's tree).
    successor = _unit("cong-doan-82-2025")
    below = list(children(successor)[:2]) if successor else []
    if successor is not None and len(below) == 2:
        parent = w.target(successor, "ban-nu-cong-moi", "2026", 60, program)
        services.target_allocate(
            parent=parent, allocations={below[0]: Decimal(12), below[1]: Decimal(10)},
            actor=w.actor,
        )  # fmt: skip
        w.result.targets += 2


def _return_and_resubmit(w: _Writer, unit: OrgUnit, period: str) -> None:
    sub = w.submit(unit, period, late_days=1)
    services.submission_return(
        submission=sub,
        comment="Số nữ đoàn viên kết nạp mới lớn hơn danh sách gửi kèm: đề nghị kiểm tra lại.",
        actor=w.actor,
    )
    services.value_save(unit=unit, indicator=w.indicators["doan-vien-nu-moi"], period=period,
                        value=Decimal(7), actor=w.actor,
                        comment="Đã đối chiếu danh sách kết nạp")  # fmt: skip
    again = w.submit(unit, period, late_days=5)
    services.submission_approve(submission=again, actor=w.actor)


def _lao_cai(w: _Writer) -> None:
    province = _unit("cong-doan-10")
    program = _program(province, 2020) if province else None
    if province is None or program is None:
        return
    w.target(province, "ban-nu-cong-moi", "2020", 50, program)
    w.target(province, "ty-le-cdcs-ban-nu-cong", "2020", 100, program)
    new, share = w.indicators["ban-nu-cong-moi"], w.indicators["ty-le-cdcs-ban-nu-cong"]
    for period, count, num, den in (("2020S1", 21, 388, 455), ("2020S2", 24, 412, 455)):
        services.values_save_batch(
            unit=province,
            period=period,
            entries=[
                services.ValueEntry(new, value=Decimal(count)),
                services.ValueEntry(share, numerator=Decimal(num), denominator=Decimal(den)),
            ],
            actor=w.actor,
        )
        w.result.values += 2


NATIONAL_PROVINCES = ["01", "79", "31", "48", "92", "24", "10", "38", "46", "56", "75", "86"]


def _national(w: _Writer) -> None:
    root = _unit("TLD")
    program = _program(root, 2023) if root else None
    if program is None:
        return
    rng = random.Random(2023)  # noqa: S311 - demo figures, not secrets
    for n, code in enumerate(NATIONAL_PROVINCES):
        province = _unit(f"cong-doan-{code}")
        if province is None:
            continue
        size = rng.randint(60_000, 400_000)
        w.target(province, "gvn-dvn", "2024", int(size * 0.6 * 0.16), program)
        w.target(province, "ty-le-nu-bch", "2024", 45, program)
        if code in {"82", "10", "24", "31"}:
            continue  # deep trees: their own figures come from the parts above (Tiền Giang)
        for period in ("2024S1", "2024S2"):
            w.figures(province, period, size, rng)
            if n % 3 != 2:
                sub = w.submit(province, period, late_days=-4 if n % 4 else 8)
                waiting = selectors.reporting_children(province, w.form, period)
                if n % 2 == 0 and not waiting:
                    services.submission_approve(submission=sub, actor=w.actor)


@transaction.atomic
def demo_indicators_create() -> DemoIndicators:
    """Figures, targets and submissions for the demo programs (once, after the programs)."""
    form = ReportForm.objects.filter(code=FORM).first()
    actor = User.objects.filter(is_superuser=True).order_by("pk").first()
    if form is None or actor is None:
        return DemoIndicators(skipped="chưa có biểu mẫu hoặc tài khoản quản trị")
    w = _Writer(actor, form)
    _tien_giang(w)
    _lao_cai(w)
    _national(w)
    return w.result
