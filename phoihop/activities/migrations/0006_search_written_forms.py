"""Activities are found by every written form of every organizer (short names, abbreviations)."""

from django.db import migrations

from phoihop.core.text import fold


def refresh_search_text(apps, schema_editor):
    Activity = apps.get_model("activities", "Activity")
    Organizer = apps.get_model("activities", "ActivityOrganizer")
    forms: dict[int, list[str]] = {}
    for row in Organizer.objects.values("activity_id", "unit__search_text").order_by("pk").iterator():
        forms.setdefault(row["activity_id"], []).append(row["unit__search_text"])
    for activity in Activity.objects.select_related("kind").only(
        "pk", "title", "place", "kind__name"
    ).iterator():
        words = [activity.title, activity.place, activity.kind.name, *forms.get(activity.pk, [])]
        text = fold(" ".join(w for w in words if w))
        Activity.objects.filter(pk=activity.pk).update(search_text=text)
        Organizer.objects.filter(activity_id=activity.pk).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [("activities", "0005_organizer_copies")]

    operations = [migrations.RunPython(refresh_search_text, migrations.RunPython.noop)]
