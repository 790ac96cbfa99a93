from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    WARD = "ward", _("Commune / ward")


class AreaChangeKind(models.TextChoices):
    UNCHANGED = "unchanged", _("Unchanged")
    MERGED = "merged", _("Merged")
    DIVIDED = "divided", _("Divided")
    RENAMED = "renamed", _("Renamed")


class Tier(models.IntegerChoices):
    """Where a level sits on the national administrative scale, the same for every system.

    Levels are data (each system names its own), but a level says which tier it pairs on, so that
    LĐLĐ tỉnh X finds Hội LHPN tỉnh X and Công đoàn phường Y finds Hội LHPN phường Y.
    """

    CENTRAL = 0, _("Central")
    PROVINCE = 1, _("Province / central branch")
    DISTRICT = 2, _("District / directly above grassroots")
    COMMUNE = 3, _("Commune / ward")
    GRASSROOTS = 4, _("Grassroots")
    BELOW = 5, _("Below grassroots")


class ReorgKind(models.TextChoices):
    CREATE = "create", _("Established")
    MERGE = "merge", _("Merged")
    SPLIT = "split", _("Split")
    RENAME = "rename", _("Renamed")
    MOVE = "move", _("Moved")
    DISSOLVE = "dissolve", _("Dissolved")


class ReorgRole(models.TextChoices):
    SOURCE = "source", _("Before")
    TARGET = "target", _("After")
