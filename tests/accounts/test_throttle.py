"""Login throttling (django-axes) by user name and client address together (issue 9, item 10):
five wrong passwords lock that pair only, so nobody can lock an official out from elsewhere."""

import datetime as dt

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse

from tests.factories.accounts import user as make_user

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

RIGHT = "pw-Secret-123"
ATTACKER = "203.0.113.66"
OFFICE = "198.51.100.7"
START = dt.datetime(2026, 3, 16, 8, 0, tzinfo=dt.UTC)
LOCKED = (
    "Đăng nhập sai quá nhiều lần. Vui lòng chờ 15 phút rồi thử lại, hoặc liên hệ quản trị đơn vị."
)


def login(client, username, password, ip, **extra):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        **extra,
    )


def fail(client, username, ip, times=5, **extra):
    for _ in range(times):
        login(client, username, "sai", ip, **extra)


def test_wrong_password_is_refused_in_vietnamese_and_counted(client):
    make_user("can_bo")

    response = login(client, "can_bo", "sai", ATTACKER)

    assert response.status_code == 200
    assert "mật khẩu chính xác" in response.content.decode()
    assert list(
        AccessAttempt.objects.values_list("username", "ip_address", "failures_since_start")
    ) == [("can_bo", ATTACKER, 1)]


def test_five_failures_lock_that_address_even_with_the_right_password(client):
    make_user("can_bo")
    fail(client, "can_bo", ATTACKER)

    response = login(client, "can_bo", RIGHT, ATTACKER)

    html = " ".join(response.content.decode().split())
    assert (response.status_code, LOCKED in html, "mật khẩu chính xác" in html) == (
        429,
        True,
        False,
    )
    assert "_auth_user_id" not in client.session


def test_failures_from_another_address_do_not_lock_the_official_out(client):
    official = make_user("can_bo")
    fail(client, "can_bo", ATTACKER, times=20)

    response = login(client, "can_bo", RIGHT, OFFICE)

    assert (response.status_code, response.url) == (302, reverse("home:home"))
    assert client.session["_auth_user_id"] == str(official.pk)


def test_user_names_are_counted_without_regard_to_case(client):
    make_user("can_bo")
    fail(client, "CAN_BO", ATTACKER, times=3)
    fail(client, "Can_Bo", ATTACKER, times=2)

    response = login(client, "can_bo", RIGHT, ATTACKER)

    assert response.status_code == 429


def test_fewer_failures_and_a_success_reset_the_count(client):
    make_user("can_bo")
    fail(client, "can_bo", ATTACKER, times=4)
    login(client, "can_bo", RIGHT, ATTACKER)
    client.logout()
    fail(client, "can_bo", ATTACKER, times=4)

    response = login(client, "can_bo", RIGHT, ATTACKER)

    assert response.status_code == 302


def test_the_lock_ends_after_the_window(client):
    make_user("can_bo")
    with time_machine.travel(START, tick=False) as traveller:
        fail(client, "can_bo", ATTACKER)
        traveller.shift(dt.timedelta(minutes=14))
        still_locked = login(client, "can_bo", RIGHT, ATTACKER).status_code
        traveller.shift(dt.timedelta(minutes=16))

        response = login(client, "can_bo", RIGHT, ATTACKER)

    assert (still_locked, response.status_code) == (429, 302)


@override_settings(TRUST_X_REAL_IP=True)
def test_behind_the_proxy_the_address_comes_from_x_real_ip(client):
    make_user("can_bo")
    fail(client, "can_bo", "127.0.0.1", HTTP_X_REAL_IP=ATTACKER)

    locked = login(client, "can_bo", RIGHT, "127.0.0.1", HTTP_X_REAL_IP=ATTACKER)
    office = login(client, "can_bo", RIGHT, "127.0.0.1", HTTP_X_REAL_IP=OFFICE)

    assert (locked.status_code, office.status_code) == (429, 302)


def test_without_the_proxy_a_forged_x_real_ip_does_not_escape_the_lock(client):
    make_user("can_bo")
    fail(client, "can_bo", ATTACKER)

    response = login(client, "can_bo", RIGHT, ATTACKER, HTTP_X_REAL_IP=OFFICE)

    assert response.status_code == 429
