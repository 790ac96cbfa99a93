"""Every write path (service, page, API, Excel import, article import, merge) asks the same
permission of the service, with the owner / other party / outsider / viewer users.

``owner`` = hanoi_union_officer (editor of party A), ``other`` = hanoi_women_officer (editor of
party B), ``outsider`` = danang_union_officer, ``viewer`` = hanoi_union_viewer.
"""

import datetime as dt
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from phoihop.accounts import services as account_services
from phoihop.accounts.models import Membership
from phoihop.accounts.permissions import SYSTEM, PermissionRefused
from phoihop.activities import excel, imports
from phoihop.activities import services as activity_services
from phoihop.activities.models import Activity, ActivityKind, Evidence
from phoihop.articles import articles
from phoihop.core.exceptions import DomainError
from phoihop.core.models import AuditEntry
from phoihop.documents import services as document_services
from phoihop.documents.enums import DocType
from phoihop.documents.models import LegalDocument
from phoihop.orgs import services as org_services
from phoihop.programs import services as program_services
from phoihop.programs.models import Program
from tests.factories import accounts as account_factories
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DAY = dt.date(2017, 3, 6)
USERS = ("owner", "other", "outsider", "viewer")


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 16, 3, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def users(hanoi_union_officer, hanoi_women_officer, danang_union_officer, hanoi_union_viewer):
    return {
        "owner": hanoi_union_officer,
        "other": hanoi_women_officer,
        "outsider": danang_union_officer,
        "viewer": hanoi_union_viewer,
    }


def _activity(*units, title="Hội nghị tuyên truyền pháp luật cho nữ công nhân", **fields):
    return activity_services.activity_create(
        actor=SYSTEM,
        organizers=[(unit, "lead" if i == 0 else "partner") for i, unit in enumerate(units)],
        title=title,
        kind=ActivityKind.objects.get(code="hoi-nghi"),
        starts_on=fields.pop("starts_on", DAY),
        participants=100,
        participants_women=60,
        **fields,
    )


@pytest.fixture
def joint_program(hanoi_union, hanoi_women):
    return program_services.program_create(
        actor=SYSTEM,
        parties=[{"unit": hanoi_union}, {"unit": hanoi_women}],
        content_areas=[{"title": "Tuyên truyền"}],
        title="Chương trình phối hợp hoạt động trong nữ CNVCLĐ",
        start_year=2017,
        end_year=2022,
    )


def _allowed(call) -> bool:
    try:
        call()
    except PermissionRefused:
        return False
    return True


# --- the matrix: each write service, each user ------------------------------------------------


def _writes(hanoi_union, hanoi_women, program, activity):
    """name → function(actor) making one write with the actor."""
    return {
        "activity_update": lambda actor: activity_services.activity_update(
            activity=activity, actor=actor, participants=90
        ),
        "evidence_add": lambda actor: activity_services.evidence_add(
            activity=activity,
            upload=SimpleUploadedFile("anh.png", b"\x89PNG"),
            kind="photo",
            actor=actor,
        ),
        "activity_create": lambda actor: activity_services.activity_create(
            actor=actor,
            organizers=[(hanoi_union, "lead")],
            title="Tọa đàm",
            kind=ActivityKind.objects.get(code="hoi-nghi"),
            starts_on=DAY,
        ),
        "program_update": lambda actor: program_services.program_update(
            program=program, actor=actor, purpose="Mục đích mới"
        ),
        "milestone_create": lambda actor: program_services.milestone_create(
            program=program, actor=actor, title="Họp", due_on=dt.date(2018, 1, 5)
        ),
        "program_set_legal_bases": lambda actor: program_services.program_set_legal_bases(
            program=program, documents=[], actor=actor
        ),
        "program_sign": lambda actor: program_services.program_sign(
            program=program, signed_on=dt.date(2017, 3, 1), actor=actor
        ),
        "unit_update": lambda actor: org_services.unit_update(
            unit=hanoi_union, actor=actor, short_name="LĐLĐ Hà Nội"
        ),
        "unit_create": lambda actor: org_services.unit_create(
            system=org_factories.system(),
            level=org_factories.level(code="huyen"),
            name="Liên đoàn Lao động quận Tây Hồ",
            parent=hanoi_union,
            actor=actor,
        ),
        "unit_rename": lambda actor: org_services.unit_rename(
            unit=hanoi_union, name="LĐLĐ Thủ đô", on=dt.date(2025, 7, 1), actor=actor
        ),
        "document_create": lambda actor: document_services.document_create(
            actor=actor, doc_type=DocType.KHAC, number=f"{actor.pk}/TB-LĐLĐ"
        ),
        "membership_grant": lambda actor: account_services.membership_grant(
            user=account_factories.user(), unit=hanoi_union, role="viewer", actor=actor
        ),
    }


