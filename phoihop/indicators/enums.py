from django.db import models
from django.utils.translation import gettext_lazy as _


class ValueType(models.TextChoices):
    INTEGER = "int", _("Whole number")
    DECIMAL = "decimal", _("Decimal number")
    PERCENT = "percent", _("Percentage (numerator / denominator)")
    YES_NO = "yesno", _("Yes / no")
    TEXT = "text", _("Text")


class Aggregation(models.TextChoices):
    """How an indicator aggregates over units and over time.

    SUM: a flow (trainings held): units add up, periods add up.
    LAST: a stock (members on the cut-off date): units add up, over time the last period counts.
    AVERAGE: the mean of the units' values, and of the periods' values.
    RATIO: sum of numerators / sum of denominators (a % is never averaged); over time, the last.
    """

    SUM = "sum", _("Sum")
    LAST = "last", _("Last value")
    AVERAGE = "average", _("Average")
    RATIO = "ratio", _("Ratio of two sums")


class Source(models.TextChoices):
    TYPED = "typed", _("Entered")
    COMPUTED = "computed", _("Computed from activities")


class ActivityMetric(models.TextChoices):
    COUNT = "count", _("Number of activities")
    PARTICIPANTS = "participants", _("Participants")
    PARTICIPANTS_WOMEN = "participants_women", _("Women participants")
    BENEFICIARIES = "beneficiaries", _("Beneficiaries")
    COST = "total_cost", _("Cost (VND)")


class PeriodType(models.TextChoices):
    QUARTER = "quarter", _("Quarter")
    HALF_YEAR = "half", _("Six months")
    YEAR = "year", _("Year")


class SubmissionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")
    WAIVED = "waived", _("Waived")


class RuleKind(models.TextChoices):
    COMPARE = "compare", _("Compare two indicators")
    JUMP = "jump", _("Jump over the last period")


class Operator(models.TextChoices):
    LE = "le", "≤"
    GE = "ge", "≥"


class Severity(models.TextChoices):
    HARD = "hard", _("Blocks submission")
    SOFT = "soft", _("Needs a comment")


class Structure(models.TextChoices):
    CURRENT = "current", _("Today's structure")
    AS_OF = "as_of", _("Structure at the time")
