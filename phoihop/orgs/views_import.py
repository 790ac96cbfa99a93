"""Bulk import of org units from Excel, read in the background worker.

Who may add under which parent is checked per row by ``orgs.imports``; who may upload at all
(an editor, not a viewer) and how many files at once by ``orgs.import_jobs``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phoihop.core.exceptions import DomainError
from phoihop.orgs import import_jobs, imports, selectors
from phoihop.orgs.forms_import import UnitImportForm
from phoihop.orgs.models_imports import UnitImportJob

MAX_ERRORS_SHOWN = 500


def _job(request: HttpRequest, pk: int) -> UnitImportJob:
    job = selectors.unit_import_job_get_for_user(request.user, pk)
    if job is None:  # someone else's job is as missing as a deleted one
        raise Http404
    return job


@login_required
@require_http_methods(["GET", "POST"])
def unit_import(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("orgs.import_orgunits"):
        raise PermissionDenied
    form = UnitImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = import_jobs.unit_import_start(
                actor=request.user,
                data=upload.read(),
                filename=upload.name,
                dry_run=form.cleaned_data["dry_run"],
            )
        except DomainError as exc:  # too many unfinished imports
            form.add_error(None, str(exc))
        else:
            return redirect("orgs:unit_import_job", pk=job.pk)
    # Errors re-render the page with 200, so an htmx swap would show them too.
    return render(request, "orgs/unit_import.html", {"form": form})


@login_required
@require_GET
def unit_import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's outcome; the page polls the "progress" partial until the job has finished."""
    job = _job(request, pk)
    ctx = {
        "job": job,
        "errors": job.errors[:MAX_ERRORS_SHOWN],
        "more_errors": max(len(job.errors) - MAX_ERRORS_SHOWN, 0),
        "preview": job.preview[:MAX_ERRORS_SHOWN],
    }
    template = "orgs/unit_import_job.html"
    if request.htmx:
        template += "#progress"
    return render(request, template, ctx)


@login_required
@require_POST
def unit_import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Import the file a dry run found correct."""
    job = _job(request, pk)
    try:
        confirmed = import_jobs.unit_import_confirm(job=job, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("orgs:unit_import_job", pk=job.pk)
    return redirect("orgs:unit_import_job", pk=confirmed.pk)


@login_required
@require_GET
def unit_import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        imports.units_template_workbook(), content_type=imports.XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{imports.TEMPLATE_FILENAME}"'
    return response
