from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizerRole(models.TextChoices):
    LEAD = "lead", _("Lead (chủ trì)")
    PARTNER = "partner", _("Partner (phối hợp)")


class ActivitySource(models.TextChoices):
    ENTERED = "entered", _("Entered")
    IMPORTED = "imported", _("Imported from Excel")
    ARTICLE = "article", _("From a news article")


class FundingSource(models.TextChoices):
    UNION = "union", _("Trade union funds")
    WOMEN = "women", _("Women's Union funds")
    STATE = "state", _("State budget")
    SPONSOR = "sponsor", _("Sponsors and donors")
    OTHER = "other", _("Other")


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    MINUTES = "minutes", _("Minutes")
    ATTENDANCE = "attendance", _("Attendance list")
    OTHER = "other", _("Other")


# The default taxonomy of activity kinds (editable data; see the data migration).
DEFAULT_KINDS = [
    ("hoi-nghi", "Hội nghị"),
    ("hoi-thao", "Hội thảo"),
    ("toa-dam", "Tọa đàm"),
    ("tap-huan", "Tập huấn"),
    ("hoi-thi", "Hội thi"),
    ("dien-dan", "Diễn đàn"),
    ("truyen-thong", "Truyền thông"),
    ("tham-tang-qua", "Thăm hỏi, tặng quà"),
    ("ky-ket", "Ký kết"),
    ("so-ket", "Sơ kết"),
    ("tong-ket", "Tổng kết"),
    ("doi-thoai", "Đối thoại"),
    ("giam-sat", "Kiểm tra, giám sát"),
    ("khac", "Khác"),
]