# Who may make each write: editors of party A may change A's things, editors of B the joint
# program (B is a party) but not A's unit; only approvers sign; only unit admins manage roles.
EXPECTED = {
    "activity_update": {"owner"},
    "evidence_add": {"owner"},
    "activity_create": {"owner"},
    "program_update": {"owner", "other"},
    "milestone_create": {"owner", "other"},
    "program_set_legal_bases": {"owner", "other"},
    "program_sign": set(),
    "unit_update": {"owner"},
    "unit_create": {"owner"},
    "unit_rename": set(),
    "document_create": {"owner", "other", "outsider"},
    "membership_grant": set(),
}


@pytest.mark.parametrize("write", sorted(EXPECTED))
def test_each_write_service_checks_its_permission_for_every_user(
    write, users, hanoi_union, hanoi_women, joint_program
):
    activity = _activity(hanoi_union)
    audit_before = AuditEntry.objects.count()

    writes = _writes(hanoi_union, hanoi_women, joint_program, activity)
    allowed = {name for name in USERS if _allowed(lambda name=name: writes[write](users[name]))}

    assert allowed == EXPECTED[write]
    if not allowed:
        assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize("actor", [None, "anonymous"])
def test_a_write_without_a_user_is_refused(actor, hanoi_union):
    from django.contrib.auth.models import AnonymousUser

    who = AnonymousUser() if actor == "anonymous" else None

    with pytest.raises(PermissionRefused):
        org_services.unit_update(unit=hanoi_union, actor=who, short_name="X")

    hanoi_union.refresh_from_db()
    assert hanoi_union.short_name == "LĐLĐ thành phố Hà Nội"


def test_an_approver_of_a_party_may_make_every_state_change(hanoi_union, joint_program):
    approver = account_factories.member(hanoi_union, "approver")

    program_services.program_sign(
        program=joint_program, signed_on=dt.date(2017, 3, 1), actor=approver
    )
    program_services.program_activate(program=joint_program, actor=approver)
    program_services.program_start_review(program=joint_program, actor=approver)
    program_services.program_end_review(program=joint_program, actor=approver)
    program_services.program_close(program=joint_program, actor=approver)
    renewal = program_services.program_renew(program=joint_program, actor=approver)

    joint_program.refresh_from_db()
    assert (joint_program.state, renewal.state) == ("closed", "draft")


@pytest.mark.parametrize(
    "transition",
    ["program_activate", "program_start_review", "program_end_review", "program_close"],
)
def test_an_editor_may_not_change_a_programs_state(transition, joint_program, hanoi_union_officer):
    program_services.program_sign(program=joint_program, signed_on=DAY, actor=SYSTEM)
    program_services.program_activate(program=joint_program, actor=SYSTEM)
    if transition == "program_end_review":
        program_services.program_start_review(program=joint_program, actor=SYSTEM)
    if transition == "program_activate":
        joint_program.state = "signed"
        Program.objects.filter(pk=joint_program.pk).update(state="signed")
    state_before = Program.objects.get(pk=joint_program.pk).state

    with pytest.raises(PermissionRefused) as refused:
        getattr(program_services, transition)(program=joint_program, actor=hanoi_union_officer)

    assert str(refused.value).startswith("Ký, đưa vào thực hiện, sơ kết, tổng kết")
    assert Program.objects.get(pk=joint_program.pk).state == state_before


# --- issue item 1: merging -------------------------------------------------------------------


@pytest.fixture
def enterprise(hanoi_area):
    return org_factories.unit(
        "Công ty TNHH May Hà Nội",
        system_code="doanh-nghiep",
        level_code="doanh-nghiep",
        area=hanoi_area,
    )


