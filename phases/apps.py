from django.apps import AppConfig


class PhasesConfig(AppConfig):
    name = "phases"
    verbose_name = "Initiatives and the six phases of community action"

    def ready(self):
        from coordination.plumbing import measures, panels, upkeep

        from .dashboard import coordinator_panel
        from .services import outcome_measures_recount

        # Bound outcome measures recount when their data changes, and hourly (a
        # 12-month window moves on with no change to the data).
        measures.on_change(lambda region_id: outcome_measures_recount(region_id=region_id))
        upkeep.register("bound outcome measures", outcome_measures_recount, every=3600)
        panels.register(
            panels.DASHBOARD,
            "coordinator's initiatives",
            template="phases/dashboard_panel.html",
            read=coordinator_panel,
        )
