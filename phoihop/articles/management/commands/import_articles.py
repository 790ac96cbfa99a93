from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from phoihop.accounts.models import User
from phoihop.articles import articles
from phoihop.core.exceptions import DomainError

SUFFIXES = {".txt", ".html", ".htm", ".docx"}


class Command(BaseCommand):
    help = (
        "Read a folder of articles and import what each reports, as the review page proposes it. "
        "Articles whose organizations cannot be matched are left for review on the site."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder")
        parser.add_argument("--user", required=True, help="Who imports (their scope applies).")
        parser.add_argument("--dry-run", action="store_true", help="Report only; write nothing.")

    def handle(self, *args, folder: str, user: str, dry_run: bool, **options) -> None:
        actor = User.objects.filter(username=user, is_active=True).first()
        if actor is None:
            raise CommandError(f"Không có người dùng đang hoạt động tên “{user}”.")
        files = sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in SUFFIXES)
        if not files:
            raise CommandError(f"Thư mục “{folder}” không có bài viết (.txt, .html, .docx).")
        counts = {"created": 0, "matched": 0, "skipped": 0, "seen": 0}
        for path in files:
            outcome = self._one(path, actor, dry_run)
            counts[outcome[0]] += 1
            self.stdout.write(f"{path.name}: {outcome[1]}")
        prefix = "Chạy thử, không ghi gì. " if dry_run else ""
        self.stdout.write(
            f"{prefix}{len(files)} bài: {counts['created']} tạo mới, {counts['matched']} khớp "
            f"chương trình có sẵn, {counts['seen']} đã đọc trước đó, {counts['skipped']} bỏ qua."
        )

    def _one(self, path: Path, actor: User, dry_run: bool) -> tuple[str, str]:
        try:
            with transaction.atomic():
                text = articles.article_text(data=path.read_bytes(), filename=path.name)
                article, created = articles.article_receive(
                    text=text, actor=actor, source_name=path.name
                )
                if not created and article.status == "imported":
                    return "seen", "đã nhập trước đó"
                proposal = articles.article_proposal(article, actor)
                units = [u for u in proposal.units if u is not None]
                if not units:
                    return "skipped", "không khớp được đơn vị nào: cần xem lại trên trang"
                data = {
                    **proposal.initial,
                    "existing_program": proposal.existing,
                    "units": proposal.units,
                }
                records = articles.article_import(article=article, actor=actor, data=data)
                kind = "matched" if proposal.existing else "created"
                summary = ", ".join(f"{r.role}: {r.label}" for r in records)
                if dry_run:
                    transaction.set_rollback(True)
                return kind, summary
        except DomainError as exc:
            return "skipped", str(exc)
