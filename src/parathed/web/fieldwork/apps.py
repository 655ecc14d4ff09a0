"""App configuration for fieldwork."""

from django.apps import AppConfig


class FieldworkConfig(AppConfig):
    """Registers the app with Django."""

    name = "parathed.web.fieldwork"
    label = "fieldwork"
    default_auto_field = "django.db.models.BigAutoField"
