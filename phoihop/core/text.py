"""Vietnamese text helpers: NFC normalisation, accent folding for search, alphabetical sort keys.

Search works the same on SQLite and PostgreSQL because we never rely on the database's
``unaccent`` or collation: services store a folded ``search_text`` column and queries fold the
user's input with the same function.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "nfc", "search_tokens", "vi_sort_key", "vi_sorted"]

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w]+")


def nfc(text: str | None) -> str:
    """Return ``text`` in Unicode NFC with outer whitespace stripped and inner runs collapsed."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str | None) -> str:
    """Accent- and case-insensitive key: "LĐLĐ tỉnh Tiền Giang" → "ldld tinh tien giang".

    ``đ``/``Đ`` have no Unicode decomposition, so they are mapped explicitly. Punctuation becomes a
    space so that ``"Hội LHPN (tỉnh)"`` and ``"hoi lhpn tinh"`` fold alike.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D").lower()
    return _SPACES.sub(" ", _NON_WORD.sub(" ", stripped).replace("_", " ")).strip()


def search_tokens(query: str | None) -> list[str]:
    """Split a user's query into folded tokens; every token must match (AND semantics)."""
    return [token for token in fold(query).split(" ") if token]


# Vietnamese alphabet order (CLDR ``vi``): the modified letters are letters of their own; the
# letters Vietnamese does not use (f, j, w, z) keep their Latin places, for foreign names.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Tone marks, secondary level: none < huyền < hỏi < ngã < sắc < nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a new base letter rather than a tone.
_LETTER_MARKS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
_PRIMARY: dict[str, str] = {}
for _i, _ch in enumerate(_ALPHABET):
    _PRIMARY[_ch] = f"{_i + 20:02d}"
for _i, _ch in enumerate("0123456789"):
    _PRIMARY[_ch] = f"{_i + 10:02d}"


def _letters(text: str) -> list[tuple[str, int, bool]]:
    """Split text into (lower-case base letter, tone, was upper-case) triples."""
    result: list[tuple[str, int, bool]] = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char.lower())
        base, marks = parts[0], parts[1:]
        tone = 0
        for mark in marks:
            if (base, mark) in _LETTER_MARKS:
                base = _LETTER_MARKS[(base, mark)]
            elif mark in _TONES:
                tone = _TONES[mark]
        result.append((base, tone, char != char.lower()))
    return result


def vi_sort_key(text: str | None) -> str:
    """A string of digits whose plain ordering is Vietnamese alphabetical order.

    Digits only, so the order is the same under any database collation (SQLite's binary one,
    PostgreSQL's ``en_US.UTF-8`` or ``C``). Primary level: letters (``a < ă < â < b … d < đ``),
    words separated by ``01``; secondary level: tones (none < huyền < hỏi < ngã < sắc < nặng);
    tertiary level: case, lower before upper (CLDR).
    """
    primary: list[str] = []
    tones: list[str] = []
    cases: list[str] = []
    for base, tone, upper in _letters(nfc(text)):
        code = _PRIMARY.get(base)
        if code is None:
            if primary and primary[-1] != "01":
                primary.append("01")  # spaces and punctuation separate words
            continue
        primary.append(code)
        tones.append(str(tone))
        cases.append("1" if upper else "0")
    while primary and primary[-1] == "01":
        primary.pop()
    # "00" ends the primary level, so "Anh" sorts before "Anh Thư".
    return "".join(primary) + "00" + "".join(tones) + "0" + "".join(cases)


def vi_sorted(items, key=lambda item: item):  # type: ignore[no-untyped-def]
    """``sorted`` in Vietnamese alphabetical order, for short in-memory lists."""
    return sorted(items, key=lambda item: vi_sort_key(key(item)))
