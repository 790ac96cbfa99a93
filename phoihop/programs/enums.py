from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgramKind(models.TextChoices):
    PROGRAM = "program", _("Coordination program")  # chương trình phối hợp
    REGULATION = "regulation", _("Coordination regulation")  # quy chế phối hợp
    AGREEMENT = "agreement", _("Cooperation agreement")  # thỏa thuận hợp tác
    JOINT_PLAN = "joint_plan", _("Joint plan")  # kế hoạch liên tịch


class ProgramState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    IN_EFFECT = "in_effect", _("In effect")
    UNDER_REVIEW = "under_review", _("Under interim review")
    CLOSED = "closed", _("Closed (final review held)")
    SUPERSEDED = "superseded", _("Superseded by the next phase")


# Allowed transitions: the only source of truth for the lifecycle.
TRANSITIONS: dict[str, set[str]] = {
    ProgramState.DRAFT: {ProgramState.SIGNED},
    ProgramState.SIGNED: {ProgramState.IN_EFFECT},
    ProgramState.IN_EFFECT: {ProgramState.UNDER_REVIEW, ProgramState.CLOSED},
    ProgramState.UNDER_REVIEW: {ProgramState.IN_EFFECT, ProgramState.CLOSED},
    ProgramState.CLOSED: {ProgramState.SUPERSEDED},
    ProgramState.SUPERSEDED: set(),
}
SIGNED_STATES = {
    ProgramState.SIGNED,
    ProgramState.IN_EFFECT,
    ProgramState.UNDER_REVIEW,
    ProgramState.CLOSED,
    ProgramState.SUPERSEDED,
}
# A phase that is over: its milestones are no longer chased (not overdue, not on the calendar).
ENDED_STATES = {ProgramState.CLOSED, ProgramState.SUPERSEDED}
REVIEWED_STATES = {ProgramState.UNDER_REVIEW, ProgramState.CLOSED, ProgramState.SUPERSEDED}


class PartyRole(models.TextChoices):
    LEAD = "lead", _("Lead (chủ trì)")
    PARTNER = "partner", _("Partner (phối hợp)")


class ReportFrequency(models.TextChoices):
    QUARTERLY = "quarterly", _("Every quarter")
    SEMIANNUAL = "semiannual", _("Every 6 months")
    ANNUAL = "annual", _("Every year")


class MilestoneKind(models.TextChoices):
    REPORT = "report", _("Report deadline")
    ANNUAL_REVIEW = "annual_review", _("Annual joint review")
    INTERIM_REVIEW = "interim_review", _("Interim review (sơ kết)")
    FINAL_REVIEW = "final_review", _("Final review (tổng kết)")
    OTHER = "other", _("Other")
