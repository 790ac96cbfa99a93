from django.db import DatabaseError, migrations, transaction


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS programs_program_path_like "
        "ON programs_program (path varchar_pattern_ops)"
    )
    try:  # substring search on the folded text; optional, like the units' one
        with transaction.atomic():
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                "CREATE INDEX IF NOT EXISTS programs_program_search_trgm "
                "ON programs_program USING gin (search_text gin_trgm_ops)"
            )
    except DatabaseError:
        pass


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS programs_program_path_like")
        schema_editor.execute("DROP INDEX IF EXISTS programs_program_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
