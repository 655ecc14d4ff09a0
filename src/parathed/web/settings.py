"""Django settings, driven by environment variables.

``DATABASE_URL`` (default: SQLite under ``var/``), ``SECRET_KEY``, ``DEBUG``,
``ALLOWED_HOSTS`` (comma-separated), ``PARATHED_VAR_DIR``. Production values pass
``manage.py check --deploy`` with no warnings (tests/web/test_settings.py).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("PARATHED_VAR_DIR", Path.cwd() / "var")).resolve()


def _env_bool(name: str, *, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


DEBUG = _env_bool("DEBUG", default=False)
_DEV_SECRET = "dev-only-insecure-key-never-in-production-0123456789abcdefghijklmnop"  # noqa: S105 (the dev key, refused in production)
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET)
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if host.strip()
]
_PRODUCTION = SECRET_KEY != _DEV_SECRET

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "parathed.web.accounts",
    "parathed.web.partnerships",
    "parathed.web.survey",
    "parathed.web.fieldwork",
    "parathed.web.keyfigures",
    "parathed.web.plans",
    "parathed.web.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "parathed.web.accounts.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "parathed.web.urls"
WSGI_APPLICATION = "parathed.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database() -> dict[str, Any]:
    url = os.environ.get("DATABASE_URL")
    if not url:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{VAR_DIR / 'parathed.sqlite3'}"
    config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            # WAL: readers never block the writer; IMMEDIATE: writers queue on the busy
            # timeout instead of failing at once (reliability.md §5.1).
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return {"default": config}


DATABASES = _database()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": (
            "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
        )
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "partnerships:home"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk")]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing root
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True

# Sessions: 30 minutes idle, never beyond the browser session (reliability.md S6).
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
# A session without a login is written only when it changes (accounts/sessions.py).
SESSION_ENGINE = "parathed.web.accounts.sessions"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if _PRODUCTION and not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = _env_bool("PARATHED_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- Login security (reliability.md S4-S7; the accounts app) -----------------------
# S4: at most 5 failures per username + address, then 15 minutes' pause; at most 100
# failures per hour on one account from anywhere.
PARATHED_LOGIN_FAILURE_LIMIT = 5
PARATHED_LOGIN_COOLOFF = timedelta(minutes=15)
PARATHED_LOGIN_ACCOUNT_LIMIT_PER_HOUR = 100
# Behind a reverse proxy, the META key of the header it sets with the client's
# address (e.g. HTTP_X_REAL_IP); unset, REMOTE_ADDR is used.
PARATHED_CLIENT_IP_HEADER = os.environ.get("PARATHED_CLIENT_IP_HEADER") or None
# S6: logged out 12 hours after login, however active (idle: SESSION_COOKIE_AGE).
PARATHED_SESSION_MAX_AGE = 12 * 60 * 60
# S7: our own origin only; no inline script or style, no plugins, no <base>, no frames.
PARATHED_CSP: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    "img-src": ("'self'",),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),
    "form-action": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'none'",),
    "frame-ancestors": ("'none'",),
}
MIDDLEWARE.insert(0, "parathed.web.accounts.middleware.ContentSecurityPolicyMiddleware")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "parathed.web.accounts.middleware.SessionLifetimeMiddleware",
)
# The security event log (S9): after authentication, before the session cap.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "parathed.web.accounts.middleware.SecurityEventMiddleware",
)
PARATHED_SECURITY_LOG_DAYS = 365  # events are deleted after a year (docs/security.md)
PARATHED_SECURITY_LOG_ADDRESS_DAYS = 90  # client addresses are blanked after 90 days

# Where generated reports are written by the web app.
PARATHED_REPORT_DIR = VAR_DIR / "reports"

# Imports of responses (issue #4): upload and unpacked limits (reliability.md S11).
PARATHED_IMPORT_MAX_UPLOAD_BYTES = int(
    os.environ.get("PARATHED_IMPORT_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
)
PARATHED_IMPORT_MAX_UNPACKED_BYTES = int(
    os.environ.get("PARATHED_IMPORT_MAX_UNPACKED_BYTES", 100 * 1024 * 1024)
)
PARATHED_IMPORT_MAX_ENTRIES = int(os.environ.get("PARATHED_IMPORT_MAX_ENTRIES", 1000))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"parathed": {"level": "INFO", "propagate": True}},
}
