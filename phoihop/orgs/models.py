"""Organization systems, their units, and the history of the hierarchy.

Time is half-open everywhere: a row is valid on day D when ``valid_from <= D < valid_to`` (a
missing bound is open). A province union merged on 1 July 2025 has ``valid_to = 2025-07-01``;
its successor has ``valid_from = 2025-07-01``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from phoihop.core.models import TimeStampedModel, Versioned
from phoihop.orgs.enums import AreaChangeKind, AreaKind, ReorgKind, ReorgRole, Tier


def valid_on(day: dt.date, prefix: str = "") -> Q:
    """Rows valid on ``day`` (half-open interval), optionally through a relation ``prefix``."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": day})
    )


class ValidityMixin(models.Model):
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("The first day on which it no longer exists."),
    )

    class Meta:
        abstract = True

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to > day
        )

    @property
    def last_day(self) -> dt.date | None:
        """The last day it existed, as officials write it ("đến 30/06/2025")."""
        return self.valid_to - dt.timedelta(days=1) if self.valid_to else None


class AdminArea(ValidityMixin):
    """A province, district or commune-level unit, loaded from ``vietnamadminunits``."""

    kind = models.CharField(_("kind"), max_length=10, choices=AreaKind.choices)
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=120)
    division_type = models.CharField(_("type"), max_length=40, blank=True)
    key = models.CharField(max_length=200, db_index=True)  # the package's ascii key
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.CASCADE
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    search_text = models.CharField(max_length=400, db_index=True)

    class Meta:
        verbose_name = _("administrative area")
        verbose_name_plural = _("administrative areas")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code", "valid_from"], name="orgs_adminarea_unique_code"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gt=F("valid_from")),
                name="orgs_adminarea_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AreaSuccession(models.Model):
    """One link of the 2025 conversion: an old area and (part of) what it became."""

    old = models.ForeignKey(AdminArea, on_delete=models.CASCADE, related_name="successions")
    new = models.ForeignKey(AdminArea, on_delete=models.CASCADE, related_name="precursions")
    kind = models.CharField(max_length=10, choices=AreaChangeKind.choices)
    effective_on = models.DateField()
    is_default = models.BooleanField(
        default=True, help_text=_("For a divided area: the main successor.")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["old", "new"], name="orgs_areasuccession_unique")
        ]

    def __str__(self) -> str:
        return f"{self.old} → {self.new}"


class OrgSystem(models.Model):
    """A whole organization system: Công đoàn Việt Nam, Hội LHPN Việt Nam, Đoàn TNCS, UBND…"""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("organization system")
        verbose_name_plural = _("organization systems")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.short_name


class OrgLevel(models.Model):
    """A level of one system, as that system names it ("LĐLĐ cấp tỉnh", "Hội LHPN cấp xã")."""

    system = models.ForeignKey(
        OrgSystem, verbose_name=_("system"), on_delete=models.CASCADE, related_name="levels"
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    tier = models.PositiveSmallIntegerField(_("tier"), choices=Tier.choices)

    class Meta:
        verbose_name = _("level")
        verbose_name_plural = _("levels")
        ordering = ["system", "tier", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["system", "code"], name="orgs_orglevel_unique_code")
        ]

    def __str__(self) -> str:
        return self.name


class OrgUnit(Versioned, TimeStampedModel, ValidityMixin):
    """One organization: "Liên đoàn Lao động tỉnh Tiền Giang" (LĐLĐ tỉnh Tiền Giang).

    Its place in the tree over time is in ``OrgPlacement``; ``search_text`` and ``sort_key``
    are kept up to date by ``orgs.services``.
    """

    system = models.ForeignKey(OrgSystem, verbose_name=_("system"), on_delete=models.PROTECT)
    level = models.ForeignKey(OrgLevel, verbose_name=_("level"), on_delete=models.PROTECT)
    # NULL, not "", for "no code": the unique constraint then ignores units without one.
    code = models.CharField(  # noqa: DJ001
        _("unit code"),
        max_length=40,
        null=True,
        blank=True,
        help_text=_("Your own code for the unit, used by Excel imports."),
    )
    name = models.CharField(_("official name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    abbreviations = models.CharField(
        _("other written forms"),
        max_length=255,
        blank=True,
        help_text=_("Separated by “;”, e.g. “LĐLĐ Tiền Giang; LĐLĐ TG”."),
    )
    area = models.ForeignKey(
        AdminArea,
        verbose_name=_("administrative area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    search_text = models.CharField(max_length=800, db_index=True, editable=False)
    sort_key = models.CharField(max_length=800, db_index=True, editable=False)

    class Meta:
        verbose_name = _("organization unit")
        verbose_name_plural = _("organization units")
        constraints = [
            models.UniqueConstraint(
                fields=["system", "code"],
                condition=Q(code__isnull=False),
                name="orgs_orgunit_unique_code",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gt=F("valid_from")),
                name="orgs_orgunit_valid_range",
            ),
        ]
        indexes = [models.Index(fields=["area", "system"], name="orgs_orgunit_area_idx")]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("orgs:unit_detail", args=[self.pk])

    @property
    def written_forms(self) -> list[str]:
        forms = [self.name, self.short_name, *self.abbreviations.split(";")]
        return [form.strip() for form in forms if form and form.strip()]


class OrgPlacement(ValidityMixin):
    """Where a unit sat in its tree during a period: its parent and its materialized path.

    ``path`` is the chain of unit ids from the root, each followed by a dot ("1.17.342."), so
    "the subtree of X on day D" is a prefix query on the placements valid on D, identical on
    SQLite and PostgreSQL. A unit merged into another keeps a placement under its successor,
    which is how its history rolls up into the merged unit.
    """

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="placements")
    parent = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="child_placements"
    )
    path = models.CharField(max_length=255)
    depth = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gt=F("valid_from")),
                name="orgs_orgplacement_valid_range",
            ),
        ]
        indexes = [
            models.Index(fields=["path"], name="orgs_placement_path_idx"),
            models.Index(fields=["parent", "valid_to"], name="orgs_placement_parent_idx"),
            models.Index(fields=["unit", "valid_to"], name="orgs_placement_unit_idx"),
        ]

    def __str__(self) -> str:
        return self.path

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.split(".") if part][:-1]


class ReorgEvent(TimeStampedModel):
    """A dated reorganisation: units merged, split, renamed, moved, dissolved or established."""

    kind = models.CharField(_("kind"), max_length=10, choices=ReorgKind.choices)
    effective_on = models.DateField(_("effective from"))
    title = models.CharField(_("title"), max_length=255)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    units = models.ManyToManyField(OrgUnit, through="ReorgEventUnit", related_name="reorg_events")

    class Meta:
        verbose_name = _("reorganisation")
        verbose_name_plural = _("reorganisations")
        ordering = ["-effective_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class ReorgEventUnit(models.Model):
    event = models.ForeignKey(ReorgEvent, on_delete=models.CASCADE, related_name="links")
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="reorg_links")
    role = models.CharField(max_length=10, choices=ReorgRole.choices)
    data = models.JSONField(default=dict, blank=True)  # e.g. the old name of a renamed unit

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "unit", "role"], name="orgs_reorgeventunit_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.unit} ({self.role})"


from phoihop.orgs.models_imports import UnitImportJob  # noqa: E402, F401
