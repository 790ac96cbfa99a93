"""Small text helpers shared by the extraction modules: tokens, sentences, word keys."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "LOWER",
    "UPPER",
    "Token",
    "Tokens",
    "clauses",
    "is_capitalized",
    "sentences",
    "tokenize",
    "word_key",
]

UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"

_TOKEN = re.compile(r"\w+(?:[./'’]\w+)*|[^\w\s]")
# Old-style tone placement at the end of a syllable ("hoà", "thuỷ") → new style ("hòa", "thủy").
_OLD_TONES = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_OLD_TONE_END = re.compile("(" + "|".join(_OLD_TONES) + r")$")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    key: str  # lower-cased, new-style tones: compare words with this


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    lowered = word.lower()
    return _OLD_TONE_END.sub(lambda m: _OLD_TONES[m.group()], lowered)


class Tokens(list[Token]):
    """Tokens plus their keys as a tuple, so phrase matching compares tuple slices."""

    def __init__(self, tokens: list[Token]) -> None:
        super().__init__(tokens)
        self.keys = tuple(token.key for token in tokens)


def tokenize(text: str) -> Tokens:
    return Tokens(
        [Token(m.group(), m.start(), m.end(), word_key(m.group())) for m in _TOKEN.finditer(text)]
    )


def is_capitalized(word: str) -> bool:
    return bool(word) and word[0].isupper()


# A full stop ends a sentence unless it follows an abbreviation such as "TP." or "ThS.".
_ABBREVIATIONS = {"tp", "ths", "ts", "pgs", "gs", "bs", "th", "đ", "st", "tt", "q", "p", "x", "h"}
_SENTENCE_END = re.compile(r"(?<=[.!?…])[”\"')]?\s+(?=[\"“(]?[" + UPPER + r"0-9])")


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, keeping "TP. Huế" and "ThS. Lê Văn A" whole."""
    result: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        before = paragraph[start : match.start()].rstrip(".!?…”\"')")
        last_word = before.rsplit(None, 1)[-1].lstrip("([“\"'") if before.split() else ""
        if last_word.lower() in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isupper()):
            continue
        result.append(paragraph[start : match.start()].strip())
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        result.append(tail)
    return result


def clauses(sentence: str) -> list[str]:
    """Split a sentence at semicolons that open a new capitalised clause."""
    parts = re.split(r";\s+(?=[" + UPPER + r"])", sentence)
    return [part.strip() for part in parts if part.strip()]
