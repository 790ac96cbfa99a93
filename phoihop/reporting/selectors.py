"""Which template a document uses: the organization system's own, the global one, the built-in."""

from __future__ import annotations

from pathlib import Path

from phoihop.reporting.models import DocumentTemplate
from phoihop.reporting.templates_build import TEMPLATES_DIR

BUILT_IN = TEMPLATES_DIR / "official.docx"


def template_path(*, kind: str, system_code: str = "") -> Path:
    """The uploaded template of ``system_code`` for ``kind``, else one for every system, else
    the built-in template."""
    candidates = DocumentTemplate.objects.filter(kind=kind).select_related("system")
    chosen = None
    for template in candidates:
        if template.system is not None and template.system.code == system_code:
            chosen = template
            break
        if template.system is None:
            chosen = template
    if chosen is not None and chosen.file and Path(chosen.file.path).exists():
        return Path(chosen.file.path)
    return BUILT_IN
