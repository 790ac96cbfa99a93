"""What real published text breaks, fixed generally: one behaviour per test."""

import datetime as dt

import pytest

from phoihop.articles.extraction import extract_article
from phoihop.articles.extraction.dates import leading_stamp
from phoihop.articles.extraction.facts import event_kind, locations
from phoihop.articles.extraction.normalize import clean_lines
from phoihop.articles.extraction.orgs import distributed_mentions, find_mentions, locality_names
from phoihop.articles.extraction.people import find_people
from phoihop.articles.extraction.textutil import sentences

pytestmark = [pytest.mark.unit]


def _texts(text):
    return [m.text for m in find_mentions(text) if not m.plural]


def test_a_leading_date_stamp_gives_the_publication_date():
    lines, published, month = leading_stamp([" date 2025-10-08 Quang cảnh lễ ký kết.", "Thân bài."])

    assert (lines, published, month) == (
        ["Quang cảnh lễ ký kết.", "Thân bài."],
        dt.date(2025, 10, 8),
        None,
    )


def test_a_leading_month_stamp_dates_a_day_without_a_year():
    text = (
        " date 2022-08 (LĐ online) - Chiều 8/8, tại Hà Nội, Đoàn Thanh niên Bộ Công an tổ chức "
        "hội nghị tổng kết Chương trình phối hợp giai đoạn 2017 - 2022 với nhiều nội dung."
    )

    result = extract_article(text)

    assert (result["event_date"], result["publication_date"]) == ("2022-08-08", None)


def test_a_site_banner_months_after_the_event_is_not_the_publication_date():
    text = (
        "Thứ hai, 10/08/2020\n"
        "Giao ban thực hiện Nghị định 77/2010/NĐ-CP\n"
        "LSO-Ngày 28/7/2016, tại Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lạng Sơn đã diễn ra hội nghị "
        "giao ban thực hiện Nghị định 77/2010/NĐ-CP 6 tháng đầu năm 2016 giữa các lực lượng."
    )

    result = extract_article(text)

    assert (result["event_date"], result["publication_date"]) == ("2016-07-28", None)


def test_a_text_starting_mid_article_still_gives_its_facts():
    text = (
        "Trung tướng Võ Trọng Việt, Tư lệnh BĐBP và Trung tướng Trần Đơn, Tư lệnh Quân khu 7 "
        "đồng chủ trì hội nghị. Qua 10 năm thực hiện quy chế phối hợp, hai đơn vị đã phối hợp "
        "tổ chức quán triệt tốt nghị quyết, chỉ thị các cấp."
    )

    result = extract_article(text)

    assert result["event_kind"] == "final_review"
    assert [p["name"] for p in result["attendees"]] == ["Võ Trọng Việt", "Trần Đơn"]


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        ("Hội nghị đánh giá kết quả thực hiện Chương trình phối hợp năm 2021", "final_review"),
        ("Qua 5 năm thực hiện quy chế phối hợp giữa Công an tỉnh và Hội Nông dân", "final_review"),
        ("Đánh giá kết quả 6 tháng đầu năm thực hiện chương trình phối hợp", "interim_review"),
        ("Tổng kết chương trình phối hợp và ký kết giai đoạn mới 2023 - 2028", "final_review"),
    ],
)
def test_a_review_in_other_words_is_a_review(head, kind):
    assert event_kind(head, "", "") == kind


