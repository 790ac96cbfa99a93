"""From a news article to reviewed records: receive, propose, import (one transaction)."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from phoihop.accounts.selectors import partner_candidates
from phoihop.activities import services as activity_services
from phoihop.activities.selectors import kind_by_code
from phoihop.articles.extraction import extract_article
from phoihop.articles.extraction.layout import build_article
from phoihop.articles.extraction.normalize import clean_lines, docx_to_text, parse_html
from phoihop.articles.models import Article, ArticleRecord, ArticleStatus
from phoihop.articles.selectors import article_already_read
from phoihop.core.audit import log_action
from phoihop.core.exceptions import DomainError
from phoihop.core.legacy import decode_bytes, detect_legacy_encoding, to_unicode
from phoihop.core.text import fold, nfc, search_tokens
from phoihop.orgs.models import OrgUnit, valid_on
from phoihop.orgs.selectors import search_units
from phoihop.programs import legal
from phoihop.programs import services as program_services
from phoihop.programs.enums import ProgramKind, ProgramState
from phoihop.programs.models import Program
from phoihop.programs.selectors import programs_visible_to
from phoihop.reviews import services as review_services

# A news article is a few thousand characters; a page of a million is not one (and would keep a
# worker busy for minutes).
MAX_ARTICLE_CHARS = 200_000
# Words that say nothing about which unit is meant ("tỉnh", "thành phố").
PLACE_WORDS = {"tinh", "thanh", "pho", "huyen", "quan", "xa", "phuong", "thi", "tran"}
ACTIVITY_KIND_BY_EVENT = {
    "signing": "ky-ket",
    "interim_review": "so-ket",
    "final_review": "tong-ket",
    "plan": "hoi-nghi",
}
ACTIVITY_KIND_WORDS = [
    ("hoi thi", "hoi-thi"),
    ("tap huan", "tap-huan"),
    ("toa dam", "toa-dam"),
    ("hoi thao", "hoi-thao"),
    ("dien dan", "dien-dan"),
    ("doi thoai", "doi-thoai"),
    ("tang qua", "tham-tang-qua"),
    ("tham hoi", "tham-tang-qua"),
    ("so ket", "so-ket"),
    ("tong ket", "tong-ket"),
    ("ky ket", "ky-ket"),
    ("hoi nghi", "hoi-nghi"),
]


def _digest(text: str) -> str:
    return hashlib.sha256(fold(text).encode()).hexdigest()


def article_text(*, data: bytes, filename: str) -> str:
    """Plain text of an uploaded .txt/.html/.docx, legacy encodings converted, boilerplate off."""
    if len(data) > settings.MAX_UPLOAD_SIZE:
        raise DomainError(_("The file is too large."))
    name = filename.lower()
    if name.endswith(".docx"):
        try:
            raw = docx_to_text(data)
        except Exception as exc:  # python-docx raises several kinds for a broken file
            raise DomainError(_("This .docx file cannot be read.")) from exc
    elif name.endswith((".html", ".htm")):
        raw = parse_html(data).text
    else:
        raw = decode_bytes(data)
    return raw


@transaction.atomic
def article_receive(*, text: str, actor: Any, source_name: str = "") -> tuple[Article, bool]:
    """Store an article and its extraction. Returns (article, created): the same text again
    (whatever its spacing or tone-mark style) gives back the article already received.

    Side effects: audit ``phoihop.article.received``.
    """
    if len(text) > MAX_ARTICLE_CHARS:
        raise DomainError(
            _("The article is too long (more than %(limit)s characters): paste only its text.")
            % {"limit": f"{MAX_ARTICLE_CHARS:,}".replace(",", ".")}
        )
    if detect_legacy_encoding(text):
        text = to_unicode(text)
    lines = clean_lines(nfc(text) if "\n" not in text else text)
    if not lines:
        raise DomainError(_("The article has no text."))
    cleaned = "\n".join(lines)
    digest = _digest(cleaned)
    # Only an earlier reading the user can see counts: a reading by someone else, in a unit out
    # of the user's reach, is neither shown nor in the way.
    existing = article_already_read(actor, digest) if actor is not None else None
    if existing is not None:
        return existing, False
    author = actor if getattr(actor, "is_authenticated", False) else None
    mine = Article.objects.filter(text_hash=digest, created_by=author).first()
    if mine is not None:
        return mine, False
    extraction = extract_article(text, source_name=source_name or None)
    title = build_article(lines).title or lines[0]
    try:
        with transaction.atomic():  # the same user sending the same text twice at once
            article = Article.objects.create(
                title=title[:500],
                source_name=source_name[:255],
                text=cleaned,
                text_hash=digest,
                extraction=extraction,
                created_by=author,
            )
    except IntegrityError:
        return Article.objects.get(text_hash=digest, created_by=author), False
    log_action(article, "phoihop.article.received", actor=actor, data={"source": source_name})
    return article, True


# ---------------------------------------------------------------------------------- matching


def match_unit(name: str, *, on: dt.date | None, candidates: QuerySet[OrgUnit]) -> OrgUnit | None:
    """The unit an article means by ``name`` ("LĐLĐ tỉnh Tiền Giang"), as it was on ``on``.

    Every distinctive word must appear in one of the unit's written forms; among several, the
    one whose name is closest in length wins (so "Hội LHPN tỉnh" does not pick a commune).
    """
    tokens = search_tokens(name)
    if not tokens:
        return None
    units = candidates
    if on is not None:
        units = units.filter(valid_on(on))
    found = list(search_units(units, name)[:20])
    if not found:
        distinctive = " ".join(t for t in tokens if t not in PLACE_WORDS)
        found = list(search_units(units, distinctive)[:20]) if distinctive else []
    if not found:
        return None
    target = fold(name)
    return min(
        found,
        key=lambda u: (
            0 if target in {fold(f) for f in u.written_forms} else 1,
            abs(len(fold(u.short_name or u.name)) - len(target)),
            u.level.tier,
            u.pk,
        ),
    )


def match_program(user: Any, units: list[OrgUnit], phase: dict | None) -> Program | None:
    """An existing program of these parties for this phase (for a review or a renewal)."""
    if not units or not phase:
        return None
    programs = programs_visible_to(user).filter(start_year=phase["start"])
    if phase.get("end"):
        programs = programs.filter(Q(end_year=phase["end"]) | Q(end_year__isnull=True))
    for unit in units:
        programs = programs.filter(parties__unit=unit)
    return programs.order_by("-pk").first()


def _activity_kind(extraction: dict, title: str) -> str:
    folded = fold(title)
    for words, code in ACTIVITY_KIND_WORDS:
        if words in folded:
            return code
    return ACTIVITY_KIND_BY_EVENT.get(extraction.get("event_kind"), "khac")


def _basis_text(references: list[dict]) -> str:
    parts = []
    for ref in references:
        text = " ".join(p for p in [ref.get("type") or "", ref.get("number") or ""] if p)
        if ref.get("date"):
            day = dt.date.fromisoformat(ref["date"])
            text += f" ngày {day:%d/%m/%Y}"
        if ref.get("issuer"):
            text += f" của {ref['issuer']}"
        parts.append(text)
    return "; ".join(parts)


@dataclass
class Proposal:
    """What phoihop proposes to record from an article, as initial values of the review form."""

    action: str  # "create", "review", "close", "none"
    units: list[OrgUnit | None] = field(default_factory=list)
    existing: Program | None = None
    initial: dict[str, Any] = field(default_factory=dict)


def article_proposal(article: Article, user: Any) -> Proposal:
    data = article.extraction
    event_day = dt.date.fromisoformat(data["event_date"]) if data.get("event_date") else None
    candidates = partner_candidates(user)
    units = [match_unit(p, on=event_day, candidates=candidates) for p in data.get("parties", [])]
    matched = [u for u in units if u is not None]
    kind = data.get("event_kind")
    phase = data.get("phase")
    existing = match_program(user, matched, phase)
    action = {
        # A signing already on record is matched, not recorded twice.
        "signing": "link" if existing else "create",
        "plan": "link" if existing else "create",
        "final_review": "close" if existing else "none",
        "interim_review": "review" if existing else "none",
    }.get(kind, "link" if existing else "none")
    next_phase = data.get("next_phase") or {}
    program_phase = phase or {}
    if kind == "final_review" and next_phase:
        program_phase = next_phase
    signatories = data.get("signatories") or []
    title = article.title
    initial = {
        "program_action": action,
        "existing_program": existing.pk if existing else None,
        "renew": bool(kind == "final_review" and next_phase),
        "program_kind": ProgramKind.JOINT_PLAN if kind == "plan" else ProgramKind.PROGRAM,
        "program_title": _program_title(title, existing),
        "start_year": program_phase.get("start") or (event_day.year if event_day else None),
        "end_year": program_phase.get("end"),
        "signed_on": event_day if kind in {"signing", "final_review"} else None,
        "content_areas_text": "\n".join(data.get("content_areas") or []),
        "legal_basis_text": _basis_text(data.get("legal_references") or []),
        "include_activity": True,
        "activity_title": title,
        "activity_kind": _activity_kind(data, title),
        "activity_date": event_day,
        "activity_place": "; ".join(data.get("locations") or []),
        "signatories": "\n".join(
            f"{s['name']}, {s['title']}" if s.get("title") else s["name"] for s in signatories
        ),
    }
    return Proposal(action=action, units=units, existing=existing, initial=initial)


def _program_title(title: str, existing: Program | None) -> str:
    if existing is not None:
        return existing.title
    match = re.search(r"[Cc]hương trình phối hợp[^.;:()]*", title)
    return match.group(0).strip() if match else title


def highlight(article: Article) -> SafeString:
    """The article's text, escaped, with the extracted facts marked in place."""
    data = article.extraction
    needles: dict[str, str] = {}
    for party in data.get("parties") or []:
        needles[party] = "party"
    for person in (data.get("signatories") or []) + (data.get("attendees") or []):
        needles[person["name"]] = "person"
    for ref in data.get("legal_references") or []:
        if ref.get("number"):
            needles[ref["number"]] = "document"
    for place in data.get("locations") or []:
        needles[place] = "place"
    for item in data.get("content_areas") or []:
        if len(item) < 200:
            needles[item] = "content"
    for number in data.get("key_numbers") or []:
        if number.get("value") and len(str(number["value"])) > 1:
            needles[str(number["value"])] = "number"
    text = article.text
    spans: list[tuple[int, int, str]] = []
    for needle in sorted(needles, key=len, reverse=True):
        for match in re.finditer(re.escape(needle), text):
            start, end = match.span()
            if all(end <= s or start >= e for s, e, _k in spans):
                spans.append((start, end, needles[needle]))
    out, at = [], 0
    for start, end, kind in sorted(spans):
        out.append(html.escape(text[at:start]))
        out.append(f'<mark class="x-{kind}">{html.escape(text[start:end])}</mark>')
        at = end
    out.append(html.escape(text[at:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


# ------------------------------------------------------------------------------------ import


def _record(article: Article, obj: Any, role: str) -> None:
    ArticleRecord.objects.get_or_create(
        article=article,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        role=role,
        defaults={"label": str(obj)[:300], "url": obj.get_absolute_url()},
    )


def _signatories(text: str) -> list[tuple[str, str]]:
    rows = []
    for line in (text or "").splitlines():
        if line.strip():
            name, _sep, title = line.partition(",")
            rows.append((nfc(name), nfc(title)))
    return rows


@transaction.atomic
def article_import(*, article: Article, actor: Any, data: dict) -> list[ArticleRecord]:
    """Create every reviewed record at once, each linked to the article as its source.

    ``data`` is the cleaned review form. Nothing is written if any part is refused.
    Side effects: documents, a program (or a review/closing of an existing one, and its
    renewal), an activity; audit ``phoihop.article.imported``.
    """
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.status == ArticleStatus.IMPORTED:
        raise DomainError(_("This article has already been imported."))
    units: list[OrgUnit] = [u for u in data["units"] if u is not None]
    if not units:
        raise DomainError(_("Choose at least one organization the article is about."))
    if not any(actor.has_perm("orgs.change_orgunit", u) for u in units):
        raise DomainError(_("You can only import what one of your units took part in."))
    program = _import_program(article, actor, data, units)
    if data.get("include_activity"):
        _import_activity(article, actor, data, units, program)
    article.status = ArticleStatus.IMPORTED
    article.imported_at = timezone.now()
    article.save(update_fields=["status", "imported_at", "updated_at"])
    log_action(
        article,
        "phoihop.article.imported",
        actor=actor,
        data={"records": [str(r) for r in article.records.all()]},
    )
    return list(article.records.all())


def _import_program(
    article: Article, actor: Any, data: dict, units: list[OrgUnit]
) -> Program | None:
    action = data.get("program_action")
    documents = (
        legal.documents_for_text(text=data["legal_basis_text"], actor=actor)
        if data.get("legal_basis_text")
        else []
    )
    for document in documents:
        _record(article, document, "document")
    if action in {"review", "close"}:
        program = data.get("existing_program")
        if program is None:
            raise DomainError(_("Choose the program this review is about."))
        held = data.get("activity_date") or data.get("signed_on")
        if action == "review":
            if program.state == ProgramState.SIGNED:
                program_services.program_activate(program=program, actor=actor)
            program_services.program_start_review(program=program, actor=actor, held_on=held)
        else:
            if program.state == ProgramState.SIGNED:
                program_services.program_activate(program=program, actor=actor)
            program_services.program_close(program=program, actor=actor, held_on=held)
        _record(article, program, "review")
        review = review_services.review_from_article(
            program=program, final=action == "close", held_on=held, actor=actor, text=article.text
        )
        if review is not None:
            _record(article, review, "review_report")
        if action == "close" and data.get("renew"):
            renewal = program_services.program_renew(
                program=program,
                actor=actor,
                start_year=data.get("start_year"),
                end_year=data.get("end_year"),
            )
            _sign_if_dated(renewal, data, actor, documents)
            _record(article, renewal, "renewal")
            return renewal
        return program
    if action == "link":
        program = data.get("existing_program")
        if program is None:
            raise DomainError(_("Choose the program the article is about."))
        _record(article, program, "program")
        return program
    if action != "create":
        return None
    if len(units) < 2:
        raise DomainError(_("A program needs at least two parties."))
    signatories = _signatories(data.get("signatories", ""))
    parties = [
        {
            "unit": unit,
            "role": "lead" if i == 0 else "partner",
            "signatory_name": signatories[i][0] if i < len(signatories) else "",
            "signatory_title": signatories[i][1] if i < len(signatories) else "",
        }
        for i, unit in enumerate(units)
    ]
    program = program_services.program_create(
        actor=actor,
        parties=parties,
        content_areas=[{"title": line} for line in data.get("content_areas_text", "").splitlines()],
        source="article",
        legal_bases=documents,
        kind=data["program_kind"],
        title=data["program_title"],
        start_year=data["start_year"],
        end_year=data.get("end_year"),
        signed_place=data.get("activity_place", "")[:200],
    )
    _sign_if_dated(program, data, actor, [])
    _record(article, program, "program")
    return program


def _sign_if_dated(program: Program, data: dict, actor: Any, documents: list) -> None:
    if documents:
        existing = [link.document for link in program.basis_links.select_related("document")]
        program_services.program_set_legal_bases(
            program=program, documents=[*existing, *documents], actor=actor
        )
    if data.get("content_areas_text") and program.content_areas.count() == 0:
        program_services.program_update(
            program=program,
            actor=actor,
            content_areas=[{"title": t} for t in data["content_areas_text"].splitlines()],
        )
    if data.get("signed_on"):
        program_services.program_sign(program=program, signed_on=data["signed_on"], actor=actor)
        if program.phase_start <= (data["signed_on"]) and program.state == ProgramState.SIGNED:
            program_services.program_activate(program=program, actor=actor)


def _import_activity(
    article: Article, actor: Any, data: dict, units: list[OrgUnit], program: Program | None
) -> None:
    kind = kind_by_code(data.get("activity_kind") or "khac") or kind_by_code("khac")
    day = data.get("activity_date")
    if day is None:
        raise DomainError(_("Enter the activity's date."))
    in_phase = program is not None and program.start_year <= day.year <= (
        program.end_year or program.start_year
    )
    activity = activity_services.activity_create(
        actor=actor,
        organizers=[(u, "lead" if i == 0 else "partner") for i, u in enumerate(units)],
        title=data["activity_title"],
        kind=kind,
        starts_on=day,
        place=(data.get("activity_place") or "")[:255],
        program=program if in_phase else None,
        participants=data.get("participants") or 0,
        participants_women=data.get("participants_women") or 0,
        source="article",
        source_ref=(article.source_name or article.title)[:255],
        description=_("Recorded from the article “%(title)s”.") % {"title": article.title[:200]},
    )
    _record(article, activity, "activity")
