"""Writes to programs: creation, updates, the audited lifecycle, renewals and milestones."""

import datetime as dt

import pytest

from phoihop.accounts.permissions import SYSTEM
from phoihop.core.audit import entries_for
from phoihop.core.exceptions import DomainError
from phoihop.core.models import AuditEntry
from phoihop.core.text import fold
from phoihop.documents import services as document_services
from phoihop.orgs import services as org_services
from phoihop.programs import milestones as milestone_rules
from phoihop.programs import services
from phoihop.programs.enums import (
    TRANSITIONS,
    MilestoneKind,
    PartyRole,
    ProgramState,
    ReportFrequency,
)
from phoihop.programs.models import Milestone, Program
from phoihop.programs.selectors import phase_chain, search_programs

pytestmark = [pytest.mark.unit, pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]

TODAY = dt.date(2026, 3, 16)
REFORM = dt.date(2025, 7, 1)
SIGN_DAY = dt.date(2022, 3, 8)
S = ProgramState


def _parties(*units) -> list[dict]:
    return [{"unit": unit} for unit in units]


def _create(actor, units, **fields) -> Program:
    values = {
        "title": "Chương trình phối hợp hoạt động trong nữ CNVCLĐ",
        "start_year": 2022,
        "end_year": 2027,
        **fields,
    }
    return services.program_create(actor=actor, parties=_parties(*units), **values)


def _force(program: Program, state: str) -> Program:
    """Put a program in ``state`` directly (arrangement, not a transition under test)."""
    Program.objects.filter(pk=program.pk).update(state=state)
    program.state = state
    return program


def _actions(program: Program) -> list[str]:
    return list(entries_for(program).order_by("pk").values_list("action", flat=True))


@pytest.fixture
def program(actor, hanoi_union, hanoi_women):
    return _create(
        actor,
        [hanoi_union, hanoi_women],
        number="5346/CTPH-TLĐLĐVN-HLHPNVN",
        content_areas=[{"title": "Tuyên truyền"}, {"title": "Thi đua"}],
    )


def _merge(tien_giang, actor) -> None:
    for old, new in (("union", "new_union"), ("women", "new_women")):
        org_services.units_merge(
            sources=[tien_giang[old]], target=tien_giang[new], on=REFORM, actor=actor
        )
        tien_giang[old].refresh_from_db()


# --- program_create --------------------------------------------------------------------------


def test_program_create_makes_a_draft_with_ordered_parties(program, hanoi_union, hanoi_women):
    result = [(p.unit, p.role, p.order) for p in program.parties.all()]

    assert program.state == S.DRAFT
    assert result == [(hanoi_union, PartyRole.LEAD, 0), (hanoi_women, PartyRole.PARTNER, 1)]


def test_program_create_keeps_content_areas_in_order(program):
    result = list(program.content_areas.values_list("order", "title"))

    assert result == [(0, "Tuyên truyền"), (1, "Thi đua")]


def test_program_create_sets_a_root_path(program):
    program.refresh_from_db()

    assert (program.path, program.depth) == (f"{program.pk}.", 0)


def test_program_create_one_party_is_refused(actor, hanoi_union):
    with pytest.raises(DomainError) as error:
        _create(actor, [hanoi_union])

    assert error.value.field == "parties"
    assert Program.objects.count() == 0


def test_program_create_duplicate_party_is_refused(actor, hanoi_union):
    with pytest.raises(DomainError) as error:
        _create(actor, [hanoi_union, hanoi_union])

    assert error.value.field == "parties"
    assert Program.objects.count() == 0


def test_program_create_end_year_before_start_year_is_refused(actor, hanoi_union, hanoi_women):
    with pytest.raises(DomainError) as error:
        _create(actor, [hanoi_union, hanoi_women], start_year=2027, end_year=2022)

    assert error.value.field == "end_year"
    assert Program.objects.count() == 0


