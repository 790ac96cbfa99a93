"""Thin task wrappers: ids in → the service."""

from __future__ import annotations

import logging

from django_tasks import task

from phoihop.reviews import services

logger = logging.getLogger(__name__)


@task()
def task_generate_review_document(*, review_id: int) -> None:
    if services.review_document_generate(review_id=review_id) is None:
        logger.info("Review %s no longer exists: document not generated", review_id)
