"""Indicators, report forms, targets, entered values, submissions, and the roll-up data.

``DataValue`` holds what units enter, one row per (unit, indicator, period, category); an
indicator without a disaggregation set has one row with ``category = NULL`` (the total).
``RollupCell`` and ``RollupAnchor`` are derived data kept by ``rollups`` in the same transaction
as every write and every reorganisation: never edit them anywhere else.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from phoihop.core.models import TimeStampedModel
from phoihop.indicators.enums import (
    ActivityMetric,
    Aggregation,
    Operator,
    PeriodType,
    RuleKind,
    Severity,
    Source,
    SubmissionState,
    ValueType,
)

VALUE = {"max_digits": 20, "decimal_places": 4, "null": True, "blank": True}


class DisaggregationSet(models.Model):
    """An editable set of categories a figure is split by: sex (nam / nữ), sector…"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("disaggregation")
        verbose_name_plural = _("disaggregations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    set = models.ForeignKey(DisaggregationSet, on_delete=models.CASCADE, related_name="categories")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["set", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["set", "code"], name="indicators_category_unique_code")
        ]

    def __str__(self) -> str:
        return self.name


class Indicator(TimeStampedModel):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    unit_label = models.CharField(_("unit"), max_length=40, blank=True)  # người, đơn vị, %, đồng
    value_type = models.CharField(
        _("value type"), max_length=10, choices=ValueType.choices, default=ValueType.INTEGER
    )
    disaggregation = models.ForeignKey(
        DisaggregationSet,
        verbose_name=_("disaggregated by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    aggregation = models.CharField(
        _("aggregation"), max_length=10, choices=Aggregation.choices, default=Aggregation.SUM
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.TYPED
    )
    activity_metric = models.CharField(
        _("computed from"), max_length=20, choices=ActivityMetric.choices, blank=True
    )
    activity_kind = models.ForeignKey(
        "activities.ActivityKind",
        verbose_name=_("activity kind"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    content_area = models.ForeignKey(
        "programs.ContentArea",
        verbose_name=_("content area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source="typed") | ~Q(activity_metric=""),
                name="indicators_indicator_computed_has_metric",
            ),
            models.CheckConstraint(
                condition=~Q(aggregation="ratio") | Q(value_type="percent"),
                name="indicators_indicator_ratio_is_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"

    @property
    def is_computed(self) -> bool:
        return self.source == Source.COMPUTED


class ReportForm(TimeStampedModel):
    """A biểu mẫu: which indicators, how often, who reports, and by when."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    period_type = models.CharField(
        _("period"), max_length=10, choices=PeriodType.choices, default=PeriodType.HALF_YEAR
    )
    cutoff_day = models.PositiveSmallIntegerField(
        _("cut-off day"),
        null=True,
        blank=True,
        help_text=_("Figures are counted up to this day of the period's last month (e.g. 15)."),
    )
    deadline_days = models.PositiveSmallIntegerField(
        _("deadline (days after the cut-off)"), default=10
    )
    levels = models.ManyToManyField(
        "orgs.OrgLevel", verbose_name=_("reporting levels"), related_name="report_forms"
    )
    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("program"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="report_forms",
    )
    indicators = models.ManyToManyField(
        Indicator, through="ReportFormIndicator", related_name="forms"
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("report form")
        verbose_name_plural = _("report forms")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cutoff_day__isnull=True) | Q(cutoff_day__gte=1, cutoff_day__lte=31),
                name="indicators_reportform_cutoff_day",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ReportFormIndicator(models.Model):
    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="items")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="form_items")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["form", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "indicator"], name="indicators_formindicator_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.form_id}/{self.indicator_id}"


class ValidationRule(models.Model):
    """``left op right`` (female members ≤ members) or a jump of more than ``factor``× over the
    last period. Percentages are always checked (0–100: numerator ≤ denominator)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("message"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=RuleKind.choices)
    left = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="+"
    )
    operator = models.CharField(_("operator"), max_length=2, choices=Operator.choices, blank=True)
    right = models.ForeignKey(
        Indicator,
        verbose_name=_("compared with"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    factor = models.DecimalField(_("factor"), max_digits=8, decimal_places=2, null=True, blank=True)
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.HARD
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("validation rule")
        verbose_name_plural = _("validation rules")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Target(TimeStampedModel):
    """A target for one unit, indicator and period, optionally of a program; a parent's target
    can be allocated to its children (``parent``)."""

    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("program"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="targets",
    )
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="targets"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    period = models.CharField(_("period"), max_length=8)
    value = models.DecimalField(_("target"), max_digits=20, decimal_places=4)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("allocated from"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="allocations",
    )

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "unit", "indicator", "period"],
                condition=Q(program__isnull=False),
                name="indicators_target_unique_program",
            ),
            models.UniqueConstraint(
                fields=["unit", "indicator", "period"],
                condition=Q(program__isnull=True),
                name="indicators_target_unique_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}: {self.value}"


class DataValue(models.Model):
    """One figure entered by one unit for one period (and one category of the split)."""

    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="values"
    )
    period = models.CharField(_("period"), max_length=8)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), null=True, blank=True, on_delete=models.PROTECT
    )
    value = models.DecimalField(_("value"), **VALUE)
    numerator = models.DecimalField(_("numerator"), **VALUE)
    denominator = models.DecimalField(_("denominator"), **VALUE)
    text = models.TextField(_("text"), blank=True)
    comment = models.TextField(_("comment"), blank=True)
    approved = models.BooleanField(_("approved"), default=False, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "indicator", "period", "category"],
                condition=Q(category__isnull=False),
                name="indicators_datavalue_unique_category",
            ),
            models.UniqueConstraint(
                fields=["unit", "indicator", "period"],
                condition=Q(category__isnull=True),
                name="indicators_datavalue_unique_total",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "period"], name="indicators_value_unit_idx"),
            models.Index(fields=["indicator", "period"], name="indicators_value_ind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.indicator_id}/{self.period}"


class Submission(TimeStampedModel):
    """The workflow of one unit × form × period: draft → submitted → approved | returned."""

    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    form = models.ForeignKey(
        ReportForm, verbose_name=_("form"), on_delete=models.PROTECT, related_name="submissions"
    )
    period = models.CharField(_("period"), max_length=8)
    state = models.CharField(
        _("state"), max_length=10, choices=SubmissionState.choices, default=SubmissionState.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(_("comment"), blank=True)  # why it was returned or unlocked
    waiver_reason = models.TextField(_("reason for the waiver"), blank=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "form", "period"], name="indicators_submission_unique"
            ),
            models.CheckConstraint(
                condition=~Q(state="waived") | ~Q(waiver_reason=""),
                name="indicators_submission_waiver_reason",
            ),
        ]
        indexes = [models.Index(fields=["form", "period"], name="indicators_subm_form_idx")]

    def __str__(self) -> str:
        return f"{self.form_id}/{self.unit_id}/{self.period}: {self.state}"

    @property
    def is_locked(self) -> bool:
        return self.state in {SubmissionState.SUBMITTED, SubmissionState.APPROVED}


