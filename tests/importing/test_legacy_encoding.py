import pytest

from phoihop.articles.extraction import detect_legacy_encoding, extract_article, to_unicode
from phoihop.core.legacy import decode_bytes

pytestmark = [pytest.mark.unit]

# Written by hand from the TCVN3 (.VnTime) and VNI-Windows code charts, as cp1252 text.
TCVN3_SAMPLE = "Uû ban nh©n d©n tØnh Lµo Cai"
VNI_SAMPLE = "Ngöôøi lao ñoäng Vieät Nam"


def test_detect_legacy_encoding_recognises_tcvn3():
    assert detect_legacy_encoding(TCVN3_SAMPLE) == "tcvn3"


def test_detect_legacy_encoding_recognises_vni():
    assert detect_legacy_encoding(VNI_SAMPLE) == "vni"


@pytest.mark.parametrize(
    "text",
    [
        "Liên đoàn Lao động tỉnh Tiền Giang",
        "Café crème brûlée à la française, naïve",
        "Quyết định số 933/QĐ-TLĐ",
        "",
    ],
)
def test_detect_legacy_encoding_leaves_unicode_and_western_text_alone(text):
    assert detect_legacy_encoding(text) is None


@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [
        ("Uû ban nh©n d©n tØnh Lµo Cai", "Uỷ ban nhân dân tỉnh Lào Cai"),
        ("Liªn ®oµn Lao ®éng", "Liên đoàn Lao động"),
        ("Héi Liªn hiÖp Phô n÷", "Hội Liên hiệp Phụ nữ"),
        ("ch­¬ng tr×nh phèi hîp", "chương trình phối hợp"),
        ("Q§-L§L§ ngµy 06 th¸ng 3 n¨m 2017", "QĐ-LĐLĐ ngày 06 tháng 3 năm 2017"),
    ],
)
def test_to_unicode_converts_tcvn3(legacy, unicode):
    assert to_unicode(legacy) == unicode


def test_to_unicode_restores_capitals_in_tcvn3_headings():
    assert to_unicode("HéI LI£N HIÖP PHô N÷ tØnh") == "HỘI LIÊN HIỆP PHỤ NỮ tỉnh"


@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [
        ("Ngöôøi lao ñoäng Vieät Nam", "Người lao động Việt Nam"),
        ("Thaønh phoá Hoà Chí Minh", "Thành phố Hồ Chí Minh"),
        ("Hoäi Lieân hieäp Phuï nöõ tænh Tieàn Giang", "Hội Liên hiệp Phụ nữ tỉnh Tiền Giang"),
        ("Ñaø Naüng kyù keát", "Đà Nẵng ký kết"),
        ("LIEÂN ÑOAØN LAO ÑOÄNG", "LIÊN ĐOÀN LAO ĐỘNG"),
    ],
)
def test_to_unicode_converts_vni(legacy, unicode):
    assert to_unicode(legacy) == unicode


def test_to_unicode_composes_decomposed_tone_marks():
    decomposed = "Lie\u0302n đoa\u0300n Lao đo\u0323\u0302ng"

    assert to_unicode(decomposed) == "Liên đoàn Lao động"


def test_decode_bytes_reads_utf8_with_and_without_bom():
    text = "Hội LHPN tỉnh"

    assert decode_bytes(text.encode("utf-8")) == text
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode("utf-8")) == text


def test_decode_bytes_falls_back_to_cp1252_for_legacy_files():
    assert decode_bytes(TCVN3_SAMPLE.encode("cp1252")) == TCVN3_SAMPLE


def test_extract_article_reads_a_tcvn3_article():
    legacy = (
        "07/03/2019\n"
        "L§L§ vµ Héi LHPN huyÖn B¶o Th¾ng ký kÕt ch­¬ng tr×nh phèi hîp\n"
        "Ngµy 06 th¸ng 3 n¨m 2019, Liªn ®oµn Lao ®éng huyÖn vµ Héi Liªn hiÖp Phô n÷ huyÖn "
        "B¶o Th¾ng tæ chøc ký kÕt ch­¬ng tr×nh phèi hîp ho¹t ®éng giai ®o¹n 2019 - 2024.\n"
    )

    result = extract_article(legacy)

    assert (result["event_date"], result["parties"], result["phase"]) == (
        "2019-03-06",
        ["Liên đoàn Lao động huyện Bảo Thắng", "Hội Liên hiệp Phụ nữ huyện Bảo Thắng"],
        {"start": 2019, "end": 2024},
    )


def test_extract_article_reads_a_vni_article():
    legacy = (
        "Thöù Saùu, 16/09/2022 09:10\n"
        "Sô keát quy cheá phoái hôïp giöõa Coâng ñoaøn ngaønh Y teá vaø Hoäi LHPN tænh Ñoàng Nai\n"
        "Saùng 15-9, Coâng ñoaøn ngaønh Y teá tænh Ñoàng Nai vaø Hoäi Lieân hieäp Phuï nöõ tænh "
        "toå chöùc hoäi nghò sô keát 2 naêm thöïc hieän Quy cheá phoái hôïp "
        "giai ñoaïn 2020 - 2025.\n"
    )

    result = extract_article(legacy)

    assert (result["event_kind"], result["event_date"], result["publication_date"]) == (
        "interim_review",
        "2022-09-15",
        "2022-09-16",
    )
    assert result["parties"] == [
        "Công đoàn ngành Y tế tỉnh Đồng Nai",
        "Hội Liên hiệp Phụ nữ tỉnh Đồng Nai",
    ]
