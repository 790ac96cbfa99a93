"""Split cleaned lines into the parts of a news article: header, title, body, tail."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from phoihop.articles.extraction.textutil import clauses, sentences

__all__ = ["Article", "build_article", "is_date_line"]

_DATE_ANY = re.compile(
    r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}\s+tháng\s+\d{1,2}\s*,?\s+năm\s+\d{4}",
    re.IGNORECASE,
)
_DATE_LINE_NOISE = re.compile(
    r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}\s+tháng\s+\d{1,2}\s*,?\s+năm\s+\d{4}|\d{1,2}\s*[:h]\s*\d{2}(?:\s*(?:am|pm|sa|ch))?"
    r"|\(?gmt\s*[+-]\s*\d+\)?|thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật|\bcn\b|\bt[2-7]\b"
    r"|ngày đăng|đăng ngày|ngày|cập nhật(?: lúc| ngày)?|đăng lúc|xuất bản|lúc|thời gian|post(?:ed)?"
    r"|[|,:()\-–—/.]",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.…:;!?]['\"”)]*$")
_DOCUMENT_HEADER = re.compile(r"^(?:số|số hiệu)\s*:", re.IGNORECASE)
_BYLINE = re.compile(
    r"^(?:ảnh|bài|tin|tin, ảnh|tin và ảnh|bài và ảnh|bài, ảnh|tác giả|nguồn|pv|ctv|theo)\s*:",
    re.IGNORECASE,
)
_MAX_BODY_WORDS_HEADER = 30


def is_date_line(line: str) -> bool:
    """A line that is only a date stamp: “Thứ Năm, 16/03/2023, 15:03”, “Hà Nội 12/12/2024”."""
    if not _DATE_ANY.search(line):
        return False
    rest = _DATE_LINE_NOISE.sub(" ", line).split()
    return len(rest) <= 4


@dataclass
class Article:
    lines: list[str]
    header: list[str]
    title: str
    body: list[str]
    tail: list[str]
    sentences: list[str] = field(default_factory=list)

    @property
    def body_text(self) -> str:
        return "\n".join(self.body)

    @property
    def full_text(self) -> str:
        return "\n".join(self.lines)

    def clause_list(self) -> list[str]:
        return [clause for sentence in self.sentences for clause in clauses(sentence)]


def _is_body_line(line: str) -> bool:
    words = len(line.split())
    if words >= _MAX_BODY_WORDS_HEADER:
        return True
    return words >= 12 and bool(_SENTENCE_END.search(line)) and not line.isupper()


def _title(header: list[str]) -> str:
    candidates = [
        line
        for line in header
        if len(line.split()) >= 4
        and not is_date_line(line)
        and not _BYLINE.match(line)
        and not _DOCUMENT_HEADER.match(line)
    ]
    untermined = [line for line in candidates if not line.endswith(".")]
    if untermined:
        return untermined[-1]
    return candidates[-1] if candidates else ""


def _split_tail(body: list[str]) -> tuple[list[str], list[str]]:
    """Short lines after the last paragraph are bylines and leftovers, not article text."""
    end = len(body)
    while end > 1 and (len(body[end - 1].split()) < 8 or _BYLINE.match(body[end - 1])):
        end -= 1
    return body[:end], body[end:]


def build_article(lines: list[str]) -> Article:
    start = next((i for i, line in enumerate(lines) if _is_body_line(line)), len(lines))
    header, body = lines[:start], lines[start:]
    title = _title(header)
    if not body and header:
        body = header[header.index(title) + 1 :] if title in header else header
    body, tail = _split_tail(body) if body else ([], [])
    body = [line for line in body if not _BYLINE.match(line)]
    article = Article(lines=lines, header=header, title=title, body=body, tail=tail)
    article.sentences = [s for paragraph in body for s in sentences(paragraph)]
    return article
