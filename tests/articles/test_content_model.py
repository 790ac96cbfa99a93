"""Clause candidates, the content-area CRF, and training it reproducibly."""

import json
import shutil
from pathlib import Path

import pytest

from phoihop.articles import training
from phoihop.articles.corpus import CorpusArticle, load_corpus
from phoihop.articles.extraction import extract_article
from phoihop.articles.extraction.areas import MODEL_PATH, predict_areas
from phoihop.articles.extraction.clauses import candidates, clean_item

pytestmark = [pytest.mark.unit]

FIXTURES = Path(__file__).parent / "fixtures"


def _pieces(text):
    return [(c.kind, c.item) for c in candidates([text])]


def test_candidates_split_semicolons_and_a_colon():
    text = (
        "Hai bên thống nhất các nội dung: tuyên truyền pháp luật cho nữ công nhân; "
        "thăm, tặng quà đoàn viên khó khăn; tổ chức hội thi nấu ăn."
    )

    assert _pieces(text) == [
        ("sentence", "Hai bên thống nhất các nội dung"),
        ("colon", "tuyên truyền pháp luật cho nữ công nhân"),
        ("semicolon", "thăm, tặng quà đoàn viên khó khăn"),
        ("semicolon", "tổ chức hội thi nấu ăn"),
    ]


def test_candidates_split_numbered_runs_and_commas_before_an_action_verb():
    runs = "Chương trình gồm (1) tuyên truyền chính sách; (2) vận động hội viên tham gia."
    prose = "Hai bên phối hợp tuyên truyền pháp luật, tổ chức hội thi, vận động phụ nữ."

    assert [kind for kind, _ in _pieces(runs)] == ["sentence", "number", "number"]
    assert _pieces(prose) == [
        ("sentence", "Hai bên phối hợp tuyên truyền pháp luật"),
        ("comma", "tổ chức hội thi"),
        ("comma", "vận động phụ nữ"),
    ]


def test_candidates_keep_bullet_lines_apart():
    body = ["Nội dung phối hợp gồm:", "- Tuyên truyền pháp luật;", "2. Tổ chức hội thi nấu ăn."]

    assert [(c.kind, c.item, c.paragraph) for c in candidates(body)] == [
        ("sentence", "Nội dung phối hợp gồm", 0),
        ("bullet", "Tuyên truyền pháp luật", 1),
        ("bullet", "Tổ chức hội thi nấu ăn", 2),
    ]


@pytest.mark.parametrize(
    ("raw", "item"),
    [
        ("Theo đó, phối hợp tuyên truyền", "phối hợp tuyên truyền"),
        ("và tổ chức hội thi…", "tổ chức hội thi"),
        ("(3) vận động hội viên.", "vận động hội viên"),
    ],
)
def test_clean_item_drops_enumerators_and_lead_ins(raw, item):
    assert clean_item(raw) == item


def test_align_labels_the_candidate_that_holds_each_gold_item():
    cands = candidates(["Hai bên phối hợp tuyên truyền pháp luật, tổ chức hội thi nấu ăn."])

    labels = training.align(cands, ["tổ chức hội thi nấu ăn"])

    assert labels == ["O", "A"]


def _fixture_corpus(tmp_path: Path) -> list[CorpusArticle]:
    articles = []
    for text in sorted(FIXTURES.glob("*.txt")):
        articles.append(
            CorpusArticle(
                id=text.stem, text_path=text, gold_path=text.with_suffix(".json"), split="train"
            )
        )
    return articles


def test_training_is_deterministic_and_learns_the_training_items(tmp_path):
    articles = _fixture_corpus(tmp_path)
    first, second = tmp_path / "one.crfsuite", tmp_path / "two.crfsuite"

    info = training.train(articles, first)
    training.train(articles, second)

    assert first.read_bytes() == second.read_bytes()
    assert info["articles"] == [a.id for a in articles]
    scores = training.evaluate(articles, areas="model", model=str(first))
    assert scores["content_areas"]["f1"] >= 0.6


def test_predict_areas_without_a_model_file_finds_nothing(tmp_path):
    body = ["Hai bên thống nhất phối hợp tuyên truyền pháp luật; tổ chức hội thi nấu ăn."]

    assert predict_areas(body, "signing", model=str(tmp_path / "missing.crfsuite")) == []


def test_the_committed_model_is_small_and_records_its_training():
    record = json.loads(MODEL_PATH.with_suffix(".json").read_text(encoding="utf-8"))

    assert MODEL_PATH.stat().st_size < 200_000
    assert record["params"] == training.PARAMS
    assert set(record["content_areas_f1"]) >= {"train"}


def test_retraining_gives_the_committed_models_scores(tmp_path):
    """After the corpus changes, run ``manage.py train_extractor`` and commit its model."""
    corpus = load_corpus()
    train = [a for a in corpus if a.split == "train"]
    if not train:
        pytest.skip("no corpus in this checkout (tests/articles/corpus or PHOIHOP_CORPUS_DIRS)")
    record = json.loads(MODEL_PATH.with_suffix(".json").read_text(encoding="utf-8"))
    retrained = tmp_path / "retrained.crfsuite"
    shutil.copy(MODEL_PATH, tmp_path / "committed.crfsuite")

    training.train(train, retrained)

    assert record["articles"] == [a.id for a in train], "the corpus changed: retrain the model"
    for split, wanted in record["content_areas_f1"].items():
        articles = [a for a in corpus if a.split == split]
        new = training.evaluate(articles, model=str(retrained))["content_areas"]["f1"]
        old = training.evaluate(articles, model=str(tmp_path / "committed.crfsuite"))
        assert (split, round(new, 4)) == (split, wanted)
        assert (split, round(old["content_areas"]["f1"], 4)) == (split, wanted)


def test_candidates_of_a_text_without_full_stops_keep_only_nearby_context():
    text = ", ".join(f"tổ chức hội thi số {i} cho đoàn viên" for i in range(500))

    cands = candidates([text])

    assert len(cands) == 500
    assert max(len(c.before) for c in cands) <= 400


def test_a_long_unannounced_list_is_left_empty():
    body = [
        "Trong 6 tháng đầu năm, Hội LHPN tỉnh đã "
        + "; ".join(f"tổ chức hội thi số {i} cho hội viên phụ nữ" for i in range(20))
        + "."
    ]

    assert len(predict_areas(body, "interim_review")) > 12
    assert extract_article("\n".join(body))["content_areas"] == []