def test_program_create_signing_date_in_the_future_is_refused(actor, hanoi_union, hanoi_women):
    tomorrow = TODAY + dt.timedelta(days=1)

    with pytest.raises(DomainError) as error:
        _create(actor, [hanoi_union, hanoi_women], signed_on=tomorrow)

    assert error.value.field == "signed_on"
    assert Program.objects.count() == 0


def test_program_create_signing_date_today_is_accepted(actor, hanoi_union, hanoi_women):
    result = _create(actor, [hanoi_union, hanoi_women], signed_on=TODAY)

    assert result.signed_on == TODAY


def test_program_create_unknown_field_is_refused(actor, hanoi_union, hanoi_women):
    with pytest.raises(DomainError):
        _create(actor, [hanoi_union, hanoi_women], state=S.IN_EFFECT)

    assert Program.objects.count() == 0


def test_program_create_captures_name_as_signed_before_a_later_rename(
    actor, hanoi_union, hanoi_women
):
    program = _create(actor, [hanoi_union, hanoi_women], signed_on=SIGN_DAY)
    org_services.unit_rename(
        unit=hanoi_union, name="Công đoàn thành phố Hà Nội", on=REFORM, actor=actor
    )
    renamed_later = _create(actor, [hanoi_union, hanoi_women], signed_on=SIGN_DAY)

    result = [p.name_as_signed for p in renamed_later.parties.all()]

    assert [p.name_as_signed for p in program.parties.all()] == result
    assert result == [
        "Liên đoàn Lao động thành phố Hà Nội",
        "Hội Liên hiệp Phụ nữ thành phố Hà Nội",
    ]


def test_program_create_explicit_name_as_signed_is_kept(actor, hanoi_union, hanoi_women):
    parties = [
        {"unit": hanoi_union, "name_as_signed": "LĐLĐ  Hà Nội", "signatory_name": "Nguyễn Văn A"},
        {"unit": hanoi_women},
    ]

    program = services.program_create(
        actor=actor, parties=parties, title="Chương trình", start_year=2022
    )

    lead = program.parties.first()
    assert (lead.name_as_signed, lead.signatory_name) == ("LĐLĐ Hà Nội", "Nguyễn Văn A")


def test_program_create_search_text_folds_title_number_and_party_names(program):
    program.refresh_from_db()

    assert program.search_text == fold(
        "Chương trình phối hợp hoạt động trong nữ CNVCLĐ 5346/CTPH-TLĐLĐVN-HLHPNVN "
        "Liên đoàn Lao động thành phố Hà Nội "
        "Liên đoàn Lao động thành phố Hà Nội LĐLĐ thành phố Hà Nội LĐLĐ Hà Nội "
        "Hội Liên hiệp Phụ nữ thành phố Hà Nội "
        "Hội Liên hiệp Phụ nữ thành phố Hà Nội Hội LHPN thành phố Hà Nội"
    )
    assert program.search_text.startswith(
        "chuong trinh phoi hop hoat dong trong nu cnvcld 5346 ctph"
    )


def test_program_create_audits_created_with_title_and_parties(program, actor):
    entry = entries_for(program).get()

    assert entry.action == "phoihop.program.created"
    assert entry.actor == actor
    assert entry.data == {
        "title": "Chương trình phối hợp hoạt động trong nữ CNVCLĐ",
        "parties": ["Liên đoàn Lao động thành phố Hà Nội", "Hội Liên hiệp Phụ nữ thành phố Hà Nội"],
    }


def test_program_create_records_the_creator(program, actor):
    assert program.created_by == actor


# --- program_update --------------------------------------------------------------------------


def test_program_update_audits_only_changed_fields(program, actor):
    services.program_update(
        program=program, actor=actor, title="Chương trình phối hợp mới", start_year=2022
    )

    entry = entries_for(program).first()
    assert entry.action == "phoihop.program.updated"
    assert entry.data == {
        "title": {
            "old": "Chương trình phối hợp hoạt động trong nữ CNVCLĐ",
            "new": "Chương trình phối hợp mới",
        }
    }


