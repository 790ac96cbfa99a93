"""Absolute links to the site, for places without a request (e-mails, feeds, exports)."""

from __future__ import annotations

from django.conf import settings


def site_url() -> str:
    """The public address of the site (``SITE_URL``), without a trailing slash."""
    return str(settings.SITE_URL).rstrip("/")


def absolute_url(path: str) -> str:
    """``path`` (as returned by ``reverse``) on the public address."""
    return f"{site_url()}/{path.lstrip('/')}"
