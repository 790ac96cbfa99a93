from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from phoihop.accounts.permissions import SYSTEM
from phoihop.core.exceptions import DomainError
from phoihop.orgs.models import OrgSystem
from phoihop.reporting.models import DocumentKind
from phoihop.reporting.services import document_template_set


class Command(BaseCommand):
    help = "Use a .docx template for one kind of document of one organization system (or all)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help=".docx with the placeholders of the built-in template")
        parser.add_argument("--kind", required=True, choices=DocumentKind.values)
        parser.add_argument("--system", default="", help="system code (empty: every system)")

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        system = None
        if options["system"]:
            system = OrgSystem.objects.filter(code=options["system"]).first()
            if system is None:
                raise CommandError(f"Không có hệ thống tổ chức mã {options['system']}.")
        try:
            template = document_template_set(
                system=system,
                kind=options["kind"],
                data=path.read_bytes(),
                filename=path.name,
                actor=SYSTEM,
            )
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Đã dùng mẫu {template.file.name} cho {template}.")
