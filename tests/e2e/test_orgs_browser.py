"""An official logs in, browses the tree, searches without accents and reads a unit's history."""

import datetime as dt

import pytest

from phoihop.accounts.permissions import SYSTEM
from phoihop.orgs import services
from tests.factories import accounts as account_factories
from tests.factories import orgs as factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reorganised_tree():
    root = factories.unit("Tổng Liên đoàn Lao động Việt Nam", level_code="trung-uong")
    tien_giang = factories.unit(
        "Liên đoàn Lao động tỉnh Tiền Giang", short_name="LĐLĐ tỉnh Tiền Giang", parent=root
    )
    factories.unit(
        "Liên đoàn Lao động thành phố Mỹ Tho",
        short_name="LĐLĐ thành phố Mỹ Tho",
        level_code="huyen",
        parent=tien_giang,
    )
    dong_thap = factories.unit(
        "Liên đoàn Lao động tỉnh Đồng Tháp",
        short_name="LĐLĐ tỉnh Đồng Tháp",
        parent=root,
        valid_from=dt.date(2025, 7, 1),
    )
    services.units_merge(
        sources=[tien_giang],
        target=dong_thap,
        on=dt.date(2025, 7, 1),
        actor=SYSTEM,
        legal_basis="Nghị quyết 202/2025/QH15",
    )
    account_factories.member(root, "viewer", username="can_bo")
    return {"root": root, "tien_giang": tien_giang, "dong_thap": dong_thap}


def log_in(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "can_bo")
    page.fill("#id_password", "pw-Secret-123")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")  # the home page
    page.click("nav >> text=Cơ cấu tổ chức")
    page.wait_for_url(f"{live_server.url}/units/")


def test_browse_tree_search_and_read_history(page, live_server, reorganised_tree, screenshot):
    log_in(page, live_server)

    page.click("summary:has-text('Tổng Liên đoàn Lao động Việt Nam')")
    page.wait_for_selector("a.unit-link:has-text('Liên đoàn Lao động tỉnh Đồng Tháp')")
    page.click("summary:has-text('Liên đoàn Lao động tỉnh Đồng Tháp')")
    page.wait_for_selector("li.muted:has-text('Loading')", state="detached")
    screenshot("tree")
    tree_links = page.locator("#tree-root a.unit-link").all_inner_texts()

    page.goto(f"{live_server.url}/units/search/")
    page.fill("#id_q", "ldld tien giang")
    page.check("input[name=inactive]")
    page.wait_for_selector("#results td a:has-text('Liên đoàn Lao động tỉnh Tiền Giang')")
    screenshot("search")
    page.click("#results td a:has-text('Liên đoàn Lao động tỉnh Tiền Giang')")
    page.wait_for_selector("#history")
    screenshot("unit-history")
    history = page.locator("#history tbody tr").first.inner_text()

    # Mỹ Tho was still active on 1 July 2025, so it moved under the merged province.
    assert tree_links == [
        "Tổng Liên đoàn Lao động Việt Nam",
        "Liên đoàn Lao động tỉnh Đồng Tháp",
        "Liên đoàn Lao động thành phố Mỹ Tho",
    ]
    assert "01/07/2025" in history
    assert "Nghị quyết 202/2025/QH15" in history


def test_tree_as_of_2023_shows_the_old_province(page, live_server, reorganised_tree):
    log_in(page, live_server)

    page.fill("#id_at", "16/03/2023")
    page.click("form.toolbar button[type=submit]")
    page.click("summary:has-text('Tổng Liên đoàn Lao động Việt Nam')")
    page.wait_for_selector("a.unit-link:has-text('Tiền Giang')")

    assert page.locator("#tree-root a.unit-link").all_inner_texts() == [
        "Tổng Liên đoàn Lao động Việt Nam",
        "Liên đoàn Lao động tỉnh Tiền Giang",
    ]


def test_login_page_fits_a_phone(browser, live_server, reorganised_tree):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()

    phone.goto(f"{live_server.url}/accounts/login/")
    width = phone.evaluate("document.documentElement.scrollWidth")
    context.close()

    assert width <= 390
