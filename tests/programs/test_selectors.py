"""Reads over programs: coverage of a cascade, visibility, search, filters, parties today."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from phoihop.accounts.models import Membership
from phoihop.orgs import services as org_services
from phoihop.orgs.enums import Tier
from phoihop.orgs.models import OrgSystem
from phoihop.programs import services
from phoihop.programs.cascade import program_cascade
from phoihop.programs.enums import ProgramKind, ProgramState
from phoihop.programs.models import Program
from phoihop.programs.selectors import (
    Coverage,
    derived_programs,
    parties_today,
    program_coverage,
    program_coverage_by_level,
    programs_filtered,
    programs_visible_to,
    search_programs,
)
from tests.factories import accounts as account_factories
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.unit, pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

TODAY = dt.date(2026, 3, 16)
REFORM = dt.date(2025, 7, 1)
SIGN_DAY = dt.date(2022, 3, 8)


def _create(actor, units, **fields) -> Program:
    values = {
        "title": "Chương trình phối hợp hoạt động trong nữ CNVCLĐ",
        "start_year": 2022,
        "end_year": 2027,
        **fields,
    }
    return services.program_create(
        actor=actor, parties=[{"unit": unit} for unit in units], **values
    )


@pytest.fixture
def cascaded(actor, hanoi_union, hanoi_women, tree):
    """A signed Hà Nội program cascaded to its two districts (Ba Đình first)."""
    program = _create(actor, [hanoi_union, hanoi_women], number="5346/CTPH-TLĐLĐVN-HLHPNVN")
    services.program_sign(program=program, signed_on=SIGN_DAY, actor=actor)
    ba_dinh, thanh_xuan = program_cascade(program=program, tier=Tier.DISTRICT, actor=actor).created
    return {"program": program, "ba_dinh": ba_dinh, "thanh_xuan": thanh_xuan}


# --- coverage --------------------------------------------------------------------------------


def _sign(program, actor):
    services.program_sign(program=program, signed_on=dt.date(2022, 6, 1), actor=actor)


def _activate(program, actor):
    services.program_activate(program=program, actor=actor)


def _review(program, actor):
    services.program_start_review(program=program, actor=actor)


def _close(program, actor):
    services.program_close(program=program, actor=actor)


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        pytest.param([], (2, 0, 0, 0), id="cascaded"),
        pytest.param([_sign], (2, 1, 0, 0), id="signed"),
        pytest.param([_sign, _activate], (2, 1, 1, 0), id="in-effect"),
        pytest.param([_sign, _activate, _review], (2, 1, 1, 1), id="under-review"),
        pytest.param([_sign, _activate, _review, _close], (2, 1, 0, 1), id="closed"),
    ],
)
def test_program_coverage_counts_follow_the_derived_programs(cascaded, actor, steps, expected):
    for step in steps:
        step(cascaded["ba_dinh"], actor)

    result = program_coverage(cascaded["program"])

    assert (result.expected, result.signed, result.in_effect, result.reviewed) == expected


def test_program_coverage_counts_by_state_and_percent(cascaded, actor):
    _sign(cascaded["ba_dinh"], actor)

    result = program_coverage(cascaded["program"])

    assert result.by_state == {ProgramState.DRAFT: 1, ProgramState.SIGNED: 1}
    assert result.signed_percent == 50


def test_program_coverage_without_derived_programs_is_empty(actor, hanoi_union, hanoi_women):
    program = _create(actor, [hanoi_union, hanoi_women])

    result = program_coverage(program)

    assert result == Coverage()
    assert result.signed_percent == 0


def test_program_coverage_by_level_counts_each_level_below(cascaded, actor, wards):
    _sign(cascaded["ba_dinh"], actor)
    wards = program_cascade(program=cascaded["ba_dinh"], tier=Tier.COMMUNE, actor=actor).created
    _sign(wards[0], actor)
    _activate(wards[0], actor)

    result = [
        (level, c.expected, c.signed, c.in_effect, c.reviewed)
        for level, c in program_coverage_by_level(cascaded["program"])
    ]

    assert result == [(1, 2, 1, 0, 0), (2, 2, 1, 1, 0)]


def test_program_coverage_by_level_from_a_district_starts_at_its_own_children(
    cascaded, actor, wards
):
    _sign(cascaded["ba_dinh"], actor)
    program_cascade(program=cascaded["ba_dinh"], tier=Tier.COMMUNE, actor=actor)

    result = [(level, c.expected) for level, c in program_coverage_by_level(cascaded["ba_dinh"])]

    assert result == [(1, 2)]


def test_program_coverage_by_level_ignores_other_trees(cascaded, actor, hanoi_union, hanoi_women):
    other = _create(actor, [hanoi_union, hanoi_women], title="Kế hoạch liên tịch")
    services.program_sign(program=other, signed_on=SIGN_DAY, actor=actor)
    program_cascade(program=other, tier=Tier.DISTRICT, actor=actor)

    result = [(level, c.expected) for level, c in program_coverage_by_level(cascaded["program"])]

    assert result == [(1, 2)]


# --- derived_programs ------------------------------------------------------------------------


def test_derived_programs_unsigned_lists_only_drafts(cascaded, actor):
    _sign(cascaded["ba_dinh"], actor)

    result = list(derived_programs(cascaded["program"], state="unsigned"))

    assert result == [cascaded["thanh_xuan"]]


def test_derived_programs_by_state(cascaded, actor):
    _sign(cascaded["ba_dinh"], actor)

    result = list(derived_programs(cascaded["program"], state=ProgramState.SIGNED))

    assert result == [cascaded["ba_dinh"]]


def test_derived_programs_all_sorted_with_their_own_coverage(cascaded, actor, wards):
    _sign(cascaded["ba_dinh"], actor)
    wards = program_cascade(program=cascaded["ba_dinh"], tier=Tier.COMMUNE, actor=actor).created
    _sign(wards[1], actor)

    result = [(p, p.derived_count, p.derived_signed) for p in derived_programs(cascaded["program"])]

    assert result == [(cascaded["ba_dinh"], 2, 1), (cascaded["thanh_xuan"], 0, 0)]


# --- programs_visible_to ---------------------------------------------------------------------


@pytest.fixture
def danang_program(actor, danang_union):
    front = org_factories.unit(
        "Ủy ban MTTQ Việt Nam thành phố Đà Nẵng",
        system_code="mttq",
        area=danang_union.area,
    )
    return _create(
        actor,
        [danang_union, front],
        kind=ProgramKind.REGULATION,
        title="Quy chế phối hợp công tác",
        number="02/QCPH",
        start_year=2019,
        end_year=2024,
    )


def test_programs_visible_to_party_a_officer_sees_the_program_and_its_derived(
    cascaded, danang_program, hanoi_union_officer
):
    result = set(programs_visible_to(hanoi_union_officer))

    assert result == {cascaded["program"], cascaded["ba_dinh"], cascaded["thanh_xuan"]}


def test_programs_visible_to_party_b_officer_sees_the_program_too(
    cascaded, danang_program, hanoi_women_officer
):
    result = set(programs_visible_to(hanoi_women_officer))

    assert result == {cascaded["program"], cascaded["ba_dinh"], cascaded["thanh_xuan"]}


def test_programs_visible_to_outsider_sees_only_own_programs(
    cascaded, danang_program, danang_union_officer
):
    result = list(programs_visible_to(danang_union_officer))

    assert result == [danang_program]


@pytest.mark.parametrize("system", ["union", "women"])
def test_programs_visible_to_district_officer_sees_only_the_derived_program(
    cascaded, danang_program, tree, system
):
    officer = account_factories.member(tree["ba_dinh"][system], "viewer")

    result = list(programs_visible_to(officer))

    assert result == [cascaded["ba_dinh"]]


def test_programs_visible_to_superuser_sees_everything(cascaded, danang_program):
    admin = account_factories.user("root", is_superuser=True)

    result = programs_visible_to(admin).count()

    assert result == 4


def test_programs_visible_to_anonymous_sees_nothing(cascaded, danang_program):
    result = list(programs_visible_to(AnonymousUser()))

    assert result == []


def test_programs_visible_to_lists_each_program_once(cascaded, hanoi_union, hanoi_women):
    officer = account_factories.member(hanoi_union, "viewer")
    Membership.objects.create(user=officer, unit=hanoi_women, role="viewer")

    result = list(programs_visible_to(officer).filter(pk=cascaded["program"].pk))

    assert result == [cascaded["program"]]


# --- search_programs -------------------------------------------------------------------------


@pytest.fixture
def hanoi_program(actor, hanoi_union, hanoi_women):
    return _create(actor, [hanoi_union, hanoi_women], number="5346/CTPH-TLĐLĐVN-HLHPNVN")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("ldld ha noi", ["hanoi"], id="abbreviation-unaccented"),
        pytest.param("LĐLĐ Hà Nội", ["hanoi"], id="abbreviation-accented"),
        pytest.param("5346/ctph", ["hanoi"], id="number"),
        pytest.param("chuong trinh phoi hop", ["hanoi"], id="title"),
        pytest.param("HỘI LIÊN HIỆP PHỤ NỮ", ["hanoi"], id="partner-name-upper"),
        pytest.param("quy che", ["danang"], id="other-title"),
        pytest.param("mttq da nang", ["danang"], id="other-party"),
        pytest.param("phoi hop", ["hanoi", "danang"], id="both"),
        pytest.param("ldld hai phong", [], id="no-match"),
        pytest.param("", ["hanoi", "danang"], id="empty"),
    ],
)
def test_search_programs_is_accent_insensitive_over_title_number_and_parties(
    hanoi_program, danang_program, query, expected
):
    programs = {"hanoi": hanoi_program, "danang": danang_program}

    result = list(search_programs(Program.objects.order_by("pk"), query))

    assert result == [programs[key] for key in expected]


def test_search_programs_after_refresh_finds_old_and_new_names_of_a_renamed_party(
    hanoi_program, actor, hanoi_union
):
    org_services.unit_rename(
        unit=hanoi_union, name="Công đoàn thành phố Hà Nội", on=REFORM, actor=actor
    )
    services.refresh_search_text(hanoi_program)

    result = {
        query: list(search_programs(Program.objects.all(), query))
        for query in ("lien doan lao dong ha noi", "cong doan thanh pho ha noi")
    }

    assert result == {
        "lien doan lao dong ha noi": [hanoi_program],
        "cong doan thanh pho ha noi": [hanoi_program],
    }


def test_search_programs_finds_a_party_by_its_new_name_after_a_rename(
    hanoi_program, actor, hanoi_union
):
    org_services.unit_rename(
        unit=hanoi_union, name="Công đoàn thành phố Hà Nội", on=REFORM, actor=actor
    )

    result = list(search_programs(Program.objects.all(), "cong doan thanh pho ha noi"))

    assert result == [hanoi_program]


# --- programs_filtered -----------------------------------------------------------------------


@pytest.fixture
def world(cascaded, danang_program, actor, hanoi_union, hanoi_area):
    services.program_activate(program=cascaded["program"], actor=actor)
    services.program_sign(program=danang_program, signed_on=dt.date(2019, 5, 1), actor=actor)
    return {
        "hanoi": cascaded["program"],
        "ba_dinh": cascaded["ba_dinh"],
        "thanh_xuan": cascaded["thanh_xuan"],
        "danang": danang_program,
        "hanoi_union": hanoi_union,
        "hanoi_area": hanoi_area,
        "women": OrgSystem.objects.get(code="hoi-lhpn"),
        "mttq": OrgSystem.objects.get(code="mttq"),
    }


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        pytest.param({"state": ProgramState.IN_EFFECT}, {"hanoi"}, id="state-in-effect"),
        pytest.param({"state": ProgramState.DRAFT}, {"ba_dinh", "thanh_xuan"}, id="state-draft"),
        pytest.param({"kind": ProgramKind.REGULATION}, {"danang"}, id="kind-regulation"),
        pytest.param(
            {"kind": ProgramKind.PROGRAM}, {"hanoi", "ba_dinh", "thanh_xuan"}, id="kind-program"
        ),
        pytest.param({"year": 2020}, {"danang"}, id="year-before"),
        pytest.param({"year": 2024}, {"hanoi", "ba_dinh", "thanh_xuan", "danang"}, id="year-both"),
        pytest.param({"year": 2026}, {"hanoi", "ba_dinh", "thanh_xuan"}, id="year-after"),
        pytest.param({"year": 2030}, set(), id="year-none"),
        pytest.param({"system": "women"}, {"hanoi", "ba_dinh", "thanh_xuan"}, id="system-women"),
        pytest.param({"system": "mttq"}, {"danang"}, id="system-mttq"),
        pytest.param({"tier": Tier.PROVINCE}, {"hanoi", "danang"}, id="tier-province"),
        pytest.param({"tier": Tier.DISTRICT}, {"ba_dinh", "thanh_xuan"}, id="tier-district"),
        pytest.param({"tier": ""}, {"hanoi", "ba_dinh", "thanh_xuan", "danang"}, id="tier-blank"),
        pytest.param({"party": "hanoi_union"}, {"hanoi"}, id="party"),
        pytest.param(
            {"area": "hanoi_area"}, {"hanoi", "ba_dinh", "thanh_xuan"}, id="area-and-below"
        ),
        pytest.param({"q": "quan ba dinh"}, {"ba_dinh"}, id="query"),
        pytest.param(
            {"state": ProgramState.DRAFT, "q": "thanh xuan"}, {"thanh_xuan"}, id="combined"
        ),
        pytest.param({}, {"hanoi", "ba_dinh", "thanh_xuan", "danang"}, id="none"),
    ],
)
def test_programs_filtered_by_each_filter(world, filters, expected):
    resolved = {
        key: world.get(value, value) if isinstance(value, str) else value
        for key, value in filters.items()
    }

    result = set(programs_filtered(Program.objects.all(), **resolved))

    assert result == {world[key] for key in expected}


# --- parties_today ---------------------------------------------------------------------------


@pytest.fixture
def merged_program(actor, tien_giang):
    """Tiền Giang's 2020–2025 program; both parties merged into the new Đồng Tháp in 2025."""
    old = {"union": tien_giang["union"], "women": tien_giang["women"]}
    new = {"union": tien_giang["new_union"], "women": tien_giang["new_women"]}
    program = _create(actor, [old["union"], old["women"]], start_year=2020, end_year=2025)
    for system in ("union", "women"):
        org_services.units_merge(sources=[old[system]], target=new[system], on=REFORM, actor=actor)
    return {"program": program, "old": old, "new": new}


