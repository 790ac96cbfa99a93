"""``manage.py extract_article FILE... [--out DIR]``: article facts as JSON, one object per file."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from docx.opc.exceptions import PackageNotFoundError

from phoihop.articles.extraction.article import extract_file

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".docx")


class Command(BaseCommand):
    help = "Extract coordination-program facts from news articles (.txt, .html, .docx) as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE", help="article files")
        parser.add_argument("--out", metavar="DIR", help="write NAME.json per input into DIR")

    def handle(self, *args: object, files: list[str], out: str | None, **options: object) -> None:
        paths = [_checked(name) for name in files]
        target = Path(out) if out else None
        if target is not None:
            if target.exists() and not target.is_dir():
                raise CommandError(f"“{target}” không phải là thư mục.")
            target.mkdir(parents=True, exist_ok=True)
        for path in paths:
            text = json.dumps(_extract(path), ensure_ascii=False, indent=2)
            if target is None:
                self.stdout.write(text)
                continue
            destination = target / f"{path.stem}.json"
            destination.write_text(text + "\n", encoding="utf-8")
            self.stdout.write(f"Đã ghi {destination}")


def _checked(name: str) -> Path:
    path = Path(name)
    if not path.is_file():
        raise CommandError(f"Không tìm thấy tệp “{name}”.")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise CommandError(
            f"Không hỗ trợ định dạng “{path.suffix or '(không có đuôi)'}” của tệp “{name}”: "
            f"chỉ nhận {', '.join(SUPPORTED_SUFFIXES)}."
        )
    return path


def _extract(path: Path) -> dict:
    try:
        return extract_file(path)
    except (OSError, zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
        raise CommandError(f"Không đọc được tệp “{path}”: {error}") from error
