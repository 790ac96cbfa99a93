"""Organization names in all their forms.

A mention is a head ("Liên đoàn Lao động", "LĐLĐ", "Hội LHPN", "Công đoàn"…) optionally followed
by an abbreviation in brackets, a qualifier ("ngành Công Thương", "Giáo dục") and a locality
("tỉnh Tiền Giang", "quận"). Writers share localities across a coordination ("LĐLĐ và Hội LHPN
quận Thanh Xuân") and drop them once the reader knows them ("LĐLĐ tỉnh"); :func:`resolve_mentions`
fills them back in from the coordination and then from the rest of the article.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property

from phoihop.articles.extraction.textutil import Tokens, is_capitalized, tokenize
from phoihop.articles.extraction.vocab import (
    IMPLIED_LEVEL,
    LEVELS,
    MIDDLE_NAMES,
    NAME_COMPOUNDS,
    NOT_PARTIES,
    NOT_PERSONS,
    ORG_HEADS,
    ORG_KEEP_PREFIXES,
    ORG_PREFIXES,
    SURNAMES,
)
from phoihop.core.text import fold

__all__ = [
    "NOT_PARTIES",
    "Context",
    "OrgMention",
    "article_context",
    "distributed_mentions",
    "find_mentions",
    "locality_names",
    "resolve_mentions",
]


@dataclass(frozen=True)
class OrgMention:
    start: int
    end: int
    key: str  # canonical head: "ldld", "lhpn", "cd"…
    text: str  # as written, bracketed abbreviations removed
    level: str | None  # canonical: "tỉnh", "quận"…
    name: str | None  # locality or qualifier as written: "Tiền Giang", "ngành Công Thương Hà Nội"
    plural: bool = False

    @property
    def identity(self) -> tuple[str, str, str]:
        return (self.key, self.level or "", fold(self.name))


def _phrase_keys(phrase: str) -> tuple[str, ...]:
    return tuple(token.key for token in tokenize(phrase))


_HEADS = sorted(
    ((_phrase_keys(text), key, needs) for text, key, needs in ORG_HEADS),
    key=lambda item: -len(item[0]),
)
_HEADS_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
for _head in _HEADS:
    _HEADS_BY_FIRST.setdefault(_head[0][0], []).append(_head)
_PREFIXES = sorted((_phrase_keys(p) for p in ORG_PREFIXES), key=len, reverse=True)
_PREFIX_FIRST = {keys[0] for keys in _PREFIXES}
_PREFIX_TEXTS = sorted((p.lower() for p in ORG_PREFIXES), key=len, reverse=True)
_KEEP_PREFIXES = [_phrase_keys(p) for p in ORG_KEEP_PREFIXES]
_KEEP_FIRST = {keys[0] for keys in _KEEP_PREFIXES}
_LEVELS = sorted(((_phrase_keys(w), c) for w, c in LEVELS.items()), key=lambda x: -len(x[0]))
_LEVEL_FIRST = {keys[0] for keys, _ in _LEVELS}
_COMPOUNDS = sorted((tuple(c.split()) for c in NAME_COMPOUNDS), key=len, reverse=True)
_PLURAL = {"các", "những", "mọi"}
_JOINERS = {"-", "–"}
_QUALIFIERS = (("ngành",), ("cơ", "sở"), ("chi", "nhánh"), ("khối",), ("các",))
_MAX_NAME_TOKENS = 9
_ORG_WORDS = {t[0] for t, _k, _n in _HEADS} | {"hội", "ban", "phòng", "chi", "cơ"}
# Bodies of a larger organization, written right before it: "Cục Chính trị Quân khu 1".
_BODY_KEYS = {"bdv", "btg", "bnc", "vstbpn", "cuc", "chicuc", "phong", "office", "tongcuc"}
_BODY_KEYS |= {"committee", "bql", "army_unit", "btl", "du"}
_NUMBERED = {"army_unit", "qk", "bql"}
# Glued inside an abbreviation: "NN&PTNT", "VH,TT&DL".
_GLUE = {"&", ","}


def _match_seq(tokens: Tokens, pos: int, keys: tuple[str, ...]) -> bool:
    return tokens.keys[pos : pos + len(keys)] == keys


def _head_at(tokens: Tokens, pos: int) -> tuple[int, str, bool] | None:
    """(length, key, needs qualifier) of the organization head starting at ``pos``."""
    if pos >= len(tokens) or tokens[pos].key not in _HEADS_BY_FIRST:
        return None
    lower = not is_capitalized(tokens[pos].text)
    for keys, key, needs in _HEADS_BY_FIRST[tokens[pos].key]:
        if _match_seq(tokens, pos, keys):
            # Sentence case ("ủy ban MTTQ tỉnh") counts when a later word of the head is a
            # capital; "công an" or "hội nông dân" in running prose does not.
            inner = tokens[pos + 1 : pos + len(keys)]
            if lower and not any(t.text[:1].isupper() for t in inner):
                continue
            return len(keys), key, needs
    return None


def _level_at(tokens: Tokens, pos: int) -> tuple[int, str] | None:
    if pos >= len(tokens):
        return None
    if tokens[pos].key not in _LEVEL_FIRST:
        key = tokens[pos].key
        return (0, "thành phố") if key.startswith("tp.") and len(key) > 3 else None
    for keys, canonical in _LEVELS:
        if _match_seq(tokens, pos, keys):
            length = len(keys)
            if keys == ("tp",) and pos + 1 < len(tokens) and tokens[pos + 1].text == ".":
                length += 1
            return length, canonical
    if pos < len(tokens) and tokens[pos].key.startswith("tp.") and len(tokens[pos].key) > 3:
        return 0, "thành phố"  # "TP.HCM": the name is glued to the level
    return None


def _is_person_start(tokens: Tokens, pos: int) -> bool:
    if pos + 1 >= len(tokens) or tokens[pos].key not in SURNAMES:
        return False
    nxt = tokens[pos + 1]
    if not is_capitalized(nxt.text):
        return False
    three = " ".join(t.key for t in tokens[pos : pos + 3])
    if three in NOT_PERSONS:
        return False
    third_cap = pos + 2 < len(tokens) and is_capitalized(tokens[pos + 2].text)
    return nxt.key in MIDDLE_NAMES or third_cap


def _compound_length(tokens: Tokens, pos: int) -> int:
    """Lower-case words continuing the capital at ``pos``: “Giáo dục”, “Chính sách xã hội”."""
    for compound in _COMPOUNDS:
        if len(compound) > 1 and _match_seq(tokens, pos, compound):
            tail = tokens[pos + 1 : pos + len(compound)]
            if all(not is_capitalized(t.text) or t.key == "và" for t in tail):
                return len(compound) - 1
    return 0


def _read_name(tokens: Tokens, pos: int, *, compounds: bool) -> int:
    """Index after the capitalised name starting at ``pos`` (``pos`` itself if there is none)."""
    end = pos
    while end < len(tokens) and end - pos < _MAX_NAME_TOKENS:
        token = tokens[end]
        level = _level_at(tokens, end)
        if level and (not is_capitalized(token.text) or token.key.startswith("tp") or level[0] > 1):
            break  # "tỉnh", "TP.", "Thị xã" start a locality; "Xã hội" stays in the name
        if is_capitalized(token.text) and token.text[0].isalpha():
            if end > pos and (_head_at(tokens, end) or _is_person_start(tokens, end)):
                break
            if end == pos and _is_person_start(tokens, end):
                break
            if end == pos and level and _head_at(tokens, end):
                break  # "Ban Tuyên giáo Tỉnh ủy": the party committee follows, not a name
            end += 1 + (_compound_length(tokens, end) if compounds else 0)
            continue
        glued = token.text in _GLUE and end > pos and end + 1 < len(tokens)
        tight = glued and tokens[end - 1].end == token.start == tokens[end + 1].start - 1
        if (
            glued
            and (token.text == "&" or tight)
            and tokens[end - 1].text.isupper()
            and tokens[end + 1].text.isupper()
        ):
            end += 1
            continue
        joined = token.text in _JOINERS or token.key == "và"
        # "Ban Tuyên giáo và Dân vận": "và" may also open the name of a body.
        opening = compounds and end == pos and token.key == "và" and end + 1 < len(tokens)
        if joined and (end > pos or opening) and end + 1 < len(tokens):
            nxt = tokens[end + 1]
            # "Tỉnh Đoàn Hòa Bình và Hội cựu TNXP": a word that starts organizations does not
            # continue this name after "và".
            starts_org = token.key == "và" and nxt.key in _ORG_WORDS
            if is_capitalized(nxt.text) and not _head_at(tokens, end + 1) and not starts_org:
                end += 1
                continue
        break
    return end


def _skip_abbreviation(tokens: Tokens, pos: int) -> int:
    """Skip "(LĐLĐ)" or "(Agribank)" after a head."""
    if pos < len(tokens) and tokens[pos].text == "(":
        for close in range(pos + 1, min(pos + 5, len(tokens))):
            if tokens[close].text == ")":
                inner = [t.text for t in tokens[pos + 1 : close]]
                short_name = len(inner) == 1 and is_capitalized(inner[0])
                if inner and (short_name or all(t.isupper() or not t.isalpha() for t in inner)):
                    return close + 1
                break
    return pos


def _strip_prefix(tokens: Tokens, pos: int) -> int:
    if tokens[pos].key not in _PREFIX_FIRST:
        return pos
    for keys in _PREFIXES:
        if _match_seq(tokens, pos, keys) and is_capitalized(tokens[pos].text):
            after = pos + len(keys)
            if _head_at(tokens, after) or any(_match_seq(tokens, after, k) for k in _KEEP_PREFIXES):
                return after
    return pos


def _display(text: str, tokens: Tokens, start: int, end: int) -> str:
    """The mention as written, "(LĐLĐ)" included: it names the party in both its forms."""
    return " ".join(text[tokens[start].start : tokens[end - 1].end].split())


def _coordinated(tokens: Tokens, pos: int) -> bool:
    """ "UBND và Ủy ban MTTQ tỉnh", "Thường trực HĐND, Lãnh đạo UBND, Ban Thường trực Ủy ban
    MTTQ huyện": a bare head takes its locality from the one after "và" or a comma."""
    if pos + 1 >= len(tokens) or tokens[pos].key not in {"và", "với", ","}:
        return False
    after = _strip_prefix(tokens, pos + 1)
    return _head_at(tokens, after) is not None


