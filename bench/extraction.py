"""Article extraction: speed on one core, and field scores.

    .venv/bin/python bench/extraction.py
    .venv/bin/python bench/extraction.py --gold ../shared/seeds/gold --seeds ../shared/seeds
    .venv/bin/python bench/extraction.py --gold G --seeds S --scorer PATH/score_extraction.py
    .venv/bin/python bench/extraction.py --variants        # content-area strategies on dev
    .venv/bin/python bench/extraction.py --errors dev      # what the extractor misses on dev

Without options it times the extractor over the real corpus (tests/articles/corpus, or
PHOIHOP_CORPUS_DIRS; the written fixtures of tests/articles/fixtures when there is no corpus),
repeated for at least --seconds on one core, and prints per-field P/R/F1 and the macro-F1 on the
corpus' train, dev and test splits and on the fixtures. With --gold and --seeds it also extracts
every article in the seeds directory and scores it against the gold file of the same name: with
the project's own scoring code, or with the scorer file given by --scorer. Errors are printed for
train and dev only: the test split is for reporting, never for tuning.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "articles" / "fixtures"
SUFFIXES = (".txt", ".html", ".htm", ".docx")


def _project() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))


def _pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _inputs(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix.lower() in SUFFIXES)


def measure_speed(paths: list[Path], seconds: float) -> tuple[int, float]:
    """(articles extracted, elapsed seconds), repeating the set for at least ``seconds``."""
    from phoihop.articles.extraction.article import (
        extract_article,
        extract_article_docx,
        extract_article_html,
    )
    from phoihop.core.legacy import decode_bytes

    loaded = [(p.suffix.lower(), p.read_bytes()) for p in paths]
    texts = [(suffix, decode_bytes(data) if suffix == ".txt" else data) for suffix, data in loaded]
    readers = {".html": extract_article_html, ".htm": extract_article_html}
    readers[".docx"] = extract_article_docx
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for suffix, content in texts:
            readers.get(suffix, extract_article)(content)
            count += 1
    return count, time.perf_counter() - start


def _print_scores(title: str, scores: dict[str, dict[str, float]]) -> None:
    print(f"\n{title}")
    for field, values in scores.items():
        if field == "macro_f1":
            continue
        print(
            f"  {field:18} P={values['precision']:.2f} R={values['recall']:.2f} "
            f"F1={values['f1']:.2f}"
        )
    print(f"  macro-F1 {scores['macro_f1']['f1']:.3f}")


def _extract_all(paths: list[Path], out_dir: Path) -> None:
    from phoihop.articles.extraction.article import extract_file

    for path in paths:
        result = extract_file(path)
        (out_dir / f"{path.stem}.json").write_text(
            json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8"
        )


def score_directory(gold_dir: Path, inputs: list[Path], scorer: Path | None) -> dict:
    """Extract ``inputs`` into a temporary directory and score them against ``gold_dir``."""
    from phoihop.articles.extraction.scoring import FIELDS, score_pairs

    with tempfile.TemporaryDirectory(prefix="phoihop-extraction-") as tmp:
        out_dir = Path(tmp)
        _extract_all(inputs, out_dir)
        if scorer is not None:
            spec = importlib.util.spec_from_file_location("score_extraction", scorer)
            if spec is None or spec.loader is None:
                raise SystemExit(f"cannot load scorer {scorer}")
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            result = module.score(gold_dir, out_dir)
            return {f: result[f] for f in FIELDS} | {"macro_f1": {"f1": result["macro_f1"]}}
        pairs = []
        for gold_file in sorted(gold_dir.glob("*.json")):
            predicted = out_dir / gold_file.name
            prediction = (
                json.loads(predicted.read_text(encoding="utf-8")) if predicted.exists() else {}
            )
            pairs.append((json.loads(gold_file.read_text(encoding="utf-8")), prediction))
        return score_pairs(pairs)


def measure_corpus_speed(seconds: float) -> tuple[int, int, float]:
    """(distinct articles, extractions, CPU seconds) over the real corpus' texts.

    CPU time of this process (pinned to one core), not wall time: on a shared machine the wall
    clock also counts the time other processes held the core."""
    from phoihop.articles.corpus import load_corpus
    from phoihop.articles.extraction.article import extract_lines
    from phoihop.articles.training import corpus_lines

    loaded = [corpus_lines(article) for article in load_corpus()]
    if not loaded:
        return 0, 0, 0.0
    count, start, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        for lines, published in loaded:
            extract_lines(lines, published=published)
            count += 1
    return len(loaded), count, time.process_time() - cpu


def _print_table(columns: dict[str, dict[str, dict[str, float]]]) -> None:
    from phoihop.articles.extraction.scoring import FIELDS

    names = list(columns)
    print("  " + " " * 18 + "".join(f"{name:>20}" for name in names))
    for field in FIELDS:
        cells = "".join(
            f"   {c[field]['precision']:.2f}/{c[field]['recall']:.2f}/{c[field]['f1']:.2f}"
            for c in columns.values()
        )
        print(f"  {field:18}{cells}")
    print(
        "  "
        + "macro-F1".ljust(18)
        + "".join(f"{c['macro_f1']['f1']:>20.3f}" for c in columns.values())
    )


def corpus_report(errors: str | None, variants: bool) -> None:
    from phoihop.articles.corpus import SPLITS, load_corpus
    from phoihop.articles.extraction.article import AREA_STRATEGIES
    from phoihop.articles.training import evaluate, extract_corpus_article

    articles = load_corpus()
    if not articles:
        print("\nNo corpus articles found (tests/articles/corpus or PHOIHOP_CORPUS_DIRS).")
        return
    by_split = {split: [a for a in articles if a.split == split] for split in SPLITS}
    sizes = ", ".join(f"{split} {len(items)}" for split, items in by_split.items())
    print(f"\nReal corpus: {len(articles)} articles ({sizes}); P/R/F1 per field")
    _print_table({split: evaluate(items) for split, items in by_split.items() if items})
    if variants:
        print("\nContent-area strategies (content_areas P/R/F1, macro-F1), train and dev:")
        for strategy in AREA_STRATEGIES:
            row = []
            for split in ("train", "dev"):
                result = evaluate(by_split[split], areas=strategy)
                area = result["content_areas"]
                row.append(
                    f"{split} {area['precision']:.2f}/{area['recall']:.2f}/{area['f1']:.2f} "
                    f"macro {result['macro_f1']['f1']:.3f}"
                )
            print(f"  {strategy:18} " + "   ".join(row))
    if errors:
        if errors == "test":
            raise SystemExit("The test split is for reporting only: look at train or dev errors.")
        _print_errors(by_split[errors], extract_corpus_article)


def _print_errors(articles: list, extract) -> None:
    from phoihop.articles.extraction.scoring import FIELDS, score_pairs

    for article in articles:
        gold, pred = article.gold(), extract(article)
        scores = score_pairs([(gold, pred)])
        for field in FIELDS:
            if scores[field]["f1"] < 1.0 and (gold.get(field) or pred.get(field)):
                print(f"  {article.id} {field}:")
                print(f"      gold {json.dumps(gold.get(field), ensure_ascii=False)}")
                print(f"      pred {json.dumps(pred.get(field), ensure_ascii=False)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="minimum timing duration")
    parser.add_argument("--gold", type=Path, help="directory of gold NAME.json files")
    parser.add_argument("--seeds", type=Path, help="directory of the articles to score")
    parser.add_argument("--scorer", type=Path, help="score with this scorer file instead")
    parser.add_argument("--variants", action="store_true", help="compare content-area strategies")
    parser.add_argument("--errors", choices=("train", "dev", "test"), help="print the misses")
    args = parser.parse_args(argv)
    if (args.gold is None) != (args.seeds is None):
        parser.error("--gold and --seeds go together")
    _project()
    _pin_to_one_core()

    own = _inputs(ARTICLES)
    distinct, count, elapsed = measure_corpus_speed(args.seconds)
    if distinct:
        print(
            f"{count} extractions of {distinct} real articles in {elapsed:.2f} CPU s on one core:"
        )
    else:
        count, elapsed = measure_speed(own, args.seconds)
        print(f"{count} extractions of {len(own)} test articles in {elapsed:.2f} s on one core:")
    print(f"  {count / elapsed:.0f} articles/s")
    corpus_report(args.errors, args.variants)
    _print_scores("Test articles (tests/articles/fixtures):", score_directory(ARTICLES, own, None))
    if args.gold is not None:
        seeds = _inputs(args.seeds)
        scores = score_directory(args.gold, seeds, args.scorer)
        _print_scores(f"{len(seeds)} articles of {args.seeds} against {args.gold}:", scores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