def test_program_update_without_changes_writes_no_audit_entry(program, actor):
    before = AuditEntry.objects.count()

    services.program_update(program=program, actor=actor, start_year=2022, end_year=2027)

    assert AuditEntry.objects.count() == before


def test_program_update_replaces_parties_with_old_and_new_in_audit(
    program, actor, hanoi_union, hanoi_women, danang_union
):
    services.program_update(
        program=program, actor=actor, parties=_parties(hanoi_women, danang_union)
    )

    entry = entries_for(program).first()
    assert [p.unit for p in program.parties.all()] == [hanoi_women, danang_union]
    assert entry.data == {
        "parties": {
            "old": [
                "Liên đoàn Lao động thành phố Hà Nội",
                "Hội Liên hiệp Phụ nữ thành phố Hà Nội",
            ],
            "new": [
                "Hội Liên hiệp Phụ nữ thành phố Hà Nội",
                "Liên đoàn Lao động thành phố Đà Nẵng",
            ],
        }
    }


def test_program_update_replaces_content_areas_with_old_and_new_in_audit(program, actor):
    services.program_update(
        program=program,
        actor=actor,
        content_areas=[{"title": "Chăm lo đời sống"}, {"title": ""}, {"title": "Thi đua"}],
    )

    entry = entries_for(program).first()
    assert list(program.content_areas.values_list("title", flat=True)) == [
        "Chăm lo đời sống",
        "Thi đua",
    ]
    assert entry.data == {
        "content_areas": {
            "old": ["Tuyên truyền", "Thi đua"],
            "new": ["Chăm lo đời sống", "Thi đua"],
        }
    }


def test_program_update_refreshes_search_text_with_new_party(
    program, actor, hanoi_union, danang_union
):
    services.program_update(
        program=program, actor=actor, parties=_parties(hanoi_union, danang_union)
    )

    result = {q: list(search_programs(Program.objects.all(), q)) for q in ("đà nẵng", "phụ nữ")}

    assert result == {"đà nẵng": [program], "phụ nữ": []}


@pytest.mark.parametrize("state", [S.CLOSED, S.SUPERSEDED])
def test_program_update_closed_program_is_refused(program, actor, state):
    _force(program, state)
    before = AuditEntry.objects.count()

    with pytest.raises(DomainError):
        services.program_update(program=program, actor=actor, title="Đổi tên")

    program.refresh_from_db()
    assert program.title == "Chương trình phối hợp hoạt động trong nữ CNVCLĐ"
    assert AuditEntry.objects.count() == before


def test_program_update_invalid_years_change_nothing(program, actor):
    with pytest.raises(DomainError):
        services.program_update(program=program, actor=actor, end_year=2020)

    program.refresh_from_db()
    assert program.end_year == 2027


def test_program_update_phase_change_of_a_signed_program_regenerates_milestones(program, actor):
    services.program_sign(program=program, signed_on=SIGN_DAY, actor=actor)

    services.program_update(program=program, actor=actor, end_year=2026)

    final = program.milestones.get(kind=MilestoneKind.FINAL_REVIEW)
    assert final.due_on == dt.date(2026, 12, 31)


# --- lifecycle -------------------------------------------------------------------------------


def _sign(program, actor):
    return services.program_sign(program=program, signed_on=SIGN_DAY, actor=actor)


def _activate(program, actor):
    return services.program_activate(program=program, actor=actor)


def _start_review(program, actor):
    return services.program_start_review(program=program, actor=actor)


def _end_review(program, actor):
    return services.program_end_review(program=program, actor=actor)


def _close(program, actor):
    return services.program_close(program=program, actor=actor)


