"""App configuration for accounts."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Registers the app with Django."""

    name = "parathed.web.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"
