"""App configuration for keyfigures."""

from django.apps import AppConfig


class KeyfiguresConfig(AppConfig):
    """Registers the app with Django."""

    name = "parathed.web.keyfigures"
    label = "keyfigures"
    default_auto_field = "django.db.models.BigAutoField"