TRANSITION_FUNCTIONS = {
    _sign: S.SIGNED,
    _activate: S.IN_EFFECT,
    _start_review: S.UNDER_REVIEW,
    _end_review: S.IN_EFFECT,
    _close: S.CLOSED,
}
ALLOWED = [
    (S.DRAFT, _sign, S.SIGNED, "phoihop.program.signed"),
    (S.SIGNED, _activate, S.IN_EFFECT, "phoihop.program.activated"),
    (S.IN_EFFECT, _start_review, S.UNDER_REVIEW, "phoihop.program.review_started"),
    (S.UNDER_REVIEW, _end_review, S.IN_EFFECT, "phoihop.program.review_ended"),
    (S.IN_EFFECT, _close, S.CLOSED, "phoihop.program.closed"),
    (S.UNDER_REVIEW, _close, S.CLOSED, "phoihop.program.closed"),
]
ILLEGAL = [
    pytest.param(state, function, id=f"{state}-{function.__name__.strip('_')}")
    for state in S
    for function, target in TRANSITION_FUNCTIONS.items()
    if target not in TRANSITIONS[state]
]


def _frozen_state() -> dict:
    return {
        "programs": list(Program.objects.order_by("pk").values_list("pk", "state", "signed_on")),
        "audit": AuditEntry.objects.count(),
        "milestones": list(Milestone.objects.order_by("pk").values_list("pk", "done_on")),
    }


def test_transitions_cover_every_state():
    assert set(TRANSITIONS) == set(S)


def test_illegal_pairs_are_the_complement_of_transitions():
    assert len(ILLEGAL) == 22


@pytest.mark.parametrize(
    ("state", "function", "target", "action"),
    [pytest.param(*row, id=f"{row[0]}-{row[1].__name__.strip('_')}") for row in ALLOWED],
)
def test_program_transition_allowed_moves_state_and_audits(
    program, actor, state, function, target, action
):
    _force(program, state)

    function(program, actor)

    program.refresh_from_db()
    entry = entries_for(program).first()
    assert program.state == target
    assert entry.action == action
    assert entry.data["state"] == {"old": state, "new": target}
    assert entry.actor == actor


def test_program_lifecycle_full_path_in_order(program, actor):
    _sign(program, actor)
    _activate(program, actor)
    _start_review(program, actor)
    _end_review(program, actor)
    _close(program, actor)

    program.refresh_from_db()
    assert program.state == S.CLOSED
    assert _actions(program) == [
        "phoihop.program.created",
        "phoihop.program.signed",
        "phoihop.program.activated",
        "phoihop.program.review_started",
        "phoihop.program.review_ended",
        "phoihop.program.closed",
    ]


@pytest.mark.parametrize(("state", "function"), ILLEGAL)
def test_program_transition_illegal_is_refused_and_changes_nothing(program, actor, state, function):
    _force(program, state)
    before = _frozen_state()

    with pytest.raises(DomainError):
        function(program, actor)

    assert program.state == state
    assert _frozen_state() == before


def test_program_end_review_on_a_signed_program_is_refused(program, actor):
    _force(program, S.SIGNED)
    before = _frozen_state()

    with pytest.raises(DomainError):
        _end_review(program, actor)

    assert _frozen_state() == before


def test_program_activate_on_a_program_under_review_is_refused(program, actor):
    _force(program, S.UNDER_REVIEW)
    before = _frozen_state()

    with pytest.raises(DomainError):
        _activate(program, actor)

    assert _frozen_state() == before


def test_program_start_review_marks_the_interim_review_done(program, actor):
    _sign(program, actor)
    _activate(program, actor)

    services.program_start_review(program=program, actor=actor, held_on=dt.date(2024, 12, 20))

    interim = program.milestones.get(kind=MilestoneKind.INTERIM_REVIEW)
    assert interim.done_on == dt.date(2024, 12, 20)


