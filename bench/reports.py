"""Benchmark reviews and official documents at national scale (PostgreSQL).

    .venv/bin/python bench/reports.py [--units 150000] [--programs 20000] [--activities 300000]

Builds a fresh database (``phoihop_bench_reports``) with the helpers of bench/orgs.py (trees)
and bench/programs.py (the national program 2023–2028 cascaded province → district → commune),
then bulk-inserts ``--activities`` activities over 2023–2025 under the programs of that tree
(each with its organizer rows, as ``activities.services._refresh_copies`` writes them, and one
content area of its program). Approved yearly reviews are made through the services for
``--approved`` province programs, so the national figures read approved child reviews too.

Timed (``time.perf_counter`` around the whole call):

* the national tổng kết: pre-fill (``reviews.selectors.compute_figures``: every level below,
  by content area, by kind, the children) + the report built and rendered to .docx (target
  < 5 s);
* a province's tổng kết, the same (target < 1 s);
* the .docx rendering alone and the PDF conversion alone (LibreOffice), on the national report;
* approval of a province review (freezing figures, hierarchy and activity ids), for information.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import random
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
NATIONAL_TARGET_MS = 5000
PROVINCE_TARGET_MS = 1000
PHASE = (dt.date(2023, 1, 1), dt.date(2028, 12, 31))


def _load(name: str, filename: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, BENCH / filename)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


bp = _load("bench_programs", "programs.py")
ob = bp.ob


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=150_000)
    parser.add_argument("--programs", type=int, default=20_000)
    parser.add_argument("--activities", type=int, default=300_000)
    parser.add_argument("--approved", type=int, default=20, help="approved province reviews")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of the national review")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
    )
    parser.add_argument("--pg-name", default="phoihop_bench_reports")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF conversion")
    args = parser.parse_args(argv)
    args.db = "postgres"
    return args


def build_activities(national: Any, n: int, rng: random.Random) -> int:
    """``n`` activities under the programs of the national tree, commune-heavy like real data."""
    from django.db import transaction

    from phoihop.activities.models import Activity, ActivityKind, ActivityOrganizer
    from phoihop.core.paths import path_prefix
    from phoihop.programs.models import ContentArea, Program, ProgramParty

    tree = list(Program.objects.filter(path_prefix(national.path)).values_list("pk", "depth"))
    by_depth: dict[int, list[int]] = defaultdict(list)
    for pk, depth in tree:
        by_depth[depth].append(pk)
    parties: dict[int, list[int]] = defaultdict(list)
    for program_id, unit_id in ProgramParty.objects.filter(
        program_id__in=[pk for pk, _d in tree]
    ).values_list("program_id", "unit_id"):
        parties[program_id].append(unit_id)
    areas: dict[int, list[int]] = defaultdict(list)
    for program_id, area_id in ContentArea.objects.filter(
        program_id__in=[pk for pk, _d in tree]
    ).values_list("program_id", "pk"):
        areas[program_id].append(area_id)
    kinds = list(ActivityKind.objects.all())
    weights = {0: 1, 1: 10, 2: 30, 3: 59}
    depths = [d for d in sorted(by_depth) if d in weights]
    ids = bp.id_stream(Activity)
    through = Activity.content_areas.through
    made = 0
    days = (dt.date(2025, 12, 31) - PHASE[0]).days
    while made < n:
        chunk = min(20_000, n - made)
        activities, organizers, links = [], [], []
        for _ in range(chunk):
            program_id = rng.choice(by_depth[rng.choices(depths, [weights[d] for d in depths])[0]])
            kind = rng.choice(kinds)
            participants = rng.randint(20, 300)
            women = int(participants * rng.uniform(0.4, 0.95))
            cost = rng.choice([0, 2_000_000, 5_000_000, 10_000_000, 25_000_000])
            day = PHASE[0] + dt.timedelta(days=rng.randrange(days))
            pk = next(ids)
            activities.append(
                Activity(
                    pk=pk,
                    title=f"{kind.name} phối hợp",
                    kind=kind,
                    starts_on=day,
                    program_id=program_id,
                    participants=participants,
                    participants_women=women,
                    total_cost=cost,
                    source="entered",
                )
            )
            units = parties[program_id]
            credited = units if rng.random() < 0.3 else units[:1]
            for i, unit_id in enumerate(credited):
                organizers.append(
                    ActivityOrganizer(
                        activity_id=pk,
                        unit_id=unit_id,
                        role="lead" if i == 0 else "partner",
                        starts_on=day,
                        counted=True,
                        kind=kind,
                        participants=participants,
                        participants_women=women,
                        total_cost=cost,
                    )
                )
            if areas[program_id]:
                links.append(through(activity_id=pk, contentarea_id=rng.choice(areas[program_id])))
        with transaction.atomic():
            Activity.objects.bulk_create(activities, batch_size=5000)
            ActivityOrganizer.objects.bulk_create(organizers, batch_size=5000)
            through.objects.bulk_create(links, batch_size=5000)
        made += chunk
        print(f"  {made:,} activities", flush=True)
    return made


def unsaved_review(program: Any, *, final: bool = True) -> Any:
    """A joint review as the page pre-fills it (nothing written: each run starts equal)."""
    from phoihop.reviews.enums import ReviewKind
    from phoihop.reviews.models import Review

    lead = program.parties.select_related("unit__level", "unit__system", "unit__area").first()
    return Review(
        program=program,
        unit=lead.unit,
        kind=ReviewKind.FINAL if final else ReviewKind.ANNUAL,
        period_start=PHASE[0],
        period_end=PHASE[1],
        joint=True,
        place="Hà Nội",
    )


def prefill_and_render(program: Any) -> int:
    from phoihop.reporting.render import render_docx
    from phoihop.reviews import documents, selectors

    review = unsaved_review(program)
    figures = selectors.compute_figures(review)
    review.frozen = {"figures": figures, "hierarchy": selectors.hierarchy(review)}
    render_docx(documents.review_document(review))
    return figures["totals"]["activities"]


def approve_provinces(national: Any, count: int, rng: random.Random) -> list[float]:
    """Approved yearly 2024 reviews of ``count`` province programs, through the services."""
    from phoihop.reviews import services
    from phoihop.reviews.enums import ReviewKind

    provinces = list(national.derived.filter(state__in=["in_effect", "under_review"]))
    times = []
    for program in rng.sample(provinces, min(count, len(provinces))):
        lead = program.parties.select_related("unit").first()
        review = services.review_create(
            program=program,
            unit=lead.unit,
            kind=ReviewKind.ANNUAL,
            period_start=dt.date(2024, 1, 1),
            period_end=dt.date(2024, 12, 31),
            actor=None,
            joint=True,
        )
        services.review_submit(review=review, actor=None)
        start = time.perf_counter()
        services.review_approve(review=review, actor=None)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    cleanup = ob.prepare_database(args)
    try:
        from phoihop.programs.models import Program
        from phoihop.reporting.render import docx_to_pdf, render_docx, soffice_path
        from phoihop.reviews import documents, selectors

        t0 = ob.migrate_and_load_areas()
        rng = random.Random(args.seed)
        tree = ob.Tree(rng=rng)
        ob.build_trees(tree, args.units)
        t1 = time.perf_counter()
        print(f"bulk build: {tree.units:,} units in {t1 - t0:.1f} s", flush=True)
        national, built = bp.build_programs(tree, args.programs, rng)
        national = Program.objects.get(pk=national.pk)
        t2 = time.perf_counter()
        print(f"bulk build: {len(built.programs):,} programs in {t2 - t1:.1f} s", flush=True)
        made = build_activities(national, args.activities, rng)
        t3 = time.perf_counter()
        print(f"bulk build: {made:,} activities in {t3 - t2:.1f} s", flush=True)
        print(f"{ob.analyze()} {time.perf_counter() - t3:.1f} s", flush=True)
        approvals = approve_provinces(national, args.approved, rng)
        print(f"{len(approvals)} province reviews approved", flush=True)
        provinces = list(national.derived.all())
        print(f"Measuring ({ob.load()})", flush=True)
        rows = [
            ob.measure(
                "national tổng kết: pre-fill + .docx",
                [national] * args.repeat,
                prefill_and_render,
                NATIONAL_TARGET_MS,
                warmup=1,
            ),
            ob.measure(
                "province tổng kết: pre-fill + .docx",
                [rng.choice(provinces) for _ in range(args.repeat * 4)],
                prefill_and_render,
                PROVINCE_TARGET_MS,
                warmup=2,
            ),
            ob.measure(
                "national pre-fill alone (compute_figures)",
                [national] * args.repeat,
                lambda p: selectors.compute_figures(unsaved_review(p))["totals"]["activities"],
                None,
                warmup=1,
            ),
        ]
        review = unsaved_review(national)
        review.frozen = {
            "figures": selectors.compute_figures(review),
            "hierarchy": selectors.hierarchy(review),
        }
        document = documents.review_document(review)
        rows.append(
            ob.measure(
                ".docx rendering alone (national report)",
                [document] * 10,
                lambda d: len(render_docx(d)),
                None,
                warmup=2,
            )
        )
        if soffice_path() and not args.no_pdf:
            data = render_docx(document)
            rows.append(
                ob.measure(
                    "PDF conversion alone (LibreOffice)",
                    [data] * 3,
                    lambda d: len(docx_to_pdf(d)),
                    None,
                    warmup=1,
                )
            )
        approve_row = ob.Row(
            "approve a province review (freeze)", approvals, [1] * len(approvals), None
        )
        rows.append(approve_row)
        print(f"Measured ({ob.load()})")
        ob.print_table(rows)
        print(f"\ntotal run time {time.perf_counter() - started:.0f} s")
        return 0 if all(row.verdict != "MISS" for row in rows) else 1
    finally:
        if not args.keep:
            cleanup()


if __name__ == "__main__":
    sys.exit(main())
