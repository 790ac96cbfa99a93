"""The program itself as a document for signing (and a joint plan as a KẾ HOẠCH), in the
structure of DOMAIN.md §5.1: căn cứ, I. mục đích – yêu cầu, II. nội dung phối hợp, III. phương
thức, IV. tổ chức thực hiện, V. chế độ thông tin – báo cáo, sơ kết, tổng kết; every party's
signature block."""

from __future__ import annotations

import datetime as dt
from typing import Any

from phoihop.core.text import fold
from phoihop.orgs.enums import Tier
from phoihop.orgs.selectors import ancestors, name_on, today
from phoihop.programs.enums import MilestoneKind, ProgramKind, ReportFrequency
from phoihop.programs.models import Program, ProgramParty
from phoihop.reporting.content import IssuerBlock, OfficialDocument, Section, Signature
from phoihop.reporting.formatting import date_words

# Document type names and ND 30/2020 abbreviations (Appendix III) by program kind.
DOC_TYPES = {
    ProgramKind.PROGRAM: ("Chương trình phối hợp", "CTrPH"),
    ProgramKind.REGULATION: ("Quy chế phối hợp", "QC"),
    ProgramKind.AGREEMENT: ("Thỏa thuận hợp tác", "BTT"),
    ProgramKind.JOINT_PLAN: ("Kế hoạch", "KH"),
}
# Systems whose documents follow the Party's HD 36-HD/VPTW header (ĐẢNG CỘNG SẢN VIỆT NAM, "*").
PARTY_SYSTEMS = {"dang", "dang-csvn"}
FREQUENCY_WORDS = {
    ReportFrequency.QUARTERLY: "hằng quý",
    ReportFrequency.SEMIANNUAL: "6 tháng và hằng năm",
    ReportFrequency.ANNUAL: "hằng năm",
}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def document_day(program: Program) -> dt.date:
    return program.signed_on or today()


def party_name(party: ProgramParty, day: dt.date) -> str:
    return party.name_as_signed or name_on(party.unit, day)


def issuer_block(unit: Any, name: str, day: dt.date) -> IssuerBlock:
    """The unit under its directly superior body (its parent in the tree on ``day``)."""
    chain = ancestors(unit, on=day)
    superior = ""
    if chain:
        parent = chain[-1]
        superior = parent.short_name or parent.name
    return IssuerBlock(name=name, superior=superior)


def signature(*, title_text: str, name: str, central: bool, organization: str = "") -> Signature:
    """``TM. BAN THƯỜNG VỤ`` (``TM. ĐOÀN CHỦ TỊCH`` at the central level) and the signer's
    position from the recorded title (a vice-chair signs ``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH``)."""
    if "pho chu tich" in fold(title_text):
        authority, title = "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    else:
        authority = "TM. ĐOÀN CHỦ TỊCH" if central else "TM. BAN THƯỜNG VỤ"
        title = "CHỦ TỊCH"
    return Signature(authority=authority, title=title, name=name, organization=organization)


def signature_for(party: ProgramParty, day: dt.date, *, with_organization: bool) -> Signature:
    return signature(
        title_text=party.signatory_title,
        name=party.signatory_name,
        central=party.unit.level.tier == Tier.CENTRAL,
        organization=party_name(party, day) if with_organization else "",
    )


def trich_yeu(title: str, doc_type: str) -> str:
    """The title without the document type it starts with: "Chương trình phối hợp các hoạt
    động…" under CHƯƠNG TRÌNH PHỐI HỢP reads "Các hoạt động…"."""
    if fold(title).startswith(fold(doc_type)):
        rest = title[len(doc_type) :].strip(" :,-")
        if rest:
            return rest[0].upper() + rest[1:]
    return title


def place_of(unit: Any) -> str:
    """The place of the date line: the province (or commune) of the seat; Hà Nội for central
    bodies without an area."""
    area = unit.area
    if area is None:
        return "Hà Nội"
    return area.short_name or area.name


def legal_basis_lines(program: Program, closing: str) -> list[str]:
    links = list(program.basis_links.select_related("document"))
    lines = []
    for link in links:
        document = link.document
        text = str(document)
        if document.summary:
            text += f" về {document.summary[0].lower()}{document.summary[1:]}"
        lines.append(f"Căn cứ {text};")
    if lines:
        lines.append(closing)
    return lines


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _content_paragraphs(program: Program, day: dt.date) -> list[str]:
    result = []
    for number, area in enumerate(program.content_areas.select_related("responsible__unit"), 1):
        result.append(f"{number}. {area.title}")
        result.extend(_paragraphs(area.description))
        tasks = [t.strip() for t in (area.tasks or "").replace("\n", ";").split(";")]
        result.extend(f"- {task[0].upper()}{task[1:]};" for task in tasks if task)
        if area.responsible is not None:
            result.append(f"Đơn vị chủ trì: {party_name(area.responsible, day)}.")
    return result or ["(Chưa nhập nội dung phối hợp.)"]


def _reporting_paragraphs(program: Program) -> list[str]:
    lines = [
        f"Định kỳ {FREQUENCY_WORDS.get(program.report_frequency, 'hằng năm')}, các bên trao đổi "
        f"thông tin và báo cáo kết quả thực hiện Chương trình; hạn gửi báo cáo là ngày "
        f"{program.report_deadline_day} của tháng cuối kỳ."
    ]
    lines.extend(_paragraphs(program.report_contents))
    reviews = program.milestones.filter(
        kind__in=[MilestoneKind.INTERIM_REVIEW, MilestoneKind.FINAL_REVIEW]
    ).order_by("due_on")
    lines.extend(f"- {m.title}: {date_words(m.due_on)}." for m in reviews)
    return lines


