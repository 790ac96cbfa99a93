from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phoihop.core.audit import entries_for
from phoihop.core.concurrency import EditConflict
from phoihop.core.exceptions import DomainError
from phoihop.core.forms import show_conflict
from phoihop.core.pagination import paginate
from phoihop.orgs.selectors import today
from phoihop.programs import cascade, selectors, services
from phoihop.programs import legal as legal_bases
from phoihop.programs.enums import TRANSITIONS, ProgramState
from phoihop.programs.forms import (
    CascadeForm,
    HeldOnForm,
    MilestoneForm,
    PartyFormSet,
    ProgramFilterForm,
    ProgramForm,
    SignForm,
    with_one_more_party,
)
from phoihop.programs.models import Program


def _program(request: HttpRequest, pk: int) -> Program:
    """The program if one of its parties is visible to the user; 404 otherwise."""
    return get_object_or_404(
        selectors.programs_with_details(selectors.programs_visible_to(request.user)), pk=pk
    )


def _require(request: HttpRequest, perm: str, program: Program) -> None:
    if not request.user.has_perm(perm, program):
        raise PermissionDenied


@login_required
@require_GET
def program_list(request: HttpRequest) -> HttpResponse:
    form = ProgramFilterForm(request.GET or None)
    programs = selectors.programs_filtered(
        selectors.programs_visible_to(request.user), **form.filters()
    )
    programs = selectors.programs_for_list(programs).order_by("-start_year", "search_text", "pk")
    ctx = {
        "form": form,
        "page": paginate(request, programs, 25),
        "chosen_party": form.chosen_party(request.user),
        "subunits": form.subunits_wanted(),
    }
    template = (
        "programs/program_list.html#results" if request.htmx else "programs/program_list.html"
    )
    return render(request, template, ctx)


@login_required
@require_GET
def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    day = today()
    milestones = list(program.milestones.select_related("responsible"))
    ctx = {
        "program": program,
        "parties": selectors.parties_today(program),
        "content_areas": program.content_areas.all(),
        "legal_bases": program.basis_links.select_related("document"),
        "milestones": milestones,
        "overdue": [m for m in milestones if m.is_overdue(day)],
        "today": day,
        "chain": selectors.phase_chain(program),
        "coverage": selectors.program_coverage(program),
        "coverage_levels": selectors.program_coverage_by_level(program),
        "audit": entries_for(program)[:50],
        "transitions": TRANSITIONS[program.state],
        "states": ProgramState.choices,
        "can_edit": request.user.has_perm("programs.change_program", program),
        "can_transition": request.user.has_perm("programs.transition_program", program),
        "sign_form": SignForm(initial={"signed_on": day, "number": program.number}),
        "held_form": HeldOnForm(initial={"held_on": day}),
        "cascade_form": CascadeForm(tiers=cascade.tiers_below(program)),
        "renewal": getattr(program, "successor", None) if program.pk else None,
    }
    return render(request, "programs/program_detail.html", ctx)


@login_required
@require_GET
def program_coverage(request: HttpRequest, pk: int) -> HttpResponse:
    """The coverage table (htmx partial), optionally only the units that have not signed."""
    program = _program(request, pk)
    state = request.GET.get("state") or None
    ctx = {
        "program": program,
        "derived": paginate(request, selectors.derived_programs(program, state=state), 50),
        "state": state,
    }
    return render(request, "programs/program_detail.html#coverage-table", ctx)


def _program_form(request: HttpRequest, program: Program | None):
    initial_parties = [{"role": "lead"}, {"role": "partner"}]
    if program is not None:
        initial_parties = [
            {
                "unit": p.unit,
                "role": p.role,
                "signatory_name": p.signatory_name,
                "signatory_title": p.signatory_title,
                "commitments": p.commitments,
            }
            for p in program.parties.all()
        ]
    data = request.POST or None
    if data is not None and "add_party" in data:
        data = with_one_more_party(data)
    form = ProgramForm(
        data,
        instance=program,
        initial={"content_areas_text": "\n".join(a.title for a in program.content_areas.all())}
        if program
        else {"start_year": today().year},
    )
    parties = PartyFormSet(
        data,
        prefix="parties",
        initial=initial_parties,
        form_kwargs={"user": request.user},
    )
    return form, parties


def _save_program(request: HttpRequest, program: Program | None, form, parties) -> Program:
    fields = {name: form.cleaned_data[name] for name in ProgramForm.Meta.fields}
    if program is None:
        program = services.program_create(
            actor=request.user,
            parties=parties.parties(),
            content_areas=form.content_areas(),
            **fields,
        )
    else:
        services.program_update(
            program=program,
            actor=request.user,
            version=form.cleaned_data["version"] or 0,
            parties=parties.parties(),
            content_areas=form.content_areas(),
            **fields,
        )
    text = form.cleaned_data.get("legal_basis_text")
    if text:
        documents = legal_bases.documents_for_text(text=text, actor=request.user)
        existing = [link.document for link in program.basis_links.select_related("document")]
        services.program_set_legal_bases(
            program=program, documents=[*existing, *documents], actor=request.user
        )
    return program


