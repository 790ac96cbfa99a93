from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "phoihop.accounts"

    def ready(self) -> None:
        from phoihop.accounts.enums import Role
        from phoihop.core.audit_labels import register_values

        register_values("role", Role.choices)
