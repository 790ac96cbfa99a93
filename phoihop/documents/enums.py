from django.db import models
from django.utils.translation import gettext_lazy as _


class DocType(models.TextChoices):
    """Document types as Vietnamese texts name them; the stored value is the Vietnamese name."""

    NGHI_QUYET = "Nghị quyết", _("Resolution")
    CHI_THI = "Chỉ thị", _("Directive")
    KET_LUAN = "Kết luận", _("Conclusion")
    KE_HOACH = "Kế hoạch", _("Plan")
    HUONG_DAN = "Hướng dẫn", _("Guidance")
    QUYET_DINH = "Quyết định", _("Decision")
    CHUONG_TRINH = "Chương trình", _("Programme")
    DE_AN = "Đề án", _("Scheme")
    NGHI_DINH = "Nghị định", _("Decree")
    THONG_TU = "Thông tư", _("Circular")
    LUAT = "Luật", _("Law")
    QUY_CHE = "Quy chế", _("Rules")
    QUY_DINH = "Quy định", _("Regulation")
    THONG_BAO = "Thông báo", _("Notice")
    CONG_VAN = "Công văn", _("Official letter")
    BAO_CAO = "Báo cáo", _("Report")
    THOA_THUAN = "Thỏa thuận", _("Agreement")
    KHAC = "Khác", _("Other")
