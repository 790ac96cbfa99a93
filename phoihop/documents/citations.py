"""Parse how Vietnamese texts cite documents, state and Party style alike.

Three number styles occur (DOMAIN.md §1):

* state (ND 30/2020 Appendix III): ``57/NQ-CP`` — number ``/`` type ``-`` issuer;
* legal-normative (QPPL): ``30/2020/NĐ-CP`` — the year sits between number and symbol;
* Party (HD 36-HD/VPTW): ``21-CT/TW`` — number ``-`` type ``/`` issuer.

News text also cites documents by bare number (``Đề án 938``). :func:`find_citations` finds them
all in a paragraph; :func:`parse_number` checks one number/symbol string and says precisely what is
wrong with it. Dates are always read day-first.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace

from phoihop.core.text import nfc

__all__ = [
    "PARTY_TYPE_CODES",
    "STATE_TYPE_CODES",
    "Citation",
    "CitationError",
    "ParsedNumber",
    "find_citations",
    "parse_date",
    "parse_number",
]


def _table(rows: str) -> dict[str, str]:
    """Read "CODE = Name; CODE = Name" rows into a dict (compact and easy to proofread)."""
    pairs = (pair.split("=") for pair in re.split(r"[;\n]", rows) if pair.strip())
    return {code.strip(): name.strip() for code, name in pairs}


# ND 30/2020/NĐ-CP Appendix III, plus the legal-normative types (NĐ, TT, TTLT) of the same law.
STATE_TYPE_CODES: dict[str, str] = _table(
    """
    NQ = Nghị quyết; QĐ = Quyết định; CT = Chỉ thị; QC = Quy chế; QyĐ = Quy định
    TC = Thông cáo; TB = Thông báo; HD = Hướng dẫn; CTr = Chương trình; KH = Kế hoạch
    PA = Phương án; ĐA = Đề án; DA = Dự án; BC = Báo cáo; BB = Biên bản; TTr = Tờ trình
    HĐ = Hợp đồng; CĐ = Công điện; BGN = Bản ghi nhớ; BTT = Bản thỏa thuận
    GUQ = Giấy ủy quyền; GM = Giấy mời; GGT = Giấy giới thiệu; GNP = Giấy nghỉ phép
    PG = Phiếu gửi; PC = Phiếu chuyển; PB = Phiếu báo; SY = Bản sao y; TrS = Bản trích sao
    SL = Bản sao lục; NĐ = Nghị định; TT = Thông tư; TTLT = Thông tư liên tịch
    NQLT = Nghị quyết liên tịch
    """
)

# HD 36-HD/VPTW and QĐ 66-QĐ/TW: the Party writes Quy định as QĐi and Thông tri as TT.
PARTY_TYPE_CODES: dict[str, str] = _table(
    """
    NQ = Nghị quyết; QĐ = Quyết định; CT = Chỉ thị; KL = Kết luận; QC = Quy chế
    QĐi = Quy định; TT = Thông tri; HD = Hướng dẫn; TB = Thông báo; BC = Báo cáo
    KH = Kế hoạch; CTr = Chương trình; ĐA = Đề án; TTr = Tờ trình; CV = Công văn
    BB = Biên bản; TC = Thông cáo; NQLT = Nghị quyết liên tịch
    """
)

# Suffixes glued to a type code in joint documents: CTrPH (chương trình phối hợp), NQLT, KHLN…
_TYPE_SUFFIXES = ("", "PH", "LT", "LN", "LB", "LS")
_ASSEMBLY_ISSUER = re.compile(r"^(?:UBTV)?QH\d{1,2}$")
_SERIAL = re.compile(r"^\d{1,6}[A-Za-z]?$")
_MIN_YEAR = 1930  # the Party's founding year; nothing older is cited in this domain


class CitationError(ValueError):
    """An invalid document number; ``code`` names the problem for callers that branch on it."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class ParsedNumber:
    number: str  # as written, spaces removed: "57/NQ-CP", "21-CT/TW"
    serial: str  # "57", "6b"
    style: str  # "state" | "party" | "qppl"
    year: int | None
    type_code: str | None
    issuer_code: str | None
    doc_type: str | None  # the type named by the code, when the code is known


@dataclass(frozen=True)
class Citation:
    doc_type: str | None
    number: str
    style: str  # "state" | "party" | "qppl" | "bare"
    issued_on: dt.date | None
    issuer: str | None
    year: int | None
    type_code: str | None
    issuer_code: str | None
    span: tuple[int, int]


