from pathlib import Path

from django.core.management.base import BaseCommand

from phoihop.reporting.templates_build import TEMPLATES_DIR, build_all


class Command(BaseCommand):
    help = "Rebuild the built-in .docx templates of the official documents (python-docx)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--out", default=str(TEMPLATES_DIR), help="output directory")

    def handle(self, *args, **options) -> None:
        for path in build_all(Path(options["out"])):
            self.stdout.write(f"Đã tạo {path}")
