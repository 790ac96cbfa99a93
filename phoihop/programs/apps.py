from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "phoihop.programs"

    def ready(self) -> None:
        from phoihop.orgs.signals import unit_names_changed
        from phoihop.programs import services

        def refresh(sender: object, unit: object, **kwargs: object) -> None:
            services.programs_refresh_search_for_unit(unit=unit)

        unit_names_changed.connect(refresh, dispatch_uid="programs_refresh_search", weak=False)
