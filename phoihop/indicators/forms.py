"""Forms of the indicator pages: validation only (the services decide)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.core.text import nfc
from phoihop.indicators.enums import Structure


class _Reason(forms.Form):
    def clean_text(self, name: str) -> str:
        value = nfc(self.cleaned_data.get(name) or "")
        if not value:
            raise forms.ValidationError(_("This field is required."))
        return value


class ReturnForm(_Reason):
    comment = forms.CharField(
        label=_("Why is it returned?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_comment(self) -> str:
        return self.clean_text("comment")


class ReasonForm(_Reason):
    """The reason for a waiver or an unlock."""

    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_reason(self) -> str:
        return self.clean_text("reason")


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Filled-in Excel file (.xlsx)"))


class DashboardForm(forms.Form):
    """The dashboard's choices; anything malformed falls back to the defaults."""

    period = forms.CharField(required=False, max_length=8)
    form = forms.CharField(required=False, max_length=40)
    indicator = forms.CharField(required=False, max_length=40)
    structure = forms.ChoiceField(label=_("Structure"), choices=Structure.choices, required=False)
    approved_only = forms.BooleanField(label=_("Approved data only"), required=False)

    def value(self, name: str, default: object = "") -> object:
        if not self.is_valid():
            return default
        return self.cleaned_data.get(name) or default


class TargetForm(forms.Form):
    """Set a unit's target for an indicator and period (optionally of a program)."""

    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=None, to_field_name="code")
    period = forms.CharField(label=_("Period"), max_length=8, help_text=_("e.g. 2025, 2025S1"))
    value = forms.CharField(label=_("Target"), max_length=30)
    program = forms.ModelChoiceField(label=_("Program"), queryset=None, required=False)

    def __init__(self, *args: object, indicators: object, programs: object, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators
        self.fields["program"].queryset = programs

    def clean_period(self) -> str:
        from phoihop.core.exceptions import DomainError
        from phoihop.indicators.periods import parse_period

        try:
            return str(parse_period(self.cleaned_data["period"]))
        except DomainError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_value(self) -> object:
        from phoihop.indicators.validation import parse_number

        try:
            number = parse_number(self.cleaned_data["value"])
        except ValueError:
            number = None
        if number is None:
            raise forms.ValidationError(_("Enter a number, e.g. 1.234 or 61,5."))
        return number
