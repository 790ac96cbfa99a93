"""Cascading a program down both hierarchies along counterpart pairs."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from phoihop.accounts.permissions import require
from phoihop.core.audit import log_action
from phoihop.core.exceptions import DomainError
from phoihop.orgs import selectors as org_selectors
from phoihop.orgs.enums import Tier
from phoihop.orgs.models import OrgUnit
from phoihop.programs.enums import PartyRole, ProgramState
from phoihop.programs.models import Program, ProgramParty
from phoihop.programs.services import PROGRAM_FIELDS, program_create, program_set_legal_bases

CASCADABLE = {ProgramState.SIGNED, ProgramState.IN_EFFECT, ProgramState.UNDER_REVIEW}


@dataclass
class CascadeResult:
    created: list[Program] = field(default_factory=list)
    existing: int = 0
    unmatched: list[OrgUnit] = field(default_factory=list)


def cascade_day(program: Program) -> dt.date:
    """The tree a cascade follows: today's if the phase is running, else the phase's first day."""
    today = org_selectors.today()
    return today if program.phase_start <= today <= program.phase_end else program.phase_start


def _carrier(unit: OrgUnit, day: dt.date) -> OrgUnit | None:
    carriers = org_selectors.current_successors(unit, on=day)
    return carriers[0] if carriers else None


def expected_pairs(
    program: Program, tier: int, day: dt.date
) -> tuple[list[list[tuple[OrgUnit, ProgramParty]]], list[OrgUnit]]:
    """Counterpart groups at ``tier`` below the parties: one group per expected derived program.

    The lead party's sub-units at that tier each look, in every other party's subtree, for the
    unit of the same area at the nearest tier (LĐLĐ huyện X ↔ Hội LHPN huyện X; after 2025,
    Công đoàn xã Y ↔ Hội LHPN xã Y). Each unit of a group comes with the role of the party it
    descends from (the parent program's party). Units with no counterpart are returned apart.
    """
    parties = list(program.parties.select_related("unit").order_by("order"))
    lead = next((p for p in parties if p.role == PartyRole.LEAD), parties[0])
    lead_unit = _carrier(lead.unit, day)
    if lead_unit is None:
        raise DomainError(_("The lead party no longer exists on that date."))
    others = [(u, p) for p in parties if p.pk != lead.pk and (u := _carrier(p.unit, day))]
    party_units = {lead_unit.pk, *(u.pk for u, _party in others)}
    candidates = list(
        org_selectors.subtree(lead_unit, on=day)
        .filter(level__tier=tier)
        .exclude(pk__in=party_units)
        .select_related("level", "system")
        .order_by("sort_key", "pk")
    )
    by_area: list[tuple[ProgramParty, dict[int, list[tuple[int, OrgUnit]]]]] = []
    for other, party in others:
        index: dict[int, list[tuple[int, OrgUnit]]] = defaultdict(list)
        for unit in (
            org_selectors.subtree(other, on=day)
            .filter(area__isnull=False, level__tier__gte=tier - 1, level__tier__lte=tier + 1)
            .exclude(pk__in=party_units)  # a party is never its own sub-unit's counterpart
            .select_related("level", "system")
        ):
            index[unit.area_id].append((unit.level.tier, unit))
        by_area.append((party, index))
    groups, unmatched = [], []
    for unit in candidates:
        group = [(unit, lead)]
        for party, index in by_area:
            options = sorted(index.get(unit.area_id, []), key=lambda o: (abs(o[0] - tier), o[1].pk))
            if options:
                group.append((options[0][1], party))
        if len(group) > 1:
            groups.append(group)
        else:
            unmatched.append(unit)
    return groups, unmatched


def tiers_below(program: Program, day: dt.date | None = None) -> list[tuple[int, int]]:
    """The levels below the lead party that exist on the cascade day, each with how many of the
    lead party's sub-units sit there: ``[(tier, count), …]``, nearest level first. After the
    2025 reform a province has no district level any more, so that level is not offered."""
    day = day or cascade_day(program)
    parties = list(program.parties.select_related("unit").order_by("order"))
    if not parties:
        return []
    lead = next((p for p in parties if p.role == PartyRole.LEAD), parties[0])
    lead_unit = _carrier(lead.unit, day)
    if lead_unit is None:
        return []
    rows = (
        org_selectors.subtree(lead_unit, on=day)
        .exclude(pk=lead_unit.pk)
        .values("level__tier")
        .annotate(n=Count("pk", distinct=True))
        .order_by("level__tier")
    )
    return [
        (row["level__tier"], row["n"]) for row in rows if row["level__tier"] > lead_unit.level.tier
    ]


def derived_title(program: Program, group: list[tuple[OrgUnit, ProgramParty]]) -> str:
    """The parent's title with each party's name replaced by its counterpart below
    ("… giữa LĐLĐ tỉnh X và Hội LHPN tỉnh X …" becomes "… giữa LĐLĐ huyện Y và Hội LHPN huyện
    Y …"); when the title names no party, the parties are added after it."""
    title = program.title
    replaced = False
    for unit, party in group:
        forms = sorted(
            {party.name_as_signed, *party.unit.written_forms} - {""}, key=len, reverse=True
        )
        for form in forms:
            if form and form in title:
                title = title.replace(form, unit.name)
                replaced = True
                break
    if not replaced:
        names = " và ".join(unit.name for unit, _party in group)
        title = f"{title} ({names})"
    return title[: Program._meta.get_field("title").max_length]


def _nothing_to_create(program: Program, tier: int, day: dt.date, unmatched: list) -> str:
    level = dict(Tier.choices).get(tier, str(tier))
    when = day.strftime("%d/%m/%Y")
    if not unmatched:
        return _(
            "Nothing would be created: on %(day)s the parties have no sub-units at the level "
            "“%(level)s” (for example, district-level bodies ended on 01/07/2025). Choose "
            "another level."
        ) % {"day": when, "level": level}
    return _(
        "Nothing would be created: none of the %(n)d units at the level “%(level)s” on %(day)s "
        "has a counterpart of the other parties in the same area."
    ) % {"n": len(unmatched), "level": level, "day": when}


@transaction.atomic
def program_cascade(
    *, program: Program, tier: int, actor: Any, on: dt.date | None = None
) -> CascadeResult:
    """Create a draft derived program for every counterpart group at ``tier`` (idempotent).

    Derived programs copy the phase, the reporting regime and the content areas (linked to the
    parent's); their lower levels can add their own.
    Side effects: audit ``phoihop.program.cascaded`` on the parent; ``created`` on each new one.
    """
    require(
        actor,
        "programs.cascade_program",
        program,
        _("Only an editor of one of the program's parties can cascade it."),
    )
    if program.state not in CASCADABLE:
        raise DomainError(_("Only a signed program in effect can be cascaded."))
    parties = list(program.parties.select_related("unit__level"))
    top_tier = min(p.unit.level.tier for p in parties)
    if tier <= top_tier:
        raise DomainError(_("Choose a level below the parties' own level."))
    day = on or cascade_day(program)
    groups, unmatched = expected_pairs(program, tier, day)
    if not groups:
        raise DomainError(_nothing_to_create(program, tier, day, unmatched))
    units_by_program: dict[int, set[int]] = defaultdict(set)
    for program_id, unit_id in ProgramParty.objects.filter(program__parent=program).values_list(
        "program_id", "unit_id"
    ):
        units_by_program[program_id].add(unit_id)
    existing = {frozenset(units) for units in units_by_program.values()}
    result = CascadeResult(unmatched=unmatched)
    fields = {name: getattr(program, name) for name in PROGRAM_FIELDS}
    fields.update(number="", signed_on=None, signed_place="")
    areas = [
        {"title": a.title, "description": a.description, "tasks": a.tasks, "inherited_from": a}
        for a in program.content_areas.all()
    ]
    bases = [link.document for link in program.basis_links.select_related("document")]
    for group in groups:
        if frozenset(unit.pk for unit, _party in group) in existing:
            result.existing += 1
            continue
        derived = program_create(
            actor=actor,
            parties=[{"unit": unit, "role": party.role} for unit, party in group],
            content_areas=areas,
            parent=program,
            source="cascade",
            **{**fields, "title": derived_title(program, group)},
        )
        if bases:
            program_set_legal_bases(program=derived, documents=bases, actor=actor)
        result.created.append(derived)
    Program.objects.filter(pk=program.pk).update(cascade_tier=tier)
    program.cascade_tier = tier
    log_action(
        program,
        "phoihop.program.cascaded",
        actor=actor,
        data={
            "tier": tier,
            "created": len(result.created),
            "existing": result.existing,
            "without_counterpart": [str(u) for u in unmatched][:50],
        },
    )
    return result
