"""Reads over reviews: visibility, the figures (live or frozen), children's texts, drill-down.

Figures are computed from the activities of the program's whole tree (the program and every
program cascaded from it) in the review period; for a single-party review, only the activities
organized in the reviewing unit's subtree. The level below is each derived program: its figures
come from its approved review for the period when there is one, else from its activities.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from phoihop.accounts.selectors import reach_condition
from phoihop.activities.models import Activity, ActivityKind, ActivityOrganizer
from phoihop.core.paths import path_prefix
from phoihop.core.text import fold
from phoihop.orgs.selectors import ancestors, name_on, subtree_ids
from phoihop.programs.enums import MilestoneKind
from phoihop.programs.models import ContentArea, Program
from phoihop.programs.selectors import program_coverage, programs_visible_to
from phoihop.reviews.enums import SECTION_KEYS, ReviewState
from phoihop.reviews.indicators import indicator_section
from phoihop.reviews.models import Review

NO_AREA = "none"
DRILL_LIMIT = 200
FIGURE_KEYS = ("activities", "participants", "women", "beneficiaries", "cost")


def reviews_visible_to(user: Any) -> QuerySet[Review]:
    """Reviews of a unit the user reaches (its own and those below), and the joint reviews of
    programs the user is a party to. An outsider sees none."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return Review.objects.all()
    own = Q(reach_condition(user, "view", "unit_id"))
    joint = Q(joint=True, program__in=programs_visible_to(user))
    return Review.objects.filter(own | joint)


def review_get_for_user(user: Any, pk: int) -> Review | None:
    return (
        reviews_visible_to(user)
        .select_related("program", "unit__level", "unit__system", "unit__area", "milestone")
        .filter(pk=pk)
        .first()
    )


def reviews_of_program(user: Any, program: Program) -> QuerySet[Review]:
    """The reviews of ``program`` and of the programs cascaded from it that the user sees."""
    tree = Program.objects.filter(path_prefix(program.path)).values("pk")
    return (
        reviews_visible_to(user)
        .filter(program__in=tree)
        .select_related("program", "unit")
        .order_by("program__depth", "-period_end", "pk")
    )


# --------------------------------------------------------------------------- scope and figures


def _tree(program: Program) -> QuerySet[Program]:
    return Program.objects.filter(path_prefix(program.path))


def review_scope(review: Review) -> QuerySet[Activity]:
    """The activities behind the review's figures (frozen ones after approval)."""
    if review.frozen is not None:
        return Activity.objects.filter(pk__in=review.frozen.get("activity_ids", []))
    return live_scope(
        program=review.program,
        unit=None if review.joint else review.unit,
        start=review.period_start,
        end=review.period_end,
    )


def live_scope(*, program: Program, unit: Any, start: dt.date, end: dt.date) -> QuerySet[Activity]:
    activities = Activity.objects.filter(
        merged_into__isnull=True,
        program__in=_tree(program).values("pk"),
        starts_on__gte=start,
        starts_on__lte=end,
    )
    if unit is not None:
        units = subtree_ids(unit, on=end, include_inactive=True)
        activities = activities.filter(
            pk__in=ActivityOrganizer.objects.filter(unit__in=units).values("activity_id")
        )
    return activities


def _sums(prefix: str = "") -> dict[str, Any]:
    return {
        "activities": Count(f"{prefix}pk", distinct=bool(prefix)),
        "participants": Coalesce(Sum(f"{prefix}participants"), 0),
        "women": Coalesce(Sum(f"{prefix}participants_women"), 0),
        "beneficiaries": Coalesce(Sum(f"{prefix}beneficiaries"), 0),
        "cost": Coalesce(Sum(f"{prefix}total_cost"), 0),
    }


def _row(values: dict[str, Any]) -> dict[str, int]:
    return {key: int(values.get(key) or 0) for key in FIGURE_KEYS}


def area_keys(program: Program) -> dict[int, str]:
    """Each content area of the program's tree → the key of the program's own area it derives
    from (following ``inherited_from``, else the same title), or ``"none"``."""
    own = {a.pk: a for a in program.content_areas.all()}
    by_title = {fold(a.title): str(a.pk) for a in own.values()}
    rows = list(
        ContentArea.objects.filter(program__in=_tree(program).values("pk")).values_list(
            "pk", "inherited_from_id", "title"
        )
    )
    parent = {pk: inherited for pk, inherited, _title in rows}
    titles = {pk: title for pk, _inherited, title in rows}
    keys: dict[int, str] = {}
    for pk in parent:
        current, seen = pk, set()
        while current is not None and current not in own and current not in seen:
            seen.add(current)
            current = parent.get(current)
        keys[pk] = str(current) if current in own else by_title.get(fold(titles[pk]), NO_AREA)
    return keys


