"""Benchmark activities at national scale (PostgreSQL).

    .venv/bin/python bench/activities.py [--activities 5000000] [--repeat 100]

Creates a fresh database (``phoihop_bench_activities``, dropped and re-created through the
``test`` database), migrates it, loads the administrative areas and bulk-builds the two trees
(Công đoàn, Hội LHPN, ≈150,000 units) with the helpers of bench/orgs.py. Then it generates
``--activities`` activities over 2021–2025 with server-side SQL (``generate_series`` and
``random()`` after ``setseed``): 1–3 organizers each (≈30 % joint with the counterpart unit of the
other system, ≈12 % with the lead's parent unit too), participants, women, costs by funding
source, kinds from ActivityKind and a folded ``search_text`` as ``services._refresh_search``
writes it. After VACUUM ANALYZE it times (a) de-duplicated totals of a province subtree over a
year, (b) a filtered list page for a province officer, (c) the import rate of a 10,000-row Excel
file through ``imports.activity_import_run``, prints the slowest query plans and (unless
``--no-fixes``) re-times with the proposed fixes applied to the bench database and process
only. See bench/ACTIVITIES.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import io
import os
import random
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
TOTALS_TARGET_MS, LIST_TARGET_MS, IMPORT_TARGET_RATE = 200.0, 100.0, 1000.0
FIRST_DAY, LAST_DAY = dt.date(2021, 1, 1), dt.date(2025, 12, 31)
YEARS = list(range(FIRST_DAY.year, LAST_DAY.year + 1))
QUERY = "toa dam"
CHUNK = 500_000  # activities per INSERT … SELECT (each sorted in memory)
# Share of activities led at each tier (national, province, district, commune, grassroots).
TIER_WEIGHTS = {0: 0.002, 1: 0.03, 2: 0.12, 3: 0.35, 4: 0.498}
JOINT_SHARE, PARENT_SHARE, MERGED_SHARE = 0.30, 0.12, 0.003
KIND_WEIGHTS = {  # by ActivityKind.code; any other kind gets 3
    "hoi-nghi": 14,
    "tham-tang-qua": 14,
    "truyen-thong": 12,
    "tap-huan": 10,
    "toa-dam": 6,
    "hoi-thi": 7,
    "so-ket": 6,
    "tong-ket": 6,
}
THEMES = [
    "về bình đẳng giới và vì sự tiến bộ của phụ nữ",
    "phòng, chống bạo lực gia đình",
    "chăm lo nữ công nhân lao động tại các khu công nghiệp",
    "tuyên truyền pháp luật về lao động nữ",
    "phòng, chống mua bán người",
    "hỗ trợ phụ nữ khởi nghiệp",
    "xây dựng nông thôn mới, đô thị văn minh",
    "chuyển đổi số trong công tác Công đoàn và Hội",
    "chăm sóc sức khỏe sinh sản cho lao động nữ",
    "kỹ năng sống cho con công nhân",
    "nhân Ngày Quốc tế Phụ nữ 8/3",
    "nhân Ngày Phụ nữ Việt Nam 20/10",
    "an toàn, vệ sinh lao động",
    "xây dựng gia đình no ấm, tiến bộ, hạnh phúc",
    "Tết sum vầy cho đoàn viên, người lao động",
    "đảm bảo quyền lợi của lao động nữ mang thai",
]
FUNDING = ["union", "women", "state", "sponsor"]
PLACES = ["Hội trường", "Nhà văn hóa", "Trụ sở", "Hội trường UBND"]


def _load_orgs_bench() -> Any:
    """bench/orgs.py (helpers reused as they are: database, tree building, measuring)."""
    spec = importlib.util.spec_from_file_location("bench_orgs", BENCH / "orgs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_orgs"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


ob = _load_orgs_bench()
UNION, WOMEN = ob.UNION, ob.WOMEN


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--activities", type=int, default=5_000_000)
    parser.add_argument("--units", type=int, default=150_000, help="about this many units")
    parser.add_argument("--repeat", type=int, default=100, help="timed runs per measure")
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2025, help="Python side (tree, picks)")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"),
        help="server URL without database name (the 'test' database must exist)",
    )
    parser.add_argument("--pg-name", default="phoihop_bench_activities")
    parser.add_argument(
        "--budget", type=float, default=60.0, help="stop a measure after this many seconds"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the database a --keep run left (migrated, not rebuilt); implies --keep",
    )
    parser.add_argument("--quiet-plans", action="store_true", help="do not print query plans")
    args = parser.parse_args(argv)
    args.db = "postgres"
    return args


# --- building --------------------------------------------------------------------------------


def execute(sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> Any:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else cursor.rowcount


def stage_units() -> dict[int, tuple[int, int]]:
    """Copy every unit into ``bench_unit`` (idx by tier) with its counterpart and parent.

    The counterpart of a unit is the unit of the other system at the same tier and area; for a
    grassroots unit (CĐCS, chi hội) it is the other system's commune-level unit of its ward.
    Returns {tier: (first idx, count)}.
    """
    from django.db import connection

    from phoihop.core.text import fold
    from phoihop.orgs.models import AdminArea, OrgPlacement, OrgUnit

    tiers = {"trung-uong": 0, "tinh": 1, "huyen": 2, "xa": 3, "co-so": 4, "chi-hoi": 4}
    units = list(
        OrgUnit.objects.values_list("pk", "name", "area_id", "system__code", "level__code")
    )
    parent = dict(OrgPlacement.objects.values_list("unit_id", "parent_id"))
    area_names = dict(AdminArea.objects.values_list("pk", "name"))
    by_place = {(system, tiers[level], area): pk for pk, _n, area, system, level in units}
    rows = []
    for pk, name, area, system, level in units:
        tier = tiers[level]
        other = WOMEN if system == UNION else UNION
        counterpart = by_place.get((other, min(tier, 3), area))
        place = f"{PLACES[pk % len(PLACES)]} {area_names[area]}" if area else "Hà Nội"
        rows.append((tier, pk, area, counterpart, parent.get(pk), fold(name), place, fold(place)))
    rows.sort(key=lambda r: (r[0], r[1]))
    execute(
        "CREATE UNLOGGED TABLE bench_unit (idx int PRIMARY KEY, tier int, unit_id bigint UNIQUE,"
        " area_id bigint, counterpart_id bigint, parent_id bigint, name_fold text, place text,"
        " place_fold text)"
    )
    ranges: dict[int, tuple[int, int]] = {}
    with connection.cursor() as cursor, cursor.cursor.copy("COPY bench_unit FROM STDIN") as copy:
        for idx, row in enumerate(rows, start=1):
            tier = row[0]
            first, count = ranges.get(tier, (idx, 0))
            ranges[tier] = (first, count + 1)
            copy.write_row((idx, *row))
    execute("ANALYZE bench_unit")
    return ranges


def plan_activities(n: int, ranges: dict[int, tuple[int, int]], kinds: list[Any]) -> None:
    """``bench_plan``: one row of random draws per activity, ids 1..n in date order."""
    tiers = sorted(t for t in TIER_WEIGHTS if t in ranges)
    weights = [TIER_WEIGHTS[t] for t in tiers]
    kind_weights = [KIND_WEIGHTS.get(k.code, 3) for k in kinds]
    days = (LAST_DAY - FIRST_DAY).days + 1

    def cumulative(values: list[float]) -> list[float]:
        total, out, acc = sum(values), [0.0], 0.0
        for value in values[:-1]:
            acc += value / total
            out.append(acc)
        return out

    execute("SELECT setseed(0.42)")
    execute(
        """
        CREATE UNLOGGED TABLE bench_plan AS
        SELECT id, tier_no,
               (%(firsts)s::int[])[tier_no] + floor(r_unit * (%(counts)s::int[])[tier_no])::int
                 AS lead,
               r_joint < %(joint)s AS joint, r_parent < %(parent)s AS third,
               width_bucket(r_kind, %(kind_cum)s::float8[]) AS kind_no,
               1 + floor(r_theme * %(themes)s)::int AS theme_no,
               day, CASE WHEN r_long < 0.25 THEN 1 + floor(r_long * 12)::int END AS extra_days,
               participants,
               floor(participants * (0.35 + 0.6 * r_women))::int AS women,
               CASE WHEN r_members < 0.5 THEN floor(participants * r_members)::int END
                 AS union_members,
               CASE WHEN r_members > 0.4 THEN floor(participants * (1 - r_members))::int END
                 AS women_members,
               CASE WHEN r_benef < 0.3 THEN floor(participants * r_benef * 3)::int ELSE 0 END
                 AS beneficiaries,
               CASE WHEN r_cost < 0.6 THEN (1 + floor(r_amount * 100)::int) * 500000 ELSE 0 END
                 AS cost1,
               1 + floor(r_src * 4)::int AS src1,
               CASE WHEN r_cost < 0.18 THEN (1 + floor(r_amount2 * 40)::int) * 500000 ELSE 0 END
                 AS cost2,
               1 + (floor(r_src * 4)::int + 1 + floor(r_src2 * 3)::int) %% 4 AS src2,
               r_source < 0.2 AS imported, r_merged < %(merged)s AS merged
        FROM (
            SELECT g AS id,
                   width_bucket(random(), %(tier_cum)s::float8[]) AS tier_no,
                   random() AS r_unit, random() AS r_joint, random() AS r_parent,
                   random() AS r_kind, random() AS r_theme,
                   ((g - 1) * %(days)s / %(n)s)::int AS day, random() AS r_long,
                   15 + floor(power(random(), 2) * 400)::int AS participants,
                   random() AS r_women, random() AS r_members, random() AS r_benef,
                   random() AS r_cost, random() AS r_amount, random() AS r_amount2,
                   random() AS r_src, random() AS r_src2, random() AS r_source,
                   random() AS r_merged
            FROM generate_series(1, %(n)s::bigint) AS g
        ) AS draws
        """,
        {
            "firsts": [ranges[t][0] for t in tiers],
            "counts": [ranges[t][1] for t in tiers],
            "tier_cum": cumulative(weights),
            "kind_cum": cumulative([float(w) for w in kind_weights]),
            "themes": len(THEMES),
            "joint": JOINT_SHARE,
            "parent": PARENT_SHARE,
            "merged": MERGED_SHARE,
            "days": days,
            "n": n,
        },
    )
    execute("ALTER TABLE bench_plan ADD PRIMARY KEY (id)")
    execute("ANALYZE bench_plan")


def droppable_indexes(table: str) -> list[tuple[str, str]]:
    """(name, definition) of the table's indexes that back no constraint."""
    return execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
        "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass) ORDER BY indexname",
        [table, table],
    )