def test_a_review_that_signs_the_next_phase_keeps_both_phases():
    text = (
        "Sáng 8/9/2023, LĐLĐ tỉnh Bến Tre và Hội LHPN tỉnh Bến Tre tổ chức hội nghị tổng kết "
        "Chương trình phối hợp giai đoạn 2018 - 2023 và ký kết Chương trình phối hợp giai đoạn "
        "2023 - 2028."
    )

    result = extract_article(text)

    assert result["event_kind"] == "final_review"
    assert (result["phase"], result["next_phase"]) == (
        {"start": 2018, "end": 2023},
        {"start": 2023, "end": 2028},
    )


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Bộ Tư lệnh Cảnh sát cơ động và Sở Ngoại vụ tỉnh Cao Bằng",
            ["Bộ Tư lệnh Cảnh sát cơ động", "Sở Ngoại vụ tỉnh Cao Bằng"],
        ),
        ("Lữ đoàn 550 và Quân khu 7", ["Lữ đoàn 550", "Quân khu 7"]),
        ("Ban Chỉ huy Quân sự thị xã Thuận An", ["Ban Chỉ huy Quân sự thị xã Thuận An"]),
        ("Ban Quản lý Khu kinh tế tỉnh", ["Ban Quản lý Khu kinh tế tỉnh"]),
        (
            "Đài Phát thanh - Truyền hình tỉnh Lào Cai",
            ["Đài Phát thanh - Truyền hình tỉnh Lào Cai"],
        ),
        ("Sở NN&PTNT tỉnh Long An", ["Sở NN&PTNT tỉnh Long An"]),
        ("Hội ND TP.Hà Nội", ["Hội ND TP.Hà Nội"]),
    ],
)
def test_more_organization_heads_and_written_forms(text, names):
    assert _texts(text) == names


def test_an_organization_in_sentence_case_is_found_but_prose_is_not():
    assert _texts("Sáng nay, ủy ban MTTQ Việt Nam tỉnh Thanh Hóa họp") == [
        "ủy ban MTTQ Việt Nam tỉnh Thanh Hóa"
    ]
    assert _texts("lực lượng công an và hội nông dân các cấp") == []


def test_a_bare_head_before_and_takes_the_next_ones_locality():
    text = "Sáng 1/3, Ủy ban nhân dân (UBND) và Ủy ban MTTQ tỉnh Thanh Hóa đã ký kết quy chế."

    assert extract_article(text)["parties"] == [
        "Ủy ban nhân dân (UBND) tỉnh Thanh Hóa",
        "Ủy ban MTTQ tỉnh Thanh Hóa",
    ]


def test_tinh_doan_is_an_organization_not_a_locality():
    assert "Đoàn" not in locality_names("Ban Thường vụ Tỉnh Đoàn và BĐBP tỉnh Quảng Trị").get(
        "tỉnh", {}
    )


def test_an_honorific_inside_a_word_is_no_honorific():
    people = find_people("Công an tỉnh Nguyễn Văn An phối hợp, Công Lê Hòa Bình tham gia.")

    assert people == []


def test_a_name_outside_the_surname_list_counts_with_an_honorific_and_a_title():
    text = (
        "Ông Hun Manet, Chủ tịch Ban Thanh niên Đảng Nhân dân Campuchia và ông Bùi Quang Huy, "
        "Bí thư thứ nhất Trung ương Đoàn ký kết biên bản."
    )

    people = find_people(text)

    assert [(p.name, p.signed) for p in people] == [("Hun Manet", True), ("Bùi Quang Huy", True)]


def test_an_attendee_does_not_sign_because_ky_comes_in_a_later_sentence():
    text = (
        "Dự hội nghị có ông Nguyễn Văn Tâm, Chủ tịch LĐLĐ tỉnh. "
        "Hai bên đã ký kết chương trình phối hợp."
    )

    assert [(p.name, p.signed) for p in find_people(text)] == [("Nguyễn Văn Tâm", False)]


def test_a_parenthesised_abbreviation_does_not_end_the_sentence():
    text = "Công an các phường (TP. Pleiku) và Công an xã Ia Dêr vừa ký kết quy chế."

    assert sentences(text) == [text]


def test_markdown_pictures_of_a_copied_page_are_dropped():
    lines = clean_lines("* ![](/Pictures/2013/a (1).JPG)* ![](http://x.vn/b.JPG)\nThân bài viết.")

    assert lines == ["Thân bài viết."]


def test_a_venue_keeps_its_locality_after_thuoc():
    clause = "Sáng 5/4, tại Hội trường UBND xã Xuân Hải thuộc huyện Sông Cầu, hai bên ký kết."

    assert locations(clause) == ["Hội trường UBND xã Xuân Hải thuộc huyện Sông Cầu"]


