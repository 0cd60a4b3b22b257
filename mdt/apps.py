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


def _mdt_names() -> list[str]:
    """An MDT's name ("Acadiana Child Advocacy MDT") is not a person's."""
    from .models import MDT

    return list(MDT.objects.values_list("name", flat=True))
