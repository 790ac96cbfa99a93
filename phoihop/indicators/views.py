"""Indicator pages: the index ("Việc cần làm"), the catalog, forms, dashboards and targets."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from phoihop.core.exceptions import DomainError
from phoihop.indicators import dashboards, pages, selectors, selectors_home, services
from phoihop.indicators.enums import Structure
from phoihop.indicators.forms import DashboardForm, TargetForm
from phoihop.indicators.periods import Period
from phoihop.orgs.models import OrgUnit
from phoihop.programs.selectors import program_get_for_user


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    ctx = {
        "todo": selectors_home.due_for(request.user),
        "forms": dashboards.forms_with_units(request.user),
    }
    return render(request, "indicators/index.html", ctx)


@login_required
@require_GET
def catalog(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    ctx = {"indicators": dashboards.catalog(query), "q": query}
    return render(request, "indicators/catalog.html", ctx)


@login_required
@require_GET
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = dashboards.indicator_detail(code)
    if indicator is None:
        raise Http404
    ctx = {"indicator": indicator, "forms": dashboards.forms_of_indicator(indicator)}
    return render(request, "indicators/indicator_detail.html", ctx)


@login_required
@require_GET
def form_detail(request: HttpRequest, code: str) -> HttpResponse:
    form = pages.form_for(code)
    if form is None:
        raise Http404
    period = pages.current_period(form)
    ctx = {
        "form": form,
        "indicators": selectors.form_indicators(form),
        "period": period,
        "periods": pages.period_choices(form, period),
        "units": dict(dashboards.forms_with_units(request.user)).get(form, []),
    }
    return render(request, "indicators/form_detail.html", ctx)


def _dashboard_choices(request: HttpRequest, forms: list) -> dict:
    """The form, period, structure and approved-only switch asked for (defaults otherwise)."""
    choice = DashboardForm(request.GET or None)
    form = next((f for f in forms if f.code == choice.value("form")), forms[0] if forms else None)
    period = pages.period_or_none(str(choice.value("period")))
    if form is not None and (period is None or period.period_type != form.period_type):
        period = pages.current_period(form).previous()
    structure = choice.value("structure", Structure.CURRENT)
    return {
        "choice": choice,
        "form": form,
        "period": period,
        "structure": structure,
        "approved_only": bool(choice.value("approved_only", False)),
        "indicator_code": choice.value("indicator", ""),
    }


def _unit_dashboard(unit: OrgUnit, choices: dict, program: object = None) -> dict:
    form, period = choices["form"], choices["period"]
    if form is None or period is None:
        return {}
    indicators = selectors.form_indicators(form)
    program = program or form.program  # a program's form compares with that program's targets
    options = {"structure": choices["structure"], "approved_only": choices["approved_only"]}
    figures = dashboards.key_figures(unit, str(period), indicators, program=program, **options)
    plottable = dashboards.chartable(indicators)
    chosen = next((i for i in plottable if i.code == choices["indicator_code"]), None)
    chosen = chosen or (plottable[0] if plottable else None)
    ctx = {"figures": figures, "indicators": plottable, "indicator": chosen}
    if chosen is not None:
        periods: list[Period] = dashboards.recent_periods(period)
        ctx["trend"], ctx["trend_svg"] = dashboards.trend_chart(unit, chosen, periods, **options)
        ctx["kids"], ctx["kids_svg"] = dashboards.children_chart(
            unit, str(period), chosen, **options
        )
    ctx["completeness"] = selectors.completeness(unit, form, str(period), limit=10)
    ctx["periods"] = pages.period_choices(form, period)
    return ctx


@login_required
@require_GET
def unit_dashboard(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = pages.unit_for(request.user, unit_id)
    if unit is None:
        raise Http404
    forms = list(selectors.forms_active())
    choices = _dashboard_choices(request, forms)
    ctx = {"unit": unit, "forms": forms, **choices, **_unit_dashboard(unit, choices)}
    return render(request, "indicators/dashboard.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def unit_targets(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = pages.unit_for(request.user, unit_id)
    if unit is None:
        raise Http404
    can_set = request.user.has_perm("indicators.enter_values", unit)
    form = None
    if can_set:
        form = TargetForm(
            request.POST or None,
            indicators=dashboards.target_indicators(),
            programs=dashboards.unit_programs(request.user, unit),
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.target_set(unit=unit, actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The target has been set."))
                return redirect("indicators:unit_targets", unit.pk)
    lines = dashboards.target_lines(dashboards.unit_targets(request.user, unit))
    return render(request, "indicators/targets.html", {"unit": unit, "lines": lines, "form": form})


@login_required
@require_GET
def program_dashboard(request: HttpRequest, program_id: int) -> HttpResponse:
    program = program_get_for_user(request.user, program_id)
    if program is None:
        raise Http404
    units = dashboards.program_lead_units(request.user, program)
    forms = dashboards.program_forms(program) or list(selectors.forms_active())
    choices = _dashboard_choices(request, forms)
    unit = units[0] if units else None
    ctx = {
        "program": program,
        "unit": unit,
        "units": units,
        "forms": forms,
        "lines": dashboards.target_lines(dashboards.program_targets(request.user, program)),
        **choices,
        **(_unit_dashboard(unit, choices, program=program) if unit else {}),
    }
    return render(request, "indicators/program_dashboard.html", ctx)
