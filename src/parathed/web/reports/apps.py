"""App configuration for report jobs."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Registers the app with Django."""

    name = "parathed.web.reports"
    label = "reports"
    default_auto_field = "django.db.models.BigAutoField"
