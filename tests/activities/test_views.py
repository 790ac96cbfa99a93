"""Activity pages: list with de-duplicated totals, detail, entry with the duplicate warning,
copy from last time, edit rights, merging and evidence; every page scoped to the user."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from phoihop.accounts.models import Membership
from phoihop.accounts.permissions import SYSTEM
from phoihop.activities import services
from phoihop.activities.models import Activity, ActivityKind, Evidence
from phoihop.programs import services as program_services
from tests.factories import accounts as account_factories
from tests.factories import orgs as org_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

DAY = dt.date(2017, 3, 6)
TODAY = dt.date(2026, 3, 16)
LIST = reverse("activities:activity_list")
CREATE = reverse("activities:activity_create")


@pytest.fixture(autouse=True)
def _today(time_machine):
    # 10:00 in Hà Nội (UTC+7).
    time_machine.move_to(dt.datetime(2026, 3, 16, 3, 0, tzinfo=dt.UTC), tick=False)


def _kind(code: str = "hoi-nghi") -> ActivityKind:
    return ActivityKind.objects.get(code=code)


def _create(*units, title="Hội nghị tuyên truyền pháp luật cho nữ công nhân", actor=SYSTEM, **kw):
    values = {"kind": _kind(), "starts_on": DAY, "participants": 100, "participants_women": 60}
    return services.activity_create(
        actor=actor,
        organizers=[(unit, "lead" if i == 0 else "partner") for i, unit in enumerate(units)],
        title=title,
        **{**values, **kw},
    )


def _form(unit, **fields) -> dict:
    return {
        "title": "Hội nghị tuyên truyền pháp luật cho nữ công nhân",
        "kind": _kind().pk,
        "starts_on": "06/03/2017",
        "lead_unit": unit.pk,
        "participants": "120",
        "participants_women": "80",
        **fields,
    }


def _html(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.fixture
def program(hanoi_union, hanoi_women):
    program = program_services.program_create(
        actor=SYSTEM,
        parties=[{"unit": hanoi_union}, {"unit": hanoi_women}],
        content_areas=[{"title": "Tuyên truyền"}],
        title="Chương trình phối hợp hoạt động trong nữ CNVCLĐ",
        start_year=2017,
        end_year=2022,
    )
    return program_services.program_sign(
        program=program, signed_on=dt.date(2017, 3, 1), actor=SYSTEM
    )


@pytest.fixture
def district_union(hanoi_union):
    return org_factories.unit(
        "Liên đoàn Lao động quận Thanh Xuân", level_code="huyen", parent=hanoi_union
    )


@pytest.fixture
def two_parties(hanoi_union, hanoi_women):
    """One joint activity, one by each party alone."""
    return [
        _create(hanoi_union, hanoi_women, costs={"union": 1_000_000}),
        _create(
            hanoi_union, title="Tập huấn an toàn lao động", participants=50, participants_women=20
        ),
        _create(hanoi_women, title="Hội thi nấu ăn", participants=30, participants_women=30),
    ]


# --- list -----------------------------------------------------------------------------------


def test_list_shows_totals_and_the_reconciliation_line(client, two_parties):
    superuser = account_factories.user("admin", is_superuser=True)
    client.force_login(superuser)

    response = client.get(LIST)

    html = _html(response)
    totals = response.context["totals"]
    assert (totals.activities, totals.participants, totals.credits) == (3, 180, 4)
    assert "Tổng cộng: 3 hoạt động" in html
    assert "3 hoạt động, được ghi nhận 4 lượt cho các đơn vị tổ chức" in html


def test_list_of_a_unit_explains_double_counting_of_its_sub_units(
    client, hanoi_union, district_union, hanoi_union_officer
):
    _create(district_union, hanoi_union)
    _create(district_union, title="Tập huấn an toàn lao động")
    client.force_login(hanoi_union_officer)

    response = client.get(LIST, {"unit": hanoi_union.pk})

    totals = response.context["totals"]
    assert (totals.activities, totals.credits, totals.double_counted) == (2, 3, 1)
    assert (
        "Cộng danh sách của từng đơn vị được 3 hoạt động; trong đó 1 hoạt động do nhiều đơn vị "
        "trong số này phối hợp tổ chức nên chỉ được tính một lần, vì vậy tổng số là 2."
    ) in _html(response)


def test_list_without_joint_activities_has_no_reconciliation_line(
    client, hanoi_union, hanoi_union_officer
):
    _create(hanoi_union)
    client.force_login(hanoi_union_officer)

    response = client.get(LIST)

    assert response.context["totals"].double_counted == 0
    assert 'class="reconcile"' not in response.content.decode()


def test_list_shows_only_what_the_user_sees(
    client, two_parties, hanoi_union_officer, danang_union, danang_union_officer
):
    own = _create(danang_union, title="Hội nghị Đà Nẵng")
    found = {}

    for officer in (hanoi_union_officer, danang_union_officer):
        client.force_login(officer)
        found[officer.username] = {a.pk for a in client.get(LIST).context["page"]}

    assert found == {
        "hanoi_union_officer": {two_parties[0].pk, two_parties[1].pk},
        "danang_union_officer": {own.pk},
    }


def test_list_filters_without_accents(client, two_parties, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.get(LIST, {"q": "tap huan", "start": "01/03/2017", "end": "31/03/2017"})

    assert [a.pk for a in response.context["page"]] == [two_parties[1].pk]
    assert response.context["totals"].activities == 1


def test_list_ignores_a_unit_the_user_cannot_see(
    client, two_parties, danang_union, hanoi_women_officer
):
    client.force_login(hanoi_women_officer)

    response = client.get(LIST, {"unit": danang_union.pk})

    assert (response.context["unit"], response.context["totals"].activities) == (None, 2)


def test_list_htmx_renders_only_the_results(client, two_parties, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.get(LIST, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert ("<table" in html, "<html" in html) == (True, False)


@pytest.mark.parametrize("item_count", [1, 3])
def test_list_query_count_is_constant(
    client,
    program,
    hanoi_union,
    hanoi_women,
    hanoi_union_officer,
    item_count,
    django_assert_num_queries,
):
    for i in range(item_count):
        _create(
            hanoi_union,
            hanoi_women,
            title=f"Hội nghị {i}",
            program=program,
            costs={"union": 100_000, "women": 50_000},
        )
    client.force_login(hanoi_union_officer)

    with django_assert_num_queries(12):
        client.get(LIST)


# --- detail ---------------------------------------------------------------------------------


def test_detail_shows_organizers_and_costs(client, two_parties, hanoi_women_officer):
    client.force_login(hanoi_women_officer)

    response = client.get(two_parties[0].get_absolute_url())

    html = _html(response)
    assert [o.unit.name for o in response.context["organizers"]] == [
        "Liên đoàn Lao động thành phố Hà Nội",
        "Hội Liên hiệp Phụ nữ thành phố Hà Nội",
    ]
    assert "1.000.000 đ" in html
    assert response.context["can_edit"] is True


def test_detail_of_an_outsider_is_404(client, two_parties, danang_union_officer):
    client.force_login(danang_union_officer)

    response = client.get(two_parties[0].get_absolute_url())

    assert response.status_code == 404


def test_detail_of_a_merged_duplicate_is_404(client, hanoi_union, hanoi_union_officer):
    keep, duplicate = _create(hanoi_union), _create(hanoi_union, title="Hội nghị tuyên truyền")
    services.activity_merge(keep=keep, duplicate=duplicate, actor=SYSTEM)
    client.force_login(hanoi_union_officer)

    response = client.get(duplicate.get_absolute_url())

    assert response.status_code == 404


def test_detail_offers_to_merge_a_likely_duplicate(client, hanoi_union, hanoi_union_officer):
    mine = _create(hanoi_union)
    other = _create(hanoi_union, title="Hội nghị tuyên truyền pháp luật cho nữ CNLĐ")
    client.force_login(hanoi_union_officer)

    response = client.get(mine.get_absolute_url())

    assert [a.pk for a, _score in response.context["duplicates"]] == [other.pk]
    assert "Gộp vào hoạt động này" in response.content.decode()


def test_detail_lists_only_duplicates_the_user_sees(
    client, hanoi_union, hanoi_area, danang_union, danang_union_officer
):
    _create(hanoi_union, area=hanoi_area)
    held_in_hanoi = _create(danang_union, area=hanoi_area)
    client.force_login(danang_union_officer)

    response = client.get(held_in_hanoi.get_absolute_url())

    assert response.context["duplicates"] == []


# --- create ---------------------------------------------------------------------------------


def test_create_with_day_first_date_and_grouped_cost(client, hanoi_union, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.post(CREATE, _form(hanoi_union, cost_union="1.500.000", cost_women=""))

    activity = Activity.objects.get()
    assert response.url == activity.get_absolute_url()
    assert (activity.starts_on, activity.total_cost, activity.created_by) == (
        dt.date(2017, 3, 6),
        1_500_000,
        hanoi_union_officer,
    )
    assert list(activity.organizers.values_list("unit_id", "role")) == [(hanoi_union.pk, "lead")]


def test_create_form_offers_the_users_unit_first(client, hanoi_union, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.get(CREATE)

    assert response.context["my_units"] == [hanoi_union]
    assert response.context["form"]["starts_on"].value() == TODAY
    assert f'name="lead_unit" value="{hanoi_union.pk}" checked' in response.content.decode()


def test_create_with_a_co_organizer_and_program(
    client, program, hanoi_union, hanoi_women, hanoi_union_officer
):
    client.force_login(hanoi_union_officer)
    area = program.content_areas.get()

    response = client.post(
        CREATE,
        _form(hanoi_union, partners=[hanoi_women.pk], program=program.pk, content_areas=[area.pk]),
    )

    activity = Activity.objects.get()
    assert response.url == activity.get_absolute_url()
    assert list(activity.organizers.order_by("pk").values_list("unit_id", "role")) == [
        (hanoi_union.pk, "lead"),
        (hanoi_women.pk, "partner"),
    ]
    assert (activity.program, list(activity.content_areas.all())) == (program, [area])


def test_create_refuses_a_lead_unit_out_of_reach(client, hanoi_women, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.post(CREATE, _form(hanoi_women))

    assert list(response.context["form"].errors) == ["lead_unit"]
    assert Activity.objects.count() == 0


def test_create_shows_field_errors(client, hanoi_union, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.post(
        CREATE,
        _form(hanoi_union, starts_on="31/02/2017", participants_women="500", cost_union="1,5"),
    )

    assert sorted(response.context["form"].errors) == [
        "cost_union",
        "participants_women",
        "starts_on",
    ]
    assert Activity.objects.count() == 0


def test_create_and_enter_another(client, hanoi_union, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.post(CREATE, _form(hanoi_union, and_another="1"))

    assert (response.url, Activity.objects.count()) == (CREATE, 1)


@pytest.mark.parametrize(
    "how",
    [{"partners": "partner"}, {"area": "01"}],
    ids=["naming-the-counterpart", "same-area"],
)
def test_create_warns_of_the_counterparts_entry_until_confirmed(
    client, hanoi_union, hanoi_women, hanoi_area, hanoi_union_officer, how
):
    womens = _create(hanoi_women, title="Hội nghị tuyên truyền pháp luật cho nữ CNLĐ")
    client.force_login(hanoi_union_officer)
    data = _form(hanoi_union, partners=[hanoi_women.pk] if "partners" in how else [])
    data.update({"area": "01"} if "area" in how else {})

    warned = client.post(CREATE, data)
    confirmed = client.post(CREATE, {**data, "not_a_duplicate": "1"})

    assert [a.pk for a, _score in warned.context["duplicates"]] == [womens.pk]
    assert "Hoạt động này có thể đã được nhập" in warned.content.decode()
    assert confirmed.url == Activity.objects.latest("pk").get_absolute_url()
    assert Activity.objects.count() == 2


def test_create_without_a_similar_entry_saves_at_once(
    client, hanoi_union, hanoi_women, hanoi_union_officer
):
    _create(hanoi_women, title="Hội thi nấu ăn")
    client.force_login(hanoi_union_officer)

    response = client.post(CREATE, _form(hanoi_union, partners=[hanoi_women.pk]))

    assert (response.status_code, Activity.objects.count()) == (302, 2)


def test_copy_last_prefills_from_the_users_last_activity_dated_today(
    client, hanoi_union, hanoi_women, hanoi_union_officer
):
    _create(hanoi_union, title="Lần trước nữa", actor=hanoi_union_officer)
    _create(
        hanoi_union,
        hanoi_women,
        title="Thăm hỏi nữ công nhân",
        kind=_kind("tham-tang-qua"),
        place="KCN Thăng Long",
        actor=hanoi_union_officer,
    )
    _create(hanoi_union, title="Của người khác")
    client.force_login(hanoi_union_officer)

    response = client.get(CREATE, {"copy": "last"})

    form = response.context["form"]
    assert {
        name: form[name].value()
        for name in ("title", "kind", "place", "starts_on", "lead_unit", "partners")
    } == {
        "title": "Thăm hỏi nữ công nhân",
        "kind": _kind("tham-tang-qua").pk,
        "place": "KCN Thăng Long",
        "starts_on": TODAY,
        "lead_unit": hanoi_union.pk,
        "partners": [hanoi_women.pk],
    }
    assert 'value="Thăm hỏi nữ công nhân"' in response.content.decode()


def test_copy_of_an_activity_the_user_cannot_see_is_ignored(
    client, danang_union, hanoi_union_officer
):
    theirs = _create(danang_union, title="Hội nghị Đà Nẵng")
    client.force_login(hanoi_union_officer)

    response = client.get(CREATE, {"copy": theirs.pk})

    assert response.context["form"]["title"].value() is None


# --- edit -----------------------------------------------------------------------------------


def test_edit_by_the_lead_units_editor(
    client, two_parties, hanoi_union, hanoi_women, hanoi_union_officer
):
    joint = two_parties[0]
    client.force_login(hanoi_union_officer)
    data = _form(hanoi_union, partners=[hanoi_women.pk], participants="150", cost_union="1.000.000")
    data["version"] = joint.version

    response = client.post(reverse("activities:activity_edit", args=[joint.pk]), data)

    joint.refresh_from_db()
    assert response.url == joint.get_absolute_url()
    assert (joint.participants, joint.total_cost) == (150, 1_000_000)
    assert list(joint.organizers.order_by("role").values_list("unit_id", "role")) == [
        (hanoi_union.pk, "lead"),
        (hanoi_women.pk, "partner"),
    ]


def test_edit_by_a_co_organizers_editor_keeps_the_lead(
    client, two_parties, hanoi_union, hanoi_women, hanoi_women_officer
):
    joint = two_parties[0]
    client.force_login(hanoi_women_officer)
    data = _form(hanoi_union, partners=[hanoi_women.pk], participants="150", cost_union="1.000.000")
    data["version"] = joint.version

    response = client.post(reverse("activities:activity_edit", args=[joint.pk]), data)

    joint.refresh_from_db()
    assert response.status_code == 302
    assert (joint.participants, joint.total_cost) == (150, 1_000_000)


def test_edit_form_is_filled_in(client, two_parties, hanoi_union, hanoi_women, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("activities:activity_edit", args=[two_parties[0].pk]))

    form = response.context["form"]
    assert (form["lead_unit"].value(), form["partners"].value(), form["cost_union"].value()) == (
        hanoi_union.pk,
        [hanoi_women.pk],
        1_000_000,
    )


@pytest.mark.parametrize("method", ["get", "post"])
def test_edit_by_a_viewer_is_403(client, two_parties, hanoi_union, method):
    viewer = account_factories.member(hanoi_union, "viewer")
    client.force_login(viewer)
    url = reverse("activities:activity_edit", args=[two_parties[1].pk])

    response = getattr(client, method)(url, _form(hanoi_union, participants="1"))

    two_parties[1].refresh_from_db()
    assert (response.status_code, two_parties[1].participants) == (403, 50)


def test_edit_by_an_outsider_is_404(client, two_parties, danang_union_officer):
    client.force_login(danang_union_officer)

    response = client.get(reverse("activities:activity_edit", args=[two_parties[1].pk]))

    assert response.status_code == 404


# --- merge ----------------------------------------------------------------------------------


@pytest.fixture
def both_parties_officer(hanoi_union, hanoi_women):
    """An officer of the joint secretariat, editor in both parties."""
    officer = account_factories.member(hanoi_union, "editor", username="secretariat")
    Membership.objects.create(user=officer, unit=hanoi_women, role="editor")
    return officer


def test_merge_via_post(client, hanoi_union, hanoi_women, both_parties_officer):
    keep = _create(hanoi_union)
    duplicate = _create(hanoi_women, title="Hội nghị tuyên truyền pháp luật cho nữ CNLĐ")
    client.force_login(both_parties_officer)

    response = client.post(
        reverse("activities:activity_merge", args=[keep.pk]), {"duplicate": duplicate.pk}
    )

    duplicate.refresh_from_db()
    assert response.url == keep.get_absolute_url()
    assert duplicate.merged_into == keep
    assert sorted(keep.organizers.values_list("unit_id", flat=True)) == sorted(
        [hanoi_union.pk, hanoi_women.pk]
    )


def test_merge_with_itself_shows_the_refusal(client, hanoi_union, hanoi_union_officer):
    keep = _create(hanoi_union)
    client.force_login(hanoi_union_officer)

    response = client.post(
        reverse("activities:activity_merge", args=[keep.pk]), {"duplicate": keep.pk}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Không thể gộp một hoạt động với chính nó."
    ]
    assert Activity.objects.filter(merged_into__isnull=False).count() == 0


def test_merge_takes_in_the_counterparts_entry_and_keeps_crediting_them(
    client, program, hanoi_union, hanoi_women, hanoi_joint_editor, hanoi_women_officer
):
    keep = _create(hanoi_union, program=program)
    theirs = _create(hanoi_women, program=program)
    client.force_login(hanoi_joint_editor)

    response = client.post(
        reverse("activities:activity_merge", args=[keep.pk]), {"duplicate": theirs.pk}
    )

    theirs.refresh_from_db()
    assert (response.status_code, theirs.merged_into) == (302, keep)
    assert sorted(keep.organizers.values_list("unit_id", flat=True)) == sorted(
        [hanoi_union.pk, hanoi_women.pk]
    )
    client.force_login(hanoi_women_officer)
    assert client.get(keep.get_absolute_url()).status_code == 200


def test_merge_of_the_counterparts_entry_needs_edit_rights_on_it(
    client, program, hanoi_union, hanoi_women, hanoi_union_officer
):
    keep = _create(hanoi_union, program=program)
    theirs = _create(hanoi_women, program=program)
    client.force_login(hanoi_union_officer)

    response = client.post(
        reverse("activities:activity_merge", args=[keep.pk]), {"duplicate": theirs.pk}, follow=True
    )

    theirs.refresh_from_db()
    assert theirs.merged_into is None
    assert [str(m) for m in response.context["messages"]] == [
        f"Muốn gộp phải có quyền sửa cả hai hoạt động: bạn không được sửa “{theirs.title}”."
    ]


def test_merge_of_an_unrelated_provinces_activity_is_404(
    client, hanoi_union, danang_union, hanoi_union_officer
):
    keep = _create(hanoi_union)
    elsewhere = _create(danang_union)
    client.force_login(hanoi_union_officer)

    response = client.post(
        reverse("activities:activity_merge", args=[keep.pk]), {"duplicate": elsewhere.pk}
    )

    elsewhere.refresh_from_db()
    assert (response.status_code, elsewhere.merged_into) == (404, None)


def test_merge_of_an_invisible_activity_is_404(
    client, hanoi_union, danang_union, hanoi_union_officer
):
    keep, theirs = _create(hanoi_union), _create(danang_union)
    client.force_login(hanoi_union_officer)

    response = client.post(
        reverse("activities:activity_merge", args=[keep.pk]), {"duplicate": theirs.pk}
    )

    theirs.refresh_from_db()
    assert (response.status_code, theirs.merged_into) == (404, None)


# --- evidence -------------------------------------------------------------------------------


def _upload(client, activity, name="bien-ban.pdf", content=b"%PDF-1.4 bien ban", **kw):
    return client.post(
        reverse("activities:evidence_upload", args=[activity.pk]),
        {"kind": "minutes", "file": SimpleUploadedFile(name, content)},
        **kw,
    )


def _download(client, evidence):
    return client.get(
        reverse("activities:evidence_download", args=[evidence.activity_id, evidence.pk])
    )


def test_evidence_upload_and_download(
    client, two_parties, hanoi_union_officer, hanoi_women_officer
):
    joint = two_parties[0]
    client.force_login(hanoi_union_officer)

    uploaded = _upload(client, joint)
    evidence = Evidence.objects.get()
    client.force_login(hanoi_women_officer)
    response = _download(client, evidence)
    content = b"".join(response.streaming_content)  # closes the file once consumed

    assert uploaded.url == f"{joint.get_absolute_url()}#evidence"
    assert (evidence.activity, evidence.kind, evidence.original_name) == (
        joint,
        "minutes",
        "bien-ban.pdf",
    )
    assert content == b"%PDF-1.4 bien ban"
    assert response["Content-Disposition"] == 'attachment; filename="bien-ban.pdf"'


def test_evidence_of_a_refused_type_shows_the_reason(client, two_parties, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = _upload(client, two_parties[0], name="virus.exe", follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Chỉ có thể đính kèm ảnh (JPG, PNG), tệp PDF, Word và Excel."
    ]
    assert Evidence.objects.count() == 0


def test_evidence_upload_by_a_viewer_is_403(client, two_parties, hanoi_union):
    client.force_login(account_factories.member(hanoi_union, "viewer"))

    response = _upload(client, two_parties[1])

    assert (response.status_code, Evidence.objects.count()) == (403, 0)


def test_evidence_download_by_an_outsider_is_404(
    client, two_parties, hanoi_union_officer, danang_union_officer
):
    client.force_login(hanoi_union_officer)
    _upload(client, two_parties[0])
    client.force_login(danang_union_officer)

    response = _download(client, Evidence.objects.get())

    assert response.status_code == 404


def test_evidence_of_another_activity_is_404(client, two_parties, hanoi_union_officer):
    client.force_login(hanoi_union_officer)
    _upload(client, two_parties[0])
    evidence = Evidence.objects.get()

    response = client.get(
        reverse("activities:evidence_download", args=[two_parties[1].pk, evidence.pk])
    )

    assert response.status_code == 404


def test_pages_need_login(client, two_parties):
    urls = [LIST, CREATE, two_parties[0].get_absolute_url()]

    responses = [client.get(url) for url in urls]

    assert [r.url.split("?")[0] for r in responses] == [reverse("accounts:login")] * 3
