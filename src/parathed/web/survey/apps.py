"""App configuration for survey."""

from django.apps import AppConfig


class SurveyConfig(AppConfig):
    """Registers the app with Django."""

    name = "parathed.web.survey"
    label = "survey"
    default_auto_field = "django.db.models.BigAutoField"
