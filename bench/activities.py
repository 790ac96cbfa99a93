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
from dataclasses import dataclass
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
    parser.add_argument(
        "--measures",
        default="a,b,d,e,f,g,h,i,j,c",
        help="which measures to run (letters as in ACTIVITIES.md; c is the import)",
    )
    parser.add_argument(
        "--explain", default="a,b", help="print the slowest plans of these measures"
    )
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


# --- programs, content areas, milestones (for the program / content area filters and home) -----

PROGRAM_TABLES = [
    "programs_program",
    "programs_programparty",
    "programs_contentarea",
    "programs_milestone",
    "activities_activity",
    "activities_activity_content_areas",
]
BENCH_TODAY = dt.date(2025, 11, 15)  # the home page is measured as if on this day
PROGRAM_SHARE = 0.6  # activities led by a party unit that are recorded under its program
CONTENT_AREAS = [
    "Tuyên truyền, giáo dục chính sách, pháp luật về bình đẳng giới cho nữ đoàn viên",
    "Chăm lo, bảo vệ quyền và lợi ích hợp pháp, chính đáng của lao động nữ",
    "Xây dựng gia đình no ấm, tiến bộ, hạnh phúc, văn minh",
    "Sơ kết, tổng kết, khen thưởng",
]
# Two phases of the national program cascaded to provinces, districts and communes, with the
# states they would have in late 2025 (only signed programs are cascaded further).
PHASES = [
    (
        2018,
        2022,
        {
            0: {"superseded": 1},
            1: {"superseded": 70, "closed": 30},
            2: {"superseded": 50, "closed": 48, "draft": 2},
            3: {"closed": 70, "superseded": 20, "draft": 10},
        },
    ),
    (
        2023,
        2027,
        {
            0: {"in_effect": 1},
            1: {"in_effect": 80, "under_review": 8, "signed": 7, "draft": 5},
            2: {"in_effect": 55, "under_review": 5, "signed": 15, "draft": 25},
            3: {"in_effect": 35, "signed": 15, "draft": 50},
        },
    ),
]


def counterpart_tree() -> tuple[dict[tuple[int, int], tuple[int, int]], dict[int, list[int]]]:
    """Pairs (Công đoàn unit, Hội LHPN unit) of the same tier and area down to the communes, and
    the pairs under each pair (by the Công đoàn unit's parent)."""
    from phoihop.orgs.models import OrgPlacement, OrgUnit

    tiers = {"trung-uong": 0, "tinh": 1, "huyen": 2, "xa": 3}
    units = OrgUnit.objects.filter(level__code__in=list(tiers)).values_list(
        "pk", "system__code", "level__code", "area_id"
    )
    parent = dict(
        OrgPlacement.objects.filter(unit__level__code__in=list(tiers)).values_list(
            "unit_id", "parent_id"
        )
    )
    women = {(tiers[lv], area): pk for pk, system, lv, area in units if system == WOMEN}
    pairs: dict[tuple[int, int], tuple[int, int]] = {}  # union unit -> (tier, women unit)
    for pk, system, lv, area in units:
        if system == UNION and (tiers[lv], area) in women:
            pairs[pk] = (tiers[lv], women[(tiers[lv], area)])
    below: dict[int, list[int]] = {}
    for pk in sorted(pairs):
        if parent.get(pk) in pairs:
            below.setdefault(parent[pk], []).append(pk)
    return pairs, below


