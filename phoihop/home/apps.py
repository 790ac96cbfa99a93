from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "phoihop.home"
    verbose_name = "Home"