ACTIVITY_SQL = """
INSERT INTO activities_activity (
    id, created_at, updated_at, title, kind_id, starts_on, ends_on, place, area_id, program_id,
    participants, participants_women, union_members, women_members, workers, beneficiaries,
    benefits, benefits_value, description, source, source_ref, merged_into_id, total_cost,
    search_text, created_by_id)
SELECT p.id, ts, ts, title, (%(kind_ids)s::bigint[])[p.kind_no], starts_on,
       starts_on + p.extra_days, l.place, l.area_id, NULL,
       p.participants, p.women, p.union_members, p.women_members, NULL, p.beneficiaries,
       CASE WHEN p.beneficiaries > 0 THEN 'Quà tặng' ELSE '' END,
       p.beneficiaries::bigint * (200000 + (p.id %% 9) * 100000), '',
       CASE WHEN p.imported THEN 'imported' ELSE 'entered' END, '',
       CASE WHEN p.merged AND p.id > 1 THEN p.id - 1 END, p.cost1 + p.cost2,
       concat_ws(' ', (%(kind_folds)s::text[])[p.kind_no], (%(theme_folds)s::text[])[p.theme_no],
                 'nam', extract(year FROM starts_on)::int, l.place_fold,
                 (%(kind_folds)s::text[])[p.kind_no], l.name_fold, c.name_fold, a.name_fold),
       NULL
FROM (
    SELECT p.*, %(first)s::date + p.day AS starts_on,
           (%(first)s::date + p.day + time '09:00' + (p.id %% 3600) * interval '1 second')
             AT TIME ZONE 'Asia/Ho_Chi_Minh' + interval '2 days' AS ts,
           concat_ws(' ', (%(kind_names)s::text[])[p.kind_no], (%(themes)s::text[])[p.theme_no],
                     'năm', extract(year FROM %(first)s::date + p.day)::int) AS title
    FROM bench_plan p WHERE p.id BETWEEN %(lo)s AND %(hi)s
) AS p
JOIN bench_unit l ON l.idx = p.lead
LEFT JOIN bench_unit c ON p.joint AND c.unit_id = l.counterpart_id
LEFT JOIN bench_unit a ON p.third AND a.unit_id = l.parent_id
ORDER BY p.id
"""