def _rows(program, **kw) -> list[tuple]:
    return [
        (row["party"].unit.name, [u.name for u in row["carriers"]], row["active"])
        for row in parties_today(program, **kw)
    ]


def test_parties_today_show_the_successor_after_a_merge(merged_program):
    result = _rows(merged_program["program"])

    assert result == [
        ("Liên đoàn Lao động tỉnh Tiền Giang", ["Liên đoàn Lao động tỉnh Đồng Tháp"], False),
        ("Hội Liên hiệp Phụ nữ tỉnh Tiền Giang", ["Hội Liên hiệp Phụ nữ tỉnh Đồng Tháp"], False),
    ]


def test_parties_today_before_the_merge_have_no_successor(merged_program):
    result = _rows(merged_program["program"], on=dt.date(2025, 6, 30))

    assert result == [
        ("Liên đoàn Lao động tỉnh Tiền Giang", [], True),
        ("Hội Liên hiệp Phụ nữ tỉnh Tiền Giang", [], True),
    ]


def test_parties_today_keep_the_name_as_signed(merged_program):
    result = [row["party"].name_as_signed for row in parties_today(merged_program["program"])]

    assert result == ["Liên đoàn Lao động tỉnh Tiền Giang", "Hội Liên hiệp Phụ nữ tỉnh Tiền Giang"]