def build_programs(rng: random.Random) -> dict[str, int]:
    """Both phases of a national program cascaded down the counterpart pairs, as the services
    leave them (path, depth, parties, inherited content areas), and their milestones; then a
    share of the activities is recorded under the program of their lead unit (that year's
    phase, if signed) with one or two of its content areas. Returns row counts."""
    from django.db import transaction

    from phoihop.core.text import fold
    from phoihop.orgs.models import OrgUnit
    from phoihop.programs.enums import PartyRole
    from phoihop.programs.models import ContentArea, Program, ProgramParty

    pairs, below = counterpart_tree()
    names = dict(OrgUnit.objects.filter(pk__in=list(pairs)).values_list("pk", "name"))
    names.update(
        OrgUnit.objects.filter(pk__in=[w for _t, w in pairs.values()]).values_list("pk", "name")
    )
    ids = {m: ob_id_stream(m) for m in (Program, ProgramParty, ContentArea)}
    programs, parties, areas = [], [], []

    def add(union_id: int, parent: Any, start: int, end: int, states: dict, previous: dict) -> None:
        tier, women_id = pairs[union_id]
        state = rng.choices(list(states[tier]), weights=list(states[tier].values()))[0]
        pk = next(ids[Program])
        title = (
            "Chương trình phối hợp về công tác bình đẳng giới, chăm lo nữ đoàn viên, "
            f"lao động nữ giai đoạn {start}–{end}"
        )
        program = Program(
            pk=pk,
            kind="program",
            number="" if state == "draft" else f"{rng.randint(1, 999)}/CTPH",
            title=title,
            state=state,
            start_year=start,
            end_year=end,
            signed_on=None if state == "draft" else dt.date(start, 1, 1) - dt.timedelta(days=20),
            parent_id=parent.pk if parent else None,
            predecessor_id=previous.get(union_id),
            path=f"{parent.path}{pk}." if parent else f"{pk}.",
            depth=parent.depth + 1 if parent else 0,
            cascade_tier=tier + 1 if tier < 3 else None,
            search_text=fold(f"{title} {names[union_id]} {names[women_id]}"),
            source="cascade" if parent else "entered",
        )
        programs.append(program)
        previous[union_id] = pk
        rows = [
            ProgramParty(
                pk=next(ids[ProgramParty]),
                program_id=pk,
                unit_id=unit_id,
                role=PartyRole.LEAD if i == 0 else PartyRole.PARTNER,
                name_as_signed=names[unit_id],
                order=i,
            )
            for i, unit_id in enumerate((union_id, women_id))
        ]
        parties.extend(rows)
        parent_areas = getattr(parent, "bench_areas", None) or [None] * len(CONTENT_AREAS)
        program.bench_areas = []
        for i, (title_i, inherited) in enumerate(zip(CONTENT_AREAS, parent_areas, strict=True)):
            area = ContentArea(
                pk=next(ids[ContentArea]),
                program_id=pk,
                order=i,
                title=title_i,
                responsible_id=rows[i % 2].pk,
                inherited_from_id=inherited,
            )
            areas.append(area)
            program.bench_areas.append(area.pk)
        if state != "draft":
            for child in below.get(union_id, []):
                add(child, program, start, end, states, previous)

    roots = [pk for pk, (tier, _w) in pairs.items() if tier == 0]
    previous: dict[int, int] = {}
    for start, end, states in PHASES:
        for root in roots:
            add(root, None, start, end, states, previous)
    with transaction.atomic():
        Program.objects.bulk_create(programs, batch_size=2000)
        ProgramParty.objects.bulk_create(parties, batch_size=5000)
        ContentArea.objects.bulk_create(areas, batch_size=5000)
    out = {"programs": len(programs), "parties": len(parties), "content areas": len(areas)}
    out["milestones"] = execute(MILESTONE_SQL, {"today": BENCH_TODAY})
    return out


def ob_id_stream(model: Any, chunk: int = 10_000) -> Any:
    """Primary keys drawn from the table's own sequence, so paths can be built before insert."""
    table = model._meta.db_table
    while True:
        rows = execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, chunk],
        )
        yield from (row[0] for row in rows)


