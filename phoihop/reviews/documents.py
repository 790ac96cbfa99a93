"""A review as documents: the report (joint, signed by all the parties, or single-party) and its
statistical annex (.xlsx). Every figure comes from ``selectors.review_figures`` (frozen after
approval), so the page, the API and the files agree."""

from __future__ import annotations

from phoihop.orgs.enums import Tier
from phoihop.reporting.charts import bar_chart
from phoihop.reporting.content import IssuerBlock, OfficialDocument, Section, Signature, Table
from phoihop.reporting.exports import FileResult, document_file
from phoihop.reporting.formatting import vn_number, vn_percent
from phoihop.reporting.programs import PARTY_SYSTEMS, signature
from phoihop.reporting.render import XLSX, Annex, render_xlsx
from phoihop.reviews import selectors
from phoihop.reviews.enums import ASSESSMENT_HEADING, ASSESSMENT_KEYS, SECTIONS, ReviewKind
from phoihop.reviews.models import Review

FIGURE_HEADERS = [
    "Nội dung",
    "Số hoạt động",
    "Lượt người tham gia",
    "Trong đó nữ",
    "Kinh phí (đồng)",
]
ANNEX_NOTE = (
    "Một hoạt động thuộc nhiều nội dung được tính ở mỗi nội dung; dòng tổng cộng tính mỗi hoạt "
    "động một lần."
)


def kind_phrase(review: Review) -> str:
    year = review.period_end.year
    if review.kind == ReviewKind.HALF_YEAR:
        half = "đầu" if review.period_end.month <= 6 else "cuối"
        return f"Sơ kết 6 tháng {half} năm {year}"
    if review.kind == ReviewKind.ANNUAL:
        return f"Sơ kết năm {year}"
    if review.kind == ReviewKind.MID_PHASE:
        return "Sơ kết giữa kỳ"
    if review.kind == ReviewKind.FINAL:
        return "Tổng kết"
    return "Sơ kết"


def summary_line(review: Review) -> str:
    program = review.program
    title = program.title[0].lower() + program.title[1:]
    text = f"{kind_phrase(review)} thực hiện {title}"
    return f"{text} (số {program.number})" if program.number else text


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _figure_row(label: str, row: dict) -> list[str]:
    return [
        label,
        vn_number(row["activities"]),
        vn_number(row["participants"]),
        vn_number(row["women"]),
        vn_number(row["cost"]),
    ]


def _results(review: Review, figures: dict) -> list[Section]:
    narrative = review.narrative or {}
    totals = figures["totals"]
    lines = _paragraphs(narrative.get("results", ""))
    for number, area in enumerate(figures["by_area"], 1):
        share = vn_percent(area["women"], area["participants"])
        lines.append(
            f"{number}. {area['title']}: {vn_number(area['activities'])} hoạt động, "
            f"{vn_number(area['participants'])} lượt người tham gia"
            + (f" (nữ {share})" if share else "")
            + f", kinh phí {vn_number(area['cost'])} đồng."
        )
    for row in figures.get("indicators", {}).get("rows", []):
        value = "chưa có số liệu" if row["value"] is None else f"đạt {vn_number(row['value'])}"
        target = f" / chỉ tiêu {vn_number(row['target'])}" if row["target"] is not None else ""
        lines.append(f"- {row['name']}: {value}{target} {row['unit']}".rstrip() + ".")
    coverage, reporting = figures["coverage"], figures["reporting"]
    if coverage["expected"]:
        lines.append(
            f"Triển khai xuống cấp dưới: {vn_number(coverage['signed'])}/"
            f"{vn_number(coverage['expected'])} đơn vị đã ký kết chương trình "
            f"({vn_percent(coverage['signed'], coverage['expected'])}); "
            f"{vn_number(reporting['approved_reviews'])}/{vn_number(reporting['children'])} "
            "đơn vị đã có báo cáo được duyệt."
        )
    table = Table(
        headers=["Nội dung phối hợp", *FIGURE_HEADERS[1:]],
        rows=[_figure_row(f"{i}. {a['title']}", a) for i, a in enumerate(figures["by_area"], 1)],
        total=_figure_row("Tổng cộng", totals),
    )
    chart = None
    if totals["activities"]:
        chart = bar_chart(
            [a["title"] for a in figures["by_area"]],
            [a["activities"] for a in figures["by_area"]],
            title="Số hoạt động theo nội dung phối hợp",
        )
    return [Section("III. KẾT QUẢ THỰC HIỆN", lines, table, chart)]


