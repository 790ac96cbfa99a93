"""Benchmark the organization trees at national scale.

    .venv/bin/python bench/orgs.py [--db postgres|sqlite] [--units 150000] [--repeat 200]

Creates a fresh database (PostgreSQL: ``phoihop_bench``, dropped and re-created through the
``test`` database; SQLite: a temporary file), migrates it, loads the real administrative areas,
bulk-builds two trees (Công đoàn, Hội LHPN: 63 legacy provinces → districts → wards →
grassroots units) and applies the 1 July 2025 reform through the real services. It then times
the reads the application does all day and prints p50 / p95 / max against the targets.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BEFORE, AFTER = dt.date(2024, 6, 1), dt.date(2026, 1, 1)
TREE_TARGET_MS, SEARCH_TARGET_MS = 20.0, 50.0
MIN_PROVINCE_UNITS = 1000  # "provinces of a few thousand units"
UNION, WOMEN = "cong-doan", "hoi-lhpn"
SEARCHES = [
    "ldld tien giang",
    "hoi lhpn phuong 5",
    "cong doan xa tan",
    "phụ nữ Hồng Hà",
    "CĐCS trạm y tế",
    "chi hội phụ nữ ấp 3",
    "Liên đoàn Lao động tỉnh Đồng Tháp",
]
CDCS_KINDS = [
    ("Trường Mầm non {s}", "Trường MN {s}"),
    ("Trường Tiểu học {s}", "Trường TH {s}"),
    ("Trường Trung học cơ sở {s}", "Trường THCS {s}"),
    ("Trạm Y tế {p}", "Trạm Y tế {s}"),
    ("cơ quan Ủy ban nhân dân {p}", "UBND {s}"),
    ("Hợp tác xã nông nghiệp {s}", "HTX {s}"),
]
COMPANY_A = ["Tân", "Phú", "An", "Hưng", "Thành", "Minh", "Hoàng", "Việt", "Đại", "Phúc", "Hòa"]
COMPANY_B = ["Phát", "Lợi", "Long", "Thịnh", "Vượng", "Khang", "Gia", "Tiến", "Đạt", "Quang"]
HAMLETS = ["thôn", "ấp", "xóm", "bản", "tổ dân phố"]


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--units", type=int, default=150_000, help="about this many units")
    parser.add_argument("--repeat", type=int, default=200, help="timed runs per measure")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"),
        help="server URL without database name (the 'test' database must exist)",
    )
    parser.add_argument("--pg-name", default="phoihop_bench")
    parser.add_argument(
        "--commune-provinces",
        type=int,
        default=1,
        help="new provinces whose communes are re-formed unit by unit (~250 events each)",
    )
    parser.add_argument(
        "--sqlite-analyze",
        action="store_true",
        help="run ANALYZE on SQLite too (PostgreSQL always gets VACUUM ANALYZE, like autovacuum)",
    )
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args(argv)


# --- database --------------------------------------------------------------------------------


def prepare_database(args: argparse.Namespace) -> Callable[[], None]:
    """Create an empty database, point the settings at it and set Django up; return cleanup."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "phoihop.settings"
    os.environ["PHOIHOP_DEBUG"] = "0"  # no query log
    cleanup: Callable[[], None]
    if args.db == "postgres":
        import psycopg
        from psycopg import sql

        server = args.pg_url.rstrip("/")

        def recreate(create: bool) -> None:
            with psycopg.connect(f"{server}/test", autocommit=True) as conn:
                name = sql.Identifier(args.pg_name)
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
                if create:
                    conn.execute(sql.SQL("CREATE DATABASE {}").format(name))

        recreate(True)
        os.environ["PHOIHOP_DATABASE_URL"] = f"{server}/{args.pg_name}"

        def cleanup() -> None:
            from django.db import connections

            connections.close_all()
            recreate(False)

    else:
        folder = Path(tempfile.mkdtemp(prefix="phoihop-bench-"))
        os.environ.pop("PHOIHOP_DATABASE_URL", None)
        os.environ.pop("DATABASE_URL", None)
        os.environ["PHOIHOP_SQLITE_PATH"] = str(folder / "bench.sqlite3")

        def cleanup() -> None:
            from django.db import connections

            connections.close_all()
            shutil.rmtree(folder, ignore_errors=True)

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return cleanup


