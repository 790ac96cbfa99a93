"""Writes to programs.

Each lifecycle transition is one audited function; an illegal one changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.accounts.permissions import PermissionRefused, require
from phoihop.core import concurrency
from phoihop.core.audit import changes, log_action, snapshot
from phoihop.core.exceptions import DomainError
from phoihop.core.text import fold, nfc
from phoihop.core.uploads import check_attachment
from phoihop.orgs import selectors as org_selectors
from phoihop.orgs.models import OrgUnit
from phoihop.programs import milestones as milestone_rules
from phoihop.programs.enums import TRANSITIONS, PartyRole, ProgramState
from phoihop.programs.models import (
    FIRST_YEAR,
    LAST_YEAR,
    ContentArea,
    Milestone,
    Program,
    ProgramLegalBasis,
    ProgramParty,
)

PROGRAM_FIELDS = [
    "kind",
    "number",
    "title",
    "start_year",
    "end_year",
    "starts_on",
    "ends_on",
    "signed_on",
    "signed_place",
    "purpose",
    "requirements",
    "coordination_methods",
    "report_frequency",
    "report_deadline_day",
    "report_contents",
]


def refresh_search_text(program: Program) -> None:
    """Fold title, number and every party's names (as signed and current) into one search key."""
    names: list[str] = [program.title, program.number]
    for party in program.parties.select_related("unit"):
        names += [party.name_as_signed, *party.unit.written_forms]
    program.search_text = fold(" ".join(n for n in names if n))
    Program.objects.filter(pk=program.pk).update(search_text=program.search_text)


