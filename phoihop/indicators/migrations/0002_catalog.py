from django.db import migrations


def forwards(apps, schema_editor):
    from phoihop.indicators.catalog import catalog_load

    catalog_load(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0001_initial"),
        ("orgs", "0002_default_systems"),
        ("activities", "0002_default_kinds"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