# What ``services.milestones_generate`` gives a signed program with yearly reports (the
# default): reports due 15/12, a joint review on 31/12 of each year but the last, the interim
# review at mid-phase and the final review; drafts have none. The responsible party is the lead.
# What fell due before the bench's "today" is mostly done.
MILESTONE_SQL = """
INSERT INTO programs_milestone (program_id, kind, title, due_on, done_on, report_file,
                                generated, scheduled_on, responsible_id)
SELECT m.program_id, kind, title, due_on,
       CASE WHEN due_on < %(today)s AND (m.program_id + extract(doy FROM due_on)::int) %% 10 < 8
            THEN due_on + (m.program_id %% 12)::int END,
       '', true, due_on, lead.id
FROM (
    SELECT p.id AS program_id, 'report' AS kind,
           'Báo cáo kết quả thực hiện chương trình năm ' || y AS title,
           make_date(y, 12, 15) AS due_on
    FROM programs_program p, generate_series(p.start_year::int, p.end_year::int) AS y
    WHERE p.state <> 'draft'
    UNION ALL
    SELECT p.id, 'annual_review', 'Họp liên tịch đánh giá kết quả phối hợp năm ' || y,
           make_date(y, 12, 31)
    FROM programs_program p, generate_series(p.start_year::int, p.end_year::int - 1) AS y
    WHERE p.state <> 'draft'
    UNION ALL
    SELECT p.id, 'interim_review',
           'Sơ kết giữa kỳ chương trình phối hợp giai đoạn ' || p.start_year || '–' || p.end_year,
           make_date((p.start_year + p.end_year) / 2, 6, 30)
    FROM programs_program p WHERE p.state <> 'draft'
    UNION ALL
    SELECT p.id, 'final_review',
           'Tổng kết chương trình phối hợp giai đoạn ' || p.start_year || '–' || p.end_year,
           make_date(p.end_year, 12, 31)
    FROM programs_program p WHERE p.state <> 'draft'
) AS m
JOIN programs_programparty lead ON lead.program_id = m.program_id AND lead."order" = 0
ORDER BY m.program_id, due_on
"""


def assign_programs() -> dict[str, int]:
    """Record ``PROGRAM_SHARE`` of the activities whose lead unit is a party of a signed
    program running that year under that program, with one content area (and 30 % a second).

    Each step is skipped when its rows exist, so an interrupted run resumes. The activity
    table's own indexes are dropped for the update (their definitions kept in
    ``bench_dropped_index``) and rebuilt after: a GIN trigram index updated row by row is the
    slowest part otherwise."""
    out: dict[str, int] = {}
    execute("CREATE TABLE IF NOT EXISTS bench_dropped_index (name text PRIMARY KEY, sql text)")
    execute("SET work_mem = '256MB'")
    if not execute("SELECT 1 FROM activities_activity WHERE program_id IS NOT NULL LIMIT 1"):
        for name, sql in droppable_indexes("activities_activity"):
            execute("INSERT INTO bench_dropped_index VALUES (%s, %s)", [name, sql])
            execute(f'DROP INDEX "{name}"')
        out["activities under a program"] = execute(
            """
            UPDATE activities_activity a SET program_id = m.program_id
            FROM activities_activityorganizer o
            JOIN (
                SELECT pp.unit_id, p.id AS program_id, p.start_year, p.end_year
                FROM programs_programparty pp JOIN programs_program p ON p.id = pp.program_id
                WHERE p.state <> 'draft'
            ) m ON m.unit_id = o.unit_id
            WHERE o.activity_id = a.id AND o.role = 'lead'
              AND extract(year FROM a.starts_on)::int BETWEEN m.start_year AND m.end_year
              AND a.id %% 100 < %s
            """,
            [round(PROGRAM_SHARE * 100)],
        )
    execute("ANALYZE activities_activity")  # the planner must know how many have a program
    if not execute("SELECT 1 FROM activities_activity_content_areas LIMIT 1"):
        out["content area links"] = execute(
            """
            INSERT INTO activities_activity_content_areas (activity_id, contentarea_id)
            SELECT a.id, c.id FROM activities_activity a
            JOIN programs_contentarea c ON c.program_id = a.program_id
            WHERE a.program_id IS NOT NULL
              AND (c."order" = a.id % 4 OR (a.id % 10 < 3 AND c."order" = (a.id + 1) % 4))
            ORDER BY a.id, c.id
            """
        )
    execute("RESET work_mem")
    dropped = execute("SELECT name, sql FROM bench_dropped_index ORDER BY name")
    slow = [sql for _n, sql in dropped if " gin " in sql.lower()]
    worker = threading.Thread(target=build_on_own_connection, args=(slow,))
    worker.start()
    execute("SET maintenance_work_mem = '1GB'")
    for _name, sql in dropped:
        if sql not in slow:
            execute(sql)
    execute("RESET maintenance_work_mem")
    worker.join()
    execute("DROP TABLE bench_dropped_index")
    return out


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


# --- filtered lists, home page and their yardsticks -------------------------------------------

