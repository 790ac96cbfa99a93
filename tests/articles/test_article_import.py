"""From a pasted article to reviewed records: proposal, import in one go, duplicates."""

import datetime as dt

import pytest
from django.urls import reverse

from phoihop.accounts.permissions import SYSTEM
from phoihop.activities.models import Activity
from phoihop.articles import articles
from phoihop.articles.models import Article
from phoihop.core.exceptions import DomainError
from phoihop.programs import services as program_services
from phoihop.programs.models import Program

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SIGNING = """Trang chủ | Tin tức | Liên hệ
Thứ Hai, 10/04/2023
LĐLĐ tỉnh Bến Tre và Hội LHPN tỉnh Bến Tre ký kết chương trình phối hợp giai đoạn 2023 - 2028
(BT) Sáng 7-4, Ban Thường vụ Liên đoàn Lao động (LĐLĐ) tỉnh và Ban Thường vụ Hội Liên hiệp Phụ nữ (LHPN) tỉnh Bến Tre tổ chức Hội nghị ký kết Chương trình phối hợp giai đoạn 2023 - 2028.
Tham dự có đồng chí Nguyễn Văn Tâm, Chủ tịch LĐLĐ tỉnh; Trần Thị Hoa, Chủ tịch Hội LHPN tỉnh.
Hai bên thống nhất ký kết chương trình phối hợp với 3 nội dung: phối hợp tuyên truyền, giáo dục nữ đoàn viên, hội viên; phối hợp chăm lo đời sống nữ công nhân, lao động; phối hợp xây dựng tổ chức Công đoàn, Hội vững mạnh.
Lượt truy cập: 12345
"""

FINAL_REVIEW = """Thứ Sáu, 08/09/2023
Hội nghị tổng kết chương trình phối hợp giai đoạn 2018 - 2023 giữa LĐLĐ tỉnh Bến Tre và Hội LHPN tỉnh Bến Tre
Chiều ngày 08/9/2023, LĐLĐ tỉnh Bến Tre và Hội LHPN tỉnh Bến Tre tổ chức Hội nghị tổng kết chương trình phối hợp giai đoạn 2018 - 2023.
Hai đơn vị thống nhất Chương trình phối hợp giai đoạn 2023 - 2028 với nhiều nhiệm vụ trọng tâm.
"""


def test_proposal_matches_units_and_proposes_a_signed_program(ben_tre, officer):
    article, created = articles.article_receive(text=SIGNING, actor=officer)

    proposal = articles.article_proposal(article, officer)

    assert created is True
    assert article.title.startswith("LĐLĐ tỉnh Bến Tre và Hội LHPN tỉnh Bến Tre ký kết")
    assert proposal.units == [ben_tre[0], ben_tre[1]]
    assert (proposal.action, proposal.initial["start_year"], proposal.initial["end_year"]) == (
        "create",
        2023,
        2028,
    )
    assert proposal.initial["signed_on"] == dt.date(2023, 4, 7)


def test_the_same_article_pasted_again_is_recognised(officer, ben_tre):
    first, _ = articles.article_receive(text=SIGNING, actor=officer)

    again, created = articles.article_receive(
        text="  " + SIGNING.replace("\n", "\n\n"), actor=officer
    )

    assert (again.pk, created) == (first.pk, False)


def test_review_page_imports_program_and_activity_in_one_go(client, ben_tre, officer):
    client.force_login(officer)
    response = client.post(reverse("articles:article_new"), {"text": SIGNING})
    article = Article.objects.get()
    page = client.get(response.url)
    form = page.context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update({"party_0": ben_tre[0].pk, "party_1": ben_tre[1].pk, "include_activity": "on"})
    data["signed_on"] = "07/04/2023"
    data["activity_date"] = "07/04/2023"

    client.post(reverse("articles:article_review", args=[article.pk]), data)

    program = Program.objects.get()
    activity = Activity.objects.get()
    article.refresh_from_db()
    assert (program.state, program.start_year, program.end_year) == ("in_effect", 2023, 2028)
    assert list(program.content_areas.values_list("title", flat=True)) == [
        "phối hợp tuyên truyền, giáo dục nữ đoàn viên, hội viên",
        "phối hợp chăm lo đời sống nữ công nhân, lao động",
        "phối hợp xây dựng tổ chức Công đoàn, Hội vững mạnh",
    ]
    assert (activity.source, activity.kind.code, activity.program_id) == (
        "article",
        "ky-ket",
        program.pk,
    )
    assert article.status == "imported"
    assert sorted(r.role for r in article.records.all()) == ["activity", "program"]


def test_a_final_review_closes_the_program_and_drafts_the_renewal(ben_tre, officer):
    old = program_services.program_create(
        actor=SYSTEM,
        parties=[{"unit": ben_tre[0]}, {"unit": ben_tre[1]}],
        content_areas=[{"title": "Tuyên truyền"}],
        title="Chương trình phối hợp giai đoạn 2018 - 2023",
        start_year=2018,
        end_year=2023,
    )
    program_services.program_sign(program=old, signed_on=dt.date(2018, 3, 1), actor=SYSTEM)
    article, _ = articles.article_receive(text=FINAL_REVIEW, actor=officer)
    proposal = articles.article_proposal(article, officer)

    articles.article_import(
        article=article,
        actor=officer,
        data={**proposal.initial, "existing_program": proposal.existing, "units": proposal.units},
    )

    old.refresh_from_db()
    renewal = Program.objects.get(predecessor=old)
    assert (proposal.action, old.state) == ("close", "superseded")
    assert (renewal.start_year, renewal.end_year, renewal.state) == (2023, 2028, "in_effect")


def test_an_import_that_fails_writes_nothing(ben_tre, officer):
    article, _ = articles.article_receive(text=SIGNING, actor=officer)
    proposal = articles.article_proposal(article, officer)
    data = {**proposal.initial, "units": proposal.units, "legal_basis_text": "Quyết định số 12/"}

    with pytest.raises(DomainError) as refused:
        articles.article_import(article=article, actor=officer, data=data)

    article.refresh_from_db()
    assert str(refused.value).startswith("Một số số hiệu được viện dẫn không hợp lệ: 12:")
    assert (Program.objects.count(), Activity.objects.count(), article.status) == (0, 0, "pending")


def test_someone_elses_article_is_404(client, ben_tre, officer, danang_union_officer):
    article, _ = articles.article_receive(text=SIGNING, actor=officer)
    client.force_login(danang_union_officer)

    response = client.get(reverse("articles:article_review", args=[article.pk]))

    assert response.status_code == 404


def test_a_signing_already_on_record_is_matched_not_duplicated(ben_tre, officer):
    program_services.program_create(
        actor=SYSTEM,
        parties=[{"unit": ben_tre[0]}, {"unit": ben_tre[1]}],
        title="Chương trình phối hợp giai đoạn 2023 - 2028",
        start_year=2023,
        end_year=2028,
    )
    article, _ = articles.article_receive(text=SIGNING, actor=officer)
    proposal = articles.article_proposal(article, officer)

    articles.article_import(
        article=article,
        actor=officer,
        data={**proposal.initial, "existing_program": proposal.existing, "units": proposal.units},
    )

    program = Program.objects.get()
    assert proposal.action == "link"
    assert list(Activity.objects.values_list("program_id", flat=True)) == [program.pk]
