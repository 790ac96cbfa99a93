"""The corpus of real published articles and its fixed train/dev/test split.

The corpus lives in the checkout, under ``tests/articles/corpus/``: ``texts/<ID>.txt`` (the text
exactly as found), ``gold/<ID>.json`` (its annotation by SCHEMA.md) and ``index-*.tsv`` (id, file,
url, title, kind, length, org_types, note). ``PHOIHOP_CORPUS_DIRS`` (paths joined by ``:``) reads
other corpus folders instead, for example a colleague's worktree while the corpus is collected.

Each article falls into a split by a hash of a fixed seed and its ID, so a new article gets its
split without any file to edit, and an article never changes split: train (60 %: rules and the
model are developed on it), dev (20 %: choose between variants), test (20 %: report only).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "SPLITS",
    "CorpusArticle",
    "corpus_dirs",
    "load_corpus",
    "split_of",
]

SEED = "phoihop-articles-split-2026"
SPLITS = ("train", "dev", "test")
_TRAIN_PERCENT, _DEV_PERCENT = 60, 20
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DIR = ROOT / "tests" / "articles" / "corpus"


def split_of(article_id: str) -> str:
    """``train``, ``dev`` or ``test``: a hash of the seed and the ID, so fixed forever."""
    digest = hashlib.sha256(f"{SEED}:{article_id.strip()}".encode()).hexdigest()
    bucket = int(digest[:8], 16) % 100
    if bucket < _TRAIN_PERCENT:
        return "train"
    if bucket < _TRAIN_PERCENT + _DEV_PERCENT:
        return "dev"
    return "test"


@dataclass(frozen=True)
class CorpusArticle:
    id: str
    text_path: Path
    gold_path: Path
    split: str
    url: str = ""
    title: str = ""
    kind: str = ""
    org_types: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def gold(self) -> dict:
        return json.loads(self.gold_path.read_text(encoding="utf-8"))

    def raw(self) -> bytes:
        return self.text_path.read_bytes()


def corpus_dirs() -> list[Path]:
    """The corpus folders: ``PHOIHOP_CORPUS_DIRS`` if set, else the checkout's own."""
    configured = os.environ.get("PHOIHOP_CORPUS_DIRS", "").strip()
    if configured:
        return [Path(part) for part in configured.split(os.pathsep) if part.strip()]
    return [DEFAULT_DIR]


def _index_rows(directory: Path) -> dict[str, dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    for index in sorted(directory.glob("index*.tsv")):
        with index.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                article_id = (row.get("id") or "").strip()
                if article_id:
                    rows[article_id] = {k: (v or "").strip() for k, v in row.items() if k}
    return rows


def _text_path(directory: Path, article_id: str, row: dict[str, str]) -> Path | None:
    named = row.get("file")
    candidates = [directory / named] if named else []
    candidates += [directory / "texts" / f"{article_id}{s}" for s in (".txt", ".html", ".htm")]
    return next((path for path in candidates if path.is_file()), None)


def _readable(gold_path: Path) -> bool:
    """A gold file that is not JSON (still being written, or broken) is left out."""
    try:
        return isinstance(json.loads(gold_path.read_text(encoding="utf-8")), dict)
    except (OSError, UnicodeDecodeError, ValueError):
        return False


def load_corpus(
    dirs: Iterable[Path] | None = None, *, splits: Iterable[str] | None = None
) -> list[CorpusArticle]:
    """Every article that has both a text and a readable gold file, sorted by ID (first folder
    wins)."""
    wanted = set(splits) if splits is not None else set(SPLITS)
    found: dict[str, CorpusArticle] = {}
    for directory in dirs if dirs is not None else corpus_dirs():
        rows = _index_rows(directory)
        for gold_path in sorted((directory / "gold").glob("*.json")):
            article_id = gold_path.stem
            row = rows.get(article_id, {})
            text_path = _text_path(directory, article_id, row)
            if text_path is None or article_id in found or not _readable(gold_path):
                continue
            found[article_id] = CorpusArticle(
                id=article_id,
                text_path=text_path,
                gold_path=gold_path,
                split=split_of(article_id),
                url=row.get("url", ""),
                title=row.get("title", ""),
                kind=row.get("kind", ""),
                org_types=row.get("org_types", ""),
            )
    return [found[key] for key in sorted(found) if found[key].split in wanted]
