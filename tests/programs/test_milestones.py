"""When a program's milestones fall: ``phoihop.programs.milestones.schedule``."""

import datetime as dt

import pytest

from phoihop.programs.enums import MilestoneKind, ProgramKind, ReportFrequency
from phoihop.programs.milestones import schedule
from phoihop.programs.models import Program

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

REPORT = MilestoneKind.REPORT
ANNUAL = MilestoneKind.ANNUAL_REVIEW
INTERIM = MilestoneKind.INTERIM_REVIEW
FINAL = MilestoneKind.FINAL_REVIEW


def _program(**fields) -> Program:
    """An unsaved program: ``schedule`` reads only the phase and the reporting regime."""
    values = {
        "title": "Chương trình phối hợp",
        "start_year": 2022,
        "end_year": 2027,
        "report_frequency": ReportFrequency.ANNUAL,
        "report_deadline_day": 15,
        **fields,
    }
    return Program(**values)


def _dates(items: list[dict], kind: str) -> list[dt.date]:
    return [item["due_on"] for item in items if item["kind"] == kind]


def test_schedule_annual_reports_due_on_15_december_every_year():
    program = _program()

    result = _dates(schedule(program), REPORT)

    assert result == [dt.date(year, 12, 15) for year in range(2022, 2028)]


def test_schedule_annual_reviews_on_31_december_except_the_last_year():
    program = _program()

    result = _dates(schedule(program), ANNUAL)

    assert result == [dt.date(year, 12, 31) for year in range(2022, 2027)]


def test_schedule_annual_has_one_interim_review_at_a_month_end_mid_phase():
    # The phase runs 01/01/2022–31/12/2027: its middle is the end of 2024, three years in
    # (DOMAIN §5.1: sơ kết giữa kỳ at 2.5–3 years).
    program = _program()

    result = _dates(schedule(program), INTERIM)

    assert result == [dt.date(2024, 12, 31)]


def test_schedule_annual_final_review_on_the_last_day_of_the_phase():
    program = _program()

    result = _dates(schedule(program), FINAL)

    assert result == [dt.date(2027, 12, 31)]


def test_schedule_items_are_sorted_by_due_date():
    program = _program()

    result = [item["due_on"] for item in schedule(program)]

    assert result == sorted(result)


def test_schedule_titles_name_the_period_and_the_phase():
    program = _program()

    result = {(item["kind"], item["due_on"]): item["title"] for item in schedule(program)}

    assert result[(REPORT, dt.date(2023, 12, 15))] == (
        "Báo cáo kết quả thực hiện chương trình năm 2023"
    )
    assert result[(FINAL, dt.date(2027, 12, 31))] == (
        "Tổng kết chương trình phối hợp giai đoạn 2022–2027"
    )


def test_schedule_semiannual_reports_on_15_june_and_15_december():
    program = _program(start_year=2023, end_year=2024, report_frequency=ReportFrequency.SEMIANNUAL)

    result = _dates(schedule(program), REPORT)

    assert result == [
        dt.date(2023, 6, 15),
        dt.date(2023, 12, 15),
        dt.date(2024, 6, 15),
        dt.date(2024, 12, 15),
    ]


def test_schedule_semiannual_first_half_report_is_titled_six_months():
    program = _program(start_year=2023, end_year=2024, report_frequency=ReportFrequency.SEMIANNUAL)

    result = [item["title"] for item in schedule(program) if item["kind"] == REPORT][:2]

    assert result == [
        "Báo cáo kết quả thực hiện chương trình 6 tháng đầu năm 2023",
        "Báo cáo kết quả thực hiện chương trình năm 2023",
    ]


def test_schedule_quarterly_reports_on_the_15th_of_each_quarters_last_month():
    program = _program(start_year=2025, end_year=2025, report_frequency=ReportFrequency.QUARTERLY)

    result = [
        (item["due_on"], item["title"]) for item in schedule(program) if item["kind"] == REPORT
    ]

    assert result == [
        (dt.date(2025, 3, 15), "Báo cáo kết quả thực hiện chương trình quý I 2025"),
        (dt.date(2025, 6, 15), "Báo cáo kết quả thực hiện chương trình quý II 2025"),
        (dt.date(2025, 9, 15), "Báo cáo kết quả thực hiện chương trình quý III 2025"),
        (dt.date(2025, 12, 15), "Báo cáo kết quả thực hiện chương trình quý IV 2025"),
    ]


def test_schedule_one_year_joint_plan_has_a_report_and_a_final_review_only():
    program = _program(kind=ProgramKind.JOINT_PLAN, start_year=2025, end_year=None)

    result = [(item["kind"], item["due_on"]) for item in schedule(program)]

    assert result == [(REPORT, dt.date(2025, 12, 15)), (FINAL, dt.date(2025, 12, 31))]


def test_schedule_deadline_day_31_is_clamped_to_the_month_end():
    program = _program(
        start_year=2024,
        end_year=2024,
        report_frequency=ReportFrequency.SEMIANNUAL,
        report_deadline_day=31,
    )

    result = _dates(schedule(program), REPORT)

    assert result == [dt.date(2024, 6, 30), dt.date(2024, 12, 31)]


def test_schedule_deadline_day_31_quarterly_uses_each_months_last_day():
    program = _program(
        start_year=2023,
        end_year=2023,
        report_frequency=ReportFrequency.QUARTERLY,
        report_deadline_day=31,
    )

    result = _dates(schedule(program), REPORT)

    assert result == [
        dt.date(2023, 3, 31),
        dt.date(2023, 6, 30),
        dt.date(2023, 9, 30),
        dt.date(2023, 12, 31),
    ]


def test_schedule_skips_deadlines_before_the_program_starts():
    # Thanh Xuân signed its 2017–2022 program on 06/03/2017 (seed 001).
    program = _program(
        start_year=2017,
        end_year=2022,
        starts_on=dt.date(2017, 3, 6),
        report_frequency=ReportFrequency.QUARTERLY,
    )

    result = _dates(schedule(program), REPORT)[:2]

    assert result == [dt.date(2017, 3, 15), dt.date(2017, 6, 15)]


def test_schedule_explicit_end_date_moves_the_final_review():
    program = _program(start_year=2023, end_year=2028, ends_on=dt.date(2028, 3, 31))

    result = _dates(schedule(program), FINAL)

    assert result == [dt.date(2028, 3, 31)]
