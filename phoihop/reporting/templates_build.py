"""Build the built-in .docx template (``templates_docx/official.docx``) with python-docx.

Run ``manage.py build_docx_templates`` after changing this file; the output is committed so a
deployment never needs to build it. The template holds every formatting decision of ND 30/2020
as the unions and the Women's Union apply it (A4, margins 20/20/30/15 mm, Times New Roman 14,
header blocks side by side, page numbers from page 2), and docxtpl placeholders for the content.
An administrator replaces it per organization system with an uploaded ``DocumentTemplate``.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates_docx"
FONT = "Times New Roman"
CENTER, JUSTIFY, LEFT = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
    WD_ALIGN_PARAGRAPH.LEFT,
)


def _set_font(run_or_style, size: float, *, bold: bool = False, italic: bool = False) -> None:
    font = run_or_style.font
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    element = run_or_style.element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _para(
    container,
    text: str = "",
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align=CENTER,
    indent: bool = False,
    after: float = 0,
    underline: bool = False,
):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(after)
    if indent:
        fmt.first_line_indent = Cm(1.27)
    if text:
        run = paragraph.add_run(text)
        _set_font(run, size, bold=bold, italic=italic)
        run.font.underline = underline
    return paragraph


def _tag(container, tag: str):
    """A paragraph holding only a docxtpl ``{%p … %}`` tag (it disappears when rendered)."""
    return _para(container, tag, size=2)


def _first_cell_paragraph(cell, text: str, **kw):
    paragraph = cell.paragraphs[0]
    paragraph.alignment = kw.get("align", CENTER)
    run = paragraph.add_run(text)
    _set_font(run, kw.get("size", 13), bold=kw.get("bold", False), italic=kw.get("italic", False))
    return paragraph


def _page_number_header(section) -> None:
    """Page number centred in the top margin, not on page 1 (ND 30/2020)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    run = paragraph.add_run()
    _set_font(run, 13)
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _widths(table, widths) -> None:
    """Fixed column widths, written to the grid too: LibreOffice reads the grid, Word the cells."""
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _header(document) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, (Cm(6.4), Cm(10.1)))
    left, right = table.rows[0].cells
    # Issuing bodies: superior (regular) over issuer (bold), a short line (or * for the Party).
    _first_cell_paragraph(left, "{%p for b in issuers %}", size=2)
    _tag(left, "{%p if b.superior %}")
    _para(left, "{{ b.superior }}", size=13)
    _tag(left, "{%p endif %}")
    _para(left, "{{ b.name }}", size=13, bold=True)
    _tag(left, "{%p endfor %}")
    _tag(left, "{%p if party_style %}")
    _para(left, "*", size=13)
    _tag(left, "{%p else %}")
    _para(left, "―――――――", size=10)
    _tag(left, "{%p endif %}")
    _para(left, "{{ number_line }}", size=13)
    # National motto (or the Party's name) and the place-and-date line.
    _first_cell_paragraph(right, "{%p if party_style %}", size=2)
    _para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True)
    _para(right, "―――――――――――――", size=10)
    _tag(right, "{%p else %}")
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True)
    _para(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True)
    _para(right, "―――――――――――――", size=10)
    _tag(right, "{%p endif %}")
    _para(right, "{{ place_date }}", size=14, italic=True)


def _figures_table(document) -> None:
    table = document.add_table(rows=5, cols=5)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = (Cm(6.0), Cm(2.6), Cm(2.8), Cm(2.4), Cm(2.7))
    _widths(table, widths)
    header, loop_start, data, loop_end, total = table.rows
    for i, cell in enumerate(header.cells):
        _first_cell_paragraph(cell, f"{{{{ s.table.headers[{i}] }}}}", size=12, bold=True)
    _first_cell_paragraph(loop_start.cells[0], "{%tr for r in s.table.rows %}", size=2)
    for i, cell in enumerate(data.cells):
        align = LEFT if i == 0 else WD_ALIGN_PARAGRAPH.RIGHT
        _first_cell_paragraph(cell, f"{{{{ r[{i}] }}}}", size=12, align=align)
    _first_cell_paragraph(loop_end.cells[0], "{%tr endfor %}", size=2)
    _first_cell_paragraph(total.cells[0], "{%tr if s.table.total %}", size=2)
    # The total row is its own conditional row pair: "if" row, the row, "endif" row.
    total_row = table.add_row()
    for i, cell in enumerate(total_row.cells):
        cell.width = widths[i]
        align = LEFT if i == 0 else WD_ALIGN_PARAGRAPH.RIGHT
        _first_cell_paragraph(
            cell, f"{{{{ s.table.total[{i}] }}}}", size=12, bold=True, align=align
        )
    end_row = table.add_row()
    _first_cell_paragraph(end_row.cells[0], "{%tr endif %}", size=2)