# --------------------------------------------------------------------------- dates


_DATE_NUMERIC = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)")
_DATE_WORDS = re.compile(r"(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s+năm\s+(\d{4})", re.IGNORECASE)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """Read the first full date in ``text``, day first: ``01-10-1997``, ``06 tháng 3 năm 2017``."""
    numeric = _DATE_NUMERIC.search(text)
    words = _DATE_WORDS.search(text)
    found = [m for m in (numeric, words) if m]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    if first is numeric:
        return _safe_date(int(first.group(4)), int(first.group(3)), int(first.group(1)))
    return _safe_date(int(first.group(3)), int(first.group(2)), int(first.group(1)))


# --------------------------------------------------------------------------- numbers


def _max_year() -> int:
    return dt.datetime.now(tz=dt.UTC).year + 1


def _lookup_type(code: str, table: dict[str, str]) -> str | None:
    """Return the table's spelling of ``code`` (``CTrPH`` → ``CTr``), or None if unknown."""
    for suffix in _TYPE_SUFFIXES:
        if suffix and not code.upper().endswith(suffix):
            continue
        head = code[: len(code) - len(suffix)] if suffix else code
        if head in table:
            return head
        for known in table:
            if known.upper() == head.upper():
                return known
    return None


def _check_characters(raw: str) -> None:
    for char in raw:
        if not (char.isalnum() or char in "/-. "):
            raise CitationError(
                f"Số hiệu văn bản chứa ký tự không hợp lệ “{char}”: {raw}", code="illegal_char"
            )


def _check_year(text: str, raw: str) -> int:
    year = int(text)
    if not _MIN_YEAR <= year <= _max_year():
        raise CitationError(
            f"Năm ban hành “{text}” không hợp lệ (phải từ {_MIN_YEAR} đến {_max_year()}): {raw}",
            code="bad_year",
        )
    return year


def _check_serial(serial: str, raw: str) -> None:
    if not _SERIAL.match(serial):
        raise CitationError(
            f"Số thứ tự “{serial}” không hợp lệ (chỉ gồm chữ số, có thể thêm một chữ cái): {raw}",
            code="bad_serial",
        )


def _parse_party(compact: str, raw: str) -> ParsedNumber:
    head, _, issuer = compact.partition("/")
    serial, _, type_code = head.partition("-")
    _check_serial(serial, raw)
    if not issuer:
        raise CitationError(
            f"Số hiệu văn bản của Đảng thiếu cơ quan ban hành sau dấu “/”: {raw}", code="no_symbol"
        )
    known = _lookup_type(type_code, PARTY_TYPE_CODES)
    if known is None:
        raise CitationError(
            f"Ký hiệu loại văn bản “{type_code}” không có trong bảng viết tắt văn bản của Đảng: "
            f"{raw}",
            code="unknown_type",
        )
    return ParsedNumber(compact, serial, "party", None, known, issuer, PARTY_TYPE_CODES[known])


def _parse_symbol(
    symbol: str, raw: str, *, qppl: bool
) -> tuple[str | None, str | None, str | None]:
    """Split ``NQ-CP`` into (type code, issuer code, type name); a công văn has no type code."""
    groups = symbol.split("-")
    if any(not group for group in groups):
        raise CitationError(
            f"Ký hiệu văn bản có nhóm rỗng giữa các dấu “-”: {raw}", code="empty_group"
        )
    if qppl and len(groups) == 1 and _ASSEMBLY_ISSUER.match(groups[0]):
        return None, groups[0], None  # a law or resolution of the National Assembly
    known = _lookup_type(groups[0], STATE_TYPE_CODES)
    if known is not None:
        issuer = "-".join(groups[1:]) or None
        return known, issuer, STATE_TYPE_CODES[known]
    if not qppl and len(groups) >= 2:
        return None, groups[0], "Công văn"  # công văn: issuer + drafting unit, e.g. TLĐ-ToC
    raise CitationError(
        f"Ký hiệu loại văn bản “{groups[0]}” không có trong bảng viết tắt của Nghị định "
        f"30/2020/NĐ-CP: {raw}",
        code="unknown_type",
    )


