import datetime as dt

import pytest

from phoihop.documents.citations import (
    PARTY_TYPE_CODES,
    STATE_TYPE_CODES,
    Citation,
    CitationError,
    ParsedNumber,
    find_citations,
    parse_date,
    parse_number,
)

pytestmark = [pytest.mark.unit]


# --------------------------------------------------------------------------- parse_number


def test_parse_number_reads_state_style():
    assert parse_number("57/NQ-CP") == ParsedNumber(
        number="57/NQ-CP",
        serial="57",
        style="state",
        year=None,
        type_code="NQ",
        issuer_code="CP",
        doc_type="Nghị quyết",
    )


def test_parse_number_reads_party_style():
    assert parse_number("21-CT/TW") == ParsedNumber(
        number="21-CT/TW",
        serial="21",
        style="party",
        year=None,
        type_code="CT",
        issuer_code="TW",
        doc_type="Chỉ thị",
    )


def test_parse_number_reads_legal_normative_style_with_year():
    assert parse_number("30/2020/NĐ-CP") == ParsedNumber(
        number="30/2020/NĐ-CP",
        serial="30",
        style="qppl",
        year=2020,
        type_code="NĐ",
        issuer_code="CP",
        doc_type="Nghị định",
    )


def test_parse_number_reads_a_law_of_the_national_assembly():
    parsed = parse_number("97/2025/QH15")

    assert (parsed.style, parsed.year, parsed.type_code, parsed.issuer_code) == (
        "qppl",
        2025,
        None,
        "QH15",
    )


def test_parse_number_keeps_a_letter_suffix_in_the_serial():
    parsed = parse_number("6b/NQ-BCH")

    assert (parsed.serial, parsed.type_code, parsed.issuer_code) == ("6b", "NQ", "BCH")


def test_parse_number_removes_stray_spaces_and_the_word_so():
    assert parse_number("Số: 05/NQ- ĐCT").number == "05/NQ-ĐCT"
    assert parse_number("933/QĐ - TLĐ").number == "933/QĐ-TLĐ"


def test_parse_number_reads_a_joint_program_symbol():
    parsed = parse_number("01/CTrPH-LĐLĐ-HLHPN")

    assert (parsed.type_code, parsed.issuer_code, parsed.doc_type) == (
        "CTr",
        "LĐLĐ-HLHPN",
        "Chương trình",
    )


def test_parse_number_reads_a_cong_van_as_issuer_and_unit():
    parsed = parse_number("4173/TLĐ-ToC")

    assert (parsed.type_code, parsed.issuer_code, parsed.doc_type) == (None, "TLĐ", "Công văn")


def test_parse_number_uses_the_party_table_for_party_numbers():
    assert parse_number("66-QĐi/TW").doc_type == "Quy định"
    assert parse_number("157-KL/TW").doc_type == "Kết luận"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "Số hiệu văn bản trống."),
        ("   ", "Số hiệu văn bản trống."),
        ("57", "Số hiệu văn bản thiếu phần ký hiệu sau dấu “/”: 57"),
        ("57/", "Số hiệu văn bản thiếu phần ký hiệu sau dấu “/”: 57/"),
        ("12/2020", "Số hiệu văn bản thiếu phần ký hiệu sau dấu “/”: 12/2020"),
        (
            "57/XYZ",
            "Ký hiệu loại văn bản “XYZ” không có trong bảng viết tắt của Nghị định "
            "30/2020/NĐ-CP: 57/XYZ",
        ),
        (
            "12-ABC/TW",
            "Ký hiệu loại văn bản “ABC” không có trong bảng viết tắt văn bản của Đảng: 12-ABC/TW",
        ),
        ("57/NQ@CP", "Số hiệu văn bản chứa ký tự không hợp lệ “@”: 57/NQ@CP"),
        ("NQ/57-CP", "Số hiệu văn bản phải bắt đầu bằng số thứ tự: NQ/57-CP"),
        ("57/NQ--CP", "Ký hiệu văn bản có nhóm rỗng giữa các dấu “-”: 57/NQ--CP"),
        ("1/2/3/NQ-CP", "Số hiệu văn bản có quá nhiều dấu “/”: 1/2/3/NQ-CP"),
    ],
)
def test_parse_number_explains_what_is_wrong(raw, message):
    with pytest.raises(CitationError) as error:
        parse_number(raw)

    assert str(error.value) == message