def test_program_close_marks_the_final_review_done_today_by_default(program, actor):
    _sign(program, actor)
    _activate(program, actor)

    _close(program, actor)

    final = program.milestones.get(kind=MilestoneKind.FINAL_REVIEW)
    assert final.done_on == TODAY


# --- program_sign ----------------------------------------------------------------------------


def test_program_sign_records_date_number_and_place(program, actor):
    services.program_sign(
        program=program,
        signed_on=SIGN_DAY,
        actor=actor,
        number="01/CTrPH-LĐLĐ-HLHPN",
        signed_place="Hà Nội",
    )

    program.refresh_from_db()
    assert (program.state, program.signed_on, program.number, program.signed_place) == (
        S.SIGNED,
        SIGN_DAY,
        "01/CTrPH-LĐLĐ-HLHPN",
        "Hà Nội",
    )
    assert list(search_programs(Program.objects.all(), "01/ctrph-ldld")) == [program]


def test_program_sign_without_number_keeps_the_existing_one(program, actor):
    _sign(program, actor)

    program.refresh_from_db()
    assert program.number == "5346/CTPH-TLĐLĐVN-HLHPNVN"


def test_program_sign_audit_carries_the_signing_date(program, actor):
    _sign(program, actor)

    entry = entries_for(program).first()
    assert entry.data == {"state": {"old": S.DRAFT, "new": S.SIGNED}, "signed_on": "2022-03-08"}


def test_program_sign_in_the_future_is_refused(program, actor):
    before = _frozen_state()

    with pytest.raises(DomainError) as error:
        services.program_sign(program=program, signed_on=TODAY + dt.timedelta(days=1), actor=actor)

    assert error.value.field == "signed_on"
    assert _frozen_state() == before


def test_program_sign_generates_the_schedule_as_milestones(program, actor):
    _sign(program, actor)

    result = list(program.milestones.values_list("kind", "due_on", "title"))

    assert result == [
        (item["kind"], item["due_on"], item["title"]) for item in milestone_rules.schedule(program)
    ]
    assert len(result) == 13


def test_program_sign_milestones_are_generated_and_owned_by_the_lead(program, actor):
    _sign(program, actor)

    result = set(program.milestones.values_list("generated", "responsible__unit__name"))

    assert result == {(True, "Liên đoàn Lao động thành phố Hà Nội")}


# --- program_renew ---------------------------------------------------------------------------


@pytest.fixture
def documents():
    return [
        document_services.document_create(
            actor=SYSTEM, doc_type="Chỉ thị", number="21-CT/TW", issued_on=dt.date(2018, 1, 20)
        ),
        document_services.document_create(
            actor=SYSTEM, doc_type="Luật", number="73/2006/QH11", issued_on=dt.date(2006, 11, 29)
        ),
    ]


@pytest.fixture
def tg_program(actor, tien_giang, documents):
    """Tiền Giang's 2020–2025 program, in effect, with a regime, commitments and legal bases."""
    program = services.program_create(
        actor=actor,
        parties=[
            {"unit": tien_giang["union"], "commitments": "Chủ trì tổ chức hội nghị"},
            {"unit": tien_giang["women"], "commitments": "Phối hợp tuyên truyền"},
        ],
        content_areas=[
            {"title": "Tuyên truyền", "description": "Chỉ thị 21", "tasks": "Hội nghị"},
            {"title": "Chăm lo nữ CNVCLĐ"},
        ],
        legal_bases=documents,
        title="Chương trình phối hợp giai đoạn 2020–2025",
        number="01/CTrPH",
        start_year=2020,
        end_year=2025,
        signed_place="Mỹ Tho",
        report_frequency=ReportFrequency.SEMIANNUAL,
        report_deadline_day=20,
        report_contents="Kết quả các hoạt động",
    )
    services.program_sign(program=program, signed_on=dt.date(2020, 3, 8), actor=actor)
    services.program_activate(program=program, actor=actor)
    return program


