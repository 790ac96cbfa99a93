"""Cascading a program down both hierarchies along counterpart pairs."""

import datetime as dt

import pytest

from phoihop.core.audit import entries_for
from phoihop.core.exceptions import DomainError
from phoihop.core.models import AuditEntry
from phoihop.orgs import services as org_services
from phoihop.orgs.enums import Tier
from phoihop.programs import services
from phoihop.programs.cascade import cascade_day, program_cascade
from phoihop.programs.enums import PartyRole, ProgramState, ReportFrequency
from phoihop.programs.models import Program
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.unit, pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

TODAY = dt.date(2026, 3, 16)
REFORM = dt.date(2025, 7, 1)


@pytest.fixture
def tree(tree, wards, hanoi_union, hanoi_area):
    """Hà Nội before 2025: Ba Đình and Thanh Xuân have both units, Cầu Giấy only a union;
    Ba Đình's two wards have both units (the conftest's tree and wards, plus Cầu Giấy)."""
    cau_giay = org_factories.unit(
        "Liên đoàn Lao động quận Cầu Giấy",
        level_code="huyen",
        parent=hanoi_union,
        area=org_factories.area("Quận Cầu Giấy", kind="district", parent=hanoi_area),
    )
    return {**tree, "cau_giay": cau_giay, "wards": wards}


@pytest.fixture
def reformed(tree, hanoi_union, hanoi_women, hanoi_area, actor, counterparts):
    """On 01/07/2025 Phúc Xá and Trúc Bạch merge into the new Ba Đình ward, under the city."""
    new_area = org_factories.area(
        "Phường Ba Đình", kind="ward", parent=hanoi_area, valid_from=REFORM
    )
    new_ward = counterparts(
        "phường Ba Đình", new_area, hanoi_union, hanoi_women, "xa", valid_from=REFORM
    )
    for system in ("union", "women"):
        org_services.units_merge(
            sources=[ward[system] for ward in tree["wards"].values()],
            target=new_ward[system],
            on=REFORM,
            actor=actor,
        )
    return {**tree, "new_ward": new_ward}


def _signed_program(actor, units, **fields) -> Program:
    values = {
        "title": "Chương trình phối hợp giai đoạn 2022–2027",
        "start_year": 2022,
        "end_year": 2027,
        "report_frequency": ReportFrequency.SEMIANNUAL,
        "report_deadline_day": 20,
        **fields,
    }
    program = services.program_create(
        actor=actor,
        parties=[{"unit": unit} for unit in units],
        content_areas=[{"title": "Tuyên truyền", "tasks": "Hội nghị"}, {"title": "Thi đua"}],
        **values,
    )
    return services.program_sign(program=program, signed_on=dt.date(2022, 3, 8), actor=actor)


@pytest.fixture
def program(actor, hanoi_union, hanoi_women, tree):
    return _signed_program(actor, [hanoi_union, hanoi_women], number="01/CTrPH")


def _party_units(programs) -> list[list]:
    return [[party.unit for party in each.parties.all()] for each in programs]


# --- to the districts ------------------------------------------------------------------------


def test_program_cascade_creates_one_program_per_counterpart_pair(program, actor, tree):
    result = program_cascade(program=program, tier=Tier.DISTRICT, actor=actor)

    assert _party_units(result.created) == [
        [tree["ba_dinh"]["union"], tree["ba_dinh"]["women"]],
        [tree["thanh_xuan"]["union"], tree["thanh_xuan"]["women"]],
    ]


def test_program_cascade_derived_programs_are_drafts_under_the_parent(program, actor):
    result = program_cascade(program=program, tier=Tier.DISTRICT, actor=actor)

    rows = [
        (p.state, p.parent, p.depth, p.path, p.source)
        for p in Program.objects.filter(pk__in=[d.pk for d in result.created]).order_by("pk")
    ]
    assert rows == [
        (ProgramState.DRAFT, program, 1, f"{program.pk}.{d.pk}.", "cascade") for d in result.created
    ]


