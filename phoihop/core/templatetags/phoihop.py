from __future__ import annotations

import contextlib
from typing import Any

from django import template
from django.core.exceptions import FieldDoesNotExist

from phoihop.core.models import AuditEntry

register = template.Library()


@register.simple_tag
def audit_changes(entry: AuditEntry) -> list[dict[str, Any]]:
    """Rows (label, old, new, value) of an audit entry, labelled as the model labels fields."""
    model = entry.content_type.model_class()
    rows = []
    for key, value in (entry.data or {}).items():
        label = key
        if model is not None:
            with contextlib.suppress(FieldDoesNotExist):
                # Reverse relations ("parties") have no verbose_name: keep the key.
                label = str(getattr(model._meta.get_field(key), "verbose_name", key))
        if isinstance(value, dict) and ("old" in value or "new" in value):
            rows.append(
                {"label": label, "old": _text(value.get("old")), "new": _text(value.get("new"))}
            )
        else:
            rows.append({"label": label, "value": _text(value)})
    return rows


def _text(value: Any) -> str:
    if isinstance(value, dict) and "repr" in value:
        return str(value["repr"])
    if isinstance(value, list):
        value = ", ".join(_text(v) for v in value)
    if value is None or value == "":
        return "—"
    return str(value)


@register.simple_tag(takes_context=True)
def query_without(context: Any, *keys: str) -> str:
    """The current query string without some keys (for pager links that keep the filters)."""
    params = context["request"].GET.copy()
    for key in keys:
        params.pop(key, None)
    return params.urlencode()
