"""App configuration for fieldwork."""

from django.apps import AppConfig


class FieldworkConfig(AppConfig):
    name = "parathed.web.fieldwork"
    label = "fieldwork"
    default_auto_field = "django.db.models.BigAutoField"
