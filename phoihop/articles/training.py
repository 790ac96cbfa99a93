"""Train and score the content-area model on the corpus (``manage.py train_extractor``).

Training is deterministic: the articles are read in ID order, the features come out in a fixed
order, and crfsuite's L-BFGS has no random start. The same corpus therefore gives the same model
and the same scores.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from phoihop.articles.corpus import CorpusArticle
from phoihop.articles.extraction.article import extract_lines
from phoihop.articles.extraction.clauses import Candidate, candidates, features
from phoihop.articles.extraction.layout import build_article
from phoihop.articles.extraction.normalize import clean_lines, parse_html
from phoihop.articles.extraction.scoring import item_cover, same_item, score_pairs
from phoihop.core.legacy import decode_bytes

__all__ = [
    "PARAMS",
    "Sequence",
    "corpus_lines",
    "evaluate",
    "extract_corpus_article",
    "sequences",
    "train",
]

# Chosen on the dev split (docs/extraction.md): L2 only, lightly regularised.
PARAMS = {
    "c1": 0.0,
    "c2": 0.1,
    "max_iterations": 150,
    "feature.possible_transitions": True,
}


@dataclass
class Sequence:
    article_id: str
    cands: list[Candidate]
    feats: list[dict[str, float]]
    labels: list[str]
    gold_items: list[str]


def corpus_lines(article: CorpusArticle) -> tuple[list[str], dt.date | None]:
    data = article.raw()
    if article.text_path.suffix.lower() in (".html", ".htm"):
        page = parse_html(data)
        return clean_lines(page.text), page.published
    return clean_lines(decode_bytes(data)), None


def extract_corpus_article(
    article: CorpusArticle, *, areas: str | None = None, model: str | None = None
) -> dict:
    lines, published = corpus_lines(article)
    options = {"areas": areas} if areas else {}
    return extract_lines(lines, published=published, model=model, **options)


def align(cands: list[Candidate], gold_items: list[str]) -> list[str]:
    """Label the candidate that best holds each gold item ``A`` (one candidate per item)."""
    labels = ["O"] * len(cands)
    for item in gold_items:
        best, best_key = None, None
        for index, candidate in enumerate(cands):
            if labels[index] == "A" or not same_item(item, candidate.item):
                continue
            key = (item_cover(item, candidate.item), -len(candidate.item.split()))
            if best_key is None or key > best_key:
                best, best_key = index, key
        if best is not None:
            labels[best] = "A"
    return labels


def sequences(articles: Iterable[CorpusArticle]) -> list[Sequence]:
    out: list[Sequence] = []
    for article in articles:
        lines, published = corpus_lines(article)
        kind = extract_lines(lines, published=published, areas="rules")["event_kind"]
        cands = candidates(build_article(lines).body)
        gold_items = article.gold().get("content_areas") or []
        out.append(
            Sequence(article.id, cands, features(cands, kind), align(cands, gold_items), gold_items)
        )
    return out


def train(articles: list[CorpusArticle], path: Path, params: dict | None = None) -> dict:
    """Write a model trained on ``articles`` to ``path``; returns what was trained on."""
    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params({**PARAMS, **(params or {})})
    data = sequences(articles)
    for sequence in data:
        if sequence.cands:
            trainer.append(sequence.feats, sequence.labels)
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    reachable = sum(s.labels.count("A") for s in data)
    wanted = sum(len(s.gold_items) for s in data)
    return {
        "articles": [a.id for a in articles],
        "items": wanted,
        "items_on_a_candidate": reachable,
        "seconds": round(time.perf_counter() - started, 2),
    }


def evaluate(
    articles: list[CorpusArticle], *, areas: str | None = None, model: str | None = None
) -> dict[str, dict[str, float]]:
    """Per-field P/R/F1 and macro-F1 of the whole extractor on these articles."""
    pairs = [(a.gold(), extract_corpus_article(a, areas=areas, model=model)) for a in articles]
    return score_pairs(pairs)


def metadata(path: Path, info: dict, scores: dict[str, dict]) -> None:
    """The JSON beside the model: what it was trained on, and its content-area scores."""
    record = {
        **{key: value for key, value in info.items() if key != "seconds"},  # stable file
        "params": PARAMS,
        "content_areas_f1": {
            split: round(result["content_areas"]["f1"], 4) for split, result in scores.items()
        },
    }
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
