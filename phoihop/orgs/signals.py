"""Signals for apps built on the org trees; orgs itself must not import them.

``unit_names_changed`` lets programs and activities refresh the search keys that include a
unit's names after a rename or a correction (sent with ``unit=``).
"""

from django.dispatch import Signal

unit_names_changed = Signal()