def parse_number(raw: str) -> ParsedNumber:
    """Parse one document number; raise :class:`CitationError` saying what is wrong."""
    text = nfc(raw)
    text = re.sub(r"^số\s*:?\s*", "", text, flags=re.IGNORECASE)
    if not text:
        raise CitationError("Số hiệu văn bản trống.", code="empty")
    _check_characters(text)
    compact = text.replace(" ", "")
    if not compact[0].isdigit():
        raise CitationError(
            f"Số hiệu văn bản phải bắt đầu bằng số thứ tự: {text}", code="bad_serial"
        )
    first_slash = compact.find("/")
    first_dash = compact.find("-")
    if first_dash != -1 and (first_slash == -1 or first_dash < first_slash):
        return _parse_party(compact, text)
    parts = compact.split("/")
    if len(parts) == 1 or not parts[-1] or (len(parts) == 2 and re.fullmatch(r"\d{4}", parts[1])):
        raise CitationError(
            f"Số hiệu văn bản thiếu phần ký hiệu sau dấu “/”: {text}", code="no_symbol"
        )
    if len(parts) > 3:
        raise CitationError(f"Số hiệu văn bản có quá nhiều dấu “/”: {text}", code="too_many_parts")
    _check_serial(parts[0], text)
    year = None
    if len(parts) == 3:
        if not re.fullmatch(r"\d{4}", parts[1]):
            raise CitationError(
                f"Năm ban hành “{parts[1]}” phải gồm bốn chữ số: {text}", code="bad_year"
            )
        year = _check_year(parts[1], text)
    type_code, issuer_code, doc_type = _parse_symbol(parts[-1], text, qppl=year is not None)
    style = "qppl" if year is not None else "state"
    return ParsedNumber(compact, parts[0], style, year, type_code, issuer_code, doc_type)


# --------------------------------------------------------------------------- finding citations


def _alternatives(text: str) -> tuple[str, ...]:
    return tuple(word.strip() for word in text.split("|"))


# Longer phrases first, so "Nghị quyết liên tịch" wins over "Nghị quyết".
_TYPE_WORDS = _alternatives(
    """
    Nghị quyết liên tịch | Thông tư liên tịch | Chương trình hành động | Chương trình phối hợp
    | Quy chế phối hợp | Kế hoạch phối hợp | Kế hoạch liên tịch | Bản thỏa thuận | Thỏa thuận
    | Thoả thuận | Nghị quyết | Nghị định | Quyết định | Chỉ thị | Kết luận | Quy chế | Quy định
    | Thông tư | Thông tri | Thông báo | Thông cáo | Hướng dẫn | Kế hoạch | Chương trình | Đề án
    | Dự án | Phương án | Báo cáo | Tờ trình | Công văn | Công điện | Bộ luật | Luật | Pháp lệnh
    """
)
_TYPE_ABBREVIATIONS = {
    "NQ": "Nghị quyết",
    "NĐ": "Nghị định",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "HD": "Hướng dẫn",
    "KH": "Kế hoạch",
    "TT": "Thông tư",
    "CV": "Công văn",
}
_CODE = r"[A-ZĐ][A-Za-zĐđ0-9]*"
_SPACED_CODE = r"[A-ZĐ][A-ZĐ0-9]{1,7}(?![\wđĐ])"  # after "- " only an upper-case code continues
_SYMBOL = rf"{_CODE}(?:-{_CODE}|\s?-\s?{_SPACED_CODE})*"
_PARTY = (
    r"\d{1,5}[a-zA-Z]?\s?-\s?[A-ZĐ][A-Za-zĐđ]{0,4}\s?/\s?[A-ZĐ][A-Za-zĐđƯư0-9.]*[A-Za-zĐđƯư0-9]"
)
_QPPL = rf"\d{{1,5}}[a-z]?/(?:19|20)\d{{2}}/{_SYMBOL}"
_STATE = rf"\d{{1,5}}[a-zA-Z]?\s?/\s?{_SYMBOL}"
_BARE = r"\d{1,5}(?![\d/.,:]\d|\s?[-/]\s?[A-ZĐ\d])"
_NUMBER = rf"(?:{_PARTY}|{_QPPL}|{_STATE}|{_BARE})"
_TYPE_ALT = "|".join(re.escape(word) for word in _TYPE_WORDS)
_ABBR_ALT = "|".join(_TYPE_ABBREVIATIONS)
_CITATION = re.compile(
    rf"(?<![\wđĐ])(?P<type>(?i:{_TYPE_ALT})|{_ABBR_ALT})"
    rf"(?P<so>\s+(?:số|Số|số:|Số:))?\s*(?P<number>{_NUMBER})(?![\wđĐ])"
)
_NAMED = re.compile(
    rf"(?<![\wđĐ])(?P<type>Bộ luật|Luật|Pháp lệnh|Nghị quyết|Chương trình|Đề án|Quy chế)"
    rf"(?P<name>(?:\s+[^\s,;.()/]+){{1,8}}?)\s+(?:số|Số):?\s*(?P<number>{_PARTY}|{_QPPL}|{_STATE})"
    rf"(?![\wđĐ])"
)
_STANDALONE = re.compile(rf"(?<![\wđĐ/.-])(?P<number>{_PARTY}|{_QPPL}|{_STATE})(?![\wđĐ])")
_CONTINUATION = re.compile(rf"\s*(?:,|;|và)\s*(?:số\s+)?(?P<number>{_NUMBER})(?![\wđĐ])")
_NOT_BARE_AFTER = re.compile(
    r"\s*(?:năm|tháng|ngày|tuần|quý|nội dung|nhiệm vụ|điểm|người|%|lần|giai đoạn|mục tiêu)",
    re.IGNORECASE,
)
_ONE_DIGIT_END = re.compile(r"\s*(?:$|[“\"(,;.]|(?:về|của|và|ngày|số)\s)")
_LEAD_DATE = re.compile(
    r"\s*,?\s*(?:ban hành\s+)?(?:ngày|ngay)\s+(?P<date>\d{1,2}\s*([/.-])\s*\d{1,2}\s*\2\s*\d{4}"
    r"|\d{1,2}\s+tháng\s+\d{1,2}\s*,?\s+năm\s+\d{4})"
    r"|\s*\((?:ngày\s+)?(?P<pdate>\d{1,2}\s*([/.-])\s*\d{1,2}\s*\4\s*\d{4})\)",
    re.IGNORECASE,
)
_ISSUER_START = re.compile(r"\s*,?\s*(?:của|do)\s+(?=[A-ZĐÂĂÊÔƠƯ])")
_ISSUER_END = re.compile(
    r"[,;:.()“”\"\n]|\s(?:về|v/v|triển khai|tuyên truyền|thực hiện|ban hành|quy định|hướng dẫn"
    r"|nhằm|đối với|trong|tại|với|theo|để|đã|đến|cho|ngày|là|đề ra|được)(?![\wđ])"
    r"|\svà\s+(?=[a-zđàáảãạăâèéẻẽẹêìíỉĩịòóỏõọôơùúủũụưỳýỷỹỵ]|(?:" + _TYPE_ALT + r"))"
)
_MAX_ISSUER_WORDS = 14


