"""Review pages and API: the owner / partner / outsider trio, the same figures on screen, in the
API and in the files, the workflow through the pages, drill-down partials."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from phoihop.accounts.permissions import SYSTEM
from phoihop.reviews import selectors, services
from phoihop.reviews.enums import ReviewKind, ReviewState
from tests.reporting.conftest import docx_tables
from tests.reviews.conftest import YEAR_END, YEAR_START

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def review(city_program, hanoi_union, activities):
    return services.review_create(
        program=city_program,
        unit=hanoi_union,
        kind=ReviewKind.ANNUAL,
        period_start=YEAR_START,
        period_end=YEAR_END,
        actor=SYSTEM,
        joint=True,
    )


def test_detail_page_shows_the_figures(client, review, hanoi_women_officer):
    client.force_login(hanoi_women_officer)

    response = client.get(review.get_absolute_url())

    html = response.content.decode()
    assert response.context["figures"] == selectors.review_figures(review)
    assert '<strong id="total-cost">28.000.000</strong>' in html
    assert 'id="total-participants">760</strong>' in html


def test_outsider_gets_404_everywhere(client, review, city_program, danang_union_officer):
    client.force_login(danang_union_officer)

    codes = [
        client.get(review.get_absolute_url()).status_code,
        client.get(reverse("reviews:review_document", args=[review.pk])).status_code,
        client.get(reverse("reviews:review_drill", args=[review.pk])).status_code,
        client.get(reverse("reviews:review_list") + f"?program={city_program.pk}").status_code,
        client.get(f"/api/v1/reviews/{review.pk}").status_code,
        client.get(f"/api/v1/reviews?program={city_program.pk}").status_code,
        client.get(f"/api/v1/reviews/{review.pk}/document?format=xlsx").status_code,
    ]

    assert codes == [404] * 7


def test_api_list_and_detail_give_the_screen_figures(
    client, review, city_program, hanoi_union_officer
):
    client.force_login(hanoi_union_officer)

    listed = client.get(f"/api/v1/reviews?program={city_program.pk}").json()
    detail = client.get(f"/api/v1/reviews/{review.pk}").json()

    assert [(r["id"], r["kind"], r["joint"]) for r in listed] == [(review.pk, "annual", True)]
    assert detail["figures"] == selectors.review_figures(review)
    assert detail["figures"]["totals"]["activities"] == 4


def test_api_annex_and_docx_carry_the_api_figures(client, review, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    totals = client.get(f"/api/v1/reviews/{review.pk}").json()["figures"]["totals"]
    xlsx = client.get(f"/api/v1/reviews/{review.pk}/document?format=xlsx")
    docx = client.get(f"/api/v1/reviews/{review.pk}/document?format=docx")

    sheet = load_workbook(io.BytesIO(xlsx.content))["Theo nội dung"]
    total_row = [c.value for c in sheet[7]]
    assert total_row == [
        "Tổng cộng",
        totals["activities"],
        totals["participants"],
        totals["women"],
        totals["cost"],
    ]
    assert docx_tables(docx.content)[1][-1] == ["Tổng cộng", "4", "760", "590", "28.000.000"]


def test_reviews_are_in_the_openapi(client, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert [p for p in paths if p.startswith("/api/v1/reviews")] == [
        "/api/v1/reviews",
        "/api/v1/reviews/{review_id}",
        "/api/v1/reviews/{review_id}/document",
    ]


def test_create_review_from_the_page(client, city_program, hanoi_union, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.post(
        reverse("reviews:review_create", args=[city_program.pk]),
        {
            "kind": "half_year",
            "unit": hanoi_union.pk,
            "period_start": "01/01/2023",
            "period_end": "30/06/2023",
            "joint": "on",
        },
    )

    created = city_program.reviews.get()
    assert response["Location"] == created.get_absolute_url()
    assert (created.kind, created.period_end.isoformat(), created.joint) == (
        "half_year",
        "2023-06-30",
        True,
    )


def test_bad_period_is_refused_in_vietnamese(
    client, city_program, hanoi_union, hanoi_union_officer
):
    client.force_login(hanoi_union_officer)

    response = client.post(
        reverse("reviews:review_create", args=[city_program.pk]),
        {
            "kind": "annual",
            "unit": hanoi_union.pk,
            "period_start": "31/12/2023",
            "period_end": "01/01/2023",
        },
    )

    assert response.context["form"].errors["period_end"] == [
        "Kỳ báo cáo phải kết thúc sau ngày bắt đầu."
    ]
    assert city_program.reviews.count() == 0


def test_forged_unit_is_refused(client, city_program, danang_union, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    client.post(
        reverse("reviews:review_create", args=[city_program.pk]),
        {
            "kind": "annual",
            "unit": danang_union.pk,
            "period_start": "01/01/2023",
            "period_end": "31/12/2023",
        },
    )

    assert city_program.reviews.count() == 0


def test_edit_submit_and_approve_through_the_pages(client, review, hanoi_women_officer, approver):
    client.force_login(hanoi_women_officer)
    client.post(
        reverse("reviews:review_edit", args=[review.pk]),
        {
            "number": "12/BC-LĐLĐ-HLHPN",
            "place": "Hà Nội",
            "issued_on": "31/12/2023",
            "section_situation": "Thuận lợi.",
            "section_results": "Kết quả tốt.",
        },
    )
    client.post(reverse("reviews:review_transition", args=[review.pk, "submit"]))
    client.force_login(approver)
    client.post(reverse("reviews:review_transition", args=[review.pk, "approve"]))

    review.refresh_from_db()
    assert (review.state, review.number, review.narrative["situation"]) == (
        ReviewState.APPROVED,
        "12/BC-LĐLĐ-HLHPN",
        "Thuận lợi.",
    )
    assert review.frozen["figures"]["totals"]["activities"] == 4


def test_editor_cannot_approve_through_the_page(client, review, hanoi_union_officer):
    services.review_submit(review=review, actor=SYSTEM)
    client.force_login(hanoi_union_officer)

    response = client.post(reverse("reviews:review_transition", args=[review.pk, "approve"]))

    review.refresh_from_db()
    assert (response.status_code, review.state) == (403, ReviewState.SUBMITTED)


def test_drill_partial_lists_children_then_activities(
    client, review, derived, activities, hanoi_union_officer
):
    client.force_login(hanoi_union_officer)
    url = reverse("reviews:review_drill", args=[review.pk])

    level1 = client.get(url, {"dim": "total"}, headers={"HX-Request": "true"})
    level2 = client.get(
        url, {"dim": "total", "program": derived["ba_dinh"].pk}, headers={"HX-Request": "true"}
    )

    first, second = level1.content.decode(), level2.content.decode()
    ba_dinh = "Liên đoàn Lao động quận Ba Đình – Hội Liên hiệp Phụ nữ quận Ba Đình"
    assert (ba_dinh in first, "Cấp mình trực tiếp tổ chức" in first) == (True, True)
    links = [second.find(activities[k].get_absolute_url()) for k in ("ba_dinh_1", "ba_dinh_2")]
    assert 0 < links[0] < links[1]
    assert activities["thanh_xuan"].get_absolute_url() not in second


def test_generate_in_background_then_download(
    client, review, hanoi_union_officer, django_capture_on_commit_callbacks
):
    client.force_login(hanoi_union_officer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reviews:review_generate", args=[review.pk]), {"format": "docx"})
    response = client.get(reverse("reviews:review_file", args=[review.pk]))

    content = b"".join(response.streaming_content)
    assert docx_tables(content)[1][-1] == ["Tổng cộng", "4", "760", "590", "28.000.000"]


def test_unknown_format_is_refused(client, review, hanoi_union_officer):
    client.force_login(hanoi_union_officer)

    response = client.get(reverse("reviews:review_document", args=[review.pk]), {"format": "exe"})

    assert (response.status_code, response.content.decode()) == (
        400,
        "Định dạng văn bản không hợp lệ: chọn docx, pdf hoặc xlsx.",
    )


@pytest.mark.parametrize("item_count", [1, 3])
def test_review_list_query_count_is_constant(
    client, city_program, hanoi_union, hanoi_union_officer, item_count, django_assert_num_queries
):
    for month in range(item_count):
        services.review_create(
            program=city_program,
            unit=hanoi_union,
            kind=ReviewKind.AD_HOC,
            period_start=YEAR_START.replace(month=month + 1),
            period_end=YEAR_START.replace(month=month + 1, day=28),
            actor=SYSTEM,
        )
    client.force_login(hanoi_union_officer)

    with django_assert_num_queries(12):
        client.get(reverse("reviews:review_list"), {"program": city_program.pk})
