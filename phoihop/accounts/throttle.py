"""Login throttling with django-axes, by user name and client address together.

Counting failures per user name alone let anyone lock any official out for 15 minutes with five
wrong passwords; per (user name, address) pair, the attacker only locks themself out, and the
official still logs in from their own office. Settings: ``AXES_*`` in ``settings.py``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

LOCKED = _(
    "Too many failed logins. Please wait %(minutes)d minutes and try again, "
    "or ask your unit administrator."
)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address; behind our reverse proxy, the one it passes in X-Real-IP."""
    if settings.TRUST_X_REAL_IP and request.META.get("HTTP_X_REAL_IP"):
        return request.META["HTTP_X_REAL_IP"]
    return request.META.get("REMOTE_ADDR")


def username_of(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """User names are compared case-insensitively, as the login itself does in practice."""
    source = credentials or request.POST
    return str(source.get("username") or "").strip().lower()[:150]


def locked_out(
    request: HttpRequest, response: HttpResponse | None, credentials: dict[str, Any] | None
) -> HttpResponse:
    """The login page again, with the lock explained (HTTP 429)."""
    form = AuthenticationForm(request, data=request.POST or None)
    form.is_valid()  # binds the fields; the password is never checked while locked
    form.errors.clear()
    error = ValidationError(
        LOCKED, code="locked", params={"minutes": settings.LOGIN_FAILURE_WINDOW_MINUTES}
    )
    form.add_error(None, error)
    return render(request, "accounts/login.html", {"form": form}, status=429)
