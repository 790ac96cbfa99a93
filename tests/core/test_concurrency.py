"""Lost updates (issue 9, item 7): two officials edit the same activity, program, unit or
document; the first save wins, the second gets a Vietnamese conflict message listing what the
other saved, keeps everything typed, and can save again on purpose."""

import datetime as dt
import re

import pytest
from django.db.models.fields.files import FieldFile
from django.urls import reverse

from phoihop.accounts.permissions import SYSTEM
from phoihop.activities import services as activity_services
from phoihop.activities.models import Activity, ActivityKind
from phoihop.core.concurrency import EditConflict
from phoihop.documents import services as document_services
from phoihop.documents.enums import DocType
from phoihop.documents.models import LegalDocument
from phoihop.orgs.models import OrgUnit
from phoihop.programs import services as program_services
from phoihop.programs.models import Program
from tests.factories import accounts as account_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SUMMARY = (
    "Người khác đã lưu bản ghi này trong lúc bạn đang sửa. Những gì bạn nhập vẫn được giữ "
    "nguyên: hãy xem các khác biệt và bấm lưu lần nữa nếu muốn giữ nội dung của bạn."
)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 16, 3, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def second_editor(hanoi_union):
    return account_factories.member(hanoi_union, "editor", username="second_editor")


def _fields(response) -> dict:
    """What a browser would post back: the form's current values (hidden version included)."""
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or isinstance(value, FieldFile):
            continue
        data[form.add_prefix(name)] = value
    return data


def _activity(unit):
    return activity_services.activity_create(
        actor=SYSTEM,
        organizers=[(unit, "lead")],
        title="Hội nghị tuyên truyền pháp luật",
        kind=ActivityKind.objects.get(code="hoi-nghi"),
        starts_on=dt.date(2017, 3, 6),
        participants=100,
        participants_women=60,
    )


def _activity_post(activity, hanoi_union, version, participants):
    return {
        "title": activity.title,
        "kind": activity.kind_id,
        "starts_on": "06/03/2017",
        "lead_unit": hanoi_union.pk,
        "participants": str(participants),
        "participants_women": "60",
        "version": str(version),
    }


def test_the_second_activity_save_gets_a_conflict_and_keeps_its_input(
    client, hanoi_union, hanoi_union_officer, second_editor
):
    activity = _activity(hanoi_union)
    shown = activity.version  # both opened the edit page now
    url = reverse("activities:activity_edit", args=[activity.pk])
    client.force_login(hanoi_union_officer)
    first = client.post(url, _activity_post(activity, hanoi_union, shown, 150))
    client.force_login(second_editor)

    second = client.post(url, _activity_post(activity, hanoi_union, shown, 130))

    activity.refresh_from_db()
    form = second.context["form"]
    assert (first.status_code, second.status_code, activity.participants) == (302, 200, 150)
    assert form.non_field_errors() == [SUMMARY]
    assert [(d.label, d.yours, d.saved) for d in form.conflict.differences] == [
        ("Người tham dự", "130", "150")
    ]
    assert form["participants"].value() == "130"  # nothing typed is lost
    html = second.content.decode()
    assert re.search(f'name="version" value="{activity.version}"', html)


def test_saving_again_after_the_conflict_keeps_the_second_editors_values(
    client, hanoi_union, hanoi_union_officer, second_editor
):
    activity = _activity(hanoi_union)
    shown = activity.version
    url = reverse("activities:activity_edit", args=[activity.pk])
    client.force_login(hanoi_union_officer)
    client.post(url, _activity_post(activity, hanoi_union, shown, 150))
    client.force_login(second_editor)
    conflict = client.post(url, _activity_post(activity, hanoi_union, shown, 130))

    again = client.post(url, _fields(conflict))

    activity.refresh_from_db()
    assert (again.status_code, activity.participants) == (302, 130)


def test_the_service_claims_the_version_so_a_stale_one_changes_nothing(hanoi_union):
    activity = _activity(hanoi_union)
    stale = Activity.objects.get(pk=activity.pk)
    activity_services.activity_update(
        activity=activity, actor=SYSTEM, version=activity.version, title="Tọa đàm"
    )

    with pytest.raises(EditConflict) as conflict:
        activity_services.activity_update(
            activity=stale, actor=SYSTEM, version=stale.version, participants=5
        )

    activity.refresh_from_db()
    assert (activity.title, activity.participants, activity.version) == ("Tọa đàm", 100, 2)
    assert conflict.value.current_version == 2


def test_a_full_save_of_a_stale_instance_never_rolls_the_version_back(hanoi_union):
    activity = _activity(hanoi_union)
    stale = Activity.objects.get(pk=activity.pk)
    activity_services.activity_update(activity=activity, actor=SYSTEM, version=1, title="Tọa đàm")

    stale.save()

    assert Activity.objects.get(pk=activity.pk).version == 2


