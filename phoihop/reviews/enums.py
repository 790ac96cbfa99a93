from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewKind(models.TextChoices):
    HALF_YEAR = "half_year", _("Six-month review (sơ kết 6 tháng)")
    ANNUAL = "annual", _("Yearly review (sơ kết năm)")
    MID_PHASE = "mid_phase", _("Mid-phase review (sơ kết giữa kỳ)")
    AD_HOC = "ad_hoc", _("Ad hoc review (sơ kết chuyên đề)")
    FINAL = "final", _("Final review (tổng kết)")


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for changes")


EDITABLE_STATES = {ReviewState.DRAFT, ReviewState.RETURNED}


class DocumentStatus(models.TextChoices):
    NONE = "", _("Not generated")
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Being generated")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


# The narrative sections of a review report, in the order our users write them (DOMAIN.md §5.2).
# Key → (numbering, heading as printed). The results per content area come from the figures and
# the "results" text; the four parts of the assessment are printed under "IV. ĐÁNH GIÁ CHUNG".
SECTIONS: list[tuple[str, str]] = [
    ("situation", "I. ĐẶC ĐIỂM TÌNH HÌNH"),
    ("leadership", "II. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI"),
    ("results", "III. KẾT QUẢ THỰC HIỆN"),
    ("strengths", "1. Ưu điểm"),
    ("weaknesses", "2. Tồn tại, hạn chế"),
    ("causes", "3. Nguyên nhân"),
    ("lessons", "4. Bài học kinh nghiệm"),
    ("directions", "V. PHƯƠNG HƯỚNG, NHIỆM VỤ"),
    ("recommendations", "VI. ĐỀ XUẤT, KIẾN NGHỊ"),
]
SECTION_KEYS = [key for key, _heading in SECTIONS]
ASSESSMENT_HEADING = "IV. ĐÁNH GIÁ CHUNG"
ASSESSMENT_KEYS = {"strengths", "weaknesses", "causes", "lessons"}
SECTION_LABELS = {
    "situation": _("Situation (đặc điểm tình hình)"),
    "leadership": _("Leadership, direction and roll-out"),
    "results": _("Results"),
    "strengths": _("Strengths"),
    "weaknesses": _("Shortcomings and limits"),
    "causes": _("Causes"),
    "lessons": _("Lessons learned"),
    "directions": _("Directions and tasks ahead"),
    "recommendations": _("Proposals and recommendations"),
}
MAX_SECTION_LENGTH = 20000
