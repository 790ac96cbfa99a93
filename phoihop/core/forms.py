from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from phoihop.core.concurrency import EditConflict
from phoihop.core.ids import MAX_ID, parse_id


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


class IdField(forms.IntegerField):
    """A row id in a form or a filter (usually hidden): ASCII digits, 1 … 2^63 - 1.

    ``forms.IntegerField`` lets 10^20 through to the database, where it is a server error; here
    it is an invalid field like any other bad value.
    """

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        number = parse_id(value)
        if number is None:
            raise forms.ValidationError(_("Not a valid reference."), code="invalid")
        return number


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """``ModelMultipleChoiceField`` whose values must be row ids (see ``IdField``): Django's own
    sends 10^20 to the database in an ``IN (…)``, a server error on SQLite."""

    def _check_values(self, value: Any) -> Any:
        for pk in value if isinstance(value, list | tuple) else [value]:
            if parse_id(pk) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)