def _type_name(word: str) -> str:
    if word in _TYPE_ABBREVIATIONS:
        return _TYPE_ABBREVIATIONS[word]
    word = nfc(word)
    return word[0].upper() + word[1:].lower()


def _read_date(match: re.Match[str]) -> dt.date | None:
    return parse_date(match.group("date") or match.group("pdate"))


def _read_issuer(text: str, pos: int) -> tuple[str | None, int]:
    start = _ISSUER_START.match(text, pos)
    if not start:
        return None, pos
    end = _ISSUER_END.search(text, start.end())
    stop = end.start() if end else len(text)
    issuer = text[start.end() : stop].strip()
    words = issuer.split()
    if not words or len(words) > _MAX_ISSUER_WORDS:
        return None, pos
    return issuer, start.end() + len(text[start.end() : stop].rstrip())


def _read_tail(text: str, pos: int) -> tuple[dt.date | None, str | None, int]:
    """Read ``ngày …`` and ``của …`` after a number, in either order."""
    issued_on, issuer = None, None
    date_match = _LEAD_DATE.match(text, pos)
    if date_match:
        issued_on, pos = _read_date(date_match), date_match.end()
    issuer, pos = _read_issuer(text, pos)
    if issuer and issued_on is None:
        date_match = _LEAD_DATE.match(text, pos)
        if date_match:
            issued_on, pos = _read_date(date_match), date_match.end()
    return issued_on, issuer, pos


def _bare_ok(text: str, match_end: int, number: str, *, has_so: bool) -> bool:
    if _NOT_BARE_AFTER.match(text, match_end):
        return False
    looks_like_year = len(number) == 4 and _MIN_YEAR <= int(number) <= 2099
    if len(number) == 1 and not has_so:  # "Đề án 8 “Tuyên truyền…”", not "Kế hoạch 3 bước"
        return bool(_ONE_DIGIT_END.match(text, match_end))
    return has_so or not looks_like_year