ORGANIZER_SQL = """
INSERT INTO activities_activityorganizer (
    activity_id, unit_id, role, starts_on, counted, kind_id, participants, participants_women,
    beneficiaries, total_cost, search_text)
SELECT o.activity_id, o.unit_id, o.role, a.starts_on, a.merged_into_id IS NULL, a.kind_id,
       a.participants, a.participants_women, a.beneficiaries, a.total_cost, a.search_text
FROM (
    SELECT p.id AS activity_id, l.unit_id, 'lead' AS role, 0 AS k, p.day AS day
    FROM bench_plan p JOIN bench_unit l ON l.idx = p.lead
    WHERE p.id BETWEEN %(lo)s AND %(hi)s
    UNION ALL
    SELECT p.id, l.counterpart_id, 'partner', 1, p.day
    FROM bench_plan p JOIN bench_unit l ON l.idx = p.lead
    WHERE p.id BETWEEN %(lo)s AND %(hi)s AND p.joint AND l.counterpart_id IS NOT NULL
    UNION ALL
    SELECT p.id, l.parent_id, 'partner', 2, p.day
    FROM bench_plan p JOIN bench_unit l ON l.idx = p.lead
    WHERE p.id BETWEEN %(lo)s AND %(hi)s AND p.third AND l.parent_id IS NOT NULL
) AS o
JOIN activities_activity a ON a.id = o.activity_id
ORDER BY o.activity_id, o.k
"""

