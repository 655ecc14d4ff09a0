"""App configuration for partnerships."""

from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    """Registers the app with Django."""

    name = "parathed.web.partnerships"
    label = "partnerships"
    default_auto_field = "django.db.models.BigAutoField"
