"""A program's legal bases from the "Căn cứ …" paragraph an official pastes."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from phoihop.core.exceptions import DomainError
from phoihop.documents import services as document_services
from phoihop.documents.models import LegalDocument


def preview(text: str) -> list[document_services.Proposal]:
    """The documents the paragraph cites, each found in the registry or to be created."""
    return document_services.documents_from_citations(text=text)


def documents_for_text(*, text: str, actor: Any) -> list[LegalDocument]:
    """Link what the paragraph cites, registering unknown documents; refuse invalid numbers."""
    proposals = preview(text)
    problems = [f"{p.citation.number}: {p.problem}" for p in proposals if p.problem]
    if problems:
        raise DomainError(_("Some cited numbers are not valid: %s") % "; ".join(problems))
    if text.strip() and not proposals:
        raise DomainError(_("No document number was recognised in the legal bases."))
    return document_services.documents_resolve(proposals=proposals, actor=actor)