def _validate(program: Program) -> None:
    if not program.title.strip():
        raise DomainError(_("Enter the program's title."), field="title")
    for name in ("start_year", "end_year"):
        year = getattr(program, name)
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            raise DomainError(
                _("The year must be between %(first)d and %(last)d.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR},
                field=name,
            )
    if not 1 <= program.report_deadline_day <= 31:
        raise DomainError(
            _("The report's due day must be from 1 to 31."), field="report_deadline_day"
        )
    if program.end_year and program.end_year < program.start_year:
        raise DomainError(_("The phase cannot end before it starts."), field="end_year")
    if program.starts_on and program.ends_on and program.ends_on < program.starts_on:
        raise DomainError(_("The end date cannot be before the start date."), field="ends_on")
    if program.signed_on and program.signed_on > org_selectors.today():
        raise DomainError(_("The signing date cannot be in the future."), field="signed_on")


def _set_path(program: Program) -> None:
    if program.parent_id:
        parent = Program.objects.only("path", "depth").get(pk=program.parent_id)
        program.path, program.depth = f"{parent.path}{program.pk}.", parent.depth + 1
    else:
        program.path, program.depth = f"{program.pk}.", 0
    Program.objects.filter(pk=program.pk).update(path=program.path, depth=program.depth)


def _write_parties(program: Program, parties: Sequence[dict]) -> list[ProgramParty]:
    units = [p["unit"] for p in parties]
    if len(units) < 2:
        raise DomainError(_("A program needs at least two parties."), field="parties")
    if len({u.pk for u in units}) != len(units):
        raise DomainError(_("The same unit is listed twice among the parties."), field="parties")
    # Rows of units that stay are updated in place: content areas and milestones keep the
    # party responsible for them.
    existing = {party.unit_id: party for party in program.parties.all()}
    program.parties.exclude(unit_id__in=[u.pk for u in units]).delete()
    day = program.signed_on or program.phase_start
    saved = []
    for i, p in enumerate(parties):
        party = existing.get(p["unit"].pk) or ProgramParty(program=program, unit=p["unit"])
        party.role = p.get("role") or (PartyRole.LEAD if i == 0 else PartyRole.PARTNER)
        party.name_as_signed = nfc(
            p.get("name_as_signed") or party.name_as_signed or org_selectors.name_on(p["unit"], day)
        )
        party.signatory_name = nfc(p.get("signatory_name", ""))
        party.signatory_title = nfc(p.get("signatory_title", ""))
        party.commitments = nfc(p.get("commitments", ""))
        party.order = i
        party.save()
        saved.append(party)
    return saved


def _write_content_areas(
    program: Program, areas: Sequence[dict], parties: list[ProgramParty]
) -> None:
    # Areas are matched by their (folded) title and updated in place, so the activities that
    # serve an area and the area's responsible party survive an edit of the list.
    existing = {fold(a.title): a for a in program.content_areas.all()}
    kept = []
    for i, spec in enumerate(a for a in areas if nfc(a.get("title", ""))):
        area = existing.pop(fold(spec["title"]), None) or ContentArea(program=program)
        area.order, area.title = i, nfc(spec["title"])
        for name in ("description", "tasks"):
            if name in spec:
                setattr(area, name, nfc(spec[name]))
        if "responsible" in spec:
            area.responsible = _party_at(parties, spec["responsible"])
        if spec.get("inherited_from") is not None:
            area.inherited_from = spec["inherited_from"]
        area.save()
        kept.append(area)
    ContentArea.objects.filter(pk__in=[a.pk for a in existing.values()]).delete()


def _party_at(parties: list[ProgramParty], ref: Any) -> ProgramParty | None:
    """A content area's responsible party, given by index in ``parties`` or by unit."""
    if ref is None or ref == "":
        return None
    if isinstance(ref, OrgUnit):
        return next((p for p in parties if p.unit_id == ref.pk), None)
    index = int(ref)
    return parties[index] if 0 <= index < len(parties) else None


def _require_edit(actor: Any, program: Program) -> None:
    require(
        actor,
        "programs.change_program",
        program,
        _("Only an editor of one of the program's parties can change it."),
    )


def _require_approve(actor: Any, program: Program) -> None:
    require(
        actor,
        "programs.transition_program",
        program,
        _(
            "Signing, putting into effect, reviewing, closing or renewing a program needs the "
            "approver role on one of its parties."
        ),
    )


def _require_party_removal(actor: Any, program: Program, parties: Sequence[dict]) -> None:
    """A party leaves a program only with its own consent (an editor of its unit), or by the
    decision of an approver who reaches both the lead party and the party removed."""
    kept = {p["unit"].pk for p in parties}
    current = list(program.parties.select_related("unit"))
    removed = [p.unit for p in current if p.unit_id not in kept]
    if not removed:
        return
    lead = next((p.unit for p in current if p.role == PartyRole.LEAD), current[0].unit)
    editable = permissions.units_allowed(actor, permissions.EDIT, [u.pk for u in removed])
    approvable = permissions.units_allowed(
        actor, permissions.APPROVE, [lead.pk, *(u.pk for u in removed)]
    )
    for unit in removed:
        if unit.pk in editable or {lead.pk, unit.pk} <= approvable:
            continue
        raise PermissionRefused(
            _(
                "%(unit)s cannot be removed from or replaced in this program without its consent: "
                "an editor of %(unit)s, or an approver over both %(lead)s and %(unit)s, must do it."
            )
            % {"unit": unit, "lead": lead},
            field="parties",
        )


@transaction.atomic
def program_create(
    *,
    actor: Any,
    parties: Sequence[dict],
    content_areas: Sequence[dict] = (),
    parent: Program | None = None,
    predecessor: Program | None = None,
    source: str = "entered",
    legal_bases: Sequence[Any] = (),
    **fields: Any,
) -> Program:
    """Create a draft program with its parties (at least two) and content areas.

    Side effects: audit entry ``phoihop.program.created``.
    """
    unknown = set(fields) - set(PROGRAM_FIELDS)
    if unknown:
        raise DomainError(_("Unknown program fields: %s") % ", ".join(sorted(unknown)))
    permissions.require_any_unit(
        actor,
        permissions.EDIT,
        [p["unit"] for p in parties],
        _("You can only create programs to which one of your units is a party."),
    )
    program = Program(
        parent=parent,
        predecessor=predecessor,
        source=source,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **{k: nfc(v) if isinstance(v, str) else v for k, v in fields.items()},
    )
    _validate(program)
    program.save()
    _set_path(program)
    saved_parties = _write_parties(program, parties)
    _write_content_areas(program, content_areas, saved_parties)
    _set_legal_bases(program, legal_bases)
    refresh_search_text(program)
    log_action(
        program,
        "phoihop.program.created",
        actor=actor,
        data={"title": program.title, "parties": [str(p) for p in saved_parties]},
    )
    return program


@transaction.atomic
def program_update(
    *,
    program: Program,
    actor: Any,
    parties: Sequence[dict] | None = None,
    content_areas: Sequence[dict] | None = None,
    version: int | None = None,
    **fields: Any,
) -> Program:
    """Change a program's data; parties and content areas are replaced when given. ``version``
    is the one the editor was shown (``EditConflict`` if someone saved since).

    Side effects: audit entry ``phoihop.program.updated`` with the changed fields; version up.
    """
    unknown = set(fields) - set(PROGRAM_FIELDS)
    if unknown:
        raise DomainError(_("Unknown program fields: %s") % ", ".join(sorted(unknown)))
    _require_edit(actor, program)
    if program.state in {ProgramState.CLOSED, ProgramState.SUPERSEDED}:
        raise DomainError(_("A closed program can no longer be changed."))
    if parties is not None:
        _require_party_removal(actor, program, parties)
    submitted: dict[str, Any] = dict(fields)
    if parties is not None:
        submitted["parties"] = [str(p["unit"]) for p in parties]
    if content_areas is not None:
        submitted["content_areas"] = [nfc(a.get("title", "")) for a in content_areas]
    concurrency.claim(
        program,
        version,
        submitted=submitted,
        saved_values=lambda current: {
            "parties": [str(p.unit) for p in current.parties.select_related("unit")],
            "content_areas": list(current.content_areas.values_list("title", flat=True)),
        },
        labels={"parties": _("Parties"), "content_areas": _("Content areas")},
    )
    before = snapshot(program, list(fields))
    for name, value in fields.items():
        setattr(program, name, nfc(value) if isinstance(value, str) else value)
    _validate(program)
    diff = changes(before, program)
    program.save()
    if parties is not None:
        old = [str(p) for p in program.parties.all()]
        saved = _write_parties(program, parties)
        new = [str(p) for p in saved]
        if old != new:
            diff["parties"] = {"old": old, "new": new}
    if content_areas is not None:
        old = list(program.content_areas.values_list("title", flat=True))
        _write_content_areas(program, content_areas, list(program.parties.all()))
        new = list(program.content_areas.values_list("title", flat=True))
        if old != new:
            diff["content_areas"] = {"old": old, "new": new}
    refresh_search_text(program)
    if diff:
        log_action(program, "phoihop.program.updated", actor=actor, data=diff)
    if program.state != ProgramState.DRAFT and {"start_year", "end_year", "report_frequency"} & set(
        diff
    ):
        milestones_generate(program=program)
    return program


def _set_legal_bases(program: Program, documents: Sequence[Any]) -> tuple[list[str], list[str]]:
    old = [str(link.document) for link in program.basis_links.select_related("document")]
    program.basis_links.all().delete()
    ProgramLegalBasis.objects.bulk_create(
        ProgramLegalBasis(program=program, document=doc, order=i)
        for i, doc in enumerate(dict.fromkeys(documents))
    )
    return old, [str(doc) for doc in dict.fromkeys(documents)]


@transaction.atomic
def program_set_legal_bases(*, program: Program, documents: Sequence[Any], actor: Any) -> None:
    """Replace the legal bases (căn cứ), kept in the order given.

    Side effects: audit ``phoihop.program.updated`` when the list changed."""
    _require_edit(actor, program)
    old, new = _set_legal_bases(program, documents)
    if old != new:
        log_action(
            program,
            "phoihop.program.updated",
            actor=actor,
            data={"legal_bases": {"old": old, "new": new}},
        )


def _transition(
    program: Program, to: str, actor: Any, action: str, *, sources: set[str], **data: Any
) -> Program:
    """Move ``program`` to ``to`` if its current state is one of ``sources`` (and the lifecycle
    allows it). The row is locked, so two officials clicking at once cannot both move it
    (PostgreSQL; SQLite serialises writers anyway). The caller's instance is updated in place."""
    current = Program.objects.select_for_update().only("state").get(pk=program.pk).state
    if current not in sources or to not in TRANSITIONS[current]:
        raise DomainError(
            _("A program that is “%(state)s” cannot become “%(to)s”.")
            % {"state": ProgramState(current).label, "to": ProgramState(to).label}
        )
    program.state = to
    program.save(update_fields=["state", "updated_at"])
    concurrency.bump(program)
    log_action(program, action, actor=actor, data={"state": {"old": current, "new": to}, **data})
    return program


@transaction.atomic
def program_sign(
    *, program: Program, signed_on: dt.date, actor: Any, number: str = "", signed_place: str = ""
) -> Program:
    """DRAFT → SIGNED. Generates the milestones; a renewal supersedes its closed predecessor.

    Side effects: audit ``phoihop.program.signed``; milestones generated; the predecessor (if
    closed) becomes SUPERSEDED with its own audit entry.
    """
    _require_approve(actor, program)
    if signed_on > org_selectors.today():
        raise DomainError(_("The signing date cannot be in the future."), field="signed_on")
    if program.parties.count() < 2:
        raise DomainError(_("A program needs at least two parties."))
    program = _transition(
        program,
        ProgramState.SIGNED,
        actor,
        "phoihop.program.signed",
        sources={ProgramState.DRAFT},
        signed_on=signed_on,
    )
    program.signed_on = signed_on
    program.number = nfc(number) or program.number
    program.signed_place = nfc(signed_place) or program.signed_place
    program.save(update_fields=["signed_on", "number", "signed_place", "updated_at"])
    refresh_search_text(program)
    milestones_generate(program=program)
    predecessor = program.predecessor
    if predecessor is not None and predecessor.state == ProgramState.CLOSED:
        _transition(
            predecessor,
            ProgramState.SUPERSEDED,
            actor,
            "phoihop.program.superseded",
            sources={ProgramState.CLOSED},
            by=str(program),
        )
    return program


@transaction.atomic
def program_activate(*, program: Program, actor: Any) -> Program:
    """SIGNED → IN_EFFECT. Side effects: audit ``phoihop.program.activated``."""
    _require_approve(actor, program)
    return _transition(
        program,
        ProgramState.IN_EFFECT,
        actor,
        "phoihop.program.activated",
        sources={ProgramState.SIGNED},
    )


@transaction.atomic
def program_start_review(
    *, program: Program, actor: Any, held_on: dt.date | None = None
) -> Program:
    """IN_EFFECT → UNDER_REVIEW (sơ kết). Marks the due interim-review milestone done.

    Side effects: audit ``phoihop.program.review_started``; milestone updated.
    """
    _require_approve(actor, program)
    program = _transition(
        program,
        ProgramState.UNDER_REVIEW,
        actor,
        "phoihop.program.review_started",
        sources={ProgramState.IN_EFFECT},
    )
    _complete_milestone(program, "interim_review", held_on or org_selectors.today())
    return program


@transaction.atomic
def program_end_review(*, program: Program, actor: Any) -> Program:
    """UNDER_REVIEW → IN_EFFECT once the interim review is over. Audited."""
    _require_approve(actor, program)
    return _transition(
        program,
        ProgramState.IN_EFFECT,
        actor,
        "phoihop.program.review_ended",
        sources={ProgramState.UNDER_REVIEW},
    )


@transaction.atomic
def program_close(*, program: Program, actor: Any, held_on: dt.date | None = None) -> Program:
    """IN_EFFECT/UNDER_REVIEW → CLOSED: the final review (tổng kết) has been held.

    Side effects: audit ``phoihop.program.closed``; the final-review milestone marked done.
    """
    _require_approve(actor, program)
    program = _transition(
        program,
        ProgramState.CLOSED,
        actor,
        "phoihop.program.closed",
        sources={ProgramState.IN_EFFECT, ProgramState.UNDER_REVIEW},
    )
    _complete_milestone(program, "final_review", held_on or org_selectors.today())
    return program


def _complete_milestone(program: Program, kind: str, on: dt.date) -> None:
    milestone = (
        program.milestones.filter(kind=kind, done_on__isnull=True).order_by("due_on").first()
    )
    if milestone is not None:
        milestone.done_on = on
        milestone.save(update_fields=["done_on"])


@transaction.atomic
def program_renew(
    *, program: Program, actor: Any, start_year: int | None = None, end_year: int | None = None
) -> Program:
    """Draft the next phase: parties (as the units that carry them now), content areas,
    commitments, reporting regime and legal bases are copied into a new linked draft.

    Side effects: audit ``phoihop.program.renewed`` on the old program (and ``created`` on the new).
    """
    _require_approve(actor, program)
    if program.state not in {
        ProgramState.IN_EFFECT,
        ProgramState.UNDER_REVIEW,
        ProgramState.CLOSED,
    }:
        raise DomainError(_("Only a program in effect or closed can be renewed."))
    if Program.objects.filter(predecessor=program).exists():
        raise DomainError(_("The next phase of this program has already been drafted."))
    length = (program.end_year or program.start_year) - program.start_year
    start = start_year or (program.end_year or program.start_year)
    end = end_year or (start + length if length else None)
    parties = []
    party_index = {party.pk: i for i, party in enumerate(program.parties.all())}
    for party in program.parties.select_related("unit"):
        carriers = org_selectors.current_successors(party.unit) or [party.unit]
        parties.append({"unit": carriers[0], "role": party.role, "commitments": party.commitments})
    fields = {name: getattr(program, name) for name in PROGRAM_FIELDS}
    fields.update(
        start_year=start, end_year=end, starts_on=None, ends_on=None, signed_on=None, number=""
    )
    renewal = program_create(
        actor=actor,
        parties=parties,
        content_areas=[
            {
                "title": a.title,
                "description": a.description,
                "tasks": a.tasks,
                "responsible": party_index.get(a.responsible_id),
            }
            for a in program.content_areas.all()
        ],
        predecessor=program,
        parent=None,
        legal_bases=[link.document for link in program.basis_links.select_related("document")],
        **fields,
    )
    log_action(program, "phoihop.program.renewed", actor=actor, data={"next": str(renewal)})
    return renewal


def milestones_generate(*, program: Program) -> list[Milestone]:
    """(Re)generate the program's automatic milestones; manual and completed ones are kept."""
    program.milestones.filter(generated=True, done_on__isnull=True).delete()
    taken = {
        (kind, scheduled or due)
        for kind, scheduled, due in program.milestones.values_list("kind", "scheduled_on", "due_on")
    }
    lead = program.parties.order_by("order").first()
    rows = [
        Milestone(
            program=program, responsible=lead, generated=True, scheduled_on=spec["due_on"], **spec
        )
        for spec in milestone_rules.schedule(program)
        if (spec["kind"], spec["due_on"]) not in taken
    ]
    return Milestone.objects.bulk_create(rows)


@transaction.atomic
def milestone_update(*, milestone: Milestone, actor: Any, **fields: Any) -> Milestone:
    """Edit a milestone (date, title, done). Side effects: audit ``phoihop.milestone.updated``."""
    _require_edit(actor, milestone.program)
    allowed = {"title", "due_on", "done_on", "responsible"}
    if set(fields) - allowed:
        raise DomainError(_("These milestone fields cannot be changed here."))
    before = snapshot(milestone, list(fields))
    for name, value in fields.items():
        setattr(milestone, name, value)
    diff = changes(before, milestone)
    if not diff:
        return milestone
    milestone.generated = False  # edited by hand: regeneration must keep it
    milestone.save()
    log_action(
        milestone.program,
        "phoihop.milestone.updated",
        actor=actor,
        data={"milestone": str(milestone), **diff},
    )
    return milestone


def milestone_mark_done(
    *, milestone: Milestone, actor: Any, done_on: dt.date, report_file: Any = None
) -> Milestone:
    """Tick a milestone done (e.g. the report was sent), optionally with the report file.

    Only an editor of one of the program's parties may; the file must be an allowed attachment.
    Side effects: the file is stored; audit ``phoihop.milestone.done``.
    """
    if not actor.has_perm("programs.change_program", milestone.program):
        raise DomainError(_("You cannot update the milestones of this program."))
    name = check_attachment(report_file) if report_file else ""
    before = snapshot(milestone, ["done_on"])
    milestone.done_on = done_on
    if report_file:
        milestone.report_file.save(name, report_file, save=False)
    milestone.save(update_fields=["done_on", "report_file"])
    log_action(
        milestone.program,
        "phoihop.milestone.done",
        actor=actor,
        data={"milestone": str(milestone), **changes(before, milestone), "file": name},
    )
    return milestone


@transaction.atomic
def milestone_create(
    *, program: Program, actor: Any, title: str, due_on: dt.date, kind: str = "other"
) -> Milestone:
    """Add a milestone by hand. Side effects: audit ``phoihop.milestone.created``."""
    _require_edit(actor, program)
    milestone = Milestone.objects.create(
        program=program,
        kind=kind,
        title=nfc(title),
        due_on=due_on,
        generated=False,
        responsible=program.parties.order_by("order").first(),
    )
    log_action(
        program, "phoihop.milestone.created", actor=actor, data={"milestone": str(milestone)}
    )
    return milestone


def programs_refresh_search_for_unit(*, unit: Any) -> int:
    """Refresh the search keys of the programs a renamed unit is party to."""
    programs = Program.objects.filter(parties__unit=unit).distinct()
    for program in programs:
        refresh_search_text(program)
    return len(programs)