def test_merge_of_an_activity_co_organized_with_an_enterprise_needs_edit_rights_on_it(
    client, hanoi_union, hanoi_women, enterprise, hanoi_union_officer
):
    mine = _activity(hanoi_union)
    theirs = _activity(hanoi_women, enterprise)
    evidence = activity_services.evidence_add(
        activity=theirs,
        upload=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 secret"),
        kind="minutes",
        actor=SYSTEM,
    )
    client.force_login(hanoi_union_officer)

    client.post(reverse("activities:activity_merge", args=[mine.pk]), {"duplicate": theirs.pk})
    download = client.get(reverse("activities:evidence_download", args=[mine.pk, evidence.pk]))

    theirs.refresh_from_db()
    assert (theirs.merged_into, download.status_code) == (None, 404)
    assert sorted(mine.organizers.values_list("unit_id", flat=True)) == [hanoi_union.pk]


def test_merge_refuses_two_entries_that_are_not_the_same_event(
    hanoi_union, hanoi_women, hanoi_joint_editor
):
    keep = _activity(hanoi_union)
    other = _activity(hanoi_women, title="Giải bóng đá nữ công nhân", starts_on=dt.date(2017, 9, 2))

    with pytest.raises(DomainError) as refused:
        activity_services.activity_merge(keep=keep, duplicate=other, actor=hanoi_joint_editor)

    other.refresh_from_db()
    assert str(refused.value).startswith("Hai bản ghi này không giống cùng một sự kiện")
    assert other.merged_into is None


def test_merged_evidence_is_downloadable_only_by_who_could_see_the_duplicate(
    client, hanoi_union, hanoi_women, hanoi_joint_editor, hanoi_women_officer, union_root
):
    keep = _activity(hanoi_union)
    theirs = _activity(hanoi_women)
    evidence = activity_services.evidence_add(
        activity=theirs,
        upload=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4"),
        kind="minutes",
        actor=hanoi_women_officer,
    )
    activity_services.activity_merge(keep=keep, duplicate=theirs, actor=hanoi_joint_editor)
    # Sees the kept activity only through the union's side, never saw the women's entry.
    unit_only = account_factories.member(hanoi_union, "viewer", include_subunits=False)
    url = reverse("activities:evidence_download", args=[keep.pk, evidence.pk])

    answers = []
    for user in (hanoi_women_officer, unit_only):
        client.force_login(user)
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else b""
        answers.append((response.status_code, body))  # consumed: the file is closed

    assert answers == [(200, b"%PDF-1.4"), (404, b"")]
    assert Evidence.objects.get().activity_id == theirs.pk


# --- issue item 2: the article import applies program actions with the approver's rights ----

FINAL_REVIEW = """Thứ Sáu, 08/09/2023
Hội nghị tổng kết chương trình phối hợp giai đoạn 2018 - 2023 giữa LĐLĐ tỉnh Bến Tre và Hội LHPN tỉnh Bến Tre
Chiều ngày 08/9/2023, LĐLĐ tỉnh Bến Tre và Hội LHPN tỉnh Bến Tre tổ chức Hội nghị tổng kết chương trình phối hợp giai đoạn 2018 - 2023.
"""  # noqa: E501


@pytest.fixture
def ben_tre(union_root, women_root):
    area = org_factories.area("Tỉnh Bến Tre", code="83", short_name="Bến Tre")
    union = org_factories.unit(
        "Liên đoàn Lao động tỉnh Bến Tre",
        short_name="LĐLĐ tỉnh Bến Tre",
        parent=union_root,
        area=area,
    )
    women = org_factories.unit(
        "Hội Liên hiệp Phụ nữ tỉnh Bến Tre",
        short_name="Hội LHPN tỉnh Bến Tre",
        system_code="hoi-lhpn",
        parent=women_root,
        area=area,
    )
    program = program_services.program_create(
        actor=SYSTEM,
        parties=[{"unit": union}, {"unit": women}],
        title="Chương trình phối hợp giai đoạn 2018 - 2023",
        start_year=2018,
        end_year=2023,
    )
    program_services.program_sign(program=program, signed_on=dt.date(2018, 3, 1), actor=SYSTEM)
    program_services.program_activate(program=program, actor=SYSTEM)
    return union, women, program


