from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phoihop.accounts import services as account_services
from phoihop.accounts.selectors import (
    memberships_of_unit,
    partner_candidates,
    top_units_for,
    units_visible_to,
)
from phoihop.core.audit import entries_for
from phoihop.core.concurrency import EditConflict
from phoihop.core.exceptions import DomainError
from phoihop.core.forms import show_conflict
from phoihop.core.pagination import paginate
from phoihop.orgs import selectors, services
from phoihop.orgs.enums import ReorgKind
from phoihop.orgs.forms import (
    AsOfForm,
    MembershipForm,
    ReorganizeForm,
    UnitCreateForm,
    UnitForm,
    UnitSearchForm,
)
from phoihop.orgs.models import OrgUnit

# The form field a picker's radio buttons fill, e.g. "target" or "parties-0-unit".
PICKER_NAME = re.compile(r"[a-z][a-z0-9_-]{0,40}")


def _visible_unit(request: HttpRequest, pk: int) -> OrgUnit:
    """The unit if the user may see it; 404 otherwise, so ids of others' units reveal nothing."""
    return get_object_or_404(
        units_visible_to(request.user).select_related("system", "level", "area"), pk=pk
    )


@login_required
@require_GET
def tree(request: HttpRequest) -> HttpResponse:
    as_of = AsOfForm(request.GET or None)
    day = as_of.day()
    units = selectors.with_child_flag(top_units_for(request.user), day)
    ctx = {"as_of": as_of, "day": day, "units": units, "inactive": as_of.include_inactive()}
    return render(request, "orgs/tree.html", ctx)


@login_required
@require_GET
def unit_children(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _visible_unit(request, pk)
    as_of = AsOfForm(request.GET or None)
    day = as_of.day()
    units = selectors.children(unit, on=day, include_inactive=as_of.include_inactive())
    units = selectors.with_child_flag(units.filter(pk__in=units_visible_to(request.user)), day)
    ctx = {"units": units, "day": day, "inactive": as_of.include_inactive(), "parent": unit}
    return render(request, "orgs/tree.html#nodes", ctx)


@login_required
@require_GET
def unit_search(request: HttpRequest) -> HttpResponse:
    form = UnitSearchForm(request.GET or None)
    picker = request.GET.get("picker", "")
    # A party picker may also offer counterparts in other systems (see partner_candidates).
    base = (
        partner_candidates(request.user)
        if picker and request.GET.get("scope") == "partners"
        else units_visible_to(request.user)
    )
    units = base.select_related("system", "level", "area")
    searched = bool(request.GET.get("q"))
    units = form.filter_queryset(units).order_by("sort_key", "pk") if searched else units.none()
    ctx = {"form": form, "page": paginate(request, units, 30), "searched": searched}
    if searched and not picker:
        ended = form.ended_matches(base.select_related("system", "level", "area"))
        ctx["ended"] = [
            {"unit": unit, "now": selectors.current_successors(unit)}
            for unit in ended.order_by("sort_key", "pk")[:20]
        ]
    if PICKER_NAME.fullmatch(picker):
        ctx["picker"] = picker
        ctx["multiple"] = request.GET.get("multiple") == "1"
        return render(request, "orgs/unit_search.html#picker", ctx)
    template = "orgs/unit_search.html#results" if request.htmx else "orgs/unit_search.html"
    return render(request, template, ctx)


@login_required
@require_GET
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _visible_unit(request, pk)
    as_of = AsOfForm(request.GET or None)
    day = as_of.day()
    visible = units_visible_to(request.user)
    ctx = {
        "unit": unit,
        "as_of": as_of,
        "day": day,
        "is_active": unit.is_valid_on(day),
        "name_then": selectors.name_on(unit, day),
        "ancestors": selectors.ancestors(unit, on=day),
        "children": selectors.children(unit, on=day).filter(pk__in=visible)[:200],
        # An ended unit's counterparts are those of its last day, not today's strangers.
        "counterparts": selectors.counterparts(
            unit, on=day if unit.is_valid_on(day) else (unit.last_day or day)
        ),
        "history": selectors.history(unit),
        "successors": selectors.successors(unit),
        "audit": entries_for(unit)[:50],
        "can_edit": request.user.has_perm("orgs.change_orgunit", unit),
        "can_reorganize": request.user.has_perm("orgs.reorganize_orgunit", unit),
        "can_manage_members": request.user.has_perm("accounts.manage_membership", unit),
    }
    return render(request, "orgs/unit_detail.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _visible_unit(request, pk)
    if not request.user.has_perm("orgs.change_orgunit", unit):
        raise PermissionDenied
    form = UnitForm(request.POST or None, instance=unit, system=unit.system)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in UnitForm.Meta.fields}
        unit.refresh_from_db()
        try:
            services.unit_update(
                unit=unit, actor=request.user, version=form.cleaned_data["version"] or 0, **fields
            )
        except EditConflict as conflict:
            show_conflict(form, conflict)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("The unit has been saved."))
            return redirect(unit)
    return render(request, "orgs/unit_form.html", {"form": form, "unit": unit})


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request: HttpRequest, parent_pk: int) -> HttpResponse:
    parent = _visible_unit(request, parent_pk)
    if not request.user.has_perm("orgs.add_orgunit", parent):
        raise PermissionDenied
    form = UnitCreateForm(request.POST or None, system=parent.system)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(
                system=parent.system, parent=parent, actor=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("The unit has been created."))
            return redirect(unit)
    return render(request, "orgs/unit_form.html", {"form": form, "parent": parent})


