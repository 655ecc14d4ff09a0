"""Starts Django for the commands that need the database."""

from __future__ import annotations

import os


def setup_django(*, migrate: bool = False) -> None:
    """Configures Django from the environment and, if asked, migrates the database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parathed.web.settings")
    import django
    from django.core.management import call_command

    django.setup()
    if migrate:
        call_command("migrate", interactive=False, verbosity=0)
