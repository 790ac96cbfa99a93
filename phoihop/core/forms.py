from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting

from phoihop.core.concurrency import EditConflict


class FormRenderer(TemplatesSetting):
    """One renderer for every form, so fields, help and errors look the same everywhere."""

    form_template_name = "components/form.html"
    field_template_name = "components/field.html"


class VersionField(forms.IntegerField):
    """The record's version as the edit page showed it (hidden; ``core.concurrency``)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 2**31 - 1)
        super().__init__(**kwargs)


def show_conflict(form: forms.BaseForm, conflict: EditConflict) -> None:
    """Keep everything the editor typed, say what the other person saved, and take the saved
    version: saving again now keeps the editor's values on purpose."""
    form.add_error(None, conflict.summary)
    form.conflict = conflict  # type: ignore[attr-defined]
    data = form.data.copy()
    data[form.add_prefix("version")] = str(conflict.current_version)
    form.data = data
