from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from phoihop.articles import articles, selectors
from phoihop.articles.forms import MAX_PARTIES, ArticleReviewForm, ArticleUploadForm
from phoihop.core.exceptions import DomainError
from phoihop.core.pagination import paginate


@login_required
@require_http_methods(["GET", "POST"])
def article_new(request: HttpRequest) -> HttpResponse:
    form = ArticleUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            if upload is not None:
                text = articles.article_text(data=upload.read(), filename=upload.name)
                source = upload.name
            else:
                text, source = form.cleaned_data["text"], ""
            article, created = articles.article_receive(
                text=text, actor=request.user, source_name=source
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            if not created:
                messages.warning(
                    request,
                    _("This article was already read on %(day)s.")
                    % {"day": article.created_at.strftime("%d/%m/%Y")},
                )
            return redirect(article)
    recent = paginate(request, selectors.articles_visible_to(request.user), 20)
    return render(request, "articles/article_new.html", {"form": form, "page": recent})


@login_required
@require_http_methods(["GET", "POST"])
def article_review(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(selectors.articles_visible_to(request.user), pk=pk)
    proposal = articles.article_proposal(article, request.user)
    parties = min(max(len(proposal.units), 2), MAX_PARTIES)
    initial = {**proposal.initial}
    for i, unit in enumerate(proposal.units[:parties]):
        initial[f"party_{i}"] = unit.pk if unit else None
    form = ArticleReviewForm(
        request.POST or None,
        user=request.user,
        parties=parties,
        units=proposal.units,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            articles.article_import(article=article, actor=request.user, data=form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The records have been created from the article."))
            return redirect(article)
    ctx = {
        "article": article,
        "form": form,
        "marked": articles.highlight(article),
        "party_rows": [
            (name, form.chosen_unit(name), article.extraction.get("parties", [])[i : i + 1])
            for i, name in enumerate(form.party_names())
        ],
        "records": selectors.article_records(article),
        "extraction": article.extraction,
        "summary": selectors.extraction_summary(article.extraction),
    }
    return render(request, "articles/article_review.html", ctx)


@login_required
@require_GET
def article_json(request: HttpRequest, pk: int) -> HttpResponse:
    from django.http import JsonResponse

    article = get_object_or_404(selectors.articles_visible_to(request.user), pk=pk)
    return JsonResponse(article.extraction, json_dumps_params={"ensure_ascii": False, "indent": 2})