COST_SQL = """
INSERT INTO activities_activitycost (activity_id, source, amount)
SELECT activity_id, source, amount FROM (
    SELECT id AS activity_id, (%(funding)s::text[])[src1] AS source, cost1 AS amount, 0 AS k
    FROM bench_plan WHERE id BETWEEN %(lo)s AND %(hi)s AND cost1 > 0
    UNION ALL
    SELECT id, (%(funding)s::text[])[src2], cost2, 1
    FROM bench_plan WHERE id BETWEEN %(lo)s AND %(hi)s AND cost2 > 0
) AS c
ORDER BY activity_id, k
"""


def build_on_own_connection(statements: list[str]) -> None:
    import psycopg
    from django.db import connection

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '1GB'")
        for sql in statements:
            conn.execute(sql)


def build_activities(n: int) -> dict[str, float]:
    """Fill the activity tables from ``bench_plan`` (indexes dropped and rebuilt, FK checks off:
    the generated rows are valid by construction). Returns seconds per step."""
    from phoihop.activities.models import ActivityKind
    from phoihop.core.text import fold

    steps: dict[str, float] = {}
    start = time.perf_counter()
    ranges = stage_units()
    kinds = list(ActivityKind.objects.order_by("pk"))
    plan_activities(n, ranges, kinds)
    steps["plan"] = time.perf_counter() - start

    tables = ["activities_activity", "activities_activityorganizer", "activities_activitycost"]
    dropped = [(t, name, sql) for t in tables for name, sql in droppable_indexes(t)]
    for _table, name, _sql in dropped:
        execute(f'DROP INDEX "{name}"')
    execute("SET session_replication_role = replica")  # no FK triggers during the bulk load
    execute("SET work_mem = '256MB'")
    params = {
        "kind_ids": [k.pk for k in kinds],
        "kind_names": [k.name for k in kinds],
        "kind_folds": [fold(k.name) for k in kinds],
        "themes": THEMES,
        "theme_folds": [fold(t) for t in THEMES],
        "funding": FUNDING,
        "first": FIRST_DAY,
    }
    for label, sql in (("activities", ACTIVITY_SQL), ("organizers", ORGANIZER_SQL)):
        step = time.perf_counter()
        for lo in range(1, n + 1, CHUNK):
            execute(sql, {**params, "lo": lo, "hi": min(n, lo + CHUNK - 1)})
            done = min(n, lo + CHUNK - 1)
            print(f"    {label}: {done:,}/{n:,} ({time.perf_counter() - step:.0f} s)", flush=True)
        steps[label] = time.perf_counter() - step
    step = time.perf_counter()
    for lo in range(1, n + 1, CHUNK):
        execute(COST_SQL, {**params, "lo": lo, "hi": min(n, lo + CHUNK - 1)})
    steps["costs"] = time.perf_counter() - step
    execute("SET session_replication_role = origin")
    step = time.perf_counter()
    # GIN (trigram) builds are single-threaded and the slowest: build them on a second
    # connection while this one builds the B-trees.
    slow = [sql for _t, _n, sql in dropped if " gin " in sql.lower()]
    worker = threading.Thread(target=build_on_own_connection, args=(slow,))
    worker.start()
    execute("SET maintenance_work_mem = '1GB'")
    for _table, _name, sql in dropped:
        if sql not in slow:
            execute(sql)
    execute("RESET maintenance_work_mem")
    worker.join()
    execute("RESET work_mem")
    for table in tables:
        execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
            f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)",
            [table],
        )
    steps["indexes"] = time.perf_counter() - step
    print(f"  recreated {len(dropped)} indexes: " + ", ".join(name for _t, name, _s in dropped))
    return steps