def test_program_renew_parties_are_the_successors_after_a_merge(tg_program, tien_giang, actor):
    _merge(tien_giang, actor)

    renewal = services.program_renew(program=tg_program, actor=actor)

    result = [(p.unit, p.role, p.commitments, p.name_as_signed) for p in renewal.parties.all()]
    assert result == [
        (
            tien_giang["new_union"],
            PartyRole.LEAD,
            "Chủ trì tổ chức hội nghị",
            "Liên đoàn Lao động tỉnh Đồng Tháp",
        ),
        (
            tien_giang["new_women"],
            PartyRole.PARTNER,
            "Phối hợp tuyên truyền",
            "Hội Liên hiệp Phụ nữ tỉnh Đồng Tháp",
        ),
    ]


def test_program_renew_without_merge_keeps_the_same_units(tg_program, tien_giang, actor):
    renewal = services.program_renew(program=tg_program, actor=actor)

    assert [p.unit for p in renewal.parties.all()] == [tien_giang["union"], tien_giang["women"]]


def test_program_renew_makes_a_linked_draft_for_the_next_phase(tg_program, actor):
    renewal = services.program_renew(program=tg_program, actor=actor)

    renewal.refresh_from_db()
    assert (renewal.state, renewal.predecessor, renewal.parent) == (S.DRAFT, tg_program, None)
    assert (renewal.start_year, renewal.end_year) == (2025, 2030)
    assert (renewal.number, renewal.signed_on) == ("", None)


def test_program_renew_explicit_phase_is_used(tg_program, actor):
    renewal = services.program_renew(
        program=tg_program, actor=actor, start_year=2026, end_year=2030
    )

    assert renewal.phase_label == "2026–2030"


def test_program_renew_copies_content_areas(tg_program, actor):
    renewal = services.program_renew(program=tg_program, actor=actor)

    result = list(renewal.content_areas.values_list("order", "title", "description", "tasks"))

    assert result == [
        (0, "Tuyên truyền", "Chỉ thị 21", "Hội nghị"),
        (1, "Chăm lo nữ CNVCLĐ", "", ""),
    ]


def test_program_renew_copies_the_reporting_regime(tg_program, actor):
    renewal = services.program_renew(program=tg_program, actor=actor)

    result = (renewal.report_frequency, renewal.report_deadline_day, renewal.report_contents)

    assert result == (ReportFrequency.SEMIANNUAL, 20, "Kết quả các hoạt động")


def test_program_renew_copies_legal_bases_in_order(tg_program, actor, documents):
    renewal = services.program_renew(program=tg_program, actor=actor)

    result = [link.document for link in renewal.basis_links.all()]

    assert result == documents


def test_program_renew_audits_renewed_on_the_old_and_created_on_the_new(tg_program, actor):
    renewal = services.program_renew(program=tg_program, actor=actor)

    assert _actions(tg_program)[-1] == "phoihop.program.renewed"
    assert entries_for(tg_program).first().data == {"next": str(renewal)}
    assert _actions(renewal) == ["phoihop.program.created"]


def test_program_renew_twice_is_refused(tg_program, actor):
    services.program_renew(program=tg_program, actor=actor)
    before = _frozen_state()

    with pytest.raises(DomainError):
        services.program_renew(program=tg_program, actor=actor)

    assert _frozen_state() == before


@pytest.mark.parametrize("state", [S.DRAFT, S.SIGNED, S.SUPERSEDED])
def test_program_renew_not_in_effect_or_closed_is_refused(program, actor, state):
    _force(program, state)

    with pytest.raises(DomainError):
        services.program_renew(program=program, actor=actor)

    assert Program.objects.count() == 1


