"""Review pages: the program's reviews, one review (figures, drill-down, sections beside the
children's texts, workflow, documents). Thin views: selector → permission → form → service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from phoihop.accounts.selectors import units_reachable
from phoihop.core.audit import entries_for
from phoihop.core.exceptions import DomainError
from phoihop.programs import selectors as program_selectors
from phoihop.reporting import exports
from phoihop.reviews import documents, selectors, services
from phoihop.reviews.enums import EDITABLE_STATES, SECTIONS, DocumentStatus, ReviewState
from phoihop.reviews.forms import DocumentForm, ReturnForm, ReviewCreateForm, ReviewEditForm
from phoihop.reviews.models import Review


def _review(request: HttpRequest, pk: int) -> Review:
    review = selectors.review_get_for_user(request.user, pk)
    if review is None:
        raise Http404
    return review


def _program(request: HttpRequest, pk: str | int | None):
    if not str(pk or "").isdigit():
        raise Http404
    program = program_selectors.program_get_for_user(request.user, int(pk))
    if program is None:
        raise Http404
    return program


def _editable_units(request: HttpRequest, program) -> list:
    reachable = set(
        units_reachable(request.user, "edit")
        .filter(pk__in=[p.unit_id for p in program.parties.all()])
        .values_list("pk", flat=True)
    )
    return [p.unit for p in program.parties.all() if p.unit_id in reachable]


@login_required
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    program = _program(request, request.GET.get("program"))
    units = _editable_units(request, program)
    reviews = list(selectors.reviews_of_program(request.user, program))
    ctx = {
        "program": program,
        "reviews": reviews,
        "open_milestones": selectors.review_milestones_without_review(program) if units else [],
        "form": ReviewCreateForm(units=units) if units else None,
    }
    return render(request, "reviews/review_list.html", ctx)


@login_required
@require_POST
def review_create(request: HttpRequest, program_pk: int) -> HttpResponse:
    program = _program(request, program_pk)
    form = ReviewCreateForm(request.POST, units=_editable_units(request, program))
    if form.is_valid():
        try:
            review = services.review_create(
                program=program, actor=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect(review)
    reviews = list(selectors.reviews_of_program(request.user, program))
    ctx = {"program": program, "reviews": reviews, "form": form, "open_milestones": []}
    return render(request, "reviews/review_list.html", ctx)


@login_required
@require_POST
def review_from_milestone(request: HttpRequest, program_pk: int, milestone_pk: int) -> HttpResponse:
    program = _program(request, program_pk)
    milestone = program.milestones.filter(pk=milestone_pk).first()
    if milestone is None:
        raise Http404
    try:
        review = services.review_create_for_milestone(milestone=milestone, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect(f"{reverse('reviews:review_list')}?program={program.pk}")
    return redirect(review)


def _detail_context(request: HttpRequest, review: Review, **extra) -> dict:
    figures = selectors.review_figures(review)
    can_edit = review.state in EDITABLE_STATES and request.user.has_perm(
        "reviews.change_review", review
    )
    children_texts = selectors.children_texts(review)
    narrative = review.narrative or {}
    initial = {
        "number": review.number,
        "place": review.place,
        "issued_on": review.issued_on,
        "signatory_name": review.signatory_name,
        "signatory_title": review.signatory_title,
        **{f"section_{key}": narrative.get(key, "") for key, _h in SECTIONS},
    }
    form = extra.pop("form", None) or (ReviewEditForm(initial=initial) if can_edit else None)
    return {
        "review": review,
        "figures": figures,
        "hierarchy": selectors.review_hierarchy(review),
        "sections": [
            {
                "key": key,
                "heading": heading,
                "text": narrative.get(key, ""),
                "field": form[f"section_{key}"] if form else None,
                "children": children_texts[key],
            }
            for key, heading in SECTIONS
        ],
        "form": form,
        "can_edit": can_edit,
        "can_approve": review.state == ReviewState.SUBMITTED
        and request.user.has_perm("reviews.approve_review", review),
        "return_form": ReturnForm(),
        "document_form": DocumentForm(),
        "audit": entries_for(review)[:50],
        **extra,
    }


@login_required
@require_GET
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    return render(request, "reviews/review_detail.html", _detail_context(request, review))


@login_required
@require_POST
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    if not request.user.has_perm("reviews.change_review", review):
        raise PermissionDenied
    form = ReviewEditForm(request.POST)
    if form.is_valid():
        try:
            services.review_update(
                review=review, actor=request.user, narrative=form.narrative(), **form.header()
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The review was saved."))
            return redirect(review)
    ctx = _detail_context(request, review, form=form)
    return render(request, "reviews/review_detail.html", ctx)


@login_required
@require_POST
def review_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    review = _review(request, pk)
    try:
        if action == "submit":
            services.review_submit(review=review, actor=request.user)
        elif action == "approve":
            services.review_approve(review=review, actor=request.user)
        elif action == "return":
            form = ReturnForm(request.POST)
            if not form.is_valid():
                raise DomainError(_("Say why the review is returned."))
            services.review_return(
                review=review, actor=request.user, reason=form.cleaned_data["reason"]
            )
        elif action == "next_program":
            program = services.review_draft_next_program(review=review, actor=request.user)
            return redirect(program)
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect(review)


@login_required
@require_GET
def review_drill(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    dim, key = request.GET.get("dim", "total"), request.GET.get("key", "")
    program_id = request.GET.get("program")
    ctx = {
        "review": review,
        "dim": dim,
        "key": key,
        "children": selectors.drill_children(review, dim, key),
        "activities": (
            selectors.drill_activities(review, dim, key, program_id=int(program_id))
            if program_id and program_id.isdigit()
            else None
        ),
    }
    return render(request, "reviews/review_detail.html#drill", ctx)


@login_required
@require_GET
def review_document(request: HttpRequest, pk: int) -> HttpResponse:
    """The document rendered now (small reviews); large ones are generated in the background."""
    review = _review(request, pk)
    fmt = request.GET.get("format", "docx")
    if fmt not in services.DOCUMENT_FORMATS:
        return HttpResponse(
            _("Unknown document format: choose docx, pdf or xlsx."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    try:
        return exports.as_response(documents.review_file(review, fmt))
    except DomainError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")


@login_required
@require_POST
def review_generate(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    form = DocumentForm(request.POST)
    if form.is_valid():
        try:
            services.review_document_request(
                review=review, fmt=form.cleaned_data["format"], actor=request.user
            )
        except DomainError as exc:
            messages.error(request, str(exc))
    review = _review(request, pk)
    template = "reviews/review_detail.html#generation" if request.htmx else None
    if template:
        return render(request, template, {"review": review, "document_form": DocumentForm()})
    return redirect(review)


@login_required
@require_GET
def review_generation(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    ctx = {"review": review, "document_form": DocumentForm()}
    return render(request, "reviews/review_detail.html#generation", ctx)


@login_required
@require_GET
def review_file(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    if review.document_status != DocumentStatus.READY or not review.document_file:
        raise Http404
    return FileResponse(
        review.document_file.open("rb"),
        as_attachment=True,
        filename=review.document_file.name.rsplit("/", 1)[-1],
    )
