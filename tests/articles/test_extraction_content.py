import pytest

from phoihop.articles.extraction.content import content_areas
from phoihop.articles.extraction.facts import (
    event_kind,
    find_phases,
    find_terms,
    key_numbers,
    locations,
)

pytestmark = [pytest.mark.unit]


def test_content_areas_splits_at_semicolons_after_a_stated_count():
    paragraph = (
        "Hai bên ký kết chương trình phối hợp với 3 nội dung cơ bản về công tác tuyên truyền, "
        "vận động nữ đoàn viên; công tác cán bộ nữ; xây dựng tổ chức Công đoàn, Hội vững mạnh."
    )

    assert content_areas([paragraph]) == (
        [
            "công tác tuyên truyền, vận động nữ đoàn viên",
            "công tác cán bộ nữ",
            "xây dựng tổ chức Công đoàn, Hội vững mạnh",
        ],
        3,
    )


def test_content_areas_keeps_semicolons_inside_capitalised_items():
    paragraph = (
        "Hai đơn vị ký kết chương trình phối hợp, tập trung các nội dung như: Phối hợp tuyên "
        "truyền pháp luật; rèn luyện phẩm chất đạo đức; Phối hợp tổ chức phong trào thi đua; "
        "Phối hợp xây dựng gia đình no ấm; bình đẳng, tiến bộ."
    )

    items, stated = content_areas([paragraph])

    assert items == [
        "Phối hợp tuyên truyền pháp luật; rèn luyện phẩm chất đạo đức",
        "Phối hợp tổ chức phong trào thi đua",
        "Phối hợp xây dựng gia đình no ấm; bình đẳng, tiến bộ",
    ]
    assert stated is None


def test_content_areas_splits_items_sharing_a_lower_case_lead_word():
    paragraph = (
        "Hai bên thống nhất Chương trình phối hợp với nhiều nhiệm vụ trọng tâm, cụ thể như: "
        "Phối hợp chăm lo đời sống đoàn viên; phối hợp tuyên truyền pháp luật; phối hợp tổ "
        "chức thi đua…"
    )

    assert content_areas([paragraph])[0] == [
        "Phối hợp chăm lo đời sống đoàn viên",
        "phối hợp tuyên truyền pháp luật",
        "phối hợp tổ chức thi đua",
    ]


def test_content_areas_reads_inline_numbered_items():
    paragraph = (
        "Chương trình gồm 3 nội dung: (1) tuyên truyền chính sách tín dụng; (2) củng cố Tổ "
        "tiết kiệm và vay vốn; (3) kiểm tra việc sử dụng vốn vay."
    )

    assert content_areas([paragraph]) == (
        [
            "tuyên truyền chính sách tín dụng",
            "củng cố Tổ tiết kiệm và vay vốn",
            "kiểm tra việc sử dụng vốn vay",
        ],
        3,
    )


def test_content_areas_reads_bullet_lines_after_an_announcement():
    paragraphs = [
        "Chương trình phối hợp gồm 6 nội dung:",
        "1. Nắm bắt tâm tư, nguyện vọng của nữ đoàn viên.",
        "2. Tuyên truyền, giáo dục chính trị tư tưởng.",
        "- Phối hợp tổ chức các phong trào thi đua;",
        "Tại buổi lễ, hai bên đã ký kết chương trình.",
    ]

    assert content_areas(paragraphs) == (
        [
            "Nắm bắt tâm tư, nguyện vọng của nữ đoàn viên",
            "Tuyên truyền, giáo dục chính trị tư tưởng",
            "Phối hợp tổ chức các phong trào thi đua",
        ],
        6,
    )


def test_content_areas_ignores_prose_about_contents():
    paragraphs = [
        "Các cấp Hội đã tuyên truyền các nội dung về bình đẳng giới; phòng chống bạo lực gia đình.",
        "LĐLĐ tỉnh xây dựng Kế hoạch thực hiện một số nhiệm vụ trọng tâm năm 2020 như sau:",
        "Tiếp tục triển khai thực hiện có hiệu quả các chủ trương của Đảng về công tác phụ nữ.",
    ]

    assert content_areas(paragraphs) == ([], None)


