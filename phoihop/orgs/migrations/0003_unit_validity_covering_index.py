from django.db import migrations


def forwards(apps, schema_editor):
    # Subtree queries join placements to units only to read their validity: with these
    # columns in the index, PostgreSQL answers from the index alone (bench/README.md).
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS orgs_orgunit_validity_cover "
            "ON orgs_orgunit (id) INCLUDE (valid_from, valid_to)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS orgs_orgunit_validity_cover")


class Migration(migrations.Migration):
    dependencies = [("orgs", "0002_default_systems")]

    operations = [migrations.RunPython(forwards, backwards)]
