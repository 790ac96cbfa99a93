from django.apps import AppConfig


class OrgsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "phoihop.orgs"

    def ready(self) -> None:
        from phoihop.core.audit_labels import register_values
        from phoihop.orgs.enums import Tier

        register_values("tier", Tier.choices)