def test_people_listed_after_tham_du_va_ky_signed():
    text = (
        "Tham dự và ký quy chế phối hợp có các đồng chí: Trung tướng Nguyễn Ngọc Vân - Tư lệnh "
        "Cảnh sát cơ động, Thiếu tướng Lê Quang Nhân - Giám đốc Công an tỉnh và Đại tá Nguyễn "
        "Thế Vinh - Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh."
    )

    people = find_people(text)

    assert [(p.name, p.title, p.signed) for p in people] == [
        ("Nguyễn Ngọc Vân", "Trung tướng, Tư lệnh Cảnh sát cơ động", True),
        ("Lê Quang Nhân", "Thiếu tướng, Giám đốc Công an tỉnh", True),
        ("Nguyễn Thế Vinh", "Đại tá, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh", True),
    ]


def test_witnesses_of_the_signing_ceremony_did_not_sign():
    text = "Chứng kiến lễ ký kết có bà Nguyễn Thị Ngọc Anh, Phó Bí thư Thường trực Huyện ủy."

    assert [(p.name, p.signed) for p in find_people(text)] == [("Nguyễn Thị Ngọc Anh", False)]


def test_doan_after_trung_uong_is_the_youth_union_not_a_surname():
    text = "Bí thư Trung ương Đoàn Ngô Văn Cương và Bí thư Huyện Đoàn Di Linh Lê Thị Đào Loan dự."

    assert [p.name for p in find_people(text)] == ["Ngô Văn Cương", "Lê Thị Đào Loan"]


def test_a_long_title_before_a_name_after_ho_chi_minh():
    text = (
        "Bí thư thứ nhất Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh Bùi Quang Huy và Đại "
        "tướng Hun Manet, Chủ tịch Ban Thanh niên Đảng Nhân dân Campuchia ký kết thỏa thuận."
    )

    assert [(p.name, p.signed) for p in find_people(text)] == [
        ("Bùi Quang Huy", True),
        ("Hun Manet", True),
    ]


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        ("Hội nghị giao ban thực hiện Nghị định 77 6 tháng đầu năm 2016", "interim_review"),
        ("Hội nghị phối hợp công tác giữa Tổng cục Chính trị với T.Ư Hội CCB", "final_review"),
        ("Hội CCB và Thành đoàn vừa ký giao ước phối hợp hoạt động năm 2009", "signing"),
    ],
)
def test_periodic_meetings_review_and_other_signings(head, kind):
    assert event_kind(head, "", "") == kind


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Chi nhánh NHCSXH tỉnh Savannakhet", ["Chi nhánh NHCSXH tỉnh Savannakhet"]),
        ("Đoàn Thanh niên Thị xã Phú Mỹ", ["Đoàn Thanh niên Thị xã Phú Mỹ"]),
        (
            "Tỉnh Đoàn Hòa Bình và Hội cựu TNXP tỉnh Hòa Bình",
            ["Tỉnh Đoàn Hòa Bình", "Hội cựu TNXP tỉnh Hòa Bình"],
        ),
        ("T.Ư Đoàn và Bộ GD&ĐT", ["T.Ư Đoàn", "Bộ GD&ĐT"]),
    ],
)
def test_branches_towns_and_unions_named_as_written(text, names):
    assert _texts(text) == names


def test_the_politburo_in_a_title_is_not_a_party():
    text = (
        "Ngày 26-10, Bộ Công an Việt Nam do Đại tướng Trần Đại Quang, Ủy viên Bộ Chính trị, "
        "Bộ trưởng dẫn đầu đã đồng chủ trì hội nghị hợp tác với Bộ Công an Trung Quốc."
    )

    assert "Bộ Chính trị" not in extract_article(text)["parties"]


def test_national_bodies_need_no_locality():
    text = (
        "Chiều 28/5, Hội Nông dân Việt Nam, Bộ Nông nghiệp và Phát triển nông thôn, Ủy ban Dân tộc "
        "đã ký thỏa thuận hợp tác."
    )

    assert extract_article(text)["parties"] == [
        "Hội Nông dân Việt Nam",
        "Bộ Nông nghiệp và Phát triển nông thôn",
        "Ủy ban Dân tộc",
    ]


