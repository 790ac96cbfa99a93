"""Articles read into phoihop, and the records each one gave."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from phoihop.core.models import TimeStampedModel


class ArticleStatus(models.TextChoices):
    PENDING = "pending", _("To review")
    IMPORTED = "imported", _("Imported")
    DISMISSED = "dismissed", _("Dismissed")


class Article(TimeStampedModel):
    title = models.CharField(_("title"), max_length=500)
    source_name = models.CharField(_("source"), max_length=255, blank=True)
    text = models.TextField(_("text"))
    # Folded text digest: the same article pasted again (other spacing, tone marks) is found.
    # Unique per reader only: someone who cannot see an earlier reading reads it afresh.
    text_hash = models.CharField(max_length=64, db_index=True)
    extraction = models.JSONField(default=dict)
    status = models.CharField(
        _("status"), max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.PENDING
    )
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        # The table keeps the name it had when articles lived in the importing app.
        db_table = "importing_article"
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["created_by", "text_hash"], name="articles_article_text_once_per_reader"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("articles:article_review", args=[self.pk])


class ArticleRecord(models.Model):
    """A record created (or changed) from an article: its source, for the record's history."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="records")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    role = models.CharField(max_length=30)  # program, activity, document, review, renewal
    label = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)

    class Meta:
        db_table = "importing_articlerecord"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "content_type", "object_id", "role"],
                name="importing_articlerecord_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.label}"
