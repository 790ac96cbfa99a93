"""Coordination programs (chương trình phối hợp): parties, content areas, milestones, cascade.

A program signed at one level is cascaded to the counterpart pairs below: each derived program
links to its ``parent`` and the programs form a tree with a materialized ``path`` (like units), so
coverage of a national program over all levels is one prefix query. Renewals link phases through
``predecessor``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from phoihop.core.models import TimeStampedModel, Versioned
from phoihop.orgs.enums import Tier
from phoihop.programs.enums import (
    ENDED_STATES,
    MilestoneKind,
    PartyRole,
    ProgramKind,
    ProgramState,
    ReportFrequency,
)

# A program's phase lies between these years (sane bounds; the database checks them too).
FIRST_YEAR = 1945
LAST_YEAR = 2100


class Program(Versioned, TimeStampedModel):
    kind = models.CharField(
        _("kind"), max_length=20, choices=ProgramKind.choices, default=ProgramKind.PROGRAM
    )
    number = models.CharField(
        _("number and symbol"),
        max_length=80,
        blank=True,
        help_text=_("As written on the document, e.g. 5346/CTPH-TLĐLĐVN-HLHPNVN."),
    )
    title = models.CharField(_("title"), max_length=500)
    state = models.CharField(
        _("status"), max_length=20, choices=ProgramState.choices, default=ProgramState.DRAFT
    )
    start_year = models.PositiveSmallIntegerField(
        _("phase from (year)"),
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    end_year = models.PositiveSmallIntegerField(
        _("phase to (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_place = models.CharField(_("place of signing"), max_length=200, blank=True)
    purpose = models.TextField(_("purpose (mục đích)"), blank=True)
    requirements = models.TextField(_("requirements (yêu cầu)"), blank=True)
    coordination_methods = models.TextField(_("ways of coordinating"), blank=True)
    report_frequency = models.CharField(
        _("reporting"),
        max_length=20,
        choices=ReportFrequency.choices,
        default=ReportFrequency.ANNUAL,
    )
    report_deadline_day = models.PositiveSmallIntegerField(
        _("report due on day"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_(
            "Day of the period's last month: 15 means the half-year report is due on 15/6 "
            "and the year's on 15/12."
        ),
    )
    report_contents = models.TextField(_("what is reported"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cascaded from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="derived",
    )
    predecessor = models.OneToOneField(
        "self",
        verbose_name=_("previous phase"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successor",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    cascade_tier = models.PositiveSmallIntegerField(
        _("cascaded to"), choices=Tier.choices, null=True, blank=True
    )
    legal_bases = models.ManyToManyField(
        "documents.LegalDocument",
        through="ProgramLegalBasis",
        related_name="programs",
        blank=True,
    )
    search_text = models.TextField(editable=False, default="")
    source = models.CharField(_("source"), max_length=30, default="entered", editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__gte=F("start_year")),
                name="programs_program_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="programs_program_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(start_year__gte=FIRST_YEAR, start_year__lte=LAST_YEAR)
                & (Q(end_year__isnull=True) | Q(end_year__lte=LAST_YEAR)),
                name="programs_program_years_bounded",
            ),
            models.CheckConstraint(
                condition=Q(report_deadline_day__gte=1, report_deadline_day__lte=31),
                name="programs_program_deadline_day_bounded",
            ),
        ]
        indexes = [
            models.Index(fields=["parent", "state"], name="programs_parent_state_idx"),
            models.Index(fields=["state", "start_year"], name="programs_state_year_idx"),
            models.Index(fields=["start_year"], name="programs_start_year_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.phase_label})"

    def get_absolute_url(self) -> str:
        return reverse("programs:program_detail", args=[self.pk])

    @property
    def menu_label(self) -> str:
        """How the program reads in a menu where many share one title: its parties (short
        names) and phase first, then the start of the title. Prefetch the parties' units."""
        parties = " – ".join(p.unit.short_name or p.unit.name for p in self.parties.all())
        title = self.title if len(self.title) <= 70 else f"{self.title[:69]}…"
        return f"{parties} ({self.phase_label}) · {title}" if parties else str(self)

    @property
    def phase_label(self) -> str:
        if self.end_year and self.end_year != self.start_year:
            return f"{self.start_year}–{self.end_year}"
        return str(self.start_year)

    @property
    def phase_start(self) -> dt.date:
        return self.starts_on or dt.date(self.start_year, 1, 1)

    @property
    def phase_end(self) -> dt.date:
        return self.ends_on or dt.date(self.end_year or self.start_year, 12, 31)


class ProgramParty(models.Model):
    """A signatory organization, with its name as written when it signed."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="parties")
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(
        _("role"), max_length=10, choices=PartyRole.choices, default=PartyRole.PARTNER
    )
    name_as_signed = models.CharField(_("name as signed"), max_length=255, blank=True)
    signatory_name = models.CharField(_("signatory"), max_length=150, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=200, blank=True)
    commitments = models.TextField(_("commitments"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["program", "unit"], name="programs_party_unique_unit")
        ]

    def __str__(self) -> str:
        return self.name_as_signed or str(self.unit)


class ContentArea(models.Model):
    """One numbered content of coordination (nội dung phối hợp)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="content_areas")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("content"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    tasks = models.TextField(_("tasks"), blank=True)
    responsible = models.ForeignKey(
        ProgramParty,
        verbose_name=_("responsible party"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="content_areas",
    )
    inherited_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="inherited_by"
    )

    class Meta:
        verbose_name = _("content area")
        verbose_name_plural = _("content areas")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class ProgramLegalBasis(models.Model):
    """A document the program cites as its basis (căn cứ), in the order cited."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="basis_links")
    document = models.ForeignKey(
        "documents.LegalDocument", on_delete=models.PROTECT, related_name="program_links"
    )
    order = models.PositiveSmallIntegerField(default=0)
    quote = models.CharField(_("as cited"), max_length=500, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "document"], name="programs_legalbasis_unique_document"
            )
        ]

    def __str__(self) -> str:
        return self.quote or str(self.document)


class Milestone(models.Model):
    """A dated step of a program: report deadlines, yearly and interim reviews, the final review."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("kind"), max_length=20, choices=MilestoneKind.choices)
    title = models.CharField(_("title"), max_length=300)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    report_file = models.FileField(
        _("report file"), upload_to="milestones/%Y/%m/", blank=True, max_length=300
    )
    responsible = models.ForeignKey(
        ProgramParty,
        verbose_name=_("responsible party"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="milestones",
    )
    generated = models.BooleanField(default=True, editable=False)
    # The date the schedule gave it: a milestone moved by hand still holds its slot.
    scheduled_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["due_on", "done_on"], name="programs_milestone_due_idx")]

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on:%d/%m/%Y})"

    def is_overdue(self, today: dt.date) -> bool:
        """Open and past due, in a program still running: a closed or superseded phase's
        unticked milestones are history, not work to chase."""
        return (
            self.done_on is None and self.due_on < today and self.program.state not in ENDED_STATES
        )


class ReminderLog(models.Model):
    """One reminder sent for one milestone, so the daily command never sends it twice."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="reminders")
    stage = models.CharField(max_length=20)  # "before-7", "before-1", "due", "overdue"
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["milestone", "stage"], name="programs_reminder_unique")
        ]

    def __str__(self) -> str:
        return f"{self.milestone} · {self.stage}"
