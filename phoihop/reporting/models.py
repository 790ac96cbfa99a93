"""Templates an administrator uploads to replace the built-in one for an organization system."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    PROGRAM = "program", _("Program for signing")
    PLAN = "plan", _("Plan")
    REPORT = "report", _("Review report")


class DocumentTemplate(models.Model):
    """A .docx template (docxtpl placeholders, the same context as the built-in one) used for
    one kind of document of one organization system, or of every system when ``system`` is
    empty."""

    system = models.ForeignKey(
        "orgs.OrgSystem",
        verbose_name=_("system"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices)
    file = models.FileField(_("template (.docx)"), upload_to="reporting/templates/")
    uploaded_at = models.DateTimeField(auto_now=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        constraints = [
            models.UniqueConstraint(
                fields=["system", "kind"], name="reporting_template_unique_system_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.system or '*'}"
