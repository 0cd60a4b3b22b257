from django.apps import AppConfig


class MdtConfig(AppConfig):
    name = "mdt"
    verbose_name = "MDTs, meetings and referrals"

    def ready(self):
        from coordination.privacy.not_people import add_name_source

        add_name_source(_mdt_names)


def _mdt_names() -> list[str]:
    """An MDT's name ("Acadiana Child Advocacy MDT") is not a person's."""
    from .models import MDT

    return list(MDT.objects.values_list("name", flat=True))
