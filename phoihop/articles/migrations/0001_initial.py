"""Article and ArticleRecord move here from the importing app, tables and rows unchanged.

On an existing database the tables already exist (created by ``importing.0001_initial``): this
migration only takes the models into the ``articles`` state and renames their content types, so
audit entries and permissions keep pointing at them. On a fresh database ``importing.0001``
creates the tables first, and the same steps follow. ``importing.0002`` then drops the models
from the importing state, without touching the database.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ("article", "articlerecord")


def rename_content_types(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if content_type.objects.filter(app_label="articles", model=model).exists():
            continue
        content_type.objects.filter(app_label="importing", model=model).update(
            app_label="articles"
        )


def restore_content_types(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if content_type.objects.filter(app_label="importing", model=model).exists():
            continue
        content_type.objects.filter(app_label="articles", model=model).update(
            app_label="importing"
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("importing", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Article",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                        ("title", models.CharField(max_length=500, verbose_name="title")),
                        ("source_name", models.CharField(blank=True, max_length=255, verbose_name="source")),
                        ("text", models.TextField(verbose_name="text")),
                        ("text_hash", models.CharField(max_length=64, unique=True)),
                        ("extraction", models.JSONField(default=dict)),
                        ("status", models.CharField(choices=[("pending", "To review"), ("imported", "Imported"), ("dismissed", "Dismissed")], default="pending", max_length=20, verbose_name="status")),
                        ("imported_at", models.DateTimeField(blank=True, null=True, verbose_name="imported at")),
                        ("created_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "article",
                        "verbose_name_plural": "articles",
                        "ordering": ["-created_at", "-pk"],
                        "db_table": "importing_article",
                    },
                ),
                migrations.CreateModel(
                    name="ArticleRecord",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("object_id", models.PositiveBigIntegerField()),
                        ("role", models.CharField(max_length=30)),
                        ("label", models.CharField(max_length=300)),
                        ("url", models.CharField(blank=True, max_length=300)),
                        ("article", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="records", to="articles.article")),
                        ("content_type", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to="contenttypes.contenttype")),
                    ],
                    options={
                        "db_table": "importing_articlerecord",
                        "ordering": ["pk"],
                        "constraints": [models.UniqueConstraint(fields=("article", "content_type", "object_id", "role"), name="importing_articlerecord_unique")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_types, restore_content_types),
    ]
