"""App configuration for accounts."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "parathed.web.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"