def test_program_sign_renewal_supersedes_a_closed_predecessor(tg_program, actor):
    services.program_close(program=tg_program, actor=actor)
    renewal = services.program_renew(program=tg_program, actor=actor)

    services.program_sign(program=renewal, signed_on=dt.date(2025, 3, 8), actor=actor)

    tg_program.refresh_from_db()
    entry = entries_for(tg_program).first()
    assert tg_program.state == S.SUPERSEDED
    assert entry.action == "phoihop.program.superseded"
    assert entry.data == {"state": {"old": S.CLOSED, "new": S.SUPERSEDED}, "by": str(renewal)}


def test_program_sign_renewal_leaves_a_predecessor_in_effect_alone(tg_program, actor):
    renewal = services.program_renew(program=tg_program, actor=actor)

    services.program_sign(program=renewal, signed_on=dt.date(2025, 3, 8), actor=actor)

    tg_program.refresh_from_db()
    assert tg_program.state == S.IN_EFFECT


# --- phase_chain -----------------------------------------------------------------------------


def test_phase_chain_three_phases_oldest_first(actor, hanoi_union, hanoi_women):
    first = _create(actor, [hanoi_union, hanoi_women], start_year=2017, end_year=2022)
    _force(first, S.IN_EFFECT)
    second = services.program_renew(program=first, actor=actor)
    _force(second, S.IN_EFFECT)
    third = services.program_renew(program=second, actor=actor)

    result = {
        name: [p.phase_label for p in phase_chain(each)]
        for name, each in (("first", first), ("second", second), ("third", third))
    }

    expected = ["2017–2022", "2022–2027", "2027–2032"]
    assert result == {"first": expected, "second": expected, "third": expected}
    assert phase_chain(second) == [first, second, third]


def test_phase_chain_single_program_is_itself(program):
    assert phase_chain(program) == [program]


# --- milestones ------------------------------------------------------------------------------


@pytest.fixture
def signed(program, actor):
    return _sign(program, actor)


def _report_2023(program: Program) -> Milestone:
    return program.milestones.get(kind=MilestoneKind.REPORT, due_on=dt.date(2023, 12, 15))


def test_milestone_update_marks_it_as_not_generated_and_audits(signed, actor):
    milestone = _report_2023(signed)

    services.milestone_update(milestone=milestone, actor=actor, title="Báo cáo năm 2023 (sửa)")

    milestone.refresh_from_db()
    entry = entries_for(signed).first()
    assert (milestone.generated, milestone.title) == (False, "Báo cáo năm 2023 (sửa)")
    assert entry.action == "phoihop.milestone.updated"
    assert entry.data["title"] == {
        "old": "Báo cáo kết quả thực hiện chương trình năm 2023",
        "new": "Báo cáo năm 2023 (sửa)",
    }


def test_milestone_update_without_change_stays_generated(signed, actor):
    milestone = _report_2023(signed)
    before = AuditEntry.objects.count()

    services.milestone_update(milestone=milestone, actor=actor, due_on=milestone.due_on)

    milestone.refresh_from_db()
    assert milestone.generated is True
    assert AuditEntry.objects.count() == before


def test_milestone_update_unknown_field_is_refused(signed, actor):
    milestone = _report_2023(signed)

    with pytest.raises(DomainError):
        services.milestone_update(milestone=milestone, actor=actor, kind=MilestoneKind.OTHER)

    milestone.refresh_from_db()
    assert milestone.kind == MilestoneKind.REPORT


def test_milestones_generate_keeps_a_milestone_edited_by_hand(signed, actor):
    milestone = _report_2023(signed)
    services.milestone_update(milestone=milestone, actor=actor, title="Báo cáo năm 2023 (sửa)")

    services.milestones_generate(program=signed)

    result = list(
        signed.milestones.filter(kind=MilestoneKind.REPORT, due_on__year=2023).values_list(
            "pk", "title", "generated"
        )
    )
    assert result == [(milestone.pk, "Báo cáo năm 2023 (sửa)", False)]


