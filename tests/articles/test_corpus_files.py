"""Integrity of the real-article corpus (tests/articles/corpus): texts, gold files, indexes.

Every gold file must follow ../shared/seeds/gold/SCHEMA.md (all keys present, right types,
normalized dates and phases), every text must be NFC and listed in an index with its source
URL, and no URL may appear twice (held-out sets are drawn by excluding the indexed URLs).
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"
KINDS = {"signing", "interim_review", "final_review", "plan", "other"}
LIST_KEYS = (
    "parties",
    "signatories",
    "attendees",
    "content_areas",
    "legal_references",
    "locations",
    "key_numbers",
)
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
INDEX_COLUMNS = ["id", "file", "url", "title", "kind", "length", "org_types", "note"]


def _index_rows() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for index in sorted(CORPUS.glob("index-*.tsv")):
        with index.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t")
            assert reader.fieldnames == INDEX_COLUMNS, index.name
            rows.extend(reader)
    return rows


def _gold_files() -> list[Path]:
    return sorted((CORPUS / "gold").glob("*.json"))


def _check_phase(value: object) -> None:
    if value is None:
        return
    assert isinstance(value, dict)
    assert set(value) == {"start", "end"}
    assert isinstance(value["start"], int)
    assert isinstance(value["end"], int)
    assert 1990 <= value["start"] <= value["end"] <= 2100


@pytest.mark.parametrize("gold_file", _gold_files(), ids=lambda p: p.stem)
def test_gold_file_follows_schema(gold_file: Path) -> None:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    text = (CORPUS / "texts" / f"{gold_file.stem}.txt").read_text(encoding="utf-8")
    assert gold["event_kind"] in KINDS
    for key in ("event_date", "publication_date"):
        assert gold[key] is None or DATE.match(gold[key]), key
    _check_phase(gold["phase"])
    _check_phase(gold["previous_phase"])
    for key in LIST_KEYS:
        assert isinstance(gold[key], list), key
    for key in ("parties", "content_areas", "locations"):
        assert all(isinstance(item, str) and item.strip() for item in gold[key]), key
    folded_text = " ".join(text.split())
    for key in ("signatories", "attendees"):
        for person in gold[key]:
            assert set(person) == {"name", "title"}
            assert " ".join(person["name"].split()) in folded_text, person["name"]
    for ref in gold["legal_references"]:
        assert set(ref) == {"type", "number", "date", "issuer"}
        assert ref["date"] is None or DATE.match(ref["date"])
    for number in gold["key_numbers"]:
        assert set(number) == {"value", "what"}
        assert isinstance(number["value"], str)
    assert json.dumps(gold, ensure_ascii=False) == unicodedata.normalize(
        "NFC", json.dumps(gold, ensure_ascii=False)
    )


def test_every_text_has_gold_and_an_index_row_and_urls_are_unique() -> None:
    rows = _index_rows()
    texts = sorted((CORPUS / "texts").glob("*.txt"))
    assert {row["id"] for row in rows} == {path.stem for path in texts}
    assert {path.stem for path in _gold_files()} == {path.stem for path in texts}
    urls = [row["url"] for row in rows]
    assert all(url.startswith("http") for url in urls)
    assert len(urls) == len(set(urls)), "a source URL is indexed twice"
    for row in rows:
        text = (CORPUS / row["file"]).read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text, row["id"]
        assert int(row["length"]) == len(text), row["id"]
        gold = json.loads((CORPUS / "gold" / f"{row['id']}.json").read_text(encoding="utf-8"))
        assert row["kind"] == gold["event_kind"], row["id"]
