"""Validation of the review pages (the services check the rules and permissions again)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.reviews.enums import MAX_SECTION_LENGTH, SECTION_KEYS, SECTION_LABELS, ReviewKind


class ReviewCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ReviewKind.choices)
    unit = forms.TypedChoiceField(label=_("Reviewing unit"), coerce=int, choices=())
    period_start = forms.DateField(label=_("Period from"))
    period_end = forms.DateField(label=_("Period to"))
    joint = forms.BooleanField(
        label=_("Joint review, written and signed by all the parties"), required=False
    )

    def __init__(self, *args: Any, units: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = {u.pk: u for u in units}
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end after it starts."))
        if "unit" in data:
            data["unit"] = self.units[data["unit"]]
        return data


class ReviewEditForm(forms.Form):
    number = forms.CharField(label=_("Number and symbol"), required=False, max_length=80)
    place = forms.CharField(label=_("Place"), required=False, max_length=100)
    issued_on = forms.DateField(label=_("Date of the report"), required=False)
    signatory_name = forms.CharField(label=_("Signatory"), required=False, max_length=150)
    signatory_title = forms.CharField(label=_("Signatory's title"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key in SECTION_KEYS:
            self.fields[f"section_{key}"] = forms.CharField(
                label=SECTION_LABELS[key],
                required=False,
                max_length=MAX_SECTION_LENGTH,
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    def header(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if not k.startswith("section_")}

    def narrative(self) -> dict[str, str]:
        return {key: self.cleaned_data[f"section_{key}"] for key in SECTION_KEYS}


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it returned?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DocumentForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("docx", "Word (.docx)"), ("pdf", "PDF"), ("xlsx", _("Annex (.xlsx)"))],
    )