def _mention_at(text: str, tokens: Tokens, pos: int) -> tuple[OrgMention, int] | None:
    start = _strip_prefix(tokens, pos)
    head_start = start
    if start < len(tokens) and tokens[start].key in _KEEP_FIRST:
        for keys in _KEEP_PREFIXES:
            if _match_seq(tokens, start, keys) and _head_at(tokens, start + len(keys)):
                start += len(keys)
                break
    head = _head_at(tokens, start)
    if head is None:
        return None
    length, key, needs = head
    cursor = _skip_abbreviation(tokens, start + length)
    name_start = cursor
    plural_after = _match_seq(tokens, cursor, ("các", "cấp"))  # "Hội LHPN các cấp"
    for qualifier in _QUALIFIERS:
        after = cursor + len(qualifier)
        if _match_seq(tokens, cursor, qualifier) and not plural_after:
            if qualifier != ("các",) or (
                after < len(tokens) and is_capitalized(tokens[after].text)
            ):
                cursor = after
            break
    if key in _NUMBERED and cursor < len(tokens) and tokens[cursor].text.isdigit():
        cursor += 1
    cursor = _read_name(tokens, cursor, compounds=True)
    level_name = None
    # "Ban Tuyên giáo Tỉnh ủy": "Tỉnh" there opens the party committee, not a locality.
    level = None if _head_at(tokens, cursor) else _level_at(tokens, cursor)
    canonical_level = IMPLIED_LEVEL.get(key)
    if level:
        level_start = cursor + level[0]
        canonical_level = level[1]
        level_end = _read_name(tokens, level_start, compounds=False)
        if level[0] == 0:  # "TP.Hà Nội": the name starts glued to the level and may go on
            level_end = max(_read_name(tokens, cursor + 1, compounds=False), cursor + 1)
        if level_end > level_start or level[0] == 0:
            level_end = max(level_end, cursor + 1)
            level_name = text[
                tokens[level_start if level[0] else cursor].start : tokens[level_end - 1].end
            ]
        cursor = max(level_end, level_start)
    qualifier_text = (
        text[tokens[name_start].start : tokens[cursor - 1].end] if cursor > name_start else None
    )
    followed = _head_at(tokens, cursor) is not None  # merged with it by find_mentions
    if needs and qualifier_text is None and not _coordinated(tokens, cursor) and not followed:
        return None
    plural = head_start > 0 and tokens[head_start - 1].key in _PLURAL
    plural = plural or plural_after
    display = _display(text, tokens, head_start if head_start < start else start, cursor)
    name = level_name if level else qualifier_text
    mention = OrgMention(
        start=tokens[head_start if head_start < start else start].start,
        end=tokens[cursor - 1].end,
        key=key,
        text=display,
        level=canonical_level,
        name=name,
        plural=plural,
    )
    return mention, cursor


