"""Joint activities: counted once, credited to every organizing unit.

An activity is one row however many units organized it; each organizer is an ``ActivityOrganizer``
row. Totals count activities (distinct rows), credits count organizer rows: the difference is the
reconciliation line officials see ("3 joint activities are credited to both parties").
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from phoihop.activities.enums import ActivitySource, EvidenceKind, FundingSource, OrganizerRole
from phoihop.core.models import TimeStampedModel, Versioned
from phoihop.core.numbers import MAX_AMOUNT, MAX_COUNT


class ActivityKind(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("activity kind")
        verbose_name_plural = _("activity kinds")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Activity(Versioned, TimeStampedModel):
    title = models.CharField(_("title"), max_length=300)
    kind = models.ForeignKey(ActivityKind, verbose_name=_("kind"), on_delete=models.PROTECT)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    area = models.ForeignKey(
        "orgs.AdminArea",
        verbose_name=_("administrative area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("program"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    content_areas = models.ManyToManyField(
        "programs.ContentArea",
        verbose_name=_("content areas"),
        blank=True,
        related_name="activities",
    )
    participants = models.PositiveIntegerField(_("participants"), default=0)
    participants_women = models.PositiveIntegerField(_("of whom women"), default=0)
    union_members = models.PositiveIntegerField(_("trade union members"), null=True, blank=True)
    women_members = models.PositiveIntegerField(_("Women's Union members"), null=True, blank=True)
    workers = models.PositiveIntegerField(_("workers and employees"), null=True, blank=True)
    beneficiaries = models.PositiveIntegerField(_("beneficiaries"), default=0)
    benefits = models.CharField(_("what they received"), max_length=255, blank=True)
    benefits_value = models.PositiveBigIntegerField(_("value received (VND)"), default=0)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(
        _("source"), max_length=20, choices=ActivitySource.choices, default=ActivitySource.ENTERED
    )
    source_ref = models.CharField(_("source reference"), max_length=255, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_duplicates",
    )
    total_cost = models.PositiveBigIntegerField(_("total cost (VND)"), default=0, editable=False)
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(participants_women__lte=F("participants")),
                name="activities_activity_women_within_total",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="activities_activity_dates_ordered",
            ),
            # Counts and amounts within core.numbers' bounds.
            models.CheckConstraint(
                condition=Q(participants__lte=MAX_COUNT)
                & Q(participants_women__lte=MAX_COUNT)
                & (Q(union_members__isnull=True) | Q(union_members__lte=MAX_COUNT))
                & (Q(women_members__isnull=True) | Q(women_members__lte=MAX_COUNT))
                & (Q(workers__isnull=True) | Q(workers__lte=MAX_COUNT))
                & Q(beneficiaries__lte=MAX_COUNT),
                name="activities_activity_counts_bounded",
            ),
            models.CheckConstraint(
                condition=Q(benefits_value__lte=MAX_AMOUNT) & Q(total_cost__lte=MAX_AMOUNT),
                name="activities_activity_amounts_bounded",
            ),
        ]
        indexes = [
            models.Index(fields=["starts_on", "id"], name="activities_starts_idx"),
            models.Index(fields=["program", "starts_on"], name="activities_program_idx"),
            # "Recently recorded" (the home page): the newest rows first, without a sort.
            models.Index(fields=["created_at", "id"], name="activities_created_idx"),
            # The list filtered by area: one range read per area and period.
            models.Index(fields=["area", "starts_on"], name="activities_area_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_on:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("activities:activity_detail", args=[self.pk])

    @property
    def participants_men(self) -> int:
        return self.participants - self.participants_women


# What an organizer row copies from its activity (besides ``starts_on``), for totals and search.
COPIED_FIELDS = (
    "counted",
    "kind",
    "participants",
    "participants_women",
    "beneficiaries",
    "total_cost",
    "search_text",
)


class ActivityOrganizer(models.Model):
    """One unit credited with an activity.

    Besides the credit itself, each row keeps a copy of what its activity's totals and search
    read: the date, whether it is counted (not merged into another), the kind, the figures and
    the folded words. The services rewrite the copy whenever the activity changes
    (``services._refresh_copies``), so "what did a province's units do in 2025, about X" is
    answered from the organizer rows of the subtree alone: PostgreSQL reads them from one
    covering index, without touching the wide activity rows (bench/ACTIVITIES.md).
    """

    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="organizers",
        db_index=False,  # the unique (activity, unit) constraint serves lookups by activity
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        db_index=False,  # served by the (unit, activity) index
    )
    role = models.CharField(
        _("role"), max_length=10, choices=OrganizerRole.choices, default=OrganizerRole.LEAD
    )
    # Copies of the activity's fields, kept equal by the services.
    starts_on = models.DateField(null=True, editable=False)
    counted = models.BooleanField(default=True, editable=False)  # not merged into another
    kind = models.ForeignKey(
        ActivityKind,
        null=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    participants = models.PositiveIntegerField(default=0, editable=False)
    participants_women = models.PositiveIntegerField(default=0, editable=False)
    beneficiaries = models.PositiveIntegerField(default=0, editable=False)
    total_cost = models.PositiveBigIntegerField(default=0, editable=False)
    search_text = models.TextField(default="", editable=False)

    class Meta:
        verbose_name = _("organizer")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "unit"], name="activities_organizer_unique"
            ),
            models.CheckConstraint(
                condition=Q(participants__lte=MAX_COUNT)
                & Q(participants_women__lte=MAX_COUNT)
                & Q(beneficiaries__lte=MAX_COUNT)
                & Q(total_cost__lte=MAX_AMOUNT),
                name="activities_organizer_copies_bounded",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "activity"], name="activities_organizer_unit_idx"),
            # Covering on PostgreSQL (INCLUDE is ignored elsewhere): a subtree's credits over a
            # period, with figures and words, are read from this index only.
            models.Index(
                fields=["unit", "starts_on", "activity"],
                include=[*COPIED_FIELDS],
                name="activities_credit_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.activity_id}"


class ActivityCost(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="costs")
    source = models.CharField(_("funding source"), max_length=20, choices=FundingSource.choices)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))

    class Meta:
        verbose_name = _("cost")
        constraints = [
            models.UniqueConstraint(fields=["activity", "source"], name="activities_cost_unique"),
            models.CheckConstraint(
                condition=Q(amount__lte=MAX_AMOUNT), name="activities_cost_amount_bounded"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.amount}"


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"evidence/{instance.activity_id}/{filename}"


class Evidence(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=20, choices=EvidenceKind.choices)
    file = models.FileField(_("file"), upload_to=evidence_path)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.original_name


# The Excel import jobs live in their own module; imported here so Django finds the model.
from phoihop.activities.models_imports import ActivityImportJob  # noqa: E402, F401
