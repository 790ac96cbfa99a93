"""The demo programs follow the seed articles; partial area loads skip what they cannot build.

Built once for the module (inside a transaction rolled back at the end); each test runs in its
own savepoint. Only Đồng Tháp (new code 82: old Tiền Giang and Đồng Tháp) and Hà Nội (01) are
loaded: the real trees of new Lào Cai (15) and Hải Phòng (31) would triple the build time, so the
three units the demo looks up there (LĐLĐ and Hội LHPN tỉnh Lào Cai, Công đoàn ngành Công Thương
Hải Phòng) are made by the factories under their demo codes. Bắc Giang (new Bắc Ninh, 24) is
missing on purpose: its part is skipped.
"""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from phoihop.accounts.demo import demo_users_create
from phoihop.orgs.demo import demo_trees_create
from phoihop.orgs.models import OrgUnit
from phoihop.programs import demo
from phoihop.programs.enums import SIGNED_STATES, PartyRole, ProgramKind, ProgramState
from phoihop.programs.models import Milestone, Program
from phoihop.programs.selectors import phase_chain, program_coverage
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

S = ProgramState
NEW_PROVINCES = ["82", "01"]  # GSO codes after 1 July 2025
LEGACY_PROVINCES_LOADED = 3  # Tiền Giang, Đồng Tháp (old), Hà Nội


def _units_of_unloaded_provinces() -> None:
    union_root, women_root = OrgUnit.objects.get(code="TLD"), OrgUnit.objects.get(code="HLHPNVN")
    org_factories.unit("Liên đoàn Lao động tỉnh Lào Cai", parent=union_root, code="cong-doan-10")
    org_factories.unit(
        "Hội Liên hiệp Phụ nữ tỉnh Lào Cai",
        system_code="hoi-lhpn",
        parent=women_root,
        code="hoi-lhpn-10",
    )
    haiphong = org_factories.unit(
        "Liên đoàn Lao động thành phố Hải Phòng", parent=union_root, code="cong-doan-31"
    )
    org_factories.unit(
        "Công đoàn ngành Công Thương thành phố Hải Phòng",
        level_code="nganh-dia-phuong",
        parent=haiphong,
        code="cd-cong-thuong-31",
    )


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_admin_areas", province=NEW_PROVINCES, stdout=StringIO())
        demo_trees_create()
        demo_users_create()
        _units_of_unloaded_provinces()
        result = demo.demo_programs_create()
        yield result
        transaction.set_rollback(True)


def _program(title_start: str, start_year: int) -> Program:
    return Program.objects.get(
        parent__isnull=True, title__startswith=title_start, start_year=start_year
    )


def _parties(program: Program) -> list[tuple[str, str, str, str]]:
    return [
        (p.unit.code or p.unit.name, p.role, p.signatory_name, p.signatory_title)
        for p in program.parties.select_related("unit").order_by("order")
    ]


def _titles(program: Program) -> list[str]:
    return list(program.content_areas.order_by("order").values_list("title", flat=True))


def _bases(program: Program) -> list[str]:
    return [
        link.document.number
        for link in program.basis_links.select_related("document").order_by("order")
    ]


def test_demo_programs_counts_and_skipped_parts(built):
    assert built.skipped == ["Bắc Giang – Xay Sổm Bun"]
    assert built.programs == Program.objects.count()
    assert built.programs == 8 + built.derived  # 7 from the articles (no Bắc Giang), national
    assert built.signed + built.drafts == built.programs
    assert built.legal_documents == 12  # 938, 939; Lào Cai's nine; 02-NQ/TW (21-CT/TW shared)


