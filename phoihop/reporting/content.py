"""What an official document says, independent of its file format.

Builders (``programs.py``, ``reviews.documents``) fill an ``OfficialDocument`` from the data;
``render`` turns it into .docx (docxtpl template), PDF (LibreOffice) or an .xlsx annex.
Exporters only format: every figure arrives here already computed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from phoihop.reporting.formatting import number_line, place_date_line


@dataclass
class IssuerBlock:
    """Top-left block: the directly superior body (upper case, regular) over the issuer (bold)."""

    name: str
    superior: str = ""

    def as_context(self) -> dict[str, str]:
        return {"name": self.name.upper(), "superior": self.superior.upper()}


@dataclass
class Signature:
    """Quyền hạn (``TM. BAN THƯỜNG VỤ``), chức vụ (``CHỦ TỊCH``) and họ tên of one signer."""

    authority: str
    title: str
    name: str
    organization: str = ""

    def as_context(self) -> dict[str, str]:
        return {
            "authority": self.authority.upper(),
            "title": self.title.upper(),
            "name": self.name,
            "organization": self.organization.upper(),
        }


@dataclass
class Table:
    """A table with a header, rows and an optional total row (always five columns in the
    built-in template: label and four figures)."""

    headers: list[str]
    rows: list[list[str]]
    total: list[str] | None = None


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    table: Table | None = None
    chart: bytes | None = None  # a PNG shown above the table, full text width


@dataclass
class OfficialDocument:
    kind: str  # "program", "plan" or "report": which template an organization may replace
    doc_type: str  # CHƯƠNG TRÌNH PHỐI HỢP, KẾ HOẠCH, BÁO CÁO…
    summary: str  # trích yếu
    issuers: list[IssuerBlock]
    number: str
    place: str
    date: dt.date | None
    sections: list[Section]
    signatures: list[Signature]
    recipients: list[str]
    preamble: list[str] = field(default_factory=list)  # "Căn cứ …" lines
    party_style: bool = False
    system_code: str = ""  # organization system of the lead issuer, for its own template
    filename: str = "van-ban"

    @property
    def joint(self) -> bool:
        return len(self.signatures) > 1

    def as_context(self) -> dict:
        signatures = [s.as_context() for s in self.signatures]
        if self.joint:
            rows = [
                {
                    "left": signatures[i],
                    "right": signatures[i + 1] if i + 1 < len(signatures) else None,
                }
                for i in range(0, len(signatures), 2)
            ]
        else:
            rows = [{"left": None, "right": signatures[0] if signatures else None}]
        return {
            "party_style": self.party_style,
            "issuers": [i.as_context() for i in self.issuers],
            "number_line": number_line(self.number, party_style=self.party_style),
            "place_date": place_date_line(self.place, self.date),
            "doc_type": self.doc_type.upper(),
            "summary": self.summary,
            "preamble": self.preamble,
            "sections": [
                {
                    "heading": s.heading,
                    "paragraphs": s.paragraphs,
                    "chart": s.chart,
                    "table": (
                        {"headers": s.table.headers, "rows": s.table.rows, "total": s.table.total}
                        if s.table
                        else None
                    ),
                }
                for s in self.sections
            ],
            "signature_rows": rows,
            "recipients_beside": not self.joint,
            "recipients": recipient_lines(self.recipients),
        }


def recipient_lines(recipients: list[str]) -> list[str]:
    """``- X;`` per recipient and ``- Lưu: VT.`` last, as ND 30/2020 lays out "Nơi nhận"."""
    lines = [f"- {r.rstrip(';.')};" for r in recipients if r.strip()]
    lines.append("- Lưu: VT.")
    return lines
