"""The entry grid of one unit × form × period: autosave by row, save all, submit, history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from phoihop.core.exceptions import DomainError
from phoihop.indicators import pages, services
from phoihop.indicators.models import ReportForm
from phoihop.indicators.periods import Period
from phoihop.orgs.models import OrgUnit


def entry_target(
    request: HttpRequest, unit_id: int, form_code: str, period: str
) -> tuple[OrgUnit, ReportForm, Period]:
    """The unit (visible to the user), the form and the period named by the URL, else 404."""
    unit = pages.unit_for(request.user, unit_id)
    form = pages.form_for(form_code)
    parsed = pages.period_or_none(period)
    if unit is None or form is None or parsed is None or parsed.period_type != form.period_type:
        raise Http404
    return unit, form, parsed


def _grid_context(request: HttpRequest, unit: OrgUnit, form: ReportForm, period: Period) -> dict:
    state = pages.entry_state(request.user, unit, form, str(period))
    rows = pages.entry_rows(unit, form, str(period))
    return {
        "unit": unit,
        "form": form,
        "period": period,
        "periods": pages.period_choices(form, period),
        "state": state,
        "rows": rows,
        "blocking": [i for row in rows for i in row.issues if i.blocks],
        "split_names": _split_names(rows),
    }


def _split_names(rows: list[pages.EntryRow]) -> list[str]:
    names: list[str] = []
    for row in rows:
        for cell in row.cells:
            if cell.label not in names and len(row.cells) > 1:
                names.append(cell.label)
    return names


@login_required
@require_GET
def entry_grid(request: HttpRequest, unit_id: int, form_code: str, period: str) -> HttpResponse:
    unit, form, parsed = entry_target(request, unit_id, form_code, period)
    return render(request, "indicators/entry.html", _grid_context(request, unit, form, parsed))


@login_required
@require_POST
def entry_row_save(request: HttpRequest, unit_id: int, form_code: str, period: str) -> HttpResponse:
    """Autosave of one row (htmx): answers the messages of every row, swapped out of band."""
    unit, form, parsed = entry_target(request, unit_id, form_code, period)
    if not request.user.has_perm("indicators.enter_values", unit):
        raise PermissionDenied
    indicator = pages.form_indicator(form, request.POST.get("indicator"))
    if indicator is None:
        raise Http404
    error = ""
    try:
        entries = pages.row_entries(indicator, request.POST)
        services.values_save_batch(
            unit=unit, period=str(parsed), entries=entries, actor=request.user
        )
    except pages.CellError as exc:
        error = exc.message
    except DomainError as exc:
        error = str(exc)
    ctx = _grid_context(request, unit, form, parsed)
    ctx.update(saved=indicator.pk, error=error)
    # 200 even for a refused figure: htmx swaps only successful answers.
    return render(request, "indicators/entry.html#feedback", ctx)


@login_required
@require_POST
def entry_save_all(request: HttpRequest, unit_id: int, form_code: str, period: str) -> HttpResponse:
    """The whole grid at once (without JavaScript, or "Lưu tất cả"): all rows or none."""
    unit, form, parsed = entry_target(request, unit_id, form_code, period)
    if not request.user.has_perm("indicators.enter_values", unit):
        raise PermissionDenied
    ctx = _grid_context(request, unit, form, parsed)
    try:
        entries = [
            entry
            for row in ctx["rows"]
            if not row.is_computed
            for entry in pages.row_entries(row.indicator, request.POST)
        ]
        services.values_save_batch(
            unit=unit, period=str(parsed), entries=entries, actor=request.user
        )
    except pages.CellError as exc:
        messages.error(request, exc.message)
    except services.ValuesInvalid as exc:
        messages.error(request, _("Nothing was saved: ") + "; ".join(m for _i, m in exc.errors))
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The figures have been saved."))
    return redirect("indicators:entry_grid", unit.pk, form.code, str(parsed))


@login_required
@require_POST
def entry_submit(request: HttpRequest, unit_id: int, form_code: str, period: str) -> HttpResponse:
    unit, form, parsed = entry_target(request, unit_id, form_code, period)
    if not request.user.has_perm("indicators.enter_values", unit):
        raise PermissionDenied
    try:
        services.submission_submit(unit=unit, form=form, period=str(parsed), actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The report has been sent to the level above."))
    return redirect("indicators:entry_grid", unit.pk, form.code, str(parsed))


@login_required
@require_GET
def value_history(
    request: HttpRequest, unit_id: int, form_code: str, period: str, indicator_id: int
) -> HttpResponse:
    unit, form, parsed = entry_target(request, unit_id, form_code, period)
    indicator = pages.form_indicator(form, indicator_id)
    if indicator is None:
        raise Http404
    ctx = {
        "unit": unit,
        "form": form,
        "period": parsed,
        "indicator": indicator,
        "lines": pages.value_history(unit, indicator, str(parsed)),
    }
    return render(request, "indicators/history.html", ctx)
