from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

DEFAULT_DAYS = 90
MAX_DAYS = 731


class RangeForm(forms.Form):
    """``?from=01/07/2025&to=31/12/2025``, day first as people write dates."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "from" is a keyword, so the fields cannot be declared as class attributes.
        self.fields["from"] = forms.DateField(label=_("From"), required=False)
        self.fields["to"] = forms.DateField(label=_("To"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and end < start:
            raise forms.ValidationError(_("The end date cannot be before the start date."))
        if start and end and (end - start).days > MAX_DAYS:
            raise forms.ValidationError(_("Choose at most two years."))
        return data

    def period(self, today: dt.date) -> tuple[dt.date, dt.date]:
        """The chosen dates; by default from today for 90 days."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        start = data.get("from") or today
        if data.get("to") and not data.get("from"):
            start = min(today, data["to"])
        end = data.get("to") or start + dt.timedelta(days=DEFAULT_DAYS)
        return start, min(end, start + dt.timedelta(days=MAX_DAYS))