@login_required
@require_http_methods(["GET", "POST"])
def unit_reorganize(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _visible_unit(request, pk)
    if not request.user.has_perm("orgs.reorganize_orgunit", unit):
        raise PermissionDenied
    form = ReorganizeForm(request.POST or None, user=request.user, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            _apply_reorganization(unit, form.cleaned_data, request.user)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The reorganisation has been recorded."))
            return redirect(unit)
    return render(request, "orgs/unit_reorganize.html", {"form": form, "unit": unit})


def _apply_reorganization(unit: OrgUnit, data: dict, actor) -> None:
    on, basis, kind = data["effective_on"], data["legal_basis"], data["kind"]
    if kind == ReorgKind.RENAME:
        services.unit_rename(
            unit=unit,
            name=data["new_name"],
            short_name=data["new_short_name"],
            on=on,
            actor=actor,
            legal_basis=basis,
        )
    elif kind == ReorgKind.MOVE:
        services.unit_move(
            unit=unit, new_parent=data["target"], on=on, actor=actor, legal_basis=basis
        )
    elif kind == ReorgKind.MERGE:
        services.units_merge(
            sources=[unit], target=data["target"], on=on, actor=actor, legal_basis=basis
        )
    else:
        services.unit_dissolve(
            unit=unit, on=on, actor=actor, legal_basis=basis, cascade=data["cascade"]
        )


@login_required
@require_http_methods(["GET", "POST"])
def unit_members(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _visible_unit(request, pk)
    if not request.user.has_perm("accounts.manage_membership", unit):
        raise PermissionDenied
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_services.membership_grant(
                user=form.cleaned_data["username"],
                unit=unit,
                role=form.cleaned_data["role"],
                include_subunits=form.cleaned_data["include_subunits"],
                actor=request.user,
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The role has been granted."))
            return redirect("orgs:unit_members", pk=unit.pk)
    memberships = memberships_of_unit(unit)
    ctx = {"unit": unit, "form": form, "memberships": memberships}
    return render(request, "orgs/unit_members.html", ctx)


@login_required
@require_POST
def membership_revoke(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    unit = _visible_unit(request, pk)
    if not request.user.has_perm("accounts.manage_membership", unit):
        raise PermissionDenied
    membership = get_object_or_404(memberships_of_unit(unit), pk=membership_pk)
    account_services.membership_revoke(membership=membership, actor=request.user)
    messages.success(request, _("The role has been removed."))
    return redirect("orgs:unit_members", pk=unit.pk)
