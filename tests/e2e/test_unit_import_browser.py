"""An editor checks a unit workbook, which the worker reads, then imports it from the job page."""

import io

import pytest
from openpyxl import Workbook

from phoihop.accounts.permissions import SYSTEM
from phoihop.orgs import services
from phoihop.orgs.imports import HEADERS
from phoihop.orgs.models import OrgUnit
from tests.factories import accounts as account_factories
from tests.factories import orgs as factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def workbook(tmp_path):
    province = factories.unit("Liên đoàn Lao động thành phố Hà Nội")
    services.unit_update(unit=province, actor=SYSTEM, code="LDLD-HN")
    account_factories.member(province, "editor", username="can_bo")
    book = Workbook()
    book.active.append(HEADERS)
    book.active.append(
        ["CD-BD", "Công đoàn phường Ba Đình", "", "", "Công đoàn", "xa", "LDLD-HN", "", ""]
    )
    path = tmp_path / "don-vi.xlsx"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize("width", [1366, 390])
def test_check_then_import_a_unit_workbook(browser, live_server, workbook, width):
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "can_bo")
    page.fill("#id_password", "pw-Secret-123")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/units/import/")
    page.set_input_files("#id_file", str(workbook))
    page.click("button[name=dry_run]")
    page.wait_for_selector("h2:has-text('Tệp hợp lệ: có thể nhập 1 đơn vị.')")
    page.screenshot(path=str(_path(f"unit-import-check-{width}")), full_page=True)
    page.click("button:has-text('Nhập tệp này')")
    page.wait_for_selector("h2:has-text('Đã nhập 1 đơn vị.')")
    page.screenshot(path=str(_path(f"unit-import-done-{width}")), full_page=True)
    context.close()

    assert list(OrgUnit.objects.filter(code="CD-BD").values_list("name", flat=True)) == [
        "Công đoàn phường Ba Đình"
    ]


def _path(name):
    from tests.e2e.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / f"{name}.png"
