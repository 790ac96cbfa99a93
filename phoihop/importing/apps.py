from django.apps import AppConfig


class ImportingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "phoihop.importing"