# --- measuring -------------------------------------------------------------------------------


def make_officers(units: list[Any]) -> list[tuple[Any, Any]]:
    """Province officers: an editor role with sub-units on each of ``units``."""
    from phoihop.accounts.enums import Role
    from phoihop.accounts.models import Membership, User

    officers = []
    for i, unit in enumerate(units):
        user, _new = User.objects.get_or_create(
            username=f"bench-officer-{i}", defaults={"full_name": f"Officer {i}"}
        )
        Membership.objects.filter(user=user).delete()
        Membership.objects.create(user=user, unit=unit, role=Role.EDITOR, include_subunits=True)
        officers.append((user, unit))
    return officers


def national_user() -> Any:
    """A national administrator (sees every subtree), for the totals of any province."""
    from phoihop.accounts.models import User

    user, _new = User.objects.get_or_create(
        username="bench-national", defaults={"full_name": "National", "is_superuser": True}
    )
    return user


def measure(
    label: str,
    picks: Sequence[Any],
    call: Callable[[Any], int],
    target: float | None,
    budget: float,
    warmup: int = 3,
) -> Any:
    """Like bench/orgs.py's measure, but stops after ``budget`` seconds (at least 10 runs)."""
    for pick in picks[:warmup]:
        call(pick)
    times, sizes = [], []
    started = time.perf_counter()
    for pick in picks:
        start = time.perf_counter()
        size = call(pick)
        times.append((time.perf_counter() - start) * 1000)
        sizes.append(size)
        if len(times) >= 10 and time.perf_counter() - started > budget:
            break
    row = ob.Row(label, times, sizes, target)
    print(f"  measured {label}: p95 {row.pct(0.95):.1f} ms ({len(times)} runs)", flush=True)
    return row


