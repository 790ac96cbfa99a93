from __future__ import annotations

import contextlib
from typing import Any

from django import template
from django.core.exceptions import FieldDoesNotExist

from phoihop.core.audit_labels import VALUES, action_label, key_label, value_text
from phoihop.core.models import AuditEntry

register = template.Library()


@register.simple_tag
def audit_changes(entry: AuditEntry) -> list[dict[str, Any]]:
    """Rows (label, old, new, value) of an audit entry, labelled as the model labels fields,
    coded values (states, roles, levels, dates, yes/no) in words."""
    model = entry.content_type.model_class()
    rows = []
    for key, value in (entry.data or {}).items():
        label, choices = key_label(key), VALUES.get(key)
        if model is not None:
            with contextlib.suppress(FieldDoesNotExist):
                field = model._meta.get_field(key)
                # Reverse relations ("parties") have no verbose_name: keep the key's label.
                label = str(getattr(field, "verbose_name", label))
                if getattr(field, "choices", None):
                    choices = {str(code): name for code, name in field.choices}
        if isinstance(value, dict) and ("old" in value or "new" in value):
            rows.append(
                {
                    "label": label,
                    "old": value_text(value.get("old"), choices=choices),
                    "new": value_text(value.get("new"), choices=choices),
                }
            )
        else:
            rows.append({"label": label, "value": value_text(value, choices=choices)})
    return rows


@register.simple_tag
def audit_action(entry: AuditEntry) -> str:
    model = entry.content_type.model_class()
    return action_label(entry.action, str(model._meta.verbose_name) if model else "")


@register.simple_tag(takes_context=True)
def query_without(context: Any, *keys: str) -> str:
    """The current query string without some keys (for pager links that keep the filters)."""
    params = context["request"].GET.copy()
    for key in keys:
        params.pop(key, None)
    return params.urlencode()
