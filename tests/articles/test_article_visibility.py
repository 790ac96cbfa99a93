"""“Đã đọc bài này” follows what each user may see; the review page speaks Vietnamese."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from phoihop.articles import articles, selectors
from phoihop.articles.models import Article
from tests.articles.test_article_import import SIGNING
from tests.factories.accounts import member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _import(article, actor):
    proposal = articles.article_proposal(article, actor)
    articles.article_import(
        article=article,
        actor=actor,
        data={**proposal.initial, "existing_program": proposal.existing, "units": proposal.units},
    )


def test_an_outsider_pasting_the_same_text_reads_it_afresh(ben_tre, officer, danang_union_officer):
    first, _ = articles.article_receive(text=SIGNING, actor=officer)
    _import(first, officer)

    again, created = articles.article_receive(text=SIGNING, actor=danang_union_officer)

    assert created is True
    assert again.pk != first.pk
    assert list(selectors.articles_visible_to(danang_union_officer)) == [again]


def test_the_outsider_is_not_told_about_the_earlier_reading(
    client, ben_tre, officer, danang_union_officer
):
    first, _ = articles.article_receive(text=SIGNING, actor=officer)
    client.force_login(danang_union_officer)

    response = client.post(reverse("articles:article_new"), {"text": SIGNING})

    mine = Article.objects.get(created_by=danang_union_officer)
    assert response.url == mine.get_absolute_url()
    assert [str(m) for m in get_messages(response.wsgi_request)] == []
    assert client.get(first.get_absolute_url()).status_code == 404


def test_a_colleague_who_sees_the_imported_program_is_told_it_was_read(client, ben_tre, officer):
    first, _ = articles.article_receive(text=SIGNING, actor=officer)
    _import(first, officer)
    colleague = member(ben_tre[1], "viewer", username="lhpn_bentre")
    client.force_login(colleague)

    response = client.post(reverse("articles:article_new"), {"text": SIGNING})

    day = first.created_at.strftime("%d/%m/%Y")
    assert response.url == first.get_absolute_url()
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"Bài viết này đã được đọc vào ngày {day}."
    ]
    assert Article.objects.count() == 1


def test_a_pending_article_stays_with_its_reader(ben_tre, officer):
    articles.article_receive(text=SIGNING, actor=officer)
    colleague = member(ben_tre[1], "editor", username="lhpn_bentre")

    again, created = articles.article_receive(text=SIGNING, actor=colleague)

    assert (created, again.created_by) == (True, colleague)
    assert Article.objects.count() == 2


def test_review_page_shows_the_event_and_dates_in_vietnamese(client, ben_tre, officer):
    article, _ = articles.article_receive(text=SIGNING, actor=officer)
    client.force_login(officer)

    response = client.get(article.get_absolute_url())

    page = response.content.decode()
    assert response.context["summary"].event == "Ký kết · 07/04/2023"
    assert "Ký kết · 07/04/2023" in page
    assert "signing" not in page
    assert "2023-04-07" not in page


def test_review_page_lists_the_records_by_their_vietnamese_role(client, ben_tre, officer):
    article, _ = articles.article_receive(text=SIGNING, actor=officer)
    _import(article, officer)
    client.force_login(officer)

    response = client.get(article.get_absolute_url())

    assert [role for role, _record in response.context["records"]] == [
        "Chương trình",
        "Hoạt động",
    ]


def test_extraction_summary_names_what_was_left_to_fill():
    extraction = {
        "event_kind": "final_review",
        "event_date": "2023-09-08",
        "publication_date": None,
        "parties": ["LĐLĐ tỉnh Bến Tre"],
        "phase": {"start": 2018, "end": 2023},
        "next_phase": {"start": 2023, "end": 2028},
        "signatories": [],
        "content_areas": [],
        "locations": ["Hội trường LĐLĐ tỉnh"],
    }

    summary = selectors.extraction_summary(extraction)

    assert (summary.event, summary.published, summary.phase, summary.next_phase) == (
        "Tổng kết · 08/09/2023",
        None,
        "2018–2023",
        "2023–2028",
    )
    assert summary.missing == ["ngày đăng bài", "người ký", "các nội dung phối hợp"]


def test_extraction_summary_survives_a_broken_extraction():
    summary = selectors.extraction_summary({"event_kind": "??", "event_date": "16/03/2023"})

    assert (summary.event, summary.published) == ("Sự kiện khác", None)


def test_a_huge_paste_is_refused_with_a_message_and_nothing_stored(client, ben_tre, officer):
    client.force_login(officer)

    response = client.post(reverse("articles:article_new"), {"text": "Bài viết. " * 25_000})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Bài viết quá dài (hơn 200.000 ký tự): chỉ dán phần nội dung bài."
    ]
    assert Article.objects.count() == 0
