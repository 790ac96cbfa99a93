"""When a program's milestones fall, from its phase and its reporting regime.

Titles are data (they appear in reports and reminders in Vietnamese), not interface text.
"""

from __future__ import annotations

import calendar
import datetime as dt

from phoihop.programs.enums import MilestoneKind, ReportFrequency

PERIOD_END_MONTHS = {
    ReportFrequency.QUARTERLY: (3, 6, 9, 12),
    ReportFrequency.SEMIANNUAL: (6, 12),
    ReportFrequency.ANNUAL: (12,),
}
PERIOD_NAMES = {
    ReportFrequency.QUARTERLY: {3: "quý I", 6: "quý II", 9: "quý III", 12: "quý IV"},
    ReportFrequency.SEMIANNUAL: {6: "6 tháng đầu năm", 12: "năm"},
    ReportFrequency.ANNUAL: {12: "năm"},
}


def _day_in_month(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _month_end(day: dt.date) -> dt.date:
    return _day_in_month(day.year, day.month, 31)


def schedule(program) -> list[dict]:
    """Report deadlines per period, a yearly joint review, the interim and the final review."""
    start, end = program.phase_start, program.phase_end
    frequency = ReportFrequency(program.report_frequency)
    items: list[dict] = []
    for year in range(start.year, end.year + 1):
        for month in PERIOD_END_MONTHS[frequency]:
            due = _day_in_month(year, month, program.report_deadline_day)
            if start <= due <= end:
                period = PERIOD_NAMES[frequency][month]
                items.append(
                    {
                        "kind": MilestoneKind.REPORT,
                        "title": f"Báo cáo kết quả thực hiện chương trình {period} {year}",
                        "due_on": due,
                    }
                )
        review = dt.date(year, 12, 31)
        if start <= review < end:
            items.append(
                {
                    "kind": MilestoneKind.ANNUAL_REVIEW,
                    "title": f"Họp liên tịch đánh giá kết quả phối hợp năm {year}",
                    "due_on": review,
                }
            )
    if (end - start).days > 540:  # phases of more than about 18 months get a sơ kết
        middle = _month_end(start + (end - start) / 2)
        items.append(
            {
                "kind": MilestoneKind.INTERIM_REVIEW,
                "title": f"Sơ kết giữa kỳ chương trình phối hợp giai đoạn {program.phase_label}",
                "due_on": middle,
            }
        )
    items.append(
        {
            "kind": MilestoneKind.FINAL_REVIEW,
            "title": f"Tổng kết chương trình phối hợp giai đoạn {program.phase_label}",
            "due_on": end,
        }
    )
    return sorted(items, key=lambda item: item["due_on"])
