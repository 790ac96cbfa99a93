"""A tổng kết read from a news article becomes a review, not only a state change."""

import datetime as dt

import pytest

from phoihop.accounts.permissions import SYSTEM
from phoihop.articles import articles
from phoihop.programs import services as program_services
from phoihop.reviews.enums import ReviewKind, ReviewState
from phoihop.reviews.models import Review
from tests.articles.conftest import ben_tre, officer  # noqa: F401
from tests.articles.test_article_import import FINAL_REVIEW

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_imported_final_review_article_opens_the_joint_review(ben_tre, officer):  # noqa: F811
    old = program_services.program_create(
        actor=SYSTEM,
        parties=[{"unit": ben_tre[0]}, {"unit": ben_tre[1]}],
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

    review = Review.objects.get(program=old)
    assert (review.kind, review.state, review.joint, review.unit) == (
        ReviewKind.FINAL,
        ReviewState.DRAFT,
        True,
        ben_tre[0],
    )
    assert (review.period_start, review.period_end, review.milestone.kind) == (
        dt.date(2018, 1, 1),
        dt.date(2023, 9, 8),
        "final_review",
    )
    assert review.narrative["situation"].startswith("Thứ Sáu, 08/09/2023")
    roles = sorted(r.role for r in article.records.all())
    assert roles == ["activity", "renewal", "review", "review_report"]
