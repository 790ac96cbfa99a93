"""Download a report form as Excel for a unit and period; upload it back."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from phoihop.core.spreadsheet import XLSX_CONTENT_TYPE
from phoihop.indicators import excel
from phoihop.indicators.forms import UploadForm
from phoihop.indicators.views_entry import entry_target


@login_required
@require_GET
def excel_download(request: HttpRequest, unit_id: int, form_code: str, period: str) -> HttpResponse:
    unit, form, parsed = entry_target(request, unit_id, form_code, period)
    response = HttpResponse(excel.form_workbook(unit, form, parsed), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{excel.filename(unit, form, parsed)}"'
    return response


@login_required
@require_POST
def excel_upload(request: HttpRequest, unit_id: int, form_code: str, period: str) -> HttpResponse:
    unit, form, parsed = entry_target(request, unit_id, form_code, period)
    if not request.user.has_perm("indicators.enter_values", unit):
        raise PermissionDenied
    upload = UploadForm(request.POST, request.FILES)
    if not upload.is_valid():
        messages.error(request, _("Choose the filled-in Excel file (.xlsx)."))
        return redirect("indicators:entry_grid", unit.pk, form.code, str(parsed))
    file = upload.cleaned_data["file"]
    result = excel.form_upload(
        unit=unit,
        form=form,
        period=parsed,
        data=file.read(),
        filename=file.name,
        actor=request.user,
    )
    if result.ok:
        messages.success(
            request, _("%(n)d figures were saved from the file.") % {"n": result.saved}
        )
        return redirect("indicators:entry_grid", unit.pk, form.code, str(parsed))
    ctx = {"unit": unit, "form": form, "period": parsed, "errors": result.errors}
    return render(request, "indicators/excel_errors.html", ctx)
