"""Article and ArticleRecord now belong to the articles app; their tables stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("importing", "0001_initial"),
        ("articles", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ArticleRecord"),
                migrations.DeleteModel(name="Article"),
            ],
            database_operations=[],
        ),
    ]