LIST_FIELDS = ("activities", "participants", "women", "beneficiaries", "cost", "credits")
HOME_TARGET_MS, YARDSTICK_RATIO = 200.0, 1.5
MISMATCHES: list[str] = []


@dataclass(frozen=True)
class Answer:
    """What a list shows: the de-duplicated totals, the count and the first page's ids."""

    totals: tuple[int, ...]
    count: int
    ids: tuple[int, ...]


def answer_of(totals: Any, count: int, ids: Sequence[int]) -> Answer:
    return Answer(tuple(int(getattr(totals, f)) for f in LIST_FIELDS), count, tuple(ids))


def listing_answer(user: Any, filters: dict[str, Any]) -> Answer:
    """The list page as the view builds it (a new request: the reach cache is cleared): the
    totals row, the paginator's count and page 1 of 30 with organizers, kinds, areas, programs,
    costs and content areas read."""
    from django.core.paginator import Paginator

    from phoihop.activities import selectors

    user.__dict__.pop("_phoihop_reach", None)
    listing = selectors.activity_listing(user, filters)
    page = Paginator(listing.activities, 30).get_page(1)
    rows = list(page.object_list)
    for activity in rows:
        _ = [(o.unit.name, o.role) for o in activity.organizers.all()]
        _ = (
            activity.kind.name,
            activity.area,
            activity.program,
            [c.amount for c in activity.costs.all()],
        )
        _ = [c.title for c in activity.content_areas.all()]
    return answer_of(listing.totals, page.paginator.count, [a.pk for a in rows])


# The first page's rows as the list shows them, by hand: one statement.
PAGE_SQL = """
SELECT a.id, a.title, a.starts_on, k.name, ar.name, p.title,
       (SELECT json_agg(json_build_array(u.name, o.role) ORDER BY o.id)
          FROM activities_activityorganizer o JOIN orgs_orgunit u ON u.id = o.unit_id
         WHERE o.activity_id = a.id),
       (SELECT json_agg(c.amount ORDER BY c.id) FROM activities_activitycost c
         WHERE c.activity_id = a.id),
       (SELECT json_agg(ca.title ORDER BY ca.id)
          FROM activities_activity_content_areas x
          JOIN programs_contentarea ca ON ca.id = x.contentarea_id
         WHERE x.activity_id = a.id)
FROM activities_activity a JOIN activities_activitykind k ON k.id = a.kind_id
LEFT JOIN orgs_adminarea ar ON ar.id = a.area_id LEFT JOIN programs_program p ON p.id = a.program_id
WHERE a.id = ANY(%(ids)s)
"""

# Totals, credits (every organizer row: no unit filter), count and the newest 30 ids of the
# visible activities of one year matching ``{where}``. Visible: organized by a unit ever placed
# under the officer's role path, or under a program one of whose parties is.
ACTIVITY_PATH_SQL = """
WITH reach AS (SELECT unit_id FROM orgs_orgplacement WHERE path LIKE %(like)s),
m AS (
    SELECT a.id, a.starts_on, a.participants, a.participants_women, a.beneficiaries, a.total_cost
    FROM activities_activity a
    WHERE a.merged_into_id IS NULL AND a.starts_on BETWEEN %(start)s AND %(end)s AND {where}
      AND (EXISTS (SELECT 1 FROM programs_programparty pp
                   WHERE pp.program_id = a.program_id AND pp.unit_id IN (SELECT unit_id FROM reach))
           OR EXISTS (SELECT 1 FROM activities_activityorganizer o
                      WHERE o.activity_id = a.id AND o.unit_id IN (SELECT unit_id FROM reach)))
)
SELECT count(*), coalesce(sum(participants), 0), coalesce(sum(participants_women), 0),
       coalesce(sum(beneficiaries), 0), coalesce(sum(total_cost), 0),
       (SELECT count(*) FROM activities_activityorganizer o
         WHERE o.activity_id IN (SELECT id FROM m)),
       (SELECT coalesce(array_agg(id), '{{}}') FROM
          (SELECT id FROM m ORDER BY starts_on DESC, id DESC LIMIT 30) AS head)
FROM m
"""