def test_program_cascade_derived_programs_keep_phase_and_regime(program, actor):
    result = program_cascade(program=program, tier=Tier.DISTRICT, actor=actor)

    rows = {
        (p.start_year, p.end_year, p.report_frequency, p.report_deadline_day, p.number)
        for p in result.created
    }
    assert rows == {(2022, 2027, "semiannual", 20, "")}


def test_program_cascade_titles_each_derived_program_with_its_own_parties(program, actor):
    """A title that names no party gets the derived parties after it."""
    result = program_cascade(program=program, tier=Tier.DISTRICT, actor=actor)

    assert sorted(p.title for p in result.created) == [
        "Chương trình phối hợp giai đoạn 2022–2027 (Liên đoàn Lao động quận Ba Đình và "
        "Hội Liên hiệp Phụ nữ quận Ba Đình)",
        "Chương trình phối hợp giai đoạn 2022–2027 (Liên đoàn Lao động quận Thanh Xuân và "
        "Hội Liên hiệp Phụ nữ quận Thanh Xuân)",
    ]


def test_program_cascade_replaces_the_parties_named_in_the_title(program, actor):
    parties = list(program.parties.select_related("unit").order_by("order"))
    program.title = (
        f"Chương trình phối hợp giữa {parties[0].unit.name} và {parties[1].unit.name} "
        "giai đoạn 2022–2027"
    )
    program.save(update_fields=["title"])

    result = program_cascade(program=program, tier=Tier.DISTRICT, actor=actor)

    assert sorted(p.title for p in result.created) == [
        "Chương trình phối hợp giữa Liên đoàn Lao động quận Ba Đình và "
        "Hội Liên hiệp Phụ nữ quận Ba Đình giai đoạn 2022–2027",
        "Chương trình phối hợp giữa Liên đoàn Lao động quận Thanh Xuân và "
        "Hội Liên hiệp Phụ nữ quận Thanh Xuân giai đoạn 2022–2027",
    ]


def test_program_cascade_derived_parties_keep_the_roles(program, actor):
    result = program_cascade(program=program, tier=Tier.DISTRICT, actor=actor)

    rows = [[party.role for party in each.parties.all()] for each in result.created]

    assert rows == [[PartyRole.LEAD, PartyRole.PARTNER]] * 2


def test_program_cascade_content_areas_are_inherited(program, actor):
    result = program_cascade(program=program, tier=Tier.DISTRICT, actor=actor)

    parent_areas = list(program.content_areas.all())
    rows = [
        [(a.title, a.tasks, a.inherited_from) for a in each.content_areas.all()]
        for each in result.created
    ]
    assert (
        rows
        == [[("Tuyên truyền", "Hội nghị", parent_areas[0]), ("Thi đua", "", parent_areas[1])]] * 2
    )


def test_program_cascade_reports_units_without_counterpart(program, actor, tree):
    result = program_cascade(program=program, tier=Tier.DISTRICT, actor=actor)

    assert result.unmatched == [tree["cau_giay"]]


def test_program_cascade_twice_creates_nothing_new(program, actor):
    program_cascade(program=program, tier=Tier.DISTRICT, actor=actor)
    count = Program.objects.count()

    result = program_cascade(program=program, tier=Tier.DISTRICT, actor=actor)

    assert (result.created, result.existing) == ([], 2)
    assert Program.objects.count() == count


def test_program_cascade_audits_cascaded_on_the_parent(program, actor):
    program_cascade(program=program, tier=Tier.DISTRICT, actor=actor)

    entry = entries_for(program).first()
    assert entry.action == "phoihop.program.cascaded"
    assert entry.actor == actor
    assert entry.data == {
        "tier": 2,
        "created": 2,
        "existing": 0,
        "without_counterpart": ["Liên đoàn Lao động quận Cầu Giấy"],
    }


