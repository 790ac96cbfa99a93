"""End to end: the articles under ``articles/`` with their hand-written expected JSON."""

import io
import json
from pathlib import Path

import pytest
from docx import Document

from phoihop.articles.extraction import (
    extract_article,
    extract_article_docx,
    extract_article_html,
)
from phoihop.articles.extraction.article import extract_file
from phoihop.articles.extraction.scoring import FIELDS, score_pairs
from phoihop.core.legacy import decode_bytes

pytestmark = [pytest.mark.unit]

ARTICLES = Path(__file__).parent / "fixtures"
SCHEMA_KEYS = {
    "event_kind",
    "event_date",
    "publication_date",
    "parties",
    "phase",
    "previous_phase",
    "signatories",
    "attendees",
    "content_areas",
    "legal_references",
    "locations",
    "key_numbers",
}


def _article_files() -> list[Path]:
    return sorted(p for p in ARTICLES.iterdir() if p.suffix in (".txt", ".html"))


def _expected(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def test_every_test_article_has_an_expected_answer():
    assert len(_article_files()) >= 12
    assert {p.stem for p in _article_files()} == {p.stem for p in ARTICLES.glob("*.json")}


@pytest.mark.parametrize("path", _article_files(), ids=lambda p: p.stem)
def test_extract_file_returns_every_schema_key(path):
    assert set(extract_file(path)) >= SCHEMA_KEYS


def test_extraction_scores_the_test_articles_end_to_end():
    pairs = [(_expected(path), extract_file(path)) for path in _article_files()]

    scores = score_pairs(pairs)

    assert scores["macro_f1"]["f1"] >= 0.95
    assert {field for field in FIELDS if scores[field]["f1"] < 0.85} == set()


@pytest.mark.parametrize("path", _article_files(), ids=lambda p: p.stem)
def test_extraction_gets_the_scalar_fields_of_each_article(path):
    expected, result = _expected(path), extract_file(path)

    fields = ("event_kind", "event_date", "publication_date", "phase", "previous_phase")
    assert {f: result[f] for f in fields} == {f: expected[f] for f in fields}


def test_extract_article_gives_the_full_record_of_a_signing():
    text = decode_bytes((ARTICLES / "ky_ket_ldld_lhpn_hue.txt").read_bytes())

    result = extract_article(text, source_name="hue.txt")

    assert result["parties"] == [
        "Liên đoàn Lao động thành phố Huế",
        "Hội Liên hiệp Phụ nữ thành phố Huế",
    ]
    assert result["signatories"] == [
        {"name": "Hồ Thị Minh Hải", "title": "Chủ tịch LĐLĐ thành phố"},
        {"name": "Nguyễn Thị Bích Ngọc", "title": "Chủ tịch Hội LHPN thành phố"},
    ]
    assert result["attendees"] == [
        {"name": "Trần Song", "title": "Phó Bí thư Thường trực Thành ủy Huế"}
    ]
    assert result["legal_references"] == [
        {
            "type": "Chương trình phối hợp",
            "number": "01/CTrPH-LĐLĐ-HLHPN",
            "date": None,
            "issuer": None,
        },
        {
            "type": "Chỉ thị",
            "number": "21-CT/TW",
            "date": "2018-01-20",
            "issuer": "Ban Bí thư Trung ương Đảng",
        },
        {
            "type": "Nghị quyết",
            "number": "02-NQ/TW",
            "date": "2021-06-12",
            "issuer": "Bộ Chính trị",
        },
    ]
    assert (result["content_area_count_stated"], len(result["content_areas"])) == (6, 6)
    assert result["source_name"] == "hue.txt"


def test_extract_article_reports_the_next_phase_of_a_final_review():
    text = (ARTICLES / "tong_ket_tinh_doan_ldld_binh_duong.txt").read_text(encoding="utf-8")

    result = extract_article(text)

    assert (result["phase"], result["next_phase"]) == (
        {"start": 2019, "end": 2024},
        {"start": 2025, "end": 2030},
    )


def test_extract_article_html_uses_the_page_metadata_date_not_the_top_bar():
    markup = (ARTICLES / "ky_ket_ccb_agribank_lam_dong.html").read_bytes()

    result = extract_article_html(markup)

    assert (result["publication_date"], result["event_date"]) == ("2024-05-08", "2024-05-07")


def test_extract_article_docx_reads_a_word_document():
    document = Document()
    for line in (ARTICLES / "ky_ket_ba_ben_krong_pac.txt").read_text(encoding="utf-8").split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)

    result = extract_article_docx(buffer.getvalue(), source_name="krong_pac.docx")

    assert result["parties"] == [
        "Liên đoàn Lao động huyện Krông Pắc",
        "Hội Liên hiệp Phụ nữ huyện Krông Pắc",
        "Hội Nông dân huyện Krông Pắc",
    ]
    assert [person["name"] for person in result["signatories"]] == [
        "Y Khoa Niê",
        "Lê Thị Thu Hiền",
        "Trần Đình Quang",
    ]


def test_extract_article_of_empty_text_keeps_every_key():
    result = extract_article("")

    assert {key: result[key] for key in SCHEMA_KEYS} == {
        "event_kind": "other",
        "event_date": None,
        "publication_date": None,
        "parties": [],
        "phase": None,
        "previous_phase": None,
        "signatories": [],
        "attendees": [],
        "content_areas": [],
        "legal_references": [],
        "locations": [],
        "key_numbers": [],
    }


def test_score_pairs_counts_hits_misses_and_false_alarms():
    gold = {"event_kind": "signing", "parties": ["LĐLĐ tỉnh Hà Nam", "Hội LHPN tỉnh Hà Nam"]}
    pred = {"event_kind": "plan", "parties": ["Liên đoàn Lao động tỉnh Hà Nam"], "phase": None}

    scores = score_pairs([(gold, pred)])

    assert (scores["event_kind"]["f1"], scores["parties"]["precision"]) == (0.0, 1.0)
    assert scores["parties"]["recall"] == 0.5
