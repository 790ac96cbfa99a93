from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phoihop.activities import selectors, services
from phoihop.activities.forms import (
    COST_FIELDS,
    ActivityFilterForm,
    ActivityForm,
    EvidenceForm,
    MergeForm,
)
from phoihop.activities.models import Activity
from phoihop.core.audit import entries_for
from phoihop.core.concurrency import EditConflict
from phoihop.core.exceptions import DomainError
from phoihop.core.forms import show_conflict
from phoihop.core.ids import parse_id
from phoihop.core.pagination import paginate
from phoihop.orgs.selectors import today
from phoihop.programs.selectors import programs_for_entry


def _activity(request: HttpRequest, pk: int) -> Activity:
    return get_object_or_404(
        selectors.with_details(selectors.activities_visible_to(request.user)), pk=pk
    )


def _require_edit(request: HttpRequest, activity: Activity) -> None:
    if not request.user.has_perm("activities.change_activity", activity):
        raise PermissionDenied


@login_required
@require_GET
def activity_list(request: HttpRequest) -> HttpResponse:
    form = ActivityFilterForm(request.GET or None)
    filters = form.filters(user=request.user)
    listing = selectors.activity_listing(request.user, filters)
    ctx = {
        "form": form,
        "unit": filters.get("unit"),
        "subunits": form.subunits_wanted(),
        "totals": listing.totals,
        "page": paginate(request, listing.activities, 30),
        "query": request.GET.urlencode(),
    }
    template = (
        "activities/activity_list.html#results" if request.htmx else "activities/activity_list.html"
    )
    return render(request, template, ctx)


def _form_context(request: HttpRequest, form: ActivityForm, **extra: object) -> dict:
    program = form["program"].value()
    program_id = parse_id(program)
    chosen_program = (
        form.fields["program"].queryset.filter(pk=program_id).first() if program_id else None
    )
    selected = form["content_areas"].value() or []
    return {
        "program_areas": chosen_program.content_areas.all() if chosen_program else [],
        "selected_areas": [pk for pk in map(parse_id, selected) if pk],
        "form": form,
        "my_units": form.my_units(),
        "chosen_lead": form.chosen("lead_unit"),
        "chosen_partners": form.chosen("partners"),
        "programs": programs_for_entry(request.user, include=program),
        "cost_fields": [form[name] for name in COST_FIELDS],
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest) -> HttpResponse:
    initial = _initial(request)
    form = ActivityForm(request.POST or None, user=request.user, initial=initial)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = form.service_kwargs()
        if not request.POST.get("not_a_duplicate"):
            duplicates = selectors.likely_duplicates(
                within=selectors.duplicate_candidates(request.user),
                title=data["title"],
                starts_on=data["starts_on"],
                unit_ids=[unit.pk for unit, _role in data["organizers"]],
                area_id=data["area"].pk if data["area"] else None,
            )
        if not duplicates:
            try:
                activity = services.activity_create(actor=request.user, **data)
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The activity has been recorded."))
                if request.POST.get("and_another"):
                    return redirect("activities:activity_create")
                return redirect(activity)
    ctx = _form_context(request, form, duplicates=duplicates)
    return render(request, "activities/activity_form.html", ctx)