def report_sections(review: Review, figures: dict) -> list[Section]:
    narrative = review.narrative or {}
    sections: list[Section] = []
    assessment = Section(ASSESSMENT_HEADING)
    for key, heading in SECTIONS:
        text = _paragraphs(narrative.get(key, ""))
        if key == "results":
            sections.extend(_results(review, figures))
        elif key in ASSESSMENT_KEYS:
            assessment.paragraphs += [heading, *(text or ["…"])]
            if key == "lessons":
                sections.append(assessment)
        else:
            sections.append(Section(heading, text or ["…"]))
    return sections


def _signatures(review: Review, hierarchy: dict) -> list[Signature]:
    if review.joint:
        return [
            signature(
                title_text=p["signatory_title"],
                name=p["signatory_name"],
                central=p["tier"] == Tier.CENTRAL,
                organization=p["name"],
            )
            for p in hierarchy["parties"]
        ]
    central = review.unit.level.tier == Tier.CENTRAL
    party = next((p for p in hierarchy["parties"] if p["unit_id"] == review.unit_id), None)
    name = review.signatory_name or (party["signatory_name"] if party else "")
    title = review.signatory_title or (party["signatory_title"] if party else "")
    return [signature(title_text=title, name=name, central=central)]


def review_document(review: Review) -> OfficialDocument:
    figures = selectors.review_figures(review)
    hierarchy = selectors.review_hierarchy(review)
    if review.joint:
        issuers = [
            IssuerBlock(name=p["name"], superior=p["superior"]) for p in hierarchy["parties"]
        ]
        superiors = [p["superior"] for p in hierarchy["parties"] if p["superior"]]
    else:
        superior = hierarchy["superiors"][-1] if hierarchy["superiors"] else ""
        issuers = [IssuerBlock(name=hierarchy["unit"], superior=superior)]
        superiors = [superior] if superior else []
    recipients = [f"{s} (để báo cáo)" for s in dict.fromkeys(superiors)]
    recipients.append("Các đơn vị trực thuộc (để biết)")
    return OfficialDocument(
        kind="report",
        doc_type="Báo cáo",
        summary=summary_line(review),
        issuers=issuers,
        number=review.number,
        place=review.place,
        date=review.issued_on,
        sections=report_sections(review, figures),
        signatures=_signatures(review, hierarchy),
        recipients=recipients,
        party_style=review.unit.system.code in PARTY_SYSTEMS,
        system_code=review.unit.system.code,
        filename=f"bao-cao-{review.pk}",
    )


def review_annexes(review: Review) -> list[Annex]:
    figures = selectors.review_figures(review)
    subtitle = f"(Kèm theo Báo cáo {summary_line(review)})"

    def numbers(row: dict) -> list[int]:
        return [row["activities"], row["participants"], row["women"], row["cost"]]

    totals = numbers(figures["totals"])
    annexes = [
        Annex(
            title="Phụ lục 1. KẾT QUẢ THEO NỘI DUNG PHỐI HỢP",
            subtitle=subtitle,
            headers=["Nội dung phối hợp", *FIGURE_HEADERS[1:]],
            rows=[[a["title"], *numbers(a)] for a in figures["by_area"]],
            sheet="Theo nội dung",
            total=totals,
            notes=[ANNEX_NOTE],
        ),
        Annex(
            title="Phụ lục 2. KẾT QUẢ THEO LOẠI HOẠT ĐỘNG",
            subtitle=subtitle,
            headers=["Loại hoạt động", *FIGURE_HEADERS[1:]],
            rows=[[k["title"], *numbers(k)] for k in figures["by_kind"]],
            sheet="Theo loại hoạt động",
        ),
    ]
    if figures["children"]:
        annexes.append(
            Annex(
                title="Phụ lục 3. KẾT QUẢ CỦA CẤP DƯỚI",
                subtitle=subtitle,
                headers=["Đơn vị cấp dưới", *FIGURE_HEADERS[1:]],
                rows=[[c["label"], *numbers(c)] for c in figures["children"]],
                sheet="Cấp dưới",
            )
        )
    return annexes


def review_file(review: Review, fmt: str) -> FileResult:
    """The report (.docx, PDF) or the annex (.xlsx)."""
    if fmt == "xlsx":
        return FileResult(f"phu-luc-{review.pk}.xlsx", XLSX, render_xlsx(review_annexes(review)))
    return document_file(review_document(review), fmt)
