"""The demo reviews (seed articles 003 and 004) on programs built like the demo ones."""

import datetime as dt
import io
from io import StringIO

import pytest
from django.core.management import call_command
from docx import Document

from phoihop.accounts.permissions import SYSTEM
from phoihop.programs import services as program_services
from phoihop.programs.enums import PartyRole, ProgramKind
from phoihop.reviews.demo import demo_reviews_create
from phoihop.reviews.enums import ReviewKind, ReviewState
from phoihop.reviews.models import Review
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def demo_programs(union_root, women_root, hanoi_area):
    bac_giang = org_factories.unit(
        "Hội Liên hiệp Phụ nữ tỉnh Bắc Giang",
        system_code="hoi-lhpn",
        parent=women_root,
        area=org_factories.area("Tỉnh Bắc Giang", short_name="Bắc Giang"),
    )
    laos = org_factories.unit("Hội LHPN tỉnh Xay Sổm Bun (Lào)", system_code="nuoc-ngoai")
    agreement = program_services.program_create(
        actor=SYSTEM,
        parties=[{"unit": bac_giang, "role": PartyRole.LEAD}, {"unit": laos}],
        kind=ProgramKind.AGREEMENT,
        title="Thỏa thuận hợp tác giữa Hội LHPN tỉnh Bắc Giang và tỉnh Xay Sổm Bun (Lào) "
        "giai đoạn 2022-2025",
        start_year=2022,
        end_year=2025,
    )
    hanoi = org_factories.unit("Công đoàn ngành Công Thương Hà Nội", area=hanoi_area)
    haiphong = org_factories.unit("Công đoàn ngành Công Thương Hải Phòng")
    first = program_services.program_create(
        actor=SYSTEM,
        parties=[{"unit": hanoi, "role": PartyRole.LEAD}, {"unit": haiphong}],
        title="Chương trình phối hợp công tác giữa Công đoàn ngành Công Thương hai thành phố "
        "Hà Nội, Hải Phòng giai đoạn 2018 - 2023",
        start_year=2018,
        end_year=2023,
    )
    for program, day in ((agreement, dt.date(2022, 4, 20)), (first, dt.date(2018, 9, 7))):
        program_services.program_sign(program=program, signed_on=day, actor=SYSTEM)
        program_services.program_activate(program=program, actor=SYSTEM)
    return {"agreement": agreement, "first": first}


def test_demo_reviews_follow_articles_003_and_004(demo_programs):
    result = demo_reviews_create()

    reviews = {r.program_id: r for r in Review.objects.all()}
    six_months = reviews[demo_programs["agreement"].pk]
    final = reviews[demo_programs["first"].pk]
    assert result.skipped == ["000 Tiền Giang"]
    assert (six_months.kind, six_months.joint, six_months.state, six_months.issued_on) == (
        ReviewKind.HALF_YEAR,
        False,
        ReviewState.APPROVED,
        dt.date(2023, 7, 31),
    )
    assert (final.kind, final.joint, final.period_end, final.milestone.kind) == (
        ReviewKind.FINAL,
        True,
        dt.date(2023, 9, 8),
        "final_review",
    )


def test_export_documents_command_writes_the_joint_final_report(demo_programs, tmp_path):
    demo_reviews_create()
    final = Review.objects.get(program=demo_programs["first"])
    out = StringIO()

    call_command("export_documents", review=[final.pk], out=str(tmp_path), stdout=out)

    document = Document(io.BytesIO((tmp_path / f"bao-cao-{final.pk}.docx").read_bytes()))
    signatures = document.tables[-1].rows[0].cells
    assert [c.paragraphs[0].text for c in signatures] == [
        "CÔNG ĐOÀN NGÀNH CÔNG THƯƠNG HÀ NỘI",
        "CÔNG ĐOÀN NGÀNH CÔNG THƯƠNG HẢI PHÒNG",
    ]
    assert out.getvalue() == f"Đã ghi {tmp_path / f'bao-cao-{final.pk}.docx'}\n"
