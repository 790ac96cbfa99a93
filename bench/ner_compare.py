"""Persons and organizations: our extractor beside underthesea's NER, on the same articles.

Two passes, one per environment (Django is not needed by either), then a comparison:

    .venv/bin/python bench/ner_compare.py --system ours --gold G --articles A --out /tmp/ours.json
    /tmp/ut-venv/bin/python bench/ner_compare.py --system underthesea --gold G --articles A \\
        --out /tmp/ut.json
    .venv/bin/python bench/ner_compare.py --gold G --articles A \\
        --compare /tmp/ours.json /tmp/ut.json

Articles are the real corpus' test split (tests/articles/corpus, or PHOIHOP_CORPUS_DIRS; the split
is fixed by phoihop/articles/corpus.py, which needs no Django either), the ``.txt`` files of
--articles that have a gold ``NAME.json`` in --gold (the seeds; optional), and the ``.txt`` test
articles of tests/articles/fixtures with their expected ``NAME.json`` beside them.
Gold persons are the names in ``signatories`` + ``attendees``, gold organizations the ``parties``.
Ours: the same fields of ``extract_article``. Underthesea (9.5.0, bundled CRF model, offline):
``ner`` over every sentence of ``sent_tokenize``, contiguous B-/I-PER spans as persons and
B-/I-ORG spans as organizations. Both are scored with the project's lenient matching
(phoihop/articles/extraction/scoring.py): persons as names, organizations as parties.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "articles" / "fixtures"
SYSTEMS = ("ours", "underthesea")


def _project() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))


def _unique(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for name in names:
        key = " ".join(unicodedata.normalize("NFC", name).casefold().split())
        if key and key not in seen:
            seen.add(key)
            out.append(name.strip())
    return out


def _entities(record: dict) -> dict[str, list[str]]:
    people = (record.get("signatories") or []) + (record.get("attendees") or [])
    return {
        "persons": _unique([p.get("name") or "" for p in people if isinstance(p, dict)]),
        "organizations": _unique([o for o in record.get("parties") or [] if isinstance(o, str)]),
    }


def _sets(gold_dir: Path | None, articles_dir: Path | None) -> dict[str, list[tuple[Path, Path]]]:
    """{set name: [(article .txt, gold .json)]}."""
    from phoihop.articles.corpus import load_corpus

    sets = {"real test split": [(a.text_path, a.gold_path) for a in load_corpus(splits=["test"])]}
    if gold_dir is not None and articles_dir is not None:
        seeds = [(p, gold_dir / f"{p.stem}.json") for p in sorted(articles_dir.glob("*.txt"))]
        sets["seeds"] = [(a, g) for a, g in seeds if g.exists()]
    own = [(p, p.with_suffix(".json")) for p in sorted(ARTICLES.glob("*.txt"))]
    sets["own"] = [(a, g) for a, g in own if g.exists()]
    return {name: pairs for name, pairs in sets.items() if pairs}


def _text(path: Path) -> str:
    from phoihop.core.legacy import decode_bytes

    return decode_bytes(path.read_bytes())


def _ours(text: str) -> dict[str, list[str]]:
    from phoihop.articles.extraction import extract_article

    return _entities(extract_article(text))


def _underthesea(text: str) -> dict[str, list[str]]:
    from underthesea import ner, sent_tokenize

    found: dict[str, list[str]] = {"PER": [], "ORG": []}
    for line in text.splitlines():
        if not line.strip():
            continue
        for sentence in sent_tokenize(line):
            span: list[str] = []
            kind = None
            for word, *_, tag in [*ner(sentence), ("", "O")]:
                prefix, _, label = tag.partition("-")
                if span and (prefix != "I" or label != kind):
                    found[kind].append(" ".join(span))  # type: ignore[index]
                    span, kind = [], None
                if label in found and (prefix == "B" or (prefix == "I" and not span)):
                    span, kind = [word], label
                elif span and prefix == "I" and label == kind:
                    span.append(word)
    return {"persons": _unique(found["PER"]), "organizations": _unique(found["ORG"])}


def predict(system: str, sets: dict[str, list[tuple[Path, Path]]]) -> dict:
    run = _ours if system == "ours" else _underthesea
    return {
        name: {str(article): run(_text(article)) for article, _ in pairs}
        for name, pairs in sets.items()
    }


def _scores(gold: list[dict], pred: list[dict]) -> dict[str, dict[str, float]]:
    from phoihop.articles.extraction.scoring import score_pairs

    def as_record(entities: dict) -> dict:
        persons = [{"name": name} for name in entities.get("persons", [])]
        return {"signatories": persons, "parties": entities.get("organizations", [])}

    result = score_pairs((as_record(g), as_record(p)) for g, p in zip(gold, pred, strict=True))
    return {"persons": result["signatories"], "organizations": result["parties"]}


def compare(sets: dict[str, list[tuple[Path, Path]]], predictions: dict[str, dict]) -> None:
    for name, pairs in sets.items():
        gold = [_entities(json.loads(g.read_text(encoding="utf-8"))) for _, g in pairs]
        n_per = sum(len(g["persons"]) for g in gold)
        n_org = sum(len(g["organizations"]) for g in gold)
        print(f"\n{name}: {len(pairs)} articles, {n_per} gold persons, {n_org} gold organizations")
        print(f"  {'system':12} {'persons P/R/F1':>20} {'organizations P/R/F1':>24}")
        for system, data in predictions.items():
            pred = [data.get(name, {}).get(str(a), {}) for a, _ in pairs]
            s = _scores(gold, pred)
            cells = [
                "{precision:.2f} {recall:.2f} {f1:.2f}".format(**s[field])
                for field in ("persons", "organizations")
            ]
            print(f"  {system:12} {cells[0]:>20} {cells[1]:>24}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, help="directory of the seeds' gold NAME.json")
    parser.add_argument("--articles", type=Path, help="directory of the seeds' NAME.txt")
    parser.add_argument("--system", choices=SYSTEMS, help="predict with this system")
    parser.add_argument("--out", type=Path, help="where --system writes its predictions")
    parser.add_argument("--compare", type=Path, nargs="+", help="prediction files to score")
    args = parser.parse_args(argv)
    if (args.system is None) == (args.compare is None):
        parser.error("give either --system (with --out) or --compare")
    if args.system and args.out is None:
        parser.error("--system needs --out")
    _project()
    sets = _sets(args.gold, args.articles)
    if args.system:
        data = {"system": args.system, "sets": predict(args.system, sets)}
        args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"{args.system}: {sum(map(len, sets.values()))} articles -> {args.out}")
        return 0
    predictions = {}
    for path in args.compare:
        data = json.loads(path.read_text(encoding="utf-8"))
        predictions[data["system"]] = data["sets"]
    compare(sets, predictions)
    return 0


if __name__ == "__main__":
    sys.exit(main())