def migrate_and_load_areas() -> float:
    """Migrate the fresh database and load the administrative areas; returns when it ended."""
    from django.core.management import call_command

    from phoihop.orgs.areas import areas_load

    print(f"Database: {database_label()}", flush=True)
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    t1 = time.perf_counter()
    areas_load()
    t2 = time.perf_counter()
    print(f"migrate {t1 - t0:.1f} s; areas_load {t2 - t1:.1f} s", flush=True)
    return t2


def database_label() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]} ({connection.settings_dict['NAME']})"
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version} ({connection.settings_dict['NAME']})"


def analyze() -> str:
    """PostgreSQL: VACUUM ANALYZE, the steady state autovacuum reaches after a bulk load."""
    from django.db import connection

    command = "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
    with connection.cursor() as cursor:
        cursor.execute(command)
    return command


def load() -> str:
    """Other processes on the machine skew the figures: say how busy it was."""
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} CPUs"


# --- building --------------------------------------------------------------------------------


@dataclass
class Tree:
    rng: random.Random
    systems: dict = field(default_factory=dict)
    levels: dict = field(default_factory=dict)
    paths: dict[int, tuple[str, int]] = field(default_factory=dict)
    roots: dict[str, Any] = field(default_factory=dict)
    provinces: dict[tuple[str, int], Any] = field(default_factory=dict)  # legacy, by area id
    new_provinces: dict[tuple[str, int], Any] = field(default_factory=dict)
    districts: dict[tuple[str, int], list] = field(default_factory=lambda: defaultdict(list))
    wards: dict[tuple[str, int], Any] = field(default_factory=dict)
    grassroots: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    units: int = 0
    events: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    def insert(self, rows: list[tuple[Any, Any]]) -> None:
        """Bulk-insert (unit, parent) pairs, placed from the start of time like unit_create."""
        from phoihop.orgs.models import OrgPlacement, OrgUnit
        from phoihop.orgs.services import refresh_search_fields

        units = [unit for unit, _parent in rows]
        for unit in units:
            refresh_search_fields(unit)
        OrgUnit.objects.bulk_create(units, batch_size=1000)
        placements = []
        for unit, parent in rows:
            parent_path, parent_depth = ("", -1) if parent is None else self.paths[parent.pk]
            path, depth = f"{parent_path}{unit.pk}.", parent_depth + 1
            self.paths[unit.pk] = (path, depth)
            placements.append(
                OrgPlacement(
                    unit_id=unit.pk,
                    parent_id=parent.pk if parent else None,
                    path=path,
                    depth=depth,
                )
            )
        OrgPlacement.objects.bulk_create(placements, batch_size=2000)
        self.units += len(units)

    def new(self, system: str, level: str, area: Any = None, **fields: Any) -> Any:
        from phoihop.orgs.demo import _names
        from phoihop.orgs.models import OrgUnit

        if area is not None and "name" not in fields:
            fields["name"], fields["short_name"], fields["abbreviations"] = _names(
                system, area, level
            )
        return OrgUnit(
            system=self.systems[system], level=self.levels[(system, level)], area=area, **fields
        )

    def timed(self, kind: str, call: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        result = call()
        self.events[kind].append((time.perf_counter() - start) * 1000)
        return result


def grassroots_rows(tree: Tree, system: str, ward: Any, parent: Any, count: int) -> list:
    from phoihop.orgs.demo import _place_word

    place, short = _place_word(ward), ward.short_name
    rows = []
    for k in range(count):
        if system == UNION:
            if k < len(CDCS_KINDS):
                body, short_body = (t.format(p=place, s=short) for t in CDCS_KINDS[k])
            else:
                kind = tree.rng.choice(["Công ty TNHH", "Công ty Cổ phần"])
                brand = f"{tree.rng.choice(COMPANY_A)} {tree.rng.choice(COMPANY_B)}"
                body, short_body = f"{kind} {brand} {short}", f"Cty {brand}"
            unit = tree.new(
                UNION,
                "co-so",
                ward,
                name=f"Công đoàn cơ sở {body}",
                short_name=f"CĐCS {short_body}",
                abbreviations=f"Công đoàn {short_body}",
            )
        else:
            if ward.division_type == "Phường":
                hamlet = "tổ dân phố"
            elif ward.division_type == "Thị trấn":
                hamlet = "khu phố"
            else:
                hamlet = HAMLETS[hash(ward.parent.parent_id) % 4]
            unit = tree.new(
                WOMEN,
                "chi-hoi",
                ward,
                name=f"Chi hội Phụ nữ {hamlet} {k + 1}, {place}",
                short_name=f"Chi hội PN {hamlet} {k + 1}",
                abbreviations=f"Chi hội phụ nữ {hamlet} {k + 1} {short}",
            )
        rows.append((unit, parent))
    return rows


def build_trees(tree: Tree, target_units: int) -> None:
    """Bulk-insert both systems' legacy trees (as they stood before 1 July 2025)."""
    from django.db import transaction

    from phoihop.orgs.enums import AreaKind
    from phoihop.orgs.models import AdminArea, OrgLevel, OrgSystem, OrgUnit

    tree.systems = {s.code: s for s in OrgSystem.objects.all()}
    tree.levels = {
        (lv.system.code, lv.code): lv for lv in OrgLevel.objects.select_related("system")
    }
    provinces = list(
        AdminArea.objects.filter(kind=AreaKind.PROVINCE, valid_from__isnull=True).order_by("code")
    )
    districts = defaultdict(list)
    for district in AdminArea.objects.filter(kind=AreaKind.DISTRICT).order_by("code"):
        districts[district.parent_id].append(district)
    wards = defaultdict(list)
    for ward in (
        AdminArea.objects.filter(kind=AreaKind.WARD, parent__kind=AreaKind.DISTRICT)
        .select_related("parent")
        .order_by("code")
    ):
        wards[ward.parent_id].append(ward)
    all_wards = [w for p in provinces for d in districts[p.pk] for w in wards[d.pk]]
    fixed = 2 * (1 + len(provinces) + sum(len(districts[p.pk]) for p in provinces))
    fixed += 2 * len(all_wards)
    per_ward = {}
    extra = max(0, target_units - fixed)
    for index, system in enumerate((UNION, WOMEN)):
        total = extra // 2 + (extra % 2 if index else 0)
        weights = [tree.rng.uniform(0.3, 1.7) for _ in all_wards]
        scale = total / sum(weights)
        counts = [math.floor(w * scale) for w in weights]
        for i in tree.rng.sample(range(len(all_wards)), total - sum(counts)):
            counts[i] += 1
        per_ward[system] = dict(zip((w.pk for w in all_wards), counts, strict=True))

    with transaction.atomic():
        tree.roots[UNION] = tree.new(
            UNION,
            "trung-uong",
            name="Tổng Liên đoàn Lao động Việt Nam",
            short_name="Tổng LĐLĐ Việt Nam",
            abbreviations="TLĐ; Tổng Liên đoàn; TLĐLĐVN",
            code="TLD",
        )
        tree.roots[WOMEN] = tree.new(
            WOMEN,
            "trung-uong",
            name="Hội Liên hiệp Phụ nữ Việt Nam",
            short_name="Trung ương Hội LHPN Việt Nam",
            abbreviations="TW Hội LHPN; Hội LHPNVN; HLHPNVN",
            code="HLHPNVN",
        )
        tree.insert([(tree.roots[UNION], None), (tree.roots[WOMEN], None)])
        rows = []
        for system in (UNION, WOMEN):
            for p in provinces:
                unit = tree.new(system, "tinh", p, code=f"{system}-{p.code}")
                tree.provinces[(system, p.pk)] = unit
                rows.append((unit, tree.roots[system]))
        tree.insert(rows)
        rows = []
        for (system, province_id), province_unit in tree.provinces.items():
            for d in districts[province_id]:
                unit = tree.new(system, "huyen", d)
                tree.districts[(system, province_id)].append((unit, d))
                rows.append((unit, province_unit))
        tree.insert(rows)
        rows = []
        for (system, _province_id), pairs in tree.districts.items():
            for district_unit, d in pairs:
                for w in wards[d.pk]:
                    unit = tree.new(system, "xa", w)
                    tree.wards[(system, w.pk)] = unit
                    rows.append((unit, district_unit))
        tree.insert(rows)
        rows = []
        for (system, ward_id), ward_unit in tree.wards.items():
            rows.extend(
                grassroots_rows(tree, system, ward_unit.area, ward_unit, per_ward[system][ward_id])
            )
            if len(rows) >= 20_000:
                tree.insert(rows)
                rows = []
        tree.insert(rows)
    for system in (UNION, WOMEN):
        level = tree.levels[(system, "co-so" if system == UNION else "chi-hoi")]
        tree.grassroots[system] = list(
            OrgUnit.objects.filter(level=level).values_list("pk", flat=True)
        )


def reform(tree: Tree, commune_provinces: int) -> None:
    """1 July 2025, through the services: province mergers, re-formed communes, and more."""
    from django.db.models import F

    from phoihop.accounts.permissions import SYSTEM
    from phoihop.orgs import services
    from phoihop.orgs.areas import REFORM_DATE
    from phoihop.orgs.enums import AreaKind
    from phoihop.orgs.models import AdminArea, AreaSuccession, OrgUnit

    on, basis = REFORM_DATE, "Nghị quyết 202/2025/QH15"
    by_new: dict[int, list] = defaultdict(list)
    for link in AreaSuccession.objects.filter(
        new__kind=AreaKind.PROVINCE, effective_on=on
    ).select_related("old", "new"):
        by_new[link.new_id].append(link.old)
    new_areas = AdminArea.objects.in_bulk(list(by_new))
    # 1. Province mergers: a new provincial unit, the old ones merged into it.
    for new_id in sorted(by_new):
        area = new_areas[new_id]
        for system in (UNION, WOMEN):
            target = tree.timed(
                "create",
                lambda system=system, area=area: services.unit_create(
                    system=tree.systems[system],
                    level=tree.levels[(system, "tinh")],
                    parent=tree.roots[system],
                    area=area,
                    valid_from=on,
                    actor=SYSTEM,
                    code=f"{system}-{area.code}-2025",
                    **_named(system, area, "tinh"),
                ),
            )
            tree.new_provinces[(system, new_id)] = target
            sources = [tree.provinces[(system, old.pk)] for old in by_new[new_id]]
            tree.timed(
                "merge province",
                lambda s=sources, t=target: services.units_merge(
                    sources=s, target=t, on=on, actor=SYSTEM, legal_basis=basis
                ),
            )
    # 2. Communes re-formed unit by unit in a few new provinces; their districts end.
    reformed = tree.rng.sample(sorted(by_new), min(commune_provinces, len(by_new)))
    for new_id in reformed:
        olds = by_new[new_id]
        old_wards = [
            unit.area_id
            for (system, _w), unit in tree.wards.items()
            if system == UNION and unit.area.parent.parent_id in {o.pk for o in olds}
        ]
        links = AreaSuccession.objects.filter(
            old_id__in=old_wards, is_default=True, new__kind=AreaKind.WARD
        ).select_related("new")
        for system in (UNION, WOMEN):
            grouped: dict[int, list] = defaultdict(list)
            new_wards = {}
            for link in links:
                grouped[link.new_id].append(tree.wards[(system, link.old_id)])
                new_wards[link.new_id] = link.new
            parent = tree.new_provinces[(system, new_id)]
            for ward_id in sorted(grouped):
                commune = tree.timed(
                    "create",
                    lambda system=system, area=new_wards[ward_id], parent=parent: (
                        services.unit_create(
                            system=tree.systems[system],
                            level=tree.levels[(system, "xa")],
                            parent=parent,
                            area=area,
                            valid_from=on,
                            actor=SYSTEM,
                            **_named(system, area, "xa"),
                        )
                    ),
                )
                tree.timed(
                    "merge commune",
                    lambda s=grouped[ward_id], t=commune: services.units_merge(
                        sources=s, target=t, on=on, actor=SYSTEM
                    ),
                )
            for old in olds:
                for district_unit, _area in tree.districts[(system, old.pk)]:
                    tree.timed(
                        "dissolve district",
                        lambda u=district_unit: services.unit_dissolve(
                            unit=u, on=on, actor=SYSTEM, cascade=True, legal_basis=basis
                        ),
                    )
    # 3. Renames: ward-level units of unchanged provinces take their new ward's name.
    unchanged = set(
        AdminArea.objects.filter(
            kind=AreaKind.PROVINCE, valid_from__isnull=True, valid_to__isnull=True
        ).values_list("pk", flat=True)
    )
    renames = dict(
        AreaSuccession.objects.filter(
            is_default=True, new__kind=AreaKind.WARD, old__parent__parent_id__in=unchanged
        )
        .exclude(new__name=F("old__name"))
        .values_list("old_id", "new_id")
    )
    renamed_areas = AdminArea.objects.in_bulk(list(set(renames.values())))
    for system in (UNION, WOMEN):
        candidates = sorted(w for s, w in tree.wards if s == system and w in renames)
        for ward_id in tree.rng.sample(candidates, min(30, len(candidates))):
            unit = tree.wards[(system, ward_id)]
            names = _named(system, renamed_areas[renames[ward_id]], "xa")
            tree.timed(
                "rename",
                lambda u=unit, n=names: services.unit_rename(
                    unit=u, name=n["name"], short_name=n["short_name"], on=on, actor=SYSTEM
                ),
            )
    # 4. Moves: grassroots units placed directly under the new provincial unit.
    # 5. Dissolutions of grassroots units.
    for system in (UNION, WOMEN):
        live = OrgUnit.objects.filter(pk__in=tree.rng.sample(tree.grassroots[system], 400))
        live = [u for u in live if u.valid_to is None]
        tree.rng.shuffle(live)
        for unit in live[:30]:
            province = province_of(tree, unit, on)
            tree.timed(
                "move",
                lambda u=unit, p=province: services.unit_move(
                    unit=u, new_parent=p, on=on, actor=SYSTEM, legal_basis=basis
                ),
            )
        for unit in live[30:50]:
            tree.timed(
                "dissolve grassroots",
                lambda u=unit: services.unit_dissolve(unit=u, on=on, actor=SYSTEM),
            )


def big_move_probe(tree: Tree) -> None:
    """Time unit_move of the largest provincial subtree (rolled back): the cost of _move."""
    from django.db import transaction

    from phoihop.accounts.permissions import SYSTEM
    from phoihop.orgs import selectors, services
    from phoihop.orgs.models import OrgPlacement, valid_on

    on = AFTER
    units = [u for (s, _a), u in tree.new_provinces.items() if s == WOMEN]
    sized = sorted(units, key=lambda u: selectors.subtree(u, on=on, include_inactive=True).count())
    unit, parent = sized[-1], sized[0]
    path = selectors.placement_on(unit, on).path
    count = OrgPlacement.objects.filter(valid_on(on), path__startswith=path).count()
    with transaction.atomic():
        start = time.perf_counter()
        services.unit_move(unit=unit, new_parent=parent, on=on, actor=SYSTEM)
        elapsed = time.perf_counter() - start
        transaction.set_rollback(True)
    print(f"  probe: unit_move of {unit} ({count:,} placements), rolled back: {elapsed:.1f} s")


def _named(system: str, area: Any, level: str) -> dict[str, str]:
    from phoihop.orgs.demo import _names

    name, short_name, abbreviations = _names(system, area, level)
    return {"name": name, "short_name": short_name, "abbreviations": abbreviations}


def province_of(tree: Tree, unit: Any, on: dt.date) -> Any:
    """The provincial unit above ``unit`` on ``on``."""
    from phoihop.orgs import selectors

    chain = selectors.ancestors(unit, on=on)
    return chain[1]


# --- measuring -------------------------------------------------------------------------------


@dataclass
class Row:
    label: str
    times: list[float]
    sizes: list[int]
    target: float | None

    def pct(self, q: float) -> float:
        ordered = sorted(self.times)
        if not ordered:  # nothing to pick at a tiny --units: no figure rather than a crash
            return math.nan
        return ordered[max(0, math.ceil(q * len(ordered)) - 1)]

    @property
    def verdict(self) -> str:
        if self.target is None:
            return ""
        return "PASS" if self.pct(0.95) < self.target else "MISS"


def measure(
    label: str,
    picks: Sequence[Any],
    call: Callable[[Any], int],
    target: float | None,
    warmup: int = 5,
) -> Row:
    for pick in picks[:warmup]:
        call(pick)
    times, sizes = [], []
    for pick in picks:
        start = time.perf_counter()
        size = call(pick)
        times.append((time.perf_counter() - start) * 1000)
        sizes.append(size)
    row = Row(label, times, sizes, target)
    print(f"  measured {label}: p95 {row.pct(0.95):.1f} ms", flush=True)
    return row


def sized_provinces(units: list, day: dt.date) -> list[tuple[Any, int]]:
    from phoihop.orgs import selectors

    return [(u, selectors.subtree(u, on=day).count()) for u in units]


def pick_large(sized: list[tuple[Any, int]]) -> list[tuple[Any, int]]:
    large = [(u, n) for u, n in sized if n >= MIN_PROVINCE_UNITS]
    return large or sorted(sized, key=lambda pair: -pair[1])[:10]


def benchmark(tree: Tree, repeat: int) -> list[Row]:
    from phoihop.accounts.enums import Role
    from phoihop.accounts.models import Membership, User
    from phoihop.accounts.selectors import units_reachable
    from phoihop.orgs import selectors
    from phoihop.orgs.models import OrgUnit, valid_on

    rng = random.Random(tree.rng.random())
    rows: list[Row] = []

    def subtree(day: dt.date, include_inactive: bool = False) -> Callable[[Any], int]:
        def call(unit: Any) -> int:
            qs = selectors.subtree(unit, on=day, include_inactive=include_inactive)
            return len(list(qs.values_list("pk", flat=True)))

        return call

    before = pick_large(sized_provinces(list(tree.provinces.values()), BEFORE))
    provincial = [tree.levels[(s, "tinh")] for s in (UNION, WOMEN)]
    after_units = list(OrgUnit.objects.filter(valid_on(AFTER), level__in=provincial))
    after = pick_large(sized_provinces(after_units, AFTER))
    for label, sized in (("before", before), ("after", after)):
        sizes = sorted(n for _u, n in sized)
        print(
            f"  {len(sized)} provinces {label} with >= {MIN_PROVINCE_UNITS} units: "
            f"{sizes[0]:,}..{sizes[-1]:,} (median {statistics.median(sizes):,.0f})"
        )
    picks = [rng.choice(before)[0] for _ in range(repeat)]
    rows.append(measure(f"subtree province on {BEFORE}", picks, subtree(BEFORE), TREE_TARGET_MS))
    picks = [rng.choice(after)[0] for _ in range(repeat)]
    rows.append(measure(f"subtree province on {AFTER}", picks, subtree(AFTER), TREE_TARGET_MS))
    rows.append(
        measure(
            f"subtree province on {AFTER}, include_inactive",
            picks,
            subtree(AFTER, include_inactive=True),
            TREE_TARGET_MS,
        )
    )

    sample = rng.sample(tree.grassroots[UNION] + tree.grassroots[WOMEN], 2000)
    grassroots = list(OrgUnit.objects.filter(pk__in=sample))
    live = [u for u in grassroots if u.is_valid_on(AFTER)]
    for day, units in ((BEFORE, grassroots), (AFTER, live)):
        picks = [rng.choice(units) for _ in range(repeat)]
        rows.append(
            measure(
                f"ancestors of a grassroots unit on {day}",
                picks,
                lambda unit, day=day: len(selectors.ancestors(unit, on=day)),
                TREE_TARGET_MS,
            )
        )

    picks = [rng.choice(SEARCHES) for _ in range(repeat)]
    searched = measure(
        "search_units, all queries",
        picks,
        lambda q: len(list(selectors.search_units(OrgUnit.objects.all(), q)[:50])),
        SEARCH_TARGET_MS,
    )
    rows.append(searched)
    for query in SEARCHES:
        chosen = [i for i, q in enumerate(picks) if q == query]
        rows.append(
            Row(
                f'  search "{query}"',
                [searched.times[i] for i in chosen],
                [searched.sizes[i] for i in chosen],
                SEARCH_TARGET_MS,
            )
        )

    users = []
    for i, (unit, _n) in enumerate(rng.sample(after, min(10, len(after)))):
        user = User.objects.create(username=f"bench-{i}", full_name=f"Bench {i}")
        Membership.objects.create(user=user, unit=unit, role=Role.VIEWER, include_subunits=True)
        users.append(user)

    # units_reachable may return a lazy subquery or a filter on a cached id list: either way,
    # time the call plus reading the reached ids, with the per-user cache cleared.
    def reachable(user: Any) -> int:
        user.__dict__.pop("_phoihop_reach", None)
        return len(list(units_reachable(user).values_list("pk", flat=True)))

    picks = [rng.choice(users) for _ in range(repeat)]
    rows.append(
        measure(
            "units_reachable -> ids, subtree role on a province", picks, reachable, TREE_TARGET_MS
        )
    )

    # Informational: a query built on the reach, for a province officer and a national one.
    def reachable_count(user: Any) -> int:
        user.__dict__.pop("_phoihop_reach", None)
        return units_reachable(user).count()

    rows.append(
        measure("  (info) units_reachable(...).count(), province", picks, reachable_count, None)
    )
    national = User.objects.create(username="bench-national", full_name="Bench national")
    Membership.objects.create(
        user=national, unit=tree.roots[UNION], role=Role.VIEWER, include_subunits=True
    )
    picks = [national] * min(repeat, 20)
    rows.append(
        measure("  (info) units_reachable(...).count(), national", picks, reachable_count, None)
    )
    return rows


def explain(tree: Tree) -> None:
    from django.db import connection

    from phoihop.accounts.models import User
    from phoihop.accounts.selectors import units_reachable
    from phoihop.orgs import selectors
    from phoihop.orgs.models import OrgUnit

    options = {"analyze": True, "buffers": True} if connection.vendor == "postgresql" else {}
    province = max(tree.new_provinces.values(), key=lambda u: u.pk)
    plans = {
        f"subtree({province}, on={AFTER})": selectors.subtree(province, on=AFTER).values_list(
            "pk", flat=True
        ),
        f"subtree({province}, on={AFTER}, include_inactive)": selectors.subtree(
            province, on=AFTER, include_inactive=True
        ).values_list("pk", flat=True),
        **{
            f'search "{query}"': selectors.search_units(OrgUnit.objects.all(), query)[:50]
            for query in ("phụ nữ Hồng Hà", "cong doan xa tan")
        },
    }
    user = User.objects.filter(username="bench-0").first()
    if user:
        plans["units_reachable(bench-0)"] = units_reachable(user).values_list("pk", flat=True)
    for label, qs in plans.items():
        print(f"\n--- EXPLAIN {label}\n{qs.query}\n")
        print(qs.explain(**options))


# --- report ----------------------------------------------------------------------------------


def print_table(rows: list[Row]) -> None:
    header = f"{'measure':<52} {'n':>4} {'rows min/med/max':>20} {'p50':>7} {'p95':>7} {'max':>7}"
    print(f"\n{header}  target     result")
    print("-" * (len(header) + 20))
    for row in rows:
        if not row.times:
            continue
        sizes = f"{min(row.sizes):,}/{statistics.median(row.sizes):,.0f}/{max(row.sizes):,}"
        target = f"p95<{row.target:.0f} ms" if row.target else ""
        print(
            f"{row.label:<52} {len(row.times):>4} {sizes:>20} {row.pct(0.5):>7.2f} "
            f"{row.pct(0.95):>7.2f} {max(row.times):>7.2f}  {target:<10} {row.verdict}"
        )
    print("(times in ms, time.perf_counter around the whole call, after 5 warm-up calls)")


def counts() -> dict[str, int]:
    from phoihop.core.models import AuditEntry
    from phoihop.orgs.models import OrgPlacement, OrgUnit, ReorgEvent

    return {
        "units": OrgUnit.objects.count(),
        "placements": OrgPlacement.objects.count(),
        "reorg events": ReorgEvent.objects.count(),
        "audit entries": AuditEntry.objects.count(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    cleanup = prepare_database(args)
    try:
        from django.core.management import call_command

        from phoihop.orgs.areas import areas_load

        print(f"Database: {database_label()}")
        t0 = time.perf_counter()
        call_command("migrate", verbosity=0)
        t1 = time.perf_counter()
        summary = areas_load()
        t2 = time.perf_counter()
        print(f"migrate {t1 - t0:.1f} s; areas_load {t2 - t1:.1f} s ({summary})")

        tree = Tree(rng=random.Random(args.seed))
        build_trees(tree, args.units)
        t3 = time.perf_counter()
        print(f"bulk build: {tree.units:,} units in {t3 - t2:.1f} s", flush=True)
        reform(tree, args.commune_provinces)
        t4 = time.perf_counter()
        events = sum(len(v) for k, v in tree.events.items() if k != "create")
        print(f"reform events (services): {events} events in {t4 - t3:.1f} s")
        for kind, times in sorted(tree.events.items()):
            print(
                f"  {kind:<20} {len(times):>4} calls, mean {statistics.mean(times):7.1f} ms, "
                f"max {max(times):8.1f} ms"
            )
        big_move_probe(tree)
        t4 = time.perf_counter()
        from django.db import connection

        if connection.vendor == "postgresql" or args.sqlite_analyze:
            command = analyze()
            print(f"{command} {time.perf_counter() - t4:.1f} s")
        else:
            print("(SQLite not analyzed: no sqlite_stat1, as in a default deployment)")
        print("Rows: " + ", ".join(f"{v:,} {k}" for k, v in counts().items()), flush=True)

        print(f"Measuring ({load()})", flush=True)
        rows = benchmark(tree, args.repeat)
        print(f"Measured ({load()})")
        print_table(rows)
        if args.explain:
            explain(tree)
        print(f"\nTotal run time {time.perf_counter() - started:.0f} s")
        return 0 if all(row.verdict != "MISS" for row in rows) else 1
    finally:
        if not args.keep:
            cleanup()


if __name__ == "__main__":
    sys.exit(main())
