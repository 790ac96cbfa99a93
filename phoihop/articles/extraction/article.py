"""Put the pieces together: one article in, one schema dict out (see docs/extraction.md)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from phoihop.articles.extraction import dates, facts, orgs
from phoihop.articles.extraction.areas import predict_areas
from phoihop.articles.extraction.content import content_areas
from phoihop.articles.extraction.layout import Article, build_article
from phoihop.articles.extraction.normalize import clean_lines, docx_to_text, parse_html
from phoihop.articles.extraction.people import find_people, split_people
from phoihop.core.legacy import decode_bytes
from phoihop.core.text import fold
from phoihop.documents.citations import Citation, find_citations

__all__ = [
    "extract_article",
    "extract_article_docx",
    "extract_article_html",
    "extract_file",
    "extract_lines",
]

_EVENT_VERB = re.compile(
    r"(?<!\w)(?:tổ chức|ký kết|ký|diễn ra|khai mạc|ban hành|xây dựng kế hoạch|triển khai"
    r"|phát động|tiến hành|họp|làm việc|sơ kết|tổng kết|trao|tặng|thăm)(?!\w)",
    re.IGNORECASE,
)
_NOT_LEAD = re.compile(
    r"^(?:Thực hiện|Căn cứ|Theo|Nhằm|Để|Hưởng ứng|Trên cơ sở|Với mục đích|Với mục tiêu|Qua"
    r"|Tham dự|Dự|Tới dự|Đến dự|Về phía|Mục tiêu|Mục đích)(?!\w)"
)
_AGENCY = re.compile(r"^(?:\([^)]{1,25}\)\s*[-–—]?\s*|[A-ZĐ][A-ZĐÀ-Ỹ .]{1,25}\s*[-–—]\s*)")
_LEADING_DATE = re.compile(
    r"^(?:(?:sáng|chiều|tối|trưa|vào|hôm)\s+)*(?:nay\s+|qua\s+)?(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d",
    re.IGNORECASE,
)
_MAIN_VERB = re.compile(
    r"(?<!\w)(?:(?:đã|vừa|sẽ|cùng|chính thức|long trọng|trang trọng)\s+)*(?:phối hợp tổ chức"
    r"|tổ chức|ký kết|ký|diễn ra|khai mạc|ban hành|xây dựng|triển khai|phát động|tiến hành|họp"
    r"|làm việc|thống nhất|sơ kết|tổng kết|trao(?! đổi)|tặng|thăm)(?!\w)",
    re.IGNORECASE,
)
_LOCATION_PHRASE = re.compile(r"(?<!\w)(?:tại|ở)\s+[^,]*,")
_PARTNER = re.compile(
    r"(?:^\s*|(?:ký kết|phối hợp|thỏa thuận|thoả thuận|quy chế|chương trình|hợp tác|hội nghị"
    r"|trao đổi|kết nghĩa|hiệp đồng|giao ban|hội đàm|làm việc)[^.;]{0,80}?\s)"
    # A dot inside "T.Ư" or after "TP" does not end the partners.
    r"(?:với|cùng với|giữa)\s+(?P<rest>(?:[^.;]|(?<=TP)\.\s?|\.(?=\S)){0,160})",
    re.IGNORECASE,
)
_PURPOSE_END = re.compile(
    r",\s*(?=(?:sáng|chiều|tối|trưa|ngày|vào ngày|vào sáng|vào chiều|hôm nay|hôm qua)\s+\S*\d)",
    re.IGNORECASE,
)
_MAX_LEAD_CLAUSES = 12
# Heads that name one organization by themselves ("Tổng LĐLĐ", "Bộ Công an", "Chính phủ").
# A national body needs no locality: "Hội Nông dân Việt Nam", "Trung ương Hội NDVN".
_NATIONAL = re.compile(r"Việt Nam|VN\b|^(?:Trung ương|T\.Ư|TW)\s|^Bộ Tư lệnh", re.IGNORECASE)
_NAMED_BY_HEAD = {"tld", "bca", "bqp", "government", "doan", "vov", "vrg"}
# How content areas are found: the announced-list rules, the trained model, or the rules first
# and the model when the rules find no list (chosen on the corpus' dev split: docs/extraction.md).
AREA_STRATEGIES = ("rules", "model", "rules_then_model")
DEFAULT_AREAS = "rules_then_model"
_MAX_UNANNOUNCED_ITEMS = 12


def _without_purpose(clause: str) -> str:
    """Drop a purpose phrase: “Nhằm …, sáng 5/4, LĐLĐ tỉnh tổ chức …” → “sáng 5/4, …”."""
    opening = _AGENCY.sub("", clause)
    if not _NOT_LEAD.match(opening):
        return clause
    end = _PURPOSE_END.search(opening)
    return opening[end.end() :] if end else clause


def _lead_index(clauses: list[str]) -> int:
    for index, clause in enumerate(clauses[:_MAX_LEAD_CLAUSES]):
        opening = _AGENCY.sub("", clause)
        if _NOT_LEAD.match(opening) or not _EVENT_VERB.search(clause):
            continue
        has_org = any(not m.plural for m in orgs.find_mentions(clause))
        if has_org or _LEADING_DATE.match(opening):
            return index
    return 0


def _named(mentions: list[orgs.OrgMention]) -> list[orgs.OrgMention]:
    named = [m for m in mentions if not m.plural and m.key not in orgs.NOT_PARTIES]
    return [
        m for m in named if m.name or m.level or m.key in _NAMED_BY_HEAD or _NATIONAL.search(m.text)
    ]


def _resolved(fragment: str, context: orgs.Context) -> list[orgs.OrgMention]:
    mentions = [m for m in orgs.find_mentions(fragment) if not m.plural]
    return _named(orgs.resolve_mentions(mentions, fragment, context))


def _subject_parties(clause: str, context: orgs.Context) -> list[orgs.OrgMention]:
    verb = _MAIN_VERB.search(clause)
    subject = clause[: verb.start()] if verb else clause
    subject = _LOCATION_PHRASE.sub(" ", subject)
    listed = orgs.distributed_mentions(subject)
    found = listed + [
        m
        for m in _resolved(subject, context)
        if not any(m.start < d.end and d.start < m.end for d in listed)
    ]
    after = clause[verb.end() :] if verb else ""
    partner = _PARTNER.search(after)
    if partner:
        found += _resolved(partner.group("rest"), context)
    return found


def _title_parties(title: str, context: orgs.Context) -> list[orgs.OrgMention]:
    partner = re.search(r"\sgiữa\s+(?P<rest>.+)$", title)
    if partner:
        return _resolved(partner.group("rest"), context)
    head = title.split(":", 1)[0] if ":" in title else title
    verb = _MAIN_VERB.search(head)
    return _resolved(head[: verb.start()] if verb else head, context)


def _frequent_party(article: Article, context: orgs.Context) -> list[orgs.OrgMention]:
    mentions = _resolved(article.body_text, context)
    if not mentions:
        return []
    counts: dict[tuple[str, str, str], int] = {}
    for mention in mentions:
        counts[mention.identity] = counts.get(mention.identity, 0) + 1
    best = max(counts, key=lambda identity: counts[identity])
    return [next(m for m in mentions if m.identity == best)]


def _parties(lead: str, article: Article) -> list[str]:
    context = orgs.article_context(article.full_text, article.title)
    found = _subject_parties(lead, context) or _title_parties(article.title, context)
    found = found or _frequent_party(article, context)
    unique: dict[tuple[str, str, str], orgs.OrgMention] = {}
    for mention in found:
        unique.setdefault(mention.identity, mention)
    kept = list(unique.values())
    # "Tổng cục Chính trị" after "Tổng cục Chính trị QĐND Việt Nam", "Hội ND TP Hà Nội" after
    # "Hội ND TP.Hà Nội": the same organization written twice.
    words = [set(re.findall(r"\w+", fold(m.text))) for m in kept]
    return [
        m.text
        for i, m in enumerate(kept)
        if not any(
            j != i
            and kept[j].key == m.key
            and words[i] <= words[j]
            and (words[i] < words[j] or j < i)
            for j in range(len(kept))
        )
    ]


# Symbol parts the citation parser stops before: "01/2012/NQLT" + "/CP-BCHTWĐ",
# "58/KHPH" + "-TƯHCTĐ-BGDĐT-TWĐ", "12/QĐ-UBND" + ".TH".
_SYMBOL_TAIL = re.compile(r"(?:(?:[/-]\s?|\.)[A-ZĐƯƠÂÊÔĂ][A-ZĐƯƠÂÊÔĂ0-9]+(?![\w]))+")


def _full_number(citation: Citation, text: str) -> str:
    tail = _SYMBOL_TAIL.match(text, citation.span[1])
    return citation.number + re.sub(r"\s", "", tail.group()) if tail else citation.number


def _reference(citation: Citation, text: str = "") -> dict:
    return {
        "type": citation.doc_type,
        "number": _full_number(citation, text),
        "date": citation.issued_on.isoformat() if citation.issued_on else None,
        "issuer": citation.issuer,
    }


def _phases(kind: str, title: str, lead: str, body: str) -> dict[str, facts.Phase | None]:
    head = facts.find_phases(f"{title}\n{lead}", tied=False)
    head += facts.find_terms(f"{title}\n{lead}")
    tied = facts.find_phases(body, tied=True)
    phase = head[0] if head else None
    if kind in ("final_review", "interim_review") and len(head) > 1:
        # A review that also signs the next phase: the reviewed phase is the earlier one,
        # whichever the headline names first.
        phase = min(head, key=lambda p: (p.start, p.end))
    if phase is None and kind != "other":  # a yearly program or review: "năm 2023"
        year = facts.single_year(title) or facts.single_year(lead)
        phase = facts.Phase(year, year, 0) if year else None
    if phase is None and kind != "interim_review":
        phase = tied[0] if tied else None
    if phase is None:
        return {"phase": None, "previous_phase": None, "next_phase": None}
    others = [p for p in head + tied if (p.start, p.end) != (phase.start, phase.end)]
    previous = None
    if kind in ("signing", "final_review"):  # an earlier phase of the same program
        previous = next((p for p in others if p.end <= phase.start), None)
    following = next((p for p in others if p.start >= phase.end - 1), None)
    return {"phase": phase, "previous_phase": previous, "next_phase": following}


def _dates(
    article: Article,
    clauses: list[str],
    lead_at: int,
    published: dt.date | None,
    month: dt.date | None = None,
) -> tuple[dt.date | None, dt.date | None]:
    window = clauses[: lead_at + 2]
    ordered = [clauses[lead_at], *window[:lead_at], *window[lead_at + 1 :]] if clauses else []
    absolute = dates.absolute_event_date(ordered)
    publication = published or dates.publication_date(article, absolute)
    return dates.event_date(ordered, publication or month), publication


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _content_areas(
    article: Article, kind: str, strategy: str, model: str | None
) -> tuple[list[str], int | None]:
    items, stated = ([], None) if strategy == "model" else content_areas(article.body)
    if not items and strategy != "rules":
        items = predict_areas(article.body, kind, model=model)
        if len(items) > _MAX_UNANNOUNCED_ITEMS:
            # No coordination program lists this many areas unannounced: such a text reports
            # one organization's whole work. Better nothing than a wrong list.
            items = []
    return items, stated


def extract_lines(
    lines: list[str],
    *,
    published: dt.date | None = None,
    areas: str = DEFAULT_AREAS,
    model: str | None = None,
) -> dict:
    lines, stamped, month = dates.leading_stamp(lines)
    published = published or stamped
    article = build_article(lines)
    clauses = [_without_purpose(clause) for clause in article.clause_list()]
    lead_at = _lead_index(clauses)
    lead = clauses[lead_at] if clauses else article.title
    event, publication = _dates(article, clauses, lead_at, published, month)
    kind = facts.event_kind(article.title, lead, article.body_text)
    phases = _phases(kind, article.title, lead, article.body_text)
    people = find_people(f"{article.title}\n{article.body_text}")
    signatories, attendees = split_people(people)
    items, stated = _content_areas(article, kind, areas, model)
    cited_in = f"{article.title}\n{article.body_text}"
    citations = find_citations(cited_in)
    places = facts.locations(lead) or facts.locations(article.title)
    return {
        "event_kind": kind,
        "event_date": _iso(event),
        "publication_date": _iso(publication),
        "parties": _parties(lead, article),
        "phase": phases["phase"].as_dict() if phases["phase"] else None,
        "previous_phase": phases["previous_phase"].as_dict() if phases["previous_phase"] else None,
        "next_phase": phases["next_phase"].as_dict() if phases["next_phase"] else None,
        "signatories": signatories,
        "attendees": attendees,
        "content_areas": items,
        "content_area_count_stated": stated,
        "legal_references": [_reference(c, cited_in) for c in citations],
        "locations": places,
        "key_numbers": facts.key_numbers("\n".join(article.body[:3])),
        "title": article.title or None,
    }


def extract_article(text: str, *, source_name: str | None = None) -> dict:
    """Extract the schema of SCHEMA.md (docs/extraction.md) from an article's plain text."""
    result = extract_lines(clean_lines(text))
    result["source_name"] = source_name
    return result


def extract_article_html(markup: str | bytes, *, source_name: str | None = None) -> dict:
    page = parse_html(markup)
    result = extract_lines(clean_lines(page.text), published=page.published)
    result["source_name"] = source_name
    return result


def extract_article_docx(data: bytes, *, source_name: str | None = None) -> dict:
    return extract_article(docx_to_text(data), source_name=source_name)


def extract_file(path: Path) -> dict:
    """Extract one file by its extension: .txt (any encoding), .html/.htm, .docx."""
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return extract_article_html(data, source_name=path.name)
    if suffix == ".docx":
        return extract_article_docx(data, source_name=path.name)
    return extract_article(decode_bytes(data), source_name=path.name)
