"""Live roll-ups: the derived sums behind every "value over a unit's subtree".

For each value a unit enters, its *contribution* (``contributions``) is added to a
``RollupCell`` of every proper ancestor of the unit, in two structures:

- ``CURRENT`` (0): the unit's path today (its open placement). A value of LĐLĐ Tiền Giang for
  2024 counts under Đồng Tháp once Tiền Giang is merged into it.
- ``AS_OF`` (1): the unit's path on the period's reference day (its calendar end), so 2024 stays
  under Tiền Giang.

The path used is remembered in ``RollupAnchor``. A write applies the difference between the
contribution before and after it, in the same transaction (``rollup_apply``). A reorganisation
(``orgs.signals.placements_changed``) moves the contributions of every re-placed unit whose
path changed from the old ancestors to the new ones (``rollup_follow_placements``). The roll-up
of X is then X's cell plus X's own contribution: a handful of rows, whatever the tree's size.
``rollup_expected`` computes the same table from scratch (tests prove they are equal).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Q

from phoihop.indicators.enums import ValueType
from phoihop.indicators.models import DataValue, Indicator, RollupAnchor, RollupCell
from phoihop.indicators.periods import parse_period

CURRENT, AS_OF = 0, 1
FIELDS = ("total", "n", "num", "den", "total_ok", "n_ok", "num_ok", "den_ok")
ZERO = (Decimal(0), 0, Decimal(0), Decimal(0), Decimal(0), 0, Decimal(0), Decimal(0))
ROW_FIELDS = (
    "unit_id",
    "indicator_id",
    "period",
    "category_id",
    "value",
    "numerator",
    "denominator",
    "approved",
)

Vector = list  # [total, n, num, den, total_ok, n_ok, num_ok, den_ok]
Key = tuple[int, int, int, str, int]  # structure, ancestor, indicator, period, category key


# --- contributions ---------------------------------------------------------------------------


def _row_vector(row: dict[str, Any], value_type: str) -> Vector | None:
    if value_type == ValueType.TEXT:
        return None
    if value_type == ValueType.PERCENT:
        if row["numerator"] is None or row["denominator"] is None:
            return None
        vec = [Decimal(0), 1, Decimal(row["numerator"]), Decimal(row["denominator"])]
    else:
        if row["value"] is None:
            return None
        vec = [Decimal(row["value"]), 1, Decimal(0), Decimal(0)]
    return vec + (vec if row["approved"] else [Decimal(0), 0, Decimal(0), Decimal(0)])


def contributions(rows: Iterable[dict[str, Any]], value_type: str) -> dict[int, Vector]:
    """The contribution of one unit's rows for one indicator and period, by category key.

    Key 0 is the total: the uncategorised row if there is one, else the sum of the categories
    (counted as one value, so an average over units stays an average of units).
    """
    out: dict[int, Vector] = {}
    for row in rows:
        vec = _row_vector(row, value_type)
        if vec is not None:
            out[row["category_id"] or 0] = vec
    if 0 not in out and out:
        total = [sum((v[i] for v in out.values()), Decimal(0)) for i in range(8)]
        total[1] = 1 if any(v[1] for v in out.values()) else 0
        total[5] = 1 if any(v[5] for v in out.values()) else 0
        total[1], total[5] = int(total[1]), int(total[5])
        out[0] = total
    return out


def _value_types() -> dict[int, str]:
    return dict(Indicator.objects.values_list("pk", "value_type"))


def _group_contributions(
    rows: Iterable[dict[str, Any]], types: dict[int, str]
) -> dict[tuple[int, int, str], dict[int, Vector]]:
    """Contributions of many rows, by (unit, indicator, period)."""
    grouped: dict[tuple[int, int, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[(row["unit_id"], row["indicator_id"], row["period"])].append(row)
    return {
        key: contributions(group, types.get(key[1], ValueType.INTEGER))
        for key, group in grouped.items()
    }


def own_rows(unit_ids: Iterable[int], condition: Q | None = None) -> list[dict[str, Any]]:
    rows = DataValue.objects.filter(unit_id__in=list(unit_ids))
    if condition is not None:
        rows = rows.filter(condition)
    return list(rows.values(*ROW_FIELDS))


# --- paths -----------------------------------------------------------------------------------


def _placements(unit_ids: Iterable[int]) -> dict[int, list[tuple]]:
    from phoihop.orgs.models import OrgPlacement

    found: dict[int, list[tuple]] = defaultdict(list)
    for unit_id, valid_from, valid_to, path in OrgPlacement.objects.filter(
        unit_id__in=list(unit_ids)
    ).values_list("unit_id", "valid_from", "valid_to", "path"):
        found[unit_id].append((valid_from, valid_to, path))
    return found


def _current_path(rows: list[tuple]) -> str:
    """The open placement (the latest one if, unusually, none is open)."""
    if not rows:
        return ""
    open_rows = [r for r in rows if r[1] is None] or rows
    return max(open_rows, key=lambda r: (r[0] or dt.date.min, r[1] or dt.date.max))[2]


def _path_on(rows: list[tuple], day: dt.date) -> str:
    """The placement valid on ``day``; the current one for a unit that did not exist then."""
    for valid_from, valid_to, path in rows:
        if (valid_from is None or valid_from <= day) and (valid_to is None or valid_to > day):
            return path
    return _current_path(rows)


def path_for(rows: list[tuple], structure: int, period: str) -> str:
    if structure == CURRENT:
        return _current_path(rows)
    return _path_on(rows, parse_period(period).reference_day)


def _proper_ancestors(path: str) -> list[int]:
    return [int(part) for part in path.split(".") if part][:-1]


# --- applying deltas -------------------------------------------------------------------------


class Deltas:
    """Accumulates changes to cells, then writes them with one upsert per batch."""

    def __init__(self) -> None:
        self.cells: dict[Key, Vector] = {}

    def add(
        self,
        structure: int,
        path: str,
        indicator_id: int,
        period: str,
        contribution: dict[int, Vector],
        sign: int,
    ) -> None:
        self.add_to(structure, _proper_ancestors(path), indicator_id, period, contribution, sign)

    def add_to(
        self,
        structure: int,
        ancestors: Iterable[int],
        indicator_id: int,
        period: str,
        contribution: dict[int, Vector],
        sign: int,
    ) -> None:
        for ancestor in ancestors:
            for category_key, vec in contribution.items():
                key = (structure, ancestor, indicator_id, period, category_key)
                cell = self.cells.setdefault(key, list(ZERO))
                for i in range(8):
                    cell[i] += sign * vec[i]

    def flush(self) -> None:
        rows = [
            (*key, *(str(v) if isinstance(v, Decimal) else v for v in vec))
            for key, vec in self.cells.items()
            if any(vec)
        ]
        self.cells = {}
        if not rows:
            return
        table = RollupCell._meta.db_table
        columns = "structure, ancestor_id, indicator_id, period, category_key, " + ", ".join(FIELDS)
        updates = ", ".join(f"{f} = {table}.{f} + excluded.{f}" for f in FIELDS)
        sql = (
            # Table and column names come from the model; every value is a bound parameter.
            f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * 13)}) "  # noqa: S608
            f"ON CONFLICT (structure, ancestor_id, period, indicator_id, category_key) "
            f"DO UPDATE SET {updates}"
        )
        with connection.cursor() as cursor:
            for start in range(0, len(rows), 1000):
                cursor.executemany(sql, rows[start : start + 1000])


def _anchor_paths(unit_id: int, periods: Iterable[str]) -> dict[tuple[int, str], str]:
    """The paths under which the unit's values of ``periods`` are (or will be) counted, creating
    the missing anchors from the unit's placements."""
    wanted = {(CURRENT, "")} | {(AS_OF, period) for period in periods}
    found = {
        (a.structure, a.period): a.path
        for a in RollupAnchor.objects.filter(
            unit_id=unit_id, structure__in=[CURRENT, AS_OF], period__in={p for _s, p in wanted}
        )
    }
    missing = [key for key in wanted if key not in found]
    if missing:
        rows = _placements([unit_id])[unit_id]
        new = [
            RollupAnchor(unit_id=unit_id, structure=s, period=p, path=path_for(rows, s, p))
            for s, p in missing
        ]
        RollupAnchor.objects.bulk_create(new)
        found.update({(a.structure, a.period): a.path for a in new})
    return found


