from django.db import migrations


def forwards(apps, schema_editor):
    from phoihop.orgs.systems import create_default_systems

    create_default_systems(apps.get_model("orgs", "OrgSystem"), apps.get_model("orgs", "OrgLevel"))


def path_index(apps, schema_editor):
    # Prefix queries on the path (LIKE 'x%') use an index on PostgreSQL only with pattern ops.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS orgs_placement_path_like "
            "ON orgs_orgplacement (path varchar_pattern_ops)"
        )
        # Substring search (LIKE '%x%') on the folded names uses a trigram index when the
        # pg_trgm extension can be had; without it search still works, only slower.
        from django.db import DatabaseError, transaction

        try:
            with transaction.atomic():
                schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                schema_editor.execute(
                    "CREATE INDEX IF NOT EXISTS orgs_orgunit_search_trgm "
                    "ON orgs_orgunit USING gin (search_text gin_trgm_ops)"
                )
        except DatabaseError:
            pass


def drop_path_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS orgs_placement_path_like")
        schema_editor.execute("DROP INDEX IF EXISTS orgs_orgunit_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RunPython(path_index, drop_path_index),
    ]