def test_program_cascade_audits_created_on_each_derived_program(program, actor):
    result = program_cascade(program=program, tier=Tier.DISTRICT, actor=actor)

    rows = [list(entries_for(p).values_list("action", flat=True)) for p in result.created]

    assert rows == [["phoihop.program.created"]] * 2


def test_program_cascade_records_the_tier_on_the_parent(program, actor):
    program_cascade(program=program, tier=Tier.DISTRICT, actor=actor)

    program.refresh_from_db()
    assert program.cascade_tier == Tier.DISTRICT


# --- refusals --------------------------------------------------------------------------------


def test_program_cascade_draft_program_is_refused(actor, hanoi_union, hanoi_women, tree):
    draft = services.program_create(
        actor=actor,
        parties=[{"unit": hanoi_union}, {"unit": hanoi_women}],
        title="Dự thảo",
        start_year=2022,
        end_year=2027,
    )
    before = (Program.objects.count(), AuditEntry.objects.count())

    with pytest.raises(DomainError):
        program_cascade(program=draft, tier=Tier.DISTRICT, actor=actor)

    assert (Program.objects.count(), AuditEntry.objects.count()) == before


@pytest.mark.parametrize("state", [ProgramState.CLOSED, ProgramState.SUPERSEDED])
def test_program_cascade_ended_program_is_refused(program, actor, state):
    Program.objects.filter(pk=program.pk).update(state=state)
    program.refresh_from_db()

    with pytest.raises(DomainError):
        program_cascade(program=program, tier=Tier.DISTRICT, actor=actor)

    assert program.derived.count() == 0


@pytest.mark.parametrize("tier", [Tier.CENTRAL, Tier.PROVINCE])
def test_program_cascade_tier_not_below_the_parties_is_refused(program, actor, tier):
    before = (Program.objects.count(), AuditEntry.objects.count())

    with pytest.raises(DomainError):
        program_cascade(program=program, tier=tier, actor=actor)

    program.refresh_from_db()
    assert (Program.objects.count(), AuditEntry.objects.count()) == before
    assert program.cascade_tier is None


# --- which tree ------------------------------------------------------------------------------


def test_cascade_day_running_phase_is_today(program):
    assert cascade_day(program) == TODAY


def test_cascade_day_past_phase_is_its_first_day(actor, hanoi_union, hanoi_women):
    past = _signed_program(actor, [hanoi_union, hanoi_women], start_year=2017, end_year=2022)

    assert cascade_day(past) == dt.date(2017, 1, 1)


def test_program_cascade_to_communes_before_the_reform_uses_the_old_wards(program, actor, reformed):
    result = program_cascade(
        program=program, tier=Tier.COMMUNE, actor=actor, on=dt.date(2024, 6, 1)
    )

    wards = reformed["wards"]
    assert _party_units(result.created) == [
        [wards["Phúc Xá"]["union"], wards["Phúc Xá"]["women"]],
        [wards["Trúc Bạch"]["union"], wards["Trúc Bạch"]["women"]],
    ]


def test_program_cascade_to_communes_after_the_merge_uses_the_new_tree(program, actor, reformed):
    result = program_cascade(
        program=program, tier=Tier.COMMUNE, actor=actor, on=dt.date(2026, 1, 15)
    )

    new_ward = reformed["new_ward"]
    assert _party_units(result.created) == [[new_ward["union"], new_ward["women"]]]
    assert result.unmatched == []


def test_program_cascade_by_default_follows_todays_tree(program, actor, reformed):
    result = program_cascade(program=program, tier=Tier.COMMUNE, actor=actor)

    new_ward = reformed["new_ward"]
    assert _party_units(result.created) == [[new_ward["union"], new_ward["women"]]]