def _merge(first: OrgMention, second: OrgMention, text: str) -> OrgMention:
    """ "Cục Chính trị Quân khu 1", "Ban Tuyên giáo Thành ủy Đà Nẵng": a body and the
    organization it belongs to, written one after the other, are one mention."""
    return replace(
        first,
        end=second.end,
        text=" ".join(text[first.start : second.end].split()),
        level=second.level or first.level,
        name=second.name or first.name,
        plural=first.plural or second.plural,
    )


def find_mentions(text: str, tokens: Tokens | None = None) -> list[OrgMention]:
    """Organization mentions in ``text``, in order, not yet resolved."""
    tokens = tokens if tokens is not None else tokenize(text)
    found: list[OrgMention] = []
    pos = 0
    while pos < len(tokens):
        result = _mention_at(text, tokens, pos)
        if result is None:
            pos += 1
            continue
        mention, pos = result
        previous = found[-1] if found else None
        if (
            previous is not None
            and previous.key in _BODY_KEYS
            and previous.level is None
            and not text[previous.end : mention.start].strip()
        ):
            found[-1] = _merge(found[-1], mention, text)
            continue
        found.append(mention)
    return found


def locality_names(text: str, tokens: Tokens | None = None) -> dict[str, Counter[str]]:
    """How often each named locality of each level occurs ("tỉnh" → {"Lào Cai": 5})."""
    tokens = tokens if tokens is not None else tokenize(text)
    names: dict[str, Counter[str]] = {}
    for pos in range(len(tokens)):
        level = _level_at(tokens, pos)
        if not level or level[0] == 0 or _head_at(tokens, pos):
            continue  # "Tỉnh đoàn", "Thành ủy" are organizations, not "tỉnh Đoàn"
        start = pos + level[0]
        end = _read_name(tokens, start, compounds=False)
        if end > start:
            name = text[tokens[start].start : tokens[end - 1].end]
            names.setdefault(level[1], Counter())[name] += 1
    return names