def _signatures(document) -> None:
    table = document.add_table(rows=3, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    start, row, end = table.rows
    _first_cell_paragraph(start.cells[0], "{%tr for row in signature_rows %}", size=2)
    _first_cell_paragraph(end.cells[0], "{%tr endfor %}", size=2)
    _widths(table, (Cm(8.2), Cm(8.3)))
    left, right = row.cells
    _first_cell_paragraph(left, "{%p if row.left %}", size=2)
    _signature_block(left, "row.left")
    _tag(left, "{%p elif recipients_beside %}")
    _recipients(left)
    _tag(left, "{%p endif %}")
    _first_cell_paragraph(right, "{%p if row.right %}", size=2)
    _signature_block(right, "row.right")
    _tag(right, "{%p endif %}")


def _signature_block(cell, var: str) -> None:
    _tag(cell, f"{{%p if {var}.organization %}}")
    _para(cell, f"{{{{ {var}.organization }}}}", size=13, bold=True)
    _tag(cell, "{%p endif %}")
    _para(cell, f"{{{{ {var}.authority }}}}", size=13, bold=True)
    _para(cell, f"{{{{ {var}.title }}}}", size=13, bold=True, after=60)
    _para(cell, f"{{{{ {var}.name }}}}", size=14, bold=True)


def _recipients(container) -> None:
    _para(container, "Nơi nhận:", size=12, bold=True, italic=True, align=LEFT)
    _tag(container, "{%p for line in recipients %}")
    _para(container, "{{ line }}", size=11, align=LEFT)
    _tag(container, "{%p endfor %}")


def build_official(path: Path) -> Path:
    document = Document()
    normal = document.styles["Normal"]
    _set_font(normal, 14)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    _page_number_header(section)
    assert section.start_type == WD_SECTION.NEW_PAGE  # noqa: S101 (one section, A4 portrait)

    _header(document)
    _para(document, "")
    _para(document, "{{ doc_type }}", size=14, bold=True)
    _para(document, "{{ summary }}", size=14, bold=True)
    _para(document, "―――――――", size=10, after=6)
    _tag(document, "{%p for line in preamble %}")
    _para(document, "{{ line }}", size=14, italic=True, align=JUSTIFY, indent=True, after=3)
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p for s in sections %}")
    _para(document, "{{ s.heading }}", size=14, bold=True, align=JUSTIFY, indent=True, after=6)
    _tag(document, "{%p for para in s.paragraphs %}")
    _para(document, "{{ para }}", size=14, align=JUSTIFY, indent=True, after=6)
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p if s.chart %}")
    _para(document, "{{ s.chart }}", size=12)
    _tag(document, "{%p endif %}")
    _tag(document, "{%p if s.table %}")
    _figures_table(document)
    _para(document, "", size=6)
    _tag(document, "{%p endif %}")
    _tag(document, "{%p endfor %}")
    _para(document, "")
    _signatures(document)
    _tag(document, "{%p if not recipients_beside %}")
    _recipients(document)
    _tag(document, "{%p endif %}")
    document.core_properties.title = "phoihop: văn bản theo Nghị định 30/2020/NĐ-CP"
    document.core_properties.author = "phoihop"
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


def build_all(directory: Path = TEMPLATES_DIR) -> list[Path]:
    return [build_official(directory / "official.docx")]