def _build(
    number: str,
    doc_type: str | None,
    span: tuple[int, int],
    issued_on: dt.date | None,
    issuer: str | None,
) -> Citation | None:
    compact = re.sub(r"\s+", "", number)
    if compact.isdigit():
        year = issued_on.year if issued_on else None
        return Citation(doc_type, compact, "bare", issued_on, issuer, year, None, None, span)
    try:
        parsed = parse_number(compact)
    except CitationError as error:
        if error.code != "unknown_type" or doc_type is None:
            return None
        return Citation(doc_type, compact, "state", issued_on, issuer, None, None, None, span)
    year = parsed.year or (issued_on.year if issued_on else None)
    return Citation(
        doc_type or parsed.doc_type,
        parsed.number,
        parsed.style,
        issued_on,
        issuer,
        year,
        parsed.type_code,
        parsed.issuer_code,
        span,
    )


def _named_citations(text: str) -> list[Citation]:
    """``Luật Công đoàn số 50/2024/QH15``: a name sits between the type and the number."""
    found: list[Citation] = []
    for match in _NAMED.finditer(text):
        issued_on, issuer, end = _read_tail(text, match.end())
        doc_type = _type_name(match.group("type"))
        citation = _build(match.group("number"), doc_type, (match.start(), end), issued_on, issuer)
        if citation:
            found.append(citation)
    return found


def _typed_citations(text: str) -> list[Citation]:
    found: list[Citation] = []
    for match in _CITATION.finditer(text):
        word, number = match.group("type"), match.group("number")
        is_bare = re.fullmatch(r"\d+", number) is not None
        if is_bare and (word in _TYPE_ABBREVIATIONS or not word[0].isupper()):
            continue  # "kế hoạch 5" in running text is not a citation; "Đề án 938" is
        if is_bare and not _bare_ok(text, match.end(), number, has_so=bool(match.group("so"))):
            continue
        doc_type = _type_name(word)
        issued_on, issuer, end = _read_tail(text, match.end())
        citation = _build(number, doc_type, (match.start(), end), issued_on, issuer)
        if citation:
            found.append(citation)
        found.extend(_continuations(text, match.end(), doc_type, bare=is_bare))
    return found


def _continuations(text: str, pos: int, doc_type: str, *, bare: bool) -> list[Citation]:
    """``Đề án 938, 939`` and ``Quyết định 1013/QĐ-TLĐ và 1014/QĐ-TLĐ`` cite several numbers."""
    found: list[Citation] = []
    while match := _CONTINUATION.match(text, pos):
        number = match.group("number")
        if (re.fullmatch(r"\d+", number) is not None) != bare:
            break
        if bare and not _bare_ok(text, match.end(), number, has_so=False):
            break
        issued_on, issuer, end = _read_tail(text, match.end())
        citation = _build(number, doc_type, (match.start("number"), end), issued_on, issuer)
        if citation is None:
            break
        found.append(citation)
        pos = match.end()
    return found


def _standalone_citations(text: str, taken: list[tuple[int, int]]) -> list[Citation]:
    found: list[Citation] = []
    for match in _STANDALONE.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        issued_on, issuer, end = _read_tail(text, match.end())
        citation = _build(match.group("number"), None, (match.start(), end), issued_on, issuer)
        if citation and (citation.type_code or citation.style == "qppl"):
            found.append(citation)
    return found


def _merge(first: Citation, later: Citation) -> Citation:
    return replace(
        first,
        issued_on=first.issued_on or later.issued_on,
        issuer=first.issuer or later.issuer,
        year=first.year or later.year,
        doc_type=first.doc_type or later.doc_type,
    )


def _deduplicate(citations: list[Citation]) -> list[Citation]:
    by_number: dict[str, int] = {}
    result: list[Citation] = []
    for citation in sorted(citations, key=lambda c: c.span[0]):
        key = citation.number.casefold()
        if key in by_number:
            index = by_number[key]
            result[index] = _merge(result[index], citation)
            continue
        by_number[key] = len(result)
        result.append(citation)
    # "Chỉ thị 21" next to "Chỉ thị 21-CT/TW" is the same document.
    symbols = {(c.doc_type, _serial_of(c.number)) for c in result if c.style != "bare"}
    return [c for c in result if c.style != "bare" or (c.doc_type, c.number) not in symbols]


def _serial_of(number: str) -> str:
    return re.split(r"[/-]", number, maxsplit=1)[0]


def find_citations(text: str) -> list[Citation]:
    """All documents cited in ``text``, in order of first mention, one per number."""
    text = unicodedata.normalize("NFC", text)
    typed = _typed_citations(text) + _named_citations(text)
    taken = [c.span for c in typed]
    return _deduplicate(typed + _standalone_citations(text, taken))
