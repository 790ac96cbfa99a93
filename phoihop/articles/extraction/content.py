"""The program's content items (nội dung phối hợp), one string per item.

Writers list items inline after an announcement ("với 6 nội dung cơ bản về …; …", "tập trung các
nội dung như: Phối hợp …; Phối hợp …") or as bullet lines. Items may contain semicolons
themselves; when items share a leading word ("Phối hợp …"), only that word starts a new item.
"""

from __future__ import annotations

import re

from phoihop.articles.extraction.textutil import sentences

__all__ = ["content_areas"]

_NUMBER_WORDS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
}
_INTRO = re.compile(
    r"(?:(?:(?P<count>\d{1,2}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)"
    r"|nhiều|các|những|một số)\s+)?"
    r"(?:nhóm\s+)?(?:nội dung|nhiệm vụ|lĩnh vực|nhóm giải pháp|giải pháp|hoạt động|mục tiêu)"
    r"(?:\s+(?:phối hợp|cơ bản|chính|trọng tâm|trọng điểm|chủ yếu|cụ thể|chủ đạo|lớn|quan trọng))*"
    r"(?:\s*,?\s*(?:cụ thể|gồm|bao gồm|như|sau|sau đây|là|về|trong đó|đó là)"
    r"(?:\s+(?:như|là|sau|gồm|có))*)?\s*(?P<colon>:)?\s*",
    re.IGNORECASE,
)
_CONNECTOR_AFTER = re.compile(
    r"(?:cụ thể|gồm|bao gồm|như|sau|sau đây|là|về|trong đó|đó là)(?:\s+\w+)?\s*:?\s*$",
    re.IGNORECASE,
)
_PROGRAM_CONTEXT = re.compile(
    r"chương trình|quy chế|kế hoạch|thỏa thuận|thoả thuận|ký kết|phối hợp|hai bên|các bên"
    r"|hai đơn vị|ba bên|hướng dẫn|đề án",
    re.IGNORECASE,
)
_PROGRAM_FOCUS = re.compile(
    r"^(?:Chương trình|Quy chế|Kế hoạch|Thỏa thuận|Thoả thuận)(?: phối hợp)?[^.;:]{0,60}?\s"
    r"(?:tập trung(?: vào)?|gồm|bao gồm|hướng tới|hướng vào)\s+(?:các\s+)?"
)
_MIN_UNANNOUNCED_ITEMS = 3
_QUANTIFIED = re.compile(r"(?:nhiều|các|những|một số)\s", re.IGNORECASE)
_BULLET = re.compile(
    r"^(?:[-+•*▪–]\s*|\(?\d{1,2}[.)]\s+|\(?[a-zđ]\)\s+|thứ \w+\s*,\s*|\w+ là\s*,\s*)"
)
_INLINE_NUMBERS = re.compile(r"(?:^|\s)\(?\d{1,2}\)\s+")
_ITEM_STRIP = " .;,…:-–"
_MIN_ITEM_WORDS = 2


def _count(match: re.Match[str]) -> int | None:
    count = match.group("count")
    if not count:
        return None
    return int(count) if count.isdigit() else _NUMBER_WORDS.get(count.lower())


def _clean_item(item: str) -> str:
    item = _BULLET.sub("", item.strip())
    item = re.sub(r"^(?:và|cùng)\s+", "", item.strip(_ITEM_STRIP))
    return re.sub(r"\.{3}$|…$", "", item).strip(_ITEM_STRIP)


def _split_items(text: str) -> list[str]:
    """Split an inline list at semicolons, keeping semicolons that sit inside one item."""
    if len(_INLINE_NUMBERS.findall(text)) >= 2:
        parts = _INLINE_NUMBERS.split(text)
        return [p for p in (_clean_item(part) for part in parts) if p]
    segments = [s.strip() for s in text.split(";") if s.strip()]
    if len(segments) < 2:
        return []
    # "Phối hợp …; rèn luyện …; Phối hợp …": capitals mark where items start.
    if segments[0][0].isupper() and any(s[0].isupper() for s in segments[1:]):
        starts = [True] + [s[0].isupper() for s in segments[1:]]
    else:
        starts = [True] * len(segments)
    items: list[str] = []
    for segment, starts_item in zip(segments, starts, strict=True):
        if starts_item or not items:
            items.append(segment)
        else:
            items[-1] = f"{items[-1]}; {segment}"
    return [c for c in (_clean_item(item) for item in items) if c]


def _bullet_lines(paragraphs: list[str], start: int) -> list[str]:
    items: list[str] = []
    for paragraph in paragraphs[start:]:
        if not _BULLET.match(paragraph):
            break
        items.append(_clean_item(paragraph))
    return [item for item in items if item]


def _usable(items: list[str]) -> list[str]:
    return [item for item in items if len(item.split()) >= _MIN_ITEM_WORDS]


def _inline_list(sentence: str, match: re.Match[str]) -> list[str]:
    rest = sentence[match.end() :]
    items = _split_items(rest)
    count = _count(match)
    if not items and count and count >= 2:
        commas = [_clean_item(part) for part in re.split(r",\s*(?:và\s+)?|\s+và\s+", rest)]
        if len(commas) == count:
            items = commas
    return _usable(items)


def _program_list(sentence: str) -> list[str]:
    """ "Chương trình tập trung phối hợp tuyên truyền …; hỗ trợ …; phát triển …" (no count)."""
    match = _PROGRAM_FOCUS.match(sentence)
    if not match:
        return []
    items = _split_items(sentence[match.end() :])
    return _usable(items) if len(items) >= _MIN_UNANNOUNCED_ITEMS else []


def _announces(match: re.Match[str]) -> bool:
    """Whether the words open a list: “6 nội dung cơ bản về”, “các nội dung như:”."""
    count = _count(match)
    colon = match.group("colon")
    if not (count or colon or _QUANTIFIED.match(match.group())):
        return False
    connector = _CONNECTOR_AFTER.search(match.group())
    if connector and connector.group().strip(" :").lower() == "về" and not (count or colon):
        return False  # "các nội dung về bình đẳng giới" is prose, "6 nội dung về …" a list
    return bool(count or colon or connector)


def _announced_list(
    sentence: str, paragraphs: list[str], index: int, last: bool
) -> tuple[list[str], int | None]:
    for match in _INTRO.finditer(sentence):
        if not _PROGRAM_CONTEXT.search(sentence[: match.start()] + match.group()):
            continue
        if not _announces(match):
            continue
        rest = sentence[match.end() :].strip()
        items = _inline_list(sentence, match) if rest else []
        if not rest and last:
            items = _usable(_bullet_lines(paragraphs, index + 1))
        if len(items) >= 2:
            return items, _count(match)
    return [], None


def content_areas(paragraphs: list[str]) -> tuple[list[str], int | None]:
    """(items, the count the article announces) for the first list of the program's items."""
    for index, paragraph in enumerate(paragraphs):
        split = sentences(paragraph)
        for position, sentence in enumerate(split):
            last = position == len(split) - 1
            items, stated = _announced_list(sentence, paragraphs, index, last)
            if items:
                return items, stated
            focused = _program_list(sentence)
            if focused:
                return focused, None
    return [], None
