from django.core.management.base import BaseCommand

from phoihop.orgs.areas import areas_load


class Command(BaseCommand):
    help = "Load Vietnam's administrative areas before and after the 2025 reform (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--province",
            action="append",
            dest="provinces",
            help="GSO code of a post-2025 province to load (repeatable); default: all 34.",
        )

    def handle(self, *args, provinces=None, **options) -> None:
        summary = areas_load(provinces=provinces)
        self.stdout.write(
            f"Đã nạp {summary.provinces} tỉnh/thành, {summary.districts} quận/huyện, "
            f"{summary.wards} xã/phường, {summary.successions} liên kết chuyển đổi."
        )
