"""The Excel round trip of activities: template, background import with progress, export."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phoihop.activities import excel, imports, selectors, selectors_excel
from phoihop.activities.forms import ActivityFilterForm
from phoihop.activities.models_imports import ActivityImportJob
from phoihop.core.exceptions import DomainError
from phoihop.core.spreadsheet import XLSX_CONTENT_TYPE
from phoihop.orgs.selectors import today

MAX_ERRORS_SHOWN = 500


class ActivityImportForm(forms.Form):
    """The upload; the rows themselves are checked by ``activities.imports`` in the background."""

    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("Made from the template: one row per activity."),
        widget=forms.FileInput(attrs={"accept": ".xlsx," + XLSX_CONTENT_TYPE}),
    )
    # Set by the "Check only" button; the "Import" button leaves it out.
    dry_run = forms.BooleanField(required=False)

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        # Refused before reading it into memory; the import checks again for the CLI.
        if upload.size > settings.MAX_UPLOAD_SIZE:
            raise forms.ValidationError(
                _("The file is larger than %(size)s."),
                code="too_large",
                params={"size": filesizeformat(settings.MAX_UPLOAD_SIZE)},
            )
        return upload


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _job(request: HttpRequest, pk: int) -> ActivityImportJob:
    job = selectors_excel.import_job_get_for_user(request.user, pk)
    if job is None:  # someone else's job is as missing as a deleted one
        raise Http404
    return job


@login_required
@require_GET
def activity_template(request: HttpRequest) -> HttpResponse:
    return _xlsx(excel.activities_template_workbook(request.user), excel.TEMPLATE_FILENAME)


@login_required
@require_http_methods(["GET", "POST"])
def activity_import(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("activities.import_activities"):
        raise PermissionDenied  # a viewer; the service checks it again
    form = ActivityImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = imports.activity_import_start(
                actor=request.user,
                data=upload.read(),
                filename=upload.name,
                dry_run=form.cleaned_data["dry_run"],
            )
        except DomainError as exc:  # too many unfinished imports
            form.add_error(None, str(exc))
        else:
            return redirect("activities_excel:import_job_detail", pk=job.pk)
    ctx = {"form": form, "jobs": selectors_excel.import_jobs_of(request.user)[:10]}
    # An invalid upload re-renders the page with 200, so an htmx swap would show it too.
    return render(request, "activities_excel/activity_import.html", ctx)


@login_required
@require_GET
def import_job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's progress; the page polls the "progress" partial until the job has finished."""
    job = _job(request, pk)
    ctx = {
        "job": job,
        "errors": job.errors[:MAX_ERRORS_SHOWN],
        "more_errors": max(len(job.errors) - MAX_ERRORS_SHOWN, 0),
    }
    template = "activities_excel/import_job.html"
    if request.htmx:
        template += "#progress"
    return render(request, template, ctx)


@login_required
@require_POST
def import_job_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Import the file a dry run found correct."""
    job = _job(request, pk)
    try:
        confirmed = imports.activity_import_confirm(job=job, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("activities_excel:import_job_detail", pk=job.pk)
    return redirect("activities_excel:import_job_detail", pk=confirmed.pk)


@login_required
@require_GET
def activity_export(request: HttpRequest) -> HttpResponse:
    """The activity list as filtered on screen (same query parameters), as .xlsx: the
    re-importable columns, or with ``layout=report`` a readable report (names, not codes)."""
    filters = ActivityFilterForm(request.GET or None).filters(user=request.user)
    activities = selectors.activities_for_listing(request.user, filters)
    if request.GET.get("layout") == "report":
        return _xlsx(
            excel.activities_report_workbook(activities), f"bao-cao-hoat-dong-{today():%Y%m%d}.xlsx"
        )
    return _xlsx(excel.activities_export_workbook(activities), f"hoat-dong-{today():%Y%m%d}.xlsx")