# The same from the organizer rows of a unit scope (their copies of the activity's figures).
CREDIT_PATH_SQL = """
WITH g AS (
    SELECT o.activity_id, o.starts_on, count(*) AS credited, max(o.participants) AS p,
           max(o.participants_women) AS w, max(o.beneficiaries) AS b, max(o.total_cost) AS c
    FROM activities_activityorganizer o
    WHERE o.unit_id IN ({scope}) AND o.counted
      AND o.starts_on BETWEEN %(start)s AND %(end)s
    GROUP BY o.activity_id, o.starts_on
)
SELECT count(*), coalesce(sum(p), 0), coalesce(sum(w), 0), coalesce(sum(b), 0),
       coalesce(sum(c), 0), coalesce(sum(credited), 0),
       (SELECT coalesce(array_agg(activity_id), '{{}}') FROM
          (SELECT activity_id FROM g ORDER BY starts_on DESC, activity_id DESC LIMIT %(head)s)
          AS head)
FROM g
"""
SUBTREE_SCOPE = (
    "SELECT unit_id FROM orgs_orgplacement WHERE path LIKE %(like)s"
    " AND (valid_from IS NULL OR valid_from <= %(end)s)"
    " AND (valid_to IS NULL OR valid_to > %(end)s)"
)


def yardstick(sql: str, params: dict[str, Any], *, page: bool = True) -> Answer:
    row = execute(sql, params)[0]
    ids = list(row[6])
    if page and ids:
        execute(PAGE_SQL, {"ids": ids})
    return Answer(tuple(int(v) for v in row[:6]), int(row[0]), tuple(ids))


def path_of(unit: Any) -> str:
    from phoihop.orgs.models import OrgPlacement

    return OrgPlacement.objects.filter(unit=unit).values_list("path", flat=True).first()


@dataclass
class Case:
    """One filtered list: our answer and the yardstick's for the same pick."""

    label: str
    ours: Callable[[], Answer]
    yard: Callable[[], Answer]


def measure_pair(
    label: str, cases: Sequence[Case], target: float | None, budget: float, warmup: int = 2
) -> tuple[Any, Any]:
    """Time ours and the yardstick alternately on the same picks; check they agree."""
    for case in cases[:warmup]:
        case.ours()
        case.yard()
    ours_t, yard_t, sizes = [], [], []
    started = time.perf_counter()
    for i, case in enumerate(cases):
        first, second = (case.ours, case.yard) if i % 2 == 0 else (case.yard, case.ours)
        t0 = time.perf_counter()
        a = first()
        t1 = time.perf_counter()
        b = second()
        t2 = time.perf_counter()
        mine, theirs = (a, b) if i % 2 == 0 else (b, a)
        (ours_t if i % 2 == 0 else yard_t).append((t1 - t0) * 1000)
        (yard_t if i % 2 == 0 else ours_t).append((t2 - t1) * 1000)
        sizes.append(mine.count)
        if mine != theirs:
            message = f"MISMATCH {label} [{case.label}]: ours {mine} != yardstick {theirs}"
            MISMATCHES.append(message)
            print("!" * 20 + " " + message, flush=True)
        if len(ours_t) >= 10 and time.perf_counter() - started > budget:
            break
    ours_row = ob.Row(label, ours_t, sizes, target)
    yard_row = ob.Row(f"  yardstick SQL: {label}", yard_t, sizes, None)
    ratio = ours_row.pct(0.95) / yard_row.pct(0.95) if yard_row.pct(0.95) else float("nan")
    print(
        f"  measured {label}: p50 {ours_row.pct(0.5):.1f} p95 {ours_row.pct(0.95):.1f} ms; "
        f"yardstick p50 {yard_row.pct(0.5):.1f} p95 {yard_row.pct(0.95):.1f} ms; "
        f"ratio p95 {ratio:.2f} ({len(ours_t)} runs, median {sorted(sizes)[len(sizes) // 2]:,} "
        "activities)",
        flush=True,
    )
    return ours_row, yard_row


