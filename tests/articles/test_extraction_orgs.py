import pytest

from phoihop.articles.extraction.orgs import (
    article_context,
    find_mentions,
    locality_names,
    resolve_mentions,
)

pytestmark = [pytest.mark.unit]


def _resolved(fragment: str, article: str) -> list[str]:
    mentions = find_mentions(fragment)
    return [m.text for m in resolve_mentions(mentions, fragment, article_context(article))]


def test_find_mentions_reads_full_and_abbreviated_names():
    text = "Liên đoàn Lao động tỉnh Bắc Ninh, LĐLĐ huyện Tiên Du và Hội LHPN thành phố Từ Sơn"

    found = [(m.key, m.level, m.name) for m in find_mentions(text)]

    assert found == [
        ("ldld", "tỉnh", "Bắc Ninh"),
        ("ldld", "huyện", "Tiên Du"),
        ("lhpn", "thành phố", "Từ Sơn"),
    ]


def test_find_mentions_drops_leadership_prefixes_and_keeps_bracketed_abbreviations():
    text = "Ban Thường vụ Hội Liên hiệp Phụ nữ (LHPN) tỉnh Gia Lai tổ chức hội nghị"

    assert [m.text for m in find_mentions(text)] == ["Hội Liên hiệp Phụ nữ (LHPN) tỉnh Gia Lai"]


def test_find_mentions_reads_qualifiers_written_in_lower_case():
    text = (
        "Công đoàn Giáo dục tỉnh Nam Định, Ngân hàng Chính sách xã hội chi nhánh tỉnh Yên Bái, "
        "Sở Lao động - Thương binh và Xã hội tỉnh Hòa Bình và Công đoàn ngành Công Thương Hà Nội"
    )

    assert [m.text for m in find_mentions(text)] == [
        "Công đoàn Giáo dục tỉnh Nam Định",
        "Ngân hàng Chính sách xã hội chi nhánh tỉnh Yên Bái",
        "Sở Lao động - Thương binh và Xã hội tỉnh Hòa Bình",
        "Công đoàn ngành Công Thương Hà Nội",
    ]


def test_find_mentions_marks_plural_mentions():
    text = "chỉ đạo các LĐLĐ huyện và Hội LHPN các cấp"

    assert [(m.text, m.plural) for m in find_mentions(text)] == [
        ("LĐLĐ huyện", True),
        ("Hội LHPN", True),
    ]


def test_find_mentions_stops_a_locality_before_a_person_name():
    text = "Chủ tịch Hội LHPN tỉnh Ngụy Thị Tuyến phát biểu"

    assert [(m.text, m.name) for m in find_mentions(text)] == [("Hội LHPN tỉnh", None)]


def test_find_mentions_reads_youth_unions_and_city_abbreviations():
    text = "Tỉnh đoàn Tiền Giang, Hội LHPN TP. Hồ Chí Minh và Bộ Chỉ huy BĐBP tỉnh Lạng Sơn"

    found = [(m.text, m.level, m.name) for m in find_mentions(text)]

    assert found == [
        ("Tỉnh đoàn Tiền Giang", "tỉnh", "Tiền Giang"),
        ("Hội LHPN TP. Hồ Chí Minh", "thành phố", "Hồ Chí Minh"),
        ("Bộ Chỉ huy BĐBP tỉnh Lạng Sơn", "tỉnh", "Lạng Sơn"),
    ]


def test_resolve_mentions_shares_a_locality_across_a_coordination():
    text = "Ban Thường vụ Liên đoàn Lao động (LĐLĐ) tỉnh và Ban Thường vụ Hội LHPN tỉnh Hà Giang"

    assert _resolved(text, text) == [
        "Liên đoàn Lao động (LĐLĐ) tỉnh Hà Giang",
        "Hội LHPN tỉnh Hà Giang",
    ]


def test_resolve_mentions_fills_a_bare_level_from_the_article():
    article = "Tại Hội trường UBND quận Cầu Giấy, hội nghị diễn ra. Nữ CNVCLĐ quận Cầu Giấy dự."
    fragment = "LĐLĐ và Hội LHPN quận"

    assert _resolved(fragment, article) == ["LĐLĐ quận Cầu Giấy", "Hội LHPN quận Cầu Giấy"]


def test_resolve_mentions_gives_a_bare_name_the_articles_full_mention():
    article = "LĐLĐ tỉnh Lào Cai ban hành kế hoạch. Hội nghị của LĐLĐ diễn ra sáng nay."

    assert _resolved("LĐLĐ", article) == ["LĐLĐ tỉnh Lào Cai"]


def test_locality_names_counts_named_localities_by_level():
    names = locality_names("tỉnh Lào Cai, huyện Bảo Thắng, tỉnh Lào Cai và tỉnh Yên Bái")

    assert {level: dict(counts) for level, counts in names.items()} == {
        "tỉnh": {"Lào Cai": 2, "Yên Bái": 1},
        "huyện": {"Bảo Thắng": 1},
    }
