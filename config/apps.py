from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """`config` wires the four apps together; as an app it only holds `seed_demo`."""

    name = "config"
    verbose_name = "Lantern configuration"
