"""Event kind, program phases, event locations and reported figures."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Phase", "event_kind", "find_phases", "key_numbers", "locations"]

_FINAL = re.compile(r"(?<!\w)tổng kết(?!\w)", re.IGNORECASE)
_INTERIM = re.compile(r"(?<!\w)sơ kết(?!\w)", re.IGNORECASE)
_SIGNING = re.compile(
    r"(?<!\w)(?:ký kết|lễ ký|ký chương trình|ký quy chế|ký thỏa thuận|ký thoả thuận|ký kế hoạch"
    r"|tái ký|ký giao ước|ký biên bản|ký bản ghi nhớ|ký hiệp đồng|ký nghị quyết liên tịch"
    r"|(?:nghị quyết liên tịch|thông tư liên tịch|ký quyết định)[^.\n]{0,80}ban hành (?:quy chế"
    r"|chương trình)|lễ kết nghĩa|ký kết nghĩa)(?!\w)",
    re.IGNORECASE,
)
_PAST_SIGNING = re.compile(r"(?:đã|đã được|được)\s+(?:[\w ]{0,40}\s)?$", re.IGNORECASE)
_SIGNING_EVIDENCE = re.compile(
    r"(?<!\w)(?:thống nhất|tiến hành|cùng|chính thức)?\s*ký kết\s+(?:chương trình|quy chế|kế hoạch"
    r"|thỏa thuận|thoả thuận|biên bản)",
    re.IGNORECASE,
)
_OTHER_EVENT = re.compile(
    r"(?<!\w)(?:hội thi|hội thao|tập huấn|giao lưu|tọa đàm|toạ đàm|hội thảo|diễn đàn|trao tặng"
    r"|trao quà|tặng quà|thăm|khánh thành|bàn giao|ra mắt|ngày hội|liên hoan|khám bệnh|tuyên dương"
    r"|biểu dương|vinh danh|kỷ niệm|đại hội|chung kết|giải chạy|hiến máu)(?!\w)",
    re.IGNORECASE,
)
_PLAN = re.compile(
    r"(?<!\w)(?:kế hoạch|hướng dẫn|triển khai|ban hành|phát động|quán triệt|chỉ đạo)(?!\w)",
    re.IGNORECASE,
)


def _has_present_signing(text: str) -> bool:
    for match in _SIGNING_EVIDENCE.finditer(text):
        if not _PAST_SIGNING.search(text[max(0, match.start() - 50) : match.start()]):
            return True
    return False


# A review that is not called tổng kết or sơ kết: "hội nghị đánh giá kết quả thực hiện chương
# trình", "qua 10 năm thực hiện", "nhìn lại …"; it may sign the next phase at the same meeting.
_REVIEW = re.compile(
    r"(?<!\w)(?:đánh giá (?:kết quả|việc|công tác|\d+ năm|chương trình|quy chế|kế hoạch)"
    r"|(?:qua|sau) \d+ năm (?:thực hiện|triển khai|phối hợp|ký kết)|nhìn lại"
    r"|kết quả (?:thực hiện|phối hợp|triển khai) (?:chương trình|quy chế|kế hoạch))",
    re.IGNORECASE,
)
# A periodic meeting of the parties reviews their coordination: "hội nghị giao ban", "hội nghị
# phối hợp công tác", "hội nghị trao đổi thường niên", "kỳ họp … ủy ban liên Chính phủ".
_MEETING = re.compile(
    r"(?<!\w)(?:hội nghị (?:giao ban|phối hợp công tác|hợp tác|trao đổi|hiệp đồng|liên tịch)"
    r"|giao ban|kỳ họp)(?!\w)",
    re.IGNORECASE,
)
_INTERIM_PERIOD = re.compile(
    r"(?<!\w)(?:giữa kỳ|giữa nhiệm kỳ|6 tháng|sáu tháng|quý [IV1-4]+|\d+ năm đầu)", re.IGNORECASE
)


_OPENING = 400


def event_kind(title: str, lead: str, body: str) -> str:
    """signing | interim_review | final_review | plan | other, from the title and lead first."""
    head = f"{title}\n{lead}"
    if _FINAL.search(head):
        return "final_review"
    if _INTERIM.search(head):
        return "interim_review"
    if _REVIEW.search(head):
        return "interim_review" if _INTERIM_PERIOD.search(head) else "final_review"
    if _MEETING.search(head) and not _SIGNING.search(head):
        return "interim_review" if _INTERIM_PERIOD.search(head) else "final_review"
    if _SIGNING.search(head):
        return "signing"
    if _OTHER_EVENT.search(title) and not _PLAN.search(title):
        return "other"
    opening = body[:_OPENING]  # a text that starts mid-article: its first sentences
    if _FINAL.search(opening) or _REVIEW.search(opening):
        return "interim_review" if _INTERIM_PERIOD.search(opening) else "final_review"
    if _PLAN.search(head):
        return "signing" if _has_present_signing(body) else "plan"
    if _has_present_signing(body):
        return "signing"
    if _OTHER_EVENT.search(head):
        return "other"
    return "other"


# --------------------------------------------------------------------------- phases

_RANGE = re.compile(
    r"(?:(?P<label>giai đoạn|nhiệm kỳ|thời kỳ|từ năm|năm)\s*)?\(?(?P<start>(?:19|20)\d{2})"
    r"\s*(?:[-–—]|đến(?: năm)?|tới(?: năm)?)\s*(?P<end>(?:19|20)\d{2})\)?",
    re.IGNORECASE,
)
_PROGRAM_WORDS = re.compile(
    r"chương trình|quy chế|kế hoạch|thỏa thuận|thoả thuận|phối hợp|ký kết", re.IGNORECASE
)
_TIED_PROGRAM = re.compile(
    r"(?:chương trình|quy chế|kế hoạch)(?: phối hợp| liên tịch| hành động)?[^.;]{0,90}$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<!\w)năm\s+(?P<year>(?:19|20)\d{2})(?![\d-])", re.IGNORECASE)
_MAX_PHASE_YEARS = 10


@dataclass(frozen=True)
class Phase:
    start: int
    end: int
    position: int

    def as_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


def find_phases(text: str, *, tied: bool) -> list[Phase]:
    """Year ranges; with ``tied``, only those a program word governs."""
    found = []
    for match in _RANGE.finditer(text):
        start, end = int(match.group("start")), int(match.group("end"))
        if not 0 < end - start <= _MAX_PHASE_YEARS:
            continue
        before = text[max(0, match.start() - 120) : match.start()]
        if (match.group("label") or "").lower() == "nhiệm kỳ" and not _TIED_PROGRAM.search(before):
            continue  # a congress term ("Đại hội … nhiệm kỳ 2023 - 2028"), unless a program's
        if tied and not _TIED_PROGRAM.search(before):
            continue
        if not tied and not (_PROGRAM_WORDS.search(before) or match.group("label")):
            continue
        found.append(Phase(start, end, match.start()))
    return found


_TERM = re.compile(
    r"nhiệm kỳ\s*\(?(?P<start>(?:19|20)\d{2})\s*[-–—]\s*(?P<end>(?:19|20)\d{2})", re.I
)


def find_terms(text: str) -> list[Phase]:
    """A term (“nhiệm kỳ 2021-2026”) in a title or lead: what an interim review looks back on."""
    found = []
    for match in _TERM.finditer(text):
        start, end = int(match.group("start")), int(match.group("end"))
        if 0 < end - start <= _MAX_PHASE_YEARS:
            found.append(Phase(start, end, match.start()))
    return found


def single_year(text: str) -> int | None:
    match = _YEAR.search(text)
    return int(match.group("year")) if match else None


# --------------------------------------------------------------------------- locations

_PLACE_NOUNS = (
    r"hội trường|trụ sở|nhà văn hóa|nhà văn hoá|trung tâm|khách sạn|sân|nhà thi đấu|văn phòng"
    r"|phòng họp|xã|phường|thị trấn|huyện|quận|tỉnh|thành phố|tp|đồn|trường|công ty|khu|cung"
    r"|nhà máy|bảo tàng|khu di tích|đền|quảng trường|điểm cầu|địa bàn|thực địa|thôn|ấp|cửa khẩu"
)
_LOCATION = re.compile(
    rf"(?<!\w)(?:tại|ở)\s+(?P<place>(?:[A-ZĐ]|(?:{_PLACE_NOUNS})(?!\w))[^,;.()]*"
    r"(?:,?\s*(?:(?:thuộc|trên địa bàn)\s+)?(?:xã|phường|thị trấn|huyện|quận|thị xã|tỉnh"
    r"|thành phố|TP\.?)\s[^,;.()]*)*)",
    re.IGNORECASE,
)
_PLACE_STOP = re.compile(
    r"\s+(?:tổ chức|diễn ra|đã|vừa|sẽ|long trọng|trang trọng|với|nhằm|để|cho|có|và các)(?!\w).*$"
)
_NOT_PLACES = re.compile(
    r"^(?:hội nghị|buổi|lễ|đây|đó|địa phương|đơn vị|các|những|cơ sở|chỗ|gia đình|mỗi)(?!\w)",
    re.IGNORECASE,
)
_MAX_PLACE_WORDS = 14


def locations(clause: str) -> list[str]:
    """Where the event took place: "tại Hội trường UBND quận Thanh Xuân" in the lead clause."""
    found: list[str] = []
    for match in _LOCATION.finditer(clause):
        place = _PLACE_STOP.sub("", match.group("place")).strip(" ,")
        if not place or _NOT_PLACES.match(place) or len(place.split()) > _MAX_PLACE_WORDS:
            continue
        if place[0].islower() and not re.match(rf"(?:{_PLACE_NOUNS})\s+\S", place, re.I):
            continue
        if place not in found:
            found.append(place)
    return found


# --------------------------------------------------------------------------- figures

_FIGURE = re.compile(
    r"(?<![\w.,])(?P<value>\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)\s*(?P<what>%|(?:triệu|tỷ|nghìn|ngàn)"
    r" đồng|đoàn viên|hội viên|người|lao động|công nhân|suất quà|phần quà|suất|hộ|mô hình"
    r"|câu lạc bộ|lớp|đại biểu|nội dung|năm thực hiện|năm triển khai|công đoàn cơ sở|CĐCS|tập thể"
    r"|cá nhân|đội|thí sinh|học viên|trường hợp|căn nhà|nhà|chi hội|tổ)(?P<rest>[^,;.\d]{0,50})",
)


_DANGLING = re.compile(r"(?:\s+(?:với|và|của|cho|trong|tại|là|đạt|gồm|trên|hơn))+$")


def key_numbers(text: str, *, limit: int = 12) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    for match in _FIGURE.finditer(text):
        what = f"{match.group('what')}{match.group('rest')}".strip()
        what = _DANGLING.sub("", what)
        found.append({"value": match.group("value"), "what": what})
        if len(found) >= limit:
            break
    return found
