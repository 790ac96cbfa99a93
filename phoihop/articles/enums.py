"""Codes an extraction and an import use, with the labels the pages show."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    SIGNING = "signing", _("Signing")
    INTERIM_REVIEW = "interim_review", _("Interim review")
    FINAL_REVIEW = "final_review", _("Final review")
    PLAN = "plan", _("Plan")
    OTHER = "other", _("Other event")


class RecordRole(models.TextChoices):
    PROGRAM = "program", _("Program")
    ACTIVITY = "activity", _("Activity")
    DOCUMENT = "document", _("Document")
    REVIEW = "review", _("Review of a program")
    RENEWAL = "renewal", _("Next phase")
