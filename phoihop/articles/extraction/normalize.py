"""Turn pasted text, scraped HTML or a .docx file into clean article lines.

Order matters: legacy encodings are converted before NFC (their bytes are not Vietnamese letters
yet), and boilerplate is removed line by line before any extraction sees the text, because site
chrome (visitor counters, weather, "today is …" headers) carries numbers and dates that look like
facts.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from dataclasses import dataclass

from lxml import html as lxml_html

from phoihop.core.legacy import to_unicode

__all__ = ["HtmlArticle", "clean_lines", "docx_to_text", "html_to_text", "parse_html"]

_INVISIBLE = re.compile("[\u00a0\u2007\u202f\u3000\t\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[ ]{2,}")
# Pictures left by a page copied as Markdown: "* ![](/Pictures/…JPG)", "![Ảnh](https://…)".
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\([^()]*(?:\([^()]*\)[^()]*)*\)")
_PUNCTUATION_ONLY = re.compile(r"^[\W_]*$")
_SENTENCE_END = re.compile(r"[.:;!?…]['\"”)]*$")

_BOILERPLATE = re.compile(
    r"^(?:bình chọn|thời tiết|thông tin truy cập|thống kê truy cập|lượt truy cập|album ảnh|video"
    r"|videos?|clip|bản tin.{0,30}|liên kết(?: website)?|quảng cáo|tin mới(?: nhất)?|tin nổi bật"
    r"|tin đọc nhiều|đọc nhiều(?: nhất)?|xem nhiều(?: nhất)?|tâm điểm|các đề án|chuyên mục|danh mục"
    r"|trang chủ|đăng nhập|đăng ký|tìm kiếm|in bài(?: viết)?|gửi bài|chia sẻ|share|print|email"
    r"|facebook|twitter|zalo|về đầu trang|lên đầu trang|top|tweet|like|thích|menu|hotline"
    r"|văn bản mới|văn bản|sự kiện|thông báo|liên hệ|giới thiệu|sơ đồ (?:site|trang)|rss"
    r"|image\d*|ảnh\s*\d*|photo\s*\d*)\s*:?$"
    r"|^(?:hôm nay|hôm qua|tất cả|tổng(?: số)?(?: lượt)?(?: truy cập)?|đang trực tuyến|đang online"
    r"|online|trong tuần|tuần này|tuần trước|trong tháng|tháng này|tháng trước|truy cập|lượt xem"
    r"|số lượt(?: truy cập)?|khách|thành viên|năm nay)\s*:?\s*[\d.,]*$"
    r"|^[•·▪►»*+-]?\s*[\d.,]+$",
    re.IGNORECASE,
)
# Only short lines: a body paragraph may mention "bản quyền" or an address.
_BOILERPLATE_SHORT = re.compile(
    r"(?:designed|thiết kế|phát triển|xây dựng)(?: and maintained)?(?: website)? (?:by|bởi)"
    r"|bản quyền|copyright|©|all rights reserved|giấy phép (?:số|xuất bản|hoạt động)|ghi rõ nguồn"
    r"|chịu trách nhiệm (?:nội dung|xuất bản|chính)|^tổng biên tập\s*:|^phó tổng biên tập\s*:"
    r"|^(?:địa chỉ|điện thoại|đt|fax|e-?mail|website|hotline|tel)\s*:"
    r"|\.(?:jpe?g|png|gif|webp)$"
    r"|^(?:diện tích|dân số)(?: \(\d{4}\))?\s*:"
    r"|^-?\d+\s*°\s*c|nhiệt độ\s*:|độ ẩm\s*:"
    r"|^bạn (?:quan tâm|thấy|đánh giá|nghĩ)",
    re.IGNORECASE,
)
_MENU_BULLET = re.compile(r"^[•·▪►]\s*\S+(?:\s+\S+){0,5}$")
_BREADCRUMB = re.compile(r"[»›]|\s>\s")
_TAIL_MARKER = re.compile(
    r"^(?:các tin khác|tin khác|xem tin khác|xem thêm|tin liên quan|bài liên quan"
    r"|các bài (?:viết )?(?:liên quan|khác)|bài viết (?:liên quan|khác)"
    r"|tin cùng (?:chuyên mục|danh mục)"
    r"|tin bài (?:liên quan|khác)|những tin (?:khác|cũ hơn|mới hơn)|tin đã đưa|ý kiến bạn đọc"
    r"|bình luận|gửi (?:ý kiến|bình luận)|từ khóa|từ khoá|tags?|các tin đã đưa|tin tiếp theo"
    r"|bài tiếp theo|tin trước|tin sau)\s*:?\s*(?:\(\d+\))?$",
    re.IGNORECASE,
)


def _is_boilerplate(line: str) -> bool:
    if _PUNCTUATION_ONLY.match(line) or _BOILERPLATE.search(line) or _MENU_BULLET.match(line):
        return True
    if len(line.split()) <= 30 and _BOILERPLATE_SHORT.search(line):
        return True
    return bool(_BREADCRUMB.search(line)) and len(line.split()) <= 12 and not line.endswith(".")


def _is_slogan(line: str) -> bool:
    """A site motto in quotes (“Vì đoàn viên và người lao động…”) stands alone on its line."""
    return len(line) > 2 and line[0] in '“"' and line[-1] in '”"' and line.count("“") <= 1


def _truncate_tail(lines: list[str]) -> list[str]:
    """Cut "Các tin khác" and what follows, once most of the text is above the marker."""
    total = sum(len(line) for line in lines) or 1
    seen = 0
    for index, line in enumerate(lines):
        if _TAIL_MARKER.match(line) and seen >= 0.4 * total:
            return lines[:index]
        seen += len(line)
    return lines


def _rejoin_wrapped(lines: list[str]) -> list[str]:
    """Text copied from a PDF or an e-mail breaks paragraphs mid-sentence; a Vietnamese
    paragraph never starts in lower case, so such a line continues the previous one."""
    joined: list[str] = []
    for line in lines:
        if joined and line[0].islower() and not _SENTENCE_END.search(joined[-1]):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def clean_lines(text: str) -> list[str]:
    """Unicode NFC lines of the article, site boilerplate removed."""
    text = to_unicode(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = []
    for raw in text.split("\n"):
        line = _MARKDOWN_IMAGE.sub(" ", _INVISIBLE.sub(" ", raw))
        line = _SPACES.sub(" ", line).strip()
        if line.strip("*•· ") == "":
            continue
        if line and not _is_boilerplate(line) and not _is_slogan(line):
            lines.append(line)
    return _truncate_tail(_rejoin_wrapped(lines))


# --------------------------------------------------------------------------- HTML

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "iframe",
    "form",
    "nav",
    "aside",
    "button",
    "select",
    "svg",
    "object",
    "embed",
    "template",
    "input",
    "textarea",
)
_BLOCK_TAGS = frozenset(
    {
        *("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "section"),
        *("article", "header", "footer", "figcaption", "blockquote", "table", "ul", "ol"),
        *("dd", "dt", "pre", "address", "figure", "main"),
    }
)
_CHROME = re.compile(
    r"(?:^|[-_\s])(?:menu|nav|navbar|navigation|breadcrumbs?|footer|sidebar|widget|banner|advert"
    r"|ads|quangcao|share|social|comments?|related|lienquan|tinlienquan|other|weather|thoitiet"
    r"|counter|thongke|visitor|poll|binhchon|copyright|login|search|topbar|header-top|mostview"
    r"|xemnhieu|tags?)(?:$|[-_\s])",
    re.IGNORECASE,
)
_KEEP_TAGS = frozenset({"html", "body", "main", "article"})
_META_DATES = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@name='pubdate']/@content",
    "//meta[@name='publishdate']/@content",
    "//meta[@name='article:published_time']/@content",
    "//*[@itemprop='datePublished']/@datetime",
    "//article//time/@datetime",
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class HtmlArticle:
    text: str
    published: dt.date | None


def _meta_date(tree: lxml_html.HtmlElement) -> dt.date | None:
    for query in _META_DATES:
        for value in tree.xpath(query):
            match = _ISO_DATE.search(str(value))
            if match:
                try:
                    return dt.date(*map(int, match.groups()))
                except ValueError:
                    continue
    return None


def _drop_chrome(tree: lxml_html.HtmlElement) -> None:
    for element in list(tree.iter(*_DROP_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    total = len(tree.text_content()) or 1
    doomed = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in _KEEP_TAGS:
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}"
        chrome_tag = element.tag in ("header", "footer") and not element.xpath("ancestor::article")
        if (chrome_tag or _CHROME.search(names)) and len(element.text_content()) < 0.5 * total:
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _main_block(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    articles = tree.xpath("//article")
    if articles:
        best = max(articles, key=lambda a: len(a.text_content()))
        if len(best.text_content()) >= 200:
            return best
    return tree


def _element_text(element: lxml_html.HtmlElement) -> str:
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag == "li":
            node.text = "- " + (node.text or "")
        if node.tag in _BLOCK_TAGS:
            node.tail = "\n" + (node.tail or "")
            if node.tag != "br":
                node.text = "\n" + (node.text or "")
    return element.text_content()


def parse_html(markup: str | bytes) -> HtmlArticle:
    """Article text and the publication date the page declares in its metadata, if any."""
    if isinstance(markup, bytes):
        with contextlib.suppress(UnicodeDecodeError):  # else lxml reads the page's <meta charset>
            markup = markup.decode("utf-8-sig")
    if isinstance(markup, str):
        markup = _XML_DECLARATION.sub("", markup, count=1)  # lxml refuses it on str input
    if not markup.strip():
        return HtmlArticle("", None)
    tree = lxml_html.document_fromstring(markup)
    published = _meta_date(tree)
    _drop_chrome(tree)
    main = _main_block(tree)
    title = ""
    if main is not tree:
        headings = [h for h in tree.xpath("//h1") if not h.xpath("ancestor::article")]
        title = headings[0].text_content().strip() + "\n" if headings else ""
    return HtmlArticle(title + _element_text(main), published)


def html_to_text(markup: str | bytes) -> str:
    return parse_html(markup).text


# --------------------------------------------------------------------------- DOCX


def docx_to_text(data: bytes) -> str:
    """Paragraphs and table cells of a .docx file, list paragraphs marked with a dash."""
    from docx import Document  # imported here: python-docx is only needed for .docx input

    document = Document(io.BytesIO(data))
    lines: list[str] = []
    for paragraph in document.paragraphs:
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        prefix = "- " if style.lower().startswith("list") and paragraph.text.strip() else ""
        lines.append(prefix + paragraph.text)
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)
