"""Article extraction: speed on one core, and field scores.

    .venv/bin/python bench/extraction.py
    .venv/bin/python bench/extraction.py --gold ../shared/seeds/gold --seeds ../shared/seeds
    .venv/bin/python bench/extraction.py --gold G --seeds S --scorer PATH/score_extraction.py

Without options it times the extractor over the test articles (tests/articles/fixtures, repeated
for at least --seconds) and scores them against their expected JSON. With --gold and --seeds it
also extracts every article in the seeds directory and scores it against the gold file of the same
name: with the project's own scoring code, or with the scorer file given by --scorer.
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
    from phoihop.importing.extraction.legacy import decode_bytes

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="minimum timing duration")
    parser.add_argument("--gold", type=Path, help="directory of gold NAME.json files")
    parser.add_argument("--seeds", type=Path, help="directory of the articles to score")
    parser.add_argument("--scorer", type=Path, help="score with this scorer file instead")
    args = parser.parse_args(argv)
    if (args.gold is None) != (args.seeds is None):
        parser.error("--gold and --seeds go together")
    _project()
    _pin_to_one_core()

    own = _inputs(ARTICLES)
    count, elapsed = measure_speed(own, args.seconds)
    print(f"{count} extractions of {len(own)} test articles in {elapsed:.2f} s on one core:")
    print(f"  {count / elapsed:.0f} articles/s")
    _print_scores("Test articles (tests/articles/fixtures):", score_directory(ARTICLES, own, None))
    if args.gold is not None:
        seeds = _inputs(args.seeds)
        scores = score_directory(args.gold, seeds, args.scorer)
        _print_scores(f"{len(seeds)} articles of {args.seeds} against {args.gold}:", scores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
