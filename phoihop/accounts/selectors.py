"""Who can reach which units. Every query that reaches a user starts here."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from phoihop.accounts.models import Membership
from phoihop.accounts.roles import VIEW, roles_allowing
from phoihop.orgs.models import OrgUnit
from phoihop.orgs.selectors import paths_of, predecessor_ids, unit_ids_under_paths


def units_reachable(user: Any, action: str = VIEW) -> QuerySet[OrgUnit]:
    """Units on which ``user`` may perform ``action`` (view, edit, approve, administer).

    A subtree role reaches every unit ever placed under the role's unit, including units that
    were merged into it, so the history of a merged province stays with its successor.
    """
    if not user or not user.is_authenticated or not user.is_active:
        return OrgUnit.objects.none()
    if user.is_superuser:
        return OrgUnit.objects.all()
    return OrgUnit.objects.filter(reach_condition(user, action, "pk"))


def reach_condition(user: Any, action: str = VIEW, field: str = "unit_id") -> Q:
    """``units_reachable`` as a condition on a unit column of another table (``unit_id`` of
    parties or organizers), so that table is filtered without joining the units at all.

    Superusers get an always-true condition; users without a role an always-false one.
    """
    if not user or not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    # The reach stays a subquery, never a list of ids: a province officer reaches thousands of
    # units, and a literal list of them makes PostgreSQL re-read it for every candidate row.
    # Only the memberships and their paths (a few short strings) are read once per request.
    cache = user.__dict__.setdefault("_phoihop_reach", {})
    if action not in cache:
        memberships = list(
            Membership.objects.filter(user=user, role__in=roles_allowing(action)).select_related(
                "unit"
            )
        )
        direct = [m.unit_id for m in memberships if not m.include_subunits]
        # A role on a unit formed by a merger also reaches the units it carries on, so the
        # officials of the merged body keep their predecessors' programs and activities.
        direct += sorted(predecessor_ids(direct))
        subtree_units = [m.unit for m in memberships if m.include_subunits]
        cache[action] = (direct, paths_of(subtree_units) if subtree_units else [])
    direct, paths = cache[action]
    condition = Q(**{f"{field}__in": direct})
    if paths:
        condition |= Q(**{f"{field}__in": unit_ids_under_paths(paths)})
    return condition


def units_visible_to(user: Any) -> QuerySet[OrgUnit]:
    return units_reachable(user, VIEW)


def unit_get_for_user(user: Any, pk: int) -> OrgUnit | None:
    return units_visible_to(user).select_related("system", "level", "area").filter(pk=pk).first()


def memberships_visible_to(user: Any) -> QuerySet[Membership]:
    return Membership.objects.filter(Q(unit__in=units_visible_to(user)) | Q(user=user)).distinct()


def top_units_for(user: Any) -> QuerySet[OrgUnit]:
    """Where the user's tree starts: the units of their roles (every root for admins)."""
    from phoihop.orgs.selectors import roots

    if user.is_superuser:
        return roots()
    return (
        OrgUnit.objects.filter(memberships__user=user)
        .distinct()
        .select_related("system", "level", "area")
        .order_by("system__order", "sort_key")
    )


def memberships_of_unit(unit: OrgUnit) -> QuerySet[Membership]:
    return Membership.objects.filter(unit=unit).select_related("user").order_by("user__username")


# Systems whose units any user may name as a partner: foreign organizations, enterprises.
OPEN_SYSTEMS = ["nuoc-ngoai", "doanh-nghiep"]


def partner_candidates(user: Any) -> QuerySet[OrgUnit]:
    """Units a user may name as a party to a program: those they see, the units of other systems
    in the same areas (LĐLĐ Hà Nội's officer names Hội LHPN Hà Nội), and open-system partners."""
    visible = units_visible_to(user)
    return OrgUnit.objects.filter(
        Q(pk__in=visible.values("pk"))
        | Q(area__in=visible.filter(area__isnull=False).values("area"))
        | Q(system__code__in=OPEN_SYSTEMS)
    )


def covers_subtree(user: Any, unit: OrgUnit) -> bool:
    """True when a subtree role of ``user`` covers everything ever placed under ``unit``: lists
    filtered to that subtree then need no per-row visibility check (much faster at scale)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    reach_condition(user)  # fills the per-request cache of role paths
    _direct, role_paths = user.__dict__["_phoihop_reach"][VIEW]
    unit_paths = paths_of([unit])
    return bool(unit_paths) and all(
        any(path.startswith(role_path) for role_path in role_paths) for path in unit_paths
    )
