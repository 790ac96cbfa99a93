"""Clause candidates for content areas, and the features the sequence model reads.

An article's body is cut into small pieces that could each be one content item: sentences, the
parts of a sentence between semicolons, what follows a colon, numbered and bulleted lines,
"(1) … (2) …" runs, and the comma-separated parts of a sentence that open with an action verb
("phối hợp tuyên truyền …, tổ chức hội thi …, thăm tặng quà …"). Each piece gets a small set of
features; the labels (an item or not) come from the model in ``areas.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from phoihop.articles.extraction.textutil import sentences, word_key

__all__ = ["Candidate", "candidates", "clean_item", "features"]

_BULLET = re.compile(r"^(?:[-+•*▪–—●◦❖✓]\s*|\(?\d{1,2}[.)/]\s*|\(?[a-zđ]\)\s+|[IVX]{1,4}[.)]\s+)")
_INLINE_NUMBER = re.compile(r"(?:^|\s)\(\d{1,2}\)\s+|(?:^|;\s*|\.\s+)\d{1,2}\)\s+")
# A comma opens a new candidate when an action verb follows ("…, tổ chức hội thi …").
_ACTION_VERBS = (
    "phối hợp",
    "tuyên truyền",
    "vận động",
    "tổ chức",
    "mở lớp",
    "mở",
    "hỗ trợ",
    "tập huấn",
    "bồi dưỡng",
    "đào tạo",
    "xây dựng",
    "thực hiện",
    "triển khai",
    "nâng cao",
    "đẩy mạnh",
    "tăng cường",
    "giám sát",
    "kiểm tra",
    "thăm",
    "tặng",
    "trao",
    "giúp",
    "giúp đỡ",
    "phổ biến",
    "giáo dục",
    "chăm lo",
    "bảo vệ",
    "giới thiệu",
    "tư vấn",
    "cho vay",
    "giải quyết",
    "đối thoại",
    "phát hiện",
    "phát triển",
    "nhân rộng",
    "tham gia",
    "tham mưu",
    "đề xuất",
    "khen thưởng",
    "biểu dương",
    "động viên",
    "chia sẻ",
    "trao đổi",
    "cung cấp",
    "ký kết",
    "duy trì",
    "củng cố",
    "thành lập",
    "quản lý",
    "phòng",
    "phòng chống",
    "phòng, chống",
    "đấu tranh",
    "khám",
    "cấp phát",
    "lồng ghép",
    "hướng dẫn",
    "chỉ đạo",
    "huy động",
    "đồng hành",
    "góp phần",
    "thúc đẩy",
    "khuyến khích",
    "đảm bảo",
    "bảo đảm",
    "nắm bắt",
    "nắm tình hình",
    "tiếp nhận",
    "ủng hộ",
    "xét",
    "xóa",
    "xoá",
)
_VERB_KEYS = {tuple(word_key(w) for w in verb.split()) for verb in _ACTION_VERBS}
_MODIFIERS = {"tiếp", "tục", "cùng", "sẽ", "đã", "đồng", "thời", "tích", "cực", "chủ", "động"}
_VERB_AFTER_COMMA = re.compile(
    r",\s+(?=(?:và\s+)?(?:" + "|".join(re.escape(v) for v in _ACTION_VERBS) + r")\s)",
    re.IGNORECASE,
)
_CUE = re.compile(
    r"theo đó|thống nhất|gồm|bao gồm|các nội dung|nội dung phối hợp|nội dung chính|tập trung"
    r"|cụ thể|như sau|các hoạt động|nhiệm vụ|trách nhiệm|hai bên|các bên|ba bên|hai đơn vị"
    r"|phối hợp thực hiện|chương trình phối hợp|quy chế phối hợp",
    re.IGNORECASE,
)
_SPEECH = re.compile(
    r"phát biểu|nhấn mạnh|đề nghị|cho biết|khẳng định|ghi nhận|đánh giá|chia sẻ|bày tỏ|mong muốn"
    r"|chỉ đạo|yêu cầu|trao đổi|thảo luận|tham luận",
    re.IGNORECASE,
)
_PEOPLE = re.compile(
    r"(?<!\w)(?:đồng chí|ông|bà|chủ tịch|phó chủ tịch|giám đốc|bí thư|trưởng ban|thiếu tướng"
    r"|đại tá|thượng tá|trung tá)(?!\w)",
    re.IGNORECASE,
)
_RESULT = re.compile(
    r"kết quả|đã tổ chức|đã phối hợp|đã triển khai|qua \d+ năm|sau \d+ năm|thời gian qua"
    r"|giai đoạn vừa qua|trong năm|đạt|được \d",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"thời gian tới|sẽ|tiếp tục|trong giai đoạn|giai đoạn tới", re.IGNORECASE)
_DATE = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}|ngày \d", re.IGNORECASE)
_PROGRAM = re.compile(r"chương trình|quy chế|kế hoạch|thỏa thuận|thoả thuận", re.IGNORECASE)
_EVENT = re.compile(r"hội nghị|lễ ký|buổi lễ|tham dự|dự hội nghị|về dự|chứng kiến", re.IGNORECASE)
_LEAD_IN = re.compile(
    r"^(?:theo đó|cụ thể|trong đó|đồng thời|ngoài ra|bên cạnh đó|cùng với đó|qua đó|từ đó)"
    r"(?:\s*,\s*|\s*$)",
    re.IGNORECASE,
)
_STRIP = " .;,…:-–—\"“”'"
_MIN_WORDS = 3
_MAX_WORDS = 80
_CONTEXT_CHARS = 400


@dataclass
class Candidate:
    text: str
    kind: str  # sentence, semicolon, colon, bullet, number, comma
    paragraph: int
    sentence: int  # index of the sentence in the body
    piece: int  # index of the piece in its sentence
    before: str  # the sentence's text before this piece
    previous_sentence: str
    item: str  # the piece as an item: enumerator and lead-in words removed


def clean_item(text: str) -> str:
    text = _BULLET.sub("", text.strip())
    text = _LEAD_IN.sub("", text.strip(_STRIP))
    text = re.sub(r"^(?:và|cùng với|cùng)\s+", "", text.strip(_STRIP), flags=re.IGNORECASE)
    return re.sub(r"\.{3}$|…$", "", text).strip(_STRIP)


def _comma_pieces(text: str) -> list[tuple[str, str]]:
    parts = _VERB_AFTER_COMMA.split(text)
    if len(parts) == 1:
        return [(text, "")]
    # "thăm, tặng quà …" is one item: a part of one or two words joins the next one.
    merged: list[str] = []
    carry = ""
    for part in parts:
        part = f"{carry}, {part}" if carry else part
        if len(part.split()) < _MIN_WORDS:
            carry = part
            continue
        carry = ""
        merged.append(part)
    if carry:
        merged = [*merged[:-1], f"{merged[-1]}, {carry}"] if merged else [carry]
    return [(part, "comma" if i else "") for i, part in enumerate(merged) if part.strip()]


def _sentence_pieces(sentence: str) -> list[tuple[str, str]]:
    """(piece, kind) for one sentence; the first piece has kind ''."""
    if len(_INLINE_NUMBER.findall(sentence)) >= 2:
        parts = _INLINE_NUMBER.split(sentence)
        return [(p, "number" if i else "") for i, p in enumerate(parts) if p.strip()]
    pieces: list[tuple[str, str]] = []
    head, colon, tail = sentence.partition(":")
    chunks = [(head, "")]
    if colon and tail.strip() and len(head.split()) <= 40:
        chunks.append((tail, "colon"))
    elif colon:
        chunks = [(sentence, "")]
    for chunk, kind in chunks:
        for j, part in enumerate(chunk.split(";")):
            if not part.strip():
                continue
            part_kind = "semicolon" if j else kind
            for k, (piece, piece_kind) in enumerate(_comma_pieces(part)):
                pieces.append((piece, piece_kind if k else part_kind))
    return pieces


def candidates(body: list[str]) -> list[Candidate]:
    out: list[Candidate] = []
    sentence_index = 0
    previous = ""
    for p_index, paragraph in enumerate(body):
        bullet = bool(_BULLET.match(paragraph))
        for sentence in sentences(paragraph):
            offset = 0
            for piece_index, (piece, kind) in enumerate(_sentence_pieces(sentence)):
                at = sentence.find(piece, offset)
                offset = at + len(piece) if at >= 0 else offset
                item = clean_item(piece)
                if not item:
                    continue
                if not kind:
                    kind = "bullet" if bullet and piece_index == 0 else "sentence"
                out.append(
                    Candidate(
                        text=piece.strip(),
                        kind=kind,
                        paragraph=p_index,
                        sentence=sentence_index,
                        piece=piece_index,
                        # Only the nearest words: a sentence thousands of words long (text
                        # without full stops) must not make the features quadratic.
                        before=sentence[max(0, at - _CONTEXT_CHARS) : max(at, 0)],
                        previous_sentence=previous[-_CONTEXT_CHARS:],
                        item=item,
                    )
                )
            previous = sentence
            sentence_index += 1
    return out


def _opening_verb(item: str) -> str:
    keys = [word_key(w) for w in re.findall(r"\w+", item[:80])]
    while keys and keys[0] in _MODIFIERS:
        keys = keys[1:]
    for size in (2, 1):
        if tuple(keys[:size]) in _VERB_KEYS:
            return " ".join(keys[:size])
    return ""


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return str(edge)
    return "more"


def _own(c: Candidate, kind: str) -> dict[str, float]:
    words = c.item.split()
    keys = [word_key(w.strip(_STRIP)) for w in words[:3]]
    verb = _opening_verb(c.item)
    f: dict[str, float] = {
        "bias": 1.0,
        f"kind={c.kind}": 1.0,
        f"event={kind}": 1.0,
        f"len={_bucket(len(words), (3, 6, 10, 16, 25, 40))}": 1.0,
        f"sent={_bucket(c.sentence, (0, 1, 2, 4, 7, 12))}": 1.0,
        f"piece={_bucket(c.piece, (0, 1, 3))}": 1.0,
    }
    # Only the first word is lexical: word pairs and the verb's identity overfit (dev split).
    if keys:
        f[f"w1={keys[0]}"] = 1.0
    if verb:
        f["verb"] = 1.0
        f[f"verb&kind={c.kind}"] = 1.0
    if len(words) < _MIN_WORDS:
        f["short"] = 1.0
    if len(words) > _MAX_WORDS:
        f["long"] = 1.0
    for name, pattern, text in (
        ("cue_before", _CUE, c.before),
        ("cue_prev", _CUE, c.previous_sentence),
        ("cue_self", _CUE, c.text),
        ("speech", _SPEECH, c.text),
        ("speech_before", _SPEECH, c.before),
        ("people", _PEOPLE, c.text),
        ("result", _RESULT, c.text),
        ("result_before", _RESULT, c.before),
        ("future", _FUTURE, c.text + " " + c.before),
        ("date", _DATE, c.text),
        ("program", _PROGRAM, c.text),
        ("event", _EVENT, c.text + " " + c.before),
    ):
        if pattern.search(text):
            f[name] = 1.0
    if c.before.rstrip().endswith(":") or c.previous_sentence.rstrip().endswith(":"):
        f["after_colon"] = 1.0
    if any(ch.isdigit() for ch in c.item):
        f["digit"] = 1.0
    if c.item[:1].isupper():
        f["capital"] = 1.0
    if c.text.rstrip().endswith(":"):
        f["ends_colon"] = 1.0
    return f


def features(cands: list[Candidate], kind: str) -> list[dict[str, float]]:
    """One feature dict per candidate, with a few of its neighbours' features."""
    own = [_own(c, kind) for c in cands]
    out: list[dict[str, float]] = []
    for i, f in enumerate(own):
        merged = dict(f)
        for offset in (-1, 1):
            j = i + offset
            if 0 <= j < len(own):
                for name in ("verb", "cue_self", "after_colon", "speech", "people", "short"):
                    if name in own[j]:
                        merged[f"{offset}:{name}"] = 1.0
                merged[f"{offset}:kind={cands[j].kind}"] = 1.0
                if cands[j].sentence == cands[i].sentence:
                    merged[f"{offset}:same_sentence"] = 1.0
            else:
                merged[f"{offset}:edge"] = 1.0
        out.append(merged)
    return out
