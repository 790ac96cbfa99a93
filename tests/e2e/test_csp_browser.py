"""Under the strict CSP, htmx still works, nothing is blocked, and the API docs render offline."""

import pytest

from tests.factories import accounts as account_factories
from tests.factories import orgs as factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tree():
    root = factories.unit("Tổng Liên đoàn Lao động Việt Nam", level_code="trung-uong")
    factories.unit("Liên đoàn Lao động tỉnh Tiền Giang", parent=root)
    account_factories.member(root, "viewer", username="can_bo")
    return root


def test_htmx_works_and_nothing_is_blocked_by_the_policy(page, live_server, tree, screenshot):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "can_bo")
    page.fill("#id_password", "pw-Secret-123")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")  # the home page, then the tree
    page.goto(f"{live_server.url}/units/")

    page.click("summary:has-text('Tổng Liên đoàn Lao động Việt Nam')")  # loaded by htmx
    page.wait_for_selector("a.unit-link:has-text('Liên đoàn Lao động tỉnh Tiền Giang')")
    screenshot("csp-tree")
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info .title:has-text('phoihop API')")
    operations = page.locator(".opblock-summary-path").count()
    screenshot("csp-api-docs")

    assert (violations, operations >= 19) == ([], True)
