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


# Documents known by their serial alone ("Đề án 938"); any other type needs its symbol.
BARE_NUMBER_TYPES = {"Đề án", "Dự án", "Chương trình", "Cuộc vận động", "Phong trào"}


def problem(proposal: document_services.Proposal) -> str | None:
    """Why a cited document cannot be linked as written, or None."""
    if proposal.problem:
        return proposal.problem
    citation = proposal.citation
    if citation.style == "bare" and citation.doc_type not in BARE_NUMBER_TYPES:
        return _("“%(type)s %(number)s” has no symbol: write it as e.g. %(number)s/QĐ-LĐLĐ.") % {
            "type": citation.doc_type or _("Document"),
            "number": citation.number,
        }
    return None


def documents_for_text(*, text: str, actor: Any) -> list[LegalDocument]:
    """Link what the paragraph cites, registering unknown documents; refuse invalid numbers."""
    proposals = preview(text)
    problems = [f"{p.citation.number}: {problem(p)}" for p in proposals if problem(p)]
    if problems:
        raise DomainError(_("Some cited numbers are not valid: %s") % "; ".join(problems))
    if text.strip() and not proposals:
        raise DomainError(_("No document number was recognised in the legal bases."))
    return document_services.documents_resolve(proposals=proposals, actor=actor)