def test_demo_tien_giang_program_as_the_article_reports(built):
    program = _program("Chương trình phối hợp các hoạt động trong nữ cán bộ", 2022)

    assert program.title == demo.TIEN_GIANG_TITLE
    assert (program.start_year, program.end_year) == (2022, 2027)
    assert program.signed_on == dt.date(2023, 3, 16)
    assert program.state == S.IN_EFFECT
    assert _parties(program) == [
        ("cong-doan-82", PartyRole.LEAD, "Lê Minh Hùng", "Tỉnh ủy viên, Chủ tịch LĐLĐ tỉnh"),
        (
            "hoi-lhpn-82",
            PartyRole.PARTNER,
            "Nguyễn Thị Kim Phượng",
            "Tỉnh ủy viên, Chủ tịch Hội LHPN tỉnh",
        ),
    ]
    assert [p.name_as_signed for p in program.parties.order_by("order")] == [
        "Liên đoàn Lao động tỉnh Tiền Giang",
        "Hội Liên hiệp Phụ nữ tỉnh Tiền Giang",
    ]
    assert len(_titles(program)) == 6
    assert "Công tác cán bộ nữ" in _titles(program)
    assert _bases(program) == ["938", "939"]
    assert Milestone.objects.filter(program=program, kind="final_review").exists()


def test_demo_tien_giang_previous_phase_had_three_parties_and_is_superseded(built):
    program = _program("Chương trình phối hợp các hoạt động trong nữ cán bộ", 2022)
    previous = program.predecessor

    assert (previous.start_year, previous.end_year) == (2017, 2022)
    assert previous.state == S.SUPERSEDED
    assert [p[0] for p in _parties(previous)] == [
        "cong-doan-82",
        "hoi-lhpn-82",
        "Tỉnh Đoàn Tiền Giang",
    ]
    assert phase_chain(program) == [previous, program]


def test_demo_tien_giang_cascade_covers_the_districts_most_signed(built):
    program = _program("Chương trình phối hợp các hoạt động trong nữ cán bộ", 2022)
    districts = OrgUnit.objects.filter(
        system__code="cong-doan", level__code="huyen", area__parent__code="82"
    ).count()

    coverage = program_coverage(program)

    assert program.cascade_tier == 2
    assert coverage.expected == districts == 11
    assert coverage.signed == 8
    assert 0 < coverage.in_effect < coverage.signed
    assert all(d.content_areas.count() == 6 for d in program.derived.all())


def test_demo_thanh_xuan_program_derives_from_the_hanoi_city_program(built):
    city = _program("Chương trình phối hợp tổ chức các hoạt động trong nữ công nhân", 2017)
    district = Program.objects.get(title=demo.THANH_XUAN_TITLE)

    assert district.parent == city
    assert district.source == "cascade"
    assert district.signed_on == dt.date(2017, 3, 6)
    assert district.signed_place == "Hội trường UBND quận Thanh Xuân"
    assert {(p[2], p[3]) for p in _parties(district)} == {
        ("Trần Lan Hương", "Chủ tịch Hội LHPN quận"),
        ("Trần Thị Nga", "Chủ tịch LĐLĐ quận"),
    }
    assert _titles(district) == demo.THANH_XUAN_AREAS
    assert district.purpose.startswith("Phối hợp xây dựng được đội ngũ nữ CNVCLĐ quận Thanh Xuân")
    assert district.state == S.CLOSED
    coverage = program_coverage(city)
    assert (coverage.expected, coverage.signed, coverage.reviewed) == (1, 1, 1)


def test_demo_hanoi_city_program_closed_and_renewed_in_2022(built):
    city = _program("Chương trình phối hợp tổ chức các hoạt động trong nữ công nhân", 2017)
    renewal = city.successor

    assert city.state == S.SUPERSEDED
    assert (renewal.start_year, renewal.end_year) == (2022, 2027)
    assert renewal.signed_on.year == 2022
    assert renewal.state == S.IN_EFFECT
    assert [p[0] for p in _parties(renewal)] == ["cong-doan-01", "hoi-lhpn-01"]


