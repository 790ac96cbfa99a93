"""Optimistic concurrency: no edit silently overwrites another.

Each editable record carries a ``version``. An edit page (or API call) sends back the version it
was shown; the service claims the record with ``UPDATE … SET version = version + 1 WHERE
version = <sent>`` before writing anything. Two officials saving the same activity at once:
the first claim succeeds, the second updates no row and gets an ``EditConflict`` listing what
the other saved, field by field, while the page keeps everything they typed. The UPDATE also
locks the row for the rest of the transaction, so the claim and the write are one step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _

from phoihop.core.exceptions import DomainError


@dataclass(frozen=True)
class Difference:
    field: str
    label: str
    yours: str
    saved: str


class EditConflict(DomainError):
    """Someone saved the record after the editor loaded it (the API answers 409)."""

    def __init__(self, *, differences: list[Difference], current_version: int) -> None:
        lines = "; ".join(
            _("%(field)s: yours “%(yours)s”, saved “%(saved)s”")
            % {"field": d.label, "yours": d.yours, "saved": d.saved}
            for d in differences
        )
        summary = _(
            "Someone else saved this record while you were editing it. Your input is kept: "
            "check the differences and save again to keep yours."
        )
        super().__init__(f"{summary} {lines}." if lines else summary)
        self.summary = summary
        self.differences = differences
        self.current_version = current_version


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, models.Model):
        return str(value)
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list | tuple | set):
        return ", ".join(_shown(v) for v in value) or "—"
    return str(value)


def claim(
    obj: models.Model,
    version: int | None,
    *,
    submitted: dict[str, Any] | None = None,
    saved_values: Callable[[models.Model], dict[str, Any]] | None = None,
    labels: dict[str, Any] | None = None,
) -> None:
    """Compare-and-increment ``obj``'s version; on a mismatch raise ``EditConflict``.

    ``submitted`` holds the editor's values by field; the conflict lists those that differ from
    the saved record (``saved_values(current)`` may add values that are not plain fields, such
    as the organizers). ``version=None`` (internal callers) only increments.
    """
    model = type(obj)
    rows = model._default_manager.filter(pk=obj.pk)
    if version is not None:
        rows = rows.filter(version=version)
    if rows.update(version=F("version") + 1) == 1:
        obj.version = model._default_manager.values_list("version", flat=True).get(pk=obj.pk)
        return
    current = model._default_manager.get(pk=obj.pk)
    saved = {name: getattr(current, name, None) for name in (submitted or {})}
    if saved_values is not None:
        saved.update(saved_values(current))
    raise EditConflict(
        differences=list(_differences(model, submitted or {}, saved, labels or {})),
        current_version=current.version,
    )


def _differences(
    model: type[models.Model],
    submitted: dict[str, Any],
    saved: dict[str, Any],
    labels: dict[str, Any],
) -> Iterable[Difference]:
    for name, yours in submitted.items():
        if name not in saved or _shown(yours) == _shown(saved[name]):
            continue
        try:
            label = str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:  # organizers, costs: named by the caller
            label = str(labels.get(name, name))
        yield Difference(name, label[:1].upper() + label[1:], _shown(yours), _shown(saved[name]))


def bump(obj: models.Model) -> None:
    """A change made by another path (a transition, a merge, a rename): stale edit pages of the
    record must notice it."""
    claim(obj, None)
