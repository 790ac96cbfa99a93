"""Reads over programs: visibility, search, coverage of a cascade (live, never precomputed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from phoihop.accounts.selectors import reach_condition
from phoihop.core.ids import parse_id
from phoihop.core.paths import path_prefix
from phoihop.core.text import search_tokens
from phoihop.orgs.models import OrgUnit, valid_on
from phoihop.orgs.selectors import current_successors, predecessor_ids, subtree_ids, today
from phoihop.programs.enums import ENDED_STATES, REVIEWED_STATES, SIGNED_STATES, ProgramState
from phoihop.programs.models import ContentArea, Milestone, Program, ProgramParty


def programs_visible_to(user: Any, action: str = "view") -> QuerySet[Program]:
    """Programs with at least one party in a unit the user reaches for ``action``."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return Program.objects.all()
    parties = ProgramParty.objects.filter(reach_condition(user, action, "unit_id"))
    return Program.objects.filter(pk__in=parties.values("program_id"))


def program_get_for_user(user: Any, pk: int) -> Program | None:
    return programs_with_details(programs_visible_to(user)).filter(pk=pk).first()


def programs_for_list(programs: QuerySet[Program]) -> QuerySet[Program]:
    """What the list page shows: the parties (not the content areas)."""
    return programs.prefetch_related(
        Prefetch("parties", queryset=ProgramParty.objects.select_related("unit"))
    )


def programs_with_details(programs: QuerySet[Program]) -> QuerySet[Program]:
    """Prefetch what lists and the API show, so a page costs the same for 1 or 50 programs."""
    return programs.prefetch_related(
        Prefetch(
            "parties",
            queryset=ProgramParty.objects.select_related(
                "unit__system", "unit__level", "unit__area"
            ),
        ),
        Prefetch("content_areas", queryset=ContentArea.objects.select_related("responsible")),
    )


def search_programs(programs: QuerySet[Program], query: str | None) -> QuerySet[Program]:
    """Accent-insensitive over title, number and party names (as signed and current)."""
    for token in search_tokens(query):
        programs = programs.filter(search_text__contains=token)
    return programs


def programs_filtered(programs: QuerySet[Program], **filters: Any) -> QuerySet[Program]:
    """Filters of the program list: system, tier, party unit, area, year in phase, state, kind."""
    if filters.get("q"):
        programs = search_programs(programs, filters["q"])
    if filters.get("state"):
        programs = programs.filter(state=filters["state"])
    if filters.get("kind"):
        programs = programs.filter(kind=filters["kind"])
    if filters.get("year"):
        year = filters["year"]
        programs = programs.filter(start_year__lte=year).filter(
            Q(end_year__gte=year) | Q(end_year__isnull=True, start_year=year)
        )
    party_filter = Q()
    if filters.get("system"):
        party_filter &= Q(unit__system=filters["system"])
    if filters.get("tier") is not None and filters.get("tier") != "":
        party_filter &= Q(unit__level__tier=filters["tier"])
    if filters.get("party"):
        # The party as it is now also finds the programs its predecessors signed (a merger).
        party_id = getattr(filters["party"], "pk", filters["party"])
        if filters.get("subunits"):
            unit = OrgUnit.objects.filter(pk=party_id).first()
            scope = subtree_ids(unit, include_inactive=True) if unit else [party_id]
            party_filter &= Q(unit_id__in=scope) | Q(unit_id__in=predecessor_ids([party_id]))
        else:
            party_filter &= Q(unit_id__in=[party_id, *predecessor_ids([party_id])])
    if filters.get("area"):
        area = filters["area"]
        party_filter &= Q(unit__area=area) | Q(unit__area__parent=area)
    if party_filter:
        programs = programs.filter(
            pk__in=ProgramParty.objects.filter(party_filter).values("program_id")
        )
    return programs


def phase_chain(program: Program) -> list[Program]:
    """Every phase of this program, oldest first (2017–2022 → 2022–2027 → …)."""
    chain = [program]
    seen = {program.pk}
    current = program
    while current.predecessor_id and current.predecessor_id not in seen:
        current = Program.objects.get(pk=current.predecessor_id)
        chain.insert(0, current)
        seen.add(current.pk)
    current = program
    while True:
        following = Program.objects.filter(predecessor=current).first()
        if following is None or following.pk in seen:
            break
        chain.append(following)
        seen.add(following.pk)
        current = following
    return chain


def parties_today(program: Program, *, on: dt.date | None = None) -> list[dict]:
    """Each party with the unit that carries it today (a merged province shows its successor)."""
    rows = []
    for party in program.parties.all():
        carriers = current_successors(party.unit, on=on or today())
        rows.append(
            {
                "party": party,
                "carriers": [c for c in carriers if c.pk != party.unit_id],
                "active": party.unit.is_valid_on(on or today()),
            }
        )
    return rows


@dataclass
class Coverage:
    expected: int = 0
    signed: int = 0
    in_effect: int = 0
    reviewed: int = 0
    by_state: dict[str, int] = field(default_factory=dict)

    @property
    def signed_percent(self) -> int:
        return round(100 * self.signed / self.expected) if self.expected else 0


