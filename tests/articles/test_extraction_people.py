import pytest

from phoihop.articles.extraction.people import Person, find_people, split_people

pytestmark = [pytest.mark.unit]


def _named(text: str) -> list[tuple[str, str | None, bool]]:
    return [(p.name, p.title, p.signed) for p in find_people(text)]


def test_find_people_reads_a_list_of_names_with_titles():
    text = (
        "Tham dự hội nghị có các đồng chí: Hà Văn Lâm, Tỉnh ủy viên, Chủ tịch LĐLĐ tỉnh; "
        "Lò Thị Mai, Chủ tịch Hội LHPN tỉnh; đại diện lãnh đạo các huyện."
    )

    assert _named(text) == [
        ("Hà Văn Lâm", "Tỉnh ủy viên, Chủ tịch LĐLĐ tỉnh", False),
        ("Lò Thị Mai", "Chủ tịch Hội LHPN tỉnh", False),
    ]


def test_find_people_reads_dash_separated_titles_after_honorifics():
    text = (
        "Dự có đồng chí Vương Thị Hạnh – Phó Chủ tịch HĐND huyện; bà Đinh Thu Hà - UVTV Huyện ủy."
    )

    assert _named(text) == [
        ("Vương Thị Hạnh", "Phó Chủ tịch HĐND huyện", False),
        ("Đinh Thu Hà", "UVTV Huyện ủy", False),
    ]


def test_find_people_reads_a_title_written_before_the_name():
    text = "TUV, Chủ tịch Hội LHPN tỉnh Ngụy Thị Tuyến triển khai nhiệm vụ"

    assert _named(text) == [("Ngụy Thị Tuyến", "TUV, Chủ tịch Hội LHPN tỉnh", False)]


def test_find_people_adds_a_military_rank_to_the_title():
    text = "Dự hội nghị có Thượng tá Hoàng Văn Tuấn, Chính trị viên Đồn Biên phòng."

    assert _named(text) == [("Hoàng Văn Tuấn", "Thượng tá, Chính trị viên Đồn Biên phòng", False)]


def test_find_people_marks_the_people_who_signed():
    text = (
        "Thay mặt hai bên, ông Nguyễn Văn Sơn, Chủ tịch Hội CCB tỉnh và bà Lê Thị Hoa, Giám đốc "
        "Agribank chi nhánh tỉnh đã ký kết thỏa thuận. Lễ ký có sự chứng kiến của đồng chí "
        "Trần Văn Bình, Phó Bí thư Tỉnh ủy."
    )

    assert _named(text) == [
        ("Nguyễn Văn Sơn", "Chủ tịch Hội CCB tỉnh", True),
        ("Lê Thị Hoa", "Giám đốc Agribank chi nhánh tỉnh", True),
        ("Trần Văn Bình", "Phó Bí thư Tỉnh ủy", False),
    ]


def test_find_people_ignores_places_streets_schools_and_bylines():
    text = (
        "Tại Hà Nội, đoàn viên Trường THPT Nguyễn Du và phố Lê Lợi thăm Bảo tàng Hồ Chí Minh; "
        "Đoàn TNCS Hồ Chí Minh tỉnh Hà Tĩnh tham gia. Ảnh: Minh Anh"
    )

    assert find_people(text) == []


def test_find_people_lists_a_person_once_and_keeps_the_signature():
    text = (
        "Dự có đồng chí Phạm Văn Chánh, Chủ tịch LĐLĐ tỉnh. Đồng chí Phạm Văn Chánh, Chủ tịch "
        "LĐLĐ tỉnh đã ký kết chương trình phối hợp."
    )

    assert _named(text) == [("Phạm Văn Chánh", "Chủ tịch LĐLĐ tỉnh", True)]


def test_split_people_separates_signatories_from_attendees():
    people = [Person("A Văn B", "Chủ tịch", True, 0), Person("C Thị D", None, False, 10)]

    assert split_people(people) == (
        [{"name": "A Văn B", "title": "Chủ tịch"}],
        [{"name": "C Thị D", "title": None}],
    )