def test_parse_number_refuses_an_impossible_year():
    with pytest.raises(CitationError) as error:
        parse_number("30/3020/NĐ-CP")

    assert str(error.value).startswith("Năm ban hành “3020” không hợp lệ (phải từ 1930 đến ")
    assert error.value.code == "bad_year"


def test_citation_error_is_a_value_error():
    assert issubclass(CitationError, ValueError)


def test_state_and_party_tables_differ_where_the_rules_differ():
    assert (STATE_TYPE_CODES["QyĐ"], PARTY_TYPE_CODES["QĐi"]) == ("Quy định", "Quy định")
    assert (STATE_TYPE_CODES["TT"], PARTY_TYPE_CODES["TT"]) == ("Thông tư", "Thông tri")
    assert "KL" not in STATE_TYPE_CODES


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ngày 01-10-1997", dt.date(1997, 10, 1)),
        ("ngày 06/3/2017", dt.date(2017, 3, 6)),
        ("ngày 06 tháng 3 năm 2017", dt.date(2017, 3, 6)),
        ("ngày 12.7.2017", dt.date(2017, 7, 12)),
        ("ngày 31/02/2017", None),
        ("không có ngày", None),
    ],
)
def test_parse_date_reads_day_first(text, expected):
    assert parse_date(text) == expected


# --------------------------------------------------------------------------- find_citations


def test_find_citations_reads_a_government_resolution():
    text = "Nghị quyết 57/NQ-CP ngày 01/12/2009 của Chính phủ về ban hành Chương trình hành động"

    assert find_citations(text) == [
        Citation(
            doc_type="Nghị quyết",
            number="57/NQ-CP",
            style="state",
            issued_on=dt.date(2009, 12, 1),
            issuer="Chính phủ",
            year=2009,
            type_code="NQ",
            issuer_code="CP",
            span=(0, 49),
        )
    ]


def test_find_citations_reads_a_party_resolution_with_its_term():
    text = "thực hiện Nghị quyết số 11-NQ/TW ngày 27/4/2007 của Bộ Chính trị khóa X; tiếp tục"

    [citation] = find_citations(text)

    assert (citation.number, citation.issued_on, citation.issuer, citation.style) == (
        "11-NQ/TW",
        dt.date(2007, 4, 27),
        "Bộ Chính trị khóa X",
        "party",
    )
    assert text[citation.span[0] : citation.span[1]] == (
        "Nghị quyết số 11-NQ/TW ngày 27/4/2007 của Bộ Chính trị khóa X"
    )


def test_find_citations_stops_the_issuer_before_what_the_document_does():
    text = (
        "Kế hoạch số 23/KH-LĐLĐ ngày 22/4/2016 của Ban Thường vụ LĐLĐ tỉnh Lào Cai triển khai "
        "Chương trình hành động; Hướng dẫn số 10/HD-LĐLĐ ngày 21/3/2018 của Ban Thường vụ LĐLĐ "
        "tỉnh Lào Cai tuyên truyền thực hiện Chỉ thị 21-CT/TW ngày 20/01/2018 của Ban Bí thư "
        "Trung ương Đảng về tiếp tục đẩy mạnh công tác phụ nữ."
    )

    found = [(c.doc_type, c.number, c.issued_on, c.issuer) for c in find_citations(text)]

    assert found == [
        ("Kế hoạch", "23/KH-LĐLĐ", dt.date(2016, 4, 22), "Ban Thường vụ LĐLĐ tỉnh Lào Cai"),
        ("Hướng dẫn", "10/HD-LĐLĐ", dt.date(2018, 3, 21), "Ban Thường vụ LĐLĐ tỉnh Lào Cai"),
        ("Chỉ thị", "21-CT/TW", dt.date(2018, 1, 20), "Ban Bí thư Trung ương Đảng"),
    ]


def test_find_citations_reads_bare_project_numbers_and_lists_of_them():
    text = "thực hiện Đề án 938, 939 và 1553 góp phần; tham mưu ban hành Đề án số 15 về cán bộ nữ"

    found = [(c.doc_type, c.number, c.style) for c in find_citations(text)]

    assert found == [
        ("Đề án", "938", "bare"),
        ("Đề án", "939", "bare"),
        ("Đề án", "1553", "bare"),
        ("Đề án", "15", "bare"),
    ]