def _coverage_from(counts: dict[str, int]) -> Coverage:
    return Coverage(
        expected=sum(counts.values()),
        signed=sum(n for state, n in counts.items() if state in SIGNED_STATES),
        in_effect=sum(
            n
            for state, n in counts.items()
            if state in {ProgramState.IN_EFFECT, ProgramState.UNDER_REVIEW}
        ),
        reviewed=sum(n for state, n in counts.items() if state in REVIEWED_STATES),
        by_state=counts,
    )


def program_coverage(program: Program) -> Coverage:
    """The derived programs one level down, counted by state."""
    counts = dict(program.derived.values("state").annotate(n=Count("pk")).values_list("state", "n"))
    return _coverage_from(counts)


def program_coverage_by_level(program: Program) -> list[tuple[int, Coverage]]:
    """All levels below ``program`` at once: one grouped prefix query on the program tree."""
    rows = (
        Program.objects.filter(path_prefix(program.path), depth__gt=program.depth)
        .values("depth", "state")
        .annotate(n=Count("pk"))
        .order_by("depth")
    )
    per_depth: dict[int, dict[str, int]] = {}
    for row in rows:
        per_depth.setdefault(row["depth"] - program.depth, {})[row["state"]] = row["n"]
    return [(level, _coverage_from(counts)) for level, counts in sorted(per_depth.items())]


def derived_programs(program: Program, *, state: str | None = None) -> QuerySet[Program]:
    """The derived programs with their parties, for the coverage table and its drill-down."""
    derived = programs_with_details(program.derived.all()).annotate(
        derived_count=Count("derived", distinct=True),
        derived_signed=Count("derived", filter=Q(derived__state__in=SIGNED_STATES), distinct=True),
    )
    if state == "unsigned":
        derived = derived.exclude(state__in=SIGNED_STATES)
    elif state:
        derived = derived.filter(state=state)
    return derived.order_by("search_text", "pk")


def milestones_visible_to(user: Any) -> QuerySet[Milestone]:
    return Milestone.objects.filter(program__in=programs_visible_to(user)).select_related(
        "program", "responsible__unit"
    )


def milestones_overdue(*, on: dt.date | None = None) -> QuerySet[Milestone]:
    return Milestone.objects.filter(done_on__isnull=True, due_on__lt=on or today())


def programs_for_entry(user: Any, *, include: Any = None) -> list[Program]:
    """Programs running now to which one of the user's own units is a party (for data entry
    menus: short, so the program in effect is one keystroke away), plus ``include``."""
    running = [ProgramState.SIGNED, ProgramState.IN_EFFECT, ProgramState.UNDER_REVIEW]
    programs = Program.objects.filter(state__in=running)
    if not user.is_superuser:
        programs = programs.filter(parties__unit__memberships__user=user)
    programs = programs.distinct().prefetch_related(
        Prefetch("parties", queryset=ProgramParty.objects.select_related("unit").order_by("order"))
    )
    chosen = list(programs.order_by("-start_year", "pk")[:50])
    include_id = parse_id(include)
    if include_id and all(p.pk != include_id for p in chosen):
        extra = programs_for_list(programs_visible_to(user)).filter(pk=include_id).first()
        if extra is not None:
            chosen.insert(0, extra)
    return chosen


# --- what an official must do (the home page) ----------------------------------------------


def with_a_party_alive(programs: QuerySet[Program], day: dt.date) -> QuerySet[Program]:
    """Programs at least one of whose parties still exists on ``day`` (the drafts of district
    bodies abolished in 2025 are nobody's work any more)."""
    alive = ProgramParty.objects.filter(valid_on(day, "unit__"), program=OuterRef("pk"))
    return programs.filter(Exists(alive))


def programs_awaiting(user: Any, *, limit: int = 10) -> dict[str, list[Program]]:
    """Drafts the user may sign (an approver of a party), and programs under interim review
    the user may move on: each list newest first, at most ``limit``."""
    signable = with_a_party_alive(programs_visible_to(user, "approve"), today())
    drafts = programs_for_list(signable.filter(state=ProgramState.DRAFT)).order_by(
        "-start_year", "-pk"
    )
    reviews = programs_for_list(signable.filter(state=ProgramState.UNDER_REVIEW)).order_by(
        "-start_year", "-pk"
    )
    return {"to_sign": list(drafts[:limit]), "under_review": list(reviews[:limit])}


def cascade_gaps(user: Any, *, limit: int = 10) -> list[tuple[Program, int]]:
    """Programs the user edits whose cascade has derived programs not signed yet, with how
    many: the gaps under the user's units."""
    editable = programs_visible_to(user, "edit").exclude(state__in=ENDED_STATES)
    drafts = with_a_party_alive(Program.objects.filter(state=ProgramState.DRAFT), today())
    rows = (
        drafts.filter(parent__in=editable)
        .values("parent_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "parent_id")[:limit]
    )
    counts = {row["parent_id"]: row["n"] for row in rows}
    programs = Program.objects.in_bulk(list(counts))
    return [(programs[pk], n) for pk, n in counts.items() if pk in programs]
