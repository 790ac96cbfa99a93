import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

pytestmark = [pytest.mark.unit]

ARTICLES = Path(__file__).parent / "fixtures"


def test_extract_article_prints_the_json_of_one_file():
    out = StringIO()

    call_command("extract_article", str(ARTICLES / "ky_ket_ldld_lhpn_hue.txt"), stdout=out)

    result = json.loads(out.getvalue())
    assert (result["event_kind"], result["event_date"]) == ("signing", "2023-04-05")
    assert "Hội Liên hiệp Phụ nữ thành phố Huế" in out.getvalue()  # ensure_ascii=False


def test_extract_article_writes_one_json_file_per_input(tmp_path):
    out = StringIO()
    files = [
        ARTICLES / "ky_ket_ccb_agribank_lam_dong.html",
        ARTICLES / "so_ket_cong_doan_y_te_dong_nai_vni.txt",
    ]

    call_command("extract_article", *map(str, files), "--out", str(tmp_path / "json"), stdout=out)

    written = sorted(p.name for p in (tmp_path / "json").iterdir())
    assert written == [
        "ky_ket_ccb_agribank_lam_dong.json",
        "so_ket_cong_doan_y_te_dong_nai_vni.json",
    ]
    saved = json.loads((tmp_path / "json" / written[1]).read_text(encoding="utf-8"))
    assert saved["parties"] == [
        "Công đoàn ngành Y tế tỉnh Đồng Nai",
        "Hội Liên hiệp Phụ nữ tỉnh Đồng Nai",
    ]
    assert out.getvalue().splitlines() == [f"Đã ghi {tmp_path / 'json' / name}" for name in written]


def test_extract_article_reads_a_docx_file(tmp_path):
    from docx import Document

    document = Document()
    document.add_paragraph("05/04/2023")
    document.add_paragraph("LĐLĐ và Hội LHPN huyện Đông Anh ký kết chương trình phối hợp")
    document.add_paragraph(
        "Sáng 4/4, Liên đoàn Lao động huyện và Hội Liên hiệp Phụ nữ huyện Đông Anh tổ chức ký "
        "kết chương trình phối hợp giai đoạn 2023 - 2028."
    )
    path = tmp_path / "dong_anh.docx"
    document.save(path)
    out = StringIO()

    call_command("extract_article", str(path), stdout=out)

    result = json.loads(out.getvalue())
    assert (result["event_date"], result["phase"], result["source_name"]) == (
        "2023-04-04",
        {"start": 2023, "end": 2028},
        "dong_anh.docx",
    )


def test_extract_article_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("extract_article", str(tmp_path / "khong_co.txt"))

    assert str(error.value) == f"Không tìm thấy tệp “{tmp_path / 'khong_co.txt'}”."


def test_extract_article_refuses_an_unsupported_format(tmp_path):
    path = tmp_path / "bai.pdf"
    path.write_bytes(b"%PDF-1.4")

    with pytest.raises(CommandError) as error:
        call_command("extract_article", str(path))

    assert str(error.value) == (
        f"Không hỗ trợ định dạng “.pdf” của tệp “{path}”: chỉ nhận .txt, .html, .htm, .docx."
    )


def test_extract_article_reports_a_broken_docx(tmp_path):
    path = tmp_path / "hong.docx"
    path.write_bytes(b"not a zip")

    with pytest.raises(CommandError) as error:
        call_command("extract_article", str(path))

    assert str(error.value) == f"Không đọc được tệp “{path}”: File is not a zip file"


def test_extract_article_refuses_an_output_path_that_is_a_file(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("{}", encoding="utf-8")

    with pytest.raises(CommandError) as error:
        call_command(
            "extract_article", str(ARTICLES / "ky_ket_ldld_lhpn_hue.txt"), "--out", str(target)
        )

    assert str(error.value) == f"“{target}” không phải là thư mục."
