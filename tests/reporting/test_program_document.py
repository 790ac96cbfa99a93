"""The program for signing: header blocks, number, date line, căn cứ, sections, signatures."""

import io

import pytest
from docx import Document
from docx.shared import Pt

from phoihop.reporting.content import IssuerBlock, OfficialDocument, Section, Signature
from phoihop.reporting.programs import program_document
from phoihop.reporting.render import render_docx, render_pdf
from tests.reporting.conftest import docx_lines, needs_soffice, pdf_facts

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_program_docx_has_both_header_blocks_side_by_side(signed_program):
    data = render_docx(program_document(signed_program))

    header = Document(io.BytesIO(data)).tables[0]
    left, right = (
        [p.text for p in cell.paragraphs if p.text.strip()] for cell in header.rows[0].cells
    )
    assert left == [
        "TỔNG LĐLĐ VIỆT NAM",
        "LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ HÀ NỘI",
        "HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM",
        "HỘI LIÊN HIỆP PHỤ NỮ THÀNH PHỐ HÀ NỘI",
        "―――――――",
        "Số: 01/CTrPH-LĐLĐ-HLHPN",
    ]
    assert right == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "―――――――――――――",
        "Hà Nội, ngày 06 tháng 3 năm 2023",
    ]


def test_program_docx_body_title_bases_and_sections(signed_program):
    lines = docx_lines(render_docx(program_document(signed_program)))

    assert lines[lines.index("CHƯƠNG TRÌNH PHỐI HỢP") + 1] == (
        "Các hoạt động trong nữ CNVCLĐ giai đoạn 2023 - 2028"
    )
    assert [line for line in lines if line.startswith("Căn cứ")] == [
        "Căn cứ Chỉ thị 21-CT/TW ngày 20/01/2018 về tiếp tục đẩy mạnh công tác phụ nữ trong "
        "tình hình mới;"
    ]
    assert [line for line in lines if line[:3] in {"I. ", "II.", "III", "IV.", "V. "}] == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG PHỐI HỢP",
        "III. PHƯƠNG THỨC PHỐI HỢP",
        "IV. TỔ CHỨC THỰC HIỆN",
        "V. CHẾ ĐỘ THÔNG TIN, BÁO CÁO, SƠ KẾT, TỔNG KẾT",
    ]
    start = lines.index("1. Tuyên truyền, giáo dục")
    assert lines[start : start + 5] == [
        "1. Tuyên truyền, giáo dục",
        "- Tổ chức hội thi;",
        "- Phát hành tài liệu;",
        "2. Chăm lo, bảo vệ quyền lợi",
        "Đơn vị chủ trì: Hội Liên hiệp Phụ nữ thành phố Hà Nội.",
    ]


def test_program_docx_has_every_partys_signature_block_and_recipients(signed_program):
    data = render_docx(program_document(signed_program))

    signatures = Document(io.BytesIO(data)).tables[-1]
    blocks = [[p.text for p in c.paragraphs if p.text.strip()] for c in signatures.rows[0].cells]
    lines = docx_lines(data)
    assert blocks == [
        [
            "LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ HÀ NỘI",
            "TM. BAN THƯỜNG VỤ",
            "CHỦ TỊCH",
            "Phạm Quang Thanh",
        ],
        ["HỘI LIÊN HIỆP PHỤ NỮ THÀNH PHỐ HÀ NỘI", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Kim Anh"],
    ]
    assert lines[lines.index("Nơi nhận:") : lines.index("- Lưu: VT.") + 1] == [
        "Nơi nhận:",
        "- Tổng LĐLĐ Việt Nam (để báo cáo);",
        "- Hội Liên hiệp Phụ nữ Việt Nam (để báo cáo);",
        "- Các đơn vị trực thuộc các bên (để thực hiện);",
        "- Lưu: VT.",
    ]


def test_program_docx_page_setup_follows_decree_30(signed_program):
    document = Document(io.BytesIO(render_docx(program_document(signed_program))))

    section = document.sections[0]
    normal = document.styles["Normal"].font
    sizes = (section.page_width, section.page_height, section.top_margin, section.bottom_margin)
    sides = (section.left_margin, section.right_margin)
    assert [round(length.mm) for length in (*sizes, *sides)] == [210, 297, 20, 20, 30, 15]
    assert (normal.name, normal.size) == ("Times New Roman", Pt(14))
    assert section.different_first_page_header_footer is True


def test_single_party_document_puts_recipients_beside_the_signature():
    document = OfficialDocument(
        kind="report",
        doc_type="Báo cáo",
        summary="Sơ kết 6 tháng đầu năm 2023",
        issuers=[IssuerBlock(name="Hội LHPN tỉnh Bắc Giang", superior="Hội LHPN Việt Nam")],
        number="45/BC-HPN",
        place="Bắc Giang",
        date=None,
        sections=[Section("I. ĐẶC ĐIỂM TÌNH HÌNH", ["Thuận lợi & khó khăn <chung>."])],
        signatures=[Signature("TM. BAN THƯỜNG VỤ", "Chủ tịch", "Nguyễn Thị Thu Hà")],
        recipients=["Hội LHPN Việt Nam"],
    )

    data = render_docx(document)

    table = Document(io.BytesIO(data)).tables[-1]
    left, right = ([p.text for p in c.paragraphs if p.text.strip()] for c in table.rows[0].cells)
    assert left == ["Nơi nhận:", "- Hội LHPN Việt Nam;", "- Lưu: VT."]
    assert right == ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "Nguyễn Thị Thu Hà"]
    assert "Thuận lợi & khó khăn <chung>." in docx_lines(data)


def test_party_body_gets_the_party_header():
    document = OfficialDocument(
        kind="report",
        doc_type="Báo cáo",
        summary="Kết quả",
        issuers=[IssuerBlock(name="Đảng ủy khối", superior="Tỉnh ủy Tiền Giang")],
        number="21-BC/ĐUK",
        place="Tiền Giang",
        date=None,
        sections=[],
        signatures=[Signature("T/M BAN THƯỜNG VỤ", "Bí thư", "Trần Văn A")],
        recipients=[],
        party_style=True,
    )

    header = Document(io.BytesIO(render_docx(document))).tables[0]

    left, right = ([p.text for p in c.paragraphs if p.text.strip()] for c in header.rows[0].cells)
    assert left == ["TỈNH ỦY TIỀN GIANG", "ĐẢNG ỦY KHỐI", "*", "Số 21-BC/ĐUK"]
    assert right[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"


@needs_soffice
def test_program_pdf_page_count_and_first_page_text(signed_program):
    data = render_pdf(program_document(signed_program))

    pages, first = pdf_facts(data)

    assert (data[:5], pages) == (b"%PDF-", 2)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "Hà Nội, ngày 06 tháng 3 năm 2023" in first
    assert "Số: 01/CTrPH-LĐLĐ-HLHPN" in first
