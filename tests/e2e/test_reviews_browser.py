"""An official opens the yearly review, follows a figure down to the activities behind it,
edits a section beside what the level below wrote, submits it, and downloads the report."""

import pytest

from phoihop.accounts.permissions import SYSTEM
from phoihop.activities.enums import DEFAULT_KINDS
from phoihop.activities.models import ActivityKind
from phoihop.reviews import services
from phoihop.reviews.enums import ReviewKind, ReviewState
from phoihop.reviews.models import Review
from tests.factories import accounts as account_factories
from tests.reviews.conftest import (  # noqa: F401 (fixtures)
    YEAR_END,
    YEAR_START,
    activities,
    city_program,
    derived,
    districts,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def kinds():
    """A transactional test may run after another one flushed the migration's kinds."""
    for order, (code, name) in enumerate(DEFAULT_KINDS):
        ActivityKind.objects.get_or_create(code=code, defaults={"name": name, "order": order})


@pytest.fixture
def review(city_program, hanoi_union, activities, derived, districts):  # noqa: F811
    child = services.review_create(
        program=derived["ba_dinh"],
        unit=districts["ba_dinh"]["union"],
        kind=ReviewKind.ANNUAL,
        period_start=YEAR_START,
        period_end=YEAR_END,
        actor=SYSTEM,
        joint=True,
    )
    services.review_update(review=child, actor=SYSTEM, narrative={"strengths": "Phối hợp tốt."})
    services.review_submit(review=child, actor=SYSTEM)
    services.review_approve(review=child, actor=SYSTEM)
    account_factories.member(hanoi_union, "editor", username="can_bo")
    return services.review_create(
        program=city_program,
        unit=hanoi_union,
        kind=ReviewKind.ANNUAL,
        period_start=YEAR_START,
        period_end=YEAR_END,
        actor=SYSTEM,
        joint=True,
    )


def test_drill_down_edit_submit(page, live_server, review, activities, screenshot):  # noqa: F811
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "can_bo")
    page.fill("#id_password", "pw-Secret-123")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    page.locator("#by-area a").first.click()
    page.locator("#drill tr", has_text="quận Ba Đình").locator("td.num a").click()
    page.locator("#drill .drill-activities li").first.wait_for()
    listed = page.locator("#drill .drill-activities li > a").all_inner_texts()
    beside = page.locator("#section-strengths blockquote").inner_text()
    screenshot("review-drill-down")
    page.fill("#id_section_situation", "Thuận lợi: cấp ủy quan tâm.")
    page.click("#save-review")
    page.click("#submit-review")
    page.wait_for_selector("#review-state")

    review = Review.objects.get(pk=review.pk)
    assert listed == ["Hội nghị tuyên truyền"]
    assert beside == "Liên đoàn Lao động quận Ba Đình: Phối hợp tốt."
    assert (review.state, review.narrative["situation"]) == (
        ReviewState.SUBMITTED,
        "Thuận lợi: cấp ủy quan tâm.",
    )