def list_cases(kind: str, officers: list[tuple[Any, Any]], picks: int, seed: int) -> list[Case]:
    """Random picks for one filter, each with the officer's page and the yardstick."""
    from phoihop.orgs import selectors as org_selectors
    from phoihop.orgs.models import AdminArea
    from phoihop.programs.models import ContentArea, Program, ProgramParty

    rng = random.Random(seed)
    cases = []
    pools: dict[int, list[Any]] = {}
    for _ in range(picks):
        user, unit = rng.choice(officers)
        year = rng.choice(YEARS)
        start, end = year_span(year)
        like = path_of(unit) + "%"
        base = {"start": start, "end": end}
        if kind in {"program", "content_area"}:
            if unit.pk not in pools:
                # Programs whose parties lie in the officer's subtree, that run that year, with
                # the most activities first: a province's, its districts', some communes'.
                under = org_selectors.subtree_ids(unit, on=LAST_DAY, include_inactive=True)
                ids = ProgramParty.objects.filter(unit_id__in=under).values("program_id")
                pools[unit.pk] = list(
                    Program.objects.filter(pk__in=ids)
                    .exclude(state="draft")
                    .order_by("depth", "pk")
                )
            running = [p for p in pools[unit.pk] if p.start_year <= year <= p.end_year]
            program = rng.choice(running[:12]) if running else None
            if program is None:
                continue
            if kind == "program":
                filters, where, extra = {"program": program}, "a.program_id = %(v)s", program.pk
            else:
                area = rng.choice(list(ContentArea.objects.filter(program=program)))
                filters = {"content_area": area}
                where = (
                    "a.id IN (SELECT x.activity_id FROM activities_activity_content_areas x "
                    "WHERE x.contentarea_id = %(v)s)"
                )
                extra = area.pk
            label = f"{kind} {extra} {year}"
        elif kind == "area":
            if unit.pk not in pools:
                # The province and its districts (where the activities are; the wards of
                # the 2025 map have none in 2021-2025).
                districts = AdminArea.objects.filter(parent=unit.area_id, kind="district")
                pools[unit.pk] = [unit.area, *districts.order_by("pk")]
            area = rng.choice(pools[unit.pk])
            filters = {"area": area}
            where = (
                "a.area_id IN (SELECT id FROM orgs_adminarea WHERE id = %(v)s OR parent_id = %(v)s)"
            )
            extra, label = area.pk, f"area {area} {year}"
        else:  # a unit picked in the officer's subtree, with or without its sub-units
            if unit.pk not in pools:
                below = org_selectors.subtree(unit, on=LAST_DAY).filter(
                    level__code__in=["tinh", "huyen", "xa"]
                )
                pools[unit.pk] = list(below.order_by("pk"))
            picked = rng.choice([unit, *rng.sample(pools[unit.pk], 3)])
            subunits = kind == "unit_subunits"
            filters = {"unit": picked, "subunits": subunits}
            scope = SUBTREE_SCOPE if subunits else "%(unit)s"
            params = {"like": path_of(picked) + "%", "unit": picked.pk, "head": 30, **base}
            cases.append(
                Case(
                    f"{picked} {'+' if subunits else 'alone'} {year}",
                    lambda u=user, f={**base, **filters}: listing_answer(u, f),
                    lambda p=params, s=scope: yardstick(CREDIT_PATH_SQL.format(scope=s), p),
                )
            )
            continue
        params = {"like": like, "v": extra, **base}
        sql = ACTIVITY_PATH_SQL.format(where=where)
        cases.append(
            Case(
                label,
                lambda u=user, f={**base, **filters}: listing_answer(u, f),
                lambda s=sql, p=params: yardstick(s, p),
            )
        )
    return cases


def totals_cases(picks: Sequence[tuple[Any, Any, int]]) -> list[Case]:
    """(a) with its yardstick: the subtree's organizer rows grouped by hand."""
    cases = []
    for pick in picks:
        _user, province, year = pick
        start, end = year_span(year)
        params = {"like": path_of(province) + "%", "start": start, "end": end, "head": 1}

        def ours(pick: tuple[Any, Any, int] = pick) -> Answer:
            from phoihop.activities import selectors

            user, unit, year = pick
            start, end = year_span(year)
            listing = selectors.activity_listing(user, {"unit": unit, "start": start, "end": end})
            return answer_of(listing.totals, listing.totals.activities, [])

        def yard(params: dict[str, Any] = params) -> Answer:
            answer = yardstick(CREDIT_PATH_SQL.format(scope=SUBTREE_SCOPE), params, page=False)
            return Answer(answer.totals, answer.count, ())

        cases.append(Case(f"{province} {year}", ours, yard))
    return cases


