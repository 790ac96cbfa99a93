"""Writes to reviews: create (also from the program's milestones), edit, the bottom-up workflow
(draft → submitted → approved or returned), freezing on approval, the next program drafted
from a final review, and the background generation of the review document.

Every service checks the actor's permission itself (``SYSTEM`` is the system: the demo and
management commands) and writes an audit entry.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts.permissions import is_system
from phoihop.accounts.selectors import units_reachable
from phoihop.core.audit import changes, log_action, snapshot
from phoihop.core.exceptions import DomainError
from phoihop.core.text import nfc
from phoihop.programs import services as program_services
from phoihop.programs.enums import MilestoneKind
from phoihop.programs.models import Milestone, Program
from phoihop.reporting.formatting import vn_number, vn_percent
from phoihop.reviews import selectors
from phoihop.reviews.enums import (
    EDITABLE_STATES,
    MAX_SECTION_LENGTH,
    SECTION_KEYS,
    DocumentStatus,
    ReviewKind,
    ReviewState,
)
from phoihop.reviews.models import Review

HEADER_FIELDS = ["number", "place", "issued_on", "signatory_name", "signatory_title"]
MILESTONE_KINDS = {
    MilestoneKind.ANNUAL_REVIEW: ReviewKind.ANNUAL,
    MilestoneKind.INTERIM_REVIEW: ReviewKind.MID_PHASE,
    MilestoneKind.FINAL_REVIEW: ReviewKind.FINAL,
}
DOCUMENT_FORMATS = ("docx", "pdf", "xlsx")


def _require(actor: Any, perm: str, review: Review) -> None:
    """The permission check of every review service (``SYSTEM``: the demo and commands; a
    missing actor is refused like any user without rights)."""
    if is_system(actor):
        return
    if actor is None or not actor.has_perm(perm, review):
        raise PermissionDenied(_("You may not do this with this review."))


def results_summary(figures: dict) -> str:
    """The opening sentence of "Kết quả thực hiện", written from the figures."""
    totals = figures["totals"]
    text = (
        f"Trong kỳ, đã tổ chức {vn_number(totals['activities'])} hoạt động với "
        f"{vn_number(totals['participants'])} lượt người tham gia"
    )
    if totals["participants"]:
        text += f", trong đó nữ {vn_number(totals['women'])} lượt "
        text += f"({vn_percent(totals['women'], totals['participants'])})"
    text += f"; tổng kinh phí {vn_number(totals['cost'])} đồng."
    return text


@transaction.atomic
def review_create(
    *,
    program: Program,
    unit: Any,
    kind: str,
    period_start: dt.date,
    period_end: dt.date,
    actor: Any,
    joint: bool = False,
    milestone: Milestone | None = None,
) -> Review:
    """Open a draft review, its "results" section pre-filled from the figures.

    Side effects: audit ``phoihop.review.created``.
    """
    if kind not in ReviewKind.values:
        raise DomainError(_("Unknown kind of review."))
    if period_end < period_start:
        raise DomainError(_("The period must end after it starts."), field="period_end")
    party_units = [p.unit_id for p in program.parties.all()]
    if unit.pk not in party_units:
        raise DomainError(_("The reviewing unit must be a party to the program."), field="unit")
    if not is_system(actor) and (
        actor is None
        or (
            not actor.is_superuser
            and not units_reachable(actor, "edit").filter(pk=unit.pk).exists()
        )
    ):
        raise PermissionDenied(_("You may not write reviews for this unit."))
    if milestone is not None:
        if milestone.program_id != program.pk:
            raise DomainError(_("The milestone belongs to another program."))
        if Review.objects.filter(milestone=milestone).exists():
            raise DomainError(_("This milestone already has its review."))
    review = Review.objects.create(
        program=program,
        unit=unit,
        kind=kind,
        joint=joint and len(party_units) > 1,
        period_start=period_start,
        period_end=period_end,
        milestone=milestone,
        place=(unit.area.short_name or unit.area.name) if unit.area_id else "Hà Nội",
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    review.narrative = {"results": results_summary(selectors.compute_figures(review))}
    review.save(update_fields=["narrative"])
    log_action(
        review,
        "phoihop.review.created",
        actor=actor,
        data={"program": str(program), "unit": str(unit), "kind": kind, "joint": review.joint},
    )
    return review


def _previous_review_day(milestone: Milestone) -> dt.date:
    earlier = (
        Milestone.objects.filter(
            program=milestone.program,
            kind__in=list(MILESTONE_KINDS),
            due_on__lt=milestone.due_on,
        )
        .order_by("-due_on")
        .first()
    )
    if earlier is None:
        return milestone.program.phase_start
    return earlier.due_on + dt.timedelta(days=1)


@transaction.atomic
def review_create_for_milestone(*, milestone: Milestone, actor: Any) -> Review:
    """The review that will meet ``milestone``: joint, by the lead party, covering the time
    since the previous review milestone (or the start of the phase)."""
    program = milestone.program
    lead = program.parties.order_by("order", "pk").first()
    if lead is None:
        raise DomainError(_("The program has no parties."))
    kind = MILESTONE_KINDS.get(milestone.kind)
    if kind is None:
        raise DomainError(_("Only a review milestone is met by a review."))
    start = _previous_review_day(milestone)
    if milestone.kind == MilestoneKind.FINAL_REVIEW:
        start = program.phase_start
    return review_create(
        program=program,
        unit=lead.unit,
        kind=kind,
        period_start=min(start, milestone.due_on),
        period_end=milestone.due_on,
        actor=actor,
        joint=True,
        milestone=milestone,
    )


def review_from_article(
    *, program: Program, final: bool, held_on: dt.date | None, actor: Any, text: str = ""
) -> Review | None:
    """The review a news article reports (a sơ kết or tổng kết conference): a joint draft by
    the first party the actor may write for, covering the phase up to the conference, its
    "situation" section quoting the article, attached to the open review milestone. None when
    the actor writes for no party (the article import still records the state change).

    Side effects: as ``review_create`` (audit ``phoihop.review.created``), plus
    ``phoihop.review.updated`` for the quoted text.
    """
    parties = list(program.parties.select_related("unit__area").order_by("order", "pk"))
    writable = parties
    if not is_system(actor) and not getattr(actor, "is_superuser", False):
        reach = set(
            units_reachable(actor, "edit")
            .filter(pk__in=[p.unit_id for p in parties])
            .values_list("pk", flat=True)
        )
        writable = [p for p in parties if p.unit_id in reach]
    if not writable:
        return None
    end = held_on or timezone.localdate()
    kind = MilestoneKind.FINAL_REVIEW if final else MilestoneKind.INTERIM_REVIEW
    milestone = program.milestones.filter(kind=kind, review__isnull=True).order_by("due_on").first()
    review = review_create(
        program=program,
        unit=writable[0].unit,
        kind=ReviewKind.FINAL if final else ReviewKind.MID_PHASE,
        period_start=min(program.phase_start, end),
        period_end=end,
        actor=actor,
        joint=True,
        milestone=milestone,
    )
    quote = _section_text(text[:MAX_SECTION_LENGTH])
    if quote:
        review = review_update(
            review=review, actor=actor, narrative={"situation": quote}, issued_on=held_on
        )
    return review


@transaction.atomic
def review_update(
    *, review: Review, actor: Any, narrative: dict[str, str] | None = None, **fields: Any
) -> Review:
    """Edit the header (number, place, date, signatory) and the narrative sections of a draft
    or returned review. Side effects: audit ``phoihop.review.updated`` with the changed parts."""
    _require(actor, "reviews.change_review", review)
    if review.state not in EDITABLE_STATES:
        raise DomainError(_("Only a draft or returned review can be edited."))
    unknown = set(fields) - set(HEADER_FIELDS)
    if unknown:
        raise DomainError(_("These review fields cannot be changed here."))
    before = snapshot(review, list(fields))
    for name, value in fields.items():
        setattr(review, name, nfc(value) if isinstance(value, str) else value)
    diff = changes(before, review)
    if narrative is not None:
        if set(narrative) - set(SECTION_KEYS):
            raise DomainError(_("Unknown section of the review."))
        cleaned = {key: _section_text(text) for key, text in narrative.items()}
        changed = sorted(k for k, v in cleaned.items() if review.narrative.get(k, "") != v)
        if changed:
            review.narrative = {**review.narrative, **cleaned}
            diff["sections"] = changed
    if diff:
        review.save()
        log_action(review, "phoihop.review.updated", actor=actor, data=diff)
    return review


def _section_text(text: str) -> str:
    """NFC, line breaks kept (a section has paragraphs), bounded length."""
    value = unicodedata.normalize("NFC", str(text or "")).replace("\r\n", "\n").strip()
    if len(value) > MAX_SECTION_LENGTH:
        raise DomainError(
            _("A section may hold at most %(n)s characters.") % {"n": f"{MAX_SECTION_LENGTH:,}"}
        )
    return value


@transaction.atomic
def review_submit(*, review: Review, actor: Any) -> Review:
    """Draft or returned → submitted. Side effects: audit ``phoihop.review.submitted``."""
    _require(actor, "reviews.change_review", review)
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.state not in EDITABLE_STATES:
        raise DomainError(_("Only a draft or returned review can be submitted."))
    review.state = ReviewState.SUBMITTED
    review.submitted_at = timezone.now()
    review.save(update_fields=["state", "submitted_at", "updated_at"])
    log_action(review, "phoihop.review.submitted", actor=actor)
    return review


@transaction.atomic
def review_return(*, review: Review, actor: Any, reason: str) -> Review:
    """Submitted → returned, with the reason. Side effects: audit ``phoihop.review.returned``."""
    _require(actor, "reviews.approve_review", review)
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.state != ReviewState.SUBMITTED:
        raise DomainError(_("Only a submitted review can be returned."))
    if not nfc(reason):
        raise DomainError(_("Say why the review is returned."), field="reason")
    review.state = ReviewState.RETURNED
    review.return_reason = nfc(reason)[:2000]
    review.save(update_fields=["state", "return_reason", "updated_at"])
    log_action(
        review, "phoihop.review.returned", actor=actor, data={"reason": review.return_reason}
    )
    return review


@transaction.atomic
def review_approve(*, review: Review, actor: Any, on: dt.date | None = None) -> Review:
    """Submitted → approved. Freezes the figures, the hierarchy (names as of the period's end)
    and the ids of the activities behind them; the milestone it meets is marked done.

    Side effects: audit ``phoihop.review.approved``; the milestone's ``done_on`` is set (audited
    by ``programs.services.milestone_update``).
    """
    _require(actor, "reviews.approve_review", review)
    review = Review.objects.select_for_update().select_related("program", "unit").get(pk=review.pk)
    if review.state != ReviewState.SUBMITTED:
        raise DomainError(_("Only a submitted review can be approved."))
    scope = selectors.review_scope(review)
    review.frozen = {
        "figures": selectors.compute_figures(review),
        "hierarchy": selectors.hierarchy(review),
        "activity_ids": sorted(scope.values_list("pk", flat=True)),
        "frozen_on": (on or timezone.localdate()).isoformat(),
    }
    review.state = ReviewState.APPROVED
    review.approved_at = timezone.now()
    review.approved_by = actor if getattr(actor, "is_authenticated", False) else None
    review.save()
    if review.milestone is not None and review.milestone.done_on is None:
        program_services.milestone_update(
            milestone=review.milestone, actor=actor, done_on=on or timezone.localdate()
        )
    log_action(
        review,
        "phoihop.review.approved",
        actor=actor,
        data={"totals": review.frozen["figures"]["totals"]},
    )
    return review


@transaction.atomic
def review_draft_next_program(*, review: Review, actor: Any) -> Program:
    """From an approved final review (tổng kết), draft the next phase of its program: the
    existing renewal (parties, content areas, legal bases), fed with the review's directions and
    recommendations and the targets it did not meet.

    Side effects: ``programs.services.program_renew`` (audited there), then audit
    ``phoihop.review.next_program_drafted`` on the review.
    """
    _require(actor, "reviews.change_review", review)
    review = Review.objects.select_for_update().select_related("program").get(pk=review.pk)
    if not review.is_final:
        raise DomainError(_("Only a final review (tổng kết) starts the next phase."))
    if review.state != ReviewState.APPROVED:
        raise DomainError(_("Approve the final review before drafting the next program."))
    program = review.program
    renewal = program_services.program_renew(program=program, actor=actor)
    figures = review.frozen["figures"] if review.frozen else selectors.compute_figures(review)
    unmet = figures.get("indicators", {}).get("unmet", [])
    directions = (review.narrative or {}).get("directions", "").strip()
    recommendations = (review.narrative or {}).get("recommendations", "").strip()
    purpose = "\n".join(
        part
        for part in (
            program.purpose,
            f"Tiếp thu kết quả {review}: {directions}" if directions else "",
        )
        if part
    )
    requirements = "\n".join(
        part
        for part in (
            program.requirements,
            f"Thực hiện các đề xuất, kiến nghị: {recommendations}" if recommendations else "",
            f"Tiếp tục phấn đấu các chỉ tiêu chưa đạt: {'; '.join(unmet)}." if unmet else "",
        )
        if part
    )
    program_services.program_update(
        program=renewal, actor=actor, purpose=purpose, requirements=requirements
    )
    log_action(
        review,
        "phoihop.review.next_program_drafted",
        actor=actor,
        data={"program": {"id": renewal.pk, "repr": str(renewal)}, "unmet": unmet},
    )
    return renewal


# --------------------------------------------------------------------------- the document file


@transaction.atomic
def review_document_request(*, review: Review, fmt: str, actor: Any) -> Review:
    """Ask for the review's document in the background. The file is kept with the review and
    can be downloaded again until the next request.

    Side effects: audit ``phoihop.review.document_requested``; after commit, enqueues
    ``tasks.task_generate_review_document``.
    """
    from phoihop.reviews.tasks import task_generate_review_document

    _require(actor, "reviews.view_review", review)
    if fmt not in DOCUMENT_FORMATS:
        raise DomainError(_("Unknown document format: choose docx, pdf or xlsx."))
    review.document_status = DocumentStatus.PENDING
    review.document_format = fmt
    review.document_progress = 0
    review.document_error = ""
    review.save(
        update_fields=[
            "document_status",
            "document_format",
            "document_progress",
            "document_error",
            "updated_at",
        ]
    )
    log_action(review, "phoihop.review.document_requested", actor=actor, data={"format": fmt})
    transaction.on_commit(partial(task_generate_review_document.enqueue, review_id=review.pk))
    return review


def _progress(review: Review, percent: int, status: str = DocumentStatus.RUNNING) -> None:
    Review.objects.filter(pk=review.pk).update(document_progress=percent, document_status=status)


def review_document_generate(*, review_id: int) -> Review | None:
    """Render the requested document and keep it with the review (called by the task).

    Progress: 10 % figures, 60 % document rendered, 100 % file stored. A failure is recorded
    with its message; nothing else changes. Side effects: audit
    ``phoihop.review.document_generated``.
    """
    from phoihop.reviews import documents

    review = Review.objects.select_related("program", "unit").filter(pk=review_id).first()
    if review is None:
        return None
    fmt = review.document_format or "docx"
    _progress(review, 10)
    try:
        result = documents.review_file(review, fmt)
    except DomainError as exc:
        Review.objects.filter(pk=review.pk).update(
            document_status=DocumentStatus.FAILED, document_error=str(exc)[:300]
        )
        return review
    _progress(review, 60)
    if review.document_file:
        review.document_file.delete(save=False)
    review.document_file.save(result.filename, ContentFile(result.data), save=False)
    review.document_status = DocumentStatus.READY
    review.document_progress = 100
    review.save(update_fields=["document_file", "document_status", "document_progress"])
    log_action(
        review, "phoihop.review.document_generated", data={"format": fmt, "size": len(result.data)}
    )
    return review
