from __future__ import annotations

from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from phoihop.core.audit import entries_for
from phoihop.core.concurrency import EditConflict
from phoihop.core.exceptions import DomainError
from phoihop.core.forms import show_conflict
from phoihop.core.pagination import paginate
from phoihop.documents import selectors, services
from phoihop.documents.forms import DocumentForm, DocumentSearchForm, PasteForm
from phoihop.documents.models import LegalDocument

ADD = "documents.add_legaldocument"
CHANGE = "documents.change_legaldocument"


def _document(pk: int) -> LegalDocument:
    document = selectors.document_get(pk)
    if document is None:
        raise Http404
    return document


@login_required
@require_GET
def document_list(request: HttpRequest) -> HttpResponse:
    form = DocumentSearchForm(request.GET)
    ctx = {
        "form": form,
        "page": paginate(request, form.filter_queryset(), 30),
        "searched": bool(request.GET.get("q") or request.GET.get("doc_type")),
        "can_add": request.user.has_perm(ADD),
    }
    template = "documents/document_list.html#results" if request.htmx else None
    return render(request, template or "documents/document_list.html", ctx)


@login_required
@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(pk)
    ctx = {
        "document": document,
        "audit": entries_for(document)[:50],
        "can_edit": request.user.has_perm(CHANGE, document),
    }
    return render(request, "documents/document_detail.html", ctx)


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    document = _document(pk)
    if not document.file:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    name = PurePosixPath(document.file.name).name
    return FileResponse(handle, as_attachment=True, filename=name)


@login_required
@require_http_methods(["GET", "POST"])
def document_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(ADD):
        raise PermissionDenied
    form = DocumentForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_create(actor=request.user, **form.service_fields())
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("The document has been registered."))
            return redirect(document)
    return render(request, "documents/document_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(pk)
    if not request.user.has_perm(CHANGE, document):
        raise PermissionDenied
    form = DocumentForm(
        request.POST or None, request.FILES or None, instance=document, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.document_update(
                document=document,
                actor=request.user,
                version=form.cleaned_data["version"] or 0,
                **form.service_fields(),
            )
        except EditConflict as conflict:
            show_conflict(form, conflict)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("The document has been saved."))
            return redirect(document)
    return render(request, "documents/document_form.html", {"form": form, "document": document})


@login_required
@require_http_methods(["GET", "POST"])
def document_paste(request: HttpRequest) -> HttpResponse:
    """Paste a "Căn cứ …" paragraph, see which cited documents are registered, add the others."""
    form = PasteForm(request.POST or None)
    can_add = request.user.has_perm(ADD)
    ctx = {"form": form, "can_add": can_add}
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        proposals = services.documents_from_citations(text=text, actor=request.user)
        ctx["proposals"] = proposals
        ctx["registrable"] = any(p.existing is None and p.problem is None for p in proposals)
        if request.POST.get("action") == "create":
            if not can_add:
                raise PermissionDenied
            selected = form.selected()
            chosen = [p for i, p in enumerate(proposals) if p.existing or i in selected]
            try:
                ctx["documents"] = services.documents_resolve(proposals=chosen, actor=request.user)
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                ctx["created"] = sum(1 for p in chosen if p.existing is None)
    return render(request, "documents/document_paste.html", ctx)