def make_home_officers(units: list[Any]) -> list[Any]:
    """Province officers who approve for their province and its sub-units (they sign)."""
    from phoihop.accounts.enums import Role
    from phoihop.accounts.models import Membership, User

    users = []
    for i, unit in enumerate(units):
        user, _new = User.objects.get_or_create(
            username=f"bench-home-{i}", defaults={"full_name": f"Home officer {i}"}
        )
        Membership.objects.filter(user=user).delete()
        Membership.objects.create(user=user, unit=unit, role=Role.APPROVER, include_subunits=True)
        users.append(user)
    return users


class frozen_today:
    """``timezone.localdate()`` (what ``orgs.selectors.today`` reads) returns ``day``: the
    generated data end in 2025, so the home page is measured as on ``BENCH_TODAY``."""

    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __enter__(self) -> None:
        from django.utils import timezone

        self.original = timezone.localdate
        day, original = self.day, self.original

        def localdate(value: Any = None, timezone: Any = None) -> dt.date:
            return day if value is None else original(value, timezone)

        timezone.localdate = localdate

    def __exit__(self, *exc: object) -> None:
        from django.utils import timezone

        timezone.localdate = self.original


def home_clients(users: list[Any]) -> list[Any]:
    """A logged-in test client per officer (sessions in the database, all middleware)."""
    from django.conf import settings
    from django.test import Client

    host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "localhost"
    clients = []
    for user in users:
        client = Client(SERVER_NAME=host, raise_request_exception=True)
        client.force_login(user)
        clients.append(client)
    return clients


RENDER_MS: list[float] = []  # template rendering time of each home page request


