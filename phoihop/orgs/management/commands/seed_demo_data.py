from django.core.management.base import BaseCommand, CommandError

from phoihop.accounts.demo import DEMO_PASSWORD, demo_users_create
from phoihop.activities.demo import demo_activities_create
from phoihop.activities.models import Activity
from phoihop.indicators.demo import demo_indicators_create
from phoihop.indicators.models import DataValue
from phoihop.orgs.demo import demo_trees_create
from phoihop.orgs.models import AdminArea, OrgUnit
from phoihop.programs.demo import demo_programs_create
from phoihop.programs.models import Program
from phoihop.reviews.demo import demo_reviews_create
from phoihop.reviews.models import Review


class Command(BaseCommand):
    help = (
        "Create the demo organization trees, demo users and demo programs "
        "(once; run load_admin_areas first)."
    )

    def handle(self, *args, **options) -> None:
        if not AdminArea.objects.exists():
            raise CommandError("Chưa có dữ liệu địa giới: chạy `manage.py load_admin_areas` trước.")
        if OrgUnit.objects.exists():
            self.stdout.write("Dữ liệu mẫu đã có, bỏ qua phần cây tổ chức.")
        else:
            trees = demo_trees_create()
            self.stdout.write(
                f"Đã tạo {trees.units} đơn vị và {trees.events} sự kiện sắp xếp tổ chức."
            )
        users = demo_users_create()
        if Program.objects.exists():
            self.stdout.write("Đã có chương trình phối hợp, bỏ qua phần chương trình mẫu.")
        else:
            programs = demo_programs_create()
            self.stdout.write(
                f"Đã tạo {programs.programs} chương trình phối hợp "
                f"({programs.derived} chương trình triển khai xuống cấp dưới): "
                f"{programs.signed} đã ký, {programs.in_effect} đang thực hiện, "
                f"{programs.closed} đã tổng kết, {programs.drafts} chưa ký; "
                f"{programs.legal_documents} văn bản làm căn cứ."
            )
            if programs.skipped:
                self.stdout.write(
                    "Bỏ qua (chưa nạp đơn vị liên quan): " + ", ".join(programs.skipped) + "."
                )
        if not Activity.objects.exists():
            activities = demo_activities_create()
            self.stdout.write(
                f"Đã tạo {activities.activities} hoạt động ({activities.joint} hoạt động phối hợp)."
            )
        if not DataValue.objects.exists():
            figures = demo_indicators_create()
            self.stdout.write(
                f"Đã ghi {figures.values} số liệu chỉ tiêu, {figures.targets} chỉ tiêu kế hoạch, "
                f"{figures.submissions} lần gửi báo cáo."
                + (f" Bỏ qua: {figures.skipped}." if figures.skipped else "")
            )
        if not Review.objects.exists():
            reviews = demo_reviews_create()
            self.stdout.write(
                f"Đã tạo {reviews.reviews} báo cáo sơ kết, tổng kết ({reviews.approved} đã duyệt)."
                + (f" Bỏ qua: {', '.join(reviews.skipped)}." if reviews.skipped else "")
            )
        self.stdout.write(f"\nTài khoản dùng thử (mật khẩu chung: {DEMO_PASSWORD}):")
        self.stdout.write(f"  {'admin':<20} quản trị toàn hệ thống")
        for spec, _user in users:
            self.stdout.write(f"  {spec.username:<20} {spec.note}")
