"""Reads of the document registry. Documents are public reference data for logged-in users."""

from __future__ import annotations

from django.db.models import QuerySet

from phoihop.core.text import search_tokens
from phoihop.documents.models import LegalDocument


def documents_all() -> QuerySet[LegalDocument]:
    return LegalDocument.objects.select_related("issuer_unit")


def documents_search(query: str | None, *, doc_type: str | None = None) -> QuerySet[LegalDocument]:
    """Accent- and case-insensitive; every typed word must start a word of the number, type,
    summary or issuer. ``57/nq-cp``, ``57 NQ CP`` and ``21 CT TW`` all find their number."""
    documents = documents_all()
    if doc_type:
        documents = documents.filter(doc_type=doc_type)
    for token in search_tokens(query):
        documents = documents.filter(search_text__contains=f" {token}")
    return documents


def document_get(pk: int) -> LegalDocument | None:
    return documents_all().filter(pk=pk).first()


def documents_by_number(key: str, *, doc_type: str | None = None) -> QuerySet[LegalDocument]:
    """Registered documents whose normalised number is ``key`` (see ``services.number_key``)."""
    documents = LegalDocument.objects.filter(number_key=key)
    if doc_type:
        documents = documents.filter(doc_type=doc_type)
    return documents.order_by("issued_on", "pk")
