"""Writes to the document registry. Every change is audited with the changed fields only."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from phoihop.accounts.permissions import require
from phoihop.core import concurrency
from phoihop.core.audit import changes, log_action, snapshot
from phoihop.core.exceptions import DomainError
from phoihop.core.text import fold, nfc
from phoihop.documents import selectors
from phoihop.documents.citations import Citation, CitationError, find_citations, parse_number
from phoihop.documents.enums import DocType
from phoihop.documents.models import LegalDocument

EDITABLE_FIELDS = [
    "doc_type",
    "number",
    "issuer",
    "issuer_unit",
    "issued_on",
    "summary",
    "file",
    "valid_from",
    "valid_to",
]
_BARE_NUMBER = re.compile(r"^\d{1,6}[A-Za-z]?$")


# --------------------------------------------------------------------------- numbers and types


def clean_number(raw: str) -> str:
    """The number as written, without stray spaces; a rejected number raises ``DomainError``.

    ``"57/NQ- CP"`` → ``"57/NQ-CP"``. A bare serial (``"938"`` for Đề án 938) is allowed; anything
    else must pass ``citations.parse_number``, whose Vietnamese message is shown as is.
    """
    text = re.sub(r"^số\s*:?\s*", "", nfc(raw), flags=re.IGNORECASE)
    if _BARE_NUMBER.match(text):
        return text
    try:
        return parse_number(text).number
    except CitationError as error:
        raise DomainError(str(error), field="number") from error


def number_problem(raw: str) -> str | None:
    """Why ``raw`` cannot be registered, or None when it can."""
    try:
        clean_number(raw)
    except DomainError as error:
        return error.message
    return None


def number_key(number: str) -> str:
    """The form numbers are matched by: NFC, upper case, no spaces (``Đ`` kept)."""
    return re.sub(r"\s+", "", nfc(number)).upper()


_TYPE_ALIASES = {
    "ban thoa thuan": DocType.THOA_THUAN,
    "bo luat": DocType.LUAT,
    "phap lenh": DocType.LUAT,
}


def doc_type_for(name: str | None) -> str:
    """Map a type word from a citation ("Chương trình hành động", "Thoả thuận") to a ``DocType``."""
    key = fold(name)
    if not key:
        return DocType.KHAC
    if key in _TYPE_ALIASES:
        return _TYPE_ALIASES[key]
    by_fold = sorted(((fold(t.value), t) for t in DocType), key=lambda p: -len(p[0]))
    for folded, doc_type in by_fold:
        if key == folded or key.startswith(folded + " "):
            return doc_type
    return DocType.KHAC


def refresh_search_fields(document: LegalDocument) -> None:
    """Recompute ``number_key`` and the folded ``search_text`` (words start with a space)."""
    document.number_key = number_key(document.number)
    document.issuer = nfc(document.issuer)
    document.summary = (document.summary or "").strip()
    folded_number = fold(document.number)
    parts = [
        folded_number,
        folded_number.replace(" ", ""),
        fold(document.doc_type),
        fold(document.summary),
        fold(document.issuer),
    ]
    document.search_text = " " + " ".join(part for part in parts if part)[:998] + " "


def _validate(document: LegalDocument) -> None:
    """Field checks (file type and size, dates) and the registry's uniqueness rule."""
    if document.doc_type not in DocType.values:
        raise DomainError(_("Unknown document type."), field="doc_type")
    if document.valid_from and document.valid_to and document.valid_to < document.valid_from:
        raise DomainError(_("The end of validity is before its start."), field="valid_to")
    if document.file and not document.file._committed:
        try:
            for validator in LegalDocument._meta.get_field("file").validators:
                validator(document.file)
        except ValidationError as error:
            raise DomainError(" ".join(error.messages), field="file") from error
    same = LegalDocument.objects.filter(
        doc_type=document.doc_type,
        number_key=document.number_key,
    ).exclude(pk=document.pk)
    same = same.filter(
        Q(issued_on=document.issued_on) if document.issued_on else Q(issued_on__isnull=True)
    )
    existing = same.first()
    if existing is not None:
        raise DomainError(
            _("%(document)s is already in the registry.") % {"document": existing},
            field="number",
        )


# --------------------------------------------------------------------------- create / update

_NEEDS_EDITOR = gettext_lazy("Only an editor of some unit can register or correct documents.")


