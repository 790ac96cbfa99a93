"""Searching the registry: accents, capitals and number punctuation do not matter."""

import datetime as dt

import pytest

from phoihop.accounts.permissions import SYSTEM
from phoihop.documents import selectors, services
from phoihop.documents.enums import DocType

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def registry():
    """Documents whose numbers and words overlap, so a loose search would leak."""
    rows = [
        (DocType.CHI_THI, "21-CT/TW", "Ban Bí thư", dt.date(2018, 1, 20), "công tác phụ nữ"),
        (DocType.NGHI_QUYET, "57/NQ-CP", "Chính phủ", dt.date(2009, 12, 1), "chương trình"),
        (DocType.NGHI_QUYET, "157/NQ-CP", "Chính phủ", dt.date(2011, 3, 2), "đất đai"),
        (DocType.NGHI_QUYET, "11-NQ/TW", "Bộ Chính trị", dt.date(2007, 4, 27), "công tác phụ nữ"),
        (DocType.QUYET_DINH, "933/QĐ-TLĐ", "Đoàn Chủ tịch Tổng LĐLĐ", dt.date(2024, 5, 14), ""),
        (DocType.DE_AN, "938", "Thủ tướng Chính phủ", None, "hỗ trợ Hội LHPN"),
    ]
    return {
        number: services.document_create(
            actor=SYSTEM,
            doc_type=doc_type,
            number=number,
            issuer=issuer,
            issued_on=issued_on,
            summary=summary,
        )
        for doc_type, number, issuer, issued_on, summary in rows
    }


def numbers(queryset) -> list[str]:
    return [document.number for document in queryset]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("57/nq-cp", ["57/NQ-CP"]),
        ("57 NQ CP", ["57/NQ-CP"]),
        ("21 CT TW", ["21-CT/TW"]),
        ("21-ct/tw", ["21-CT/TW"]),
        ("21CT/TW", ["21-CT/TW"]),
        ("933/qd-tld", ["933/QĐ-TLĐ"]),
        ("933/QĐ-TLĐ", ["933/QĐ-TLĐ"]),
        ("938", ["938"]),
    ],
)
def test_numbers_are_found_however_they_are_typed(registry, query, expected):
    assert numbers(selectors.documents_search(query)) == expected


def test_every_word_must_match_without_accents(registry):
    results = {
        query: numbers(selectors.documents_search(query))
        for query in ["cong tac phu nu", "CÔNG TÁC PHỤ NỮ bi thu", "chinh phu", "hoi lhpn", "xyz"]
    }

    assert results == {
        "cong tac phu nu": ["21-CT/TW", "11-NQ/TW"],
        "CÔNG TÁC PHỤ NỮ bi thu": ["21-CT/TW"],
        # words, not a phrase: "Bộ Chính trị … phụ nữ" has both
        "chinh phu": ["157/NQ-CP", "57/NQ-CP", "11-NQ/TW", "938"],
        "hoi lhpn": ["938"],
        "xyz": [],
    }


def test_the_type_is_searchable_and_filterable(registry):
    by_word = numbers(selectors.documents_search("nghi quyet"))
    by_filter = numbers(selectors.documents_search("phu nu", doc_type=DocType.NGHI_QUYET))

    assert by_word == ["157/NQ-CP", "57/NQ-CP", "11-NQ/TW"]
    assert by_filter == ["11-NQ/TW"]


def test_an_empty_query_lists_everything_newest_first(registry):
    assert numbers(selectors.documents_search("  ")) == [
        "933/QĐ-TLĐ",
        "21-CT/TW",
        "157/NQ-CP",
        "57/NQ-CP",
        "11-NQ/TW",
        "938",
    ]


def test_document_get(registry):
    document = registry["938"]

    assert (selectors.document_get(document.pk), selectors.document_get(10**9)) == (document, None)
