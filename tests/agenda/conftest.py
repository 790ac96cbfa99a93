"""Programs with dated milestones for the calendar tests, made through the real services."""

from __future__ import annotations

import datetime as dt

import pytest

from phoihop.accounts.permissions import SYSTEM
from phoihop.programs import services as program_services
from phoihop.programs.models import Milestone, Program

TODAY = dt.date(2025, 7, 10)


@pytest.fixture(autouse=True)
def _today(time_machine):
    # 09:00 in Hà Nội (UTC+7), so the local date is TODAY.
    time_machine.move_to(dt.datetime(2025, 7, 10, 2, 0, tzinfo=dt.UTC), tick=False)


def signed_program(actor, *units, title: str) -> Program:
    """A signed one-year (2025) program; signing generates its 15/12 and 31/12 milestones."""
    program = program_services.program_create(
        actor=actor,
        parties=[{"unit": unit} for unit in units],
        title=title,
        start_year=2025,
        end_year=2025,
    )
    return program_services.program_sign(
        program=program,
        signed_on=dt.date(2025, 1, 15),
        actor=SYSTEM,  # an approver signs
    )


def milestone(program: Program, title: str, due_on: dt.date, **fields) -> Milestone:
    created = program_services.milestone_create(
        program=program, actor=SYSTEM, title=title, due_on=due_on
    )
    if fields:
        return program_services.milestone_update(milestone=created, actor=SYSTEM, **fields)
    return created


@pytest.fixture
def hanoi_program(hanoi_union, hanoi_women, hanoi_union_officer):
    return signed_program(
        hanoi_union_officer,
        hanoi_union,
        hanoi_women,
        title="Chương trình phối hợp chăm lo nữ công nhân Hà Nội",
    )


@pytest.fixture
def danang_program(danang_union, hanoi_women, danang_union_officer):
    """Another province's program: data that could leak into Hà Nội's calendar.

    Its second party is Hà Nội's women's union only because the fixtures have no Đà Nẵng Hội;
    the Hà Nội *union* officer must still not see it.
    """
    return signed_program(
        danang_union_officer,
        danang_union,
        hanoi_women,
        title="Chương trình phối hợp Đà Nẵng",
    )
