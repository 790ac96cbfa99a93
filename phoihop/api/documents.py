"""Legal documents: list/search, detail, register, and find the documents cited in a text."""

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from phoihop.accounts.selectors import unit_get_for_user
from phoihop.api.pagination import Pages
from phoihop.core.ids import Id
from phoihop.documents import selectors, services
from phoihop.documents.enums import DocType
from phoihop.documents.models import LegalDocument

router = Router(tags=["documents"])


class DocumentOut(Schema):
    id: int
    doc_type: str
    number: str
    issuer: str
    issuer_unit_id: int | None
    issued_on: dt.date | None
    summary: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    has_file: bool = Field(False)
    title: str = Field("")

    @staticmethod
    def resolve_has_file(document: LegalDocument) -> bool:
        return bool(document.file)

    @staticmethod
    def resolve_title(document: LegalDocument) -> str:
        return str(document)


class DocumentIn(Schema):
    doc_type: DocType
    number: str = Field(..., max_length=80)
    issuer: str = Field("", max_length=255)
    issuer_unit_id: Id | None = None
    issued_on: dt.date | None = None
    summary: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class DocumentFilters(Schema):
    q: str | None = None
    doc_type: DocType | None = None


class ParseIn(Schema):
    text: str = Field(..., max_length=20000)


class ProposalOut(Schema):
    number: str
    doc_type: str
    issued_on: dt.date | None
    issuer: str | None
    existing_id: int | None
    problem: str | None


@router.get("", response=list[DocumentOut], summary="List and search documents")
@paginate(Pages, page_size=50)
def document_list(request: HttpRequest, filters: Query[DocumentFilters]):
    doc_type = filters.doc_type.value if filters.doc_type else None
    return selectors.documents_search(filters.q, doc_type=doc_type)


@router.get("/{int:document_id}", response=DocumentOut, summary="One document")
def document_detail(request: HttpRequest, document_id: Id) -> LegalDocument:
    document = selectors.document_get(document_id)
    if document is None:
        raise Http404
    return document


@router.post("", response={201: DocumentOut}, summary="Register a document")
def document_create(request: HttpRequest, payload: DocumentIn) -> Status:
    if not request.user.has_perm("documents.add_legaldocument"):
        raise HttpError(403, "Bạn không có quyền thêm văn bản.")
    fields = payload.model_dump()
    unit_id = fields.pop("issuer_unit_id")
    unit = unit_get_for_user(request.user, unit_id) if unit_id else None
    if unit_id and unit is None:
        raise Http404
    fields["doc_type"] = payload.doc_type.value
    document = services.document_create(actor=request.user, issuer_unit=unit, **fields)
    return Status(201, document)


@router.post("/parse", response=list[ProposalOut], summary="Documents cited in a text")
def document_parse(request: HttpRequest, payload: ParseIn) -> list[dict]:
    """Find the documents a "Căn cứ …" paragraph cites and which are registered. Writes nothing."""
    return [
        {
            "number": proposal.citation.number,
            "doc_type": proposal.doc_type,
            "issued_on": proposal.citation.issued_on,
            "issuer": proposal.citation.issuer,
            "existing_id": proposal.existing.pk if proposal.existing else None,
            "problem": proposal.problem,
        }
        for proposal in services.documents_from_citations(text=payload.text, actor=request.user)
    ]