def test_milestones_generate_does_not_duplicate_a_milestone_moved_by_hand(signed, actor):
    milestone = _report_2023(signed)
    services.milestone_update(milestone=milestone, actor=actor, due_on=dt.date(2023, 12, 20))

    services.milestones_generate(program=signed)

    result = list(
        signed.milestones.filter(kind=MilestoneKind.REPORT, due_on__year=2023).values_list(
            "pk", "due_on"
        )
    )
    assert result == [(milestone.pk, dt.date(2023, 12, 20))]


def test_milestones_generate_replaces_untouched_ones_without_duplicates(signed):
    before = list(signed.milestones.values_list("kind", "due_on"))

    services.milestones_generate(program=signed)

    assert list(signed.milestones.values_list("kind", "due_on")) == before


def test_milestones_generate_keeps_completed_ones(signed, actor):
    milestone = _report_2023(signed)
    Milestone.objects.filter(pk=milestone.pk).update(done_on=dt.date(2023, 12, 14))

    services.milestones_generate(program=signed)

    assert _report_2023(signed).pk == milestone.pk


def test_milestone_create_adds_a_manual_milestone_for_the_lead(signed, actor, hanoi_union):
    milestone = services.milestone_create(
        program=signed, actor=actor, title="  Hội nghị   tập huấn ", due_on=dt.date(2024, 5, 10)
    )

    entry = entries_for(signed).first()
    assert (milestone.kind, milestone.title, milestone.generated) == (
        MilestoneKind.OTHER,
        "Hội nghị tập huấn",
        False,
    )
    assert milestone.responsible.unit == hanoi_union
    assert entry.action == "phoihop.milestone.created"
    assert entry.data == {"milestone": "Hội nghị tập huấn (10/05/2024)"}


def test_milestone_create_survives_regeneration(signed, actor):
    milestone = services.milestone_create(
        program=signed, actor=actor, title="Hội nghị tập huấn", due_on=dt.date(2024, 5, 10)
    )

    services.milestones_generate(program=signed)

    assert Milestone.objects.filter(pk=milestone.pk).exists()


# --- responsibilities across rewrites -------------------------------------------------------


def test_program_update_with_the_same_parties_keeps_responsibilities(
    actor, hanoi_union, hanoi_women
):
    program = services.program_create(
        actor=actor,
        parties=_parties(hanoi_union, hanoi_women),
        content_areas=[{"title": "Tuyên truyền", "responsible": 1}],
        title="Chương trình",
        start_year=2022,
        end_year=2027,
    )
    _sign(program, actor)

    services.program_update(
        program=program, actor=actor, parties=_parties(hanoi_union, hanoi_women)
    )

    area = program.content_areas.get()
    final = program.milestones.get(kind=MilestoneKind.FINAL_REVIEW)
    result = [each.responsible and each.responsible.unit for each in (area, final)]
    assert result == [hanoi_women, hanoi_union]


def test_program_renew_keeps_the_responsible_party_of_each_content_area(
    tg_program, tien_giang, actor
):
    tg_program.content_areas.filter(order=0).update(
        responsible=tg_program.parties.get(unit=tien_giang["women"])
    )
    _merge(tien_giang, actor)

    renewal = services.program_renew(program=tg_program, actor=actor)

    result = [a.responsible and a.responsible.unit for a in renewal.content_areas.all()]
    assert result == [tien_giang["new_women"], None]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"start_year": 32767}, "start_year"),
        ({"start_year": 2020, "end_year": 9999}, "end_year"),
        ({"report_deadline_day": 0}, "report_deadline_day"),
    ],
)
def test_program_create_refuses_years_and_days_out_of_range(
    hanoi_union, hanoi_women, actor, fields, field
):
    values = {"title": "Chương trình", "start_year": 2020, **fields}

    with pytest.raises(DomainError) as refused:
        services.program_create(
            actor=actor, parties=[{"unit": hanoi_union}, {"unit": hanoi_women}], **values
        )

    assert (refused.value.field, Program.objects.count()) == (field, 0)
