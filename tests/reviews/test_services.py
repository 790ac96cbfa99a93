"""Reviews: pre-fill from the data and from the level below, the workflow, freezing on
approval, drill-down, the next phase, permissions."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from phoihop.accounts.permissions import SYSTEM
from phoihop.activities.models import Evidence
from phoihop.core.audit import entries_for
from phoihop.core.exceptions import DomainError
from phoihop.programs.enums import MilestoneKind
from phoihop.programs.models import Program
from phoihop.reviews import selectors, services
from phoihop.reviews.enums import ReviewKind, ReviewState
from tests.factories import accounts as account_factories
from tests.reviews.conftest import YEAR_END, YEAR_START, activity

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _city_review(city_program, hanoi_union, *, kind=ReviewKind.ANNUAL, joint=True):
    return services.review_create(
        program=city_program,
        unit=hanoi_union,
        kind=kind,
        period_start=YEAR_START,
        period_end=YEAR_END,
        actor=SYSTEM,
        joint=joint,
    )


def _approved(review, actor=SYSTEM):
    services.review_submit(review=review, actor=actor)
    return services.review_approve(review=review, actor=actor, on=dt.date(2024, 1, 10))


def _ba_dinh_review(derived, districts):
    return services.review_create(
        program=derived["ba_dinh"],
        unit=districts["ba_dinh"]["union"],
        kind=ReviewKind.ANNUAL,
        period_start=YEAR_START,
        period_end=YEAR_END,
        actor=SYSTEM,
        joint=True,
    )


def _figures(row) -> tuple:
    return (row["activities"], row["participants"], row["women"], row["cost"])


def test_prefill_counts_every_level_of_the_tree_in_the_period(
    city_program, hanoi_union, activities
):
    review = _city_review(city_program, hanoi_union)

    figures = selectors.review_figures(review)

    assert _figures(figures["totals"]) == (4, 760, 590, 28_000_000)
    assert [(a["title"], a["activities"], a["participants"]) for a in figures["by_area"]] == [
        ("Tuyên truyền, giáo dục", 3, 680),
        ("Chăm lo đời sống", 1, 80),
    ]
    assert [(k["key"], k["activities"]) for k in figures["by_kind"]] == [
        ("hoi-nghi", 3),
        ("tap-huan", 1),
    ]
    assert review.narrative["results"] == (
        "Trong kỳ, đã tổ chức 4 hoạt động với 760 lượt người tham gia, trong đó nữ 590 lượt "
        "(77,6%); tổng kinh phí 28.000.000 đồng."
    )


def test_prefill_splits_the_figures_by_the_programs_below(
    city_program, hanoi_union, activities, derived
):
    review = _city_review(city_program, hanoi_union)

    children = selectors.review_figures(review)["children"]

    rows = {c["program_id"]: (c["source"], c["activities"], c["participants"]) for c in children}
    assert rows == {
        derived["ba_dinh"].pk: ("data", 2, 200),
        derived["thanh_xuan"].pk: ("data", 1, 60),
    }


def test_single_party_review_counts_only_its_own_subtree(city_program, hanoi_women, activities):
    review = _city_review(city_program, hanoi_women, joint=False)

    totals = selectors.review_figures(review)["totals"]

    # City activity (co-organized), Ba Đình 1 (co-organized), Thanh Xuân (women only).
    assert _figures(totals) == (3, 680, 560, 25_000_000)


def test_child_approved_review_feeds_the_parent_and_its_text_is_offered(
    city_program, hanoi_union, activities, derived, districts
):
    child = _ba_dinh_review(derived, districts)
    services.review_update(review=child, actor=SYSTEM, narrative={"strengths": "Làm tốt."})
    _approved(child)
    activity(  # entered after the child's approval: the child's figures do not move
        derived["ba_dinh"],
        [districts["ba_dinh"]["union"]],
        day=dt.date(2023, 11, 1),
        participants=10,
        women=5,
    )

    review = _city_review(city_program, hanoi_union)
    figures = selectors.review_figures(review)

    row = next(c for c in figures["children"] if c["program_id"] == derived["ba_dinh"].pk)
    assert (row["source"], row["review_id"], row["activities"]) == ("review", child.pk, 2)
    assert figures["totals"]["activities"] == 5  # the parent's own count is live
    assert figures["reporting"] == {"children": 2, "approved_reviews": 1}
    assert selectors.children_texts(review)["strengths"] == [
        {"review_id": child.pk, "unit": "Liên đoàn Lao động quận Ba Đình", "text": "Làm tốt."}
    ]


def test_approval_freezes_figures_hierarchy_and_activities(
    city_program, hanoi_union, activities, derived, districts
):
    review = _approved(_city_review(city_program, hanoi_union))
    before = selectors.review_figures(review)

    activity(
        derived["thanh_xuan"],
        [districts["thanh_xuan"]["women"]],
        day=dt.date(2023, 10, 1),
        participants=1000,
        women=1000,
    )
    hanoi_union.name = "Liên đoàn Lao động Thủ đô"
    hanoi_union.save()
    review.refresh_from_db()

    assert selectors.review_figures(review) == before
    assert _figures(before["totals"]) == (4, 760, 590, 28_000_000)
    assert selectors.review_hierarchy(review)["unit"] == "Liên đoàn Lao động thành phố Hà Nội"
    assert sorted(a.pk for a in selectors.review_scope(review)) == sorted(
        a.pk for key, a in activities.items() if key != "old"
    )


def test_drill_down_from_a_figure_to_children_activities_and_evidence(
    city_program, hanoi_union, activities, derived
):
    Evidence.objects.create(
        activity=activities["ba_dinh_1"], kind="photo", file="e/a.jpg", original_name="a.jpg"
    )
    review = _city_review(city_program, hanoi_union)
    area_key = selectors.review_figures(review)["by_area"][0]["key"]

    children = selectors.drill_children(review, "area", area_key)
    listed = selectors.drill_activities(review, "area", area_key, program_id=derived["ba_dinh"].pk)

    assert [(c["label"], c["activities"]) for c in children] == [
        ("Cấp mình trực tiếp tổ chức", 1),
        ("Liên đoàn Lao động quận Ba Đình – Hội Liên hiệp Phụ nữ quận Ba Đình", 1),
        ("Liên đoàn Lao động quận Thanh Xuân – Hội Liên hiệp Phụ nữ quận Thanh Xuân", 1),
    ]
    assert [(a.pk, [e.original_name for e in a.evidence.all()]) for a in listed] == [
        (activities["ba_dinh_1"].pk, ["a.jpg"])
    ]


def test_workflow_returned_then_resubmitted_then_approved_is_audited(
    city_program, hanoi_union, activities, approver, hanoi_union_officer
):
    review = _city_review(city_program, hanoi_union)

    services.review_submit(review=review, actor=hanoi_union_officer)
    services.review_return(review=review, actor=approver, reason="Bổ sung số liệu")
    services.review_submit(review=review, actor=hanoi_union_officer)
    services.review_approve(review=review, actor=approver)

    review.refresh_from_db()
    assert (review.state, review.approved_by) == (ReviewState.APPROVED, approver)
    assert list(entries_for(review).order_by("pk").values_list("action", flat=True)) == [
        "phoihop.review.created",
        "phoihop.review.submitted",
        "phoihop.review.returned",
        "phoihop.review.submitted",
        "phoihop.review.approved",
    ]


def test_an_approved_review_cannot_be_edited(city_program, hanoi_union, activities):
    review = _approved(_city_review(city_program, hanoi_union))

    with pytest.raises(DomainError):
        services.review_update(review=review, actor=SYSTEM, narrative={"results": "khác"})


def test_editor_cannot_approve_and_outsider_cannot_edit(
    city_program, hanoi_union, activities, hanoi_union_officer, danang_union_officer
):
    review = _city_review(city_program, hanoi_union)
    services.review_submit(review=review, actor=hanoi_union_officer)

    with pytest.raises(PermissionDenied):
        services.review_approve(review=review, actor=hanoi_union_officer)
    with pytest.raises(PermissionDenied):
        services.review_return(review=review, actor=danang_union_officer, reason="x")
    review.refresh_from_db()
    assert review.state == ReviewState.SUBMITTED


def test_party_sees_its_joint_review_and_an_outsider_sees_nothing(
    city_program, hanoi_union, activities, hanoi_women_officer, danang_union_officer
):
    joint = _city_review(city_program, hanoi_union)
    own = _city_review(city_program, hanoi_union, kind=ReviewKind.HALF_YEAR, joint=False)

    partner_sees = list(selectors.reviews_visible_to(hanoi_women_officer))
    outsider_sees = list(selectors.reviews_visible_to(danang_union_officer))

    assert (partner_sees, outsider_sees) == ([joint], [])
    assert own.joint is False


def test_partner_edits_the_joint_review(city_program, hanoi_union, hanoi_women_officer):
    review = _city_review(city_program, hanoi_union)

    services.review_update(
        review=review, actor=hanoi_women_officer, narrative={"situation": "Thuận lợi."}
    )

    review.refresh_from_db()
    assert review.narrative["situation"] == "Thuận lợi."


def test_outsider_cannot_create_a_review(city_program, hanoi_union, danang_union_officer):
    with pytest.raises(PermissionDenied):
        services.review_create(
            program=city_program,
            unit=hanoi_union,
            kind=ReviewKind.ANNUAL,
            period_start=YEAR_START,
            period_end=YEAR_END,
            actor=danang_union_officer,
        )
    assert city_program.reviews.count() == 0


def test_reviewing_unit_must_be_a_party(city_program, danang_union):
    with pytest.raises(DomainError):
        services.review_create(
            program=city_program,
            unit=danang_union,
            kind=ReviewKind.ANNUAL,
            period_start=YEAR_START,
            period_end=YEAR_END,
            actor=SYSTEM,
        )


def test_milestone_is_met_by_its_approved_review(city_program, activities):
    milestone = city_program.milestones.filter(kind=MilestoneKind.INTERIM_REVIEW).first()

    review = services.review_create_for_milestone(milestone=milestone, actor=SYSTEM)
    _approved(review)

    milestone.refresh_from_db()
    assert (review.kind, review.joint, review.period_end) == (
        ReviewKind.MID_PHASE,
        True,
        milestone.due_on,
    )
    assert milestone.done_on == dt.date(2024, 1, 10)


def test_final_review_drafts_the_next_program(city_program, hanoi_union, activities):
    review = services.review_create(
        program=city_program,
        unit=hanoi_union,
        kind=ReviewKind.FINAL,
        period_start=dt.date(2023, 1, 1),
        period_end=dt.date(2027, 12, 31),
        actor=SYSTEM,
        joint=True,
    )
    services.review_update(
        review=review,
        actor=SYSTEM,
        narrative={"recommendations": "Tăng kinh phí cho cơ sở.", "directions": "Mở rộng."},
    )
    _approved(review)

    renewal = services.review_draft_next_program(review=review, actor=SYSTEM)

    assert (renewal.predecessor, renewal.start_year, renewal.end_year) == (city_program, 2027, 2031)
    assert list(renewal.content_areas.values_list("title", flat=True)) == [
        "Tuyên truyền, giáo dục",
        "Chăm lo đời sống",
    ]
    assert renewal.requirements == "Thực hiện các đề xuất, kiến nghị: Tăng kinh phí cho cơ sở."
    assert "Mở rộng." in renewal.purpose
    assert Program.objects.filter(predecessor=city_program).count() == 1


def test_only_an_approved_final_review_drafts_the_next_program(
    city_program, hanoi_union, activities
):
    review = _city_review(city_program, hanoi_union)

    with pytest.raises(DomainError):
        services.review_draft_next_program(review=review, actor=SYSTEM)


def test_viewer_cannot_submit(city_program, hanoi_union, activities):
    viewer = account_factories.member(hanoi_union, "viewer", username="viewer")
    review = _city_review(city_program, hanoi_union)

    with pytest.raises(PermissionDenied):
        services.review_submit(review=review, actor=viewer)
