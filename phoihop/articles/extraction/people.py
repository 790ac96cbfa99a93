"""Named people and their titles: who signed, who attended.

A person is a Vietnamese full name (a known surname and one to three more capitalised words) in a
person context: after "đồng chí", "ông", "bà"…, before ", Chủ tịch …", or after a title
("Chủ tịch Hội LHPN tỉnh Ngụy Thị Tuyến"). Titles are copied as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from phoihop.articles.extraction.textutil import LOWER, UPPER
from phoihop.articles.extraction.vocab import NAME_PREFIXES, NOT_PERSONS, SURNAMES, TITLE_WORDS

__all__ = ["Person", "find_people", "split_people"]

_CAP_WORD = rf"[{UPPER}][{LOWER}{UPPER}']*"
_NAME = rf"{_CAP_WORD}(?:\s+{_CAP_WORD}){{1,3}}"
_HONORIFIC = r"(?:đồng chí|Đồng chí|đ/c|Đ/c|ông|Ông|bà|Bà|anh|Anh|chị|Chị|cô|Cô|thầy|Thầy)"
_TITLES = {*TITLE_WORDS, *(t[0].lower() + t[1:] for t in TITLE_WORDS if not t[1:2].isupper())}
_TITLES |= {t.replace("Ủy", "Uỷ").replace("ủy", "uỷ") for t in _TITLES}  # old-style tone marks
_TITLE_ALT = "|".join(re.escape(t) for t in sorted(_TITLES, key=len, reverse=True))
_PREFIX_ALT = "|".join(re.escape(p) for p in sorted(NAME_PREFIXES, key=len, reverse=True))
_RANK_BEFORE = re.compile(rf"(?<!\w)(?P<rank>{_PREFIX_ALT})\s*$")
_TITLE_START = re.compile(rf"(?:{_TITLE_ALT})(?![{LOWER}])")
_NAME_RE = re.compile(rf"(?<![\w{UPPER}{LOWER}])(?P<name>{_NAME})")
_CAP_WORD_RE = re.compile(rf"(?<![\w{UPPER}{LOWER}]){_CAP_WORD}")
_NAME_AT = re.compile(rf"(?P<name>{_NAME})")
_TITLE_CHUNK = re.compile(rf"(?:^|[;:(]\s*)(?P<chunk>(?:{_TITLE_ALT})[^,;:]{{0,40}}),\s*$")
# "ông" must be a word: the end of "Công" or "Bông" is no honorific.
_HONORIFIC_BEFORE = re.compile(
    rf"(?<![\w{UPPER}{LOWER}])(?:{_HONORIFIC}|{_PREFIX_ALT})\s*[:,]?\s*$"
)
_TITLE_END = re.compile(
    rf";|\.(?:\s|$)|\n|\)|\s+và\s+(?=(?:{_HONORIFIC}|các|{_PREFIX_ALT})\s)"
    rf"|,\s*(?={_HONORIFIC}\s|các\s|(?:{_PREFIX_ALT})\s+[{UPPER}])"
    r"|\s+(?:đã|cùng|phát biểu|chủ trì|ký|trao|tặng|tham dự|dự|làm|cho biết|nhấn mạnh|đề nghị"
    r"|khẳng định|chia sẻ|thông qua|báo cáo|triển khai|chúc mừng|ghi nhận|đánh giá|yêu cầu|mong"
    r"|phát động|quán triệt|giới thiệu|điều hành|tới dự|đến dự|thay mặt|đại diện cho)(?![\w])"
)
_BEFORE_NAME_STOP = re.compile(
    rf"(?:^|[;:.(\n]|\s-\s|–|(?<![\w{UPPER}{LOWER}]){_HONORIFIC}\s|\bcó\s|\bcủa\s|\bvà\s|,\s(?=[{UPPER}]))"
)
_NOT_AFTER = re.compile(
    r"(?:trường|đường|phố|thpt|thcs|tiểu học|đại học|học viện|bệnh viện|công ty|quỹ|giải|tên"
    r"|làng|thôn|bản|ấp|tổ dân phố)\s*$",
    re.IGNORECASE,
)
# After a locality level a two-word name is a place ("tỉnh Hà Nam"), a longer one a person.
_AFTER_LEVEL = re.compile(
    r"(?:xã|phường|huyện|quận|tỉnh|thành phố|tp\.?|thị trấn|thị xã)\s*$", re.IGNORECASE
)
_SIGNING = re.compile(
    r"(?<!\w)ký(?:\s+kết|\s+chương trình|\s+thỏa thuận|\s+quy chế|\s+biên bản)?(?!\w)"
)
_ATTENDANCE = re.compile(
    r"(?<!\w)(?:tham dự|tới dự|đến dự|dự buổi|dự hội nghị|dự lễ|chứng kiến|có sự tham gia|có mặt)",
    re.IGNORECASE,
)
_MAX_TITLE_WORDS = 30
# "Trung ương Đoàn", "Huyện Đoàn Di Linh": here Đoàn is the youth union, not a surname.
_UNION_BEFORE = re.compile(
    r"(?:Trung ương|T\.Ư|TW|Tỉnh|Thành|Huyện|Quận|Thị|Xã)\s+$", re.IGNORECASE
)
# "Tham dự và ký quy chế có các đồng chí: A, B": the names listed after it signed.
_SIGNERS_LISTED = re.compile(
    r"(?<!\w)(?<!lễ )(?<!buổi )(?<!nghị )ký(?: kết)?[^.;:]{0,80}?\s(?:có|gồm)\s+(?:các\s+)?"
    r"(?:đồng chí|ông|bà)\s*:?",
    re.IGNORECASE,
)
# Capitalised words that start organizations, places and titles, never a person's name.
_NOT_NAME_WORDS = frozenset(
    {
        *("hội", "liên", "đoàn", "ủy", "uỷ", "ban", "sở", "bộ", "công", "đảng", "mặt", "trận"),
        *("tỉnh", "thành", "huyện", "quận", "xã", "phường", "trung", "ương", "việt", "nam"),
        *("đại", "tá", "chủ", "tịch", "giám", "đốc", "phó", "bí", "thư", "trưởng", "tổng"),
        *("cục", "đồn", "biên", "phòng", "lữ", "ngân", "hàng", "báo", "đài", "viện", "tòa"),
        *("trường", "nghị", "lễ", "chương", "trình", "quy", "chế", "kế", "hoạch", "ngày"),
        *("sáng", "chiều", "tại", "theo", "thực", "hiện"),
    }
)


@dataclass(frozen=True)
class Person:
    name: str
    title: str | None
    signed: bool
    start: int


def _is_name(name: str, *, any_surname: bool = False) -> bool:
    words = name.split()
    surname = words[0].lower()
    if (surname not in SURNAMES and not any_surname) or name.lower() in NOT_PERSONS:
        return False
    if any_surname and any(w.lower() in _NOT_NAME_WORDS for w in words):
        return False
    return not any(w.isupper() and len(w) > 1 for w in words)


def _trim_name(name: str) -> str:
    """Cut a title glued after the name: “Nguyễn Văn An Phó Chủ tịch” → “Nguyễn Văn An”."""
    words = name.split()
    for index in range(2, len(words)):
        title = _TITLE_START.match(" ".join(words[index:]))
        if title and " " in title.group():
            return " ".join(words[:index])
    return name


def _title_after(text: str, pos: int) -> str | None:
    match = re.match(r"\s*(?:[,–—-]|\()\s*", text[pos:])
    if not match:
        return None
    start = pos + match.end()
    if not _TITLE_START.match(text, start):
        return None
    end_match = _TITLE_END.search(text, start)
    end = end_match.start() if end_match else len(text)
    title = text[start:end].strip(" ,–-")
    following = _NAME_RE.search(title)
    follower = following.group("name") if following else ""
    if following and _is_name(follower) and len(follower.split()) >= 3 and following.start() > 0:
        title = title[: following.start()].strip(" ,–-")
    if not title or len(title.split()) > _MAX_TITLE_WORDS:
        return None
    return title


def _title_before(text: str, pos: int) -> str | None:
    window = text[max(0, pos - 160) : pos]
    stops = list(_BEFORE_NAME_STOP.finditer(window))
    segment = window[stops[-1].end() :] if stops else window
    segment = segment.strip(" ,")
    if not segment or not _TITLE_START.match(segment) or len(segment.split()) > _MAX_TITLE_WORDS:
        return None
    head = window[: stops[-1].end()] if stops else ""
    chunk = _TITLE_CHUNK.search(head + " ") if head.rstrip().endswith(",") else None
    if chunk:  # "TUV, Chủ tịch Hội LHPN tỉnh …": earlier titles of the same person
        return f"{chunk.group('chunk').strip()}, {segment}"
    return segment


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    end_dot = text.find(". ", pos)
    end_line = text.find("\n", pos)
    ends = [e for e in (end_dot, end_line) if e != -1]
    return start, min(ends) if ends else len(text)


def _signed(text: str, start: int, end: int) -> bool:
    sentence_start, sentence_end = _sentence_bounds(text, start)
    sentence = text[sentence_start:sentence_end]
    signing = _SIGNING.search(sentence)
    if not signing:
        return False
    before_name = sentence[: start - sentence_start]
    if _SIGNERS_LISTED.search(before_name) and "chứng kiến" not in before_name.lower():
        return True
    if _ATTENDANCE.search(before_name):
        return False
    return signing.start() > end - sentence_start or "thay mặt" in before_name.lower()


def _titled_outsider(text: str, start: int, name: str) -> bool:
    """A name whose surname is not in the list ("Hun Manet", "Alvin Tan") counts when an
    honorific or a rank stands before it and a title next to it."""
    before = text[max(0, start - 30) : start]
    if not _HONORIFIC_BEFORE.search(before):
        return False
    return _title_after(text, start + len(name)) is not None


def find_people(text: str) -> list[Person]:
    """People named in ``text`` with a title or an honorific, in order, one entry per name."""
    found: dict[str, Person] = {}
    covered = 0
    for word in _CAP_WORD_RE.finditer(text):
        if word.start() < covered:
            continue
        if word.group() == "Đoàn" and _UNION_BEFORE.search(
            text[max(0, word.start() - 20) : word.start()]
        ):
            continue
        match = _NAME_AT.match(text, word.start())
        if not match:
            continue
        name = _trim_name(match.group("name"))
        if name.lower().startswith("hồ chí minh"):
            covered = word.start() + len("Hồ Chí Minh")  # "… Cộng sản Hồ Chí Minh Bùi Quang Huy"
            continue
        if word.group().lower() not in SURNAMES and not _titled_outsider(text, match.start(), name):
            continue
        if not _is_name(name, any_surname=word.group().lower() not in SURNAMES):
            continue
        start, end = match.start(), match.start() + len(name)
        covered = end
        before = text[max(0, start - 30) : start]
        if _NOT_AFTER.search(before) or (_AFTER_LEVEL.search(before) and len(name.split()) < 3):
            continue
        honorific = bool(_HONORIFIC_BEFORE.search(before))
        title = _title_after(text, end)
        if title is None and not honorific and len(name.split()) >= 3:
            title = _title_before(text, start)  # "Chủ tịch Hội LHPN tỉnh Ngụy Thị Tuyến"
        if title is None and not honorific:
            continue
        rank = _RANK_BEFORE.search(before)
        if rank and title and not title.startswith(rank.group("rank")):
            title = f"{rank.group('rank')}, {title}"
        if honorific and title is None and before.rstrip().lower().endswith(("anh", "chị", "cô")):
            continue
        person = Person(name, title, _signed(text, start, end), start)
        key = name.lower()
        if key in found:
            old = found[key]
            person = Person(old.name, old.title or title, old.signed or person.signed, old.start)
        found[key] = person
    return sorted(found.values(), key=lambda p: p.start)


def split_people(people: list[Person]) -> tuple[list[dict], list[dict]]:
    """(signatories, attendees) as schema dicts."""
    signatories = [{"name": p.name, "title": p.title} for p in people if p.signed]
    attendees = [{"name": p.name, "title": p.title} for p in people if not p.signed]
    return signatories, attendees