def test_an_editor_cannot_close_a_program_by_importing_an_article(ben_tre):
    union, _women, program = ben_tre
    editor = account_factories.member(union, "editor")
    article, _ = articles.article_receive(text=FINAL_REVIEW, actor=editor)
    proposal = articles.article_proposal(article, editor)

    with pytest.raises(PermissionRefused):
        articles.article_import(
            article=article,
            actor=editor,
            data={**proposal.initial, "existing_program": program, "units": proposal.units},
        )

    program.refresh_from_db()
    assert (proposal.action, program.state, Program.objects.count()) == ("close", "in_effect", 1)


def test_an_editor_gets_403_on_close_and_the_same_refusal_everywhere(client, ben_tre):
    union, _women, program = ben_tre
    editor = account_factories.member(union, "editor")
    client.force_login(editor)

    response = client.post(reverse("programs:program_transition", args=[program.pk, "close"]))

    program.refresh_from_db()
    assert (response.status_code, program.state) == (403, "in_effect")


# --- issue item 3: a joint program's parties -------------------------------------------------


def _edit_data(program, *units):
    data = {
        "kind": "program",
        "title": program.title,
        "number": "",
        "start_year": str(program.start_year),
        "end_year": str(program.end_year),
        "report_frequency": "annual",
        "report_deadline_day": "15",
        "content_areas_text": "Tuyên truyền",
        "version": str(getattr(program, "version", "")),
        "parties-TOTAL_FORMS": str(len(units)),
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "2",
        "parties-MAX_NUM_FORMS": "8",
    }
    for i, unit in enumerate(units):
        data[f"parties-{i}-unit"] = unit.pk
        data[f"parties-{i}-role"] = "lead" if i == 0 else "partner"
    return data


def test_a_party_cannot_replace_its_co_signer(
    client, joint_program, hanoi_union, hanoi_women, enterprise, hanoi_union_officer
):
    client.force_login(hanoi_union_officer)

    response = client.post(
        reverse("programs:program_edit", args=[joint_program.pk]),
        _edit_data(joint_program, hanoi_union, enterprise),
    )

    assert response.status_code == 200
    assert "không thể bỏ hay thay hội lhpn thành phố hà nội" in response.content.decode().lower()
    assert [p.unit_id for p in joint_program.parties.all()] == [hanoi_union.pk, hanoi_women.pk]


def test_a_party_may_leave_with_its_own_consent(
    joint_program, hanoi_union, hanoi_women, enterprise, hanoi_women_officer
):
    Membership.objects.create(user=hanoi_women_officer, unit=enterprise, role="editor")

    program_services.program_update(
        program=joint_program,
        actor=hanoi_women_officer,
        parties=[{"unit": hanoi_union}, {"unit": enterprise}],
    )

    assert [p.unit_id for p in joint_program.parties.all()] == [hanoi_union.pk, enterprise.pk]


def test_an_approver_over_both_parties_may_replace_one(
    joint_program, union_root, women_root, hanoi_union, enterprise
):
    approver = account_factories.member(union_root, "approver")
    Membership.objects.create(user=approver, unit=women_root, role="approver")

    program_services.program_update(
        program=joint_program, actor=approver, parties=[{"unit": hanoi_union}, {"unit": enterprise}]
    )

    assert [p.unit_id for p in joint_program.parties.all()] == [hanoi_union.pk, enterprise.pk]


def test_an_approver_of_the_lead_alone_may_not_remove_the_co_signer(
    joint_program, hanoi_union, enterprise
):
    approver = account_factories.member(hanoi_union, "approver")

    with pytest.raises(PermissionRefused) as refused:
        program_services.program_update(
            program=joint_program,
            actor=approver,
            parties=[{"unit": hanoi_union}, {"unit": enterprise}],
        )

    assert refused.value.field == "parties"
    assert joint_program.parties.count() == 2


# --- the API and the Excel import ask the same -------------------------------------------------


