from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.accounts.selectors import partner_candidates
from phoihop.core.forms import IdField, VersionField
from phoihop.core.ids import parse_id
from phoihop.core.text import nfc
from phoihop.orgs.enums import Tier
from phoihop.orgs.forms import UnitFilterMixin
from phoihop.orgs.models import OrgSystem, OrgUnit
from phoihop.programs.enums import PartyRole, ProgramKind, ProgramState
from phoihop.programs.models import Milestone, Program


class ProgramFilterForm(UnitFilterMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    state = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *ProgramState.choices]
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ProgramKind.choices]
    )
    system = forms.ModelChoiceField(
        label=_("System"),
        queryset=OrgSystem.objects.all(),
        required=False,
        empty_label=_("All systems"),
    )
    tier = forms.TypedChoiceField(
        label=_("Level"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All levels")), *Tier.choices],
    )
    year = forms.IntegerField(
        label=_("Year in phase"), required=False, min_value=1990, max_value=2100
    )
    party = IdField(required=False)
    area = IdField(required=False)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        if "party" in data:
            data["subunits"] = self.subunits_wanted()
        return data

    def chosen_party(self, user: Any) -> OrgUnit | None:
        from phoihop.accounts.selectors import unit_get_for_user

        party = self.cleaned_data.get("party") if self.is_valid() else None
        return unit_get_for_user(user, party) if party else None


class ProgramForm(forms.ModelForm):
    content_areas_text = forms.CharField(
        label=_("Content areas, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Paste the numbered contents; numbering (1., a), -) is removed."),
    )
    legal_basis_text = forms.CharField(
        label=_("Legal bases (căn cứ)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Paste the “Căn cứ …” paragraph: the documents it cites are linked, new ones created."
        ),
    )
    version = VersionField()

    class Meta:
        model = Program
        fields = [
            "kind",
            "number",
            "title",
            "start_year",
            "end_year",
            "signed_place",
            "purpose",
            "requirements",
            "coordination_methods",
            "report_frequency",
            "report_deadline_day",
            "report_contents",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "requirements": forms.Textarea(attrs={"rows": 3}),
            "coordination_methods": forms.Textarea(attrs={"rows": 3}),
            "report_contents": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else None

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The phase cannot end before it starts."))
        return data

    def content_areas(self) -> list[dict]:
        import re

        lines = self.cleaned_data.get("content_areas_text", "").splitlines()
        numbering = re.compile(r"^\s*(?:[0-9IVXivx]+[.)]|[a-zđ][.)]|[-–•+*])\s*")
        return [
            {"title": nfc(numbering.sub("", line))}
            for line in lines
            if nfc(numbering.sub("", line))
        ]


class PartyForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=OrgUnit.objects.none(), widget=forms.HiddenInput
    )
    role = forms.ChoiceField(label=_("Role"), choices=PartyRole.choices)
    signatory_name = forms.CharField(label=_("Signatory"), required=False, max_length=150)
    signatory_title = forms.CharField(label=_("Signatory's title"), required=False, max_length=200)
    commitments = forms.CharField(
        label=_("Commitments"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = partner_candidates(user)

    def selected_unit(self) -> OrgUnit | None:
        """The chosen unit, to show it checked in the row's picker."""
        value = self["unit"].value()
        if isinstance(value, OrgUnit):
            return value
        if value in (None, ""):
            return None
        return (
            self.fields["unit"].queryset.filter(pk=parse_id(value)).first()
            if parse_id(value)
            else None
        )


class BasePartyFormSet(forms.BaseFormSet):
    """Two parties or more (a 2017 phase of three is common); "Add a party" and "Remove" work
    without script: adding re-renders the form one row longer, removing ticks DELETE."""

    def clean(self) -> None:
        if any(self.errors):
            return
        units = [
            f.cleaned_data["unit"]
            for f in self.forms
            if f.cleaned_data.get("unit") and not f.cleaned_data.get("DELETE")
        ]
        if len(units) < 2:
            raise forms.ValidationError(_("A program needs at least two parties."))
        if len({u.pk for u in units}) != len(units):
            raise forms.ValidationError(_("The same unit is listed twice among the parties."))

    def parties(self) -> list[dict]:
        return [
            {k: v for k, v in f.cleaned_data.items() if k != "DELETE"}
            for f in self.forms
            if f.cleaned_data.get("unit") and not f.cleaned_data.get("DELETE")
        ]


PartyFormSet = forms.formset_factory(
    PartyForm,
    formset=BasePartyFormSet,
    extra=0,
    min_num=2,
    max_num=8,
    validate_max=True,
    can_delete=True,
    can_delete_extra=True,
)


def with_one_more_party(data: Any, prefix: str = "parties") -> Any:
    """The submitted form data with room for one more party (the "Add a party" button)."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    total = int(data.get(key, 0)) if str(data.get(key, "")).isdigit() else 0
    data[key] = str(min(total + 1, 8))
    return data


class SignForm(forms.Form):
    signed_on = forms.DateField(label=_("Signed on"))
    number = forms.CharField(label=_("Number and symbol"), required=False, max_length=80)
    signed_place = forms.CharField(label=_("Place of signing"), required=False, max_length=200)


class HeldOnForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), required=False)


class CascadeForm(forms.Form):
    """The level to cascade to: only levels that exist below the lead party on the cascade day,
    each with its number of units, the nearest one chosen by default."""

    tier = forms.TypedChoiceField(label=_("Cascade to"), coerce=int, choices=[])
    on = forms.DateField(
        label=_("Following the hierarchy of"),
        required=False,
        help_text=_("Leave empty: today's hierarchy while the phase runs, else its first day."),
    )

    def __init__(self, *args: Any, tiers: list[tuple[int, int]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        names = dict(Tier.choices)
        offered = tiers or [(tier, 0) for tier in (Tier.PROVINCE, Tier.COMMUNE, Tier.GRASSROOTS)]
        self.fields["tier"].choices = [
            (tier, _("%(level)s (%(n)s units)") % {"level": names.get(tier, tier), "n": n})
            if n
            else (tier, names.get(tier, tier))
            for tier, n in offered
        ]
        if offered and not self.is_bound:
            self.initial.setdefault("tier", offered[0][0])


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_on", "done_on"]
