from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from phoihop.indicators import rollups


class Command(BaseCommand):
    help = (
        "Compare the stored roll-up data with a from-scratch computation; with --repair, "
        "rebuild it (needed only after editing values or an indicator's type outside the app)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--repair", action="store_true", help="Rebuild when they differ.")

    def handle(self, *args, repair: bool = False, **options) -> None:
        stored, expected = rollups.rollup_stored(), rollups.rollup_expected()
        wrong = {k for k in stored.keys() | expected.keys() if stored.get(k) != expected.get(k)}
        if not wrong:
            self.stdout.write(f"Dữ liệu tổng hợp khớp ({len(stored)} ô).")
            return
        if not repair:
            raise CommandError(f"{len(wrong)} ô tổng hợp không khớp; chạy lại với --repair.")
        with transaction.atomic():
            cells = rollups.rollup_rebuild()
        self.stdout.write(f"Đã dựng lại dữ liệu tổng hợp: {cells} ô ({len(wrong)} ô sai).")
