"""The audit log: ``log_action`` is called only from services, once per change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from phoihop.core.models import AuditEntry

SECRET_FIELDS = {"password", "token", "token_hash", "key"}


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return {"id": value.pk, "repr": str(value)}
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    return value


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The current values of ``fields`` on ``obj``, ready to compare with ``changes``."""
    return {name: getattr(obj, name) for name in fields}


def changes(before: dict[str, Any], obj: models.Model) -> dict[str, dict[str, Any]]:
    """Changed fields only, as ``{"field": {"old": …, "new": …}}``, secrets masked."""
    diff = {}
    for name, old in before.items():
        new = getattr(obj, name)
        if old != new:
            if name in SECRET_FIELDS:
                diff[name] = {"old": "***", "new": "***"}
            else:
                diff[name] = {"old": _jsonable(old), "new": _jsonable(new)}
    return diff


def log_action(
    obj: models.Model, action: str, *, actor: Any = None, data: dict[str, Any] | None = None
) -> AuditEntry:
    """Record ``action`` (``phoihop.<entity>.<verb_past>``) on ``obj``."""
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        action=action,
        actor=user,
        data=_jsonable_dict(data or {}),
    )


def _jsonable_dict(data: dict[str, Any]) -> dict[str, Any]:
    return {
        key: _jsonable(value) if not isinstance(value, dict) else value
        for key, value in data.items()
    }


def entries_for(obj: models.Model) -> models.QuerySet[AuditEntry]:
    """History of one object, newest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
    ).select_related("actor")
