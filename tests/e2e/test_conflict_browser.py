"""Two officials edit the same activity: the second sees what the first saved, keeps their input."""

import datetime as dt

import pytest

from phoihop.accounts.permissions import SYSTEM
from phoihop.activities import services
from phoihop.activities.models import Activity, ActivityKind
from tests.factories import accounts as account_factories
from tests.factories import orgs as factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def activity():
    union = factories.unit("Liên đoàn Lao động quận Thanh Xuân", level_code="huyen")
    account_factories.member(union, "editor", username="can_bo")
    return services.activity_create(
        actor=SYSTEM,
        organizers=[(union, "lead")],
        title="Tọa đàm bình đẳng giới",
        kind=ActivityKind.objects.get_or_create(code="hoi-nghi", defaults={"name": "Hội nghị"})[0],
        starts_on=dt.date(2017, 3, 6),
        participants=100,
        participants_women=60,
    )


@pytest.mark.parametrize("width", [1366, 390])
def test_the_second_save_shows_the_differences_and_keeps_the_input(
    page, live_server, activity, screenshot, width
):
    page.set_viewport_size({"width": width, "height": 768})
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "can_bo")
    page.fill("#id_password", "pw-Secret-123")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/activities/{activity.pk}/edit/")
    # Meanwhile a colleague saves the same activity.
    services.activity_update(
        activity=Activity.objects.get(pk=activity.pk),
        actor=SYSTEM,
        version=activity.version,
        participants=150,
    )

    page.fill("#id_participants", "130")
    page.focus("#id_title")
    page.keyboard.press("Enter")
    page.wait_for_selector("#edit-conflict")
    screenshot(f"activity-edit-conflict-{width}")

    rows = page.locator("#edit-conflict tbody tr").all_inner_texts()
    assert [" ".join(row.split()) for row in rows] == ["Người tham dự 130 150"]
    assert page.input_value("#id_participants") == "130"
    assert Activity.objects.get(pk=activity.pk).participants == 150