def _by_area(program: Program, activities: QuerySet[Activity]) -> list[dict]:
    """Figures per content area of ``program``, the areas of derived programs counted under the
    area they derive from. Summed in SQL per area (an activity's areas all belong to its own
    program, and each maps to a different area of ``program``, so nothing is counted twice)."""
    through = Activity.content_areas.through
    keys = area_keys(program)
    sums: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(FIGURE_KEYS, 0))
    rows = (
        through.objects.filter(activity__in=activities.values("pk"))
        .values("contentarea_id")
        .annotate(
            activities=Count("activity_id"),
            participants=Coalesce(Sum("activity__participants"), 0),
            women=Coalesce(Sum("activity__participants_women"), 0),
            beneficiaries=Coalesce(Sum("activity__beneficiaries"), 0),
            cost=Coalesce(Sum("activity__total_cost"), 0),
        )
        .order_by()
    )
    for row in rows:
        target = sums[keys.get(row["contentarea_id"], NO_AREA)]
        for key in FIGURE_KEYS:
            target[key] += int(row[key] or 0)
    without = _row(activities.filter(content_areas__isnull=True).aggregate(**_sums()))
    for key in FIGURE_KEYS:  # with no area, or only areas matching none of the program's own
        sums[NO_AREA][key] += without[key]
    result = [
        {"key": str(a.pk), "title": a.title, **_row(sums.get(str(a.pk), {}))}
        for a in program.content_areas.all()
    ]
    rest = _row(sums.get(NO_AREA, {}))
    if rest["activities"]:
        result.append({"key": NO_AREA, "title": "Hoạt động chưa gắn nội dung phối hợp", **rest})
    return result


def _by_kind(activities: QuerySet[Activity]) -> list[dict]:
    """Grouped on the activity's own column (no join); the few kinds are named in Python."""
    rows = activities.order_by().values("kind_id").annotate(**_sums())
    kinds = {k.pk: k for k in ActivityKind.objects.filter(pk__in=[r["kind_id"] for r in rows])}
    ordered = sorted(rows, key=lambda r: (kinds[r["kind_id"]].order, kinds[r["kind_id"]].name))
    return [
        {"key": kinds[r["kind_id"]].code, "title": kinds[r["kind_id"]].name, **_row(r)}
        for r in ordered
    ]


def per_program(activities: QuerySet[Activity]) -> dict[int, dict[str, int]]:
    """The figures of each program of the tree: one pass over the activities, no join. The
    totals and the level below are both added up from it."""
    rows = activities.order_by().values("program_id").annotate(**_sums())
    return {r["program_id"]: _row(r) for r in rows}


def _child_of(program: Program, program_ids: Any) -> dict[int, int]:
    """Program id → the derived program (one level below ``program``) it belongs to."""
    depth = program.depth
    result = {}
    paths = Program.objects.filter(pk__in=list(program_ids)).values_list("pk", "path")
    for pk, path in paths:
        parts = path.split(".")
        if len(parts) > depth + 2:  # under a derived program (paths end with ".")
            result[pk] = int(parts[depth + 1])
    return result


def _approved_child_reviews(program: Program, start: dt.date, end: dt.date) -> dict[int, Review]:
    """For each derived program, its latest approved review inside the period."""
    reviews = Review.objects.filter(
        program__parent=program,
        state=ReviewState.APPROVED,
        period_start__gte=start,
        period_end__lte=end,
    ).order_by("program_id", "period_end", "pk")
    return {review.program_id: review for review in reviews}


def _child_label(child: Program, day: dt.date) -> str:
    names = [p.name_as_signed or name_on(p.unit, day) for p in child.parties.all()]
    return " – ".join(names) or child.title


def _children(review: Review, figures: dict[int, dict[str, int]]) -> list[dict]:
    program = review.program
    children = list(program.derived.prefetch_related("parties__unit").order_by("search_text", "pk"))
    if not children:
        return []
    approved = _approved_child_reviews(program, review.period_start, review.period_end)
    live: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(FIGURE_KEYS, 0))
    for program_id, child_id in _child_of(program, figures).items():
        for key in FIGURE_KEYS:
            live[child_id][key] += figures[program_id][key]
    result = []
    for child in children:
        child_review = approved.get(child.pk)
        if child_review is not None and child_review.frozen:
            row = child_review.frozen["figures"]["totals"]
            source = "review"
        else:
            row = live.get(child.pk, dict.fromkeys(FIGURE_KEYS, 0))
            source = "data"
        result.append(
            {
                "program_id": child.pk,
                "label": _child_label(child, review.period_end),
                "state": child.state,
                "source": source,
                "review_id": child_review.pk if child_review else None,
                **_row(row),
            }
        )
    return result


def compute_figures(review: Review) -> dict:
    """Every figure of the review, live, as plain JSON (what approval freezes)."""
    activities = live_scope(
        program=review.program,
        unit=None if review.joint else review.unit,
        start=review.period_start,
        end=review.period_end,
    )
    programs = per_program(activities)
    totals = {key: sum(row[key] for row in programs.values()) for key in FIGURE_KEYS}
    children = _children(review, programs)
    coverage = program_coverage(review.program)
    return {
        "period": [review.period_start.isoformat(), review.period_end.isoformat()],
        "totals": totals,
        "by_area": _by_area(review.program, activities),
        "by_kind": _by_kind(activities),
        "children": children,
        "coverage": {
            "expected": coverage.expected,
            "signed": coverage.signed,
            "in_effect": coverage.in_effect,
            "reviewed": coverage.reviewed,
        },
        "reporting": {
            "children": len(children),
            "approved_reviews": sum(1 for c in children if c["source"] == "review"),
        },
        "indicators": indicator_section(
            program=review.program,
            unit=review.unit,
            start=review.period_start,
            end=review.period_end,
        ),
    }