def test_demo_lao_cai_plan_cites_the_nine_documents_in_the_articles_order(built):
    plan = _program("Kế hoạch thực hiện", 2020)

    assert plan.kind == ProgramKind.JOINT_PLAN
    assert plan.end_year == 2020
    assert plan.signed_on < dt.date(2020, 2, 19)  # before the article's date
    assert [p[0] for p in _parties(plan)] == ["cong-doan-10", "hoi-lhpn-10"]
    assert _bases(plan) == [
        "23/KH-LĐLĐ",
        "57/NQ-CP",
        "11-NQ/TW",
        "19-CT/TU",
        "10/HD-LĐLĐ",
        "21-CT/TW",
        "6b/NQ-BCH",
        "03/CT-TLĐ",
        "12b/NQ-BCH",
    ]
    first = plan.basis_links.select_related("document").order_by("order").first().document
    assert (first.issued_on, first.issuer) == (
        dt.date(2016, 4, 22),
        "Ban Thường vụ LĐLĐ tỉnh Lào Cai",
    )


def test_demo_cong_thuong_chain_2018_2023_then_2023_2028(built):
    first = _program("Chương trình phối hợp công tác giữa Công đoàn ngành Công Thương", 2018)

    chain = phase_chain(first)

    assert [(p.start_year, p.end_year) for p in chain] == [(2018, 2023), (2023, 2028)]
    assert chain[0].state == S.SUPERSEDED
    assert chain[0].milestones.get(kind="final_review").done_on == dt.date(2023, 9, 8)
    assert chain[1].signed_on == dt.date(2023, 9, 8)
    assert chain[1].state == S.IN_EFFECT
    assert _titles(chain[1]) == demo.CONG_THUONG_AREAS
    assert [p[0] for p in _parties(chain[1])] == ["cd-cong-thuong-01", "cd-cong-thuong-31"]
    assert _bases(chain[1]) == ["02-NQ/TW"]


def test_demo_national_program_cascades_to_every_loaded_province(built):
    national = _program("Chương trình phối hợp hoạt động giữa Tổng Liên đoàn", 2023)

    coverage = program_coverage(national)

    assert national.cascade_tier == 1
    assert coverage.expected == LEGACY_PROVINCES_LOADED
    assert 0 < coverage.signed <= coverage.expected  # every 7th from the 4th stays unsigned
    signed_days = national.derived.filter(state__in=SIGNED_STATES).values_list(
        "signed_on", flat=True
    )
    assert all(dt.date(2024, 1, 1) <= day <= dt.date(2024, 12, 31) for day in signed_days)


def test_demo_bac_giang_agreement_when_its_units_exist(built):
    women_root = OrgUnit.objects.get(code="HLHPNVN")
    org_factories.unit(
        "Hội Liên hiệp Phụ nữ tỉnh Bắc Giang",
        system_code="hoi-lhpn",
        parent=women_root,
        code="hoi-lhpn-24",
    )

    assert demo._bac_giang() is True

    agreement = Program.objects.get(title=demo.BAC_GIANG_TITLE)
    assert agreement.kind == ProgramKind.AGREEMENT
    assert (agreement.start_year, agreement.end_year) == (2022, 2025)
    assert agreement.state == S.IN_EFFECT
    assert agreement.milestones.get(kind="interim_review").done_on == dt.date(2023, 7, 31)
    assert [p[0] for p in _parties(agreement)][1] == "Hội Liên hiệp Phụ nữ tỉnh Xay Sổm Bun (Lào)"


def test_seed_demo_data_leaves_existing_programs_alone(built):
    before = Program.objects.count()
    out = StringIO()

    call_command("seed_demo_data", stdout=out)

    assert Program.objects.count() == before
    assert "bỏ qua phần chương trình mẫu" in out.getvalue()


def test_demo_tinh_doan_tien_giang_follows_the_2025_merger(built):
    from phoihop.orgs.selectors import current_successors

    tinh_doan = OrgUnit.objects.get(name="Tỉnh Đoàn Tiền Giang")

    assert tinh_doan.valid_to == dt.date(2025, 7, 1)
    assert [u.name for u in current_successors(tinh_doan)] == ["Tỉnh Đoàn Đồng Tháp"]