def year_span(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def totals(pick: tuple[Any, Any, int]) -> int:
    """(a) de-duplicated totals (and credits) of a province subtree over one year, as the list
    page, the API and the dashboard compute them."""
    from phoihop.activities import selectors

    user, province, year = pick
    start, end = year_span(year)
    listing = selectors.activity_listing(user, {"unit": province, "start": start, "end": end})
    return listing.totals.activities


def list_page(pick: tuple[Any, Any, int], extra: dict[str, Any] | None = None) -> int:
    """(b) the list page as the view builds it: totals row, count, the first 30 rows with their
    organizers, kinds and costs."""
    from django.core.paginator import Paginator

    from phoihop.activities import selectors

    user, unit, year = pick
    user.__dict__.pop("_phoihop_reach", None)  # a new request: units_reachable runs again
    start, end = year_span(year)
    filters = {"unit": unit, "start": start, "end": end, **(extra or {"q": QUERY})}
    listing = selectors.activity_listing(user, filters)
    page = Paginator(listing.activities, 30).get_page(1)
    rows = list(page.object_list)
    for activity in rows:
        _ = [(o.unit.name, o.role) for o in activity.organizers.all()]
        _ = (activity.kind.name, [c.amount for c in activity.costs.all()])
    return len(rows)


def list_page_by_kind(pick: tuple[Any, Any, int]) -> int:
    """(d) the same page filtered by kind instead of words: the activity-side path."""
    from phoihop.activities.models import ActivityKind

    kind = ActivityKind.objects.get(code="toa-dam")
    return list_page(pick, {"kind": kind})


def captured_queries(call: Callable[[], Any]) -> list[tuple[str, Any]]:
    """The SQL statements (with parameters) a call runs."""
    from django.db import connection

    queries: list[tuple[str, Any]] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        call()
    return queries


def explain_slowest(label: str, call: Callable[[], Any], quiet: bool, top: int = 2) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) every statement of one call; print the slowest plans."""
    from django.db import connection

    timed = []
    for sql, params in captured_queries(call):
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            plan = [row[0] for row in cursor.fetchall()]
        ms = float(plan[-1].split(":", 1)[1].split("ms")[0])
        timed.append((ms, sql, params, plan))
    timed.sort(key=lambda item: -item[0])
    print(f"\n=== {label}: {len(timed)} SELECTs, execution times (ms): ", end="")
    print(", ".join(f"{ms:.1f}" for ms, *_rest in timed))
    for ms, sql, params, plan in timed[:top]:
        with connection.cursor() as cursor:
            text = cursor.mogrify(sql, params) if params else sql
        text = text.decode() if isinstance(text, bytes) else text
        print(f"\n--- {ms:.1f} ms\n{text[:1500]}{' …' if len(text) > 1500 else ''}")
        if not quiet:
            print("\n".join(line if len(line) < 200 else line[:200] + " …" for line in plan))


# --- import ----------------------------------------------------------------------------------


def import_units(province: Any) -> list[tuple[Any, Any]]:
    """(lead, counterpart) pairs the officer of ``province`` may write in a sheet: the province
    and district- and commune-level units of its subtree whose official names are unique (so a
    name resolves to one unit), each with the other system's unit of the same area."""
    from django.db.models import Count

    from phoihop.orgs import selectors as org_selectors
    from phoihop.orgs.models import OrgUnit

    units = list(
        org_selectors.subtree(province, on=LAST_DAY)
        .filter(level__code__in=["tinh", "huyen", "xa"])
        .select_related("level", "area")
        .order_by("pk")[:400]
    )
    names = [u.name for u in units]
    shared = set(
        OrgUnit.objects.filter(name__in=names)
        .values("name")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("name", flat=True)
    )
    others = {
        (u.level.code, u.area_id): u
        for u in OrgUnit.objects.filter(area__in=[u.area_id for u in units])
        .exclude(system=province.system)
        .filter(level__code__in=["tinh", "huyen", "xa"])
        .select_related("level")
    }
    pairs = []
    for unit in units:
        other = others.get((unit.level.code.replace("chi-hoi", "xa"), unit.area_id))
        if unit.name in shared or other is None:
            continue
        pairs.append((unit, other))
    return pairs