@transaction.atomic
def document_create(*, actor: Any, **fields: Any) -> LegalDocument:
    """Register a document.

    Side effects: audit entry ``phoihop.legaldocument.created`` with the registered fields.
    """
    require(actor, "documents.add_legaldocument", None, str(_NEEDS_EDITOR))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(_("These fields cannot be set here: %s") % ", ".join(sorted(unknown)))
    fields["number"] = clean_number(fields.get("number") or "")
    document = LegalDocument(
        created_by=actor if getattr(actor, "is_authenticated", False) else None, **fields
    )
    document.doc_type = document.doc_type or DocType.KHAC
    refresh_search_fields(document)
    _validate(document)
    document.save()
    data = {
        name: getattr(document, name)
        for name in EDITABLE_FIELDS
        if name != "file" and getattr(document, name) not in (None, "")
    }
    if document.file:
        data["file"] = document.file.name
    log_action(document, "phoihop.legaldocument.created", actor=actor, data=data)
    return document


@transaction.atomic
def document_update(
    *, document: LegalDocument, actor: Any, version: int | None = None, **fields: Any
) -> LegalDocument:
    """Correct a document's data; a ``file`` of None keeps the current file. ``version`` is the
    one the editor was shown (``EditConflict`` if someone saved since).

    Side effects: audit entry ``phoihop.legaldocument.updated`` with the changed fields
    before/after (the file by name); nothing else is written when nothing changed.
    """
    require(actor, "documents.change_legaldocument", document, str(_NEEDS_EDITOR))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(_("These fields cannot be changed here: %s") % ", ".join(sorted(unknown)))
    if "number" in fields:
        fields["number"] = clean_number(fields["number"] or "")
    concurrency.claim(document, version, submitted={k: v for k, v in fields.items() if k != "file"})
    new_file = fields.pop("file", None)
    if isinstance(new_file, FieldFile) and new_file.name == document.file.name:
        new_file = None  # the current file, handed back unchanged
    old_file_name = document.file.name or ""
    before = snapshot(document, list(fields))
    for name, value in fields.items():
        setattr(document, name, value)
    refresh_search_fields(document)
    diff = changes(before, document)
    if new_file:
        document.file = new_file
    if not diff and not new_file:
        return document
    _validate(document)
    document.save()
    if new_file:
        diff["file"] = {"old": old_file_name or None, "new": document.file.name}
    log_action(document, "phoihop.legaldocument.updated", actor=actor, data=diff)
    return document


# ---------------------------------------------------------------- from a căn cứ paragraph


class Proposal(NamedTuple):
    """A document cited in a pasted text, and the registered one it matches (None when new)."""

    citation: Citation
    existing: LegalDocument | None

    @property
    def doc_type(self) -> str:
        return doc_type_for(self.citation.doc_type)

    @property
    def problem(self) -> str | None:
        """Why the cited number cannot be registered as is, or None."""
        return number_problem(self.citation.number)


def _match(citation: Citation) -> LegalDocument | None:
    """The registered document a citation means.

    Numbers repeat (a state series restarts each year, a Party series each term), so when both
    the citation and a candidate carry a date, the dates must agree.
    """
    doc_type = doc_type_for(citation.doc_type) if citation.doc_type else None
    candidates = list(selectors.documents_by_number(number_key(citation.number), doc_type=doc_type))
    if citation.issued_on:
        same_day = [d for d in candidates if d.issued_on == citation.issued_on]
        undated = [d for d in candidates if d.issued_on is None]
        candidates = same_day or undated
    return candidates[0] if candidates else None


def documents_from_citations(*, text: str, actor: Any = None) -> list[Proposal]:
    """Every document cited in ``text`` (e.g. a plan's "Căn cứ …" paragraph), found or new.

    Reads only; ``documents_resolve`` registers the new ones.
    """
    return [Proposal(citation, _match(citation)) for citation in find_citations(text)]


@transaction.atomic
def documents_resolve(*, proposals: list[Proposal], actor: Any) -> list[LegalDocument]:
    """The documents of ``proposals``, registering the new ones (all or none).

    Side effects: one ``phoihop.legaldocument.created`` audit entry per new document.
    """
    documents: list[LegalDocument] = []
    for citation, existing in proposals:
        if existing is None:
            existing = _match(citation)  # registered meanwhile, or cited twice
        if existing is None:
            existing = document_create(
                actor=actor,
                doc_type=doc_type_for(citation.doc_type),
                number=citation.number,
                issuer=citation.issuer or "",
                issued_on=citation.issued_on,
            )
        documents.append(existing)
    return documents
