"""Demo reviews from the seed articles (run after the demo programs and activities).

- 000 Tiền Giang: the yearly review 2023 of the 2022–2027 program, rolling up the districts:
  each district program in effect has its own joint yearly review, approved; the province's
  review (joint, both chairpersons sign) is pre-filled from them and left submitted for approval.
- 003 Bắc Giang: Hội LHPN tỉnh's sơ kết 6 tháng đầu năm 2023 (31/7/2023) of the cooperation
  agreement with Xay Sổm Bun, single-party, signed by its chairperson; the sections are the
  article's own sentences.
- 004 Công Thương: the tổng kết 2018–2023 (08/9/2023) as a joint report of the two branch unions,
  approved. The 2023–2028 program drafted from it is the renewal the demo programs already made
  (``programs.demo``); ``review_draft_next_program`` does the same from the page.
- 002 Lào Cai: the 2020 plan needs no review: its document (KẾ HOẠCH, nine legal bases in the
  căn cứ block) is generated from the program, like every program document.

Everything goes through ``reviews.services`` with ``actor=SYSTEM`` (the system).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from phoihop.accounts.permissions import SYSTEM
from phoihop.programs.enums import MilestoneKind, ProgramState
from phoihop.programs.models import Program
from phoihop.reviews import services
from phoihop.reviews.enums import ReviewKind
from phoihop.reviews.models import Review

D = dt.date

TIEN_GIANG_NARRATIVE = {
    "situation": (
        "Năm 2023 là năm đầu triển khai Chương trình phối hợp giai đoạn 2022 - 2027 sau Hội nghị "
        "triển khai ngày 16/3/2023; Ban Thường vụ hai đơn vị thống nhất các nội dung và giao cấp "
        "huyện cụ thể hóa bằng chương trình phối hợp của mình."
    ),
    "leadership": (
        "Hai bên ban hành chương trình, hướng dẫn các cấp công đoàn và Hội LHPN cấp huyện ký "
        "kết chương trình phối hợp; lồng ghép nội dung phối hợp vào các Đề án 938 và 939."
    ),
    "directions": (
        "Tiếp tục triển khai 6 nội dung phối hợp; đôn đốc các huyện chưa ký kết; tổ chức họp "
        "liên tịch đánh giá kết quả năm 2024."
    ),
}
BAC_GIANG_NARRATIVE = {
    "situation": (
        "Các cấp Hội đã tổ chức nhiều hoạt động sáng tạo, nổi bật chào mừng các ngày lễ lớn của "
        "đất nước, của Hội gắn với nhiệm vụ chính trị của địa phương, phù hợp với nhu cầu thiết "
        "thực của hội viên phụ nữ."
    ),
    "leadership": (
        "Chủ động nâng cao chất lượng công tác tham mưu, đề xuất; đẩy mạnh các hoạt động mở rộng "
        "quan hệ hợp tác quốc tế, thực hiện các nội dung Thỏa thuận hợp tác giữa Hội LHPN tỉnh "
        "Bắc Giang và tỉnh Xay Sổm Bun (Lào) giai đoạn 2022-2025."
    ),
    "directions": (
        "Tổ chức Đoàn sang thăm, làm việc và hỗ trợ Hội LHPN tỉnh Xay Sổm Bun (Lào); tổ chức "
        "kiểm tra, đánh giá, hoàn thành các chỉ tiêu thi đua, nhiệm vụ trọng tâm năm 2023."
    ),
}
CONG_THUONG_NARRATIVE = {
    "situation": (
        "Chương trình phối hợp công tác giai đoạn 2018 - 2023 giữa Công đoàn ngành Công Thương "
        "hai thành phố Hà Nội và Hải Phòng được triển khai thực hiện, đã đạt được những kết quả "
        "quan trọng, góp phần hoàn thành nhiệm vụ chính trị của tổ chức Công đoàn hai đơn vị."
    ),
    "lessons": (
        "Trao đổi kinh nghiệm về hoạt động công đoàn cơ sở, những cách làm hay của các công đoàn "
        "cơ sở để áp dụng vào thực tiễn hoạt động công đoàn và phong trào CNVCLĐ của ngành."
    ),
    "directions": (
        "Phối hợp trong công tác chăm lo, bảo vệ quyền, lợi ích hợp pháp, chính đáng của đoàn "
        "viên, NLĐ; phối hợp trong công tác tuyên truyền, giáo dục đoàn viên và NLĐ; phối hợp tổ "
        "chức các phong trào thi đua yêu nước."
    ),
    "recommendations": (
        "Thống nhất Chương trình phối hợp công tác giai đoạn 2023 - 2028, tiếp tục thực hiện Nghị "
        "quyết số 02-NQ/TW ngày 12/6/2021 của Bộ Chính trị."
    ),
}


@dataclass
class DemoReviews:
    reviews: int = 0
    approved: int = 0
    skipped: list[str] = field(default_factory=list)


def _program(title_start: str, start_year: int) -> Program | None:
    return (
        Program.objects.filter(
            title__startswith=title_start, start_year=start_year, parent__isnull=True
        )
        .order_by("pk")
        .first()
    )


def _approve(review: Review, on: dt.date) -> Review:
    services.review_submit(review=review, actor=SYSTEM)
    return services.review_approve(review=review, actor=SYSTEM, on=on)


def _yearly_milestone(program: Program, year: int):
    return program.milestones.filter(
        kind=MilestoneKind.ANNUAL_REVIEW, due_on__year=year, review__isnull=True
    ).first()


def _tien_giang() -> bool:
    program = _program("Chương trình phối hợp các hoạt động trong nữ cán bộ", 2022)
    if program is None:
        return False
    running = [ProgramState.IN_EFFECT, ProgramState.UNDER_REVIEW]
    for district in program.derived.filter(state__in=running).order_by("pk"):
        milestone = _yearly_milestone(district, 2023)
        if milestone is None:
            continue
        review = services.review_create_for_milestone(milestone=milestone, actor=SYSTEM)
        lead = district.parties.order_by("order").first()
        services.review_update(
            review=review,
            actor=SYSTEM,
            narrative={
                "strengths": f"{lead.unit.name} và Hội LHPN cùng cấp phối hợp chặt chẽ.",
                "weaknesses": "Kinh phí tổ chức hoạt động ở cơ sở còn hạn chế.",
            },
            issued_on=D(2023, 12, 20),
        )
        _approve(review, D(2024, 1, 5))
    milestone = _yearly_milestone(program, 2023)
    if milestone is None:
        return False
    review = services.review_create_for_milestone(milestone=milestone, actor=SYSTEM)
    review = services.review_update(
        review=review,
        actor=SYSTEM,
        narrative={**review.narrative, **TIEN_GIANG_NARRATIVE},
        issued_on=D(2024, 1, 10),
        place="Tiền Giang",
    )
    services.review_submit(review=review, actor=SYSTEM)
    return True


def _bac_giang() -> bool:
    program = _program("Thỏa thuận hợp tác giữa Hội LHPN tỉnh Bắc Giang", 2022)
    if program is None:
        return False
    women = program.parties.order_by("order").first().unit
    review = services.review_create(
        program=program,
        unit=women,
        kind=ReviewKind.HALF_YEAR,
        period_start=D(2023, 1, 1),
        period_end=D(2023, 6, 30),
        actor=SYSTEM,
    )
    services.review_update(
        review=review,
        actor=SYSTEM,
        narrative={**review.narrative, **BAC_GIANG_NARRATIVE},
        issued_on=D(2023, 7, 31),
        place="Bắc Giang",
        signatory_name="Ngụy Thị Tuyến",
        signatory_title="Tỉnh ủy viên, Chủ tịch Hội LHPN tỉnh",
    )
    _approve(review, D(2023, 7, 31))
    return True


def _cong_thuong() -> bool:
    program = _program("Chương trình phối hợp công tác giữa Công đoàn ngành Công Thương", 2018)
    if program is None:
        return False
    milestone = program.milestones.filter(kind=MilestoneKind.FINAL_REVIEW).first()
    if milestone is not None and hasattr(milestone, "review"):
        milestone = None
    lead = program.parties.order_by("order").first()
    review = services.review_create(
        program=program,
        unit=lead.unit,
        kind=ReviewKind.FINAL,
        period_start=program.phase_start,
        period_end=D(2023, 9, 8),
        actor=SYSTEM,
        joint=True,
        milestone=milestone,
    )
    services.review_update(
        review=review,
        actor=SYSTEM,
        narrative={**review.narrative, **CONG_THUONG_NARRATIVE},
        issued_on=D(2023, 9, 8),
        place="Hà Nội",
    )
    _approve(review, D(2023, 9, 8))
    return True


PARTS = [
    ("000 Tiền Giang", _tien_giang),
    ("003 Bắc Giang", _bac_giang),
    ("004 Công Thương Hà Nội – Hải Phòng", _cong_thuong),
]


@transaction.atomic
def demo_reviews_create() -> DemoReviews:
    result = DemoReviews()
    for label, build in PARTS:
        if not build():
            result.skipped.append(label)
    result.reviews = Review.objects.count()
    result.approved = Review.objects.filter(state="approved").count()
    return result
