"""WSGI entry point for gunicorn: ``gunicorn parathed.web.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parathed.web.settings")
application = get_wsgi_application()
