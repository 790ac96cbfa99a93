"""Publication date (the article's own dateline) and event date ("Sáng 16-3" resolved)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from phoihop.articles.extraction.layout import Article, is_date_line
from phoihop.documents.citations import parse_date

__all__ = [
    "absolute_event_date",
    "event_date",
    "leading_stamp",
    "publication_date",
    "resolve_day_month",
]

_STAMP = re.compile(
    r"(?:\d{1,2}\s*[:h]\s*\d{2}\s*[-–|,]?\s*(?:(?:thứ\s+\w+|chủ\s+nhật)\s*,?\s*)?(?:ngày\s+)?"
    r"(?P<a>\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4})"
    r"|(?P<b>\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4})\s*,?\s*(?:lúc\s+)?\d{1,2}\s*[:h]\s*\d{2}"
    r"|[(\[]\s*(?P<c>\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4})\s*[)\]]\s*$"
    r"|[-–|]\s*(?P<d>\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4})\s*$)",
    re.IGNORECASE,
)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_PUBLISH_LABEL = re.compile(r"ngày đăng|đăng ngày|đăng lúc|xuất bản|published|posted", re.I)
_UPDATE_LABEL = re.compile(r"cập nhật|updated?", re.IGNORECASE)
_MAX_REPORTING_DELAY = dt.timedelta(days=7)

# "16-3", "08/9/2023", "15 và 16/3" (a two-day event starts on its first day).
_DAY_MONTH = (
    r"(?:(?P<first>\d{1,2})\s*(?:[-–]|và|,)\s*)?(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})"
    r"(?:\s*[/.-]\s*(?P<year>\d{4}))?(?![\d/.-]*\d)"
)
_DAY_MONTH_WORDS = (
    r"(?P<wday>\d{1,2})\s+tháng\s+(?P<wmonth>\d{1,2})(?:\s*,?\s+năm\s+(?P<wyear>\d{4}))?"
)
_DATE_EXPR = rf"(?:{_DAY_MONTH}|{_DAY_MONTH_WORDS})"
_PART_OF_DAY = r"(?:sáng|chiều|tối|trưa|đêm|rạng sáng)"
# "Sáng 16-3", "Chiều ngày 08/9/2023", "Ngày 06/3/2017", "vào ngày 5 tháng 4", "Sáng nay (12/5)".
_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật)"
_EVENT_DATE = re.compile(
    rf"(?<![\w/])(?:{_PART_OF_DAY}\s+(?:nay\s+|qua\s+)?(?:{_WEEKDAY}\s*,?\s*\(?\s*)?"
    rf"(?:ngày\s+|hôm\s+)?|vào\s+ngày\s+|ngày\s+"
    rf"|(?:{_PART_OF_DAY}\s+)?hôm\s+(?:nay|qua)\s*\(\s*(?:ngày\s+)?){_DATE_EXPR}",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    rf"(?<!\w)(?P<when>(?:{_PART_OF_DAY}\s+)?(?:hôm\s+nay|hôm\s+qua)|{_PART_OF_DAY}\s+(?:nay|qua))(?!\w)",
    re.IGNORECASE,
)
_HELD_ON = re.compile(
    r"(?<!\w)(?:diễn ra|được tổ chức|tổ chức|khai mạc|ký kết|họp)\s+(?:vào\s+)?$", re.IGNORECASE
)
_DOCUMENT_BEFORE = re.compile(r"(?:số|\d+[-/][A-ZĐ][\w/-]*)\s*,?\s*$")
_AGENCY_PREFIX = re.compile(
    r"^(?:\([^)]{1,25}\)\s*[-–—]?\s*|[A-ZĐ][A-ZĐÀ-Ỹ .]{1,25}\s*[-–—]\s*|"
    r"(?:vừa qua|mới đây|vào|trong(?:\s+(?:\d|hai|ba))?|hôm)\s*,?\s*)+",
    re.IGNORECASE,
)


# A copied page's metadata line: "date 2025-10-08 Quang cảnh lễ ký kết…" or "date 2022-08 (LĐ) -".
_LEADING_STAMP = re.compile(
    r"^\s*(?:date|ngày đăng|published)\s*:?\s*(\d{4})-(\d{2})(?:-(\d{2}))?\b\s*"
)


def leading_stamp(lines: list[str]) -> tuple[list[str], dt.date | None, dt.date | None]:
    """(lines without the stamp, its full date, the last day of its month when only a month)."""
    if not lines:
        return lines, None, None
    match = _LEADING_STAMP.match(lines[0])
    if not match:
        return lines, None, None
    rest = lines[0][match.end() :].strip()
    lines = ([rest] if rest else []) + lines[1:]
    year, month, day = int(match.group(1)), int(match.group(2)), match.group(3)
    try:
        if day:
            return lines, dt.date(year, month, int(day)), None
        following = dt.date(year + month // 12, month % 12 + 1, 1)
    except ValueError:
        return lines, None, None
    return lines, None, following - dt.timedelta(days=1)


@dataclass(frozen=True)
class _Candidate:
    date: dt.date
    labelled: bool
    updated: bool


def _line_date(line: str) -> dt.date | None:
    iso = _ISO.search(line)
    if iso and not parse_date(line):
        try:
            return dt.date(*map(int, iso.groups()))
        except ValueError:
            return None
    return parse_date(line)


def _stamp_date(line: str) -> dt.date | None:
    match = _STAMP.search(line)
    if not match:
        return None
    return parse_date(next(group for group in match.groups() if group))


def _candidates(lines: list[str]) -> list[_Candidate]:
    found = []
    for line in lines:
        found_date = _line_date(line) if is_date_line(line) else _stamp_date(line)
        if found_date:
            labelled = bool(_PUBLISH_LABEL.search(line))
            found.append(_Candidate(found_date, labelled, bool(_UPDATE_LABEL.search(line))))
    return found


def publication_date(article: Article, event: dt.date | None = None) -> dt.date | None:
    """The article's own date: the last date stamp above the body, not a site's "today" header.

    An event date that carries its own year can overrule the choice: a site header showing
    today's date is usually later than the event by months, the article's date by days.
    """
    header = _candidates(article.header)
    labelled = [c for c in header if c.labelled]
    if labelled:
        return labelled[0].date
    published = [c for c in header if not c.updated] or header
    if not published:
        tail = _candidates(article.tail + article.body[-2:])
        return tail[-1].date if tail else None
    chosen = published[-1].date
    if event is not None:
        late = event + _MAX_REPORTING_DELAY * 8
        after = [c.date for c in published if event <= c.date <= late]
        if not (event <= chosen <= late):
            # Every stamp months after the event is the site's banner showing today's date:
            # the article's own date is not on the page.
            chosen = min(after) if after else None
    return chosen


def resolve_day_month(day: int, month: int, reference: dt.date | None) -> dt.date | None:
    """Give "16-3" the year of the dateline; "28-12" in an article of 3 January is last year's."""
    if reference is None:
        return None
    candidates = []
    for year in (reference.year + 1, reference.year, reference.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= reference + _MAX_REPORTING_DELAY:
            candidates.append(candidate)
    return max(candidates, default=None)


def _match_date(match: re.Match[str], reference: dt.date | None) -> dt.date | None:
    day = match.group("first") or match.group("day") or match.group("wday")
    month = match.group("month") or match.group("wmonth")
    year = match.group("year") or match.group("wyear")
    if not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
        return None
    if year:
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            return None
    return resolve_day_month(int(day), int(month), reference)


def _is_event_position(clause: str, match: re.Match[str]) -> bool:
    """A date opens the clause, or a part of the day ("sáng", "chiều") names it."""
    before = clause[: match.start()]
    if _DOCUMENT_BEFORE.search(before) or re.match(r"\s*(?:của|do)\s", clause[match.end() :]):
        return False
    if re.match(_PART_OF_DAY, match.group(), re.IGNORECASE):
        return True
    if match.group().lower().startswith("vào"):
        return True
    if _HELD_ON.search(before):  # "Lễ ký kết diễn ra ngày 4/11/2020"
        return True
    prefix = _AGENCY_PREFIX.sub("", before).strip(" ,")
    return prefix == ""


def _relative_date(clause: str, reference: dt.date | None) -> dt.date | None:
    match = _RELATIVE.search(clause)
    if not match or reference is None:
        return None
    offset = 1 if "qua" in match.group("when").lower() else 0
    return reference - dt.timedelta(days=offset)


def event_date(clause_list: list[str], reference: dt.date | None) -> dt.date | None:
    """The date of the event in the first clause that dates one."""
    for clause in clause_list:
        for match in _EVENT_DATE.finditer(clause):
            if _is_event_position(clause, match):
                found = _match_date(match, reference)
                if found:
                    return found
        relative = _relative_date(clause, reference)
        if relative:
            return relative
    return None


def absolute_event_date(clause_list: list[str]) -> dt.date | None:
    """An event date written with its year, usable before the publication date is known."""
    for clause in clause_list:
        for match in _EVENT_DATE.finditer(clause):
            if (match.group("year") or match.group("wyear")) and _is_event_position(clause, match):
                return _match_date(match, None)
    return None
