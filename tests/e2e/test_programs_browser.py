"""An official creates a program with a counterpart, signs it, cascades it, sees coverage move."""

import datetime as dt

import pytest

from phoihop.accounts.permissions import SYSTEM
from phoihop.programs import services
from phoihop.programs.models import Program
from tests.factories import accounts as account_factories
from tests.factories import orgs as factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def city_and_district():
    city = factories.area("Thành phố Hà Nội", code="01", short_name="Hà Nội")
    district = factories.area("Quận Thanh Xuân", kind="district", short_name="Thanh Xuân")
    union_root = factories.unit("Tổng Liên đoàn Lao động Việt Nam", level_code="trung-uong")
    women_root = factories.unit(
        "Hội Liên hiệp Phụ nữ Việt Nam", system_code="hoi-lhpn", level_code="trung-uong"
    )
    union = factories.unit("Liên đoàn Lao động thành phố Hà Nội", parent=union_root, area=city)
    women = factories.unit(
        "Hội Liên hiệp Phụ nữ thành phố Hà Nội",
        system_code="hoi-lhpn",
        parent=women_root,
        area=city,
    )
    factories.unit(
        "Liên đoàn Lao động quận Thanh Xuân", level_code="huyen", parent=union, area=district
    )
    women_district = factories.unit(
        "Hội Liên hiệp Phụ nữ quận Thanh Xuân",
        system_code="hoi-lhpn",
        level_code="huyen",
        parent=women,
        area=district,
    )
    account_factories.member(union, "approver", username="can_bo")
    return {"union": union, "women": women, "women_district": women_district}


def pick_unit(page, index: int, query: str, name: str) -> None:
    page.fill(f"#search-parties-{index}-unit", query)
    option = page.locator(f"#pick-parties-{index}-unit label", has_text=name)
    option.wait_for()
    option.click()


def test_create_sign_cascade_and_see_coverage(page, live_server, city_and_district, screenshot):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "can_bo")
    page.fill("#id_password", "pw-Secret-123")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/programs/new/")
    page.fill("#id_title", "Chương trình phối hợp hoạt động trong nữ CNVCLĐ")
    page.fill("#id_start_year", "2022")
    page.fill("#id_end_year", "2027")
    page.fill("#id_content_areas_text", "1. Tuyên truyền\n2. Thi đua\n3. Xây dựng tổ chức")
    pick_unit(page, 0, "lao dong ha noi", "Liên đoàn Lao động thành phố Hà Nội")
    page.select_option("#id_parties-0-role", "lead")
    pick_unit(page, 1, "hoi phu nu ha noi", "Hội Liên hiệp Phụ nữ thành phố Hà Nội")
    screenshot("program-form")
    page.click("form.program-form .buttons button[type=submit]")
    page.wait_for_selector("#lifecycle")

    page.fill("#id_signed_on", "16/03/2023")
    page.fill("#id_number", "01/CTrPH-LĐLĐ-HLHPN")
    page.click("#sign-button")
    page.wait_for_selector(".msg")
    page.select_option("#id_tier", "2")
    page.click("#coverage button[type=submit]")
    page.wait_for_selector("#coverage .stats")
    expected_before = page.locator("#coverage .stats div").nth(0).inner_text()
    signed_before = page.locator("#coverage .stats div").nth(1).inner_text()

    derived = Program.objects.get(parent__isnull=False)
    services.program_sign(program=derived, signed_on=dt.date(2023, 4, 1), actor=SYSTEM)
    page.reload()
    page.wait_for_selector("#coverage-table table")
    screenshot("program-detail")
    signed_after = page.locator("#coverage .stats div").nth(1).inner_text()

    program = Program.objects.get(parent__isnull=True)
    assert (program.state, program.number) == ("signed", "01/CTrPH-LĐLĐ-HLHPN")
    assert expected_before.split()[0] == "1"
    assert (signed_before.split()[0], signed_after.split()[0]) == ("0", "1")
