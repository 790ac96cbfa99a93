from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.accounts.selectors import partner_candidates
from phoihop.activities.models import ActivityKind
from phoihop.core.ids import parse_id
from phoihop.core.numbers import WholeNumberField
from phoihop.orgs.models import OrgUnit
from phoihop.programs.enums import ProgramKind
from phoihop.programs.models import Program
from phoihop.programs.selectors import programs_visible_to

MAX_PARTIES = 4


class ArticleUploadForm(forms.Form):
    text = forms.CharField(
        label=_("Paste the article"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    file = forms.FileField(label=_("…or upload it (.txt, .html, .docx)"), required=False)

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("text") and not data.get("file"):
            raise forms.ValidationError(_("Paste the text or choose a file."))
        return data


class ArticleReviewForm(forms.Form):
    """Everything phoihop proposes from the article, for the official to correct."""

    program_action = forms.ChoiceField(
        label=_("Program"),
        choices=[
            ("create", _("Record the program signed")),
            ("review", _("Record the interim review of an existing program")),
            ("close", _("Record the final review of an existing program")),
            ("link", _("The program is already recorded: link the records to it")),
            ("none", _("No program")),
        ],
        widget=forms.RadioSelect,
    )
    existing_program = forms.ModelChoiceField(
        label=_("Existing program"), queryset=Program.objects.none(), required=False
    )
    renew = forms.BooleanField(label=_("Also record the next phase"), required=False)
    program_kind = forms.ChoiceField(label=_("Kind"), choices=ProgramKind.choices)
    program_title = forms.CharField(label=_("Title"), max_length=500, required=False)
    start_year = forms.IntegerField(label=_("Phase from"), required=False, min_value=1990)
    end_year = forms.IntegerField(label=_("Phase to"), required=False, min_value=1990)
    signed_on = forms.DateField(label=_("Signed on"), required=False)
    signatories = forms.CharField(
        label=_("Signatories (one per line: name, title; in the order of the parties)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    content_areas_text = forms.CharField(
        label=_("Content areas, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    legal_basis_text = forms.CharField(
        label=_("Legal bases"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    include_activity = forms.BooleanField(
        label=_("Record the event as an activity"), required=False
    )
    activity_title = forms.CharField(label=_("Activity"), max_length=300, required=False)
    activity_kind = forms.ChoiceField(label=_("Kind of activity"), choices=())
    activity_date = forms.DateField(label=_("Date"), required=False)
    activity_place = forms.CharField(label=_("Place"), max_length=255, required=False)
    participants = WholeNumberField(label=_("Participants"), required=False)

    def __init__(
        self, *args: Any, user: Any, parties: int = 2, units: Any = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        programs = programs_visible_to(user)
        known = [u for u in units if u is not None]
        if known:  # the menu lists the programs of the organizations the article names
            programs = programs.filter(parties__unit__in=known).distinct()
        self.fields["existing_program"].queryset = programs.order_by("-start_year", "pk")
        self.fields["activity_kind"].choices = [
            (k.code, k.name) for k in ActivityKind.objects.filter(active=True)
        ]
        candidates = partner_candidates(user)
        for i in range(max(parties, 2)):
            self.fields[f"party_{i}"] = forms.ModelChoiceField(
                label=_("Party %(n)d") % {"n": i + 1},
                queryset=candidates,
                required=False,
                widget=forms.HiddenInput,
            )

    def party_names(self) -> list[str]:
        return [name for name in self.fields if name.startswith("party_")]

    def chosen_unit(self, name: str) -> OrgUnit | None:
        value = self[name].value()
        if isinstance(value, OrgUnit):
            return value
        pk = parse_id(value)
        return self.fields[name].queryset.filter(pk=pk).first() if pk else None

    def clean(self) -> dict:
        data = super().clean()
        action = data.get("program_action")
        if action == "create" and not (data.get("program_title") and data.get("start_year")):
            self.add_error("program_title", _("Enter the program's title and phase."))
        if action in {"review", "close", "link"} and not data.get("existing_program"):
            self.add_error("existing_program", _("Choose the program this review is about."))
        if data.get("include_activity") and not data.get("activity_date"):
            self.add_error("activity_date", _("Enter the activity's date."))
        data["units"] = [data.get(name) for name in self.party_names()]
        return data
