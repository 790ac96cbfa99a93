"""Test settings: fast hashing, immediate tasks, throwaway media.

``DATABASE_URL`` still switches the database, so CI runs the same suite on PostgreSQL.
"""

import tempfile
from pathlib import Path

from .settings import *  # noqa: F403
from .settings import DATABASE_URL, database_from_url, sqlite_database

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="phoihop-media-"))
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
DEBUG = False
DATABASES = {
    "default": database_from_url(DATABASE_URL)
    if DATABASE_URL
    else sqlite_database(Path(tempfile.gettempdir()) / "phoihop-test.sqlite3")
}
