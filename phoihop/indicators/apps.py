from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "phoihop.indicators"

    def ready(self) -> None:
        from phoihop.indicators import rollups
        from phoihop.orgs.signals import placements_changed

        def follow(sender: object, unit_ids: list[int], on: object, **kwargs: object) -> None:
            rollups.rollup_follow_placements(unit_ids=unit_ids)

        placements_changed.connect(follow, dispatch_uid="indicators_follow_placements", weak=False)
