"""Content areas by a trained sequence model: a CRF labels each clause candidate.

The model file (``phoihop/articles/models_data/content_areas.crfsuite``) is small and committed;
``manage.py train_extractor`` rebuilds it from the corpus' train split (see ``training.py``).
Labels are ``A`` (the candidate is a content item) and ``O``.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from phoihop.articles.extraction.clauses import Candidate, candidates, features

__all__ = ["MODEL_PATH", "areas_from_labels", "predict_areas", "tagger"]

MODEL_PATH = Path(__file__).resolve().parent.parent / "models_data" / "content_areas.crfsuite"
ITEM = "A"
_MIN_WORDS = 3
_LOCK = threading.Lock()


@lru_cache(maxsize=4)
def tagger(path: str | None = None) -> pycrfsuite.Tagger | None:
    """The model's tagger, opened once; ``None`` when there is no model file."""
    model = Path(path) if path else MODEL_PATH
    if not model.is_file():
        return None
    loaded = pycrfsuite.Tagger()
    loaded.open(str(model))
    return loaded


def areas_from_labels(cands: list[Candidate], labels: list[str]) -> list[str]:
    items: list[str] = []
    seen: set[str] = set()
    for candidate, label in zip(cands, labels, strict=True):
        if label != ITEM or len(candidate.item.split()) < _MIN_WORDS:
            continue
        key = candidate.item.casefold()
        if key not in seen:
            seen.add(key)
            items.append(candidate.item)
    return items


def predict_areas(body: list[str], kind: str, *, model: str | None = None) -> list[str]:
    """The content items the model finds in the article body; [] without a model."""
    loaded = tagger(model)
    cands = candidates(body)
    if loaded is None or not cands:
        return []
    with _LOCK:  # a crfsuite tagger holds its state between set() and tag()
        labels = loaded.tag(features(cands, kind))
    return areas_from_labels(cands, labels)