@pytest.mark.parametrize(
    ("title", "lead", "body", "expected"),
    [
        ("Hội nghị tổng kết chương trình phối hợp", "", "", "final_review"),
        (
            "",
            "Hội LHPN tỉnh vừa tổ chức hội nghị sơ kết 5 năm thực hiện Chỉ thị",
            "",
            "interim_review",
        ),
        ("Lễ ký kết chương trình phối hợp giai đoạn 2023-2028", "", "", "signing"),
        ("Sôi nổi Hội thi nữ cán bộ công đoàn giỏi", "Ngày 18/10, tổ chức hội thi", "", "other"),
        ("LĐLĐ tỉnh ban hành Kế hoạch tổ chức Tháng Công nhân", "", "", "plan"),
        (
            "Thực hiện tốt công tác phối hợp",
            "Hai đơn vị tổ chức Hội nghị triển khai Chương trình phối hợp",
            "Hai bên thống nhất ký kết chương trình phối hợp giai đoạn 2022 - 2027.",
            "signing",
        ),
        (
            "Triển khai Quy chế phối hợp",
            "UBND tỉnh và LĐLĐ tỉnh tổ chức hội nghị triển khai Quy chế phối hợp",
            "Quy chế phối hợp đã được hai bên ký kết chương trình ngày 15/12/2023.",
            "plan",
        ),
        (
            "Ngày hội thanh niên",
            "Thành đoàn tổ chức Ngày hội",
            "500 đoàn viên ký cam kết.",
            "other",
        ),
    ],
)
def test_event_kind_reads_the_title_and_lead_first(title, lead, body, expected):
    assert event_kind(title, lead, body) == expected


def test_find_phases_reads_ranges_a_program_governs():
    text = (
        "ký kết chương trình phối hợp giai đoạn 2022 - 2027; Đề án 938 giai đoạn 2017 - 2027; "
        "Nghị quyết Đại hội nhiệm kỳ 2023 - 2028; chương trình phối hợp (2018–2023)"
    )

    found = [(p.start, p.end) for p in find_phases(text, tied=True)]

    assert found == [(2022, 2027), (2018, 2023)]


def test_find_phases_untied_accepts_any_labelled_range():
    found = [
        (p.start, p.end) for p in find_phases("giai đoạn 2017 – 2022 và 1930 - 2023", tied=False)
    ]

    assert found == [(2017, 2022)]


def test_find_terms_reads_a_term_of_office():
    assert [(p.start, p.end) for p in find_terms("sơ kết giữa nhiệm kỳ 2021-2026")] == [
        (2021, 2026)
    ]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        (
            "Ngày 06/3/2017, tại Hội trường UBND quận Thanh Xuân, LĐLĐ quận tổ chức",
            ["Hội trường UBND quận Thanh Xuân"],
        ),
        ("Chiều 8/9, tại Hà Nội, Công đoàn ngành Công Thương tổ chức", ["Hà Nội"]),
        (
            "tại Trường THPT Hàm Rồng, thành phố Thanh Hóa, Công đoàn tổ chức",
            ["Trường THPT Hàm Rồng, thành phố Thanh Hóa"],
        ),
        ("các đại biểu phát biểu tại hội nghị và tại địa phương", []),
    ],
)
def test_locations_reads_where_the_lead_says_the_event_was(clause, expected):
    assert locations(clause) == expected


def test_key_numbers_reads_figures_with_their_units():
    text = "Dư nợ đạt 3.250 tỷ đồng với 82.400 hộ vay; 27,5% tổng dư nợ."

    assert key_numbers(text) == [
        {"value": "3.250", "what": "tỷ đồng"},
        {"value": "82.400", "what": "hộ vay"},
        {"value": "27,5", "what": "% tổng dư nợ"},
    ]
