"""The approver's pages: the queue, approve / return / waive / unlock, and completeness."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from phoihop.core.exceptions import DomainError
from phoihop.indicators import dashboards, pages, services
from phoihop.indicators.forms import ReasonForm, ReturnForm
from phoihop.indicators.models import Submission
from phoihop.indicators.views_entry import entry_target


def _submission(request: HttpRequest, pk: int) -> Submission:
    submission = pages.submission_for(request.user, pk)
    if submission is None:
        raise Http404
    if not request.user.has_perm("indicators.approve_submission", submission.unit):
        raise PermissionDenied
    return submission


def _back(request: HttpRequest, submission: Submission) -> HttpResponse:
    if request.POST.get("next") == "queue":
        return redirect("indicators:approvals")
    return redirect(
        "indicators:entry_grid", submission.unit_id, submission.form.code, submission.period
    )


def _form_errors(request: HttpRequest, form: ReturnForm | ReasonForm) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@login_required
@require_GET
def approvals(request: HttpRequest) -> HttpResponse:
    ctx = {
        "queue": pages.approval_queue(request.user),
        "decided": pages.decided_recently(request.user),
        "return_form": ReturnForm(),
        "reason_form": ReasonForm(),
    }
    return render(request, "indicators/approvals.html", ctx)


def _decide(
    request: HttpRequest,
    submission: Submission,
    decide: Callable[..., Any],
    success: str,
    form: ReturnForm | ReasonForm | None = None,
) -> HttpResponse:
    """Run one workflow service on the submission (with the form's cleaned fields), say the
    outcome in Vietnamese, and go back where the decision was made."""
    if form is not None and not form.is_valid():
        _form_errors(request, form)
        return _back(request, submission)
    try:
        decide(submission=submission, actor=request.user, **(form.cleaned_data if form else {}))
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return _back(request, submission)


@login_required
@require_POST
def submission_approve(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    done = _("The report of %(unit)s is approved.") % {"unit": submission.unit}
    return _decide(request, submission, services.submission_approve, done)


@login_required
@require_POST
def submission_return(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    done = _("The report of %(unit)s was returned.") % {"unit": submission.unit}
    return _decide(request, submission, services.submission_return, done, ReturnForm(request.POST))


@login_required
@require_POST
def submission_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    done = _("The report is unlocked for correction.")
    return _decide(request, submission, services.submission_unlock, done, ReasonForm(request.POST))


@login_required
@require_POST
def submission_waive(
    request: HttpRequest, unit_id: int, form_code: str, period: str
) -> HttpResponse:
    unit, form, parsed = entry_target(request, unit_id, form_code, period)
    if not request.user.has_perm("indicators.approve_submission", unit):
        raise PermissionDenied
    reason = ReasonForm(request.POST)
    if reason.is_valid():
        try:
            services.submission_waive(
                unit=unit,
                form=form,
                period=str(parsed),
                reason=reason.cleaned_data["reason"],
                actor=request.user,
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%(unit)s is excused from this report.") % {"unit": unit})
    else:
        _form_errors(request, reason)
    if request.POST.get("next") == "completeness":
        parent = request.POST.get("parent", "")
        if parent.isdigit():
            return redirect("indicators:completeness", int(parent), form.code, str(parsed))
    return redirect("indicators:entry_grid", unit.pk, form.code, str(parsed))


@login_required
@require_GET
def completeness(request: HttpRequest, unit_id: int, form_code: str, period: str) -> HttpResponse:
    unit, form, parsed = entry_target(request, unit_id, form_code, period)
    top, rows = dashboards.completeness_drill(unit, form, str(parsed))
    ctx = {
        "unit": unit,
        "form": form,
        "period": parsed,
        "periods": pages.period_choices(form, parsed),
        "top": top,
        "rows": rows,
        "waivable": {
            u.pk for u in top.missing if request.user.has_perm("indicators.approve_submission", u)
        },
        "reason_form": ReasonForm(),
    }
    return render(request, "indicators/completeness.html", ctx)
