"""Error pages speak Vietnamese and lead back home; the API keeps its JSON errors."""

import pytest

from tests.factories import accounts as account_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_not_found_is_a_vietnamese_page(client, hanoi_union):
    client.force_login(account_factories.member(hanoi_union, "viewer"))

    response = client.get("/programs/999999/")

    page = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in page
    assert 'href="/"' in page


def test_wrong_method_is_a_vietnamese_page_with_allow(client, hanoi_union):
    client.force_login(account_factories.member(hanoi_union, "viewer"))

    response = client.get("/accounts/logout/")

    assert response.status_code == 405
    assert "Allow" in response.headers
    assert "Không thực hiện được thao tác này ở đây" in response.content.decode()


def test_api_errors_stay_json(client, hanoi_union):
    client.force_login(account_factories.member(hanoi_union, "viewer"))

    response = client.get("/api/v1/programs/999999")

    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("application/json")
