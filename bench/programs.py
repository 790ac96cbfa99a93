"""Benchmark coordination programs at national scale (PostgreSQL).

    .venv/bin/python bench/programs.py [--units 150000] [--programs 50000] [--repeat 100]

Creates a fresh database (``phoihop_bench_programs``, dropped and re-created through the ``test``
database), migrates it, loads the administrative areas and bulk-builds the two trees (Công đoàn,
Hội LHPN) with the helpers of bench/orgs.py. Then bulk-inserts about ``--programs`` programs:
the national program of 2023–2028 cascaded to every province, each province program to its
districts and each district program to its communes, the previous phase (2018–2023) likewise,
and unrelated programs between counterpart pairs at every tier. One province-level cascade goes
through the real ``cascade.program_cascade`` service. Finally it times the reads of the program
pages (coverage, list page for a province officer and for a superuser, coverage table) and
prints p50 / p95 / max against the targets, with the query plans. See bench/PROGRAMS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
COVERAGE_TARGET_MS, LIST_TARGET_MS, TABLE_TARGET_MS = 300.0, 100.0, 100.0
PATH_INDEX = "programs_program_path_like"
NATIONAL_AREAS = [
    "Tuyên truyền, giáo dục chính sách, pháp luật về bình đẳng giới cho nữ đoàn viên",
    "Chăm lo, bảo vệ quyền và lợi ích hợp pháp, chính đáng của lao động nữ",
    "Xây dựng gia đình no ấm, tiến bộ, hạnh phúc, văn minh",
    "Phòng, chống bạo lực gia đình, xâm hại trẻ em tại nơi làm việc",
    "Phát hiện, bồi dưỡng cán bộ nữ, giới thiệu đoàn viên ưu tú cho Đảng",
    "Sơ kết, tổng kết, khen thưởng",
]
THEMES = [
    "bình đẳng giới và vì sự tiến bộ của phụ nữ",
    "phòng, chống bạo lực gia đình",
    "chăm lo nữ công nhân lao động tại các khu công nghiệp",
    "tuyên truyền pháp luật về lao động nữ",
    "phòng, chống mua bán người",
    "hỗ trợ phụ nữ khởi nghiệp",
    "xây dựng nông thôn mới, đô thị văn minh",
    "chuyển đổi số trong công tác Công đoàn và Hội",
    "phòng, chống tác hại của thuốc lá",
    "xây dựng mái ấm Công đoàn, mái ấm tình thương",
    "nâng cao sức khỏe sinh sản cho lao động nữ",
    "giáo dục kỹ năng sống cho con công nhân",
]
KINDS = [  # (kind, title prefix, number symbol, weight)
    ("program", "Chương trình phối hợp", "CTPH", 60),
    ("regulation", "Quy chế phối hợp", "QCPH", 15),
    ("agreement", "Thỏa thuận hợp tác", "TTHT", 10),
    ("joint_plan", "Kế hoạch liên tịch", "KHLT", 15),
]
TODAY_YEAR = 2026  # the state mix assumes "now" is late 2026
# (q, state, year): what officers type into the list filter (accent-insensitive).
LIST_QUERIES = [
    ("bình đẳng giới", "in_effect", 2025),
    ("Phòng chống bạo lực gia đình", "in_effect", 2024),
    ("lao động nữ", "closed", 2020),
    ("chương trình phối hợp", "draft", 2026),
    ("nông thôn mới", "in_effect", 2025),
]


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
    parser.add_argument("--units", type=int, default=150_000, help="about this many units")
    parser.add_argument("--programs", type=int, default=50_000, help="about this many programs")
    parser.add_argument("--repeat", type=int, default=100, help="timed runs per measure")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"),
        help="server URL without database name (the 'test' database must exist)",
    )
    parser.add_argument("--pg-name", default="phoihop_bench_programs")
    parser.add_argument(
        "--cascade-tier", type=int, default=3, help="tier of the timed service cascade (3=commune)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--quiet-plans", action="store_true", help="do not print query plans")
    args = parser.parse_args(argv)
    args.db = "postgres"
    return args


# --- building programs -----------------------------------------------------------------------


def id_stream(model: Any, chunk: int = 10_000) -> Iterator[int]:
    """Primary keys drawn from the table's own sequence, so paths can be built before insert."""
    from django.db import connection

    table = model._meta.db_table
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, chunk],
            )
            yield from (row[0] for row in cursor.fetchall())


