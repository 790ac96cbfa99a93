from django.apps import AppConfig


class CoreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "phoihop.core"

    def ready(self) -> None:
        from django.urls import register_converter

        from phoihop.core.ids import IdConverter

        # Before any URLconf is imported: every app's patterns use <id:pk> for row ids.
        register_converter(IdConverter, "id")
