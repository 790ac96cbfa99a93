from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "phoihop.activities"

    def ready(self) -> None:
        from phoihop.activities import services
        from phoihop.orgs.signals import unit_names_changed

        def refresh(sender: object, unit: object, **kwargs: object) -> None:
            services.activities_refresh_search_for_unit(unit=unit)

        unit_names_changed.connect(refresh, dispatch_uid="activities_refresh_search", weak=False)

        from phoihop.activities.calendar import activity_calendar_items
        from phoihop.agenda.selectors import ACTIVITY_SOURCES

        if activity_calendar_items not in ACTIVITY_SOURCES:
            ACTIVITY_SOURCES.append(activity_calendar_items)
