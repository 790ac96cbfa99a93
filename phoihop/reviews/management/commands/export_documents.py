"""Write official documents to files: programs (for signing) and reviews (report or annex)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from phoihop.core.exceptions import DomainError
from phoihop.programs.models import Program
from phoihop.reporting.exports import program_document_file
from phoihop.reviews.documents import review_file
from phoihop.reviews.models import Review


class Command(BaseCommand):
    help = "Export program and review documents (.docx, .pdf, .xlsx) to a directory."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--program", type=int, action="append", default=[])
        parser.add_argument("--review", type=int, action="append", default=[])
        parser.add_argument("--format", default="docx", choices=["docx", "pdf", "xlsx"])
        parser.add_argument("--out", default=".")

    def handle(self, *args, **options) -> None:
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        fmt = options["format"]
        try:
            results = [
                program_document_file(Program.objects.get(pk=pk), fmt) for pk in options["program"]
            ] + [review_file(Review.objects.get(pk=pk), fmt) for pk in options["review"]]
        except (Program.DoesNotExist, Review.DoesNotExist) as exc:
            raise CommandError("Không tìm thấy chương trình hoặc báo cáo.") from exc
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        for result in results:
            (out / result.filename).write_bytes(result.data)
            self.stdout.write(f"Đã ghi {out / result.filename}")
