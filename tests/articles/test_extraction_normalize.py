import datetime as dt
import io

import pytest
from docx import Document

from phoihop.articles.extraction.layout import build_article, is_date_line
from phoihop.articles.extraction.normalize import (
    clean_lines,
    docx_to_text,
    html_to_text,
    parse_html,
)

pytestmark = [pytest.mark.unit]

SCRAPED = (
    """Thứ 4, ngày 19/02/2020

Bình chọn
Bạn quan tâm mục gì nhất trong website của chúng tôi?
  • Tin Tức - Sự Kiện
Thông tin truy cập
  • 336871
Thời tiết
Tin tức sự kiện » Ban Nữ công
Hội nghị triển khai kế hoạch công tác nữ công năm 2020
"""
    "Sáng 18/2, Liên đoàn Lao động huyện Văn Bàn tổ chức hội nghị triển khai kế hoạch công "
    "tác nữ công năm 2020 cho cán bộ công đoàn cơ sở trong toàn huyện.\n"
    """image001
Các tin khác
Hội thi cán bộ nữ công giỏi năm 2019
Lượt truy cập
Hôm nay:840
Designed and Maintained by Công ty ABC
"""
)


def test_clean_lines_removes_site_chrome_and_the_related_news_tail():
    assert clean_lines(SCRAPED) == [
        "Thứ 4, ngày 19/02/2020",
        "Hội nghị triển khai kế hoạch công tác nữ công năm 2020",
        "Sáng 18/2, Liên đoàn Lao động huyện Văn Bàn tổ chức hội nghị triển khai kế hoạch công "
        "tác nữ công năm 2020 cho cán bộ công đoàn cơ sở trong toàn huyện.",
    ]


def test_clean_lines_normalises_spaces_and_decomposed_letters():
    text = "Hội\u00a0nghị   ky\u0301 kê\u0301t.\r\nChương\ttrình"

    assert clean_lines(text) == ["Hội nghị ký kết.", "Chương trình"]


def test_clean_lines_drops_a_quoted_site_motto():
    text = "“Vì đoàn viên và người lao động”\nTin chính của ngày"

    assert clean_lines(text) == ["Tin chính của ngày"]


def test_build_article_finds_title_body_and_byline():
    lines = [
        "Chủ nhật, 10/09/2023",
        "Hội nghị tổng kết chương trình phối hợp giữa hai đơn vị",
        "Chiều ngày 08/9/2023, tại Hà Nội, hai đơn vị tổ chức hội nghị tổng kết chương trình "
        "phối hợp công tác giai đoạn 2018 - 2023 với nhiều kết quả quan trọng.",
        "Toàn cảnh hội nghị",
        "Hai bên thống nhất tiếp tục phối hợp trong giai đoạn mới với nhiều nội dung thiết thực.",
        "Thu Hà",
    ]

    article = build_article(lines)

    assert (article.header, article.title, article.tail) == (
        lines[:2],
        "Hội nghị tổng kết chương trình phối hợp giữa hai đơn vị",
        ["Thu Hà"],
    )
    assert article.body == lines[2:5]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Thứ Năm, 16/03/2023, 15:03 (GMT+7)", True),
        ("Hải Phòng 12/12/2024", True),
        ("Cập nhật lúc: 16:20 ngày 25/10/2024", True),
        ("Ngày 06/3/2017, LĐLĐ quận tổ chức lễ ký kết chương trình phối hợp", False),
        ("Hội nghị tổng kết năm 2023", False),
    ],
)
def test_is_date_line_recognises_date_stamps(line, expected):
    assert is_date_line(line) is expected


PAGE = """<html><head>
<meta property="article:published_time" content="2024-05-08T09:30:00+07:00">
<script>var x = "Thứ Hai, 01/01/2024";</script></head>
<body>
<div class="top-bar">Thứ Năm, 21/11/2024</div>
<nav><a href="/">Trang chủ</a></nav>
<article>
<h1>Hội Nông dân ký kết chương trình phối hợp</h1>
<p>Chiều 7/5, Hội Nông dân tỉnh tổ chức lễ ký kết chương trình phối hợp với nhiều nội dung.</p>
<ul><li>Nội dung thứ nhất</li><li>Nội dung thứ hai</li></ul>
<p>Hai bên cam kết phối hợp chặt chẽ trong suốt giai đoạn 2024 - 2028 vì lợi ích hội viên.</p>
<div class="share-buttons">Facebook Zalo</div>
</article>
<aside class="sidebar">Tin mới: Hội thao ngày 19/11/2024</aside>
<footer>Bản quyền © 2024</footer>
</body></html>"""


def test_parse_html_keeps_the_article_and_its_declared_date():
    page = parse_html(PAGE)

    assert page.published == dt.date(2024, 5, 8)
    assert clean_lines(page.text) == [
        "Hội Nông dân ký kết chương trình phối hợp",
        "Chiều 7/5, Hội Nông dân tỉnh tổ chức lễ ký kết chương trình phối hợp với nhiều nội dung.",
        "- Nội dung thứ nhất",
        "- Nội dung thứ hai",
        "Hai bên cam kết phối hợp chặt chẽ trong suốt giai đoạn 2024 - 2028 vì lợi ích hội viên.",
    ]


def test_html_to_text_drops_menus_sidebars_and_footers_without_an_article_element():
    markup = (
        "<body><div id='menu'>Trang chủ | Tin tức</div><div class='content'><h2>Tiêu đề bài</h2>"
        "<p>Đoạn một của bài viết.</p></div><div class='footer'>Bản quyền</div></body>"
    )

    assert clean_lines(html_to_text(markup)) == ["Tiêu đề bài", "Đoạn một của bài viết."]


def test_docx_to_text_reads_paragraphs_lists_and_tables():
    document = Document()
    document.add_paragraph("Chương trình phối hợp")
    document.add_paragraph("Tuyên truyền pháp luật", style="List Bullet")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Nội dung"
    table.rows[0].cells[1].text = "Đơn vị chủ trì"
    buffer = io.BytesIO()
    document.save(buffer)

    text = docx_to_text(buffer.getvalue())

    assert text.split("\n") == [
        "Chương trình phối hợp",
        "- Tuyên truyền pháp luật",
        "Nội dung",
        "Đơn vị chủ trì",
    ]


def test_clean_lines_rejoins_paragraphs_wrapped_mid_sentence():
    text = (
        "Sáng 5/4, Liên đoàn Lao động tỉnh và Hội Liên hiệp\n"
        "phụ nữ tỉnh tổ chức ký kết chương trình phối hợp.\n"
        "Tham dự có đại diện các ban, ngành."
    )

    assert clean_lines(text) == [
        "Sáng 5/4, Liên đoàn Lao động tỉnh và Hội Liên hiệp phụ nữ tỉnh tổ chức ký kết "
        "chương trình phối hợp.",
        "Tham dự có đại diện các ban, ngành.",
    ]