@dataclass
class Programs:
    rng: random.Random
    programs: list = field(default_factory=list)
    parties: list = field(default_factory=list)
    areas: list = field(default_factory=list)
    areas_of: dict[int, list] = field(default_factory=dict)
    ids: dict[str, Iterator[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        from phoihop.programs.models import ContentArea, Program, ProgramParty

        self.ids = {
            "program": id_stream(Program),
            "party": id_stream(ProgramParty),
            "area": id_stream(ContentArea),
        }

    def add(
        self,
        *,
        units: Sequence[Any],
        title: str,
        kind: str,
        state: str,
        start: int,
        end: int | None,
        symbol: str = "CTPH",
        parent: Any = None,
        areas: Sequence[str] = (),
        predecessor: Any = None,
        cascade_tier: int | None = None,
    ) -> Any:
        """One program as services.program_create would leave it (path, depth, search_text)."""
        from phoihop.core.text import fold
        from phoihop.programs.enums import PartyRole, ProgramState
        from phoihop.programs.models import ContentArea, Program, ProgramParty

        pk = next(self.ids["program"])
        path, depth = (f"{parent.path}{pk}.", parent.depth + 1) if parent else (f"{pk}.", 0)
        signed = state != ProgramState.DRAFT
        number = f"{self.rng.randint(1, 999)}/{symbol}" if signed else ""
        signed_on = dt.date(start, 1, 1) - dt.timedelta(days=self.rng.randint(5, 60))
        names: list[str] = [title, number]
        party_rows = []
        for i, unit in enumerate(units):
            party_rows.append(
                ProgramParty(
                    pk=next(self.ids["party"]),
                    program_id=pk,
                    unit_id=unit.pk,
                    role=PartyRole.LEAD if i == 0 else PartyRole.PARTNER,
                    name_as_signed=unit.name,
                    order=i,
                )
            )
            names += [unit.name, *unit.written_forms]
        program = Program(
            pk=pk,
            kind=kind,
            number=number,
            title=title,
            state=state,
            start_year=start,
            end_year=end,
            signed_on=signed_on if signed else None,
            signed_place="Hà Nội" if depth == 0 else "",
            parent_id=parent.pk if parent else None,
            predecessor_id=predecessor.pk if predecessor else None,
            path=path,
            depth=depth,
            cascade_tier=cascade_tier,
            search_text=fold(" ".join(n for n in names if n)),
            source="cascade" if parent else "entered",
        )
        inherited = self.areas_of.get(parent.pk, []) if parent else []
        rows = []
        titles = [a.title for a in inherited] if inherited else list(areas)
        for i, area_title in enumerate(titles):
            rows.append(
                ContentArea(
                    pk=next(self.ids["area"]),
                    program_id=pk,
                    order=i,
                    title=area_title,
                    responsible_id=party_rows[i % len(party_rows)].pk,
                    inherited_from_id=inherited[i].pk if inherited else None,
                )
            )
        self.programs.append(program)
        self.parties.extend(party_rows)
        self.areas.extend(rows)
        if depth < 3:  # only programs that may be cascaded keep their areas in memory
            self.areas_of[pk] = rows
        return program

    def save(self) -> None:
        from django.db import transaction

        from phoihop.programs.models import ContentArea, Program, ProgramParty

        with transaction.atomic():
            Program.objects.bulk_create(self.programs, batch_size=2000)
            ProgramParty.objects.bulk_create(self.parties, batch_size=5000)
            ContentArea.objects.bulk_create(self.areas, batch_size=5000)


def pick_state(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def state_for_years(rng: random.Random, start: int, end: int | None) -> str:
    """A realistic state for a phase relative to late 2026."""
    last = end or start
    if last < TODAY_YEAR:
        mix = {"closed": 60, "superseded": 25, "in_effect": 10, "draft": 5}
    elif start > TODAY_YEAR:
        mix = {"draft": 70, "signed": 30}
    else:
        mix = {"in_effect": 60, "under_review": 10, "signed": 15, "draft": 15}
    return pick_state(rng, mix)


@dataclass
class Pairs:
    province: list[tuple[Any, Any]]
    district: list[tuple[Any, Any]]
    commune: list[tuple[Any, Any]]
    district_of_province: dict[int, list[tuple[Any, Any]]]
    communes_of_district: dict[int, list[tuple[Any, Any]]]


def counterpart_pairs(tree: Any) -> Pairs:
    """(Công đoàn unit, Hội LHPN unit) of the same area, by tier, as program_cascade pairs them."""
    province, district, commune = [], [], []
    district_of_province: dict[int, list] = {}
    communes_of_district: dict[int, list] = {}
    women_wards_by_district: dict[int, list] = {}
    for (system, area_id), unit in sorted(tree.provinces.items(), key=lambda kv: kv[0][1]):
        if system != UNION:
            continue
        province.append((unit, tree.provinces[(WOMEN, area_id)]))
        women = {a.pk: u for u, a in tree.districts[(WOMEN, area_id)]}
        pairs = [(u, women[a.pk]) for u, a in tree.districts[(UNION, area_id)] if a.pk in women]
        district_of_province[unit.pk] = pairs
        district.extend(pairs)
    for (system, area_id), unit in tree.wards.items():
        if system != UNION or (WOMEN, area_id) not in tree.wards:
            continue
        women_wards_by_district.setdefault(unit.area.parent_id, []).append(
            (unit, tree.wards[(WOMEN, area_id)])
        )
    for union_district, _women in district:
        pairs = women_wards_by_district.get(union_district.area_id, [])
        communes_of_district[union_district.pk] = pairs
        commune.extend(pairs)
    return Pairs(province, district, commune, district_of_province, communes_of_district)


def national_tree(
    built: Programs,
    tree: Any,
    pairs: Pairs,
    *,
    start: int,
    end: int,
    states: dict[int, dict[str, int]],
    predecessor: Any = None,
) -> Any:
    """A national program cascaded province → district → commune (only signed ones cascade)."""
    from phoihop.programs.cascade import CASCADABLE

    title = (
        "Chương trình phối hợp về công tác bình đẳng giới, chăm lo nữ đoàn viên công đoàn, "
        f"lao động nữ giai đoạn {start}–{end}"
    )
    rng = built.rng
    common = {"title": title, "kind": "program", "start": start, "end": end}
    national = built.add(
        units=[tree.roots[UNION], tree.roots[WOMEN]],
        state=states[0]["national"],
        areas=NATIONAL_AREAS,
        predecessor=predecessor,
        cascade_tier=1,
        **common,
    )
    for union_p, women_p in pairs.province:
        province = built.add(
            units=[union_p, women_p],
            state=pick_state(rng, states[1]),
            parent=national,
            cascade_tier=2,
            **common,
        )
        if province.state not in CASCADABLE:
            continue
        for union_d, women_d in pairs.district_of_province[union_p.pk]:
            district = built.add(
                units=[union_d, women_d],
                state=pick_state(rng, states[2]),
                parent=province,
                cascade_tier=3,
                **common,
            )
            if district.state not in CASCADABLE:
                continue
            for union_c, women_c in pairs.communes_of_district[union_d.pk]:
                built.add(
                    units=[union_c, women_c],
                    state=pick_state(rng, states[3]),
                    parent=district,
                    **common,
                )
    return national


def build_programs(tree: Any, target: int, rng: random.Random) -> tuple[Any, Programs]:
    """Both national phases with their cascades, then unrelated programs up to ``target``."""
    from phoihop.orgs.models import OrgUnit

    pairs = counterpart_pairs(tree)
    built = Programs(rng=rng)
    previous = national_tree(
        built,
        tree,
        pairs,
        start=2018,
        end=2023,
        states={
            0: {"national": "superseded"},
            1: {"superseded": 70, "closed": 28, "draft": 2},
            2: {"superseded": 45, "closed": 45, "in_effect": 3, "draft": 7},
            3: {"closed": 60, "superseded": 20, "in_effect": 5, "draft": 15},
        },
    )
    national = national_tree(
        built,
        tree,
        pairs,
        start=2023,
        end=2028,
        predecessor=previous,
        states={
            0: {"national": "in_effect"},
            1: {"in_effect": 80, "under_review": 8, "signed": 7, "draft": 5},
            2: {"in_effect": 50, "under_review": 5, "signed": 15, "draft": 30},
            3: {"in_effect": 30, "signed": 15, "draft": 55},
        },
    )
    # Grassroots unions paired with their commune's Hội LHPN.
    remaining = max(0, target - len(built.programs))
    grassroots_ids = rng.sample(tree.grassroots[UNION], min(len(tree.grassroots[UNION]), remaining))
    women_ward = {area_id: u for (s, area_id), u in tree.wards.items() if s == WOMEN}
    grassroots = [
        (unit, women_ward[unit.area_id])
        for unit in OrgUnit.objects.filter(pk__in=grassroots_ids).only(
            "id", "name", "short_name", "abbreviations", "area_id"
        )
        if unit.area_id in women_ward
    ]
    tiers = [(pairs.province, 3), (pairs.district, 12), (pairs.commune, 45), (grassroots, 40)]
    tiers = [(pool, weight) for pool, weight in tiers if pool]
    kinds = [k[:3] for k in KINDS]
    kind_weights = [k[3] for k in KINDS]
    for _ in range(remaining):
        pool = rng.choices([t[0] for t in tiers], weights=[t[1] for t in tiers])[0]
        union_unit, women_unit = rng.choice(pool)
        kind, prefix, symbol = rng.choices(kinds, weights=kind_weights)[0]
        start = rng.choice(range(2012, TODAY_YEAR + 2))
        end = start if kind == "joint_plan" else start + rng.choice([1, 2, 3, 4, 5, 5])
        theme = rng.choice(THEMES)
        units = [union_unit, women_unit] if rng.random() < 0.6 else [women_unit, union_unit]
        built.add(
            units=units,
            title=f"{prefix} về {theme} giai đoạn {start}–{end}"
            if end != start
            else f"{prefix} về {theme} năm {start}",
            kind=kind,
            state=state_for_years(rng, start, end),
            start=start,
            end=end,
            symbol=symbol,
            areas=[theme[:1].upper() + theme[1:], "Kiểm tra, giám sát", "Sơ kết, tổng kết"],
        )
    built.save()
    return national, built


def service_cascade(tree: Any, tier: int) -> dict[str, Any]:
    """A province program created, signed and cascaded through the real services."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from phoihop.accounts.permissions import SYSTEM
    from phoihop.core.models import AuditEntry
    from phoihop.programs import cascade, services
    from phoihop.programs.models import ContentArea, Program, ProgramParty

    def rows() -> Counter:
        return Counter(
            programs=Program.objects.count(),
            parties=ProgramParty.objects.count(),
            areas=ContentArea.objects.count(),
            audit=AuditEntry.objects.count(),
        )

    pairs = counterpart_pairs(tree)
    sizes = sorted(
        (
            sum(
                len(pairs.communes_of_district[u.pk]) for u, _w in pairs.district_of_province[p.pk]
            ),
            i,
        )
        for i, (p, _w) in enumerate(pairs.province)
    )
    size, index = sizes[len(sizes) // 2]  # a province of median size
    union_p, women_p = pairs.province[index]
    program = services.program_create(
        actor=SYSTEM,
        parties=[{"unit": union_p}, {"unit": women_p}],
        content_areas=[{"title": t} for t in NATIONAL_AREAS[:4]],
        kind="program",
        title="Chương trình phối hợp chăm lo nữ đoàn viên, lao động nữ giai đoạn 2026–2030",
        start_year=2026,
        end_year=2030,
    )
    program = services.program_sign(program=program, signed_on=dt.date(2026, 1, 15), actor=SYSTEM)
    program = services.program_activate(program=program, actor=SYSTEM)
    before = rows()
    with CaptureQueriesContext(connection) as first_queries:
        start = time.perf_counter()
        result = cascade.program_cascade(program=program, tier=tier, actor=SYSTEM)
        first = time.perf_counter() - start
    created = rows() - before
    with CaptureQueriesContext(connection) as again_queries:
        start = time.perf_counter()
        again = cascade.program_cascade(program=program, tier=tier, actor=SYSTEM)
        second = time.perf_counter() - start
    return {
        "province": str(union_p),
        "communes": size,
        "first_s": first,
        "queries": len(first_queries),
        "again_queries": len(again_queries),
        "created": len(result.created),
        "unmatched": len(result.unmatched),
        "rows": dict(created),
        "again_s": second,
        "again_existing": again.existing,
        "again_created": len(again.created),
    }


# --- measuring -------------------------------------------------------------------------------


def list_page(user: Any, q: str | None, state: str | None, year: int | None) -> int:
    """What program_list does for the first page: visibility, filters, 25 with details."""
    from django.core.paginator import Paginator

    from phoihop.programs import selectors

    user.__dict__.pop("_phoihop_reach", None)  # a new request: units_reachable runs again
    programs = selectors.programs_filtered(
        selectors.programs_visible_to(user), q=q, state=state, year=year
    )
    programs = selectors.programs_with_details(programs).order_by(
        "-start_year", "search_text", "pk"
    )
    page = Paginator(programs, 25).get_page(None)
    items = list(page)
    for program in items:
        for party in program.parties.all():
            _ = (party.unit.system.code, party.unit.level.name, party.name_as_signed)
        _ = [a.title for a in program.content_areas.all()]
    return page.paginator.count


def coverage(national: Any) -> int:
    from phoihop.programs import selectors

    levels = selectors.program_coverage_by_level(national)
    direct = selectors.program_coverage(national)
    return direct.expected + sum(c.expected for _level, c in levels)


def coverage_table(national: Any) -> int:
    """derived_programs(national, "unsigned"): the view's page of 50 (count, slice, prefetch)."""
    from django.core.paginator import Paginator

    from phoihop.programs import selectors

    page = Paginator(selectors.derived_programs(national, state="unsigned"), 50).get_page(None)
    items = list(page)
    for program in items:
        _ = ([p.unit.name for p in program.parties.all()], program.derived_count)
    return len(items)


def make_users(tree: Any, rng: random.Random) -> tuple[list, Any]:
    """Province officers (subtree viewer on a large LĐLĐ/Hội LHPN tỉnh) and a superuser."""
    from phoihop.accounts.enums import Role
    from phoihop.accounts.models import Membership, User
    from phoihop.orgs import selectors

    provinces = list(tree.provinces.values())
    sized = sorted(((selectors.subtree(u).count(), u.pk, u) for u in provinces), reverse=True)
    officers = []
    for i, (_n, _pk, unit) in enumerate(sized[:6]):
        user = User.objects.create(username=f"bench-officer-{i}", full_name=f"Officer {i}")
        Membership.objects.create(user=user, unit=unit, role=Role.VIEWER, include_subunits=True)
        officers.append(user)
    admin = User.objects.create(username="bench-admin", is_superuser=True, is_staff=True)
    print(
        "  officers on: "
        + ", ".join(f"{u.short_name or u.name} ({n:,} units)" for n, _pk, u in sized[:6])
    )
    return officers, admin


def per_query(row: Any, picks: Sequence[tuple]) -> list:
    """Split a measure's runs by filter combination (as bench/orgs.py does per search)."""
    split = []
    for combo in LIST_QUERIES:
        chosen = [i for i, pick in enumerate(picks) if pick == combo]
        q, state, year = combo
        split.append(
            ob.Row(
                f"    q={q[:22]!r} {state} {year}",
                [row.times[i] for i in chosen],
                [row.sizes[i] for i in chosen],
                row.target,
            )
        )
    return split


def benchmark(national: Any, officers: list, admin: Any, repeat: int, rng: random.Random) -> list:
    rows = []
    rows.append(
        ob.measure(
            "(a) coverage_by_level + coverage (national)",
            [national] * repeat,
            coverage,
            COVERAGE_TARGET_MS,
        )
    )
    picks = [(rng.choice(officers), rng.choice(LIST_QUERIES)) for _ in range(repeat)]
    officer = ob.measure(
        "(b) list page, province officer, q+state+year",
        picks,
        lambda pick: list_page(pick[0], *pick[1]),
        LIST_TARGET_MS,
    )
    rows += [officer, *per_query(officer, [p[1] for p in picks])]
    picks = [rng.choice(officers) for _ in range(repeat)]
    rows.append(
        ob.measure(
            "  (b') list page, province officer, no filter",
            picks,
            lambda user: list_page(user, None, None, None),
            LIST_TARGET_MS,
        )
    )
    picks = [rng.choice(LIST_QUERIES) for _ in range(repeat)]
    superuser = ob.measure(
        "(c) list page, superuser, q+state+year",
        picks,
        lambda pick: list_page(admin, *pick),
        LIST_TARGET_MS,
    )
    rows += [superuser, *per_query(superuser, picks)]
    rows.append(
        ob.measure(
            "  (c') list page, superuser, no filter",
            [admin] * repeat,
            lambda user: list_page(user, None, None, None),
            LIST_TARGET_MS,
        )
    )
    rows.append(
        ob.measure(
            "(d) derived_programs(national, unsigned) 50",
            [national] * repeat,
            coverage_table,
            TABLE_TARGET_MS,
        )
    )
    return rows


def explain(national: Any, officer: Any, admin: Any, quiet: bool) -> bool:
    """Print the plans; return whether the coverage query uses the path index."""
    from django.db import connection
    from django.db.models import Count

    from phoihop.programs import selectors
    from phoihop.programs.models import Program

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'programs_program' "
            "AND indexdef LIKE '%%(path%%' ORDER BY indexname"
        )
        path_indexes = cursor.fetchall()
    print("\nIndexes on programs_program.path:")
    for name, definition in path_indexes:
        print(f"  {name}: {definition}")

    def listing(user: Any, q: str | None, state: str | None, year: int | None) -> Any:
        user.__dict__.pop("_phoihop_reach", None)
        qs = selectors.programs_filtered(
            selectors.programs_visible_to(user), q=q, state=state, year=year
        )
        return qs.order_by("-start_year", "search_text", "pk")[:25]

    q, state, year = LIST_QUERIES[0]
    q2, state2, year2 = LIST_QUERIES[1]
    plans = {
        "program_coverage_by_level(national)": Program.objects.filter(
            path__startswith=national.path, depth__gt=national.depth
        )
        .values("depth", "state")
        .annotate(n=Count("pk"))
        .order_by("depth"),
        "program_coverage(national)": national.derived.values("state").annotate(n=Count("pk")),
        f"list page, province officer, q={q!r}": listing(officer, q, state, year),
        f"list page, province officer, q={q2!r}": listing(officer, q2, state2, year2),
        "list page, province officer, no filter": listing(officer, None, None, None),
        f"list page, superuser, q={q!r}": listing(admin, q, state, year),
        "derived_programs(national, unsigned)[:50]": selectors.derived_programs(
            national, state="unsigned"
        )[:50],
    }
    uses_index = False
    for label, qs in plans.items():
        plan = qs.explain(analyze=True, buffers=True)
        if label.startswith("program_coverage_by_level"):
            uses_index = PATH_INDEX in plan
            other = [n for n, _d in path_indexes if n in plan and n != PATH_INDEX]
            print(
                f"\nCoverage query uses {PATH_INDEX}: {'yes' if uses_index else 'NO'}"
                + (f" (uses {', '.join(other)} instead)" if other else "")
            )
        if not quiet:
            sql = str(qs.query)
            print(f"\n--- EXPLAIN ANALYZE {label}\n{sql[:1500]}{' …' if len(sql) > 1500 else ''}")
            print("\n".join(line[:300] for line in plan.splitlines()))
    return uses_index


def counts() -> dict[str, int]:
    from phoihop.orgs.models import OrgUnit
    from phoihop.programs.models import ContentArea, Program, ProgramParty

    return {
        "units": OrgUnit.objects.count(),
        "programs": Program.objects.count(),
        "parties": ProgramParty.objects.count(),
        "content areas": ContentArea.objects.count(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    cleanup: Callable[[], None] = ob.prepare_database(args)
    try:
        from django.db.models import Count

        from phoihop.programs.models import Program

        t2 = ob.migrate_and_load_areas()
        rng = random.Random(args.seed)
        tree = ob.Tree(rng=rng)
        ob.build_trees(tree, args.units)
        t3 = time.perf_counter()
        print(f"bulk build: {tree.units:,} units in {t3 - t2:.1f} s", flush=True)
        national, built = build_programs(tree, args.programs, rng)
        t4 = time.perf_counter()
        print(
            f"bulk build: {len(built.programs):,} programs, {len(built.parties):,} parties, "
            f"{len(built.areas):,} content areas in {t4 - t3:.1f} s",
            flush=True,
        )
        national = Program.objects.get(pk=national.pk)
        result = service_cascade(tree, args.cascade_tier)
        print(
            f"service cascade (program_cascade, tier {args.cascade_tier}) of a province program "
            f"({result['province']}, {result['communes']} commune pairs): "
            f"{result['created']} programs created in {result['first_s']:.1f} s "
            f"({1000 * result['first_s'] / max(1, result['created']):.0f} ms and "
            f"{result['queries'] / max(1, result['created']):.1f} queries each; rows "
            + ", ".join(f"{k} +{v:,}" for k, v in result["rows"].items())
            + f"; {result['unmatched']} without counterpart)"
        )
        print(
            f"  re-run (idempotent): {result['again_created']} created, "
            f"{result['again_existing']} existing in {result['again_s']:.2f} s "
            f"({result['again_queries']} queries)",
            flush=True,
        )
        t5 = time.perf_counter()
        command = ob.analyze()
        print(f"{command} {time.perf_counter() - t5:.1f} s")
        print("Rows: " + ", ".join(f"{v:,} {k}" for k, v in counts().items()))
        states = dict(
            Program.objects.values_list("state").annotate(n=Count("pk")).order_by("state")
        )
        print("  programs by state: " + ", ".join(f"{k} {v:,}" for k, v in states.items()))
        depths = dict(
            Program.objects.filter(path__startswith=national.path)
            .values_list("depth")
            .annotate(n=Count("pk"))
            .order_by("depth")
        )
        print(
            f"  national program {national.pk} ({national.phase_label}) tree by depth: "
            + ", ".join(f"{k}: {v:,}" for k, v in depths.items()),
            flush=True,
        )
        officers, admin = make_users(tree, rng)
        print(f"Measuring ({ob.load()})", flush=True)
        rows = benchmark(national, officers, admin, args.repeat, random.Random(args.seed + 1))
        print(f"Measured ({ob.load()})")
        ob.print_table(rows)
        uses_index = explain(national, officers[0], admin, args.quiet_plans)
        print(
            f"\nBuild: units {t3 - t2:.0f} s, programs {t4 - t3:.0f} s; "
            f"total run time {time.perf_counter() - started:.0f} s"
        )
        ok = all(row.verdict != "MISS" for row in rows) and uses_index
        return 0 if ok else 1
    finally:
        if not args.keep:
            cleanup()


if __name__ == "__main__":
    sys.exit(main())
