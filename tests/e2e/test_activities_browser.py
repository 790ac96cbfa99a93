"""An official enters an activity with the keyboard alone, then sees it counted once."""

import pytest

from phoihop.activities.models import Activity
from tests.factories import accounts as account_factories
from tests.factories import orgs as factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def district_officer():
    area = factories.area("Quận Thanh Xuân", kind="district", short_name="Thanh Xuân")
    union = factories.unit("Liên đoàn Lao động quận Thanh Xuân", level_code="huyen", area=area)
    factories.unit(
        "Hội Liên hiệp Phụ nữ quận Thanh Xuân",
        system_code="hoi-lhpn",
        level_code="huyen",
        area=area,
    )
    account_factories.member(union, "editor", username="can_bo")
    return union


def test_keyboard_entry_of_a_joint_activity(page, live_server, district_officer, screenshot):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "can_bo")
    page.fill("#id_password", "pw-Secret-123")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/activities/new/")

    page.focus("#id_title")
    page.keyboard.type("Tọa đàm bình đẳng giới trong nữ công nhân")
    page.keyboard.press("Tab")
    page.keyboard.press("T")  # type-ahead in the select: "Tọa đàm" is the first kind with T
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("06/03/2017")
    page.keyboard.press("Tab")
    page.keyboard.type("Hội trường UBND quận")
    page.focus("#search-partners")
    page.keyboard.type("hoi phu nu thanh xuan")
    page.locator("#pick-partners input").first.wait_for()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.focus("#id_participants")
    page.keyboard.type("1.200")
    page.keyboard.press("Tab")
    page.keyboard.type("950")
    screenshot("activity-form")
    page.focus("#id_title")
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    screenshot("activity-after-submit")
    page.wait_for_selector("#evidence")
    screenshot("activity-detail")

    activity = Activity.objects.get()
    assert (activity.title, activity.kind.code, activity.starts_on.isoformat()) == (
        "Tọa đàm bình đẳng giới trong nữ công nhân",
        "toa-dam",
        "2017-03-06",
    )
    assert (activity.participants, activity.participants_women) == (1200, 950)
    assert sorted((o.unit.name, o.role) for o in activity.organizers.select_related("unit")) == [
        ("Hội Liên hiệp Phụ nữ quận Thanh Xuân", "partner"),
        ("Liên đoàn Lao động quận Thanh Xuân", "lead"),
    ]