class RollupCell(models.Model):
    """Derived: the sums of every value entered strictly below ``ancestor_id`` for one indicator,
    period and category (``category_key`` 0 is the total), in one structure (0 today's, 1 as it
    was on the period's reference day); ``*_ok`` count approved values only."""

    structure = models.PositiveSmallIntegerField()
    ancestor_id = models.BigIntegerField()
    indicator_id = models.BigIntegerField()
    period = models.CharField(max_length=8)
    category_key = models.BigIntegerField()
    total = models.DecimalField(max_digits=24, decimal_places=4, default=0)
    n = models.BigIntegerField(default=0)
    num = models.DecimalField(max_digits=24, decimal_places=4, default=0)
    den = models.DecimalField(max_digits=24, decimal_places=4, default=0)
    total_ok = models.DecimalField(max_digits=24, decimal_places=4, default=0)
    n_ok = models.BigIntegerField(default=0)
    num_ok = models.DecimalField(max_digits=24, decimal_places=4, default=0)
    den_ok = models.DecimalField(max_digits=24, decimal_places=4, default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "ancestor_id", "period", "indicator_id", "category_key"],
                name="indicators_rollupcell_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.structure}/{self.ancestor_id}/{self.indicator_id}/{self.period}"


class RollupAnchor(models.Model):
    """Derived: the tree path under which a unit's values were added to ``RollupCell``: today's
    path (``period`` "") and, per period, the path on the period's reference day."""

    unit_id = models.BigIntegerField()
    structure = models.PositiveSmallIntegerField()
    period = models.CharField(max_length=8, blank=True)
    path = models.CharField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit_id", "structure", "period"], name="indicators_rollupanchor_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.structure}/{self.period}: {self.path}"


class ReportReminder(models.Model):
    """One reminder sent to one unit for one report and stage, so the daily command never sends
    it twice (as ``programs.ReminderLog`` does for milestones)."""

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=8)
    stage = models.CharField(max_length=20)  # "before-3", "due", "overdue"
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["form", "unit", "period", "stage"], name="indicators_reminder_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.form_id}/{self.unit_id}/{self.period} · {self.stage}"
