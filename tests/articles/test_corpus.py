"""The corpus loader and its fixed split: by a hash of the seed and the article ID."""

import json
from collections import Counter

import pytest

from phoihop.articles import corpus
from phoihop.articles.corpus import load_corpus, split_of

pytestmark = [pytest.mark.unit]


def _write(root, article_id, *, gold=True, text="Bài viết.", index_row=True):
    (root / "texts").mkdir(parents=True, exist_ok=True)
    (root / "gold").mkdir(parents=True, exist_ok=True)
    (root / "texts" / f"{article_id}.txt").write_text(text, encoding="utf-8")
    if gold:
        (root / "gold" / f"{article_id}.json").write_text(
            json.dumps({"event_kind": "signing"}), encoding="utf-8"
        )
    if index_row:
        index = root / "index-a.tsv"
        if not index.exists():
            index.write_text("id\tfile\turl\ttitle\tkind\tlength\torg_types\tnote\n")
        with index.open("a", encoding="utf-8") as handle:
            handle.write(
                f"{article_id}\ttexts/{article_id}.txt\thttps://x.vn/{article_id}\tT\tsigning\t9\t\t\n"
            )


def test_split_of_is_stable_and_ignores_surrounding_spaces():
    assert split_of("a001") == split_of(" a001 ") == split_of("a001")


def test_split_of_gives_sixty_twenty_twenty():
    counts = Counter(split_of(f"x{i:04d}") for i in range(3000))

    shares = {split: round(counts[split] / 3000, 2) for split in corpus.SPLITS}
    assert abs(shares["train"] - 0.60) <= 0.03
    assert abs(shares["dev"] - 0.20) <= 0.03
    assert abs(shares["test"] - 0.20) <= 0.03


def test_split_of_depends_on_the_seed(monkeypatch):
    before = [split_of(f"a{i:03d}") for i in range(200)]

    monkeypatch.setattr(corpus, "SEED", "another seed")

    assert [split_of(f"a{i:03d}") for i in range(200)] != before


def test_load_corpus_takes_articles_with_text_and_gold_in_id_order(tmp_path):
    _write(tmp_path, "b002")
    _write(tmp_path, "a001")
    _write(tmp_path, "a003", gold=False)

    found = load_corpus([tmp_path])

    assert [(a.id, a.split, a.url) for a in found] == [
        ("a001", split_of("a001"), "https://x.vn/a001"),
        ("b002", split_of("b002"), "https://x.vn/b002"),
    ]
    assert found[0].gold() == {"event_kind": "signing"}


def test_load_corpus_reads_an_article_missing_from_the_index(tmp_path):
    _write(tmp_path, "a001", index_row=False)

    (article,) = load_corpus([tmp_path])

    assert (article.id, article.text_path.name, article.url) == ("a001", "a001.txt", "")


def test_load_corpus_filters_by_split(tmp_path):
    for i in range(30):
        _write(tmp_path, f"a{i:03d}")

    dev = load_corpus([tmp_path], splits=["dev"])

    assert dev != []
    assert {a.split for a in dev} == {"dev"}


def test_corpus_dirs_come_from_the_environment(tmp_path, monkeypatch):
    first, second = tmp_path / "one", tmp_path / "two"
    _write(first, "a001")
    _write(second, "b001")
    monkeypatch.setenv("PHOIHOP_CORPUS_DIRS", f"{first}:{second}")

    assert corpus.corpus_dirs() == [first, second]
    assert [a.id for a in load_corpus()] == ["a001", "b001"]


def test_corpus_dirs_default_to_the_checkout(monkeypatch):
    monkeypatch.delenv("PHOIHOP_CORPUS_DIRS", raising=False)

    assert corpus.corpus_dirs() == [corpus.ROOT / "tests" / "articles" / "corpus"]


def test_load_corpus_leaves_out_a_gold_file_that_is_not_json(tmp_path):
    _write(tmp_path, "a001")
    _write(tmp_path, "a002")
    (tmp_path / "gold" / "a002.json").write_text("", encoding="utf-8")

    assert [a.id for a in load_corpus([tmp_path])] == ["a001"]
