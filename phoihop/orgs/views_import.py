"""Bulk import of org units from Excel. Who may add under which parent is checked per row."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from phoihop.orgs import imports
from phoihop.orgs.forms_import import UnitImportForm


@login_required
@require_http_methods(["GET", "POST"])
def unit_import(request: HttpRequest) -> HttpResponse:
    result = None
    if request.method == "POST":
        form = UnitImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            result = imports.units_import(
                data=upload.read(),
                filename=upload.name,
                actor=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
            if result.ok and not result.dry_run:
                count = len(result.created)
                messages.success(
                    request,
                    ngettext("Imported %(count)d unit.", "Imported %(count)d units.", count)
                    % {"count": count},
                )
                return redirect("orgs:tree")
    else:
        form = UnitImportForm()
    # Errors re-render the page with 200, so an htmx swap would show them too.
    return render(request, "orgs/unit_import.html", {"form": form, "result": result})


@login_required
@require_GET
def unit_import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        imports.units_template_workbook(), content_type=imports.XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{imports.TEMPLATE_FILENAME}"'
    return response
