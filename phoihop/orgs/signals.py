"""Signals for apps built on the org trees; orgs itself must not import them.

``unit_names_changed`` lets programs and activities refresh the search keys that include a
unit's names after a rename or a correction (sent with ``unit=``).

``placements_changed`` is sent inside the reorganising transaction after units were re-placed
(move, merge, split), with ``unit_ids=`` (every unit whose placement changed) and ``on=`` (the
effective date), so indicators can move their roll-up data in the same transaction.
"""

from django.dispatch import Signal

unit_names_changed = Signal()
placements_changed = Signal()
