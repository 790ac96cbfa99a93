from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from phoihop.accounts.roles import ADMINISTER
from phoihop.accounts.selectors import units_reachable
from phoihop.core.forms import VersionField
from phoihop.core.text import nfc
from phoihop.orgs.enums import ReorgKind
from phoihop.orgs.models import AdminArea, OrgLevel, OrgSystem, OrgUnit, valid_on
from phoihop.orgs.selectors import today


class AsOfForm(forms.Form):
    """``?at=16/03/2023`` (day first, as people write it) and whether to show ended units."""

    at = forms.DateField(label=_("As of"), required=False)
    inactive = forms.BooleanField(label=_("Show dissolved and merged units"), required=False)

    def day(self) -> dt.date:
        if self.is_valid() and self.cleaned_data.get("at"):
            return self.cleaned_data["at"]
        return today()

    def include_inactive(self) -> bool:
        return bool(self.is_valid() and self.cleaned_data.get("inactive"))


class UnitSearchForm(AsOfForm):
    q = forms.CharField(label=_("Name"), required=False, max_length=200)
    system = forms.ModelChoiceField(
        label=_("System"),
        queryset=OrgSystem.objects.all(),
        required=False,
        empty_label=_("All systems"),
    )

    def filter_queryset(self, units):
        from phoihop.orgs.selectors import search_units

        if not self.is_valid():
            return units.none()
        data = self.cleaned_data
        units = search_units(units, data.get("q"))
        if data.get("system"):
            units = units.filter(system=data["system"])
        if not data.get("inactive"):
            units = units.filter(valid_on(self.day()))
        return units

    def ended_matches(self, units):
        """Matching units that no longer exist on the day (dissolved, merged): shown below the
        current ones when those are all that is asked for, so an old name is never a dead end."""
        from phoihop.orgs.selectors import search_units

        if (
            not self.is_valid()
            or self.cleaned_data.get("inactive")
            or not self.cleaned_data.get("q")
        ):
            return units.none()
        data = self.cleaned_data
        units = search_units(units, data["q"]).exclude(valid_on(self.day()))
        if data.get("system"):
            units = units.filter(system=data["system"])
        return units


class AreaChoiceField(forms.ModelChoiceField):
    """An area chosen by its GSO code; typing a code is how officials know their areas."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=AdminArea.objects.all(), to_field_name="code", **kwargs)

    def to_python(self, value: Any) -> AdminArea | None:
        if value in self.empty_values:
            return None
        code = str(value).strip()
        area = (
            AdminArea.objects.filter(code=code).filter(valid_on(today())).order_by("kind").first()
            or AdminArea.objects.filter(code=code).order_by("-valid_to").first()
        )
        if area is None:
            raise forms.ValidationError(
                _("No administrative area has the code %(code)s."), params={"code": code}
            )
        return area

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, AdminArea):
            return value.code
        if isinstance(value, int):
            area = AdminArea.objects.filter(pk=value).first()
            return area.code if area else value
        return value


class UnitForm(forms.ModelForm):
    area = AreaChoiceField(
        label=_("Administrative area (GSO code)"),
        required=False,
        help_text=_("E.g. 82 for Tiền Giang (before 2025), 01 for Hà Nội."),
    )
    version = VersionField()

    class Meta:
        model = OrgUnit
        fields = ["name", "short_name", "abbreviations", "level", "code", "area"]

    def __init__(self, *args: Any, system: OrgSystem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = OrgLevel.objects.filter(system=system)
        if "version" in self.fields:
            self.fields["version"].initial = self.instance.version if self.instance.pk else None

    def clean_name(self) -> str:
        return nfc(self.cleaned_data["name"])


class UnitCreateForm(UnitForm):
    valid_from = forms.DateField(label=_("Established on"), required=False)
    version = None  # a new unit has none


class UnitPickerField(forms.ModelChoiceField):
    """A unit chosen by id from a search picker, limited to what the user may act on."""

    widget = forms.HiddenInput


class ReorganizeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Change"),
        choices=[
            (ReorgKind.RENAME, _("Rename")),
            (ReorgKind.MOVE, _("Move under another unit")),
            (ReorgKind.MERGE, _("Merge into another unit")),
            (ReorgKind.DISSOLVE, _("Dissolve")),
        ],
        widget=forms.RadioSelect,
    )
    effective_on = forms.DateField(label=_("Effective from"))
    new_name = forms.CharField(label=_("New official name"), required=False, max_length=255)
    new_short_name = forms.CharField(label=_("New short name"), required=False, max_length=120)
    target = UnitPickerField(
        label=_("Target unit"), queryset=OrgUnit.objects.none(), required=False
    )
    cascade = forms.BooleanField(label=_("Also dissolve its active sub-units"), required=False)
    legal_basis = forms.CharField(
        label=_("Decision (number and date)"),
        required=False,
        max_length=255,
        help_text=_("E.g. Quyết định số 125/QĐ-LĐLĐ ngày 30/6/2025"),
    )

    def __init__(self, *args: Any, user: Any, unit: OrgUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["target"].queryset = (
            units_reachable(user, ADMINISTER).filter(system=unit.system).exclude(pk=unit.pk)
        )

    def clean(self) -> dict:
        data = super().clean()
        kind = data.get("kind")
        if kind == ReorgKind.RENAME and not data.get("new_name"):
            self.add_error("new_name", _("Enter the new name."))
        if kind in {ReorgKind.MOVE, ReorgKind.MERGE} and not data.get("target"):
            self.add_error("target", _("Choose the target unit."))
        return data


class MembershipForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(label=_("Role"))
    include_subunits = forms.BooleanField(
        label=_("Including sub-units"), required=False, initial=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from phoihop.accounts.enums import Role

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = Role.choices

    def clean_username(self):
        from phoihop.accounts.models import User

        username = self.cleaned_data["username"].strip()
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No active user has this username."))
        return user


class UnitFilterMixin:
    """A list filter by one unit, "and its sub-units" by default.

    The page renders a hidden ``subunits=0`` before the checkbox ``subunits=1``: the last value
    sent wins, so an unticked box reads as "this unit only" and a link without it as the subtree.
    """

    data: Any

    def subunits_wanted(self) -> bool:
        getlist = getattr(self.data, "getlist", None)
        values = getlist("subunits") if getlist else [self.data.get("subunits")]
        values = [value for value in values if value not in (None, "")]
        return not values or values[-1] != "0"
