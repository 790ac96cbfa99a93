from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from phoihop.accounts.selectors import units_visible_to
from phoihop.core.forms import VersionField
from phoihop.core.text import nfc
from phoihop.documents import selectors
from phoihop.documents.enums import DocType
from phoihop.documents.models import ALLOWED_EXTENSIONS, LegalDocument
from phoihop.orgs.models import OrgUnit


class DocumentSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    doc_type = forms.ChoiceField(
        label=_("Document type"),
        required=False,
        choices=[("", _("All types")), *DocType.choices],
    )

    def filter_queryset(self) -> QuerySet[LegalDocument]:
        if not self.is_valid():
            return selectors.documents_search(None).none()
        data = self.cleaned_data
        return selectors.documents_search(data.get("q"), doc_type=data.get("doc_type") or None)


class UnitPickerField(forms.ModelChoiceField):
    """A unit chosen by id from the units search picker, limited to the units the user sees."""

    widget = forms.HiddenInput


class DocumentForm(forms.ModelForm):
    issuer_unit = UnitPickerField(
        label=_("Issuing unit"), queryset=OrgUnit.objects.none(), required=False
    )
    version = VersionField()

    class Meta:
        model = LegalDocument
        fields = [
            "doc_type",
            "number",
            "issued_on",
            "issuer",
            "issuer_unit",
            "summary",
            "valid_from",
            "valid_to",
            "file",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "file": forms.FileInput(
                attrs={"accept": ",".join(f".{e}" for e in ALLOWED_EXTENSIONS)}
            ),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The units the user sees, and the current one (an edit must not lose it).
        allowed = Q(pk__in=units_visible_to(user))
        if self.instance.issuer_unit_id:
            allowed |= Q(pk=self.instance.issuer_unit_id)
        self.fields["issuer_unit"].queryset = OrgUnit.objects.filter(allowed)
        self.fields["version"].initial = self.instance.version if self.instance.pk else None

    def clean_number(self) -> str:
        return nfc(self.cleaned_data["number"])

    def _post_clean(self) -> None:
        # Check the file (type, size) and the dates without assigning anything to the instance:
        # the service does that and checks uniqueness, so a refused edit leaves it untouched.
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile) and "file" not in self.errors:
            try:
                for validator in LegalDocument._meta.get_field("file").validators:
                    validator(upload)
            except forms.ValidationError as error:
                self.add_error("file", error)
        valid_from, valid_to = (
            self.cleaned_data.get("valid_from"),
            self.cleaned_data.get("valid_to"),
        )
        if valid_from and valid_to and valid_to < valid_from:
            self.add_error("valid_to", _("The end of validity is before its start."))

    def service_fields(self) -> dict[str, Any]:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        # Without an upload the field returns the current file: "keep it" for the service.
        fields["file"] = fields["file"] if isinstance(fields["file"], UploadedFile) else None
        return fields


class PasteForm(forms.Form):
    text = forms.CharField(
        label=_("Legal basis paragraph"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Paste the legal basis of a plan or program, e.g. “Căn cứ Nghị quyết 57/NQ-CP ngày "
            "01/12/2009 của Chính phủ; Chỉ thị số 19-CT/TU ngày 31/8/2007 của Tỉnh ủy Lào Cai”."
        ),
    )

    def selected(self) -> set[int]:
        """Positions of the proposals ticked for registration (``selected`` checkboxes)."""
        return {int(v) for v in self.data.getlist("selected") if v.isdigit() and len(v) < 5}