def test_bare_heads_listed_with_commas_share_the_last_locality():
    text = (
        "Sáng 5/5, Thường trực Hội đồng nhân dân, Lãnh đạo Ủy ban nhân dân, Ban Thường trực Ủy ban "
        "Mặt trận Tổ quốc Việt Nam huyện Văn Quan ký kết quy chế phối hợp."
    )

    assert extract_article(text)["parties"] == [
        "Hội đồng nhân dân huyện Văn Quan",
        "Ủy ban nhân dân huyện Văn Quan",
        "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Văn Quan",
    ]


def test_a_body_written_before_its_organization_is_one_mention():
    assert _texts(
        "Ban Tuyên giáo và Dân vận Thành ủy Đà Nẵng ký kết với Cục Chính trị Quân khu 1"
    ) == [
        "Ban Tuyên giáo và Dân vận Thành ủy Đà Nẵng",
        "Cục Chính trị Quân khu 1",
    ]


def test_a_stamp_with_time_and_weekday_dates_the_article():
    text = (
        "Phối hợp tuyên truyền, giáo dục công dân khu vực biên giới\n"
        "14:30 - Thứ Ba, 03/11/2020 Lượt xem: 6670 In bài viết\n"
        "ĐBP - Ngày 3/11, tại thực địa mốc giao điểm đường biên giới, đoàn đại biểu Đồn Biên phòng "
        "A Pa Chải tiến hành gặp mặt biên giới với Đại đội 111 nhằm đẩy mạnh hợp tác hữu nghị."
    )

    result = extract_article(text)

    assert (result["publication_date"], result["event_date"]) == ("2020-11-03", "2020-11-03")


def test_a_date_after_dien_ra_is_the_event_date():
    text = (
        "Vườn quốc gia Cúc Phương và 5 đơn vị kiểm lâm vừa ký quy chế phối hợp bảo vệ rừng.\n"
        "Lễ ký kết diễn ra ngày 4/11/2020 tại Hội nghị đánh giá công tác phối hợp bảo vệ rừng."
    )

    assert extract_article(text)["event_date"] == "2020-11-04"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Công an các phường: Diên Hồng, Yên Đổ, Thống Nhất (TP. Pleiku) và Công an xã Ia Dêr",
            ["Công an phường Diên Hồng", "Công an phường Yên Đổ", "Công an phường Thống Nhất"],
        ),
        (
            "3 đồn biên phòng: Phú Gia, Hòa Hải, Hương Quang (BĐBP Hà Tĩnh)",
            ["Đồn biên phòng Phú Gia", "Đồn biên phòng Hòa Hải", "Đồn biên phòng Hương Quang"],
        ),
        (
            "Công an quận 1, 3, Phú Nhuận và Công an TP Thủ Đức",
            ["Công an quận 1", "Công an quận 3", "Công an quận Phú Nhuận"],
        ),
        ("LĐLĐ tỉnh Bến Tre, Hội LHPN tỉnh Bến Tre", []),
    ],
)
def test_a_distributive_list_names_each_organization(text, names):
    assert [m.text for m in distributed_mentions(text)] == names


def test_parties_of_a_distributive_list_come_with_the_others():
    text = (
        "Công an các phường: Diên Hồng, Yên Đổ (TP. Pleiku) và Công an xã Ia Dêr (huyện Ia Grai) "
        "vừa ký kết quy chế phối hợp."
    )

    assert extract_article(text)["parties"] == [
        "Công an phường Diên Hồng",
        "Công an phường Yên Đổ",
        "Công an xã Ia Dêr",
    ]