def test_find_citations_ignores_numbers_that_are_durations_or_years():
    text = "Kế hoạch 5 năm, Chương trình 3 nội dung, Kế hoạch 2024 và kế hoạch 12 của đơn vị"

    assert find_citations(text) == []


def test_find_citations_reads_every_number_style():
    text = (
        "Nghị định 30/2020/NĐ-CP, Luật 97/2025/QH15, Quyết định 933/QĐ-TLĐ, "
        "Nghị quyết 6b/NQ-BCH, Nghị quyết 05/NQ- ĐCT và Luật Công đoàn số 50/2024/QH15"
    )

    found = [(c.doc_type, c.number, c.style, c.year) for c in find_citations(text)]

    assert found == [
        ("Nghị định", "30/2020/NĐ-CP", "qppl", 2020),
        ("Luật", "97/2025/QH15", "qppl", 2025),
        ("Quyết định", "933/QĐ-TLĐ", "state", None),
        ("Nghị quyết", "6b/NQ-BCH", "state", None),
        ("Nghị quyết", "05/NQ-ĐCT", "state", None),
        ("Luật", "50/2024/QH15", "qppl", 2024),
    ]


def test_find_citations_reads_party_dates_with_hyphens_and_written_dates():
    text = (
        "Quyết định số 31-QĐ/TW, ngày 01-10-1997 của Bộ Chính trị và Kế hoạch số 45/KH-LĐLĐ "
        "ngày 06 tháng 3 năm 2017"
    )

    found = [(c.number, c.issued_on) for c in find_citations(text)]

    assert found == [("31-QĐ/TW", dt.date(1997, 10, 1)), ("45/KH-LĐLĐ", dt.date(2017, 3, 6))]


def test_find_citations_reads_a_date_written_after_the_issuer():
    text = "Nghị quyết số 12b/NQ-BCH của Ban Chấp hành Tổng Liên đoàn khóa XI, ngày 12/7/2017 về"

    [citation] = find_citations(text)

    assert (citation.issuer, citation.issued_on) == (
        "Ban Chấp hành Tổng Liên đoàn khóa XI",
        dt.date(2017, 7, 12),
    )


def test_find_citations_keeps_issuers_with_and_inside_their_name():
    text = "Thông tư số 10/2020/TT-BLĐTBXH của Bộ Lao động - Thương binh và Xã hội về hợp đồng"

    [citation] = find_citations(text)

    assert citation.issuer == "Bộ Lao động - Thương binh và Xã hội"


def test_find_citations_deduplicates_by_number_and_merges_details():
    text = (
        "Chỉ thị 21-CT/TW của Ban Bí thư. Sau 5 năm thực hiện Chỉ thị 21 và Chỉ thị số 21-CT/TW "
        "ngày 20/01/2018, các cấp Hội"
    )

    [citation] = find_citations(text)

    assert (citation.number, citation.issuer, citation.issued_on) == (
        "21-CT/TW",
        "Ban Bí thư",
        dt.date(2018, 1, 20),
    )


def test_find_citations_infers_the_type_of_a_number_cited_without_its_type_word():
    text = "bám sát tinh thần 02-NQ/TW và QĐ 304-QĐ/TW (10/6/2025)"

    found = [(c.doc_type, c.number, c.issued_on) for c in find_citations(text)]

    assert found == [
        ("Nghị quyết", "02-NQ/TW", None),
        ("Quyết định", "304-QĐ/TW", dt.date(2025, 6, 10)),
    ]


def test_find_citations_reads_numbers_listed_after_one_type_word():
    text = "Quyết định số 1013/QĐ-TLĐ và 1014/QĐ-TLĐ ngày 19/8/2011 của Đoàn Chủ tịch"

    assert [c.number for c in find_citations(text)] == ["1013/QĐ-TLĐ", "1014/QĐ-TLĐ"]


def test_find_citations_accepts_decomposed_input():
    text = "Chi\u0309 thi\u0323 21-CT/TW"

    assert [(c.doc_type, c.number) for c in find_citations(text)] == [("Chỉ thị", "21-CT/TW")]