def _with_locality(mention: OrgMention, level: str | None, name: str) -> OrgMention:
    text = mention.text
    if level and mention.level is None:
        text = f"{text} {level}"
    return replace(mention, text=f"{text} {name}", level=level or mention.level, name=name)


def _share_coordination(mentions: list[OrgMention], text: str) -> list[OrgMention]:
    """In “LĐLĐ và Hội LHPN quận Thanh Xuân” the first party takes the last one's locality."""
    result = list(mentions)
    for index in range(len(result) - 2, -1, -1):
        first, second = result[index], result[index + 1]
        gap = text[first.end : second.start].strip().lower()
        for prefix in _PREFIX_TEXTS:  # ", Ban Thường trực Ủy ban MTTQ huyện": the prefix is no gap
            if gap.endswith(prefix):
                gap = gap[: -len(prefix)].strip()
                break
        if gap not in {"và", ",", "với", "cùng", "cùng với", "phối hợp với", "và các"}:
            continue
        if first.name is not None or second.level is None:
            continue
        if second.name and first.level in (None, second.level):
            result[index] = _with_locality(first, second.level, second.name)
        elif first.level is None:
            result[index] = replace(first, text=f"{first.text} {second.level}", level=second.level)
    return result


class Context:
    """What the whole article says about localities; worked out only when a mention needs it."""

    def __init__(self, text: str, title: str = "") -> None:
        self.text = text
        self.title = title

    @cached_property
    def _tokens(self) -> Tokens:
        return tokenize(self.text)

    @cached_property
    def names(self) -> dict[str, Counter[str]]:
        return locality_names(self.text, self._tokens)

    @cached_property
    def title_names(self) -> dict[str, Counter[str]]:
        return locality_names(self.title)

    @cached_property
    def by_key(self) -> dict[str, OrgMention]:
        """The first fully named mention of each kind of organization."""
        found: dict[str, OrgMention] = {}
        for mention in find_mentions(self.text, self._tokens):
            if mention.name and mention.level and not mention.plural:
                found.setdefault(mention.key, mention)
        return found

    def best_name(self, level: str) -> str | None:
        counts = self.names.get(level)
        if not counts:
            return None
        in_title = self.title_names.get(level, Counter())
        return max(counts, key=lambda name: (counts[name] + 3 * in_title[name], -len(name)))


