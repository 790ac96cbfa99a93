"""Detect and convert the legacy Vietnamese encodings TCVN3 (ABC) and VNI-Windows.

Old documents typed with ``.VnTime`` (TCVN3) or ``VNI-Times`` fonts reach us as text decoded with
cp1252/latin-1: ``Uû ban nh©n d©n`` is TCVN3 for ``Uỷ ban nhân dân``, ``Vieät Nam`` is VNI for
``Việt Nam``. TCVN3 gives each toned vowel one byte; VNI writes a base letter followed by one
mark byte. The tables below are written out by hand from the two encodings' code charts.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["decode_bytes", "detect_legacy_encoding", "to_unicode"]

# TCVN3 (TCVN 5712:1993, VN3): one byte per letter. The font has no upper-case toned vowels.
_TCVN3_ROWS = {
    "a": ("µ¶·¸¹", "àảãáạ"),
    "ă": ("»¼½¾Æ", "ằẳẵắặ"),
    "â": ("ÇÈÉÊË", "ầẩẫấậ"),
    "e": ("ÌÎÏÐÑ", "èẻẽéẹ"),
    "ê": ("ÒÓÔÕÖ", "ềểễếệ"),
    "i": ("×ØÜÝÞ", "ìỉĩíị"),
    "o": ("ßáâãä", "òỏõóọ"),
    "ô": ("åæçèé", "ồổỗốộ"),
    "ơ": ("êëìíî", "ờởỡớợ"),
    "u": ("ïñòóô", "ùủũúụ"),
    "ư": ("õö÷øù", "ừửữứự"),
    "y": ("úûüýþ", "ỳỷỹýỵ"),
}
_TCVN3_LETTERS = {
    "¡": "Ă",
    "¢": "Â",
    "£": "Ê",
    "¤": "Ô",
    "¥": "Ơ",
    "¦": "Ư",
    "§": "Đ",
    "¨": "ă",
    "©": "â",
    "ª": "ê",
    "«": "ô",
    "¬": "ơ",
    "\u00ad": "ư",  # soft hyphen byte 0xAD
    "®": "đ",
}
TCVN3_TABLE: dict[str, str] = dict(_TCVN3_LETTERS)
for _legacy, _unicode in _TCVN3_ROWS.values():
    TCVN3_TABLE.update(zip(_legacy, _unicode, strict=True))

# Bytes that only TCVN3 uses among the two encodings (VNI never writes them).
_TCVN3_ONLY = set("¡¢£¤¥¦§¨©ª«¬\u00ad®µ¶·¸¹»¼½¾ÇÌÐ×Ýß÷ýþ")

# VNI-Windows: a base letter followed by a mark byte (or a replaced letter for ơ ư đ and some i/y).
_TONES_LOWER = "øùûõï"  # huyền, sắc, hỏi, ngã, nặng
_TONES_UPPER = "ØÙÛÕÏ"
_CIRCUMFLEX_LOWER = ("â", "àáåãä")
_CIRCUMFLEX_UPPER = ("Â", "ÀÁÅÃÄ")
_BREVE_LOWER = ("ê", "èéúüë")
_BREVE_UPPER = ("Ê", "ÈÉÚÜË")
_TONE_ORDER = "\u0300\u0301\u0309\u0303\u0323"  # same order as the mark strings above


def _compose(base: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


def _vni_pairs(upper: bool) -> dict[str, str]:
    tones = _TONES_UPPER if upper else _TONES_LOWER
    circumflex = _CIRCUMFLEX_UPPER if upper else _CIRCUMFLEX_LOWER
    breve = _BREVE_UPPER if upper else _BREVE_LOWER
    case = str.upper if upper else str.lower
    pairs: dict[str, str] = {}
    for base in "aeouy":
        letter = case(base)
        for mark, tone in zip(tones, _TONE_ORDER, strict=True):
            pairs[letter + mark] = _compose(letter, tone)
    for base in "aeo":
        letter = case(base)
        pairs[letter + circumflex[0]] = _compose(letter, "\u0302")
        for mark, tone in zip(circumflex[1], _TONE_ORDER, strict=True):
            pairs[letter + mark] = _compose(letter, "\u0302", tone)
    letter_a = case("a")
    pairs[letter_a + breve[0]] = _compose(letter_a, "\u0306")
    for mark, tone in zip(breve[1], _TONE_ORDER, strict=True):
        pairs[letter_a + mark] = _compose(letter_a, "\u0306", tone)
    horn_o, horn_u = ("Ô", "Ö") if upper else ("ô", "ö")
    for legacy, base in ((horn_o, "o"), (horn_u, "u")):
        pairs[legacy] = _compose(case(base), "\u031b")
        for mark, tone in zip(tones, _TONE_ORDER, strict=True):
            pairs[legacy + mark] = _compose(case(base), "\u031b", tone)
    singles = ("ÆÓÒÎÑ", "ỈĨỊỴĐ") if upper else ("æóòîñ", "ỉĩịỵđ")
    pairs.update(zip(singles[0], singles[1], strict=True))
    return pairs


VNI_TABLE: dict[str, str] = {**_vni_pairs(upper=False), **_vni_pairs(upper=True)}
_VNI_PATTERN = re.compile("|".join(sorted(map(re.escape, VNI_TABLE), key=len, reverse=True)))
_VNI_SIGNATURE = re.compile(
    r"[aeouyAEOUY][øùûõïâàáåãäêèéúüëØÙÛÕÏÂÀÁÅÃÄÊÈÉÚÜË]|[ôöÔÖ][øùûõïØÙÛÕÏ]|[ñÑ]"
)
_TCVN3_PATTERN = re.compile("[" + re.escape("".join(TCVN3_TABLE)) + "]")
# Letters that exist only in Unicode Vietnamese (beyond latin-1): proof the text is already fine.
_UNICODE_VIETNAMESE = re.compile("[\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")
_WORD = re.compile(r"\w+")
_MIN_SIGNS = 2
_MIN_SHARE = 0.05


def detect_legacy_encoding(text: str) -> str | None:
    """Return ``"tcvn3"`` or ``"vni"`` when ``text`` is legacy-encoded, else ``None``."""
    words = len(_WORD.findall(text)) or 1
    if len(_UNICODE_VIETNAMESE.findall(text)) > 0.02 * words:
        return None
    tcvn3 = sum(1 for char in text if char in _TCVN3_ONLY)
    vni = len(_VNI_SIGNATURE.findall(text))
    threshold = max(_MIN_SIGNS, _MIN_SHARE * words)
    if tcvn3 >= threshold and tcvn3 >= vni:
        return "tcvn3"
    if vni >= threshold:
        return "vni"
    return None


_TCVN3_LOWER_VOWELS = frozenset(v for v in TCVN3_TABLE.values() if v.islower())
_LINE_WORDS = re.compile(r"\w+|\W+")


def _shouty(word: str) -> bool:
    """Capitals except for vowels TCVN3 could only give in lower case: "HéI" → "HộI"."""
    letters = [char for char in word if char.isalpha()]
    upper = sum(char.isupper() for char in letters)
    rest_convertible = all(char.isupper() or char in _TCVN3_LOWER_VOWELS for char in letters)
    return bool(letters) and upper >= 1 and rest_convertible


def _restore_capitals(text: str) -> str:
    """TCVN3 has no capital toned vowels; inside a run of capitalised words, capitalise them."""
    parts = _LINE_WORDS.findall(text)
    words = [i for i, part in enumerate(parts) if part[0].isalnum() or part[0] == "_"]
    shout = {i: _shouty(parts[i]) and any(c.isupper() for c in parts[i]) for i in words}
    for position, index in enumerate(words):
        if not shout[index] or parts[index].isupper():
            continue
        neighbours = words[max(0, position - 1) : position] + words[position + 1 : position + 2]
        if any(shout[n] and sum(c.isupper() for c in parts[n]) >= 2 for n in neighbours):
            parts[index] = parts[index].upper()
    return "".join(parts)


def to_unicode(text: str) -> str:
    """Convert TCVN3 or VNI text to Unicode NFC; Unicode text is returned NFC-normalised."""
    encoding = detect_legacy_encoding(text)
    if encoding == "tcvn3":
        converted = _TCVN3_PATTERN.sub(lambda m: TCVN3_TABLE[m.group()], text)
        return unicodedata.normalize("NFC", _restore_capitals(converted))
    if encoding == "vni":
        converted = _VNI_PATTERN.sub(lambda m: VNI_TABLE[m.group()], text)
        return unicodedata.normalize("NFC", converted)
    return unicodedata.normalize("NFC", text)


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes: UTF-8 (with or without BOM) first, then cp1252 for legacy files."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")
