"""``manage.py create_api_token <username>`` prints a token once."""

import io

import pytest
from django.core.management import CommandError, call_command

from phoihop.accounts import services
from phoihop.accounts.models import ApiToken
from tests.factories import accounts as account_factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_create_api_token_prints_token_that_authenticates():
    user = account_factories.user("report_bot")
    out = io.StringIO()

    call_command("create_api_token", "report_bot", stdout=out)

    raw = out.getvalue().strip()
    assert services.api_token_user(raw) == user
    assert raw.startswith("ph_")


def test_create_api_token_stores_name_and_hash_only():
    user = account_factories.user("report_bot")
    out = io.StringIO()

    call_command("create_api_token", "report_bot", "--name", "Nightly export", stdout=out)

    raw = out.getvalue().strip()
    token = ApiToken.objects.get(user=user)
    assert (token.name, token.token_hash, token.prefix) == (
        "Nightly export",
        ApiToken.hash(raw),
        raw[:8],
    )


def test_create_api_token_unknown_user_is_command_error():
    account_factories.user("report_bot")

    with pytest.raises(CommandError):
        call_command("create_api_token", "nobody", stdout=io.StringIO())

    assert ApiToken.objects.count() == 0


def test_create_api_token_inactive_user_is_command_error():
    account_factories.user("retired", is_active=False)

    with pytest.raises(CommandError):
        call_command("create_api_token", "retired", stdout=io.StringIO())

    assert ApiToken.objects.count() == 0
