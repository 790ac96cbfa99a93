"""Login, logout, password change, and the English UI (throttling: test_throttle.py)."""

import pytest
from django.urls import reverse

from tests.factories.accounts import user as make_user

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_login_with_the_right_password_opens_the_home_page(client):
    make_user("can_bo")

    response = client.post(
        reverse("accounts:login"), {"username": "can_bo", "password": "pw-Secret-123"}
    )

    assert (response.status_code, response.url) == (302, reverse("home:home"))


def test_logout_needs_post_and_ends_the_session(client):
    client.force_login(make_user())

    response = client.post(reverse("accounts:logout"))

    assert (response.status_code, response.url) == (302, reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


def test_password_change(client):
    officer = make_user()
    client.force_login(officer)

    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "pw-Secret-123",
            "new_password1": "Phoi-hop-2027!",
            "new_password2": "Phoi-hop-2027!",
        },
    )

    officer.refresh_from_db()
    assert (response.status_code, officer.check_password("Phoi-hop-2027!")) == (302, True)


def test_pages_are_vietnamese_by_default_and_english_on_request(client):
    client.force_login(make_user())

    vietnamese = client.get(reverse("orgs:tree")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/units/"})
    english = client.get(reverse("orgs:tree")).content.decode()

    assert "Cơ cấu tổ chức" in vietnamese
    assert "<h1>Organizations</h1>" in english