def program_document(program: Program) -> OfficialDocument:
    """The program as an OfficialDocument ready for .docx/PDF, signed by all its parties."""
    day = document_day(program)
    doc_type, _symbol = DOC_TYPES.get(program.kind, DOC_TYPES[ProgramKind.PROGRAM])
    parties = list(program.parties.select_related("unit__level", "unit__area", "unit__system"))
    names = [party_name(p, day) for p in parties]
    sections = [
        Section(
            "I. MỤC ĐÍCH, YÊU CẦU",
            [
                "1. Mục đích",
                *(_paragraphs(program.purpose) or ["(Chưa nhập.)"]),
                "2. Yêu cầu",
                *(_paragraphs(program.requirements) or ["(Chưa nhập.)"]),
            ],
        ),
        Section("II. NỘI DUNG PHỐI HỢP", _content_paragraphs(program, day)),
        Section(
            "III. PHƯƠNG THỨC PHỐI HỢP",
            _paragraphs(program.coordination_methods) or ["(Chưa nhập.)"],
        ),
        Section(
            "IV. TỔ CHỨC THỰC HIỆN",
            [
                f"{i}. {name}: {p.commitments or 'tổ chức triển khai các nội dung được phân công.'}"
                for i, (p, name) in enumerate(zip(parties, names, strict=True), 1)
            ],
        ),
        Section("V. CHẾ ĐỘ THÔNG TIN, BÁO CÁO, SƠ KẾT, TỔNG KẾT", _reporting_paragraphs(program)),
    ]
    closing = f"{' và '.join(names)} thống nhất ban hành {doc_type} với những nội dung sau:"
    lead = parties[0] if parties else None
    joint = len(parties) > 1
    recipients = []
    for party, name in zip(parties, names, strict=True):
        block = issuer_block(party.unit, name, day)
        if block.superior:
            recipients.append(f"{block.superior} (để báo cáo)")
    recipients.append("Các đơn vị trực thuộc các bên (để thực hiện)")
    return OfficialDocument(
        kind="plan" if program.kind == ProgramKind.JOINT_PLAN else "program",
        doc_type=doc_type,
        summary=trich_yeu(program.title, doc_type),
        issuers=[issuer_block(p.unit, n, day) for p, n in zip(parties, names, strict=True)],
        number=program.number,
        place=place_of(lead.unit) if lead else "",
        date=program.signed_on,
        preamble=legal_basis_lines(program, closing),
        sections=sections,
        signatures=[signature_for(p, day, with_organization=joint) for p in parties],
        recipients=list(dict.fromkeys(recipients)),
        party_style=bool(lead and lead.unit.system.code in PARTY_SYSTEMS),
        system_code=lead.unit.system.code if lead else "",
        filename=f"chuong-trinh-{program.pk}",
    )


def plan_document(program: Program, unit: Any, year: int) -> OfficialDocument:
    """A party's annual plan (kế hoạch) implementing ``program`` in ``year``: căn cứ the program
    (and its own bases), the contents with that year's milestones, the party's commitments,
    signed by the party alone. ``unit`` must be one of the program's parties."""
    day = dt.date(year, 1, 1)
    parties = list(program.parties.select_related("unit__level", "unit__area", "unit__system"))
    party = next((p for p in parties if p.unit_id == unit.pk), None)
    if party is None:
        raise ValueError("unit is not a party to the program")
    name = party_name(party, document_day(program))
    doc_type, _symbol = DOC_TYPES.get(program.kind, DOC_TYPES[ProgramKind.PROGRAM])
    signed = f" ngày {program.signed_on:%d/%m/%Y}" if program.signed_on else ""
    number = f" số {program.number}" if program.number else ""
    others = " và ".join(party_name(p, day) for p in parties if p.pk != party.pk)
    preamble = [f"Căn cứ {doc_type}{number}{signed} giữa {name} và {others};"]
    preamble += legal_basis_lines(program, "")[:-1]
    preamble.append(f"{name} xây dựng Kế hoạch thực hiện năm {year} như sau:")
    milestones = program.milestones.filter(due_on__year=year).order_by("due_on")
    timeline = [f"- {m.title}: trước {date_words(m.due_on)}." for m in milestones]
    block = issuer_block(party.unit, name, document_day(program))
    return OfficialDocument(
        kind="plan",
        doc_type="Kế hoạch",
        summary=f"Thực hiện {program.title[0].lower()}{program.title[1:]} năm {year}",
        issuers=[block],
        number="",
        place=place_of(party.unit),
        date=None,
        preamble=preamble,
        sections=[
            Section(
                "I. MỤC ĐÍCH, YÊU CẦU",
                _paragraphs(program.purpose) + _paragraphs(program.requirements)
                or [f"Cụ thể hóa các nội dung của {doc_type.lower()} trong năm {year}."],
            ),
            Section(
                "II. NỘI DUNG VÀ THỜI GIAN THỰC HIỆN",
                _content_paragraphs(program, day) + timeline,
            ),
            Section(
                "III. TỔ CHỨC THỰC HIỆN",
                [
                    party.commitments or "Các ban, đơn vị trực thuộc triển khai thực hiện.",
                    "Kinh phí thực hiện từ nguồn kinh phí hoạt động của đơn vị.",
                ],
            ),
        ],
        signatures=[signature_for(party, day, with_organization=False)],
        recipients=[f"{block.superior} (để báo cáo)"] if block.superior else [],
        party_style=party.unit.system.code in PARTY_SYSTEMS,
        system_code=party.unit.system.code,
        filename=f"ke-hoach-{program.pk}-{year}",
    )
