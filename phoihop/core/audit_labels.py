"""How a change log reads to a person: every action, key and coded value in words.

Entries store codes (``phoihop.program.signed``, ``{"state": {"old": "signed", ...}}``) so
they stay stable; this module turns them into the user's language. Apps register the coded
values that are not their models' own choices (a membership's role logged on a unit, the
level a program was cascaded to) with ``register_values`` from their ``AppConfig.ready``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ACTIONS = {
    "activity.created": gettext_lazy("Activity recorded"),
    "activity.updated": gettext_lazy("Activity edited"),
    "activity.merged": gettext_lazy("Duplicates merged"),
    "activity.imported": gettext_lazy("Activity imported from Excel"),
    "activity.evidence_added": gettext_lazy("Evidence attached"),
    "apitoken.created": gettext_lazy("API token created"),
    "article.received": gettext_lazy("Article received"),
    "article.imported": gettext_lazy("Article read into records"),
    "calendar_feed.created": gettext_lazy("Calendar link created"),
    "legaldocument.created": gettext_lazy("Document registered"),
    "legaldocument.updated": gettext_lazy("Document edited"),
    "membership.granted": gettext_lazy("Role granted"),
    "membership.revoked": gettext_lazy("Role removed"),
    "milestone.created": gettext_lazy("Milestone added"),
    "milestone.updated": gettext_lazy("Milestone edited"),
    "milestone.done": gettext_lazy("Milestone done"),
    "orgunit.created": gettext_lazy("Unit established"),
    "orgunit.updated": gettext_lazy("Unit edited"),
    "orgunit.renamed": gettext_lazy("Unit renamed"),
    "orgunit.moved": gettext_lazy("Unit moved"),
    "orgunit.merged": gettext_lazy("Units merged"),
    "orgunit.split": gettext_lazy("Unit split"),
    "orgunit.dissolved": gettext_lazy("Unit dissolved"),
    "program.created": gettext_lazy("Program drafted"),
    "program.updated": gettext_lazy("Program edited"),
    "program.signed": gettext_lazy("Program signed"),
    "program.activated": gettext_lazy("Program put in effect"),
    "program.review_started": gettext_lazy("Interim review started"),
    "program.review_ended": gettext_lazy("Interim review ended"),
    "program.closed": gettext_lazy("Final review held, program closed"),
    "program.superseded": gettext_lazy("Superseded by the next phase"),
    "program.renewed": gettext_lazy("Next phase drafted"),
    "program.cascaded": gettext_lazy("Cascaded to the level below"),
}

VERBS = {
    "created": gettext_lazy("created"),
    "updated": gettext_lazy("edited"),
    "deleted": gettext_lazy("deleted"),
    "submitted": gettext_lazy("submitted"),
    "approved": gettext_lazy("approved"),
    "returned": gettext_lazy("returned"),
    "imported": gettext_lazy("imported"),
}

KEYS = {
    "absorbed": gettext_lazy("Merged in"),
    "activities": gettext_lazy("Activities"),
    "costs": gettext_lazy("Cost by funding source"),
    "created": gettext_lazy("Created"),
    "effective_on": gettext_lazy("Effective on"),
    "existing": gettext_lazy("Already existed"),
    "file": gettext_lazy("File"),
    "include_subunits": gettext_lazy("With its sub-units"),
    "into": gettext_lazy("Merged into"),
    "legal_bases": gettext_lazy("Legal bases"),
    "milestone": gettext_lazy("Milestone"),
    "next": gettext_lazy("Next phase"),
    "organizers": gettext_lazy("Organizers"),
    "organizers_added": gettext_lazy("Organizers added"),
    "parties": gettext_lazy("Parties"),
    "prefix": gettext_lazy("Token"),
    "records": gettext_lazy("Records"),
    "role": gettext_lazy("Role"),
    "size": gettext_lazy("Size"),
    "source": gettext_lazy("Source"),
    "sources": gettext_lazy("Units merged"),
    "state": gettext_lazy("Status"),
    "tier": gettext_lazy("Level"),
    "title": gettext_lazy("Title"),
    "user": gettext_lazy("User"),
    "without_counterpart": gettext_lazy("Units without a counterpart"),
}

# Coded values of keys that are not a model field with choices: key → {code: label}.
VALUES: dict[str, dict[str, Any]] = {}

ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.+-]+)?$")


def register_values(key: str, choices: Iterable[tuple[Any, Any]]) -> None:
    VALUES.setdefault(key, {}).update({str(code): label for code, label in choices})


def action_label(action: str, model_name: str = "") -> str:
    """``phoihop.program.signed`` → "Program signed"; an action no one named reads as
    "<the model's name>: <verb>", never as a code."""
    code = action.removeprefix("phoihop.")
    if code in ACTIONS:
        return str(ACTIONS[code])
    verb = code.rsplit(".", 1)[-1]
    what = model_name or _("record")
    return _("%(what)s: %(verb)s") % {"what": what, "verb": VERBS.get(verb, _("changed"))}


def key_label(key: str) -> str:
    return str(KEYS.get(key, key.replace("_", " ")))


def value_text(value: Any, *, choices: dict[str, Any] | None = None) -> str:
    """A stored value as a person reads it: choices by their label, dates day first, yes/no,
    numbers with dots, lists joined, nothing as a dash."""
    if isinstance(value, dict) and "repr" in value:
        return str(value["repr"])
    if isinstance(value, dict):
        return "; ".join(
            f"{key_label(k)}: {value_text(v, choices=choices)}" for k, v in value.items()
        )
    if isinstance(value, list | tuple):
        return ", ".join(value_text(v, choices=choices) for v in value) or "—"
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if choices and str(value) in choices:
        return str(choices[str(value)])
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    match = ISO_DATE.match(text)
    if match:
        return f"{match[3]}/{match[2]}/{match[1]}"
    return text