def article_context(text: str, title: str = "") -> Context:
    return Context(text, title)


def resolve_mentions(mentions: list[OrgMention], text: str, context: Context) -> list[OrgMention]:
    """Fill in dropped localities: from the coordination, then from the whole article."""
    resolved = []
    for mention in _share_coordination(mentions, text):
        if mention.name is None and mention.level:
            best = context.best_name(mention.level)
            mention = _with_locality(mention, None, best) if best else mention
        elif mention.name is None and mention.key in context.by_key:
            mention = context.by_key[mention.key]
        resolved.append(mention)
    return resolved


# ------------------------------------------------------------------ distributive lists

_HEAD_ALT = "|".join(
    re.escape(text) for text, _k, _n in sorted(ORG_HEADS, key=lambda h: -len(h[0]))
)
_HEAD_KEYS = {fold(text): key for text, key, _n in ORG_HEADS}
_LEVEL_ALT = "phường|xã|quận|huyện|tỉnh|thành phố|thị xã|thị trấn"
_LIST_NAME = r"(?:\d{1,3}|[A-ZĐÀ-Ỹ][\w'’-]*(?:\s+[A-ZĐÀ-Ỹ][\w'’-]*){0,3})"
_NAMES = rf"(?P<names>{_LIST_NAME}(?:\s*,\s*{_LIST_NAME})+(?:\s*,?\s+và\s+{_LIST_NAME})?)"
# "Công an các phường: Diên Hồng, Yên Đổ, Thống Nhất", "3 đồn biên phòng: Phú Gia, Hòa Hải",
# "Công an quận 1, 3, 4, 5, Phú Nhuận": one head shared by several organizations.
_DISTRIBUTIVE = re.compile(
    rf"(?:(?P<head>{_HEAD_ALT})\s+(?:các|\d+)\s+(?P<level>{_LEVEL_ALT})\s*:\s*{_NAMES}"
    rf"|(?:các|\d+)\s+(?P<head2>{_HEAD_ALT})\s*:\s*{_NAMES.replace('names', 'names2')}"
    rf"|(?P<head3>{_HEAD_ALT})\s+(?P<level3>{_LEVEL_ALT})\s+{_NAMES.replace('names', 'names3')})",
    re.IGNORECASE,
)


_LIST_HINT = re.compile(rf"(?:{_LEVEL_ALT}|:)\s*{_LIST_NAME}\s*,", re.IGNORECASE)


def distributed_mentions(text: str) -> list[OrgMention]:
    """The organizations of a distributive list, each written out in full."""
    found: list[OrgMention] = []
    if not _LIST_HINT.search(text):  # the full pattern is slow: most subjects hold no list
        return found
    for match in _DISTRIBUTIVE.finditer(text):
        head = match.group("head") or match.group("head2") or match.group("head3")
        level = match.group("level") or match.group("level3")
        names = match.group("names") or match.group("names2") or match.group("names3")
        head = head[0].upper() + head[1:]
        listed: list[str] = []
        for name in re.split(r"\s*,\s*(?:và\s+)?|\s+và\s+", names):
            if name.split()[0].lower() in _ORG_WORDS:
                break  # "…, Bình Thạnh và Công an TP Thủ Đức": the next organization
            listed.append(name)
        if len(listed) < 2:
            continue
        for name in listed:
            written = " ".join(part for part in (head, level, name) if part)
            found.append(
                OrgMention(
                    start=match.start(),
                    end=match.end(),
                    key=_HEAD_KEYS.get(fold(head), "org"),
                    text=written,
                    level=LEVELS.get(level.lower()) if level else None,
                    name=name,
                )
            )
    return found