def test_program_cascade_of_a_derived_program_goes_one_level_deeper(program, actor, tree):
    district = program_cascade(program=program, tier=Tier.DISTRICT, actor=actor).created[0]
    services.program_sign(program=district, signed_on=dt.date(2022, 5, 1), actor=actor)

    result = program_cascade(
        program=district, tier=Tier.COMMUNE, actor=actor, on=dt.date(2024, 6, 1)
    )

    wards = tree["wards"]
    rows = [(p.depth, p.path) for p in Program.objects.filter(parent=district).order_by("pk")]
    assert _party_units(result.created) == [
        [wards["Phúc Xá"]["union"], wards["Phúc Xá"]["women"]],
        [wards["Trúc Bạch"]["union"], wards["Trúc Bạch"]["women"]],
    ]
    assert rows == [(2, f"{program.pk}.{district.pk}.{p.pk}.") for p in result.created]


# --- known defects ---------------------------------------------------------------------------


def test_program_cascade_sector_union_of_the_province_has_no_counterpart(
    program, actor, hanoi_union, hanoi_area, tree
):
    sector = org_factories.unit(
        "Công đoàn Viên chức thành phố Hà Nội",
        level_code="nganh-dia-phuong",
        parent=hanoi_union,
        area=hanoi_area,
    )

    result = program_cascade(program=program, tier=Tier.DISTRICT, actor=actor)

    assert (len(result.created), result.unmatched) == (2, [sector, tree["cau_giay"]])


def test_program_cascade_keeps_the_lead_when_it_is_not_listed_first(
    actor, hanoi_union, hanoi_women, tree
):
    program = services.program_create(
        actor=actor,
        parties=[
            {"unit": hanoi_women, "role": PartyRole.PARTNER},
            {"unit": hanoi_union, "role": PartyRole.LEAD},
        ],
        title="Chương trình phối hợp",
        start_year=2022,
        end_year=2027,
    )
    services.program_sign(program=program, signed_on=dt.date(2022, 3, 8), actor=actor)

    result = program_cascade(program=program, tier=Tier.DISTRICT, actor=actor)

    rows = {party.unit.pk: party.role for party in result.created[0].parties.all()}
    assert rows == {
        tree["ba_dinh"]["union"].pk: PartyRole.LEAD,
        tree["ba_dinh"]["women"].pk: PartyRole.PARTNER,
    }


# --- what the cascade offers and carries down (issue 12, item 7) -------------------------------


def test_cascade_carries_the_legal_bases_down(program, actor):
    from phoihop.documents.models import LegalDocument

    basis = LegalDocument.objects.create(
        doc_type="nghi-quyet", number="6b/NQ-BCH", issuer="Tổng LĐLĐ Việt Nam", summary="Nữ công"
    )
    services.program_set_legal_bases(program=program, documents=[basis], actor=actor)

    result = program_cascade(program=program, tier=Tier.DISTRICT, actor=actor)

    assert [[link.document for link in p.basis_links.all()] for p in result.created] == [
        [basis],
        [basis],
    ]


def test_cascade_to_a_level_without_units_says_why_and_creates_nothing(program, actor):
    before = Program.objects.count()

    with pytest.raises(DomainError) as refused:
        program_cascade(program=program, tier=Tier.GRASSROOTS, actor=actor)

    assert "16/03/2026" in str(refused.value)
    assert Program.objects.count() == before


def test_tiers_below_offers_only_levels_that_exist_on_the_day(program, actor, tree):
    from phoihop.programs.cascade import tiers_below

    assert tiers_below(program) == [(Tier.DISTRICT, 3), (Tier.COMMUNE, 2)]

    for district in ("ba_dinh", "thanh_xuan"):
        for system in ("union", "women"):
            org_services.unit_dissolve(
                unit=tree[district][system], on=REFORM, actor=actor, cascade=True
            )
    org_services.unit_dissolve(unit=tree["cau_giay"], on=REFORM, actor=actor)

    assert tiers_below(program) == []
    assert tiers_below(program, dt.date(2024, 1, 1))[0] == (Tier.DISTRICT, 3)