def home_page(client: Any) -> int:
    """The home page through the real URL, middleware, view and template (the time spent in
    the view's ``render`` call is also kept, to tell the reads from the rendering)."""
    from phoihop.home import views

    original = views.render

    def timed_render(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            RENDER_MS.append((time.perf_counter() - start) * 1000)

    views.render = timed_render
    try:
        response = client.get("/")
    finally:
        views.render = original
    if response.status_code != 200:
        raise RuntimeError(f"home page answered {response.status_code}")
    return len(response.content)


def home_groups(client: Any) -> str:
    """How many milestones and groups the home page shows (its size drives the rendering)."""
    response = client.get("/")
    html = response.content.decode()
    groups = html.count('<details class="cal-group')
    return f"{groups} groups, {html.count('<li')} list items, {len(html) / 1000:.0f} kB"


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
        from phoihop.programs.models import Program

        with_programs = (
            execute("SELECT 1 FROM activities_activity_content_areas LIMIT 1")
            and not execute("SELECT to_regclass('bench_dropped_index')")[0][0]
        )
        if not with_programs:  # a database built before programs were generated
            t_p = time.perf_counter()
            built = (
                build_programs(random.Random(args.seed + 7)) if not Program.objects.exists() else {}
            )
            built.update(assign_programs())
            for table in PROGRAM_TABLES:
                execute(f"VACUUM ANALYZE {table}")
            print(
                "programs: "
                + ", ".join(f"{v:,} {k}" for k, v in built.items())
                + f" in {time.perf_counter() - t_p:.0f} s",
                flush=True,
            )
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
        wanted = set(args.measures.split(","))
        rows: list[Any] = []
        pairs: list[tuple[Any, Any]] = []
        print(f"Measuring ({ob.load()})", flush=True)
        if "a" in wanted:
            pairs.append(
                measure_pair(
                    "(a) totals, province subtree, one year",
                    totals_cases(picks_a),
                    TOTALS_TARGET_MS,
                    args.budget,
                )
            )
            rows.extend(pairs[-1])
        if "b" in wanted:
            rows.append(
                measure(
                    f'(b) list page 30, officer, year, q="{QUERY}"',
                    picks_b,
                    list_page,
                    LIST_TARGET_MS,
                    args.budget,
                )
            )
        if "d" in wanted:
            rows.append(
                measure(
                    "(d) same page, kind instead of words (no target)",
                    picks_b,
                    list_page_by_kind,
                    None,
                    args.budget / 2,
                )
            )
        filtered = {
            "e": ("program", "(e) list page 30, officer, year, program"),
            "f": ("content_area", "(f) list page 30, officer, year, content area"),
            "g": ("area", "(g) list page 30, officer, year, area"),
            "h": ("unit_subunits", "(h) list page 30, year, unit + sub-units"),
            "i": ("unit_alone", "(i) list page 30, year, unit alone"),
        }
        for key, (kind, label) in filtered.items():
            if key in wanted:
                cases = list_cases(kind, officers, args.repeat, args.seed + ord(key))
                pairs.append(measure_pair(label, cases, LIST_TARGET_MS, args.budget))
                rows.extend(pairs[-1])
        home_users = make_home_officers([u for _n, _pk, u in sized[:6]])
        clients = home_clients(home_users)
        if "j" in wanted:
            picks_j = [rng.choice(clients) for _ in range(args.repeat)]
            with frozen_today(BENCH_TODAY):
                RENDER_MS.clear()
                rows.append(
                    measure(
                        f"(j) home page, province officer ({BENCH_TODAY:%d/%m/%Y})",
                        picks_j,
                        home_page,
                        HOME_TARGET_MS,
                        args.budget,
                    )
                )
                rendering = ob.Row(
                    "  of which template rendering",
                    RENDER_MS[-len(rows[-1].times) :],
                    rows[-1].sizes,
                    None,
                )
                rows.append(rendering)
                for user_j, client in zip(home_users, clients, strict=True):
                    print(f"  home of {user_j.username}: {home_groups(client)}")
        print(f"Measured ({ob.load()})", flush=True)
        user, unit = officers[0]
        explains: dict[str, Callable[[], Any]] = {
            "a": lambda: totals((national, unit, 2025)),
            "b": lambda: list_page((user, unit, 2025)),
            "j": lambda: home_page(clients[0]),
        }
        for key, (kind, _label) in filtered.items():
            cases = list_cases(kind, officers[:1], 1, 99)
            if cases:
                explains[key] = cases[0].ours
        for key in args.explain.split(","):
            if key in explains:
                with frozen_today(BENCH_TODAY):
                    explain_slowest(
                        f"({key}) officer of {unit}", explains[key], args.quiet_plans, top=2
                    )

        result: dict[str, Any] | None = None
        if "c" in wanted:
            print(f"Importing {args.import_rows:,} rows as {user.username} ({unit})", flush=True)
            result = excel_import_rate(args.import_rows, user, unit)
        t6 = time.perf_counter()
        ob.print_table(rows)
        print(f"\nYardstick ratios (p95 ours / p95 hand-written SQL; target <= {YARDSTICK_RATIO}):")
        for ours, yard in pairs:
            ratio = ours.pct(0.95) / yard.pct(0.95)
            ratio50 = ours.pct(0.5) / yard.pct(0.5)
            verdict = "PASS" if ratio <= YARDSTICK_RATIO else "MISS"
            print(f"  {ours.label:<52} p95 {ratio:5.2f}  (p50 {ratio50:5.2f})  {verdict}")
        if MISMATCHES:
            print(f"\n!!!!! {len(MISMATCHES)} ANSWERS DIFFER FROM THEIR YARDSTICK:")
            for message in MISMATCHES[:20]:
                print("  " + message)
        else:
            print("Every answer equals its yardstick's (totals, credits, count, first page ids).")
        verdict = print_import(result) if result is not None else "PASS"
        print(
            f"\nBuild: units {t3 - t2:.0f} s, activities {t4 - t3:.0f} s, {command} "
            f"{t5 - t4:.0f} s; measures and import {t6 - t5:.0f} s; "
            f"total run time {time.perf_counter() - started:.0f} s ({ob.load()})"
        )
        ok = (
            all(row.verdict != "MISS" for row in rows)
            and verdict == "PASS"
            and not MISMATCHES
            and all(o.pct(0.95) / y.pct(0.95) <= YARDSTICK_RATIO for o, y in pairs)
        )
        return 0 if ok else 1
    finally:
        if not args.keep:
            cleanup()


if __name__ == "__main__":
    sys.exit(main())