def rollup_apply(
    *,
    unit_id: int,
    before: dict[tuple[int, str], dict[int, Vector]],
    after: dict[tuple[int, str], dict[int, Vector]],
) -> None:
    """Add ``after - before`` (contributions by (indicator, period)) of one unit to its
    ancestors' cells in both structures. Call it inside the writing transaction."""
    keys = set(before) | set(after)
    if not keys:
        return
    paths = _anchor_paths(unit_id, {period for _i, period in keys})
    deltas = Deltas()
    for indicator_id, period in keys:
        for structure, anchor_period in ((CURRENT, ""), (AS_OF, period)):
            path = paths[(structure, anchor_period)]
            if (indicator_id, period) in before:
                deltas.add(
                    structure, path, indicator_id, period, before[(indicator_id, period)], -1
                )
            if (indicator_id, period) in after:
                deltas.add(structure, path, indicator_id, period, after[(indicator_id, period)], 1)
    deltas.flush()


def unit_contributions(
    unit_id: int, condition: Q | None = None, types: dict[int, str] | None = None
) -> dict[tuple[int, str], dict[int, Vector]]:
    """The unit's contributions by (indicator, period), for rows matching ``condition``
    (``types``: the value type by indicator id, when the caller already knows them)."""
    return rows_contributions(own_rows([unit_id], condition), types)


