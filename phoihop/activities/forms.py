from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.accounts.roles import EDIT
from phoihop.accounts.selectors import partner_candidates, units_reachable
from phoihop.activities.enums import EvidenceKind, FundingSource
from phoihop.activities.models import ActivityKind
from phoihop.activities.services import ACTIVITY_FIELDS
from phoihop.core.forms import IdField, IdsChoiceField, VersionField
from phoihop.core.ids import parse_id
from phoihop.core.numbers import MAX_AMOUNT, WholeNumberField
from phoihop.orgs.forms import AreaChoiceField, UnitFilterMixin
from phoihop.orgs.models import OrgUnit
from phoihop.programs.enums import ProgramState
from phoihop.programs.models import ContentArea, Program
from phoihop.programs.selectors import programs_visible_to

COST_FIELDS = {f"cost_{source}": source for source in FundingSource.values}
RUNNING = [ProgramState.SIGNED, ProgramState.IN_EFFECT, ProgramState.UNDER_REVIEW]


class ActivityForm(forms.Form):
    """One activity, in the order an official fills it in from the minutes or the invitation."""

    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ModelChoiceField(
        label=_("Kind"), queryset=ActivityKind.objects.filter(active=True)
    )
    starts_on = forms.DateField(label=_("Date"))
    ends_on = forms.DateField(label=_("Until"), required=False)
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    area = AreaChoiceField(label=_("Area (GSO code)"), required=False)
    lead_unit = forms.ModelChoiceField(
        label=_("Organizing unit"), queryset=OrgUnit.objects.none(), widget=forms.RadioSelect
    )
    partners = IdsChoiceField(
        label=_("Co-organizers"),
        queryset=OrgUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    program = forms.ModelChoiceField(
        label=_("Program"), queryset=Program.objects.none(), required=False
    )
    content_areas = IdsChoiceField(
        label=_("Content areas served"),
        queryset=ContentArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    participants = WholeNumberField(label=_("Participants"), required=False)
    participants_women = WholeNumberField(label=_("of whom women"), required=False)
    union_members = WholeNumberField(label=_("trade union members"), required=False)
    women_members = WholeNumberField(label=_("Women's Union members"), required=False)
    workers = WholeNumberField(label=_("workers and employees"), required=False)
    beneficiaries = WholeNumberField(label=_("Beneficiaries"), required=False)
    benefits = forms.CharField(label=_("What they received"), max_length=255, required=False)
    benefits_value = WholeNumberField(
        label=_("Value received (VND)"), required=False, maximum=MAX_AMOUNT
    )
    cost_union = WholeNumberField(
        label=_("Trade union funds (VND)"), required=False, maximum=MAX_AMOUNT
    )
    cost_women = WholeNumberField(
        label=_("Women's Union funds (VND)"), required=False, maximum=MAX_AMOUNT
    )
    cost_state = WholeNumberField(label=_("State budget (VND)"), required=False, maximum=MAX_AMOUNT)
    cost_sponsor = WholeNumberField(label=_("Sponsors (VND)"), required=False, maximum=MAX_AMOUNT)
    cost_other = WholeNumberField(label=_("Other funds (VND)"), required=False, maximum=MAX_AMOUNT)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = VersionField()

    def __init__(self, *args: Any, user: Any, activity: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        lead_units = units_reachable(user, EDIT)
        partners = partner_candidates(user)
        if activity is not None:
            # A co-organizer's editor keeps the other organizers when saving a joint activity.
            current = OrgUnit.objects.filter(pk__in=activity.organizers.values("unit_id"))
            lead_units = lead_units | current
            partners = partners | current
        self.fields["lead_unit"].queryset = lead_units.order_by("sort_key")
        self.fields["partners"].queryset = partners
        programs = programs_visible_to(user).filter(state__in=RUNNING).order_by("-start_year", "pk")
        self.fields["program"].queryset = programs
        self.fields["content_areas"].queryset = ContentArea.objects.filter(
            program__in=programs
        ).select_related("program")

    def my_units(self) -> list[OrgUnit]:
        """The units of the user's own roles: offered as radio buttons without searching."""
        return list(
            self.fields["lead_unit"].queryset.filter(memberships__user=self.user).distinct()[:10]
        )

    def chosen(self, name: str) -> list[OrgUnit]:
        """Units currently chosen in a picker field, to render them checked."""
        value = self[name].value()
        values = value if isinstance(value, list | tuple) else [value]
        ids = [v.pk if isinstance(v, OrgUnit) else parse_id(v) for v in values]
        ids = [pk for pk in ids if pk]
        return list(OrgUnit.objects.filter(pk__in=ids)) if ids else []

    def clean(self) -> dict:
        data = super().clean()
        for name in ("participants", "participants_women", "beneficiaries", "benefits_value"):
            data[name] = data.get(name) or 0
        if data["participants_women"] > data["participants"]:
            self.add_error("participants_women", _("There cannot be more women than participants."))
        program, areas = data.get("program"), data.get("content_areas") or []
        if areas and not program:
            self.add_error("program", _("Choose the program these content areas belong to."))
        elif program and any(a.program_id != program.pk for a in areas):
            self.add_error("content_areas", _("Choose content areas of the selected program."))
        lead = data.get("lead_unit")
        if lead and lead in (data.get("partners") or []):
            self.add_error("partners", _("The organizing unit is already credited."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        # Every service field the form has; "source" and "source_ref" are set by importers.
        fields = {name: data.get(name) for name in ACTIVITY_FIELDS if name in self.fields}
        fields["place"] = fields["place"] or ""
        fields["benefits"] = fields["benefits"] or ""
        fields["description"] = fields["description"] or ""
        organizers = [(data["lead_unit"], "lead")] + [
            (u, "partner") for u in data.get("partners") or []
        ]
        costs = {source: data.get(name) or 0 for name, source in COST_FIELDS.items()}
        return {
            **fields,
            "organizers": organizers,
            "costs": costs,
            "content_areas": list(data.get("content_areas") or []),
        }


class ActivityFilterForm(UnitFilterMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    start = forms.DateField(label=_("From"), required=False)
    end = forms.DateField(label=_("To"), required=False)
    kind = forms.ModelChoiceField(
        label=_("Kind"),
        queryset=ActivityKind.objects.all(),
        required=False,
        empty_label=_("All kinds"),
    )
    program = IdField(required=False)
    unit = IdField(required=False)
    content_area = IdField(required=False)
    area = IdField(required=False)

    def filters(self, *, user: Any) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        if "unit" in data:
            from phoihop.accounts.selectors import unit_get_for_user

            data["unit"] = unit_get_for_user(user, data["unit"])
            if data["unit"] is None:
                data.pop("unit")
            else:
                data["subunits"] = self.subunits_wanted()
        return data


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EvidenceKind.choices)
    file = forms.FileField(label=_("File"))


class MergeForm(forms.Form):
    duplicate = IdField()