@pytest.mark.parametrize(("user", "status"), [("owner", 201), ("viewer", 403), ("outsider", 403)])
def test_api_create_is_refused_by_the_service_for_viewers_and_outsiders(
    client, users, hanoi_union, user, status
):
    client.force_login(users[user])
    body = {
        "title": "Hội nghị tuyên truyền",
        "kind": "hoi-nghi",
        "starts_on": "2017-03-06",
        "lead_unit_id": hanoi_union.pk,
        "participants": 10,
    }

    response = client.post(
        reverse("api:activity_create"), json.dumps(body), content_type="application/json"
    )

    assert (response.status_code, Activity.objects.count()) == (status, int(status == 201))


@pytest.mark.parametrize(("user", "created"), [("owner", 1), ("viewer", 0), ("other", 0)])
def test_excel_import_creates_only_for_an_editor_of_the_lead_unit(
    users, hanoi_union, user, created
):
    org_services.unit_update(unit=hanoi_union, actor=SYSTEM, code="LDLD-HN")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([column.header for column in excel.COLUMNS])
    cells = {
        "title": "Hội nghị",
        "kind": "Hội nghị",
        "starts_on": "6/3/2017",
        "lead_unit": "LDLD-HN",
        "participants": 10,
        "participants_women": 5,
    }
    sheet.append([cells.get(column.key) for column in excel.COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = imports.activity_import_job_create(
        actor=users[user], data=buffer.getvalue(), filename="a.xlsx", dry_run=False
    )

    imports.activity_import_run(job)

    assert Activity.objects.count() == created


def test_bulk_create_refuses_a_row_whose_organizers_the_actor_cannot_edit(
    hanoi_union, danang_union, hanoi_union_officer
):
    rows = [
        {
            "organizers": [(unit, "lead")],
            "title": "Hội nghị",
            "kind": ActivityKind.objects.get(code="hoi-nghi"),
            "starts_on": DAY,
        }
        for unit in (hanoi_union, danang_union)
    ]

    with pytest.raises(activity_services.RowRefused) as refused:
        activity_services.activities_bulk_create(actor=hanoi_union_officer, rows=rows)

    assert (refused.value.index, Activity.objects.count()) == (1, 0)


def test_viewer_cannot_edit_an_activity_page_or_service(client, hanoi_union, hanoi_union_viewer):
    activity = _activity(hanoi_union)
    client.force_login(hanoi_union_viewer)

    response = client.post(reverse("activities:activity_edit", args=[activity.pk]), {})

    with pytest.raises(PermissionRefused):
        activity_services.activity_update(activity=activity, actor=hanoi_union_viewer, title="X")
    assert response.status_code == 403
    assert Activity.objects.get().title == "Hội nghị tuyên truyền pháp luật cho nữ công nhân"


def test_a_document_is_registered_only_by_an_editor(hanoi_union_viewer):
    with pytest.raises(PermissionRefused):
        document_services.document_create(
            actor=hanoi_union_viewer, doc_type=DocType.KHAC, number="1/TB"
        )

    assert LegalDocument.objects.count() == 0


SIGNING = """Thứ Hai, 10/04/2023
LĐLĐ tỉnh Bến Tre và Hội LHPN tỉnh Bến Tre ký kết chương trình phối hợp giai đoạn 2023 - 2028
(BT) Sáng 7-4, Ban Thường vụ Liên đoàn Lao động (LĐLĐ) tỉnh và Ban Thường vụ Hội Liên hiệp Phụ nữ (LHPN) tỉnh Bến Tre tổ chức Hội nghị ký kết Chương trình phối hợp giai đoạn 2023 - 2028.
"""  # noqa: E501


def test_the_article_review_page_refuses_an_editors_signing_and_writes_nothing(client, ben_tre):
    union, women, _program = ben_tre
    editor = account_factories.member(union, "editor")
    client.force_login(editor)
    response = client.post(reverse("articles:article_new"), {"text": SIGNING})
    page = client.get(response.url)
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    data.update({"party_0": union.pk, "party_1": women.pk, "signed_on": "07/04/2023"})

    review = client.post(response.url, data)

    assert review.context["form"].non_field_errors() == [
        "Ký, đưa vào thực hiện, sơ kết, tổng kết hay xây dựng giai đoạn mới của chương trình "
        "phải có vai trò phê duyệt tại một bên tham gia."
    ]
    assert Program.objects.count() == 1  # only the fixture's
