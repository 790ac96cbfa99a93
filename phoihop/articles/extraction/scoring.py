"""Score extractions against hand-checked answers, field by field.

Matching is lenient where Vietnamese writing varies, the way the project's shared scorer does it:
names and numbers compare after NFC, case and whitespace folding; organizations after expanding
the usual abbreviations, by token overlap; content items by token overlap. Used by the tests and
by ``bench/extraction.py``; the shared scorer stays the reference for reported figures.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

__all__ = ["FIELDS", "same_item", "score_pairs"]

FIELDS = (
    "event_kind",
    "event_date",
    "publication_date",
    "phase",
    "previous_phase",
    "parties",
    "signatories",
    "attendees",
    "content_areas",
    "legal_references",
    "locations",
)
_ABBREVIATIONS = {
    "lđlđ": "liên đoàn lao động",
    "ldld": "liên đoàn lao động",
    "lhpn": "liên hiệp phụ nữ",
    "hlhpn": "hội liên hiệp phụ nữ",
    "cđ": "công đoàn",
    "cđcs": "công đoàn cơ sở",
    "ubnd": "ủy ban nhân dân",
    "hđnd": "hội đồng nhân dân",
    "ubmttq": "ủy ban mặt trận tổ quốc",
    "mttq": "mặt trận tổ quốc",
    "cnvclđ": "công nhân viên chức lao động",
    "nlđ": "người lao động",
    "tw": "trung ương",
    "tp": "thành phố",
    "tncs": "thanh niên cộng sản",
    "btv": "ban thường vụ",
    "bch": "ban chấp hành",
}
_STOP = {"và", "của", "các", "những", "với", "trong", "cho", "về", "the", "đồng", "chí"}
_TONES = (("òa", "oà"), ("óa", "oá"), ("ỏa", "oả"), ("õa", "oã"), ("ọa", "oạ"), ("òe", "oè"))
_TONES += (("óe", "oé"), ("ùy", "uỳ"), ("úy", "uý"), ("ủy", "uỷ"), ("ũy", "uỹ"), ("ụy", "uỵ"))


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFC", text or "").casefold()
    for new, old in _TONES:
        text = text.replace(new, old)
    return re.sub(r"\s+", " ", text).strip(" .,;:–-")


def _tokens(text: str | None, *, expand: bool = False) -> set[str]:
    out: list[str] = []
    for word in re.findall(r"[\wđ.]+", _norm(text)):
        word = word.strip(".")
        if expand and word in _ABBREVIATIONS:
            out.extend(_norm(_ABBREVIATIONS[word]).split())
        elif word:
            out.append(word)
    return {word for word in out if word not in _STOP}


def _overlap(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    if min(len(a), len(b)) >= 2:
        return len(a & b) / min(len(a), len(b))
    return len(a & b) / max(len(a), len(b))


def _same_org(gold: str, pred: str) -> bool:
    a, b = _tokens(gold, expand=True), _tokens(pred, expand=True)
    jaccard = len(a & b) / max(len(a | b), 1)
    return jaccard >= 0.6 or ((a <= b or b <= a) and len(a & b) >= 3)


def _same_person(gold: dict, pred: dict) -> bool:
    return _norm((gold or {}).get("name")) == _norm((pred or {}).get("name")) != ""


def same_item(gold: str, pred: str) -> bool:
    """Whether a predicted content item counts as the gold one (the shared scorer's rule)."""
    a, b = _tokens(gold), _tokens(pred)
    return _overlap(a, b) >= 0.6 and len(a & b) / max(len(a), 1) >= 0.5


def item_cover(gold: str, pred: str) -> float:
    """The share of the gold item's words that the predicted one holds."""
    a, b = _tokens(gold), _tokens(pred)
    return len(a & b) / max(len(a), 1)


def _doc_number(ref: dict) -> str:
    number = re.sub(r"^(số|so)\s*", "", _norm((ref or {}).get("number")))
    return re.sub(r"\s+", "", number)


def _same_ref(gold: dict, pred: dict) -> bool:
    return _doc_number(gold) != "" and _doc_number(gold) == _doc_number(pred)


def _same_location(gold: str, pred: str) -> bool:
    return _overlap(_tokens(gold, expand=True), _tokens(pred, expand=True)) >= 0.6


_SET_FIELDS: dict[str, Callable[[object, object], bool]] = {
    "parties": _same_org,  # type: ignore[dict-item]
    "signatories": _same_person,  # type: ignore[dict-item]
    "attendees": _same_person,  # type: ignore[dict-item]
    "content_areas": same_item,  # type: ignore[dict-item]
    "legal_references": _same_ref,  # type: ignore[dict-item]
    "locations": _same_location,  # type: ignore[dict-item]
}


def _match_sets(gold: list, pred: list, same: Callable[[object, object], bool]) -> tuple[int, ...]:
    used: set[int] = set()
    hits = 0
    for wanted in gold:
        for index, got in enumerate(pred):
            if index not in used and same(wanted, got):
                used.add(index)
                hits += 1
                break
    return hits, len(pred), len(gold)


def _scalar(gold: object, pred: object) -> tuple[int, int, int]:
    if isinstance(gold, dict) or isinstance(pred, dict):
        gold = (gold.get("start"), gold.get("end")) if isinstance(gold, dict) and gold else None
        pred = (pred.get("start"), pred.get("end")) if isinstance(pred, dict) and pred else None
    if gold is None and pred is None:
        return 0, 0, 0
    if gold is None:
        return 0, 1, 0
    if pred is None:
        return 0, 0, 1
    return (1, 1, 1) if gold == pred else (0, 1, 1)


def _counts(field: str, gold: object, pred: object) -> tuple[int, ...]:
    if field == "event_kind":
        return (1, 1, 1) if gold == pred else (0, 1, 1)
    if field in _SET_FIELDS:
        return _match_sets(gold or [], pred or [], _SET_FIELDS[field])  # type: ignore[arg-type]
    return _scalar(gold, pred)


def score_pairs(pairs: Iterable[tuple[dict, dict]]) -> dict[str, dict[str, float]]:
    """Per-field precision, recall, F1 over (gold, prediction) pairs, plus ``macro_f1``."""
    totals = {field: [0, 0, 0] for field in FIELDS}
    for gold, pred in pairs:
        for field in FIELDS:
            for index, value in enumerate(_counts(field, gold.get(field), pred.get(field))):
                totals[field][index] += value
    result: dict[str, dict[str, float]] = {}
    for field, (hits, predicted, wanted) in totals.items():
        precision = hits / predicted if predicted else 1.0
        recall = hits / wanted if wanted else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[field] = {"precision": precision, "recall": recall, "f1": f1}
    macro = sum(result[field]["f1"] for field in FIELDS) / len(FIELDS)
    result["macro_f1"] = {"precision": macro, "recall": macro, "f1": macro}
    return result
