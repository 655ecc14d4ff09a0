"""WSGI entry point for gunicorn: ``gunicorn parathed.web.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parathed.web.settings")
application = get_wsgi_application()
# Every URL module and view (reporting, charts: 1.5 s of imports) now, not on a
# worker's first request: under ``gunicorn --preload`` this runs once in the master, so
# a worker that replaces one killed mid-round serves at once.
get_resolver().url_patterns  # noqa: B018 (imports the URLconf)