def import_sheet(rows: int, pairs: list[tuple[Any, Any]], kinds: list[Any]) -> bytes:
    """A sheet with the column spec of ``phoihop.activities.excel.COLUMNS``."""
    from openpyxl import Workbook

    from phoihop.activities.excel import COLUMNS, unit_reference

    rng = random.Random(0.42)
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([column.header for column in COLUMNS])
    for i in range(rows):
        lead, counterpart = pairs[i % len(pairs)]
        kind = rng.choice(kinds)
        day = dt.date(2026, 1, 5) + dt.timedelta(days=rng.randrange(300))
        participants = rng.randint(20, 300)
        values = {
            "title": f"{kind.name} {rng.choice(THEMES)} năm {day.year}",
            "kind": kind.name,
            "starts_on": day if i % 2 else f"{day:%d/%m/%Y}",
            "ends_on": day + dt.timedelta(days=1) if i % 5 == 0 else None,
            "place": f"Hội trường {lead.area.name}" if lead.area_id else "",
            "area": lead.area.code if lead.area_id else "",
            "lead_unit": unit_reference(lead),
            "partners": unit_reference(counterpart) if rng.random() < JOINT_SHARE else "",
            "participants": participants,
            "participants_women": participants // 2 + rng.randrange(participants // 2),
            "beneficiaries": rng.choice([0, 0, 10, 25]),
            "benefits_value": rng.choice([0, 5_000_000]),
            "cost_union": rng.choice([None, 2_000_000, "1.500.000"]),
            "cost_women": rng.choice([None, 500_000]),
            "description": "Nội dung chính, kết quả." if i % 3 == 0 else "",
        }
        sheet.append([values.get(column.key) for column in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def excel_import_rate(rows: int, user: Any, province: Any) -> dict[str, Any]:
    """(c) Rows per second through the real Excel import (job created, run in this process).

    Also: a dry run of the same file (the checking stage alone).
    """
    from phoihop.activities.models import Activity, ActivityKind

    try:
        from phoihop.activities import imports
    except ImportError:
        return {"how": "none: phoihop.activities.imports is missing"}
    kinds = list(ActivityKind.objects.filter(active=True).order_by("pk"))
    pairs = import_units(province)
    data = import_sheet(rows, pairs, kinds)
    out: dict[str, Any] = {
        "how": "imports.activity_import_run",
        "rows": rows,
        "units": len(pairs),
        "size": len(data),
    }

    job = imports.activity_import_job_create(
        actor=user, data=data, filename="bench-dry.xlsx", dry_run=True
    )
    start = time.perf_counter()
    imports.activity_import_run(job)
    out["check_s"] = time.perf_counter() - start
    out["check_errors"] = [f"{e['row']} {e['column']}: {e['message']}" for e in job.errors[:5]]

    job = imports.activity_import_job_create(
        actor=user, data=data, filename="bench.xlsx", dry_run=False
    )
    before = Activity.objects.count()
    start = time.perf_counter()
    imports.activity_import_run(job)
    out["seconds"] = time.perf_counter() - start
    out["created"] = Activity.objects.count() - before
    out["status"] = job.status
    out["errors"] = [f"{e['row']} {e['column']}: {e['message']}" for e in job.errors[:5]]

    return out


def print_import(result: dict[str, Any]) -> str:
    if "seconds" not in result:
        print(f"(c) import: {result['how']}  MISS")
        return "MISS"
    rate = result["created"] / result["seconds"] if result["seconds"] else 0.0
    verdict = "PASS" if rate > IMPORT_TARGET_RATE and result["created"] else "MISS"
    print(
        f"(c) import via {result['how']}: {result['rows']:,}-row sheet "
        f"({result['size'] / 1e6:.1f} MB, {result['units']} lead units), "
        f"{result['created']:,} created ({result['status']}) in {result['seconds']:.1f} s = "
        f"{rate:,.0f} rows/s  target > {IMPORT_TARGET_RATE:.0f} rows/s  {verdict}"
    )
    for error in result["errors"] or result["check_errors"]:
        print(f"    {error}")
    check = result["check_s"]
    write = result["seconds"] - check
    print(
        f"    checking alone (dry run) {check:.1f} s = {result['rows'] / check:,.0f} rows/s; "
        f"writing ≈ {write:.1f} s = {result['created'] / max(write, 1e-9):,.0f} rows/s"
    )
    return verdict


# --- reporting -------------------------------------------------------------------------------


def counts() -> dict[str, int]:
    rows = execute(
        "SELECT (SELECT count(*) FROM orgs_orgunit), (SELECT count(*) FROM activities_activity), "
        "(SELECT count(*) FROM activities_activityorganizer), "
        "(SELECT count(*) FROM activities_activitycost)"
    )[0]
    return dict(zip(["units", "activities", "organizers", "costs"], rows, strict=True))


def table_sizes() -> str:
    rows = execute(
        "SELECT relname, pg_size_pretty(pg_total_relation_size(oid)) FROM pg_class "
        "WHERE relname IN ('activities_activity', 'activities_activityorganizer', "
        "'activities_activitycost') ORDER BY relname"
    )
    return ", ".join(f"{name} {size}" for name, size in rows)


def reuse_database(args: argparse.Namespace) -> Callable[[], None]:
    """Point Django at the database a ``--keep`` run left and apply any new migrations."""
    from django.core.management import call_command

    os.environ["DJANGO_SETTINGS_MODULE"] = "phoihop.settings"
    os.environ["PHOIHOP_DEBUG"] = "0"
    os.environ["PHOIHOP_DATABASE_URL"] = f"{args.pg_url.rstrip('/')}/{args.pg_name}"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    print(f"Database: {ob.database_label()} (reused)", flush=True)
    t0 = time.perf_counter()
    call_command("migrate", verbosity=1)
    print(f"migrate {time.perf_counter() - t0:.1f} s", flush=True)
    return lambda: None


def existing_provinces() -> list[Any]:
    """The province-level units of a reused database (both systems)."""
    from phoihop.orgs.models import OrgUnit

    return list(OrgUnit.objects.filter(level__code="tinh").order_by("pk"))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    if args.reuse:
        args.keep = True
        cleanup: Callable[[], None] = reuse_database(args)
    else:
        cleanup = ob.prepare_database(args)
    try:
        from phoihop.orgs import selectors as org_selectors

        if args.reuse:
            t2 = t3 = t4 = t5 = time.perf_counter()
            command = "(reused database)"
            provinces = existing_provinces()
        else:
            t2 = ob.migrate_and_load_areas()
            tree = ob.Tree(rng=random.Random(args.seed))
            ob.build_trees(tree, args.units)
            t3 = time.perf_counter()
            print(f"bulk build: {tree.units:,} units in {t3 - t2:.1f} s", flush=True)
            steps = build_activities(args.activities)
            execute("DROP TABLE bench_plan")
            execute("DROP TABLE bench_unit")
            t4 = time.perf_counter()
            print(
                f"bulk build: {args.activities:,} activities in {t4 - t3:.1f} s ("
                + ", ".join(f"{k} {v:.0f} s" for k, v in steps.items())
                + ")",
                flush=True,
            )
            command = ob.analyze()
            t5 = time.perf_counter()
            print(f"{command} {t5 - t4:.1f} s")
            provinces = list(tree.provinces.values())
        print("Rows: " + ", ".join(f"{v:,} {k}" for k, v in counts().items()))
        print(f"Sizes: {table_sizes()}", flush=True)

        sized = sorted(
            ((org_selectors.subtree(u, on=LAST_DAY).count(), u.pk, u) for u in provinces),
            key=lambda item: (-item[0], item[1]),
        )
        large = [u for n, _pk, u in sized if n >= ob.MIN_PROVINCE_UNITS] or [
            u for _n, _pk, u in sized[:10]
        ]
        print(
            f"  {len(large)} provinces with >= {ob.MIN_PROVINCE_UNITS} units "
            f"(largest: {sized[0][2]}, {sized[0][0]:,} units)"
        )
        officers = make_officers([u for _n, _pk, u in sized[:6]])
        print("  officers on: " + ", ".join(str(unit) for _user, unit in officers))
        rng = random.Random(args.seed + 1)
        national = national_user()
        picks_a = [(national, rng.choice(large), rng.choice(YEARS)) for _ in range(args.repeat)]
        picks_b = [(*rng.choice(officers), rng.choice(YEARS)) for _ in range(args.repeat)]
        print(f"Measuring ({ob.load()})", flush=True)
        rows = [
            measure(
                "(a) totals, province subtree, one year",
                picks_a,
                totals,
                TOTALS_TARGET_MS,
                args.budget,
            ),
            measure(
                f'(b) list page 30, officer, year, q="{QUERY}"',
                picks_b,
                list_page,
                LIST_TARGET_MS,
                args.budget,
            ),
            measure(
                "(d) same page, kind instead of words (no target)",
                picks_b,
                list_page_by_kind,
                None,
                args.budget / 2,
            ),
        ]
        print(f"Measured ({ob.load()})", flush=True)
        user, unit = officers[0]
        explain_slowest(
            f"(a) totals, {unit}, 2025",
            lambda: totals((national, unit, 2025)),
            args.quiet_plans,
        )
        explain_slowest(
            f"(b) list page, officer of {unit}, 2025",
            lambda: list_page((user, unit, 2025)),
            args.quiet_plans,
            top=1,
        )

        print(f"Importing {args.import_rows:,} rows as {user.username} ({unit})", flush=True)
        result = excel_import_rate(args.import_rows, user, unit)
        t6 = time.perf_counter()
        ob.print_table(rows)
        verdict = print_import(result)
        print(
            f"\nBuild: units {t3 - t2:.0f} s, activities {t4 - t3:.0f} s, {command} "
            f"{t5 - t4:.0f} s; measures and import {t6 - t5:.0f} s; "
            f"total run time {time.perf_counter() - started:.0f} s ({ob.load()})"
        )
        ok = all(row.verdict != "MISS" for row in rows[:2]) and verdict == "PASS"
        return 0 if ok else 1
    finally:
        if not args.keep:
            cleanup()


if __name__ == "__main__":
    sys.exit(main())
