"""Vietnamese text helpers: NFC, accent folding for search, CLDR ``vi`` sort order."""

import unicodedata

import pytest

from phoihop.core.text import fold, nfc, search_tokens, vi_sort_key, vi_sorted

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_fold_province_union_short_name():
    result = fold("LĐLĐ tỉnh Tiền Giang")

    assert result == "ldld tinh tien giang"


def test_fold_maps_d_with_stroke_both_cases():
    result = fold("Đặng đình ĐỨC")

    assert result == "dang dinh duc"


def test_fold_nfd_input_equals_nfc_input():
    text = "Hội Liên hiệp Phụ nữ tỉnh Bắc Ninh"
    decomposed = unicodedata.normalize("NFD", text)

    result = fold(decomposed)

    assert decomposed != text
    assert result == fold(text)


def test_fold_old_and_new_tone_placement_fold_alike():
    result = {fold("Hoà Bình"), fold("Hòa Bình"), fold("HOÀ BÌNH")}

    assert result == {"hoa binh"}


def test_fold_turns_punctuation_and_underscores_into_single_spaces():
    result = fold("  Hội LHPN (tỉnh) – Số: 23/KH-LĐLĐ; a_b  ")

    assert result == "hoi lhpn tinh so 23 kh ldld a b"


@pytest.mark.parametrize("empty", [None, ""])
def test_fold_empty_input_gives_empty_string(empty):
    result = fold(empty)

    assert result == ""


def test_search_tokens_splits_folded_words():
    result = search_tokens("  LĐLĐ   Tiền Giang, ")

    assert result == ["ldld", "tien", "giang"]


@pytest.mark.parametrize("query", [None, "", "   ", " - ; "])
def test_search_tokens_blank_query_gives_no_tokens(query):
    result = search_tokens(query)

    assert result == []


def test_nfc_composes_and_collapses_whitespace():
    decomposed = unicodedata.normalize("NFD", "  Liên đoàn \n Lao động\t tỉnh  ")

    result = nfc(decomposed)

    assert result == "Liên đoàn Lao động tỉnh"
    assert unicodedata.is_normalized("NFC", result) is True


def test_nfc_keeps_the_users_tone_placement():
    result = nfc("Hoà")

    assert result == "Hoà"
    assert result != nfc("Hòa")


@pytest.mark.parametrize("empty", [None, ""])
def test_nfc_empty_input_gives_empty_string(empty):
    result = nfc(empty)

    assert result == ""


CLDR_VI_ORDER = [
    "Anh",
    "Ảnh",
    "Ánh",
    "Anh Thư",
    "Ăn",
    "Ân",
    "Ẩn",
    "Ấn",
    "Bình",
    "Dương",
    "Đặng",
    "Hoà",
    "Hòa",
    "Ô",
    "Ơ",
    "Uy",
    "Ưu",
    "Yến",
]


def test_vi_sorted_follows_cldr_vi_order():
    shuffled = list(reversed(CLDR_VI_ORDER))

    result = vi_sorted(shuffled)

    assert result == CLDR_VI_ORDER


def test_vi_sorted_tones_none_huyen_hoi_nga_sac_nang():
    words = ["mạ", "má", "mã", "mả", "mà", "ma"]

    result = vi_sorted(words)

    assert result == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_vi_sorted_letter_before_tone():
    # "ă" is a letter after every "a" with any tone: primary beats secondary.
    words = ["ăn", "ạnh", "an"]

    result = vi_sorted(words)

    assert result == ["an", "ạnh", "ăn"]


def test_vi_sorted_primary_order_ignores_case():
    words = ["bình", "ĐẶNG", "Anh", "dương", "ăn"]

    result = vi_sorted(words)

    assert result == ["Anh", "ăn", "bình", "dương", "ĐẶNG"]


def test_vi_sorted_nfd_input_sorts_like_nfc():
    words = ["Đặng", unicodedata.normalize("NFD", "Ấn"), "Bình"]

    result = vi_sorted(words)

    assert result == [words[1], "Bình", "Đặng"]


def test_vi_sorted_digits_before_letters():
    words = ["Công đoàn B", "Công đoàn 2", "Công đoàn A", "Công đoàn 10"]

    result = vi_sorted(words)

    assert result == ["Công đoàn 10", "Công đoàn 2", "Công đoàn A", "Công đoàn B"]


def test_vi_sorted_uses_key_function():
    rows = [{"name": "Đặng"}, {"name": "Dương"}]

    result = vi_sorted(rows, key=lambda row: row["name"])

    assert result == [{"name": "Dương"}, {"name": "Đặng"}]


def test_vi_sort_key_is_digits_only():
    result = vi_sort_key("Liên đoàn Lao động tỉnh Tiền Giang (cũ)")

    assert result.isdigit() is True


def test_vi_sort_key_same_for_nfd_and_nfc():
    text = "Hội Liên hiệp Phụ nữ Việt Nam"

    result = vi_sort_key(unicodedata.normalize("NFD", text))

    assert result == vi_sort_key(text)


def test_vi_sorted_foreign_letters_in_latin_position():
    words = ["Zung", "Yến", "Xuân", "Walter", "Khánh", "Jenny", "Hà", "Giang", "Fanny", "Ê-đê"]

    result = vi_sorted(words)

    assert result == [
        "Ê-đê",
        "Fanny",
        "Giang",
        "Hà",
        "Jenny",
        "Khánh",
        "Walter",
        "Xuân",
        "Yến",
        "Zung",
    ]


def test_vi_sort_key_case_breaks_ties_lower_first():
    lower, upper = vi_sort_key("anh"), vi_sort_key("Anh")

    result = lower < upper

    assert result is True
