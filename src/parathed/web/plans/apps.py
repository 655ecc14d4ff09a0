"""App configuration for plans."""

from django.apps import AppConfig


class PlansConfig(AppConfig):
    """Registers the app with Django."""

    name = "parathed.web.plans"
    label = "plans"
    default_auto_field = "django.db.models.BigAutoField"
