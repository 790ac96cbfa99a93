from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from phoihop.orgs.imports import XLSX_CONTENT_TYPE


class UnitImportForm(forms.Form):
    """The upload; the rows themselves are checked by ``orgs.imports``."""

    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_("Made from the template: one row per unit."),
        widget=forms.FileInput(attrs={"accept": ".xlsx," + XLSX_CONTENT_TYPE}),
    )
    # Set by the "Check only" button; the "Import" button leaves it out.
    dry_run = forms.BooleanField(required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Refused before reading it into memory; imports.py checks again for the CLI.
        if upload.size > settings.MAX_UPLOAD_SIZE:
            raise forms.ValidationError(
                _("The file is larger than %(size)s."),
                code="too_large",
                params={"size": filesizeformat(settings.MAX_UPLOAD_SIZE)},
            )
        return upload
