from django.apps import AppConfig


class MdtConfig(AppConfig):
    name = "mdt"
    verbose_name = "MDTs, meetings and referrals"

    def ready(self):
        from coordination.privacy.not_people import add_name_source

        add_name_source(_mdt_names)

        from coordination.plumbing import upkeep

        from .meetings.services import meeting_series_extend

        upkeep.register("meeting series", meeting_series_extend, every=3600)

        from coordination.plumbing import measures, panels

        from .growth.selectors import SOURCES

        for code, label, count in SOURCES:
            measures.register_source(code, label, count)

        from .dashboard import member_panel
        from .growth.selectors import region_panel
        from .setup import history as setup_history

        panels.register(
            panels.DASHBOARD, "mdt member", template="mdt/dashboard_panel.html", read=member_panel
        )
        panels.register(
            panels.REGION, "mdt growth", template="mdt/growth/region_panel.html", read=region_panel
        )
        panels.register(
            panels.REGION,
            "mdt setup",
            template="mdt/setup/region_panel.html",
            read=setup_history.region_panel,
        )


def _mdt_names() -> list[str]:
    """An MDT's name ("Acadiana Child Advocacy MDT") is not a person's."""
    from .models import MDT

    return list(MDT.objects.values_list("name", flat=True))
