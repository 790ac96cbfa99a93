"""Writes to activities: create, update, merge duplicates, attach evidence. All audited."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from phoihop.accounts.permissions import SYSTEM
from phoihop.activities import selectors, services
from phoihop.activities.models import Activity, ActivityKind, Evidence
from phoihop.core.audit import entries_for
from phoihop.core.exceptions import DomainError
from phoihop.core.models import AuditEntry
from phoihop.programs import services as program_services
from tests.factories import accounts as account_factories

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

DAY = dt.date(2017, 3, 6)


def _kind(code: str = "hoi-nghi") -> ActivityKind:
    return ActivityKind.objects.get(code=code)


def _organizers(*units) -> list[tuple]:
    return [(unit, "lead" if i == 0 else "partner") for i, unit in enumerate(units)]


def _create(*units, actor=SYSTEM, costs=None, content_areas=(), **fields) -> Activity:
    values = {
        "title": "Hội nghị tuyên truyền pháp luật cho nữ công nhân",
        "kind": _kind(),
        "starts_on": DAY,
        "participants": 120,
        "participants_women": 80,
        **fields,
    }
    return services.activity_create(
        actor=actor,
        organizers=_organizers(*units),
        costs=costs,
        content_areas=content_areas,
        **values,
    )


def _program(*units, **fields):
    values = {"title": "Chương trình phối hợp 2017-2022", "start_year": 2017, "end_year": 2022}
    return program_services.program_create(
        actor=SYSTEM,
        parties=[{"unit": unit} for unit in units],
        content_areas=[{"title": "Tuyên truyền"}, {"title": "Thi đua"}],
        **{**values, **fields},
    )


def _actions(activity: Activity) -> list[str]:
    return list(entries_for(activity).order_by("pk").values_list("action", flat=True))


@pytest.fixture
def actor(hanoi_union_officer):
    return hanoi_union_officer


# --- create ---------------------------------------------------------------------------------


def test_create_credits_each_organizer_and_adds_up_costs(hanoi_union, hanoi_women, actor):
    activity = _create(
        hanoi_union,
        hanoi_women,
        actor=actor,
        costs={"union": 1_500_000, "women": 500_000, "state": 0},
    )

    activity.refresh_from_db()
    assert list(activity.organizers.order_by("pk").values_list("unit_id", "role")) == [
        (hanoi_union.pk, "lead"),
        (hanoi_women.pk, "partner"),
    ]
    assert dict(activity.costs.values_list("source", "amount")) == {
        "union": 1_500_000,
        "women": 500_000,
    }
    assert (activity.total_cost, activity.created_by) == (2_000_000, actor)


def test_create_folds_title_place_kind_and_organizers_into_search_text(hanoi_union, hanoi_women):
    activity = _create(
        hanoi_union, hanoi_women, title="Tọa đàm  Ngày Quốc tế Phụ nữ", place="Hà Nội"
    )

    activity.refresh_from_db()
    assert activity.title == "Tọa đàm Ngày Quốc tế Phụ nữ"
    assert activity.search_text.startswith(
        "toa dam ngay quoc te phu nu ha noi hoi nghi lien doan lao dong thanh pho ha noi "
    )
    # Every written form of every organizer: short names and abbreviations too.
    assert "ldld ha noi" in activity.search_text
    assert "hoi lhpn thanh pho ha noi" in activity.search_text


def test_create_is_audited(hanoi_union, hanoi_women, actor):
    activity = _create(hanoi_union, hanoi_women, actor=actor)

    entry = AuditEntry.objects.get(action="phoihop.activity.created")
    assert (entry.object_id, entry.actor, entry.data) == (
        str(activity.pk),
        actor,
        {
            "title": "Hội nghị tuyên truyền pháp luật cho nữ công nhân",
            "organizers": [
                "LĐLĐ thành phố Hà Nội",
                "Hội LHPN thành phố Hà Nội",
            ],
        },
    )


def test_create_without_audit_for_bulk_imports(hanoi_union):
    services.activity_create(
        actor=SYSTEM,
        organizers=_organizers(hanoi_union),
        audit=False,
        title="Hội thi",
        kind=_kind(),
        starts_on=DAY,
    )

    assert AuditEntry.objects.filter(action="phoihop.activity.created").count() == 0


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"participants": 50, "participants_women": 51}, "participants_women"),
        ({"ends_on": DAY - dt.timedelta(days=1)}, "ends_on"),
        ({"participants": 50, "participants_women": 10, "union_members": 60}, "union_members"),
        ({"participants": 50, "participants_women": 10, "women_members": 51}, "women_members"),
        ({"participants": 50, "participants_women": 10, "workers": 51}, "workers"),
        ({"title": "   "}, "title"),
    ],
    ids=["women-over-total", "ends-before-starts", "union", "women-members", "workers", "title"],
)
def test_create_refuses_inconsistent_figures(hanoi_union, fields, field):
    with pytest.raises(DomainError) as error:
        _create(hanoi_union, **fields)

    assert error.value.field == field
    assert Activity.objects.count() == 0


def test_create_accepts_a_group_equal_to_the_total(hanoi_union):
    activity = _create(hanoi_union, participants=50, participants_women=50, union_members=50)

    assert (activity.participants, activity.union_members) == (50, 50)


def test_create_refuses_no_organizer(hanoi_union):
    with pytest.raises(DomainError) as error:
        _create()

    assert error.value.field == "organizers"
    assert Activity.objects.count() == 0


def test_create_refuses_the_same_organizer_twice(hanoi_union):
    with pytest.raises(DomainError) as error:
        _create(hanoi_union, hanoi_union)

    assert str(error.value) == "Một đơn vị được nhập hai lần trong danh sách đơn vị tổ chức."
    assert Activity.objects.count() == 0


def test_create_refuses_unknown_fields(hanoi_union):
    with pytest.raises(DomainError) as error:
        _create(hanoi_union, colour="red")

    assert str(error.value) == "Trường thông tin hoạt động không hợp lệ: colour"


@pytest.mark.parametrize(
    ("day", "accepted"),
    [
        (dt.date(2016, 12, 31), False),
        (dt.date(2017, 1, 1), True),
        (dt.date(2022, 12, 31), True),
        (dt.date(2023, 1, 1), False),
    ],
)
def test_create_refuses_a_date_outside_the_program_phase(hanoi_union, hanoi_women, day, accepted):
    program = _program(hanoi_union, hanoi_women)

    try:
        _create(hanoi_union, program=program, starts_on=day)
    except DomainError as error:
        outcome = (False, error.field, str(error))
    else:
        outcome = (True, None, None)

    expected_refusal = (
        False,
        "program",
        "Ngày tổ chức hoạt động nằm ngoài giai đoạn của chương trình (2017–2022).",
    )
    assert outcome == ((True, None, None) if accepted else expected_refusal)


def test_create_in_a_one_year_program(hanoi_union, hanoi_women):
    program = _program(hanoi_union, hanoi_women, start_year=2017, end_year=None)

    with pytest.raises(DomainError):
        _create(hanoi_union, program=program, starts_on=dt.date(2018, 1, 2))
    activity = _create(hanoi_union, program=program, starts_on=dt.date(2017, 12, 31))

    assert activity.program == program


def test_create_with_content_areas_of_its_program(hanoi_union, hanoi_women):
    program = _program(hanoi_union, hanoi_women)
    areas = list(program.content_areas.order_by("order"))

    activity = _create(hanoi_union, program=program, content_areas=areas[:1])

    assert list(activity.content_areas.values_list("title", flat=True)) == ["Tuyên truyền"]


def test_create_refuses_a_content_area_of_another_program(hanoi_union, hanoi_women):
    program = _program(hanoi_union, hanoi_women)
    other = _program(hanoi_union, hanoi_women, title="Chương trình khác")

    with pytest.raises(DomainError) as error:
        _create(hanoi_union, program=program, content_areas=[other.content_areas.first()])

    assert str(error.value) == "Nội dung phối hợp phải thuộc chương trình của hoạt động."
    assert Activity.objects.count() == 0


def test_create_refuses_a_content_area_without_a_program(hanoi_union, hanoi_women):
    program = _program(hanoi_union, hanoi_women)

    with pytest.raises(DomainError):
        _create(hanoi_union, content_areas=[program.content_areas.first()])

    assert Activity.objects.count() == 0


# --- update ---------------------------------------------------------------------------------


def test_update_audits_changed_fields_organizers_and_costs(hanoi_union, hanoi_women, actor):
    activity = _create(hanoi_union, costs={"union": 1_000_000})

    services.activity_update(
        activity=activity,
        actor=actor,
        organizers=_organizers(hanoi_union, hanoi_women),
        costs={"union": 1_000_000, "women": 500_000},
        participants=150,
        participants_women=80,
        title="Hội nghị tuyên truyền pháp luật cho nữ công nhân",
    )

    entry = AuditEntry.objects.get(action="phoihop.activity.updated")
    activity.refresh_from_db()
    assert (entry.actor, entry.data) == (
        actor,
        {
            "participants": {"old": 120, "new": 150},
            "organizers": {
                "old": ["LĐLĐ thành phố Hà Nội"],
                "new": ["LĐLĐ thành phố Hà Nội", "Hội LHPN thành phố Hà Nội"],
            },
            "costs": {"old": {"union": 1_000_000}, "new": {"union": 1_000_000, "women": 500_000}},
        },
    )
    assert (activity.participants, activity.total_cost) == (150, 1_500_000)
    assert activity.search_text.startswith(
        "hoi nghi tuyen truyen phap luat cho nu cong nhan hoi nghi "
        "lien doan lao dong thanh pho ha noi "
    )
    assert "hoi lien hiep phu nu thanh pho ha noi" in activity.search_text


def test_update_without_changes_is_not_audited(hanoi_union, actor):
    activity = _create(hanoi_union, costs={"union": 1_000_000})

    services.activity_update(
        activity=activity,
        actor=actor,
        organizers=_organizers(hanoi_union),
        costs={"union": 1_000_000},
        participants=120,
    )

    assert _actions(activity) == ["phoihop.activity.created"]


def test_update_validates_like_create(hanoi_union, actor):
    activity = _create(hanoi_union)

    with pytest.raises(DomainError) as error:
        services.activity_update(activity=activity, actor=actor, participants_women=500)

    activity.refresh_from_db()
    assert (error.value.field, activity.participants_women) == ("participants_women", 80)


def test_update_refuses_a_merged_activity(hanoi_union, hanoi_women, hanoi_joint_editor):
    keep, duplicate = _create(hanoi_union), _create(hanoi_women)
    services.activity_merge(keep=keep, duplicate=duplicate, actor=hanoi_joint_editor)

    with pytest.raises(DomainError) as error:
        services.activity_update(activity=duplicate, actor=hanoi_joint_editor, participants=1)

    assert str(error.value) == "Hoạt động này đã được gộp vào hoạt động khác, không thể thay đổi."


# --- merge ----------------------------------------------------------------------------------


@pytest.fixture
def pair(hanoi_union, hanoi_women):
    """The same event entered by both parties (the women's entry also names the union)."""
    keep = _create(hanoi_union, costs={"union": 1_000_000}, participants=120)
    duplicate = _create(
        hanoi_women,
        hanoi_union,
        title="Hội nghị tuyên truyền pháp luật cho nữ CNLĐ",
        costs={"union": 2_000_000, "women": 500_000},
        participants=100,
    )
    return keep, duplicate


def test_merge_credits_every_organizer_once(pair, hanoi_union, hanoi_women, actor):
    keep, duplicate = pair

    services.activity_merge(keep=keep, duplicate=duplicate, actor=actor)

    assert list(keep.organizers.order_by("pk").values_list("unit_id", "role")) == [
        (hanoi_union.pk, "lead"),
        (hanoi_women.pk, "lead"),
    ]


def test_merge_keeps_costs_and_adds_the_missing_ones(pair, actor):
    keep, duplicate = pair

    services.activity_merge(keep=keep, duplicate=duplicate, actor=actor)

    keep.refresh_from_db()
    assert dict(keep.costs.values_list("source", "amount")) == {
        "union": 1_000_000,
        "women": 500_000,
    }
    assert (keep.total_cost, keep.participants) == (1_500_000, 120)


def test_merge_shows_evidence_with_the_kept_one_and_moves_content_areas(
    hanoi_union, hanoi_women, hanoi_joint_editor, hanoi_women_officer
):
    program = _program(hanoi_union, hanoi_women)
    first, second = program.content_areas.order_by("order")
    keep = _create(hanoi_union, program=program, content_areas=[first])
    duplicate = _create(hanoi_women, program=program, content_areas=[second])
    evidence = services.evidence_add(
        activity=duplicate,
        upload=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4"),
        kind="minutes",
        actor=hanoi_women_officer,
    )

    services.activity_merge(keep=keep, duplicate=duplicate, actor=hanoi_joint_editor)

    assert list(selectors.evidence_visible_for(hanoi_women_officer, keep)) == [evidence]
    assert list(keep.content_areas.order_by("order").values_list("title", flat=True)) == [
        "Tuyên truyền",
        "Thi đua",
    ]


def test_merged_duplicate_leaves_lists_and_totals(pair, hanoi_union, actor):
    keep, duplicate = pair
    visible = selectors.activities_visible_to(actor)
    before = selectors.activity_totals(visible)

    services.activity_merge(keep=keep, duplicate=duplicate, actor=actor)

    duplicate.refresh_from_db()
    after = selectors.activity_totals(selectors.activities_visible_to(actor))
    assert duplicate.merged_into == keep
    assert list(selectors.activities_visible_to(actor)) == [keep]
    assert (before.activities, before.participants, before.credits) == (2, 220, 3)
    assert (after.activities, after.participants, after.cost, after.credits) == (
        1,
        120,
        1_500_000,
        2,
    )


def test_merge_is_audited_on_both(pair, actor):
    keep, duplicate = pair

    services.activity_merge(keep=keep, duplicate=duplicate, actor=actor)

    entries = AuditEntry.objects.filter(action="phoihop.activity.merged").order_by("pk")
    assert [(e.object_id, e.data) for e in entries] == [
        (
            str(keep.pk),
            {
                "absorbed": "Hội nghị tuyên truyền pháp luật cho nữ CNLĐ (06/03/2017)",
                "organizers_added": ["Hội LHPN thành phố Hà Nội"],
            },
        ),
        (
            str(duplicate.pk),
            {"into": "Hội nghị tuyên truyền pháp luật cho nữ công nhân (06/03/2017)"},
        ),
    ]


def test_merge_refuses_an_activity_with_itself(pair, actor):
    keep, _duplicate = pair

    with pytest.raises(DomainError) as error:
        services.activity_merge(keep=keep, duplicate=keep, actor=actor)

    assert str(error.value) == "Không thể gộp một hoạt động với chính nó."


@pytest.mark.parametrize("merged", ["keep", "duplicate"])
def test_merge_refuses_an_activity_already_merged(pair, hanoi_union, actor, merged):
    keep, duplicate = pair
    third = _create(hanoi_union, title="Hội nghị tuyên truyền pháp luật")
    services.activity_merge(
        keep=third, duplicate=keep if merged == "keep" else duplicate, actor=actor
    )

    with pytest.raises(DomainError) as error:
        services.activity_merge(keep=keep, duplicate=duplicate, actor=actor)

    assert str(error.value) == "Một trong các hoạt động này đã được gộp."
    assert AuditEntry.objects.filter(action="phoihop.activity.merged").count() == 2


# --- evidence -------------------------------------------------------------------------------


def test_evidence_is_stored_and_audited(hanoi_union, actor):
    activity = _create(hanoi_union)

    evidence = services.evidence_add(
        activity=activity,
        upload=SimpleUploadedFile("../../Ảnh hội nghị.JPG", b"\xff\xd8\xff" + b"0" * 97),
        kind="photo",
        actor=actor,
    )

    with evidence.file.open("rb") as stored:
        content = stored.read()
    entry = AuditEntry.objects.get(action="phoihop.activity.evidence_added")
    assert (evidence.original_name, evidence.size, evidence.uploaded_by, evidence.kind) == (
        "Ảnh hội nghị.JPG",
        100,
        actor,
        "photo",
    )
    assert evidence.file.name.startswith(f"evidence/{activity.pk}/")
    assert content == b"\xff\xd8\xff" + b"0" * 97
    assert (entry.object_id, entry.data) == (
        str(activity.pk),
        {"file": "Ảnh hội nghị.JPG", "kind": "photo", "size": 100},
    )


@pytest.mark.parametrize("name", ["virus.exe", "trang.html", "khong-duoi", "anh.jpg.php"])
def test_evidence_refuses_other_file_types(hanoi_union, actor, name):
    activity = _create(hanoi_union)

    with pytest.raises(DomainError) as error:
        services.evidence_add(
            activity=activity, upload=SimpleUploadedFile(name, b"data"), kind="other", actor=actor
        )

    assert str(error.value) == "Chỉ có thể đính kèm ảnh (JPG, PNG), tệp PDF, Word và Excel."
    assert Evidence.objects.count() == 0


@override_settings(MAX_UPLOAD_SIZE=1024 * 1024)
@pytest.mark.parametrize(("size", "accepted"), [(1024 * 1024, True), (1024 * 1024 + 1, False)])
def test_evidence_size_limit(hanoi_union, actor, size, accepted):
    activity = _create(hanoi_union)
    upload = SimpleUploadedFile("danh-sach.xlsx", b"x" * size)

    try:
        services.evidence_add(activity=activity, upload=upload, kind="attendance", actor=actor)
    except DomainError as error:
        outcome = str(error)
    else:
        outcome = "stored"

    assert outcome == ("stored" if accepted else "Tệp vượt quá dung lượng cho phép (1 MB).")
    assert Evidence.objects.count() == (1 if accepted else 0)


def test_copy_initial_takes_the_recurring_fields_and_today(hanoi_union, hanoi_women):
    program = _program(hanoi_union, hanoi_women)
    activity = _create(hanoi_union, program=program, place="Cung Văn hóa Lao động", benefits="Quà")

    initial = services.activity_copy_initial(activity, today=dt.date(2018, 3, 6))

    assert initial == {
        "title": "Hội nghị tuyên truyền pháp luật cho nữ công nhân",
        "kind": _kind().pk,
        "starts_on": dt.date(2018, 3, 6),
        "place": "Cung Văn hóa Lao động",
        "area": "",
        "program": program.pk,
        "participants": 120,
        "participants_women": 80,
        "benefits": "Quà",
    }


def test_change_permission_needs_an_editor_of_an_organizer(hanoi_union, hanoi_women, actor):
    activity = _create(hanoi_union, hanoi_women)
    partner_editor = account_factories.member(hanoi_women, "editor")
    viewer = account_factories.member(hanoi_union, "viewer")
    no_roles = account_factories.user("no_roles")

    allowed = [
        user.has_perm("activities.change_activity", activity)
        for user in (actor, partner_editor, viewer, no_roles)
    ]

    assert allowed == [True, True, False, False]
