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


class CalendarFilterForm(forms.Form):
    """``?mine=1&program=12&kind=milestone``: what the calendar shows."""

    mine = forms.BooleanField(label=_("Only my units' programs"), required=False)
    # Any visible program may be asked for (a link from its page); the menu offers the user's own.
    program = forms.IntegerField(
        label=_("Program"), required=False, min_value=1, widget=forms.Select
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[
            ("", _("Everything")),
            ("milestone", _("Milestones and reports")),
            ("activity", _("Activities")),
            ("keyday", _("Key days and campaigns")),
        ],
    )

    def __init__(self, *args: Any, programs: list | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].widget.choices = [
            ("", _("All programs")),
            *((p.pk, p.menu_label) for p in programs or []),
        ]

    def filters(self) -> Any:
        from phoihop.agenda.selectors import CalendarFilters

        if not self.is_valid():
            return CalendarFilters()
        data = self.cleaned_data
        return CalendarFilters(
            mine=bool(data.get("mine")), program=data.get("program"), kind=data.get("kind") or ""
        )
