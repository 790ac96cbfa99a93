from django.db import migrations


def forwards(apps, schema_editor):
    from phoihop.activities.enums import DEFAULT_KINDS

    ActivityKind = apps.get_model("activities", "ActivityKind")
    for order, (code, name) in enumerate(DEFAULT_KINDS):
        ActivityKind.objects.get_or_create(code=code, defaults={"name": name, "order": order})


def search_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from django.db import DatabaseError, transaction

    try:
        with transaction.atomic():
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                "CREATE INDEX IF NOT EXISTS activities_activity_search_trgm "
                "ON activities_activity USING gin (search_text gin_trgm_ops)"
            )
    except DatabaseError:
        pass


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS activities_activity_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RunPython(search_index, drop_search_index),
    ]