def rows_contributions(
    rows: Iterable[Any], types: dict[int, str] | None = None
) -> dict[tuple[int, str], dict[int, Vector]]:
    """Contributions by (indicator, period) of one unit's rows (dicts or ``DataValue``s)."""
    dicts = [r if isinstance(r, dict) else {f: getattr(r, f) for f in ROW_FIELDS} for r in rows]
    grouped = _group_contributions(dicts, types if types is not None else _value_types())
    return {(ind, period): contrib for (_u, ind, period), contrib in grouped.items()}


def _chunks(items: list[int], size: int = 500) -> Iterable[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def summed_contributions(
    unit_ids: list[int], period: str | None = None
) -> dict[tuple[int, str], dict[int, Vector]]:
    """The sum of ``contributions`` of many units by (indicator, period), computed in SQL (the
    same rules: a value counts when present, a percentage when both parts are, text never;
    the total of a split indicator counts each unit once)."""
    values_t, indicators_t = DataValue._meta.db_table, Indicator._meta.db_table
    has = (
        "(CASE WHEN i.value_type = 'text' THEN 0 WHEN i.value_type = 'percent' THEN"
        " (CASE WHEN v.numerator IS NOT NULL AND v.denominator IS NOT NULL THEN 1 ELSE 0 END)"
        " ELSE (CASE WHEN v.value IS NOT NULL THEN 1 ELSE 0 END) END)"
    )
    sums = []
    for ok in ("1 = 1", "v.approved"):
        sums += [
            f"SUM(CASE WHEN {has} = 1 AND {ok} AND i.value_type <> 'percent'"
            " THEN v.value ELSE 0 END)",
            "{n}",
            f"SUM(CASE WHEN {has} = 1 AND {ok} AND i.value_type = 'percent'"
            " THEN v.numerator ELSE 0 END)",
            f"SUM(CASE WHEN {has} = 1 AND {ok} AND i.value_type = 'percent'"
            " THEN v.denominator ELSE 0 END)",
        ]
    count_rows = [
        f"SUM(CASE WHEN {has} = 1 AND {ok} THEN 1 ELSE 0 END)" for ok in ("1 = 1", "v.approved")
    ]
    count_units = [
        f"COUNT(DISTINCT CASE WHEN {has} = 1 AND {ok} THEN v.unit_id END)"
        for ok in ("1 = 1", "v.approved")
    ]

    def select(key: str, counts: list[str], where: str, group: str) -> str:
        columns = [sums[0], counts[0], *sums[2:5], counts[1], *sums[6:8]]
        return (
            f"SELECT v.indicator_id, v.period, {key}, {', '.join(columns)}"  # noqa: S608
            f" FROM {values_t} v JOIN {indicators_t} i ON i.id = v.indicator_id"
            f" WHERE v.unit_id IN ({{units}}){' AND v.period = %s' if period else ''}{where}"
            f" GROUP BY {group}"
        )

    statements = [
        select(
            "COALESCE(v.category_id, 0)",
            count_rows,
            "",
            "v.indicator_id, v.period, COALESCE(v.category_id, 0)",
        ),
        select("0", count_units, " AND v.category_id IS NOT NULL", "v.indicator_id, v.period"),
    ]
    out: dict[tuple[int, str], dict[int, Vector]] = defaultdict(dict)
    with connection.cursor() as cursor:
        for chunk in _chunks(sorted(set(unit_ids))):
            for statement in statements:
                sql = statement.replace("{units}", ", ".join(["%s"] * len(chunk)))
                cursor.execute(sql, [*chunk, *([period] if period else [])])
                for indicator_id, row_period, key, *vec in cursor.fetchall():
                    cell = out[(indicator_id, row_period)].setdefault(key, list(ZERO))
                    for i, v in enumerate(vec):
                        cell[i] += int(v) if i % 4 == 1 else Decimal(_number(v) or 0)
    return out


def rollup_follow_placements(*, unit_ids: Iterable[int]) -> None:
    """After a reorganisation: move the contributions of the re-placed units whose anchor path
    changed to their new ancestors (called by ``orgs.signals.placements_changed``)."""
    unit_ids = list(set(unit_ids))
    anchors = list(RollupAnchor.objects.filter(unit_id__in=unit_ids))
    if not anchors:
        return
    placements = _placements({a.unit_id for a in anchors})
    moved = []
    for anchor in anchors:
        new_path = path_for(placements[anchor.unit_id], anchor.structure, anchor.period)
        if new_path != anchor.path:
            moved.append((anchor, new_path))
    if not moved:
        return
    # Ancestors on both the old and the new path see no change. The units that left the same
    # ancestors for the same new ones (a whole province) are summed together, in SQL, then
    # applied once.
    members: dict[tuple, list[int]] = defaultdict(list)
    for anchor, new_path in moved:
        old_ancestors, new_ancestors = _proper_ancestors(anchor.path), _proper_ancestors(new_path)
        left = tuple(a for a in old_ancestors if a not in new_ancestors)
        joined = tuple(a for a in new_ancestors if a not in old_ancestors)
        anchor.path = new_path
        if left or joined:
            members[(anchor.structure, anchor.period, left, joined)].append(anchor.unit_id)
    deltas = Deltas()
    for (structure, anchor_period, left, joined), group_units in members.items():
        summed = summed_contributions(group_units, anchor_period or None)
        for (indicator_id, period), contrib in summed.items():
            deltas.add_to(structure, left, indicator_id, period, contrib, -1)
            deltas.add_to(structure, joined, indicator_id, period, contrib, 1)
    deltas.flush()
    RollupAnchor.objects.bulk_update([a for a, _p in moved], ["path"], batch_size=1000)


# --- reading ---------------------------------------------------------------------------------


def _number(value: Any) -> Any:
    """Numbers as the ORM gives them: SQLite returns floats for decimal columns."""
    if isinstance(value, float):
        return Decimal(repr(value)).quantize(Decimal("0.0001"))
    return value


def read_unit(
    *,
    unit_id: int,
    structure: int,
    periods: list[str],
    indicator_ids: list[int],
    target_period: str,
    target_indicator_ids: list[int],
    program_id: int | None,
) -> tuple[dict[tuple[int, str, int], Vector], list[dict[str, Any]], dict[int, Decimal]]:
    """The unit's cells, its own values and its targets, in one statement (a roll-up costs one
    round trip whatever the size of the subtree)."""
    from phoihop.indicators.models import Target

    cells_t, values_t, targets_t = (
        RollupCell._meta.db_table,
        DataValue._meta.db_table,
        Target._meta.db_table,
    )
    ids = list(indicator_ids) or [0]
    target_ids = list(target_indicator_ids) or [0]
    marks = ", ".join(["%s"] * len(periods))
    id_marks, target_marks = ", ".join(["%s"] * len(ids)), ", ".join(["%s"] * len(target_ids))
    program = "program_id IS NULL" if program_id is None else "program_id = %s"
    sql = (
        f"SELECT 0, indicator_id, period, category_key, {', '.join(FIELDS)} FROM {cells_t}"  # noqa: S608
        f" WHERE structure = %s AND ancestor_id = %s AND period IN ({marks})"
        f" AND indicator_id IN ({id_marks})"
        f" UNION ALL SELECT 1, indicator_id, period, category_id, value,"
        f" CASE WHEN approved THEN 1 ELSE 0 END, numerator, denominator, 0, 0, 0, 0"
        f" FROM {values_t} WHERE unit_id = %s AND period IN ({marks})"
        f" AND indicator_id IN ({id_marks})"
        f" UNION ALL SELECT 2, indicator_id, period, 0, value, 0, 0, 0, 0, 0, 0, 0"
        f" FROM {targets_t} WHERE unit_id = %s AND period = %s"
        f" AND indicator_id IN ({target_marks}) AND {program}"
    )
    params: list[Any] = [
        structure,
        unit_id,
        *periods,
        *ids,
        unit_id,
        *periods,
        *ids,
        unit_id,
        target_period,
        *target_ids,
    ]
    if program_id is not None:
        params.append(program_id)
    cells: dict[tuple[int, str, int], Vector] = {}
    own: list[dict[str, Any]] = []
    targets: dict[int, Decimal] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for source, indicator_id, period, key, *rest in cursor.fetchall():
            rest = [_number(v) for v in rest]
            if source == 0:
                cells[(indicator_id, period, key)] = [
                    Decimal(v) if i % 4 != 1 else int(v) for i, v in enumerate(rest)
                ]
            elif source == 1:
                own.append(
                    {
                        "unit_id": unit_id,
                        "indicator_id": indicator_id,
                        "period": period,
                        "category_id": key,
                        "value": rest[0],
                        "approved": bool(rest[1]),
                        "numerator": rest[2],
                        "denominator": rest[3],
                    }
                )
            else:
                targets[indicator_id] = Decimal(rest[0])
    return cells, own, targets


# --- from scratch ----------------------------------------------------------------------------


def rollup_expected() -> dict[Key, tuple]:
    """The whole cell table computed from scratch from the values and the placements (slow:
    for tests and checks). All-zero cells are left out."""
    rows = list(DataValue.objects.values(*ROW_FIELDS))
    grouped = _group_contributions(rows, _value_types())
    placements = _placements({unit_id for unit_id, _i, _p in grouped})
    deltas = Deltas()
    for (unit_id, indicator_id, period), contrib in grouped.items():
        for structure in (CURRENT, AS_OF):
            path = path_for(placements[unit_id], structure, period)
            deltas.add(structure, path, indicator_id, period, contrib, 1)
    return {key: _normal(vec) for key, vec in deltas.cells.items() if any(vec)}


def rollup_stored() -> dict[Key, tuple]:
    """The cell table as stored, in the shape of ``rollup_expected``."""
    out = {}
    for cell in RollupCell.objects.all():
        vec = [getattr(cell, f) for f in FIELDS]
        if any(vec):
            key = (
                cell.structure,
                cell.ancestor_id,
                cell.indicator_id,
                cell.period,
                cell.category_key,
            )
            out[key] = _normal(vec)
    return out


def _normal(vec: Vector) -> tuple:
    return tuple(
        Decimal(v).quantize(Decimal("0.0001")) if i % 4 != 1 else int(v) for i, v in enumerate(vec)
    )


def rollup_rebuild() -> int:
    """Recompute the whole derived data from scratch (a repair tool; writes are incremental)."""
    RollupCell.objects.all().delete()
    RollupAnchor.objects.all().delete()
    rows = list(DataValue.objects.values(*ROW_FIELDS))
    grouped = _group_contributions(rows, _value_types())
    placements = _placements({unit_id for unit_id, _i, _p in grouped})
    deltas, anchors = Deltas(), {}
    for (unit_id, indicator_id, period), contrib in grouped.items():
        for structure in (CURRENT, AS_OF):
            anchor_period = "" if structure == CURRENT else period
            path = path_for(placements[unit_id], structure, period)
            anchors[(unit_id, structure, anchor_period)] = path
            deltas.add(structure, path, indicator_id, period, contrib, 1)
    count = len(deltas.cells)
    deltas.flush()
    RollupAnchor.objects.bulk_create(
        [
            RollupAnchor(unit_id=u, structure=s, period=p, path=path)
            for (u, s, p), path in anchors.items()
        ],
        batch_size=1000,
    )
    return count