def hierarchy(review: Review) -> dict:
    """Names as of the period's end: the reviewing unit, its superiors and the parties."""
    day = review.period_end
    return {
        "unit": name_on(review.unit, day),
        "superiors": [u.short_name or u.name for u in ancestors(review.unit, on=day)],
        "parties": [
            {
                "name": p.name_as_signed or name_on(p.unit, day),
                "unit_id": p.unit_id,
                "superior": next(
                    (u.short_name or u.name for u in reversed(ancestors(p.unit, on=day))), ""
                ),
                "signatory_name": p.signatory_name,
                "signatory_title": p.signatory_title,
                "tier": p.unit.level.tier,
                "system": p.unit.system.code,
                "place": (p.unit.area.short_name or p.unit.area.name) if p.unit.area else "",
            }
            for p in review.program.parties.select_related(
                "unit__level", "unit__system", "unit__area"
            )
        ],
    }


def review_figures(review: Review) -> dict:
    """Frozen figures of an approved review; live ones otherwise."""
    if review.frozen is not None:
        return review.frozen["figures"]
    return compute_figures(review)


def review_hierarchy(review: Review) -> dict:
    if review.frozen is not None:
        return review.frozen["hierarchy"]
    return hierarchy(review)


def children_texts(review: Review) -> dict[str, list[dict]]:
    """For each narrative section, what the approved reviews of the level below wrote in it."""
    approved = _approved_child_reviews(review.program, review.period_start, review.period_end)
    result: dict[str, list[dict]] = {key: [] for key in SECTION_KEYS}
    for child_review in approved.values():
        label = (child_review.frozen or {}).get("hierarchy", {}).get("unit") or str(
            child_review.unit
        )
        for key in SECTION_KEYS:
            text = (child_review.narrative or {}).get(key, "").strip()
            if text:
                result[key].append({"review_id": child_review.pk, "unit": label, "text": text})
    return result


# --------------------------------------------------------------------------- drill-down


def _filtered(activities: QuerySet[Activity], review: Review, dim: str, key: str) -> QuerySet:
    if dim == "area":
        if key == NO_AREA:
            return activities.filter(content_areas__isnull=True)
        area_ids = [pk for pk, k in area_keys(review.program).items() if k == key]
        return activities.filter(content_areas__in=area_ids).distinct()
    if dim == "kind":
        return activities.filter(kind__code=key)
    return activities


def drill_children(review: Review, dim: str, key: str) -> list[dict]:
    """Level 1 of the drill-down: the figure split by the programs of the level below."""
    figures_by_program = per_program(_filtered(review_scope(review), review, dim, key))
    child_of = _child_of(review.program, figures_by_program)
    per_child: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(FIGURE_KEYS, 0))
    for program_id, row in figures_by_program.items():
        child = child_of.get(program_id, review.program.pk)
        for k in FIGURE_KEYS:
            per_child[child][k] += row[k]
    figures = review_figures(review)
    labels = {c["program_id"]: c for c in figures.get("children", [])}
    result = []
    for program_id, row in per_child.items():
        child = labels.get(program_id)
        result.append(
            {
                "program_id": program_id,
                "label": child["label"] if child else str(_("Organized at this level")),
                "review_id": child["review_id"] if child else None,
                **row,
            }
        )
    return sorted(result, key=lambda r: (-r["activities"], r["label"]))


def drill_activities(
    review: Review, dim: str, key: str, *, program_id: int | None = None
) -> QuerySet[Activity]:
    """Level 2: the activities behind the figure (optionally of one program below), with
    their evidence (level 3) prefetched."""
    activities = _filtered(review_scope(review), review, dim, key)
    if program_id is not None:
        child = Program.objects.filter(pk=program_id).first()
        if child is None:
            return Activity.objects.none()
        if child.pk == review.program.pk:
            activities = activities.filter(program=child)
        else:
            activities = activities.filter(program__in=_tree(child).values("pk"))
    return (
        Activity.objects.filter(pk__in=activities.values("pk"))
        .select_related("kind", "program")
        .prefetch_related("evidence", "organizers__unit")
        .order_by("starts_on", "pk")[:DRILL_LIMIT]
    )


def review_milestones_without_review(program: Program) -> list:
    """The program's review milestones that no review meets yet (to prepare one from)."""
    kinds = [MilestoneKind.ANNUAL_REVIEW, MilestoneKind.INTERIM_REVIEW, MilestoneKind.FINAL_REVIEW]
    return list(
        program.milestones.filter(
            kind__in=kinds, review__isnull=True, done_on__isnull=True
        ).order_by("due_on")
    )