def _initial(request: HttpRequest) -> dict:
    """Sensible defaults: today, the user's unit, the program in effect; or a copy."""
    initial: dict = {"starts_on": today()}
    source = request.GET.get("copy")
    if source:
        source_id = parse_id(source)
        earlier = (
            selectors.last_activity_of(request.user)
            if source == "last"
            else selectors.activity_get_for_user(request.user, source_id)
            if source_id
            else None
        )
        if earlier is not None:
            initial.update(services.activity_copy_initial(earlier, today=today()))
            initial["partners"] = [o.unit_id for o in earlier.organizers.all() if o.role != "lead"]
            lead = next((o.unit_id for o in earlier.organizers.all() if o.role == "lead"), None)
            if lead:
                initial["lead_unit"] = lead
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    _require_edit(request, activity)
    organizers = list(activity.organizers.all())
    initial = {
        **services.activity_copy_initial(activity, today=activity.starts_on),
        "ends_on": activity.ends_on,
        "union_members": activity.union_members,
        "women_members": activity.women_members,
        "workers": activity.workers,
        "beneficiaries": activity.beneficiaries,
        "benefits_value": activity.benefits_value,
        "description": activity.description,
        "version": activity.version,
        "lead_unit": next(
            (o.unit_id for o in organizers if o.role == "lead"), organizers[0].unit_id
        ),
        "partners": [o.unit_id for o in organizers if o.role != "lead"],
        "content_areas": [a.pk for a in activity.content_areas.all()],
        **{
            name: c.amount
            for c in activity.costs.all()
            for name, s in COST_FIELDS.items()
            if s == c.source
        },
    }
    form = ActivityForm(request.POST or None, user=request.user, initial=initial, activity=activity)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(
                activity=activity,
                actor=request.user,
                version=form.cleaned_data["version"] or 0,
                **form.service_kwargs(),
            )
        except EditConflict as conflict:
            show_conflict(form, conflict)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The activity has been saved."))
            return redirect(activity)
    return render(
        request, "activities/activity_form.html", _form_context(request, form, activity=activity)
    )


@login_required
@require_GET
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    organizers = list(activity.organizers.all())
    ctx = {
        "activity": activity,
        "organizers": organizers,
        "costs": activity.costs.all(),
        "evidence": selectors.evidence_visible_for(request.user, activity),
        "duplicates": selectors.likely_duplicates(
            within=selectors.duplicate_candidates(request.user),
            title=activity.title,
            starts_on=activity.starts_on,
            unit_ids=[o.unit_id for o in organizers],
            area_id=activity.area_id,
            exclude_pk=activity.pk,
        ),
        "merged": activity.merged_duplicates.all(),
        "audit": entries_for(activity)[:50],
        "can_edit": request.user.has_perm("activities.change_activity", activity),
        "evidence_form": EvidenceForm(),
    }
    return render(request, "activities/activity_detail.html", ctx)


@login_required
@require_POST
def activity_merge(request: HttpRequest, pk: int) -> HttpResponse:
    keep = _activity(request, pk)
    _require_edit(request, keep)
    form = MergeForm(request.POST)
    if not form.is_valid():
        raise Http404
    # The duplicate may be the counterpart's entry of the same event (see duplicate_candidates):
    # merging credits it to both and keeps the counterpart's organizers.
    duplicate = get_object_or_404(
        selectors.duplicate_candidates(request.user), pk=form.cleaned_data["duplicate"]
    )
    try:
        services.activity_merge(keep=keep, duplicate=duplicate, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("The two entries are now one activity, credited to every organizer.")
        )
    return redirect(keep)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    _require_edit(request, activity)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.evidence_add(
                activity=activity,
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                actor=request.user,
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The file has been attached."))
    else:
        messages.error(request, _("Choose a file to attach."))
    return redirect(f"{activity.get_absolute_url()}#evidence")


@login_required
@require_GET
def evidence_download(request: HttpRequest, pk: int, evidence_pk: int) -> FileResponse:
    activity = _activity(request, pk)
    evidence = get_object_or_404(
        selectors.evidence_visible_for(request.user, activity), pk=evidence_pk
    )
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name
    )


@login_required
@require_GET
def content_area_choices(request: HttpRequest) -> HttpResponse:
    """The chosen program's content areas as checkboxes (htmx, when the program changes)."""
    form = ActivityForm(request.GET or None, user=request.user)
    program_id = parse_id(request.GET.get("program"))
    program = form.fields["program"].queryset.filter(pk=program_id).first() if program_id else None
    areas = program.content_areas.all() if program else []
    return render(request, "activities/_content_areas.html", {"areas": areas, "selected": []})