def test_a_review_whose_headline_names_the_new_phase_first():
    text = (
        "Ký kết Chương trình phối hợp giai đoạn 2023 - 2028\n"
        "Sáng 8/9/2023, LĐLĐ tỉnh Bến Tre và Hội LHPN tỉnh Bến Tre tổ chức hội nghị tổng kết "
        "Chương trình phối hợp giai đoạn 2018 - 2023 và ký kết chương trình giai đoạn mới."
    )

    result = extract_article(text)

    assert (result["event_kind"], result["phase"], result["next_phase"]) == (
        "final_review",
        {"start": 2018, "end": 2023},
        {"start": 2023, "end": 2028},
    )


def test_the_partner_after_giua_keeps_abbreviations_with_dots():
    text = (
        "Chiều 12-1, tại Hà Nội, Tổng cục Chính trị QĐND Việt Nam tổ chức Hội nghị phối hợp công "
        "tác giữa Tổng cục Chính trị với T.Ư Hội Cựu chiến binh (CCB) Việt Nam."
    )

    assert extract_article(text)["parties"] == [
        "Tổng cục Chính trị QĐND Việt Nam",
        "T.Ư Hội Cựu chiến binh (CCB) Việt Nam",
    ]


def test_a_meeting_between_two_organizations_names_both():
    text = (
        "Hội nghị trao đổi thường niên giữa Hội Chữ thập Đỏ tỉnh Thanh Hóa và Hội Chữ thập Đỏ tỉnh "
        "Huaphanh (Lào) đã được tổ chức tại thành phố Sầm Sơn."
    )

    assert extract_article(text)["parties"] == [
        "Hội Chữ thập Đỏ tỉnh Thanh Hóa",
        "Hội Chữ thập Đỏ tỉnh Huaphanh",
    ]


def test_a_body_of_the_party_committee_is_one_organization():
    assert _texts("Quy chế phối hợp giữa Ban Tuyên giáo Tỉnh ủy và BHXH tỉnh") == [
        "Ban Tuyên giáo Tỉnh ủy",
        "BHXH tỉnh",
    ]
    assert _texts("Hội LHPN Tỉnh Đoàn Hòa Bình") == ["Hội LHPN", "Tỉnh Đoàn Hòa Bình"]


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        (
            "Nghị quyết liên tịch số 01/2012/NQLT/CP-BCHTWĐ ban hành Quy chế.",
            ["01/2012/NQLT/CP-BCHTWĐ"],
        ),
        ("Kế hoạch số 58/ KHPH-TƯHCTĐ-BGDĐT-TWĐ của ba bên.", ["58/KHPH-TƯHCTĐ-BGDĐT-TWĐ"]),
        ("Theo Nghị quyết 57/NQ-CP. Hội nghị đã thống nhất.", ["57/NQ-CP"]),
    ],
)
def test_document_numbers_keep_every_part_of_their_symbol(text, numbers):
    assert [r["number"] for r in extract_article(text)["legal_references"]] == numbers


def test_a_venue_may_be_a_field_place_or_an_area():
    clause = "Ngày 3/11, tại thực địa mốc giao điểm đường biên giới ba nước, hai đồn gặp mặt."

    assert locations(clause) == ["thực địa mốc giao điểm đường biên giới ba nước"]


@pytest.mark.parametrize(
    "head",
    [
        "Các Đồn Biên phòng Việt Nam và Lào tổ chức lễ kết nghĩa",
        "UBND tỉnh vừa ký quyết định ban hành Quy chế phối hợp giữa Ban Quản lý Vườn quốc gia",
    ],
)
def test_twinning_and_a_decision_issuing_a_regulation_are_signings(head):
    assert event_kind(head, "", "") == "signing"


def test_a_locality_does_not_run_on_into_a_title_after_va():
    assert _texts("đại diện LĐLĐ huyện và Chủ tịch UBND huyện Đại Lộc ký") == [
        "LĐLĐ huyện",
        "UBND huyện Đại Lộc",
    ]


def test_a_guest_of_the_signing_ceremony_did_not_sign():
    text = "Dự buổi ký kết có đồng chí Nguyễn Hồ Hải, Phó Bí thư Thành ủy TPHCM."

    assert [(p.name, p.signed) for p in find_people(text)] == [("Nguyễn Hồ Hải", False)]