def test_the_second_program_save_gets_a_conflict(
    client, hanoi_union, hanoi_women, hanoi_union_officer, hanoi_women_officer
):
    program = program_services.program_create(
        actor=SYSTEM,
        parties=[{"unit": hanoi_union}, {"unit": hanoi_women}],
        title="Chương trình phối hợp",
        start_year=2025,
        end_year=2030,
    )
    url = reverse("programs:program_edit", args=[program.pk])
    client.force_login(hanoi_union_officer)
    page = client.get(url)
    data = _fields(page)
    data.update(_formset(page))
    client.force_login(hanoi_women_officer)
    page_b = client.get(url)
    data_b = {**_fields(page_b), **_formset(page_b)}
    client.force_login(hanoi_union_officer)
    client.post(url, {**data, "title": "Chương trình phối hợp giai đoạn 2025 - 2030"})
    client.force_login(hanoi_women_officer)

    second = client.post(url, {**data_b, "purpose": "Mục đích của Hội"})

    program.refresh_from_db()
    form = second.context["form"]
    assert (program.title, program.purpose) == ("Chương trình phối hợp giai đoạn 2025 - 2030", "")
    assert [(d.label, d.yours, d.saved) for d in form.conflict.differences] == [
        (
            "Tiêu đề",
            "Chương trình phối hợp",
            "Chương trình phối hợp giai đoạn 2025 - 2030",
        ),
        ("Mục đích", "Mục đích của Hội", "—"),
    ]
    assert Program.objects.get().version == 2


def _formset(response) -> dict:
    parties = response.context["parties"]
    data = {
        f"{parties.prefix}-TOTAL_FORMS": str(len(parties.forms)),
        f"{parties.prefix}-INITIAL_FORMS": "0",
        f"{parties.prefix}-MIN_NUM_FORMS": "2",
        f"{parties.prefix}-MAX_NUM_FORMS": "8",
    }
    for form in parties.forms:
        for name in form.fields:
            value = form[name].value()
            if value is not None:
                data[form.add_prefix(name)] = value.pk if hasattr(value, "pk") else value
    return data


def test_the_second_unit_save_gets_a_conflict(client, hanoi_union, union_root):
    admin = account_factories.member(union_root, "unit_admin")
    other_admin = account_factories.member(union_root, "unit_admin")
    url = reverse("orgs:unit_edit", args=[hanoi_union.pk])
    client.force_login(admin)
    data = _fields(client.get(url))
    client.force_login(other_admin)
    data_b = _fields(client.get(url))
    client.force_login(admin)
    client.post(url, {**data, "short_name": "LĐLĐ Hà Nội"})
    client.force_login(other_admin)

    second = client.post(url, {**data_b, "code": "HN-01"})

    hanoi_union.refresh_from_db()
    differences = second.context["form"].conflict.differences
    assert (hanoi_union.short_name, hanoi_union.code) == ("LĐLĐ Hà Nội", None)
    assert [(d.field, d.yours, d.saved) for d in differences] == [
        ("short_name", "LĐLĐ thành phố Hà Nội", "LĐLĐ Hà Nội"),
        ("code", "HN-01", "—"),
    ]
    assert OrgUnit.objects.get(pk=hanoi_union.pk).version == 2


def test_the_second_document_save_gets_a_conflict(client, hanoi_union_officer, second_editor):
    document = document_services.document_create(
        actor=SYSTEM, doc_type=DocType.NGHI_QUYET, number="57/NQ-CP", issuer="Chính phủ"
    )
    url = reverse("documents:document_edit", args=[document.pk])
    client.force_login(hanoi_union_officer)
    data = _fields(client.get(url))
    client.force_login(second_editor)
    data_b = _fields(client.get(url))
    client.force_login(hanoi_union_officer)
    client.post(url, {**data, "summary": "Chương trình hành động"})
    client.force_login(second_editor)

    second = client.post(url, {**data_b, "issuer": "Thủ tướng Chính phủ"})

    document.refresh_from_db()
    assert (document.summary, document.issuer) == ("Chương trình hành động", "Chính phủ")
    assert second.context["form"].non_field_errors() == [SUMMARY]
    assert LegalDocument.objects.get().version == 2


def test_api_patch_needs_the_version_and_answers_409_with_what_changed(
    client, hanoi_union, hanoi_union_officer, second_editor
):
    import json

    activity = _activity(hanoi_union)
    url = reverse("api:activity_update", args=[activity.pk])
    client.force_login(hanoi_union_officer)
    shown = client.get(reverse("api:activity_detail", args=[activity.pk])).json()["version"]
    first = client.patch(
        url, json.dumps({"version": shown, "participants": 150}), content_type="application/json"
    )
    client.force_login(second_editor)

    missing = client.patch(url, json.dumps({"participants": 1}), content_type="application/json")
    second = client.patch(
        url, json.dumps({"version": shown, "participants": 130}), content_type="application/json"
    )

    activity.refresh_from_db()
    assert (first.status_code, missing.status_code, second.status_code) == (200, 422, 409)
    assert (first.json()["version"], activity.participants) == (2, 150)
    assert second.json()["differences"] == [
        {"field": "participants", "yours": "130", "saved": "150"}
    ]
    assert second.json()["current_version"] == 2


def test_api_patch_is_refused_to_a_viewer(client, hanoi_union, hanoi_union_viewer):
    import json

    activity = _activity(hanoi_union)
    client.force_login(hanoi_union_viewer)

    response = client.patch(
        reverse("api:activity_update", args=[activity.pk]),
        json.dumps({"version": 1, "participants": 5}),
        content_type="application/json",
    )

    activity.refresh_from_db()
    assert (response.status_code, activity.participants, activity.version) == (403, 100, 1)
