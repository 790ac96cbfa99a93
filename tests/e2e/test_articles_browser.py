"""An official pastes an article and checks what phoihop read, in Vietnamese, on both screens."""

import pytest

from tests.articles.test_article_import import SIGNING
from tests.factories import accounts as account_factories
from tests.factories import orgs as factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ben_tre_officer():
    area = factories.area("Tỉnh Bến Tre", code="83", short_name="Bến Tre")
    union_root = factories.unit("Tổng Liên đoàn Lao động Việt Nam", level_code="trung-uong")
    women_root = factories.unit(
        "Hội Liên hiệp Phụ nữ Việt Nam", system_code="hoi-lhpn", level_code="trung-uong"
    )
    union = factories.unit(
        "Liên đoàn Lao động tỉnh Bến Tre",
        short_name="LĐLĐ tỉnh Bến Tre",
        parent=union_root,
        area=area,
    )
    factories.unit(
        "Hội Liên hiệp Phụ nữ tỉnh Bến Tre",
        short_name="Hội LHPN tỉnh Bến Tre",
        system_code="hoi-lhpn",
        parent=women_root,
        area=area,
    )
    return account_factories.member(union, "approver", username="can_bo")


def test_paste_an_article_and_review_it_in_vietnamese(
    page, live_server, ben_tre_officer, screenshot
):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "can_bo")
    page.fill("#id_password", "pw-Secret-123")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/articles/")
    page.fill("#id_text", SIGNING)
    page.click("form[enctype] button[type=submit]")
    page.wait_for_url("**/articles/*/")
    page.wait_for_selector("dl.facts")

    facts = page.locator("dl.facts").inner_text()
    assert "Ký kết · 07/04/2023" in facts
    assert "signing" not in facts
    assert "Bài viết không nêu, anh/chị cần tự điền:" in page.locator(".left-to-fill").inner_text()
    screenshot("articles-review-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("articles-review-390")