@login_required
@require_http_methods(["GET", "POST"])
def program_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    program = _program(request, pk) if pk else None
    if program is not None:
        _require(request, "programs.change_program", program)
    form, parties = _program_form(request, program)
    adding = "add_party" in request.POST
    if request.method == "POST" and not adding and form.is_valid() and parties.is_valid():
        if program is None and not _may_create(request, parties.parties()):
            form.add_error(
                None, _("You can only create programs to which one of your units is a party.")
            )
        else:
            try:
                program = _save_program(request, program, form, parties)
            except EditConflict as conflict:
                show_conflict(form, conflict)
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The program has been saved."))
                return redirect(program)
    return render(
        request,
        "programs/program_form.html",
        {"form": form, "parties": parties, "program": program},
    )


def _may_create(request: HttpRequest, parties: list[dict]) -> bool:
    return any(request.user.has_perm("orgs.change_orgunit", p["unit"]) for p in parties)


@login_required
@require_POST
def program_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    program = _program(request, pk)
    _require(request, "programs.transition_program", program)
    try:
        _apply_transition(request, program, action)
    except DomainError as exc:
        messages.error(request, str(exc))
    except ValueError:
        messages.error(request, _("The date was not understood. Write it as dd/mm/yyyy."))
    else:
        messages.success(
            request, _("The program is now “%(state)s”.") % {"state": program.get_state_display()}
        )
    return redirect(program)


def _apply_transition(request: HttpRequest, program: Program, action: str) -> None:
    if action == "sign":
        form = SignForm(request.POST)
        if not form.is_valid():
            raise ValueError
        services.program_sign(program=program, actor=request.user, **form.cleaned_data)
        return
    held = HeldOnForm(request.POST)
    held_on = held.cleaned_data.get("held_on") if held.is_valid() else None
    actions = {
        "activate": lambda: services.program_activate(program=program, actor=request.user),
        "review": lambda: services.program_start_review(
            program=program, actor=request.user, held_on=held_on
        ),
        "end_review": lambda: services.program_end_review(program=program, actor=request.user),
        "close": lambda: services.program_close(
            program=program, actor=request.user, held_on=held_on
        ),
    }
    if action not in actions:
        raise DomainError(_("Unknown action."))
    actions[action]()


@login_required
@require_POST
def program_renew(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    _require(request, "programs.transition_program", program)
    try:
        renewal = services.program_renew(program=program, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect(program)
    messages.success(request, _("The next phase has been drafted from this one."))
    return redirect(renewal)


@login_required
@require_POST
def program_cascade(request: HttpRequest, pk: int) -> HttpResponse:
    program = _program(request, pk)
    _require(request, "programs.cascade_program", program)
    form = CascadeForm(request.POST, tiers=cascade.tiers_below(program))
    if not form.is_valid():
        messages.error(request, _("Choose the level to cascade to."))
        return redirect(program)
    try:
        result = cascade.program_cascade(
            program=program,
            tier=form.cleaned_data["tier"],
            on=form.cleaned_data["on"],
            actor=request.user,
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _(
                "%(created)d derived programs drafted, %(existing)d already existed, "
                "%(unmatched)d units have no counterpart."
            )
            % {
                "created": len(result.created),
                "existing": result.existing,
                "unmatched": len(result.unmatched),
            },
        )
    return redirect(program)


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    program = _program(request, pk)
    _require(request, "programs.change_program", program)
    milestone = get_object_or_404(program.milestones.all(), pk=milestone_pk)
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        milestone.refresh_from_db()
        services.milestone_update(milestone=milestone, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The milestone has been saved."))
        return redirect(f"{program.get_absolute_url()}#milestones")
    return render(
        request,
        "programs/milestone_form.html",
        {"form": form, "program": program, "milestone": milestone},
    )


@login_required
@require_POST
def legal_basis_preview(request: HttpRequest) -> HttpResponse:
    """What the pasted căn cứ paragraph will link (htmx partial, writes nothing)."""
    proposals = legal_bases.preview(request.POST.get("legal_basis_text", ""))
    return render(request, "programs/_legal_preview.html", {"proposals": proposals})


@login_required
@require_POST
def milestone_done(request: HttpRequest, milestone_pk: int) -> HttpResponse:
    """Tick a milestone done from the calendar list, with the report file if one is attached."""
    milestone = get_object_or_404(selectors.milestones_visible_to(request.user), pk=milestone_pk)
    try:
        services.milestone_mark_done(
            milestone=milestone,
            actor=request.user,
            done_on=today(),
            report_file=request.FILES.get("report_file"),
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("“%(title)s” is marked done.") % {"title": milestone.title})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = milestone.program.get_absolute_url()
    return redirect(target)
