"""Review documents: the joint report signed by both parties, a single-party report, the .xlsx
annex, the PDF, and the background generation kept with the review."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from phoihop.accounts.permissions import SYSTEM
from phoihop.reviews import documents, selectors, services
from phoihop.reviews.enums import DocumentStatus, ReviewKind
from tests.reporting.conftest import docx_lines, docx_tables, needs_soffice, pdf_facts
from tests.reviews.conftest import YEAR_END, YEAR_START

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.fixture
def joint_review(city_program, hanoi_union, activities):
    review = services.review_create(
        program=city_program,
        unit=hanoi_union,
        kind=ReviewKind.ANNUAL,
        period_start=YEAR_START,
        period_end=YEAR_END,
        actor=SYSTEM,
        joint=True,
    )
    return services.review_update(
        review=review,
        actor=SYSTEM,
        narrative={"situation": "Thuận lợi: được cấp ủy quan tâm.", "lessons": "Phối hợp sớm."},
        number="12/BC-LĐLĐ-HLHPN",
        issued_on=YEAR_END,
    )


def test_joint_report_has_both_issuers_number_date_and_signatures(joint_review):
    data = documents.review_file(joint_review, "docx").data

    tables = Document(io.BytesIO(data)).tables
    header_left = [p.text for p in tables[0].rows[0].cells[0].paragraphs if p.text.strip()]
    header_right = [p.text for p in tables[0].rows[0].cells[1].paragraphs if p.text.strip()]
    signatures = [
        [p.text for p in c.paragraphs if p.text.strip()] for c in tables[-1].rows[0].cells
    ]
    assert header_left == [
        "TỔNG LĐLĐ VIỆT NAM",
        "LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ HÀ NỘI",
        "HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM",
        "HỘI LIÊN HIỆP PHỤ NỮ THÀNH PHỐ HÀ NỘI",
        "―――――――",
        "Số: 12/BC-LĐLĐ-HLHPN",
    ]
    assert header_right[-1] == "Hà Nội, ngày 31 tháng 12 năm 2023"
    assert signatures == [
        [
            "LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ HÀ NỘI",
            "TM. BAN THƯỜNG VỤ",
            "CHỦ TỊCH",
            "Phạm Quang Thanh",
        ],
        ["HỘI LIÊN HIỆP PHỤ NỮ THÀNH PHỐ HÀ NỘI", "TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "Lê Kim Anh"],
    ]


def test_report_body_follows_the_review_structure(joint_review):
    lines = docx_lines(documents.review_file(joint_review, "docx").data)

    headings = [line for line in lines if line.split(".")[0] in {"I", "II", "III", "IV", "V", "VI"}]
    assert lines[lines.index("BÁO CÁO") + 1] == (
        "Sơ kết năm 2023 thực hiện chương trình phối hợp hoạt động trong nữ CNVCLĐ giai đoạn "
        "2023 - 2027 (số 01/CTrPH-LĐLĐ-HLHPN)"
    )
    assert headings == [
        "I. ĐẶC ĐIỂM TÌNH HÌNH",
        "II. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI",
        "III. KẾT QUẢ THỰC HIỆN",
        "IV. ĐÁNH GIÁ CHUNG",
        "V. PHƯƠNG HƯỚNG, NHIỆM VỤ",
        "VI. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    assert lines[lines.index("I. ĐẶC ĐIỂM TÌNH HÌNH") + 1] == "Thuận lợi: được cấp ủy quan tâm."
    assert lines[lines.index("4. Bài học kinh nghiệm") + 1] == "Phối hợp sớm."


def test_report_figure_table_equals_the_figures_on_screen(joint_review):
    figures = selectors.review_figures(joint_review)

    table = docx_tables(documents.review_file(joint_review, "docx").data)[1]

    assert table == [
        [
            "Nội dung phối hợp",
            "Số hoạt động",
            "Lượt người tham gia",
            "Trong đó nữ",
            "Kinh phí (đồng)",
        ],
        ["1. Tuyên truyền, giáo dục", "3", "680", "560", "25.000.000"],
        ["2. Chăm lo đời sống", "1", "80", "30", "3.000.000"],
        ["Tổng cộng", "4", "760", "590", "28.000.000"],
    ]
    assert figures["totals"]["cost"] == 28_000_000


def test_single_party_report_has_recipients_beside_one_signature(
    city_program, hanoi_women, activities
):
    review = services.review_create(
        program=city_program,
        unit=hanoi_women,
        kind=ReviewKind.HALF_YEAR,
        period_start=YEAR_START,
        period_end=YEAR_START.replace(month=6, day=30),
        actor=SYSTEM,
    )

    data = documents.review_file(review, "docx").data

    signature_table = Document(io.BytesIO(data)).tables[-1]
    left, right = (
        [p.text for p in c.paragraphs if p.text.strip()] for c in signature_table.rows[0].cells
    )
    assert left == [
        "Nơi nhận:",
        "- Hội Liên hiệp Phụ nữ Việt Nam (để báo cáo);",
        "- Các đơn vị trực thuộc (để biết);",
        "- Lưu: VT.",
    ]
    assert right == ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "Lê Kim Anh"]
    assert "Sơ kết 6 tháng đầu năm 2023" in docx_lines(data)[docx_lines(data).index("BÁO CÁO") + 1]


def test_annex_has_native_numbers_and_totals(joint_review):
    workbook = load_workbook(io.BytesIO(documents.review_file(joint_review, "xlsx").data))

    by_area = workbook["Theo nội dung"]
    by_kind = workbook["Theo loại hoạt động"]
    children = workbook["Cấp dưới"]
    assert [[c.value for c in row] for row in by_area.iter_rows(min_row=4, max_row=7)] == [
        [
            "Nội dung phối hợp",
            "Số hoạt động",
            "Lượt người tham gia",
            "Trong đó nữ",
            "Kinh phí (đồng)",
        ],
        ["Tuyên truyền, giáo dục", 3, 680, 560, 25_000_000],
        ["Chăm lo đời sống", 1, 80, 30, 3_000_000],
        ["Tổng cộng", 4, 760, 590, 28_000_000],
    ]
    assert [[c.value for c in row] for row in by_kind.iter_rows(min_row=5, max_row=7)] == [
        ["Hội nghị", 3, 680, 560, 25_000_000],
        ["Tập huấn", 1, 80, 30, 3_000_000],
        ["Tổng cộng", 4, 760, 590, 28_000_000],
    ]
    assert by_area["E5"].number_format == "#,##0"
    assert [row[0].value for row in children.iter_rows(min_row=5)] == [
        "Liên đoàn Lao động quận Ba Đình – Hội Liên hiệp Phụ nữ quận Ba Đình",
        "Liên đoàn Lao động quận Thanh Xuân – Hội Liên hiệp Phụ nữ quận Thanh Xuân",
        "Tổng cộng",
    ]


def test_background_generation_keeps_the_file_with_the_review(
    joint_review, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.review_document_request(review=joint_review, fmt="xlsx", actor=SYSTEM)

    joint_review.refresh_from_db()

    assert (joint_review.document_status, joint_review.document_progress) == (
        DocumentStatus.READY,
        100,
    )
    with joint_review.document_file.open("rb") as stored:
        workbook = load_workbook(io.BytesIO(stored.read()))
    assert workbook.sheetnames == ["Theo nội dung", "Theo loại hoạt động", "Cấp dưới"]


@needs_soffice
def test_joint_report_pdf_pages_and_first_page(joint_review):
    data = documents.review_file(joint_review, "pdf").data

    pages, first = pdf_facts(data)

    assert pages == 2
    assert "Số: 12/BC-LĐLĐ-HLHPN" in first
    assert "Hà Nội, ngày 31 tháng 12 năm 2023" in first
    assert "BÁO CÁO" in first


def test_report_embeds_the_chart_of_activities_by_content_area(joint_review):
    document = Document(io.BytesIO(documents.review_file(joint_review, "docx").data))

    shapes = document.inline_shapes

    assert len(shapes) == 1
    assert round(shapes[0].width.mm) == 160
